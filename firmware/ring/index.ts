// The I/O ring (MISSION.md §2, CN107807843B): per port a virtio-style split ring between the
// guest's front end and the host's back end, with the in-flight status array exactly as
// claimed — when the back end starts a chain it sets status[head] to 1, a value different
// from the initial value (0) of every position, and sets it back to 0 when it finishes.
// The ring and the status array are backed by the flash log: a request record when the front
// end submits, a start mark when the back end starts, a done mark when it finishes — three
// program operations per request, no erase per request. Recovery (at boot, and when the back
// end throws) rebuilds every queue from flash: chains in flight resubmitted first in the order
// they were first started (a start counter, as vhost-user's inflight tracking), then the submitted
// but not started in submission order; completions not yet received are delivered again.
// Execution is at least once; a completion says whether it is a replay.
import { hal, profile, runtime, note, err } from '../core';
import type { Profile } from '../profile';
import { log, logAppend, logOpen, logSnapshot, rec, u32, W, U8, BYTES } from '../flashlog/index';

const T_REQ = 1;
const T_START = 2;
const T_DONE = 3;
const T_COUNTERS = 4;
/** a chain the back end failed on this many times completes with EIO instead */
const MAX_ATTEMPTS = 3;
export const EIO = 5;

// (field names the API also uses — port, id, bufs, status, data, nextId, free, serve — are
// kept whole in the bundle; the internal ones below get short names)
export interface Req {
  id: number;
  head: number;
  buffers: Uint8Array[];
  attempt: number;
  /** its place in the start order: its first start's (set with attempt, kept when started again) */
  counter?: number;
  /** its completion, once done (payload set: done): its index in the used ring, its status,
   * its data. Fields of the request, not an object of their own: a few JsVars less each */
  used?: number;
  result?: number;
  payload?: Uint8Array;
  /** truthy: executed or completed before a recovery (its payload or attempts: no boolean,
   * which would take a JsVar of its own) */
  replayed?: Uint8Array | number;
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
  /** descriptor table: the next descriptor of each (-1: the chain ends); the buffers are the
   * request's. Typed arrays: Espruino indexes them directly, a plain array by walking it */
  next: Int16Array;
  freeList: number[];
  /** available ring (front end -> back end); heads are under 256 (the queue size at most), so
   * both rings are bytes */
  avail: Uint8Array;
  availIdx: number;
  lastAvail: number;
  /** used ring (back end -> front end): heads in completion order */
  used: Uint8Array;
  usedIdx: number;
  /** completions the front end has received */
  usedSeen: number;
  /** the in-flight status array */
  inFlight: Uint8Array;
  byHead: Req[];
  /** requests recovered beyond the queue's descriptors: admitted as descriptors free up */
  wait: Req[];
  nextReq: number;
  backEnd?: Serve;
  onDone?: (c: Completion) => void;
  /** the requests' own callbacks, by id (while recovery replays the queue: its requests) */
  cbs: { [id: string]: ((c: Completion) => void) | undefined };
}
/** Another owner of records in the flash log (storage), as recovery sees it: its state reset
 * and rebuilt from its records (replay gets every record of type 8 and up, the log's own
 * SNAP_START and SNAP_END among them: it takes only its own types), its part of every
 * snapshot, and the most its part of a snapshot can take. */
export interface Recovery { reset: () => void; replay: (type: number, body: Uint8Array) => void; snap: () => void; bytes: number; big: number }

/** The ring: each port's queue, made when the port is first used (a sparse array: forEach
 * visits the ports in use only, in order). Made by ringRecover at boot (rebuilt from flash),
 * once: ringRecover and ringStop are boot-only, so after boot it never changes (no callback
 * can find it stale); undefined where the flash log could not start (runtime.ringFault says
 * why). The ring's counters are
 * module-level values beside it (each reached without a property lookup), set by ringRecover
 * (nothing reads them before: no initial values to keep in the code). */
let ring: Queue[] | undefined;
/** start counter: the order chains were started in (recovery resubmits in that order) */
let counter: number;
/** a pump is scheduled: its timer's id (an int, never 0: Espruino numbers timers from 1; an
 * int sits in its name's JsVar, a boolean takes one more), else 0 */
let armed: number;
/** requests the log holds (submitted, completion not yet received) */
let held: number;
/** the other owners' snapshot writers */
let snaps: (() => void)[];

