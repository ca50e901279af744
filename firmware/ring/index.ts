// The I/O ring (MISSION.md §2, CN107807843B): per port a virtio-style split ring between the
// guest's front end and the host's back end, with the in-flight status array exactly as
// claimed — when the back end starts a chain it sets status[head] to 1, a value different
// from the initial value (0) of every position, and sets it back to 0 when it finishes.
// The ring and the status array are backed by the flash log: a request record when the front
// end submits, a start mark when the back end starts, a done mark when it finishes — three
// program operations per request, no erase per request. Recovery (at boot, and when the back
// end throws) rebuilds every queue from flash: chains in flight resubmitted first in the order
// they were started (a start counter, as vhost-user's inflight tracking), then the submitted
// but not started in submission order; completions not yet received are delivered again.
// Execution is at least once; a completion says whether it is a replay.
import { hal, profile, runtime, note, err } from '../core';
import type { Profile } from '../profile';
import { log, logAppend, logOpen, logSnapshot, put32, rec, u32, W, SNAP_END } from '../flashlog/index';

const T_REQ = 1;
const T_START = 2;
const T_DONE = 3;
const T_COUNTERS = 4;
/** a chain the back end failed on this many times completes with EIO instead */
const MAX_ATTEMPTS = 3;
export const EIO = 5;

export interface Req {
  id: number;
  head: number;
  bufs: Uint8Array[];
  attempt: number;
  counter: number;
  done?: { used: number; status: number; data: Uint8Array };
  /** executed or completed before a recovery */
  replay?: boolean;
}
export interface Completion {
  port: number;
  id: number;
  status: number;
  data: Uint8Array;
  replay: boolean;
}
export interface Queue {
  port: number;
  size: number;
  /** descriptor table: the next descriptor of each (-1: the chain ends); the buffers are the
   * request's. Typed arrays: Espruino indexes them directly, a plain array by walking it */
  next: Int16Array;
  free: number[];
  /** available ring (front end -> back end) */
  avail: Uint16Array;
  availIdx: number;
  lastAvail: number;
  /** used ring (back end -> front end): heads in completion order */
  used: Uint16Array;
  usedIdx: number;
  /** completions the front end has received */
  usedSeen: number;
  /** the in-flight status array */
  status: Uint8Array;
  byHead: (Req | undefined)[];
  /** requests recovered beyond the queue's descriptors: admitted as descriptors free up */
  wait: Req[];
  nextId: number;
  serve?: (r: { port: number; id: number; bufs: Uint8Array[]; replay: boolean }, done: (status: number, data?: Uint8Array | string) => void) => void;
  onDone?: (c: Completion) => void;
  cbs: { [id: string]: ((c: Completion) => void) | undefined };
}
/** Another owner of records in the flash log (storage), as recovery sees it: its state reset
 * and rebuilt from its records, its part of every snapshot, and the most its part of a
 * snapshot can take. */
export interface Recovery { reset: () => void; replay: (type: number, body: Uint8Array) => void; snap: () => void; bytes: number; big: number }

interface RingState {
  /** each port's queue, made when the port is first used */
  q: (Queue | undefined)[];
  /** start counter: the order chains were started in (recovery resubmits in that order) */
  counter: number;
  badRecords: number;
  recoveries: number;
  /** a pump is scheduled */
  armed: boolean;
  /** requests the log holds (submitted, completion not yet received) */
  held: number;
}
/** The ring: made by ringRecover at boot (rebuilt from flash), and made again at every
 * recovery (a stale callback compares against it); undefined where the flash log could not
 * start (runtime.ringFault says why). */
let ring: RingState | undefined;
/** the other owners' snapshot writers */
let snaps: (() => void)[] = [];

function bytes(x: Uint8Array | string | undefined): Uint8Array {
  if (x === undefined) return new Uint8Array(0);
  return typeof x === 'string' ? BYTES(x) : x;
}
// looked up once at recovery: each property lookup on the hot path is interpreted
let BYTES: (s: string) => Uint8Array;
let MAXP = 0;
/** how many requests the log can hold (logRoom): submit admits no more */
let ROOM = 0;
/** submit's refusals: the port's queue has no free descriptors; the log holds all it can */
export const QUEUE_FULL = -1;
export const LOG_FULL = -2;

