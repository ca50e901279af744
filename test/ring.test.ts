// The I/O ring with its in-flight status array (MISSION.md §2), on the built bundle:
// power cut at every flash operation of a 200-request workload (as littlefs's power-loss
// runner), corruption of the log, a back end that throws, a hung back end and the watchdog.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SimBoard } from '../host-sim/board';
import type { TearMode } from '../host-sim/flash';
import { loadBoard } from '../host-sim/profile';
import { bundlePath, readBundle, bundleFiles } from '../host-sim/scenario';

const N = Number(process.env.RING_REQUESTS ?? 200);
const bundles: Record<string, string> = {};
const bundle = (name: string) => (bundles[name] ??= readBundle(name));

/** The workload, stateless so that it goes on after a reboot from what the ring recovered:
 * submit request after request on port 1; the back end completes them out of order after
 * seeded delays; every execution and completion is printed. */
const workload = (n: number, seed: number, backend = '') => `
var P = 1;
cardcage.ring.serve(P, function (r, done) {
  print("EXEC " + r.id + (r.replay ? " replay" : ""));
  ${backend}
  setTimeout(function () { done(0, "ok" + r.id); }, 1 + ((r.id * ${seed * 7 + 3}) % 13));
});
cardcage.ring.onComplete(P, function (c) { print("DONE " + c.id + " " + c.status + " " + E.toString(c.data) + (c.replay ? " replay" : "")); });
setInterval(function () { var s = cardcage.ring.stats(P); if (s.nextId < ${n} && s.free > 0) cardcage.ring.submit(P, ["req" + s.nextId]); }, 2);
`;

// A callback counts as hung after real milliseconds (V8 can only stop a loop by a timeout), so
// only the test of a hung back end sets a short limit: elsewhere a slow, loaded machine must not
// decide the outcome (the default limit is host-sim/board.ts's).
function make(name: string, code: string, seed: number, cutAt = 0, tear: TearMode = 'bits', callbackLimitMs?: number) {
  const b = new SimBoard({ profile: loadBoard(name), files: bundleFiles(name), code: bundle(name) + code, stored: true, seed, callbackLimitMs });
  if (cutAt) b.flash.cutAt = cutAt;
  b.flash.tear = tear;
  b.boot();
  return b;
}
const lines = (out: string[], kind: string) => out.filter((l) => l.startsWith(kind + ' ')).map((l) => ({ id: Number(l.split(' ')[1]), replay: l.endsWith(' replay'), line: l }));

function settle(b: SimBoard, n: number) {
  for (let i = 0; i < 200 && b.eval(`(function () { var s = cardcage.ring.stats(1); return s.nextId < ${n} || s.inflight || s.waiting || s.undelivered; })()`); i++) b.runFor(100);
  return b.eval('cardcage.ring.stats(1)');
}

describe('snapshots with requests in flight', () => {
  it('every record a snapshot writes is valid: after a power cut, recovery skips nothing', () => {
    // port 1's three requests never complete; port 2's many wrap the log (snapshots carry the three)
    const work = `cardcage.ring.serve(1, function () {}); cardcage.ring.serve(2, function (r, done) { done(0); }); cardcage.ring.onComplete(2, function () {});
for (var i = 0; i < 3; i++) cardcage.ring.submit(1, ["stuck" + i]);
setInterval(function () { var s = cardcage.ring.stats(2); if (s.nextId < 300 && s.free > 0) cardcage.ring.submit(2, ["r" + s.nextId]); }, 2);`;
    for (const name of ['puckjs', 'linux']) {
      const b = make(name, work, 1);
      b.runFor(3000);
      expect(b.eval('cardcage.ring.stats(2).nextId')).toBe(300);
      b.powerCut();
      const n = b.output.length;
      b.boot();
      b.runFor(50);
      const after = b.output.slice(n);
      expect(after.filter((l) => /bad|skipped/.test(l)), name).toEqual([]);
      expect(b.eval('cardcage.runtime.errors'), name).toBe(0);
      expect(after.some((l) => /ring: recovered \d+ requests, 3 in flight/.test(l)), name).toBe(true);
    }
  });
});

