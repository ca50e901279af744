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
import { log, logAppend, logOpen, logSnapshot, rec, u32, W, SNAP_END } from '../flashlog/index';

const T_REQ = 1;
const T_START = 2;
const T_DONE = 3;
const T_COUNTERS = 4;
/** a chain the back end failed on this many times completes with EIO instead */
const MAX_ATTEMPTS = 3;
export const EIO = 5;

// (field names the API also uses — port, id, bufs, status, data, nextId, free, serve — are
// kept whole in the bundle; the internal ones below get short names)
interface Done { used: number; result: number; payload: Uint8Array }
export interface Req {
  id: number;
  head: number;
  buffers: Uint8Array[];
  attempt: number;
  counter: number;
  done?: Done;
  /** executed or completed before a recovery */
  replayed?: boolean;
}
export interface Completion {
  port: number;
  id: number;
  status: number;
  data: Uint8Array;
  replay: boolean;
}
type Serve = (r: { port: number; id: number; bufs: Uint8Array[]; replay: boolean }, done: (status: number, data?: Uint8Array | string) => void) => void;
export interface Queue {
  portNo: number;
  size: number;
  /** descriptor table: the next descriptor of each (-1: the chain ends); the buffers are the
   * request's. Typed arrays: Espruino indexes them directly, a plain array by walking it */
  next: Int16Array;
  freeList: number[];
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
  inFlight: Uint8Array;
  byHead: (Req | undefined)[];
  /** requests recovered beyond the queue's descriptors: admitted as descriptors free up */
  wait: Req[];
  nextReq: number;
  backEnd?: Serve;
  onDone?: (c: Completion) => void;
  cbs: { [id: string]: ((c: Completion) => void) | undefined };
}
/** Another owner of records in the flash log (storage), as recovery sees it: its state reset
 * and rebuilt from its records, its part of every snapshot, and the most its part of a
 * snapshot can take. */
export interface Recovery { reset: () => void; replay: (type: number, body: Uint8Array) => void; snap: () => void; bytes: number; big: number }

interface RingState {
  /** each port's queue, made when the port is first used (a sparse array: forEach visits the
   * ports in use only, in order) */
  q: Queue[];
  /** start counter: the order chains were started in (recovery resubmits in that order) */
  counter: number;
  badRecords: number;
  /** a pump is scheduled */
  armed: boolean;
  /** requests the log holds (submitted, completion not yet received) */
  held: number;
}
/** The ring: made by ringRecover at boot (rebuilt from flash), and made again at every
 * recovery (a stale callback compares against it); undefined where the flash log could not
 * start (runtime.ringFault says why). */
let ring: RingState | undefined;
/** how many times the ring was rebuilt from flash (since ringStop) */
let recoveries = 0;
/** the other owners' snapshot writers */
let snaps: (() => void)[] = [];

// looked up once at recovery: each property lookup on the hot path is interpreted
let BYTES: (s: string) => Uint8Array;
let MAXP = 0;
/** how many requests the log can hold (logRoom): submit admits no more */
let ROOM = 0;
/** submit's refusals: the port's queue has no free descriptors; the log holds all it can */
export const QUEUE_FULL = -1;
export const LOG_FULL = -2;

/** How many requests the flash log can hold, each with a full payload: a snapshot of them all,
 * of every queue's counters, and of the other owners' `other` bytes (largest record `big`)
 * must fit in half its pages, since the last snapshot stays live while the next is written.
 * Records do not span pages: each page may leave a largest record's room unused. */
/*! boot */
export function logRoom(p: Profile, other: number, big: number) {
  const r4 = (n: number) => (n + 3) & ~3;
  const P = p.ring.maxPayload;
  const fl = p.flash;
  const pages = fl.files || (fl.region.length / fl.pageSize) | 0;
  const req = 12 + r4(12 + p.ring.queueSize + P); // a request: its fields, a length byte per buffer, the payload
  const per = req + 28 + 12 + r4(12 + P); // + its start mark + its done mark with data
  const most = Math.max(req, 276, big); // 276: the counters of 16 queues
  return Math.floor(((pages >> 1) * (fl.pageSize - 12 - most) - 32 - 276 - other) / per);
}