const r4 = (n: number) => (n + 3) & ~3;
/** How many requests the flash log can hold, each with a full payload: a snapshot of them all,
 * of every queue's counters, and of the other owners' `other` bytes (largest record `big`)
 * must fit in half its pages, since the last snapshot stays live while the next is written.
 * Records do not span pages: each page may leave a largest record's room unused. */
/*! boot */
export function logRoom(p: Profile, other: number, big: number) {
  const Q = p.ring.queueSize;
  const P = p.ring.maxPayload;
  const fl = p.flash;
  const pages = fl.files || (fl.region.length / fl.pageSize) | 0;
  const req = 12 + r4(12 + Q + P); // a request: its fields, a length byte per buffer, the payload
  const per = req + 28 + 12 + r4(12 + P); // + its start mark + its done mark with data
  const most = Math.max(req, 276, big); // 276: the counters of 16 queues
  return Math.floor(((pages >> 1) * (fl.pageSize - 12 - most) - 32 - 276 - other) / per);
}

function newQueue(port: number): Queue {
  const n = profile.ring.queueSize;
  const q: Queue = { port: port, size: n, next: new Int16Array(n), free: [], avail: new Uint16Array(n), availIdx: 0, lastAvail: 0, used: new Uint16Array(n), usedIdx: 0, usedSeen: 0, status: new Uint8Array(n), byHead: [], wait: [], nextId: 0, cbs: {} };
  for (let i = n - 1; i >= 0; i--) q.free.push(i);
  return q;
}

function running() {
  if (!ring) throw new Error('ring: not running on this board (' + runtime.ringFault + ')');
}
function checkPort(port: number) {
  running();
  if (!(port >= 0 && port < 16 && port === (port | 0))) throw new Error('ring: port must be 0..15, got ' + port);
}
function queue(port: number): Queue {
  const q = ring && ring.q[port];
  if (q) return q; // the hot path: a port in use
  checkPort(port);
  return (ring!.q[port] = newQueue(port));
}

// ---------------------------------------------------------------- records
// Each is built in place in the record logAppend writes (body from offset 8).
function reqRec(q: Queue, r: Req) {
  let n = 12;
  const bs = r.bufs;
  for (let i = 0; i < bs.length; i++) n += 1 + bs[i].length;
  const b = rec(T_REQ, n);
  b[8] = q.port;
  b[9] = r.head;
  b[10] = bs.length;
  W[3] = r.id;
  W[4] = q.usedSeen;
  let o = 20;
  for (let i = 0; i < bs.length; i++) { b[o++] = bs[i].length; b.set(bs[i], o); o += bs[i].length; }
  return b;
}
function startRec(q: Queue, head: number, attempt: number, id: number, counter: number) {
  const b = rec(T_START, 16);
  b[8] = q.port;
  b[9] = head;
  b[10] = attempt;
  W[3] = id;
  W[4] = counter;
  W[5] = q.usedSeen; // the front end's acknowledgements ride along
  return b;
}
function doneRec(q: Queue, head: number, id: number, used: number, status: number, data: Uint8Array) {
  const b = rec(T_DONE, 12 + data.length);
  b[8] = q.port;
  b[9] = head;
  b[10] = status;
  b[11] = data.length;
  W[3] = id;
  W[4] = used;
  b.set(data, 20);
  return b;
}

/** the live state, written again into a snapshot */
function snapshot() {
  // (nested: snapshots are rare, and a top-level function holds some 6 JsVars for good)
  function snapReq(q: Queue, r: Req) {
    logAppend(reqRec(q, r));
    if (r.attempt) logAppend(startRec(q, r.head, r.attempt, r.id, r.counter));
    if (r.done) logAppend(doneRec(q, r.head, r.id, r.done.used, r.done.status, r.done.data));
  }
  let nq = 0;
  ring!.q.forEach((q) => {
    if (!q) return;
    nq++;
    // (loops, not filter/concat: a snapshot can come when RAM is tightest)
    for (let h = 0; h < q.size; h++) if (q.byHead[h]) snapReq(q, q.byHead[h]!);
    for (let i = 0; i < q.wait.length; i++) snapReq(q, q.wait[i]);
  });
  // the counters ride in a record of their own type just before SNAP_END, made after the
  // requests' records: a record is sealed through the view the last rec() made (W)
  const c = rec(T_COUNTERS, 8 + 16 * nq);
  put32(c, 12, ring!.counter);
  c[8] = nq;
  let k = 0;
  ring!.q.forEach((q) => {
    if (!q) return;
    const o = 16 + 16 * k++;
    c[o] = q.port;
    put32(c, o + 4, q.nextId);
    put32(c, o + 8, q.usedSeen);
    put32(c, o + 12, q.usedIdx);
  });
  logAppend(c);
}