describe('the ring on the Linux build, its log in Storage files', () => {
  it('survives load() and a power cycle: Espruino keeps Storage, whose files the log is', () => {
    const work = 'cardcage.ring.serve(1, function (r, done) { print("EXEC " + r.id + (r.replay ? " replay" : "")); });';
    const b = make('linux', work, 1);
    b.eval('for (var i = 0; i < 3; i++) cardcage.ring.submit(1, ["r" + i]);');
    b.runFor(50);
    b.consoleLine('load()');
    b.runFor(50);
    b.powerCut();
    b.boot();
    b.runFor(50);
    expect(b.output.filter((l) => /EXEC|ring: recovered|Storage is/.test(l)).map((l) => l.replace(/^hp \S+ /, ''))).toEqual([
      'ring: recovered 0 requests, 0 in flight, 0 completions to deliver', 'EXEC 0', 'EXEC 1', 'EXEC 2',
      'ring: recovered 3 requests, 3 in flight, 0 completions to deliver', 'EXEC 0 replay', 'EXEC 1 replay', 'EXEC 2 replay',
      'ring: recovered 3 requests, 3 in flight, 0 completions to deliver', 'EXEC 0 replay', 'EXEC 1 replay', 'EXEC 2 replay',
    ]);
    expect(b.eval('require("Storage").list().join()')).toMatch(/cardcage\.log0/);
  });
});

describe('the ring', () => {
  it(`runs ${N} requests: 3 program operations each, completions in order of completion, the status array back to all zero`, () => {
    const b = make('linux', workload(N, 1), 1);
    const s = settle(b, N);
    expect(s).toMatchObject({ nextId: N, inflight: 0, waiting: 0, undelivered: 0, free: 8 });
    const done = lines(b.output, 'DONE');
    expect(done.map((d) => d.id).sort((x, y) => x - y)).toEqual([...Array(N).keys()]);
    expect(done.every((d) => !d.replay && d.line.includes(` 0 ok${d.id}`))).toBe(true);
    expect(b.eval('cardcage.ring.stats(1).status')).toBe('0'.repeat(8));
    const perReq = b.flash.stats.programs / N;
    expect(perReq).toBeGreaterThanOrEqual(3);
    expect(perReq).toBeLessThan(3.3); // request, start, done + page headers and snapshots
    expect(b.flash.stats.overprogrammed).toBe(0);
  });

  it('stats() is a query: asking about an unused port creates nothing (nothing more to snapshot)', () => {
    const b = make('linux', '', 1);
    const before = b.memory().usage;
    expect(b.eval('JSON.stringify(cardcage.ring.stats(7))')).toBe('{"nextId":0,"inflight":0,"waiting":0,"undelivered":0,"free":8,"status":"00000000"}');
    expect(b.memory().usage).toBe(before);
    expect(() => b.eval('cardcage.ring.stats(16)')).toThrow(/port must be 0\.\.15, got 16/);
  });

  it('refuses bad requests with a clear error', () => {
    const b = make('linux', '', 1);
    expect(() => b.eval('cardcage.ring.submit(1, [])')).toThrow(/a request carries 1\.\. buffers of at most 64 bytes/);
    expect(() => b.eval('cardcage.ring.submit(1, ["x".repeat ? "x" : "", new Uint8Array(80)])')).toThrow(/at most 64 bytes/);
    expect(() => b.eval('cardcage.ring.submit(99, ["x"])')).toThrow(/port must be 0\.\.15, got 99/);
    b.eval('for (var i = 0; i < 8; i++) cardcage.ring.submit(2, ["x"])');
    // a full queue is a status, not an error: nothing written, submit again after a completion
    expect(b.eval('cardcage.ring.submit(2, ["x"])')).toBe(-1);
    expect(b.eval('cardcage.ring.stats(2).nextId')).toBe(8);
  });
});