// looked up once at recovery: each property lookup on the hot path is interpreted
let MAXP: number;
/** every queue's size (profile.ring.queueSize) */
let QS: number;
/** how many requests the log can hold (logRoom): submit admits no more */
let ROOM: number;
/** submit's refusals: the port's queue has no free descriptors; the log holds all it can */
export const QUEUE_FULL = -1;
export const LOG_FULL = -2;

/** How many requests the flash log can hold, each with a full payload: a snapshot of them all,
 * of every queue's counters, and of the other owners' `other` bytes (largest record `big`)
 * must fit in half its pages, since the last snapshot stays live while the next is written.
 * Records do not span pages: each page may leave a largest record's room unused. */
/*! boot */
export function logRoom(p: Profile, other: number, big: number) {
  const P = p.ring.maxPayload;
  const fl = p.flash;
  const pages = fl.files || (fl.region[1] / fl.pageSize) | 0; // (the region's length)
  // a request: its header, fields, a length byte per buffer and the payload, in whole words;
  // then its start mark and its done mark with data: 28 + ((P + 27) & ~3), that is
  // (P + 55) & ~3 (28 is whole words)
  const req = (p.ring.queueSize + P + 27) & ~3;
  // half the pages, each less its header and the largest record (276: the counters of 16
  // queues), less the snapshot's marks (32) and counters (276) and the other owners' bytes;
  // over a request with its marks
  return Math.floor(((pages >> 1) * (fl.pageSize - 12 - Math.max(req, 276, big)) - 308 - other) / (req + ((P + 55) & ~3)));
}

/** The port's queue, made when first used. `peek`: a query, which creates nothing (an unused
 * port gets an empty queue made for the answer only, and an invalid port is refused even
 * where ring[port] would find one, as "1"). */
function queue(port: number, peek?: boolean): Queue {
  let q = ring && ring[port];
  if (q && !peek) return q; // the hot path: a port in use
  // (a port is an int 0..15: anything else differs from its low four bits)
  if (!ring || port !== (port & 15)) throw new Error(ring ? 'ring: port must be 0..15, got ' + port : 'ring: not running on this board (' + runtime.ringFault + ')');
  if (!q) {
    q = { portNo: port, next: new Int16Array(QS), freeList: [], avail: new U8(QS), availIdx: 0, lastAvail: 0, used: new U8(QS), usedIdx: 0, usedSeen: 0, inFlight: new U8(QS), byHead: [], wait: [], nextReq: 0, cbs: {} };
    for (let i = QS; i--; ) q.freeList.push(i);
    if (!peek) ring[port] = q;
  }
  return q;
}
/** a fault on a port: "ring: port <n><what>" */
function portErr(q: Queue, what: string) {
  err(-1, 'ring: port ' + q.portNo + what);
}

// ---------------------------------------------------------------- records
/** Appends one of the ring's records, built in place in the record logAppend writes: the body
 * is [port, head, x, the data's length][the request's id][w], then
 *  - a request (x: its buffer count, w: the acknowledgements; both found here): each buffer's
 *    length byte and bytes;
 *  - a start mark (x: the attempt, w: the start counter): the acknowledgements;
 *  - a done mark (x: the status, w: its used index): the data `d`.
 * One function for the three: each top-level function holds JsVars for good. */
function mark(t: number, q: Queue, r: Req, x?: number, w?: number, d?: Uint8Array) {
  const bs = r.buffers;
  let n = d ? 12 + d.length : 16;
  let o = 20;
  if (t === T_REQ) {
    n = 12;
    // (the loop not last in its block: the simulator's rewrite of `+=` breaks there)
    for (const c of bs) n += 1 + c.length;
    x = bs.length;
  }
  // (the first word: the port and x, a buffer count, a status or an attempt, each a byte; then
  // the head and the data's length stored as bytes: a byte array stores the head -1, a request
  // waiting for descriptors, as 255; a head is under 256, the queue size at most)
  const b = rec(t, n, q.portNo | (x! << 16));
  b[9] = r.head;
  W[3] = r.id;
  W[4] = w!;
  if (d) {
    b[11] = d.length;
    b.set(d, 20);
  } else {
    // the front end's acknowledgements ride along: a request's in word 4 (its w), a start
    // mark's in word 5
    W[3 + t] = q.usedSeen;
    if (t === T_REQ) {
      for (const c of bs) {
        b[o++] = c.length;
        b.set(c, o);
        o += c.length;
      }
    }
  }
  logAppend(b);
}