// ---------------------------------------------------------------- recovery
// Replay keeps, per port, only the requests whose completion the front end has not yet
// acknowledged: at most a queue's worth, wherever the log stands (recovery's memory is bounded
// by the queue sizes and the ports in use, not by the length of the live log).
type Live = { [id: string]: Req };

/*! boot */
function seen(live: Live, q: Queue, n: number) {
  if (n <= q.usedSeen) return;
  q.usedSeen = n;
  for (const k in live) { const r = live[k]; if (r.done && r.done.used < n) delete live[k]; }
}

/*! boot */
function replayRecord(acc: Live[], t: number, b: Uint8Array) {
  const R = ring!;
  if (t === T_COUNTERS) {
    if (u32(b, 4) > R.counter) R.counter = u32(b, 4);
    for (let i = 0; i < b[0] && 8 + 16 * i + 16 <= b.length; i++) {
      const o = 8 + 16 * i;
      if (b[o] >= 16) continue;
      const q = queue(b[o]);
      const live = acc[q.port] || (acc[q.port] = {});
      if (u32(b, o + 4) > q.nextId) q.nextId = u32(b, o + 4);
      if (u32(b, o + 12) > q.usedIdx) q.usedIdx = u32(b, o + 12);
      seen(live, q, u32(b, o + 8));
    }
    return;
  }
  if (t !== T_REQ && t !== T_START && t !== T_DONE) return;
  // validate what flash says before trusting it
  if (b.length < 12 || b[0] >= 16) return R.badRecords++;
  const q = queue(b[0]);
  const live = acc[q.port] || (acc[q.port] = {});
  const id = u32(b, 4);
  let r = live[id];
  if (t === T_REQ) {
    const bufs: Uint8Array[] = [];
    let o = 12;
    for (let i = 0; i < b[2]; i++) {
      const n = b[o];
      if (o + 1 + n > b.length) return R.badRecords++;
      bufs.push(new Uint8Array(b.subarray(o + 1, o + 1 + n)));
      o += 1 + n;
    }
    if (!r) r = live[id] = { id: id, head: -1, bufs: bufs, attempt: 0, counter: 0 };
    if (id >= q.nextId) q.nextId = id + 1;
    seen(live, q, u32(b, 8));
  } else if (!r) {
    R.badRecords++; // a mark without its request: lost with a corrupt record
  } else if (t === T_START) {
    if (b[2] > r.attempt) { r.attempt = b[2]; r.counter = u32(b, 8); }
    if (r.counter > R.counter) R.counter = r.counter;
    if (b.length >= 16) seen(live, q, u32(b, 12));
  } else {
    const n = b[3];
    if (12 + n > b.length) return R.badRecords++;
    r.done = { used: u32(b, 8), status: b[2], data: new Uint8Array(b.subarray(12, 12 + n)) };
    if (r.done.used >= q.usedIdx) q.usedIdx = r.done.used + 1;
    if (r.done.used < q.usedSeen) delete live[id];
  }
}

function admit(q: Queue, r: Req): boolean {
  const need = Math.max(1, r.bufs.length);
  if (q.free.length < need) return false;
  let prev = -1;
  for (let i = 0; i < need; i++) {
    const d = q.free.pop()!;
    q.next[d] = -1;
    if (prev >= 0) q.next[prev] = d;
    else r.head = d;
    prev = d;
  }
  q.byHead[r.head] = r;
  return true;
}

function release(q: Queue, head: number) {
  for (let d = head; d >= 0; ) {
    const n = q.next[d];
    q.free.push(d);
    d = n;
  }
  q.byHead[head] = undefined;
  while (q.wait.length && admit(q, q.wait[0])) {
    const r = q.wait.shift()!;
    if (r.done) q.used[q.usedIdx++ % q.size] = r.head;
    else q.avail[q.availIdx++ % q.size] = r.head;
    kick();
  }
}