// puckjs: 4 pages of 4 KB, so the run wraps the ring: page erases and snapshots are cut too
// (every operation of 200 requests, then every 11th of 600 requests, which erase more);
// esp32: 16 pages of 4 KB, every 5th operation; pico and linux: the log in Storage files
// (3 x 4 KB, 8 x 4 KB), whose writes are cut and torn the same way (pico: every 3rd
// operation, within the test's time on a 2-core machine).
// The cut program operation is torn in its two shapes in turn (host-sim/flash.ts): 'bits'
// (some of its bits) at the 1st, 3rd, ... cut point, 'prefix' (write unit by unit, one unit
// partly) at the 2nd, 4th, ...; RING_TEAR=bits or prefix runs one shape at every point.
const variants: [string, number, number, number][] = [['puckjs', 3, 1, N], ['puckjs', 7, 11, 3 * N], ['esp32', 5, 5, N], ['pico', 9, 3, 2 * N], ['linux', 11, 5, 2 * N]];
for (const [name, seed, every, n] of variants) describe(`power loss at every flash operation (${name}, ${n} requests)`, () => {
  const clean = make(name, workload(n, seed), seed);
  settle(clean, n);
  const total = clean.flash.ops;
  const step = Number(process.env.RING_CUT_STEP ?? every);
  const only = process.env.RING_TEAR as TearMode | undefined;
  it(`cut at each of the ${total} program/erase operations of a ${n}-request run (step ${step}; ${clean.flash.stats.erases} erases), torn (${only ?? 'bits and prefix in turn'}), reboot, run to the end`, () => {
    let cuts = 0;
    let replays = 0;
    const torn = { bits: 0, prefix: 0 };
    for (let k = 1; k <= total; k += step) {
      const tear: TearMode = only ?? (cuts % 2 ? 'prefix' : 'bits');
      const b = make(name, workload(n, seed), seed, k, tear);
      for (let i = 0; i < 400 && !b.off; i++) b.runFor(50);
      expect(b.off, `cut ${k} happened`).toBe(true);
      const cut = b.flash.lastTear;
      if (cut?.mode) torn[cut.mode]++;
      const pre = b.output.slice();
      b.boot('power back');
      const st = settle(b, n);
      const post = b.output.slice(pre.length);
      try {
        expect(post.filter((l) => /Uncaught|ERROR/.test(l))).toEqual([]);
        expect(st).toMatchObject({ nextId: n, inflight: 0, waiting: 0, undelivered: 0 });
        const preExec = lines(pre, 'EXEC');
        const preDone = new Set(lines(pre, 'DONE').map((d) => d.id));
        const inflight = preExec.filter((e) => !preDone.has(e.id)).map((e) => e.id);
        const postExec = lines(post, 'EXEC');
        // no request lost, none hung: every request completed
        const allDone = new Set([...preDone, ...lines(post, 'DONE').map((d) => d.id)]);
        expect(allDone.size).toBe(n);
        // replays only among chains in flight at the cut, resubmitted first, in start order
        const replayed = postExec.filter((e) => e.replay).map((e) => e.id);
        expect(replayed.every((id) => inflight.includes(id))).toBe(true);
        expect(replayed).toEqual(inflight.filter((id) => replayed.includes(id)));
        expect(postExec.slice(0, replayed.length).map((e) => e.id)).toEqual(replayed);
        // a chain the back end never started is executed once, not replayed
        expect(postExec.filter((e) => !e.replay).every((e) => !preExec.some((p) => p.id === e.id))).toBe(true);
        // a completion delivered again says so
        expect(lines(post, 'DONE').filter((d) => preDone.has(d.id)).every((d) => d.replay)).toBe(true);
        replays += replayed.length;
      } catch (e) {
        throw new Error(`power cut at flash operation ${k} (seed ${seed}, tear ${tear}: ${JSON.stringify(cut)}): ${(e as Error).message}\n${b.log.filter((l) => l.src === 'sim').map((l) => 'sim: ' + l.msg).concat(post.slice(0, 12)).join('\n')}`);
      }
      cuts++;
    }
    expect(cuts * step).toBeGreaterThan(3 * n);
    expect(replays).toBeGreaterThan(0);
    // both shapes were cut into program operations (an erase has no tear mode)
    if (!only) expect(Math.min(torn.bits, torn.prefix)).toBeGreaterThan(cuts / 3);
  });
});

