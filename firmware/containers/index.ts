// Containers (MISSION.md §5, CN108958878A): services in the guest partition, each a named unit
// with its own state, started with a number of cooperative workers decided from the board's CPU
// resources, and wired to other containers (or to a card) through preset virtual network
// interfaces, with no broker in between.
//
// - Code: `start(ct)` returns `{work: function (frame, from, done) {...}, <hooks>}`; it comes
//   from a Storage module named in the spec (`exports.start = ...`) or from the application
//   (cardcage.containers.add). `ct` is {name, state, workers, port, send, save, exit}.
// - Workers share the container's input queue: each takes one frame and is busy until it calls
//   done(); a worker that throws is restarted under the container's policy, the others go on.
// - Isolation: a container over its memory budget (JsVars of its state), one whose code runs
//   longer than HOG_MS at once, and one interrupted by Espruino running out of memory are
//   stopped and reported, and restarted under their policy; the watchdog is kicked after every
//   call into a container's code.
// - Persistence: ct.save() appends the state to the flash log (one record: name, started,
//   home, state); a reboot or power cut resumes from the last one. Migration moves a container
//   to another card with one such record as the commit point.
import { hal, profile, runtime, note, err, emit, on, fail, tableText } from '../core';
import { slotOf } from '../hotplug/slots';
import { logAppend, rec, BYTES } from '../flashlog/index';
import type { Recovery } from '../ring/index';

/** a container's declaration (boards/*.json `containers.list`, or the application's) */
export interface Spec {
  name: string;
  /** the Storage module with its code (exports.start); else the application adds it */
  code?: string;
  /** JsVars each worker costs, and the most its state may take */
  cost: number;
  budget: number;
  restart?: 'never' | 'on-failure' | 'always';
  /** its network interfaces, wired in pairs by `containers.links` */
  ifs?: string[];
  /** the slot whose card it runs for (-1: the controller): it runs while that card is online */
  home?: number;
  /** the most workers (default 4) */
  max?: number;
  /** its ring port (storage set bindings apply) */
  port?: number;
}
/** what a container's code is given */
export interface Api {
  name: string;
  state: any;
  workers: number;
  port?: number;
  send: (i: string, frame: unknown) => number | string;
  save: () => void;
  exit: (ok?: boolean) => void;
}
/** a container: a copy of its spec (its fields read as the container's own), and its run */
interface Ct extends Spec {
  /** 0 stopped, 1 failed, 2 waiting (for its code or its card), 3 backoff (a restart is due),
   * 4 running (stName); named as a slot's state number, where 4 is online: one test for both */
  k: number;
  // (base, dev, st, mod, gen, bus, seq, off, k: names other modules' fields have too, which terser
  // shortens to one letter; every use of a field costs a byte less)
  /** its home slot (list's `home`), the card it is based on */
  base: number;
  /** the object its code is given (`ct`) */
  dev?: Api;
  /** its start(), as the application gave it (else its Storage module's) */
  st?: (api: Api) => any;
  /** what its start() returned (its module): work() and its hooks */
  mod?: any;
  /** each worker: 0 idle, 1 busy, 2 down (a restart is due); a new array for each run (its
   * generation), so a done() or timer of an earlier run (holding its array) is ignored */
  gen: number[];
  /** frames waiting (its input bus): [frame, interface] */
  bus: unknown[][];
  /** failures in a row (list's `fails`) */
  seq: number;
  /** frames sent, received, refused (queue full) (list's sent, got, drops): three fields, not
   * an array (2 JsVars less) */
  tx: number;
  rx: number;
  lost: number;
  /** why it is off: what it waits for, why it failed (list's `why`; none while it runs) */
  off?: string;
}

const RUNNING = 4;
const WAITING = 2;
const T_CT = 11;
/** a container's record (name, started, home, state as JSON) may take this many bytes */
const REC = 128;
/** the containers the flash log makes room for */
const MAX = 4;
const QMAX = 8;
const HOG_MS = 250;
/** JsVars left to the runtime when workers are counted */
const RESERVE = 400;

// (all `let`: one statement in the bundle)
/** the containers, found by name (an array: no name every object has can be taken for one) */
let cts: Ct[] = [],
  /** the last record of each container, as JSON: what a reboot or restart resumes from */
  pers: { [name: string]: string } = {},
  /** the links' endpoints in pairs, flat: the peer of links[k] is links[k ^ 1] */
  links: string[] = [],
  /** the container whose code runs now: still set after Espruino interrupted it */
  cur: Ct | undefined,
  armed: unknown,
  /** ms spent in containers' code since `since`: the load they put on the event loop */
  busy = 0,
  /** (set at boot) */
  since: number;

