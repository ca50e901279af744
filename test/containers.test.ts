// Containers (MISSION.md §5), on the built bundle in the simulator: worker counts across every
// profile, frames over links with backpressure and drops, isolation (a throwing container, a
// memory-hungry one), the restart policy, resume after a reboot and after a power cut at every
// flash operation, and migration through the management API. The hog (a container that keeps
// the event loop) is measured on the real interpreter (test/hil.test.ts): the simulator's
// clock does not move while code runs.
import { describe, expect, it } from 'vitest';
import { SimBoard } from '../host-sim/board';
import { boardNames, loadBoard } from '../host-sim/profile';
import { readBundle, bundleFiles } from '../host-sim/scenario';

type Row = { name: string; state: string; why?: string; workers: number; home: number; queued: number; sent: number; got: number; drops: number; fails: number };

// The application's side, as it would be stored after the bundle: containers whose code is
// given here, re-added at every boot. `log` gathers what their workers did.
const APP = `
var log = [];
var C = cardcage.containers;
function spec(name, o) { var s = { name: name, cost: 20, budget: 200, ifs: ['eth0', 'eth1'] }; for (var k in o) s[k] = o[k]; return s; }
/** a container that records every frame and answers on eth0 with frame+1 below 'upto' */
function echo(upto) { return function (ct) { ct.state.n = ct.state.n || 0; return { work: function (f, from, done) {
  ct.state.n++; log.push(ct.name + '<' + f + '@' + from); if (typeof f === 'number' && f < upto) ct.send('eth0', f + 1); done(); },
  export: function (s) { log.push(ct.name + ' export ' + JSON.stringify(s)); s.moved = (s.moved || 0) + 1; return s; },
  import: function (s) { log.push(ct.name + ' import ' + JSON.stringify(s)); return s; } }; }; }
`;

function board(extra = '', name = 'linux', seed = 1) {
  const b = new SimBoard({ profile: loadBoard(name), files: bundleFiles(name), code: readBundle(name) + APP + extra, stored: true, seed });
  b.boot();
  b.runFor(10);
  return b;
}
const rows = (b: SimBoard): Row[] => JSON.parse(b.eval('JSON.stringify(C.list())'));
const row = (b: SimBoard, n: string) => rows(b).find((r) => r.name === n)!;
const log = (b: SimBoard): string[] => JSON.parse(b.eval('JSON.stringify(log)'));
type Reply = { ok: boolean; data?: any; error?: string; detail?: string };
function mgmt(b: SimBoard, r: Record<string, unknown>): Reply {
  const n = b.output.length;
  b.eval(`cardcage.mgmt(${JSON.stringify(JSON.stringify({ id: 9, ...r }))})`);
  const line = b.output.slice(n).find((l) => l.startsWith('mgmt '))!;
  return JSON.parse(line.slice(5));
}

describe('workers from the CPU', () => {
  // cores x MHz/64, at most `max`, and no more than the free JsVars (above 400) pay for
  const expected: Record<string, number> = { puckjs: 1, mdbt42q: 1, pico: 1, 'espruino-wifi': 1, esp32: 6, linux: 8 };
  for (const name of boardNames()) {
    it(`${name}: ${expected[name]} worker(s) from ${loadBoard(name).cpuMHz} MHz x ${loadBoard(name).cores ?? 1} core(s)`, () => {
      const p = loadBoard(name);
      expect(Math.min(8, (p.cores ?? 1) * Math.max(1, Math.floor(p.cpuMHz / 64)))).toBe(expected[name]);
      const b = board(`C.add('w', echo(0), spec('w', { max: 8 }));`, name);
      expect(row(b, 'w')).toMatchObject({ state: 'running', workers: expected[name] });
      expect(b.output).toContain(`ct w started, ${expected[name]} workers`);
    });
  }

  it('memory bounds the count: the free JsVars above the reserve, at the declared cost per worker', () => {
    const b = board();
    const free = b.eval('process.memory().free');
    b.eval(`C.add('big', echo(0), spec('big', { cost: 300, max: 8 }))`);
    const n = row(b, 'big').workers;
    expect(n).toBeGreaterThanOrEqual(1);
    expect(n).toBeLessThan(8);
    // the count is taken once the container exists (a few JsVars under `free`)
    expect(Math.abs(n - Math.floor((free - 400) / 300))).toBeLessThanOrEqual(1);
    b.eval(`C.add('huge', echo(0), spec('huge', { cost: 4000 }))`);
    expect(row(b, 'huge')).toMatchObject({ state: 'failed', why: 'memory', workers: 0 });
  });
});

