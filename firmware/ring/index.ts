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
import { rt, note } from '../runtime';
import { logAppend, logOpen, logSnapshot, put32, u32, SNAP_END } from '../flashlog/index';

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
  /** descriptor table: buffer and next index of each descriptor */
  buf: (Uint8Array | undefined)[];
  next: number[];
  free: number[];
  /** available ring (front end -> back end) */
  avail: number[];
  availIdx: number;
  lastAvail: number;
  /** used ring (back end -> front end): heads in completion order */
  used: number[];
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
  cbs: { [id: string]: (c: Completion) => void };
  /** completions delivered since boot whose records may still be replayed: a back end
   * restarted without a reboot does not deliver them again */
  acked: { [id: string]: number };
}

function bytes(x: Uint8Array | string | undefined): Uint8Array {
  if (x === undefined) return new Uint8Array(0);
  if (typeof x !== 'string') return x;
  const b = new Uint8Array(x.length);
  for (let i = 0; i < x.length; i++) b[i] = x.charCodeAt(i);
  return b;
}

function newQueue(port: number): Queue {
  const n = rt.profile.ring.queueSize;
  const q: Queue = { port: port, size: n, buf: [], next: [], free: [], avail: [], availIdx: 0, lastAvail: 0, used: [], usedIdx: 0, usedSeen: 0, status: new Uint8Array(n), byHead: [], wait: [], nextId: 0, cbs: {}, acked: {} };
  for (let i = n - 1; i >= 0; i--) q.free.push(i);
  return q;
}

function queue(port: number): Queue {
  if (!rt.ring) throw new Error('ring: not running on this board (' + rt.ringFault + ')');
  if (!(port >= 0 && port < 16 && port === (port | 0))) throw new Error('ring: port must be 0..15, got ' + port);
  let q = rt.ring.q[port];
  if (!q) q = rt.ring.q[port] = newQueue(port);
  return q;
}

// ---------------------------------------------------------------- records
function reqBody(q: Queue, r: Req) {
  let n = 12;
  r.bufs.forEach((b) => { n += 1 + b.length; });
  const body = new Uint8Array(n);
  body[0] = q.port;
  body[1] = r.head;
  body[2] = r.bufs.length;
  put32(body, 4, r.id);
  put32(body, 8, q.usedSeen);
  let o = 12;
  r.bufs.forEach((b) => { body[o++] = b.length; body.set(b, o); o += b.length; });
  return body;
}
function startBody(q: Queue, r: Req) {
  const body = new Uint8Array(16);
  body[0] = q.port;
  body[1] = r.head;
  body[2] = r.attempt;
  put32(body, 4, r.id);
  put32(body, 8, r.counter);
  put32(body, 12, q.usedSeen); // the front end's acknowledgements ride along
  return body;
}
function doneBody(q: Queue, r: Req) {
  const d = r.done!;
  const body = new Uint8Array(12 + d.data.length);
  body[0] = q.port;
  body[1] = r.head;
  body[2] = d.status;
  body[3] = d.data.length;
  put32(body, 4, r.id);
  put32(body, 8, d.used);
  body.set(d.data, 12);
  return body;
}

/** the live state, written again into a snapshot */
function snapshot() {
  const counters = new Uint8Array(8 + 16 * 16);
  put32(counters, 4, rt.ring.counter);
  let nq = 0;
  rt.ring.q.forEach((q) => {
    if (!q) return;
    const o = 8 + 16 * nq++;
    counters[o] = q.port;
    put32(counters, o + 4, q.nextId);
    put32(counters, o + 8, q.usedSeen);
    put32(counters, o + 12, q.usedIdx);
    const live = q.byHead.filter((r) => !!r).concat(q.wait) as Req[];
    live.forEach((r) => {
      logAppend(T_REQ, reqBody(q, r));
      if (r.attempt) logAppend(T_START, startBody(q, r));
      if (r.done) logAppend(T_DONE, doneBody(q, r));
    });
  });
  counters[0] = nq;
  // the counters ride in a record of their own type just before SNAP_END
  logAppend(T_COUNTERS, counters.subarray(0, 8 + 16 * nq));
}