// ---------------------------------------------------------------- the flash log
/** the container's last record: [name, started, home, state] (none: started, at `home`) */
function last(name: string, home?: number) {
  return pers[name] ? JSON.parse(pers[name]) : [name, 1, home, {}];
}
/** The containers' records in the flash log (one function: each holds JsVars for good):
 * - write(a), `a` a record [name, started, home, state]: appended (where the flash log runs);
 * - what the flash log asks of the containers: a record of type `t` replayed (theirs: T_CT),
 *   or, called with none, a snapshot (every container's last record again). Recovery's reset
 *   is a snapshot too: it runs once, at boot, when no record is kept yet (nothing to clear,
 *   nothing written). */
function write(t?: number | unknown[], b?: Uint8Array) {
  if (t === T_CT) {
    const s = hal.sys.str(b!);
    try {
      const a = JSON.parse(s);
      // persisted state is untrusted: its shape is checked before it is used (a name, a home
      // that is an int: only indexed, as an array or an object with those keys alike)
      if (a[0] === '' + a[0] && a[2] === (a[2] | 0)) return (pers[a[0]] = s.trim());
    } catch (e) {
      // refused below
    }
    err(-1, 'ct: bad record');
  } else if (!t) for (const n in pers) write(last(n));
  // (an array: a record to append; another owner's type, a number: none of theirs)
  else if ((t as unknown[]).pop) {
    const j = JSON.stringify(t);
    // (a char past REC: too long)
    if (j[REC]) fail('too-big', 'state');
    // (main sets ringFault whenever the flash log could not start: it runs where that is '')
    if (runtime.ringFault) return;
    const r = rec(T_CT, j.length);
    // JSON allows the spaces that pad it: after the text, 0..3 bytes to the last word (its CRC,
    // which logAppend writes over what runs into it)
    r.set(BYTES(j + '   '), 8);
    logAppend(r);
    pers[(t as string[])[0]] = j;
  }
}

// ---------------------------------------------------------------- running code
/** Runs a container's code: timed (the loop's load; a hog), the watchdog kicked after. `cur`
 * stays set when Espruino interrupts it (out of memory): the next pass, armed before the call,
 * finds it. run() with no container only arms the next pass (one function less: each holds
 * JsVars for good). */
function run(c?: Ct, f?: (...a: any[]) => any, args?: unknown[]) {
  // (armed: the timer's id, never 0)
  if (!armed) armed = hal.clock.after(pump, 0);
  if (!c) return;
  cur = c;
  let d = -hal.clock.now();
  let r;
  let bad;
  try {
    // `this`: what its start() returned (while start() runs: none yet)
    r = f!.apply(c.mod, args!);
  } catch (e) {
    bad = e || 'error';
  }
  cur = undefined;
  busy += d += hal.clock.now();
  hal.sys.kick();
  if (bad) throw bad;
  if (d > HOG_MS) fail('hog', (d | 0) + ' ms');
  return r;
}

/** One pass over every container: idle workers take frames, up to QMAX a container (then the
 * loop's timers go first). */
function pump() {
  /** Worker k takes the next frame (nested: a top-level function holds some 6 JsVars of a
   * board's RAM for good; a call of its own: its closures keep this k). A throw is that
   * worker's (restarted under the policy, the others go on), what the runtime refused (a hog,
   * over budget) the container's. */
  function take(c: Ct, k: number) {
    const w = c.gen;
    /** the worker is free again (now this run's) */
    const idle = () => {
      w[k] = 0;
      run();
    };
    w[k] = 1;
    try {
      // the frame, its interface, and done()
      run(c, c.mod.work, c.bus.shift()!.concat(() => {
        if (w === c.gen && w[k] === 1) {
          c.seq = 0;
          idle();
        }
      }));
      // (over budget: the container ends; ended meanwhile, `c.dev.state` throws, ignored below)
      if (hal.sys.size(c.dev!.state) > c.budget) end(c, tableText('budget state'));
    } catch (e: any) {
      // (still running: it has its api; ended meanwhile, by its code or the runtime, none)
      if (c.dev) {
        // (run() throws nothing falsy)
        if (e.code) end(c, e.code + ' ' + e.detail);
        else {
          w[k] = 2;
          // (a worker's throw is a failure: restarted unless the policy is never)
          if (!report(c, tableText(' worker ') + k + ': ' + e, 1, idle) && w.every((x) => x > 1)) end(c, tableText('workers failed'));
        }
      }
    }
  }

  armed = 0;
  // Espruino interrupted a container's code (out of memory): ended (its state goes first, so
  // the runtime has memory to go on with)
  if (cur) end(cur, 'out of memory');
  cur = undefined;
  // (frames wait only while it runs: end() empties its bus)
  for (const c of cts) for (let m = QMAX, k; m-- && c.bus[0] && ~(k = c.gen.indexOf(0)); ) take(c, k);
}
/** A container's or a worker's end, reported ('ct <name>' and `text`), and under its restart
 * policy (`why`: a failure; none, a clean exit) `fn` again after a backoff (100 ms, doubling
 * up to 10 s): then it returns the timer (never 0). One function for both: the policy and the
 * report in one place. */