describe('frames over preset links', () => {
  it('two containers exchange frames directly; counters say what went where', () => {
    const b = board(`C.link('a.eth0', 'b.eth0'); C.add('a', echo(10), spec('a')); C.add('b', echo(10), spec('b'));`);
    // a frame from the card in slot 1 starts the exchange: the card is linked to a.eth1
    b.eval(`C.link('s1', 'a.eth1')`);
    expect(b.eval(`C.fromCard(1, 0)`)).toBe(0);
    b.runFor(50);
    expect(log(b)).toEqual(['a<0@eth1', 'b<1@eth0', 'a<2@eth0', 'b<3@eth0', 'a<4@eth0', 'b<5@eth0', 'a<6@eth0', 'b<7@eth0', 'a<8@eth0', 'b<9@eth0', 'a<10@eth0']);
    expect(row(b, 'a')).toMatchObject({ sent: 5, got: 6, drops: 0 });
    expect(row(b, 'b')).toMatchObject({ sent: 5, got: 5, drops: 0 });
  });

  it('backpressure: a full queue refuses the frame ("full"), counted as a drop; none is lost silently', () => {
    // the sink's one worker never finishes: its queue (8) fills up
    const b = board(`C.link('src.eth0', 'sink.eth0');
      C.add('sink', function (ct) { return { work: function (f, from, done) { log.push('took ' + f); } }; }, spec('sink', { max: 1 }));
      C.add('src', function (ct) { return { work: function (f, from, done) { done(); } }; }, spec('src'));
      var res = []; var api; C.add('probe', function (ct) { api = ct; return { work: function () {} }; }, spec('probe'));`);
    b.eval(`C.link('probe.eth0', 'sink.eth1')`);
    const sent = b.eval(`for (var i = 0; i < 12; i++) res.push(api.send('eth0', i)); JSON.stringify(res)`);
    b.runFor(10);
    // the queue (8) fills before the worker runs: the rest is refused
    expect(JSON.parse(sent)).toEqual([0, 0, 0, 0, 0, 0, 0, 0, 'full', 'full', 'full', 'full']);
    expect(row(b, 'sink')).toMatchObject({ got: 8, drops: 4, queued: 7 }); // one taken by the worker
    expect(log(b)).toEqual(['took 0']);
    expect(b.eval(`api.send('eth0', 99)`)).toBe(0); // room again
  });

  it('a link whose peer is gone says so at once: container stopped ("down"), card removed ("down"), no link ("no-link")', () => {
    const b = board(`var api; C.add('p', function (ct) { api = ct; return { work: function () {} }; }, spec('p'));
      C.add('q', echo(0), spec('q')); C.link('p.eth0', 'q.eth0'); C.link('p.eth1', 's2');
      var frames = []; cardcage.on('frame', function (d) { frames.push(d.slot + ':' + d.data + ':' + d.from); });`);
    expect(b.eval(`api.send('eth0', 1)`)).toBe(0);
    expect(mgmt(b, { op: 'stop', name: 'q' })).toMatchObject({ ok: true, data: { name: 'q', state: 'stopped' } });
    expect(b.eval(`api.send('eth0', 2)`)).toBe('down');
    expect(b.eval(`api.send('eth9', 2)`)).toBe('no-link');
    expect(b.eval(`api.send('eth1', 'x')`)).toBe('down'); // no card in slot 2
    b.insert(2, { type: 4 });
    b.runFor(1500);
    expect(b.eval(`api.send('eth1', 'x')`)).toBe(0);
    expect(JSON.parse(b.eval('JSON.stringify(frames)'))).toEqual(['2:x:p.eth1']);
    b.remove(2);
    b.runFor(30);
    expect(b.eval(`api.send('eth1', 'y')`)).toBe('down');
  });

  it('bad links and specs are refused with a clear error, and change nothing', () => {
    const b = board(`C.add('ok', echo(0), spec('ok')); C.link('ok.eth0', 's3');`);
    const errOf = (src: string) => b.eval(`(function () { try { ${src}; return 'no error'; } catch (e) { return e.message; } })()`);
    expect(errOf(`C.link('ok.eth0', 'x.eth0')`)).toBe('ct: cannot link ok.eth0');
    expect(errOf(`C.link('bad name', 'x.eth0')`)).toBe('ct: cannot link bad name');
    expect(errOf(`C.add('n1', 5, spec('n1'))`)).toBe('ct n1: bad start');
    expect(errOf(`C.add('n1', echo(0))`)).toBe('ct n1: bad name');
    expect(errOf(`C.add('n1', echo(0), spec('other'))`)).toBe('ct n1: bad name');
    expect(errOf(`C.add('s4', echo(0), spec('s4'))`)).toBe('ct s4: bad name');
    expect(errOf(`C.add('on', echo(0), spec('on'))`)).toBe('ct on: bad name');
    expect(errOf(`C.add('constructor', echo(0), spec('constructor'))`)).toBe('ct constructor: bad name');
    expect(errOf(`C.add('toString', echo(0), spec('toString'))`)).toBe('ct toString: bad name');
    expect(errOf(`C.add('__proto__', echo(0), spec('__proto__'))`)).toBe('ct __proto__: bad name');
    expect(errOf(`C.add('n1', echo(0), spec('n1', { cost: 0 }))`)).toBe('ct n1: bad cost');
    expect(errOf(`C.add('n1', echo(0), { name: 'n1', budget: 9 })`)).toBe('ct n1: bad cost, budget');
    expect(errOf(`C.add('n1', echo(0), spec('n1', { cost: 1.5 }))`)).toBe('ct n1: bad cost');
    expect(errOf(`C.add('n1', echo(0), spec('n1', { budget: 5000 }))`)).toBe('ct n1: bad budget');
    expect(errOf(`C.add('n1', echo(0), spec('n1', { restart: 'sometimes' }))`)).toBe('ct n1: bad restart');
    expect(errOf(`C.add('n1', echo(0), spec('n1', { ifs: ['e.0'] }))`)).toBe('ct n1: bad ifs');
    expect(errOf(`C.add('n1', echo(0), spec('n1', { home: 16 }))`)).toBe('ct n1: bad home');
    expect(errOf(`C.add('n1', echo(0), spec('n1', { max: 9 }))`)).toBe('ct n1: bad max');
    expect(errOf(`C.add('n1', echo(0), spec('n1', { port: -1 }))`)).toBe('ct n1: bad port');
    expect(rows(b).map((r) => r.name)).toEqual(['ok']);
    b.eval(`C.add('n2', echo(0), spec('n2')); C.add('n3', echo(0), spec('n3')); C.add('n4', echo(0), spec('n4'))`);
    expect(errOf(`C.add('n5', echo(0), spec('n5'))`)).toBe('ct n5: bad too many');
  });
});