/** The snapshot the log keeps calling: a module-level function, not a closure made in
 * ringRecover, which would keep everything recovery read alive for as long as the log runs. */
function snapAll() {
  snapshot();
  snaps.forEach((f) => f());
}

/** Rebuilds every queue from flash, and the other owners' state (`hooks`) from their records.
 * Keeps the handlers the application registered. */
/*! boot */
export function ringRecover(hooks?: Recovery[]) {
  const owners = hooks || [];
  const old = ring && ring.q;
  ring = { q: [], counter: 0, badRecords: 0, recoveries: (ring ? ring.recoveries : 0) + 1, armed: false, held: 0 };
  const acc: Live[] = [];
  const fl = profile.flash;
  BYTES = hal.sys.bytes;
  MAXP = profile.ring.maxPayload;
  let other = 0;
  let big = 0;
  snaps = owners.map((h) => h.snap);
  owners.forEach((h) => { h.reset(); other += h.bytes; big = Math.max(big, h.big); });
  ROOM = logRoom(profile, other, big);
  if (ROOM < profile.ring.queueSize) throw new Error('too small: ' + ROOM + ' requests fit, under ring.queueSize (flash.log, flash.region)');
  // ints: Espruino's division gives a float, and flash addresses must be ints
  logOpen(fl.files ? 0 : fl.region.addr | 0, !!fl.files, fl.pageSize | 0, fl.files ? fl.files | 0 : (fl.region.length / fl.pageSize) | 0, snapAll, (t, b) => {
    if (t < 8) replayRecord(acc, t, b);
    else if (t !== SNAP_END) owners.forEach((h) => h.replay(t, b));
  });
  let total = 0;
  let inflight = 0;
  let redeliver = 0;
  ring!.q.forEach((q) => {
    if (!q) return;
    const o = old && old[q.port];
    if (o) { q.serve = o.serve; q.onDone = o.onDone; q.cbs = o.cbs; }
    // a bad persisted index must not lose or overrun I/O
    if (q.usedSeen > q.usedIdx) { err(-1, 'ring: port ' + q.port + ': acknowledged ' + q.usedSeen + ' of ' + q.usedIdx + ' completions, clamped'); q.usedSeen = q.usedIdx; }
    const live = acc[q.port] || {};
    const mine = Object.keys(live).map((k) => live[k]).filter((r) => !(r.done && r.done.used < q.usedSeen));
    total += mine.length;
    ring!.held += mine.length;
    // completions not yet received, in the order they were made
    const done = mine.filter((r) => !!r.done).sort((a, b) => a.done!.used - b.done!.used);
    // in flight: in the order they were started; then the rest in submission order
    const started = mine.filter((r) => !r.done && r.attempt > 0).sort((a, b) => a.counter - b.counter);
    const waiting = mine.filter((r) => !r.done && !r.attempt).sort((a, b) => a.id - b.id);
    q.usedSeen = q.usedIdx - done.length;
    q.usedIdx = q.usedSeen;
    done.concat(started, waiting).forEach((r) => {
      r.replay = true;
      if (!admit(q, r)) { q.wait.push(r); return; }
      if (r.done) { r.done.used = q.usedIdx; q.used[q.usedIdx++ % q.size] = r.head; redeliver++; }
      else {
        if (r.attempt) q.status[r.head] = 1; // the status array says: in flight
        q.avail[q.availIdx++ % q.size] = r.head;
      }
    });
    inflight += started.length;
    waiting.forEach((r) => { r.replay = false; });
    if (q.wait.length) note(-1, 'ring: port ' + q.port + ': ' + q.wait.length + ' recovered requests wait for descriptors');
  });
  if (log!.head < 0 || log!.needSnap) logSnapshot();
  if (ring!.badRecords) err(-1, 'ring: ' + ring!.badRecords + ' records that name no request skipped');
  note(-1, 'ring: recovered ' + total + ' requests, ' + inflight + ' in flight, ' + redeliver + ' completions to deliver' + (log!.stats.bad || ring!.badRecords ? ', ' + (log!.stats.bad + ring!.badRecords) + ' bad records skipped' : ''));
  kick();
}