function report(c: Ct, text: string, why: unknown, fn: (c: Ct) => void) {
  err(-1, 'ct ' + c.name + text);
  const r = c.restart;
  const w = c.gen;
  if (r === 'always' || (r !== 'never' && why))
    return hal.clock.after(() => {
      if (c.gen === w) fn(c);
    }, ++c.seq > 7 ? 10000 : 50 << c.seq);
}

/** The container's run stops: with `st` (stopped, failed, waiting), that is all; without, it
 * ended (`why`: a failure; '' a clean exit): reported, and restarted under its policy (after a
 * backoff), else stopped or failed. */
function end(c: Ct, why?: string, st?: number) {
  // (why: a reason given back, from the message table (tableText), but 'out of memory': a
  // literal, as reading the table takes JsVars)
  // its state first: after an out of memory, what follows needs a few JsVars
  c.mod = c.dev = undefined;
  c.bus = [];
  c.gen = [];
  c.off = why;
  if ((c.k = st!) === undefined) {
    c.k = +!!why;
    if (report(c, tableText(' ended ') + why, why, start)) c.k = 3;
  }
}

/** Starts a container: it waits for its card (home) and for its code; else its workers are
 * counted and its start() run, with the state it last saved. */
function start(c: Ct) {
  let f;
  // (base: an int, -1 the controller; a slot's k: 4 is online; a slot the board has not, never)
  const on = c.base < 0 || (slotOf(c.base) || (0 as never)).k === RUNNING;
  end(c, on ? 'code' : 'card', WAITING);
  if (!on) return;
  // one try: a throw before its start() is found is its module not in Storage (yet: it waits;
  // so is require(undefined), a spec with no code: its code comes from add()), after, its
  // start() failing (it ended)
  try {
    f = c.st || hal.sys.mod(c.code!).start;
    if (!f) return;
    // Workers: by CPU, cores × MHz/64 (1 on a 64 MHz nRF52, 6 on a dual-core 240 MHz ESP32),
    // less the share of the event loop containers already take; then no more than the free
    // JsVars (above RESERVE) pay for at the container's cost per worker, nor its `max`.
    // (MHz >> 6: MHz/64 truncated; the load, busy / the time since boot, cannot pass 1: so
    // `|| 1` is at least 1; one `| 0` for the least: it truncates the least of the three as it would each)
    const n = Math.min(c.max || 4, (profile.cores * ((profile.cpuMHz >> 6) || 1) * (1 - busy / (hal.clock.now() - since || 1))) | 0 || 1, (hal.sys.memory().free - RESERVE) / c.cost) | 0;
    if (n < 1) return end(c, tableText('memory'), 1);
    c.dev = { name: c.name, state: last(c.name)[3] || {}, workers: n, port: c.port, send: send, save: save, exit: exit };
    // (n is at least 1; push gives the new length)
    while (c.gen.push(0) < n);
    // (run() arms the pass that takes the frames waiting)
    // (no work(): it ended, as a throw of its start() would)
    if (!(c.mod = run(c, f, [c.dev]) || 0).work) return end(c, 'work');
    c.k = RUNNING;
    delete c.off;
    hal.print('ct ' + c.name + ' started, ' + n + ' workers');
  } catch (e) {
    if (f) end(c, '' + ((e as any).detail || e));
  }
}