describe('isolation', () => {
  it('a worker that throws is restarted after a backoff; the other containers go on', () => {
    const b = board(`C.link('bad.eth0', 'x.eth0');
      C.add('bad', function (ct) { return { work: function (f, from, done) { log.push('bad ' + f); throw new Error('no ' + f); } }; }, spec('bad', { max: 1 }));
      C.add('good', echo(0), spec('good'));
      var g; C.add('feed', function (ct) { g = ct; return { work: function () {} }; }, spec('feed'));
      C.link('feed.eth0', 'bad.eth1'); C.link('feed.eth1', 'good.eth0');`);
    b.eval(`g.send('eth0', 1); g.send('eth0', 2); g.send('eth1', 1)`);
    b.runFor(5);
    expect(log(b)).toEqual(['bad 1', 'good<1@eth0']);
    expect(row(b, 'bad')).toMatchObject({ state: 'running', fails: 1 });
    expect(b.output.some((l) => /ct bad worker 0: Error: no 1/.test(l))).toBe(true);
    b.eval(`g.send('eth1', 2)`);
    b.runFor(5);
    expect(log(b)).toEqual(['bad 1', 'good<1@eth0', 'good<2@eth0']); // the bad worker waits its backoff (100 ms)
    b.runFor(200);
    expect(log(b)).toEqual(['bad 1', 'good<1@eth0', 'good<2@eth0', 'bad 2']);
    expect(row(b, 'bad').fails).toBe(2);
  });

  it('a container over its memory budget is ended and restarted from its last saved state; the others go on', () => {
    const b = board(`C.add('hungry', function (ct) { ct.state.a = ct.state.a || []; return { work: function (f, from, done) {
        for (var i = 0; i < 10; i++) ct.state.a.push([i, i]); done(); } }; }, spec('hungry', { budget: 60 }));
      C.add('good', echo(0), spec('good'));
      var g; C.add('feed', function (ct) { g = ct; return { work: function () {} }; }, spec('feed'));
      C.link('feed.eth0', 'hungry.eth0'); C.link('feed.eth1', 'good.eth0');`);
    b.eval(`g.send('eth0', 1)`);
    b.runFor(5);
    expect(row(b, 'hungry').state).toBe('running');
    b.eval(`g.send('eth0', 2); g.send('eth1', 7)`);
    b.runFor(5);
    expect(row(b, 'hungry')).toMatchObject({ state: 'backoff', why: 'budget state' });
    expect(b.output.some((l) => / ct hungry ended budget state/.test(l))).toBe(true);
    expect(log(b)).toEqual(['good<7@eth0']);
    b.runFor(200);
    expect(row(b, 'hungry').state).toBe('running');
    expect(b.eval(`cardcage.containers.list().length`)).toBe(3);
  });

  it('a container that runs the board out of memory is interrupted, ended and reported; the board and the others go on', () => {
    const b = board(`C.add('greedy', function (ct) { return { work: function (f, from, done) {
        ct.state.a = []; for (var i = 0; i < 100000; i++) ct.state.a.push({ i: i }); done(); } }; }, spec('greedy', { restart: 'never', budget: 4000 }));
      C.add('good', echo(0), spec('good'));
      var g; C.add('feed', function (ct) { g = ct; return { work: function () {} }; }, spec('feed'));
      C.link('feed.eth0', 'greedy.eth0'); C.link('feed.eth1', 'good.eth0');`);
    b.eval(`g.send('eth0', 1)`);
    b.runFor(20);
    expect(b.output).toContain('OUT OF MEMORY');
    expect(row(b, 'greedy')).toMatchObject({ state: 'failed', why: 'out of memory' });
    b.eval(`g.send('eth1', 3)`);
    b.runFor(5);
    expect(log(b)).toEqual(['good<3@eth0']);
    expect(mgmt(b, { op: 'status' })).toMatchObject({ ok: true });
    expect(b.eval('process.memory().free')).toBeGreaterThan(800);
  });
});