/** the flash log could not start: the ring does not run (runtime.ringFault says why) */
/*! boot */
export function ringStop() {
  ring = undefined;
}

// ---------------------------------------------------------------- back end
/** Runs every queue with work from the event loop: one timer however many requests wait. */
function kick() {
  const R = ring!;
  if (R.armed) return;
  R.armed = true;
  hal.clock.after(pump, 0);
}
function pump() {
  const R = ring;
  if (!R) return;
  R.armed = false;
  const qs = R.q;
  for (let p = 0; p < qs.length; p++) if (qs[p] && R === ring) run(qs[p]!);
}

/** the back end of the ports bound to storage sets (the storage back end), and which those are */
let fallback: Queue['serve'];
let fallbackServes: (port: number) => boolean;

function run(q: Queue) {
  const R = ring!;
  deliver(q);
  const fn = q.serve || (fallback && fallbackServes(q.port) ? fallback : undefined);
  // a back end that throws restarts the ring: this queue object is then stale
  while (fn && R === ring && q.lastAvail !== q.availIdx) start(q, q.avail[q.lastAvail++ % q.size], fn);
}

// The hot path (submit, start, finish, deliver) keeps its rare branches in functions of their
// own: Espruino interprets source text, and a branch not taken is still read through.
function start(q: Queue, head: number, fn: NonNullable<Queue['serve']>) {
  const r = q.byHead[head]!;
  if (r.attempt >= MAX_ATTEMPTS) return giveUp(q, r);
  const R = ring!;
  const attempt = r.attempt + 1;
  // the mark goes to flash before RAM changes: a snapshot the append may write must not
  // record a start that is not on flash yet
  logAppend(startRec(q, head, attempt, r.id, R.counter + 1));
  r.attempt = attempt;
  r.counter = ++R.counter;
  q.status[head] = 1; // in flight: differs from the initial value of every position
  try {
    // done(status, data): finish() bound to this attempt (a native bound function: nothing to
    // interpret until it is called)
    fn({ port: q.port, id: r.id, bufs: r.bufs, replay: !!r.replay || attempt > 1 }, finish.bind(undefined, q, r, attempt));
  } catch (e) {
    failed(q, r, head, attempt, R, e);
  }
}
function giveUp(q: Queue, r: Req) {
  err(-1, 'ring: port ' + q.port + ' request ' + r.id + ' failed ' + r.attempt + ' times: EIO');
  finish(q, r, r.attempt, EIO, undefined);
}
/** The back end threw and recovers at once: the status array says the chain is in flight, so
 * it goes back to the front of the available ring and is started again (its attempts counted:
 * the third failure completes it with EIO). */
function failed(q: Queue, r: Req, head: number, attempt: number, R: RingState, e: unknown) {
  err(-1, 'ring: back end failed on port ' + q.port + ' request ' + r.id + ': ' + e + '; retrying the chain');
  if (R === ring && q.status[head] && r.attempt === attempt) q.avail[--q.lastAvail % q.size] = head;
}

/** A chain's attempt is finished: its done mark, the status array back to the initial value,
 * the used ring, and delivery. A stale call (the ring was rebuilt, or the chain was started
 * again or finished already) does nothing. */
function finish(q: Queue, r: Req, attempt: number, status: number, data?: Uint8Array | string) {
  if (ring!.q[q.port] !== q || r.attempt !== attempt || r.done) return;
  let d = bytes(data);
  // Espruino's subarray does not clamp to the array's end: cut only what is too long
  if (d.length > MAXP) d = d.subarray(0, MAXP);
  const used = q.usedIdx;
  logAppend(doneRec(q, r.head, r.id, used, status & 255, d)); // on flash first, as for the start mark
  r.done = { used: used, status: status & 255, data: d };
  q.status[r.head] = 0; // finished: back to the initial value
  q.used[q.usedIdx++ % q.size] = r.head;
  deliver(q);
}