/** The snapshot the log keeps calling: the live state written again, then the other owners'
 * parts. A module-level function, not a closure made in ringRecover, which would keep
 * everything recovery read alive for as long as the log runs. */
function snapAll() {
  let nq = 0;
  // (forEach, not filter/concat: a snapshot can come when RAM is tightest; it skips the
  // ports not in use, and visits the heads in order)
  ring!.forEach((q) => {
    nq++;
    [q.byHead, q.wait].forEach((l) => l.forEach((r) => {
      mark(T_REQ, q, r);
      if (r.attempt) mark(T_START, q, r, r.attempt, r.counter!);
      if (r.payload) mark(T_DONE, q, r, r.result!, r.used!, r.payload);
    }));
  });
  // the counters ride in a record of their own type just before SNAP_END, made after the
  // requests' records: a record is sealed through the view the last rec() made (W)
  const c = rec(T_COUNTERS, 8 + 16 * nq, nq);
  W[3] = counter;
  // each queue's four words (from word 4 on): its port (a byte, then zeros), then its counters
  let w = 0;
  ring!.forEach((q) => W.set([q.portNo, q.nextReq, q.usedSeen, q.usedIdx], (w += 4)));
  logAppend(c);
  snaps.forEach((f) => f());
}

// ---------------------------------------------------------------- recovery
// Replay keeps, per port, only the requests whose completion the front end has not yet
// acknowledged: at most a queue's worth, wherever the log stands (recovery's memory is bounded
// by the queue sizes and the ports in use, not by the length of the live log). A queue's
// requests are kept by id in its `cbs` while it is replayed (an object keyed by request id, as
// they are: a queue recovery makes has no callbacks yet), not in an array of their own beside
// the ring.
type Live = { [id: string]: Req };

/** one queue's counters, as a T_COUNTERS record lists them (a type of replayRecord's own: no
 * record read from flash has it) */
const T_QUEUE = -1;

/** Gives the request a chain of free descriptors (one per buffer, at least one): its head
 * the first taken; and its place in a ring: a completion (payload set) the next in the used
 * ring, its index there its own (`used`: what its done mark says), else in the available ring;
 * and a pump on its way (a recovery that admits nothing has nothing to pump). */
function admit(q: Queue, r: Req): boolean {
  const free = q.freeList;
  let need = r.buffers.length || 1;
  if (free.length < need) return false;
  const head = (r.head = free.pop()!);
  let d = head;
  while (--need) d = q.next[d] = free.pop()!;
  q.next[d] = -1; // the chain ends
  q.byHead[head] = r;
  if (r.payload) q.used[(r.used = q.usedIdx++) % QS] = head;
  else q.avail[q.availIdx++ % QS] = head;
  kick(); // (the pump then finds it)
  return true;
}

/** Rebuilds every queue from flash, and the other owners' state (`hooks`) from their records.
 * Boot-only: no application has registered a handler yet (a test that recovers again calls
 * ringStop first, or registers its handlers again). */