describe('restart policy', () => {
  const app = (restart: string) => `var api; C.add('c', function (ct) { api = ct; log.push('start'); return { work: function (f, from, done) {
      if (f === 'throw') throw new Error('x'); if (f === 'ok') ct.exit(true); if (f === 'fail') ct.exit(false); done(); } }; }, spec('c', { max: 1, restart: '${restart}' }));
      var g; C.add('feed', function (ct) { g = ct; return { work: function () {} }; }, spec('feed')); C.link('feed.eth0', 'c.eth0');`;
  const feed = (b: SimBoard, f: string) => { b.eval(`g.send('eth0', '${f}')`); b.runFor(5); };

  it('never: a throw of its only worker fails it for good; a clean exit stops it', () => {
    const b = board(app('never'));
    feed(b, 'throw');
    expect(row(b, 'c')).toMatchObject({ state: 'failed', why: 'workers failed' });
    b.runFor(20000);
    expect(row(b, 'c').state).toBe('failed');
    expect(log(b)).toEqual(['start']);
  });

  it('on-failure: a throw restarts the worker, a failed exit the container (with backoff), a clean exit stops it', () => {
    const b = board(app('on-failure'));
    feed(b, 'throw');
    expect(row(b, 'c')).toMatchObject({ state: 'running', fails: 1 });
    b.runFor(200);
    feed(b, 'fail');
    expect(row(b, 'c')).toMatchObject({ state: 'backoff', why: 'exit' });
    b.runFor(1000);
    expect(row(b, 'c').state).toBe('running');
    expect(log(b)).toEqual(['start', 'start']);
    feed(b, 'ok');
    expect(row(b, 'c').state).toBe('stopped');
    b.runFor(20000);
    expect(row(b, 'c').state).toBe('stopped');
  });

  it('always: even a clean exit restarts it', () => {
    const b = board(app('always'));
    feed(b, 'ok');
    expect(row(b, 'c').state).toBe('backoff');
    b.runFor(1000);
    expect(row(b, 'c').state).toBe('running');
    expect(log(b)).toEqual(['start', 'start']);
  });

  it('backoff doubles while it keeps failing, up to 10 s', () => {
    const b = board(`C.add('c', function (ct) { log.push(Math.round(getTime() * 1000)); throw new Error('cannot start'); }, spec('c'));`);
    b.runFor(60000);
    const t = log(b).map(Number);
    const gaps = t.slice(1).map((x, i) => x - t[i]);
    expect(gaps.slice(0, 7)).toEqual([100, 200, 400, 800, 1600, 3200, 6400]);
    expect(Math.max(...gaps)).toBe(10000);
  });
});