describe('a failing back end', () => {
  it('throws: the status array shows the chain in flight and it is started again at once, marked as a replay; one that always throws completes with EIO after 3 tries', () => {
    // the back end prints the port's status array as it sees it (one position per descriptor
    // head: a fresh queue of 8 takes heads 0..7 in order)
    const b = make('linux', `
cardcage.ring.serve(1, function (r, done) {
  print("EXEC " + r.id + (r.replay ? " replay" : "") + " " + cardcage.ring.stats(1).status);
  if (r.id === 5 && !r.replay) throw new Error("backend bug");
  if (r.id === 7) throw new Error("always");
  done(0, "ok");
});
cardcage.ring.onComplete(1, function (c) { print("DONE " + c.id + " " + c.status + " " + E.toString(c.data) + (c.replay ? " replay" : "")); });
for (var i = 0; i < 8; i++) cardcage.ring.submit(1, ["r" + i]);`, 1);
    b.runFor(500);
    expect(b.boots).toBe(1);
    const inflight = (head: number) => '00000000'.slice(0, head) + '1' + '00000000'.slice(head + 1);
    const ok = (id: number) => [`EXEC ${id} ${inflight(id)}`, `DONE ${id} 0 ok`];
    const failed = (id: number, e: string) => `ring: back end failed on port 1 request ${id}: Error: ${e}; retrying the chain`;
    expect(b.output.filter((l) => /^(EXEC|DONE) |ring: (back end|port)/.test(l)).map((l) => l.replace(/^hp \S+ /, ''))).toEqual([
      ...ok(0), ...ok(1), ...ok(2), ...ok(3), ...ok(4),
      // 5 throws: still in flight, started again at once (before 6), marked as a replay; its
      // completion is not (the chain completed once; it was not delivered before)
      `EXEC 5 ${inflight(5)}`, failed(5, 'backend bug'), `EXEC 5 replay ${inflight(5)}`, 'DONE 5 0 ok',
      ...ok(6),
      // 7 always throws: 3 attempts, then EIO (5) with no data
      `EXEC 7 ${inflight(7)}`, failed(7, 'always'), `EXEC 7 replay ${inflight(7)}`, failed(7, 'always'),
      `EXEC 7 replay ${inflight(7)}`, failed(7, 'always'), 'ring: port 1 request 7 failed 3 times: EIO', 'DONE 7 5 ',
    ]);
    expect(b.eval('cardcage.ring.stats(1).status')).toBe('00000000');
    expect(b.eval('JSON.stringify(cardcage.ring.stats(1))')).toBe('{"nextId":8,"inflight":0,"waiting":0,"undelivered":0,"free":8,"status":"00000000"}');
    expect(b.output.filter((l) => /Uncaught|ERROR/.test(l))).toEqual([]);
  });

  it('hangs: the watchdog (kicked from the main loop) resets the board and recovery replays the chain', () => {
    const b = make('puckjs', `
cardcage.ring.serve(1, function (r, done) {
  print("EXEC " + r.id + (r.replay ? " replay" : ""));
  if (r.id === 3 && !r.replay) for (;;) {}
  done(0, "ok");
});
cardcage.ring.onComplete(1, function (c) { print("DONE " + c.id + (c.replay ? " replay" : "")); });
if (cardcage.ring.stats(1).nextId === 0) for (var i = 0; i < 6; i++) cardcage.ring.submit(1, ["r" + i]);`, 1, 0, 'bits', 1000);
    b.runFor(1000);
    expect(b.boots).toBe(2);
    expect(b.log.some((e) => e.msg.startsWith('watchdog reset'))).toBe(true);
    expect(b.output).toContain('EXEC 3 replay');
    // completions from before the reset may come again, marked as replays
    const done = lines(b.output, 'DONE');
    expect([...new Set(done.map((d) => d.id))].sort((x, y) => x - y)).toEqual([0, 1, 2, 3, 4, 5]);
  });

  it('E.reboot in the middle of a chain: replayed after the reboot', () => {
    const b = make('puckjs', `
cardcage.ring.serve(1, function (r, done) {
  print("EXEC " + r.id + (r.replay ? " replay" : ""));
  if (r.id === 2 && !r.replay) E.reboot();
  done(0, "ok");
});
cardcage.ring.onComplete(1, function (c) { print("DONE " + c.id + (c.replay ? " replay" : "")); });
if (cardcage.ring.stats(1).nextId === 0) for (var i = 0; i < 4; i++) cardcage.ring.submit(1, ["r" + i]);`, 1);
    b.runFor(500);
    expect(b.boots).toBe(2);
    expect(b.output.filter((l) => /^(EXEC|DONE)/.test(l))).toEqual(['EXEC 0', 'DONE 0', 'EXEC 1', 'DONE 1', 'EXEC 2', 'EXEC 2 replay', 'DONE 2 replay', 'EXEC 3', 'DONE 3']);
  });
});