/*! boot */
export function ringRecover(hooks?: Recovery[]) {
  const owners = hooks || [];
  ring = [];
  counter = held = armed = 0;
  // (a function of this call's own: it goes with it)
  /** Replays a record of the log: one of the other owners' (types 8 and up) goes to them; one
   * of the ring's gives the request it names, and what it says of its port's counters, each
   * raised to it (never lowered): the ids submitted, the completions made, the completions the
   * front end has acknowledged (the requests these completed are dropped). */
  function replayRecord(t: number, b: Uint8Array) {
    // (the log's SNAP_START and SNAP_END too: an owner takes only its own types)
    if (t > 7) return owners.forEach((h) => h.replay(t, b));
    // validate what flash says before trusting it
    // (no closure kept in a local here, as `const v = (o) => u32(b, o)`: it and this call's scope
    // would hold each other, garbage that Espruino frees only by a collection, per record)
    if (t === T_COUNTERS) {
      if (u32(b, 4) > counter) counter = u32(b, 4);
      // each queue's four words: [port, 0, 0, 0][nextReq][usedSeen][usedIdx] (n: the queues
      // the record lists, o: where the next one starts; its port checked as any record's)
      for (let n = b[0], o = 8; n-- && o + 16 <= b.length; o += 16) replayRecord(T_QUEUE, b.subarray(o, o + 16));
      return;
    }
    if (!t || t > T_DONE) return;
    if (b.length < 12 || b[0] >= 16) return bad++;
    const q = queue(b[0]);
    const live = q.cbs as unknown as Live;
    const id = u32(b, 4);
    const w = u32(b, 8); // a request, a queue: the acknowledgements; a start: its counter; a done: its used index
    // a start: the acknowledgements; a queue: its usedIdx (a shorter body reads 0: a typed
    // array reads undefined past its end, which u32's | makes 0)
    const w3 = u32(b, 12);
    /** a request's buffer count, a start's attempt, a done mark's status */
    const x = b[2];
    const r = live[id];
    // a request's buffers (each after its length byte, from 12) or a done mark's data (at 12, its
    // length b[3]): each checked to lie within the record, and copied (the read window is reused)
    const parts: Uint8Array[] = [];
    const done = t === T_DONE;
    for (let i = done ? 1 : t === T_REQ ? x : 0, o = done ? 12 : 13; i--; ) {
      const e = o + b[done ? 3 : o - 1];
      if (e > b.length) return bad++;
      parts.push(new U8(b.subarray(o, e)));
      o = e + 1;
    }
    // what the record says of the counters (0: nothing); a request and a queue's counters carry
    // the acknowledgements in w. The ids submitted: past the request's (a mark names a request
    // replayed before it, which raised them so already)
    let next = id + 1;
    let used = 0;
    let seen = t < 2 ? w : 0;
    if (t < 0) { // (T_QUEUE: the one type below 0)
      next = id;
      used = w3;
    } else if (t === T_REQ) {
      if (!r) live[id] = { id: id, head: -1, buffers: parts, attempt: 0 };
    } else if (!r) {
      return bad++; // a mark without its request: lost with a corrupt record
    } else if (t === T_START) {
      // (the counter raised only with r.counter: it is at least every r.counter set before)
      if (x > r.attempt) { r.attempt = x; if ((r.counter = w) > counter) counter = w; }
      seen = w3;
    } else {
      r.used = w;
      r.result = x;
      r.payload = parts[0];
      used = w + 1;
      if (w < q.usedSeen) delete live[id]; // (acknowledged already: a done mark leaves usedSeen as it is)
    }
    if (next > q.nextReq) q.nextReq = next;
    if (used > q.usedIdx) q.usedIdx = used;
    if (seen > q.usedSeen) {
      q.usedSeen = seen;
      for (const k in live) if (live[k].used! < seen) delete live[k]; // (a request not done: undefined < seen is false)
    }
  }
  MAXP = profile.ring.maxPayload;
  QS = profile.ring.queueSize;
  /** records replayRecord skipped as naming no request, or bad (then added to the log's own
   * count) */
  let bad = 0;
  let other = 0;
  let big = 0;
  let inflight = 0;
  let redeliver = 0;
  snaps = owners.map((h) => {
    h.reset();
    other += h.bytes;
    if (h.big > big) big = h.big;
    return h.snap;
  });
  ROOM = logRoom(profile, other, big);
  if (ROOM < QS) throw new Error('too small: ' + ROOM + ' requests fit, under ring.queueSize (flash.log, flash.region)');
  logOpen(profile.flash, snapAll, replayRecord);
  // completions not yet received, in the order they were made; then chains in flight, in the
  // order they were started; then the rest, in submission order (the counters are u32)
  const rank = (r: Req) => (r.payload ? r.used! : r.attempt ? 5e9 + r.counter! : 1e10 + r.id);
  ring.forEach((q, p) => {
    // (p: its port)
    // (replay kept only the requests whose completion is not acknowledged, in cbs)
    const live = q.cbs as unknown as Live;
    q.cbs = {};
    // a bad persisted index must not lose or overrun I/O
    // (clamped below: usedSeen is set from usedIdx)
    if (q.usedSeen > q.usedIdx) portErr(q, ': acknowledged ' + q.usedSeen + ' of ' + q.usedIdx + ' completions, clamped');
    // (Object.values: Espruino has it; the firmware's TypeScript lib, es2015, does not declare it)
    const mine = ((Object as any).values(live) as Req[]).sort((a, b) => rank(a) - rank(b));
    held += mine.length;
    q.usedIdx = q.usedSeen = q.usedIdx - mine.filter((r) => r.payload).length;
    mine.forEach((r) => {
      // a replay, unless it was never started
      // (in flight: started, not done)
      if ((r.replayed = r.payload || r.attempt) && !r.payload) inflight++;
      if (!admit(q, r)) q.wait.push(r);
      else if (r.payload) redeliver++;
      else if (r.attempt) q.inFlight[r.head] = 1; // the status array says: in flight
    });
    if (q.wait.length) note(-1, 'ring: port ' + p + ': ' + q.wait.length + ' recovered requests wait for descriptors');
  });
  if (log!.needSnap) logSnapshot(); // (an empty log too)
  if (bad) err(-1, 'ring: ' + bad + ' records that name no request skipped');
  const skipped = (log!.bad += bad);
  note(-1, 'ring: recovered ' + held + ' requests, ' + inflight + ' in flight, ' + redeliver + ' completions to deliver' + (skipped ? ', ' + skipped + ' bad records skipped' : ''));
}