function newQueue(port: number): Queue {
  const n = profile.ring.queueSize;
  const q: Queue = { portNo: port, size: n, next: new Int16Array(n), freeList: [], avail: new Uint16Array(n), availIdx: 0, lastAvail: 0, used: new Uint16Array(n), usedIdx: 0, usedSeen: 0, inFlight: new Uint8Array(n), byHead: [], wait: [], nextReq: 0, cbs: {} };
  for (let i = n - 1; i >= 0; i--) q.freeList.push(i);
  return q;
}

function checkPort(port: number) {
  if (!ring) throw new Error('ring: not running on this board (' + runtime.ringFault + ')');
  if (!(port >= 0 && port < 16 && port === (port | 0))) throw new Error('ring: port must be 0..15, got ' + port);
}
function queue(port: number): Queue {
  const q = ring && ring.q[port];
  if (q) return q; // the hot path: a port in use
  checkPort(port);
  return (ring!.q[port] = newQueue(port));
}
/** a fault on a port: "ring: port <n><what>" */
function portErr(q: Queue, what: string) {
  err(-1, 'ring: port ' + q.portNo + what);
}

// ---------------------------------------------------------------- records
// Each is built in place in the record logAppend writes (body from offset 8).
function reqRec(q: Queue, r: Req) {
  let n = 12;
  const bs = r.buffers;
  for (let i = 0; i < bs.length; i++) n += 1 + bs[i].length;
  const b = rec(T_REQ, n);
  b[8] = q.portNo;
  b[9] = r.head;
  b[10] = bs.length;
  W[3] = r.id;
  W[4] = q.usedSeen;
  let o = 20;
  for (let i = 0; i < bs.length; i++) { b[o++] = bs[i].length; b.set(bs[i], o); o += bs[i].length; }
  return b;
}
function startRec(q: Queue, r: Req, attempt: number, counter: number) {
  const b = rec(T_START, 16);
  b[8] = q.portNo;
  b[9] = r.head;
  b[10] = attempt;
  W[3] = r.id;
  W[4] = counter;
  W[5] = q.usedSeen; // the front end's acknowledgements ride along
  return b;
}
function doneRec(q: Queue, r: Req, d: Done) {
  const b = rec(T_DONE, 12 + d.payload.length);
  b[8] = q.portNo;
  b[9] = r.head;
  b[10] = d.result;
  b[11] = d.payload.length;
  W[3] = r.id;
  W[4] = d.used;
  b.set(d.payload, 20);
  return b;
}

/** The snapshot the log keeps calling: the live state written again, then the other owners'
 * parts. A module-level function, not a closure made in ringRecover, which would keep
 * everything recovery read alive for as long as the log runs. */
function snapAll() {
  const R = ring!;
  // (nested: snapshots are rare, and a top-level function holds some 6 JsVars for good)
  function snapReq(q: Queue, r?: Req) {
    if (!r) return;
    logAppend(reqRec(q, r));
    if (r.attempt) logAppend(startRec(q, r, r.attempt, r.counter));
    if (r.done) logAppend(doneRec(q, r, r.done));
  }
  let nq = 0;
  // (forEach, not filter/concat: a snapshot can come when RAM is tightest; it skips the
  // ports not in use, and visits the heads in order)
  R.q.forEach((q) => {
    nq++;
    q.byHead.forEach((r) => snapReq(q, r));
    q.wait.forEach((r) => snapReq(q, r));
  });
  // the counters ride in a record of their own type just before SNAP_END, made after the
  // requests' records: a record is sealed through the view the last rec() made (W)
  const c = rec(T_COUNTERS, 8 + 16 * nq);
  c[8] = nq;
  W[3] = R.counter;
  let w = 4; // each queue's four words: its port, then its counters
  R.q.forEach((q) => {
    c[4 * w] = q.portNo;
    W[w + 1] = q.nextReq;
    W[w + 2] = q.usedSeen;
    W[w + 3] = q.usedIdx;
    w += 4;
  });
  logAppend(c);
  snaps.forEach((f) => f());
}

// ---------------------------------------------------------------- recovery
// Replay keeps, per port, only the requests whose completion the front end has not yet
// acknowledged: at most a queue's worth, wherever the log stands (recovery's memory is bounded
// by the queue sizes and the ports in use, not by the length of the live log).
type Live = { [id: string]: Req };