describe('persistence', () => {
  const app = `C.add('keep', function (ct) { ct.state.n = ct.state.n || 0; log.push('resumed ' + ct.state.n); return { work: function (f, from, done) { ct.state.n = f; ct.save(); print('saved ' + f); done(); } }; }, spec('keep'));
    var g; C.add('feed', function (ct) { g = ct; return { work: function () {} }; }, spec('feed')); C.link('feed.eth0', 'keep.eth0');`;

  it('resumes after a reboot with its saved state; one stopped through the API stays stopped', () => {
    const b = board(app);
    b.eval(`g.send('eth0', 41)`);
    b.runFor(5);
    b.reboot('test');
    b.runFor(10);
    expect(log(b)).toEqual(['resumed 41']);
    expect(mgmt(b, { op: 'stop', name: 'keep' }).ok).toBe(true);
    b.reboot('test');
    b.runFor(10);
    expect(row(b, 'keep').state).toBe('stopped');
    expect(log(b)).toEqual([]);
    expect(mgmt(b, { op: 'start', name: 'keep' })).toMatchObject({ ok: true, data: { state: 'running' } });
    expect(log(b)).toEqual(['resumed 41']);
  });

  it('a power cut at every flash operation of 12 saves: after it, the last acknowledged state or the one being saved', () => {
    const work = `var k = 0; setInterval(function () { if (k < 12) { g.send('eth0', ++k); } }, 20); cardcage.on('error', function () {});`;
    const clean = board(app + work, 'linux', 5);
    const before = clean.flash.ops;
    clean.runFor(400);
    const total = clean.flash.ops - before;
    expect(total).toBeGreaterThanOrEqual(12); // a record per save
    let cuts = 0;
    for (let k = 1; k <= total; k++) {
      const b = new SimBoard({ profile: loadBoard('linux'), files: bundleFiles('linux'), code: readBundle('linux') + APP + app + work, stored: true, seed: 5 });
      b.boot();
      b.runFor(10);
      b.cutPowerAtFlashOp(k);
      for (let i = 0; i < 40 && !b.off; i++) b.runFor(10);
      if (!b.off) continue;
      cuts++;
      // saves acknowledged before the cut: the state is that one or the one being saved
      const acked = Math.max(0, ...b.output.filter((l) => l.startsWith('saved ')).map((l) => Number(l.slice(6))));
      b.boot('power back');
      b.runFor(10);
      const r = log(b).find((l) => l.startsWith('resumed '));
      expect(r, `cut at ${k}`).toBeDefined();
      const n = Number(r!.split(' ')[1]);
      expect([acked, acked + 1], `cut at ${k}`).toContain(n);
      expect(b.output.filter((l) => /ct: bad record|Uncaught/.test(l)), `cut at ${k}`).toEqual([]);
    }
    expect(cuts).toBeGreaterThanOrEqual(12);
  });
});