// ---------------------------------------------------------------- recovery
interface Rec { reqs: { [k: string]: Req }; }

function replayRecord(acc: Rec, t: number, b: Uint8Array) {
  const R = rt.ring;
  if (t === T_COUNTERS) {
    if (u32(b, 4) > R.counter) R.counter = u32(b, 4);
    for (let i = 0; i < b[0] && 8 + 16 * i + 16 <= b.length; i++) {
      const o = 8 + 16 * i;
      if (b[o] >= 16) continue;
      const q = queue(b[o]);
      q.nextId = Math.max(q.nextId, u32(b, o + 4));
      q.usedSeen = Math.max(q.usedSeen, u32(b, o + 8));
      q.usedIdx = Math.max(q.usedIdx, u32(b, o + 12));
    }
    return;
  }
  if (t !== T_REQ && t !== T_START && t !== T_DONE) return;
  // validate what flash says before trusting it
  if (b.length < 12 || b[0] >= 16) return R.badRecords++;
  const q = queue(b[0]);
  const id = u32(b, 4);
  const key = q.port + ':' + id;
  let r = acc.reqs[key];
  if (t === T_REQ) {
    const bufs: Uint8Array[] = [];
    let o = 12;
    for (let i = 0; i < b[2]; i++) {
      const n = b[o];
      if (o + 1 + n > b.length) return R.badRecords++;
      bufs.push(new Uint8Array(b.subarray(o + 1, o + 1 + n)));
      o += 1 + n;
    }
    if (!r) r = acc.reqs[key] = { id: id, head: -1, bufs: bufs, attempt: 0, counter: 0 };
    if (id >= q.nextId) q.nextId = id + 1;
    if (u32(b, 8) > q.usedSeen) q.usedSeen = u32(b, 8);
  } else if (!r) {
    R.badRecords++; // a mark without its request: lost with a corrupt record
  } else if (t === T_START) {
    if (b[2] > r.attempt) { r.attempt = b[2]; r.counter = u32(b, 8); }
    if (r.counter > R.counter) R.counter = r.counter;
    if (b.length >= 16 && u32(b, 12) > q.usedSeen) q.usedSeen = u32(b, 12);
  } else {
    const n = b[3];
    if (12 + n > b.length) return R.badRecords++;
    r.done = { used: u32(b, 8), status: b[2], data: new Uint8Array(b.subarray(12, 12 + n)) };
    if (r.done.used >= q.usedIdx) q.usedIdx = r.done.used + 1;
  }
}

function admit(q: Queue, r: Req): boolean {
  const need = Math.max(1, r.bufs.length);
  if (q.free.length < need) return false;
  let prev = -1;
  for (let i = 0; i < need; i++) {
    const d = q.free.pop()!;
    q.buf[d] = r.bufs[i];
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
    q.buf[d] = undefined;
    q.free.push(d);
    d = n;
  }
  q.byHead[head] = undefined;
  while (q.wait.length && admit(q, q.wait[0])) {
    const r = q.wait.shift()!;
    if (r.done) q.used[q.usedIdx++ % q.size] = r.head;
    else q.avail[q.availIdx++ % q.size] = r.head;
    kick(q);
  }
}

function forgetAcked() {
  rt.ring.q.forEach((q) => { if (q) q.acked = {}; });
}