/** the front end has acknowledged n completions: the requests they completed are dropped */
/*! boot */
function seen(acc: Live[], q: Queue, n: number) {
  if (n <= q.usedSeen) return;
  q.usedSeen = n;
  const live = acc[q.portNo];
  for (const k in live) { const r = live[k]; if (r.done && r.done.used < n) delete live[k]; }
}

/*! boot */
function replayRecord(acc: Live[], t: number, b: Uint8Array) {
  const R = ring!;
  if (t === T_COUNTERS) {
    if (u32(b, 4) > R.counter) R.counter = u32(b, 4);
    for (let o = 8; o < 8 + 16 * b[0] && o + 16 <= b.length; o += 16) {
      if (b[o] >= 16) continue;
      const q = queue(b[o]);
      if (u32(b, o + 4) > q.nextReq) q.nextReq = u32(b, o + 4);
      if (u32(b, o + 12) > q.usedIdx) q.usedIdx = u32(b, o + 12);
      seen(acc, q, u32(b, o + 8));
    }
    return;
  }
  if (t < T_REQ || t > T_DONE) return;
  // validate what flash says before trusting it
  if (b.length < 12 || b[0] >= 16) return R.badRecords++;
  const q = queue(b[0]);
  const live = acc[b[0]] || (acc[b[0]] = {});
  const id = u32(b, 4);
  const w = u32(b, 8); // a request: the acknowledgements; a start: its counter; a done: its used index
  const r = live[id];
  if (t === T_REQ) {
    const bufs: Uint8Array[] = [];
    // each buffer: its length byte, then its bytes (copied: the read window is reused)
    let o = 13;
    for (let i = 0; i < b[2]; i++) {
      const e = o + b[o - 1];
      if (e > b.length) return R.badRecords++;
      bufs.push(new Uint8Array(b.subarray(o, e)));
      o = e + 1;
    }
    if (!r) live[id] = { id: id, head: -1, buffers: bufs, attempt: 0, counter: 0 };
    if (id >= q.nextReq) q.nextReq = id + 1;
    seen(acc, q, w);
  } else if (!r) {
    R.badRecords++; // a mark without its request: lost with a corrupt record
  } else if (t === T_START) {
    if (b[2] > r.attempt) { r.attempt = b[2]; r.counter = w; }
    if (r.counter > R.counter) R.counter = r.counter;
    if (b.length >= 16) seen(acc, q, u32(b, 12));
  } else {
    const e = 12 + b[3];
    if (e > b.length) return R.badRecords++;
    r.done = { used: w, result: b[2], payload: new Uint8Array(b.subarray(12, e)) };
    if (w >= q.usedIdx) q.usedIdx = w + 1;
    if (w < q.usedSeen) delete live[id];
  }
}