/** the flash log could not start: the ring does not run (runtime.ringFault says why) */
/*! boot */
export function ringStop() {
  ring = undefined;
}

// ---------------------------------------------------------------- back end
/** Runs every queue with work from the event loop: one timer however many requests wait. */
function kick() {
  armed = armed || hal.clock.after(pump, 0);
}
/** the back end of the ports bound to storage sets (the storage back end), and which those are */
let fallback: Serve | undefined;
let fallbackServes: (port: number) => boolean;

/** Delivers each queue's completions and starts its available chains. Starting one: its start
 * mark, the status array set to 1, then the back end called with done() bound to the attempt. */
function pump() {
  armed = 0;
  // (the ports in use: forEach skips the others; one made while this runs has a pump of its
  // own on the way (admit kicked). No ring: the flash log could not start, or a test stopped it)
  if (ring) ring.forEach((q, p) => {
    finish(q); // (its completions delivered)
    const fn = q.backEnd || (fallback && fallbackServes(p) && fallback);
    while (fn && q.lastAvail !== q.availIdx) {
      const head = q.avail[q.lastAvail++ % QS];
      const r = q.byHead[head];
      const attempt = r.attempt + 1;
      if (attempt > MAX_ATTEMPTS) {
        portErr(q, ' request ' + r.id + ' failed ' + r.attempt + ' times: EIO');
        finish(q, r, r.attempt, EIO);
        continue;
      }
      // the mark goes to flash before RAM changes: a snapshot the append may write must not
      // record a start that is not on flash yet (its counter set first is no such change: a
      // snapshot writes a start only with the attempt). A chain started again keeps the
      // counter of its first start: recovery resubmits in that order, so a power cut while
      // replays run must not put the replayed chains after the others
      mark(T_START, q, r, attempt, (r.counter = r.counter || ++counter));
      r.attempt = attempt;
      q.inFlight[head] = 1; // in flight: differs from the initial value of every position
      try {
        // done(status, data): finish() bound to this attempt (a native bound function: nothing
        // to interpret until it is called)
        // (a replay: started before, here or before a recovery; `replayed` is set only on
        // requests started or done before one, and a done one is never started again)
        fn({ port: p, id: r.id, bufs: r.buffers, replay: attempt > 1 }, finish.bind(undefined, q, r, attempt));
      } catch (e) {
        // the back end threw and recovers at once: the status array says the chain is in
        // flight, so it goes back to the front of the available ring and is started again (its
        // attempts counted: the third failure completes it with EIO). (Its status alone tells:
        // nothing starts a chain while the back end runs, the pump being a timer's, so a head in
        // flight is this attempt's; one that finished before the throw is back to 0.)
        err(-1, 'ring: back end failed on port ' + p + ' request ' + r.id + ': ' + e + '; retrying the chain');
        if (q.inFlight[head]) q.avail[--q.lastAvail % QS] = head;
      }
    }
  });
}

/** a buffer or data given as text, bytes or nothing, as bytes */
function bytesOf(d?: Uint8Array | string) {
  return d === undefined ? new U8(0) : typeof d === 'string' ? BYTES(d) : d;
}