describe('a power cut while recovery replays', () => {
  it('chains replayed and cut again keep their place: the next recovery still resubmits them oldest first', () => {
    // boot 1: chains 0..3 started, none finished, the board reset while 3 runs; boot 2: the
    // replays of 0 and 1 started, then a reset (as a real power cut at 1,066 ms on 2,630 JsVars
    // did: 717..726 replayed, 729..736 not yet, killed); boot 3: all four resubmitted in the
    // order they were first started. (Each start of a chain re-marked with a new start counter
    // put 0 and 1 after 2 and 3.)
    const b = make('puckjs', `
var n = (require("Storage").read("boots") || "0") | 0;
require("Storage").write("boots", "" + (n + 1));
cardcage.ring.serve(1, function (r, done) {
  print("EXEC " + r.id + (r.replay ? " replay" : ""));
  if (n === 0 && r.id === 3) E.reboot();
  else if (n === 1 && r.id === 1) E.reboot();
  else if (n > 1) done(0, "ok");
});
cardcage.ring.onComplete(1, function (c) { print("DONE " + c.id + (c.replay ? " replay" : "")); });
if (cardcage.ring.stats(1).nextId === 0) for (var i = 0; i < 4; i++) cardcage.ring.submit(1, ["r" + i]);`, 1);
    b.runFor(500);
    expect(b.boots).toBe(3);
    expect(b.output.filter((l) => /^(EXEC|DONE)/.test(l))).toEqual([
      'EXEC 0', 'EXEC 1', 'EXEC 2', 'EXEC 3',
      'EXEC 0 replay', 'EXEC 1 replay',
      'EXEC 0 replay', 'DONE 0 replay', 'EXEC 1 replay', 'DONE 1 replay', 'EXEC 2 replay', 'DONE 2 replay', 'EXEC 3 replay', 'DONE 3 replay',
    ]);
    expect(b.output.filter((l) => /Uncaught|ERROR/.test(l))).toEqual([]);
  });
});

describe('corruption of the log', () => {
  // A run leaves chains in flight (every 4th request is never completed), power goes, and
  // the log is hit by bit flips or a garbage page. Recovery must not crash, must report what
  // it skipped, and may lose only the chains whose records were hit.
  const work = `
cardcage.ring.serve(1, function (r, done) { print("EXEC " + r.id + (r.replay ? " replay" : "")); if (r.id % M !== 3 || r.replay) setTimeout(function () { done(0, "ok"); }, 2); });
cardcage.ring.onComplete(1, function (c) { print("DONE " + c.id + (c.replay ? " replay" : "")); });
setInterval(function () { var s = cardcage.ring.stats(1); if (s.nextId < N && s.free > 0) cardcage.ring.submit(1, ["req" + s.nextId]); }, 3);`;

  function hit(seed: number, what: 'flips' | 'page') {
    // a garbage page: a run long enough for the log to span several pages
    const b = make('puckjs', (what === 'page' ? 'var N = 400, M = 50;' : 'var N = 60, M = 4;') + work, seed);
    b.runFor(what === 'page' ? 6000 : 1500);
    b.powerCut();
    const pre = b.output.slice();
    const preDone = new Set(lines(pre, 'DONE').map((d) => d.id));
    const inflight = lines(pre, 'EXEC').map((e) => e.id).filter((id) => !preDone.has(id));
    const mem = b.flash.mem;
    const used = mem.findLastIndex((x) => x !== 0xff) + 1;
    let x = seed * 2654435761 >>> 0;
    const rnd = (n: number) => ((x = (Math.imul(x ^ (x >>> 15), 0x2c1b3c6d) + 0x6d2b79f5) >>> 0) % n);
    // which pages hold a request record (of port 1) of each request: record lengths walked from
    // each page's 16-byte header, before anything is hit
    const copies = new Map<number, Set<number>>();
    for (let p = 0; p * 4096 < mem.length; p++) {
      for (let o = p * 4096 + 16; o + 12 <= (p + 1) * 4096 && mem[o] !== 0xff && mem[o] >= 3; o += mem[o] * 4) {
        if (mem[o + 1] !== 1 || mem[o + 8] !== 1) continue;
        const id = (mem[o + 12] | (mem[o + 13] << 8) | (mem[o + 14] << 16) | (mem[o + 15] << 24)) >>> 0;
        if (!copies.has(id)) copies.set(id, new Set());
        copies.get(id)!.add(p);
      }
    }
    let hits = 0;
    let page = -1;
    if (what === 'flips') {
      hits = 1 + rnd(4);
      for (let i = 0; i < hits; i++) { const at = rnd(used); mem[at] ^= 1 << rnd(8); }
    } else {
      const opened = [0, 1, 2, 3].filter((p) => mem[p * 4096] !== 0xff);
      page = opened[seed % opened.length]; // each seed another page
      for (let i = 0; i < 4096; i++) mem[page * 4096 + i] = rnd(256);
    }
    b.boot('power back');
    b.runFor(1500);
    const post = b.output.slice(pre.length);
    return { b, post, inflight, hits, page, copies };
  }

  for (let seed = 1; seed <= 24; seed++) {
    it(`bit flips (seed ${seed}): detected, no crash, at most one chain lost per flip`, () => {
      const { post, inflight, hits } = hit(seed, 'flips');
      expect(post.filter((l) => /Uncaught|ERROR/.test(l))).toEqual([]);
      expect(post.some((l) => l.includes('ring: recovered'))).toBe(true);
      const replayed = new Set(lines(post, 'EXEC').filter((e) => e.replay).map((e) => e.id));
      const lost = inflight.filter((id) => !replayed.has(id));
      expect(lost.length, `lost ${lost} of in-flight ${inflight}`).toBeLessThanOrEqual(hits);
      if (lost.length) expect(post.some((l) => /bad data skipped|bad records skipped|no complete snapshot/.test(l))).toBe(true);
    });
  }
  for (let seed = 1; seed <= 6; seed++) {
    it(`a garbage page (seed ${seed}): detected, no crash, the ring goes on`, () => {
      const { post, inflight, page, copies } = hit(seed, 'page');
      expect(post.filter((l) => /Uncaught|ERROR/.test(l))).toEqual([]);
      // which requests survive: every chain in flight is replayed unless a record of its
      // request lay on the page destroyed (the others are never lost)
      const replayed = new Set(lines(post, 'EXEC').filter((e) => e.replay).map((e) => e.id));
      const lost = inflight.filter((id) => !replayed.has(id));
      expect(inflight.length).toBeGreaterThan(3);
      expect(lost.filter((id) => !copies.get(id)?.has(page)), `lost ${lost} of in-flight ${inflight}; page ${page} hit`).toEqual([]);
      expect(post.some((l) => /bad data skipped|bad header|no complete snapshot/.test(l)), post.slice(0, 8).join('\n')).toBe(true);
      // the ring goes on: new requests are taken and completed
      expect(lines(post, 'DONE').filter((d) => !d.replay).length).toBeGreaterThan(0);
    });
  }
});