// ---------------------------------------------------------------- what the code calls
/** ct.save(): the state into the flash log, where a reboot resumes from */
function save(this: Api) {
  write([this.name, 1, (find(this) || fail('bad-state', 'ended')).base, this.state]);
}
/** ct.exit(ok): the container ends (a failure unless ok) */
function exit(this: Api, ok?: boolean) {
  const c = find(this);
  if (c) end(c, ok ? '' : 'exit');
}

/** A frame from an endpoint straight to its peer's input queue (a card's: the application's
 * 'frame' event): ct.send(interface, frame), from the container's interface "name.if" (`this`:
 * its api), and cardcage.containers.fromCard(i, frame), from the card in slot i "si" (`this`:
 * the containers object, with no name; one function for both: each holds JsVars for good).
 * 0, or 'no-link'; 'down': the peer is gone (card removed, container stopped); 'full': its
 * queue is full (the frame is dropped and counted). */
function send(this: { name?: string }, e: string | number, frame: unknown): number | string {
  const me = this.name;
  const from = me ? me + '.' + e : 's' + e;
  // (none: -1 ^ 1 is -2, no endpoint)
  const to = links[links.indexOf(from) ^ 1];
  if (!to) return 'no-link';
  // "name.if", or the card in slot N: "sN"
  const p = to.split('.');
  const f = p[1];
  const i = +to.slice(1);
  // (a container running, a card online: both have k 4)
  const c = f ? find(p[0]) : (slotOf(i) as any);
  if (!c || c.k !== RUNNING) return 'down';
  if (!f) emit('frame', { slot: i, data: frame, from: from });
  // (a frame waits as [frame, interface]: never falsy)
  else if (c!.bus[QMAX - 1]) return c!.lost++, 'full';
  else {
    c!.bus.push([frame, f]);
    c!.rx++;
    run();
  }
  // (a container's: sent, counted)
  if (me) find(me).tx++;
  return 0;
}

// ---------------------------------------------------------------- the API
/** (also management's) */
export const isArray = Array.isArray;
/** an integer lo..hi, or lo..2147483647 (`v | 0` is v only for a number, an int32): add()'s
 * and management's requests' (one function: each holds JsVars for good) */
export function int(v: any, lo: number, hi?: number) {
  return v === (v | 0) && v >= lo && !(v > hi!);
}
/** an endpoint: "name.if" (a container's interface) or "sN" (the card in slot N); also what
 * checks a container's name ("name.a") and its interfaces' ("a.if") */
function endpoint(e: string) {
  return /^([a-z][a-z\d-]*\.[a-z\d]+|s\d+)$/i.test(e);
}
/** the name of its state (made when asked: an array kept holds 14 JsVars) */
function stName(c: Ct) {
  return ['stopped', 'failed', 'waiting', 'backoff', 'running'][c.k];
}
/** the container named `name`, or running with the api `name` (one of an earlier run has
 * none): undefined if none, or with `must`, a refusal */
function find(name: unknown, must?: 1): Ct {
  return cts.find((c) => c.name === name || (name && c.dev === name)) || (must && fail('no-container', '' + name))!;
}
function make(s: Spec) {
  const p = last(s.name, s.home === undefined ? -1 : s.home);
  // (a copy: the application's object stays its own)
  const c: Ct = Object.assign({}, s, { base: p[2], seq: 0, tx: 0, rx: 0, lost: 0 }) as Ct;
  // its run's fields, and its state: waiting, or stopped through the API
  // (started: 1, waiting; else 0, stopped)
  end(c, undefined, p[1] && WAITING);
  cts.push(c);
  return c;
}

/** The application gives a container's code: one the profile declares, or a new one with its
 * spec. It starts unless it was stopped. */