/** A chain's attempt is finished: its done mark, the status array back to the initial value,
 * the used ring, and delivery. A stale call (the chain was started again or finished already)
 * does nothing. Without a request (`finish(q)`): delivery only — the front end takes the
 * queue's completions (one function for both: each top-level function holds JsVars for good). */
function finish(q: Queue, r?: Req, attempt?: number, status?: number, data?: Uint8Array | string) {
  if (r) {
    if (r.attempt !== attempt || r.payload) return;
    let d = bytesOf(data);
    // Espruino's subarray does not clamp to the array's end: cut only what is too long
    if (d.length > MAXP) d = d.subarray(0, MAXP);
    // on flash first, as for the start mark (its status kept at once: nothing reads it before
    // the payload is set)
    mark(T_DONE, q, r, (r.result = status! & 255), q.usedIdx, d);
    r.payload = d;
    q.inFlight[r.head] = 0; // finished: back to the initial value
    q.used[(r.used = q.usedIdx++) % QS] = r.head;
  }
  // delivery
  while (q.usedSeen !== q.usedIdx) {
    const head = q.used[q.usedSeen % QS];
    const r = q.byHead[head];
    const id = r.id;
    const cbs = q.cbs;
    const cb = cbs[id] || q.onDone;
    if (!cb) {
      // no receiver: kept until the front end registers onComplete, unless it uses the port
      // with per-request callbacks only: then one nobody can receive must not block theirs
      // (it is dropped, and said)
      if (!Object.keys(cbs).length) return;
      portErr(q, ': completion of request ' + id + ' has no receiver (no onComplete): dropped');
    }
    delete cbs[id]; // (its own callback, if it has one)
    q.usedSeen++;
    held--;
    // its descriptors freed; the requests waiting for them admitted in order while they fit
    for (let d = head; d >= 0; d = q.next[d]) q.freeList.push(d);
    delete q.byHead[head];
    while (q.wait[0] && admit(q, q.wait[0])) q.wait.shift();
    try {
      if (cb) cb({ port: q.portNo, id: id, status: r.result!, data: r.payload!, replay: !!r.replayed });
    } catch (e) {
      portErr(q, ': completion handler failed: ' + e);
    }
  }
}

// ---------------------------------------------------------------- front end
/** Front end: submit a chain of buffers; `cb` (or the port's onComplete) gets the completion.
 * Returns the request's id, or QUEUE_FULL / LOG_FULL (nothing was written: submit again after
 * a completion). */
export function submit(port: number, bufs: (Uint8Array | string)[], cb?: (c: Completion) => void): number {
  const q = queue(port);
  const bs = bufs.map(bytesOf);
  let total = 0;
  // (each buffer's length a byte in its record: a buffer over 255 bytes is over maxPayload
  // too, 200 at most (boards/profile.schema.json))
  for (const b of bs) total += b.length;
  if (!bs.length || !(total <= MAXP)) throw new Error('ring: a request carries 1.. buffers of at most ' + MAXP + ' bytes in all');
  if (held >= ROOM) return LOG_FULL;
  const free = q.freeList;
  if (q.wait.length || free.length < bs.length) return QUEUE_FULL;
  // its record written first, with the head admit will give it (the last free descriptor): a
  // record that fails to write leaves nothing to undo
  const r = { id: q.nextReq, head: free[free.length - 1], buffers: bs, attempt: 0 };
  mark(T_REQ, q, r);
  admit(q, r);
  held++;
  if (cb) q.cbs[r.id] = cb;
  return q.nextReq++; // (r.id)
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
  const q = queue(port, true);
  // status: the in-flight status array, one digit per descriptor head (1: that chain is in flight)
  const status = q.inFlight.join('');
  return { nextId: q.nextReq, inflight: status.split('1').length - 1, waiting: q.availIdx - q.lastAvail, undelivered: q.usedIdx - q.usedSeen, free: q.freeList.length, status: status };
}

/** the ring's and its flash log's figures (management's status), or why it is not running.
 * recoveries: how many times the ring was rebuilt from flash, which is once while it runs
 * (ringRecover is boot-only, and ringStop stops it) */
export function ringFigures() {
  return ring ? { queued: held, recoveries: 1, skipped: log!.bad + log!.torn, logPages: log!.pages } : { fault: runtime.ringFault };
}