// ---------------------------------------------------------------- front end
function deliver(q: Queue) {
  while (q.usedSeen !== q.usedIdx) {
    const head = q.used[q.usedSeen % q.size];
    const r = q.byHead[head]!;
    const own = q.cbs[r.id];
    const cb = own || q.onDone;
    if (!cb && !orphan(q, r)) return;
    if (own) delete q.cbs[r.id];
    q.usedSeen++;
    ring!.held--;
    release(q, head);
    try {
      if (cb) cb({ port: q.port, id: r.id, status: r.done!.status, data: r.done!.data, replay: !!r.replay });
    } catch (e) {
      cbFailed(q, e);
    }
  }
}
function cbFailed(q: Queue, e: unknown) {
  err(-1, 'ring: completion handler failed on port ' + q.port + ': ' + e);
}
/** A completion with no receiver is kept until the front end registers onComplete, unless it
 * uses the port with per-request callbacks only: then one nobody can receive must not block
 * theirs (it is dropped, and said). */
function orphan(q: Queue, r: Req) {
  let waiting = false;
  for (const k in q.cbs) waiting = true;
  if (waiting) err(-1, 'ring: port ' + q.port + ': completion of request ' + r.id + ' has no receiver (no onComplete): dropped');
  return waiting;
}

// (rare branches' text kept out of the hot path: Espruino reads it even when not taken)
function tooBig() {
  throw new Error('ring: a request carries 1.. buffers of at most ' + MAXP + ' bytes in all');
}
/** Front end: submit a chain of buffers; `cb` (or the port's onComplete) gets the completion.
 * Returns the request's id, or QUEUE_FULL / LOG_FULL (nothing was written: submit again after
 * a completion). */
export function submit(port: number, bufs: (Uint8Array | string)[], cb?: (c: Completion) => void): number {
  const q = (ring && ring.q[port]) || queue(port);
  const bs: Uint8Array[] = [];
  let total = 0;
  for (let i = 0; i < bufs.length; i++) {
    let b = bufs[i];
    if (typeof b === 'string') b = BYTES(b);
    else if (b === undefined) b = new Uint8Array(0);
    total += b.length > 255 ? 1e9 : b.length;
    bs.push(b);
  }
  if (!bs.length || !(total <= MAXP)) tooBig();
  if (ring!.held >= ROOM) return LOG_FULL;
  const r: Req = { id: q.nextId, head: -1, bufs: bs, attempt: 0, counter: 0 };
  if (q.wait.length || !admit(q, r)) return QUEUE_FULL;
  try {
    logAppend(reqRec(q, r));
  } catch (e) {
    release(q, r.head);
    throw e;
  }
  q.nextId++;
  ring!.held++;
  if (cb) q.cbs[r.id] = cb;
  q.avail[q.availIdx++ % q.size] = r.head;
  if (!ring!.armed) kick();
  return r.id;
}

/** Front end: the handler for completions without their own callback — after a reboot, all. */
export function onComplete(port: number, fn: (c: Completion) => void) {
  queue(port).onDone = fn;
  kick();
}

/** The back end of the ports `serves(port)` accepts that have none of their own: the storage
 * back end, for the ports bound to storage sets. Other ports wait for their own back end, so
 * chains recovered at boot reach an application that registers it later. */
export function serveDefault(fn: Queue['serve'], serves: (port: number) => boolean) {
  fallback = fn;
  fallbackServes = serves;
  if (ring) kick();
}

/** Back end: serve the port's requests; call done(status, data) once, now or later. */
export function serve(port: number, fn: Queue['serve']) {
  queue(port).serve = fn;
  kick();
}

/** A port's figures; a query: it creates nothing (an unused port has an empty queue). */
export function ringStats(port: number) {
  checkPort(port);
  const q = ring!.q[port];
  const n = profile.ring.queueSize;
  let inflight = 0;
  let status = '';
  for (let i = 0; i < n; i++) {
    const v = q ? q.status[i] : 0;
    inflight += v;
    status += v;
  }
  // status: the in-flight status array, one digit per descriptor head (1: that chain is in flight)
  return q ? { nextId: q.nextId, inflight: inflight, waiting: q.availIdx - q.lastAvail, undelivered: q.usedIdx - q.usedSeen, free: q.free.length, status: status } : { nextId: 0, inflight: 0, waiting: 0, undelivered: 0, free: n, status: status };
}

/** the ring's and its flash log's figures (management's status), or why it is not running */
export function ringFigures() {
  const L = log!;
  return ring ? { queued: ring.held, recoveries: ring.recoveries, skipped: ring.badRecords + L.stats.bad + L.stats.torn, logPages: L.pages } : { fault: runtime.ringFault };
}