export function add(name: string, f: (api: Api) => any, s?: Spec) {
  let c = find(name);
  let bad = f instanceof Function ? '' : 'start';
  if (!c) {
    // a new one: the spec, as boards/profile.schema.json checks the profile's (the name: 16
    // chars at most, no 17th; no "sN", a card's endpoint, which is what endpoint() takes
    // without a dot; none every object has; the ints: {field: range}, in that order, the last
    // bad one named; the least is 1, but home's -1 and port's 0)
    bad =
      !s || s.name !== name || !endpoint(name + '.a') || name[16] || (name[0] === 's' && endpoint(name)) || name in {}
        ? 'name'
        : !s.cost || !s.budget
          ? tableText('cost, budget')
          : [undefined, 'never', 'on-failure', 'always'].indexOf(s.restart) < 0
            ? tableText('restart')
            : s.ifs && !(isArray(s.ifs) && s.ifs.every((i: string) => endpoint('a.' + i) && i.length < 9))
              ? 'ifs'
              : cts[MAX - 1] // (MAX already)
                ? tableText('too many')
                : bad;
    // (each field's range as one number: its most × 4, plus its least + 1 (0..2))
    const ints: { [k: string]: number } = { cost: (4000 << 2) | 2, budget: (4000 << 2) | 2, home: 15 << 2, max: (8 << 2) | 2, port: (15 << 2) | 1 };
    for (const k in ints) {
      const v = s && (s as any)[k];
      if (v !== undefined && !int(v, (ints[k] & 3) - 1, ints[k] >> 2)) bad = k;
    }
    if (!bad) c = make(s!);
  }
  if (bad) throw Error('ct ' + name + ': bad ' + bad);
  c!.st = f;
  if (c!.k === WAITING) start(c!);
}
/** wires two endpoints ("name.if", or "sN": the card in slot N), each in one link at most */
export function link(a: string, b: string) {
  for (const e of [a, b]) if (!endpoint(e) || ~links.indexOf(e)) throw Error('ct: cannot link ' + e);
  links.push(a, b);
}
export { send as fromCard };
export function list() {
  return cts.map((c) => ({ name: c.name, state: stName(c), why: c.off, workers: c.gen.length, home: c.base, queued: c.bus.length, sent: c.tx, got: c.rx, drops: c.lost, fails: c.seq }));
}
/** the management API's start (`on`) and stop, kept in the flash log (a container stopped
 * stays stopped after a reboot) */
export function ctRun(name: string, on: boolean) {
  // (found: `name` is its name)
  const c = find(name, 1);
  if (on && c.k > 1) fail('bad-state', stName(c));
  write([name, +on, c.base, c.dev ? c.dev.state : last(name)[3]]);
  if (on) start(c);
  else end(c, undefined, 0);
  return stName(c);
}
/** Moves a running container to the card in slot `to`: its state from the export hook
 * `hook` names for its home (the card's descriptor: asked first, its refusal before any of
 * these), one record in the flash log (the commit point: a power cut before it leaves the
 * container where it was, after it where it went), then into the hook `im`. */
export function migrate(name: string, to: number, hook: (home: number) => string, im: string) {
  // (found: `name` is its name)
  const c = find(name, 1);
  const x = c.mod;
  const ex = hook(c.base);
  if (c.k !== RUNNING || c.base === to) fail('bad-state', stName(c) + ' s' + c.base);
  if (~c.gen.indexOf(1)) fail('busy', 'workers');
  if (!(x[ex] instanceof Function && x[im] instanceof Function)) fail('unsupported', ex + ', ' + im);
  const s = run(c, x[ex], [c.dev!.state]);
  write([name, 1, to, s]);
  c.base = to;
  c.dev!.state = run(c, x[im], [s]) || s;
  note(-1, 'ct ' + name + ' migrated to s' + to);
}

/** The profile's containers and links; the cards' online and offline (a container runs while
 * its card is online). Returns what recovery needs to rebuild the containers' records: room
 * for MAX of them in the flash log. */
/*! boot */
export function ctInit(): Recovery {
  on('add', card);
  on('remove', card);
  return { reset: write, replay: write, snap: write, bytes: MAX * (12 + REC), big: 12 + REC };
}
/** what the containers' records may take in the flash log, and their largest (the build's
 * check of a profile's log) */
export const CT_LOG = [MAX * (12 + REC), 12 + REC];
/** a card came online (its device exists) or went: the containers homed on it that wait start,
 * those running stop (start() finds the card gone: they wait for it). With none (at boot):
 * every container waiting starts. Module-level, not a closure made at boot: that would keep
 * every boot-only function. */
function card(d?: { slot: number }) {
  const st = d && !slotOf(d.slot)!.dev ? RUNNING : WAITING;
  for (const c of cts) if ((!d || c.base === d.slot) && c.k === st) start(c);
}
/** after recovery: the profile's containers start (those stopped through the API stay so) */
/*! boot */
export function ctBoot() {
  since = hal.clock.now();
  const C = profile.containers;
  if (C) {
    C.list.forEach(make);
    // (pairs, flat)
    links = links.concat.apply(links, C.links);
  }
  card();
}