describe('the log in Storage files: foreign and corrupt files, late back ends', () => {
  const run = (b: SimBoard, n: number) => {
    for (let i = 0; i < 400 && b.eval(`(function () { var s = cardcage.ring.stats(1); return s.nextId < ${n} || s.inflight || s.waiting || s.undelivered; })()`); i++) b.runFor(50);
  };
  it('files of the wrong size or with foreign bytes are reported, reused, and never crash the boot', () => {
    // the workload's length is read from Storage: 40 requests, then 700 after the reboot
    const b = make('linux', workload(700, 2).replace(/s\.nextId < 700/, 's.nextId < Number(require("Storage").read("lim") || 40)'), 2);
    run(b, 40);
    // someone else's data under the log's names: too short, and a full-size file of noise
    b.eval('require("Storage").erase("cardcage.log3"); require("Storage").write("cardcage.log3", "not a log page");');
    b.eval('var z = new Uint8Array(4096); for (var i = 0; i < 4096; i++) z[i] = (i * 7919) & 255; require("Storage").erase("cardcage.log5"); require("Storage").write("cardcage.log5", z);');
    b.eval('require("Storage").write("lim", "700")');
    b.powerCut();
    b.boot();
    run(b, 700); // wraps the 8 files: the foreign ones are written anew
    const out = b.output.join('\n');
    expect(out).toMatch(/flashlog: page 3: bad header/);
    expect(out).toMatch(/flashlog: page 5: bad header/);
    expect(out).not.toMatch(/Uncaught|Error/);
    const done = new Set(lines(b.output, 'DONE').map((d) => d.id));
    expect([...Array(700).keys()].filter((i) => !done.has(i))).toEqual([]);
    expect(b.eval('require("Storage").read("cardcage.log3").length')).toBe(4096);
  });

  it('chains recovered at boot wait for a back end the application registers later', () => {
    const b = make('linux', 'if (!cardcage.ring.stats(5).nextId) for (var i = 0; i < 3; i++) cardcage.ring.submit(5, ["r" + i]);', 1);
    b.runFor(50);
    b.powerCut();
    b.boot();
    b.runFor(50);
    expect(b.eval('JSON.stringify(cardcage.ring.stats(5))')).toBe('{"nextId":3,"inflight":0,"waiting":3,"undelivered":0,"free":5,"status":"00000000"}');
    b.eval('setTimeout(function () { cardcage.ring.serve(5, function (r, done) { print("LATE " + r.id + (r.replay ? " replay" : "")); done(0); }); }, 500);');
    b.runFor(600);
    expect(b.output.filter((l) => l.startsWith('LATE '))).toEqual(['LATE 0', 'LATE 1', 'LATE 2']);
  });
});