/** Rebuilds every queue from flash. Keeps the handlers the application registered. */
export function ringRecover() {
  const old = rt.ring && rt.ring.q;
  rt.ring = { q: [], counter: 0, gen: (rt.ring ? rt.ring.gen : 0) + 1, badRecords: 0, recoveries: (rt.ring ? rt.ring.recoveries : 0) + 1 };
  const acc: Rec = { reqs: {} };
  const reg = rt.profile.flash.region;
  const hooks = rt.hooks || [];
  hooks.forEach((h) => h.reset());
  logOpen(reg.addr, rt.profile.flash.pageSize, reg.length / rt.profile.flash.pageSize, () => {
    snapshot();
    hooks.forEach((h) => h.snap());
  }, forgetAcked, (t, b) => {
    if (t < 8) replayRecord(acc, t, b);
    else if (t !== SNAP_END) hooks.forEach((h) => h.replay(t, b));
  });
  const all = Object.keys(acc.reqs).map((k) => acc.reqs[k]);
  let inflight = 0;
  let redeliver = 0;
  rt.ring.q.forEach((q) => {
    if (!q) return;
    const o = old && old[q.port];
    if (o) { q.serve = o.serve; q.onDone = o.onDone; q.cbs = o.cbs; q.acked = o.acked; }
    // a bad persisted index must not lose or overrun I/O
    if (q.usedSeen > q.usedIdx) { note(-1, 'ring: port ' + q.port + ': acknowledged ' + q.usedSeen + ' of ' + q.usedIdx + ' completions, clamped'); q.usedSeen = q.usedIdx; }
    const mine = all.filter((r) => acc.reqs[q.port + ':' + r.id] === r && !(r.done && (r.done.used < q.usedSeen || q.acked[r.id])));
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
  if (rt.log.head < 0 || rt.log.needSnap) logSnapshot();
  note(-1, 'ring: recovered ' + all.length + ' requests, ' + inflight + ' in flight, ' + redeliver + ' completions to deliver' + (rt.log.stats.bad || rt.ring.badRecords ? ', ' + (rt.log.stats.bad + rt.ring.badRecords) + ' bad records skipped' : ''));
  rt.ring.q.forEach((q) => { if (q) kick(q); });
}

// ---------------------------------------------------------------- back end
function kick(q: Queue) {
  const gen = rt.ring.gen;
  rt.hal.clock.after(() => { if (gen === rt.ring.gen) run(q); }, 0);
}

/** the back end of ports that have none of their own (the storage back end) */
let fallback: Queue['serve'];

function run(q: Queue) {
  const gen = rt.ring.gen;
  deliver(q);
  // a back end that throws restarts the ring: this queue object is then stale
  while (gen === rt.ring.gen && (q.serve || fallback) && q.lastAvail !== q.availIdx) start(q, q.avail[q.lastAvail++ % q.size]);
}

function start(q: Queue, head: number) {
  const r = q.byHead[head]!;
  if (r.attempt >= MAX_ATTEMPTS) {
    note(-1, 'ring: port ' + q.port + ' request ' + r.id + ' failed ' + r.attempt + ' times: EIO');
    return finish(q, r, EIO, undefined);
  }
  // the mark goes to flash before RAM changes: a snapshot the append may write must not
  // record a start that is not on flash yet
  const next: Req = { id: r.id, head: head, bufs: r.bufs, attempt: r.attempt + 1, counter: rt.ring.counter + 1 };
  logAppend(T_START, startBody(q, next));
  r.attempt = next.attempt;
  r.counter = ++rt.ring.counter;
  q.status[head] = 1; // in flight: differs from the initial value of every position
  const gen = rt.ring.gen;
  const attempt = r.attempt;
  let called = false;
  try {
    (q.serve || fallback)!({ port: q.port, id: r.id, bufs: r.bufs, replay: !!r.replay || attempt > 1 }, (status, data) => {
      if (called || gen !== rt.ring.gen || r.attempt !== attempt) return; // a stale or second call
      called = true;
      finish(q, r, status, data);
    });
  } catch (e) {
    note(-1, 'ring: back end failed on port ' + q.port + ' request ' + r.id + ': ' + e + '; restarting it from flash');
    ringRecover();
  }
}

function finish(q: Queue, r: Req, status: number, data: Uint8Array | string | undefined) {
  let d = bytes(data);
  // Espruino's subarray does not clamp to the array's end: cut only what is too long
  if (d.length > rt.profile.ring.maxPayload) d = d.subarray(0, rt.profile.ring.maxPayload);
  const fin: Req = { id: r.id, head: r.head, bufs: r.bufs, attempt: r.attempt, counter: r.counter, done: { used: q.usedIdx, status: status & 255, data: d } };
  logAppend(T_DONE, doneBody(q, fin)); // on flash first, as for the start mark
  r.done = fin.done;
  q.status[r.head] = 0; // finished: back to the initial value
  q.used[q.usedIdx++ % q.size] = r.head;
  deliver(q);
}

// ---------------------------------------------------------------- front end
function deliver(q: Queue) {
  while (q.usedSeen !== q.usedIdx) {
    const head = q.used[q.usedSeen % q.size];
    const r = q.byHead[head]!;
    const cb = q.cbs[r.id] || q.onDone;
    if (!cb) {
      // kept until the front end registers onComplete, unless it uses the port with
      // per-request callbacks only: then a completion nobody can receive must not block them
      let waiting = false;
      for (const k in q.cbs) waiting = true;
      if (!waiting) return;
      note(-1, 'ring: port ' + q.port + ': completion of request ' + r.id + ' has no receiver (no onComplete): dropped');
    }
    delete q.cbs[r.id];
    q.usedSeen++;
    q.acked[r.id] = 1;
    release(q, head);
    try {
      if (cb) cb({ port: q.port, id: r.id, status: r.done!.status, data: r.done!.data, replay: !!r.replay });
    } catch (e) {
      note(-1, 'ring: completion handler failed on port ' + q.port + ': ' + e);
    }
  }
}

/** Front end: submit a chain of buffers; `cb` (or the port's onComplete) gets the completion. */
export function submit(port: number, bufs: (Uint8Array | string)[], cb?: (c: Completion) => void): number {
  const q = queue(port);
  const bs = bufs.map(bytes);
  let total = 0;
  bs.forEach((b) => { total += b.length; if (b.length > 255) total = 1e9; });
  if (!bs.length || total > rt.profile.ring.maxPayload) throw new Error('ring: a request carries 1.. buffers of at most ' + rt.profile.ring.maxPayload + ' bytes in all');
  const r: Req = { id: q.nextId, head: -1, bufs: bs, attempt: 0, counter: 0 };
  if (q.wait.length || !admit(q, r)) throw new Error('ring: port ' + port + ' queue full');
  try {
    logAppend(T_REQ, reqBody(q, r));
  } catch (e) {
    release(q, r.head);
    throw e;
  }
  q.nextId++;
  if (cb) q.cbs[r.id] = cb;
  q.avail[q.availIdx++ % q.size] = r.head;
  kick(q);
  return r.id;
}

/** Front end: the handler for completions without their own callback — after a reboot, all. */
export function onComplete(port: number, fn: (c: Completion) => void) {
  const q = queue(port);
  q.onDone = fn;
  kick(q);
}

/** Back end for every port without one of its own. */
export function serveDefault(fn: Queue['serve']) {
  fallback = fn;
  if (rt.ring) rt.ring.q.forEach((q) => { if (q) kick(q); });
}

/** Back end: serve the port's requests; call done(status, data) once, now or later. */
export function serve(port: number, fn: Queue['serve']) {
  const q = queue(port);
  q.serve = fn;
  kick(q);
}

export function ringStats(port: number) {
  const q = queue(port);
  let inflight = 0;
  for (let i = 0; i < q.size; i++) inflight += q.status[i];
  return { nextId: q.nextId, inflight: inflight, waiting: q.availIdx - q.lastAvail, undelivered: q.usedIdx - q.usedSeen, free: q.free.length };
}