function admit(q: Queue, r: Req): boolean {
  const need = Math.max(1, r.buffers.length);
  if (q.freeList.length < need) return false;
  let prev = -1;
  for (let i = 0; i < need; i++) {
    const d = q.freeList.pop()!;
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
    q.freeList.push(d);
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

/** Rebuilds every queue from flash, and the other owners' state (`hooks`) from their records.
 * Keeps the handlers the application registered. */
/*! boot */
export function ringRecover(hooks?: Recovery[]) {
  const owners = hooks || [];
  const old = ring && ring.q;
  ring = { q: [], counter: 0, badRecords: 0, armed: false, held: 0 };
  recoveries++;
  const R = ring;
  const acc: Live[] = [];
  BYTES = hal.sys.bytes;
  MAXP = profile.ring.maxPayload;
  let other = 0;
  let big = 0;
  snaps = owners.map((h) => h.snap);
  owners.forEach((h) => { h.reset(); other += h.bytes; big = Math.max(big, h.big); });
  ROOM = logRoom(profile, other, big);
  if (ROOM < profile.ring.queueSize) throw new Error('too small: ' + ROOM + ' requests fit, under ring.queueSize (flash.log, flash.region)');
  logOpen(profile.flash, snapAll, (t, b) => {
    if (t < 8) replayRecord(acc, t, b);
    else if (t !== SNAP_END) owners.forEach((h) => h.replay(t, b));
  });
  let inflight = 0;
  let redeliver = 0;
  // completions not yet received, in the order they were made; then chains in flight, in the
  // order they were started; then the rest, in submission order (the counters are u32)
  const rank = (r: Req) => (r.done ? r.done.used : r.attempt ? 5e9 + r.counter : 1e10 + r.id);
  R.q.forEach((q) => {
    const o = old && old[q.portNo];
    if (o) { q.backEnd = o.backEnd; q.onDone = o.onDone; q.cbs = o.cbs; }
    // a bad persisted index must not lose or overrun I/O
    if (q.usedSeen > q.usedIdx) { portErr(q, ': acknowledged ' + q.usedSeen + ' of ' + q.usedIdx + ' completions, clamped'); q.usedSeen = q.usedIdx; }
    // (replay kept only the requests whose completion is not acknowledged)
    const live = acc[q.portNo] || {};
    const mine = Object.keys(live).map((k) => live[k]).sort((a, b) => rank(a) - rank(b));
    R.held += mine.length;
    q.usedIdx = q.usedSeen = q.usedIdx - mine.filter((r) => !!r.done).length;
    mine.forEach((r) => {
      // a replay, unless it was never started
      r.replayed = !!(r.done || r.attempt);
      if (!r.done && r.attempt) inflight++;
      if (!admit(q, r)) q.wait.push(r);
      else if (r.done) { r.done.used = q.usedIdx; q.used[q.usedIdx++ % q.size] = r.head; redeliver++; }
      else {
        if (r.attempt) q.inFlight[r.head] = 1; // the status array says: in flight
        q.avail[q.availIdx++ % q.size] = r.head;
      }
    });
    if (q.wait.length) note(-1, 'ring: port ' + q.portNo + ': ' + q.wait.length + ' recovered requests wait for descriptors');
  });
  const L = log!;
  if (L.head < 0 || L.needSnap) logSnapshot();
  if (R.badRecords) err(-1, 'ring: ' + R.badRecords + ' records that name no request skipped');
  note(-1, 'ring: recovered ' + R.held + ' requests, ' + inflight + ' in flight, ' + redeliver + ' completions to deliver' + (L.bad || R.badRecords ? ', ' + (L.bad + R.badRecords) + ' bad records skipped' : ''));
  kick();
}

/** the flash log could not start: the ring does not run (runtime.ringFault says why) */
/*! boot */
export function ringStop() {
  ring = undefined;
  recoveries = 0;
}

// ---------------------------------------------------------------- back end
/** Runs every queue with work from the event loop: one timer however many requests wait. */
function kick() {
  const R = ring!;
  if (R.armed) return;
  R.armed = true;
  hal.clock.after(pump, 0);
}
/** the back end of the ports bound to storage sets (the storage back end), and which those are */
let fallback: Serve | undefined;
let fallbackServes: (port: number) => boolean;

function pump() {
  const R = ring;
  if (!R) return;
  R.armed = false;
  const qs = R.q;
  for (let p = 0; p < qs.length; p++) {
    const q = qs[p];
    // a back end that throws restarts the ring: this ring and its queues are then stale
    if (!q || R !== ring) continue;
    deliver(q);
    const fn = q.backEnd || (fallback && fallbackServes(q.portNo) ? fallback : undefined);
    while (fn && R === ring && q.lastAvail !== q.availIdx) start(q, q.avail[q.lastAvail++ % q.size], fn);
  }
}

function start(q: Queue, head: number, fn: Serve) {
  const r = q.byHead[head]!;
  if (r.attempt >= MAX_ATTEMPTS) {
    portErr(q, ' request ' + r.id + ' failed ' + r.attempt + ' times: EIO');
    return finish(q, r, r.attempt, EIO, undefined);
  }
  const R = ring!;
  const attempt = r.attempt + 1;
  // the mark goes to flash before RAM changes: a snapshot the append may write must not
  // record a start that is not on flash yet
  logAppend(startRec(q, r, attempt, R.counter + 1));
  r.attempt = attempt;
  r.counter = ++R.counter;
  q.inFlight[head] = 1; // in flight: differs from the initial value of every position
  try {
    // done(status, data): finish() bound to this attempt (a native bound function: nothing to
    // interpret until it is called)
    fn({ port: q.portNo, id: r.id, bufs: r.buffers, replay: !!r.replayed || attempt > 1 }, finish.bind(undefined, q, r, attempt));
  } catch (e) {
    // the back end threw and recovers at once: the status array says the chain is in flight,
    // so it goes back to the front of the available ring and is started again (its attempts
    // counted: the third failure completes it with EIO)
    err(-1, 'ring: back end failed on port ' + q.portNo + ' request ' + r.id + ': ' + e + '; retrying the chain');
    if (R === ring && q.inFlight[head] && r.attempt === attempt) q.avail[--q.lastAvail % q.size] = head;
  }
}

/** A chain's attempt is finished: its done mark, the status array back to the initial value,
 * the used ring, and delivery. A stale call (the ring was rebuilt, or the chain was started
 * again or finished already) does nothing. */
function finish(q: Queue, r: Req, attempt: number, status: number, data?: Uint8Array | string) {
  if (ring!.q[q.portNo] !== q || r.attempt !== attempt || r.done) return;
  let d = data === undefined ? new Uint8Array(0) : typeof data === 'string' ? BYTES(data) : data;
  // Espruino's subarray does not clamp to the array's end: cut only what is too long
  if (d.length > MAXP) d = d.subarray(0, MAXP);
  const done = { used: q.usedIdx, result: status & 255, payload: d };
  logAppend(doneRec(q, r, done)); // on flash first, as for the start mark
  r.done = done;
  q.inFlight[r.head] = 0; // finished: back to the initial value
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
    if (!cb) {
      // no receiver: kept until the front end registers onComplete, unless it uses the port
      // with per-request callbacks only: then one nobody can receive must not block theirs
      // (it is dropped, and said)
      let waiting = false;
      for (const k in q.cbs) waiting = true;
      if (!waiting) return;
      portErr(q, ': completion of request ' + r.id + ' has no receiver (no onComplete): dropped');
    }
    if (own) delete q.cbs[r.id];
    q.usedSeen++;
    ring!.held--;
    release(q, head);
    try {
      if (cb) cb({ port: q.portNo, id: r.id, status: r.done!.result, data: r.done!.payload, replay: !!r.replayed });
    } catch (e) {
      portErr(q, ': completion handler failed: ' + e);
    }
  }
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
  if (!bs.length || !(total <= MAXP)) throw new Error('ring: a request carries 1.. buffers of at most ' + MAXP + ' bytes in all');
  const R = ring!;
  if (R.held >= ROOM) return LOG_FULL;
  const r: Req = { id: q.nextReq, head: -1, buffers: bs, attempt: 0, counter: 0 };
  if (q.wait.length || !admit(q, r)) return QUEUE_FULL;
  try {
    logAppend(reqRec(q, r));
  } catch (e) {
    release(q, r.head);
    throw e;
  }
  q.nextReq++;
  R.held++;
  if (cb) q.cbs[r.id] = cb;
  q.avail[q.availIdx++ % q.size] = r.head;
  if (!R.armed) kick();
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
export function serveDefault(fn: Serve, serves: (port: number) => boolean) {
  fallback = fn;
  fallbackServes = serves;
  if (ring) kick();
}

/** Back end: serve the port's requests; call done(status, data) once, now or later. */
export function serve(port: number, fn: Serve) {
  queue(port).backEnd = fn;
  kick();
}

/** A port's figures; a query: it creates nothing (an unused port: an empty queue, made for the
 * answer only). */
export function ringStats(port: number) {
  checkPort(port);
  const q = ring!.q[port] || newQueue(port);
  let inflight = 0;
  let status = '';
  for (let i = 0; i < q.size; i++) {
    inflight += q.inFlight[i];
    status += q.inFlight[i];
  }
  // status: the in-flight status array, one digit per descriptor head (1: that chain is in flight)
  return { nextId: q.nextReq, inflight: inflight, waiting: q.availIdx - q.lastAvail, undelivered: q.usedIdx - q.usedSeen, free: q.freeList.length, status: status };
}

/** the ring's and its flash log's figures (management's status), or why it is not running */
export function ringFigures() {
  const L = log!;
  return ring ? { queued: ring.held, recoveries: recoveries, skipped: ring.badRecords + L.bad + L.torn, logPages: L.pages } : { fault: runtime.ringFault };
}