describe('migration through the management API', () => {
  const app = `C.add('svc', echo(0), spec('svc', { home: 2 }));`;
  function cage(extra = '') {
    const b = board(app + extra);
    b.insert(2, { type: 4 });
    b.insert(3, { type: 4 });
    b.insert(0, { type: 1 }); // declares no migration
    b.runFor(1500);
    return b;
  }

  it('a container runs while its card is online, and moves to another card with its state, through the cards\' hooks', () => {
    const b = board(app);
    expect(row(b, 'svc')).toMatchObject({ state: 'waiting', why: 'card' });
    b.insert(2, { type: 4 });
    b.insert(3, { type: 4 });
    b.runFor(1500);
    expect(row(b, 'svc')).toMatchObject({ state: 'running', home: 2 });
    b.eval(`cardcage.containers.list()`);
    expect(mgmt(b, { op: 'migrate', name: 'svc', to: 3 })).toMatchObject({ ok: true, data: { to: 3, moved: ['svc'] } });
    expect(row(b, 'svc')).toMatchObject({ state: 'running', home: 3 });
    expect(log(b)).toEqual(['svc export {"n":0}', 'svc import {"n":0,"moved":1}']);
    // the card it left goes: it runs on
    b.remove(2);
    b.runFor(50);
    expect(row(b, 'svc').state).toBe('running');
    // the card it is on goes: it waits for it
    b.remove(3);
    b.runFor(50);
    expect(row(b, 'svc')).toMatchObject({ state: 'waiting', why: 'card' });
    b.insert(3, { type: 4 });
    b.runFor(1500);
    expect(row(b, 'svc')).toMatchObject({ state: 'running', home: 3 });
  });

  it('a card\'s workload (every container homed on it) moves at once', () => {
    const b = cage(`C.add('svc2', echo(0), spec('svc2', { home: 2 }));`);
    expect(mgmt(b, { op: 'migrate', slot: 2, to: 3 })).toMatchObject({ ok: true, data: { moved: ['svc', 'svc2'] } });
    expect(rows(b).map((r) => r.home)).toEqual([3, 3]);
  });

  it('refusals: a card that declares no migration, no such container, not running, busy, already there', () => {
    const b = cage(`C.add('busy', function (ct) { return { work: function () {} , export: function (s) { return s; }, import: function (s) { return s; } }; }, spec('busy', { home: 2, max: 1 }));
      C.add('nohooks', function (ct) { return { work: function (f, from, done) { done(); } }; }, spec('nohooks', { home: 2 }));
      var g; C.add('feed', function (ct) { g = ct; return { work: function () {} }; }, spec('feed')); C.link('feed.eth0', 'busy.eth0');`);
    expect(mgmt(b, { op: 'migrate', name: 'svc', to: 0 })).toMatchObject({ ok: false, error: 'unsupported', detail: 'migrate' });
    expect(mgmt(b, { op: 'migrate', name: 'svc', to: 1 })).toMatchObject({ ok: false, error: 'no-card' });
    expect(mgmt(b, { op: 'migrate', name: 'nope', to: 3 })).toMatchObject({ ok: false, error: 'no-container', detail: 'nope' });
    expect(mgmt(b, { op: 'migrate', name: 'svc', to: 2 })).toMatchObject({ ok: false, error: 'bad-state' });
    expect(mgmt(b, { op: 'migrate', name: 'nohooks', to: 3 })).toMatchObject({ ok: false, error: 'unsupported', detail: 'export, import' });
    b.eval(`g.send('eth0', 1)`);
    b.runFor(5);
    expect(mgmt(b, { op: 'migrate', name: 'busy', to: 3 })).toMatchObject({ ok: false, error: 'busy', detail: 'workers' });
    expect(mgmt(b, { op: 'stop', name: 'svc' }).ok).toBe(true);
    expect(mgmt(b, { op: 'migrate', name: 'svc', to: 3 })).toMatchObject({ ok: false, error: 'bad-state' });
    expect(mgmt(b, { op: 'start', name: 'svc' })).toMatchObject({ ok: true, data: { state: 'running' } });
    expect(mgmt(b, { op: 'start', name: 'svc' })).toMatchObject({ ok: false, error: 'bad-state', detail: 'running' });
    expect(mgmt(b, { op: 'stop', name: 7 })).toMatchObject({ ok: false, error: 'no-container', detail: '7' });
    expect(mgmt(b, { op: 'stop', name: 'on' })).toMatchObject({ ok: false, error: 'no-container' });
    expect(rows(b).filter((r) => r.name !== 'feed').map((r) => r.home)).toEqual([2, 2, 2]);
  });

  it('list and status show the containers', () => {
    const b = cage();
    expect(mgmt(b, { op: 'list' }).data).toEqual(rows(b));
    expect(mgmt(b, { op: 'status' }).data.containers).toEqual(rows(b));
  });

  it('a power cut at every flash operation of a migration: afterwards on one side, never both, never neither', () => {
    const mig = `setTimeout(function () { cardcage.mgmt('{"id":1,"op":"migrate","name":"svc","to":3}'); }, 1600);`;
    const start = () => {
      const b = new SimBoard({ profile: loadBoard('linux'), files: bundleFiles('linux'), code: readBundle('linux') + APP + app + mig, stored: true, seed: 2 });
      b.boot();
      b.insert(2, { type: 4 });
      b.insert(3, { type: 4 });
      return b;
    };
    const clean = start();
    clean.runFor(1500);
    const from = clean.flash.ops;
    clean.runFor(200);
    expect(row(clean, 'svc').home).toBe(3);
    const total = clean.flash.ops - from;
    expect(total).toBeGreaterThanOrEqual(1);
    const seen = new Set<number>();
    for (let k = 1; k <= total; k++) {
      const b = start();
      b.runFor(1500);
      b.cutPowerAtFlashOp(k);
      b.runFor(200);
      expect(b.off, `cut at ${k}`).toBe(true);
      b.boot('power back');
      b.runFor(1500);
      const r = rows(b).filter((x) => x.name === 'svc');
      expect(r.length, `cut at ${k}`).toBe(1);
      expect([2, 3], `cut at ${k}`).toContain(r[0].home);
      expect(r[0].state, `cut at ${k}`).toBe('running');
      seen.add(r[0].home);
    }
    // a cut in the commit record leaves it where it was; the clean run shows it moved
    expect(seen.has(2)).toBe(true);
  });
});
