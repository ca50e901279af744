// A power-loss-safe record log over the flash region the runtime owns (MISSION.md §2).
// NOR flash only clears bits, so nothing is ever rewritten: records are appended, each with
// its length, type, a sequence number and a CRC-32; pages are used as a ring, each opened
// with a header carrying a page sequence number. Space comes back through snapshots, not
// per-record bookkeeping (as littlefs compacts by rewriting live state): when the log has run
// through half the pages since the last snapshot, the owner's live state is written again
// at the start of a fresh page between SNAP_START and SNAP_END records, and every page before
// that snapshot is dead and may be erased when the ring comes round to it. A snapshot cut
// short by a power loss is ignored: recovery replays from the last complete one.
// Everything read back is validated: a torn or corrupt record is skipped and counted, and
// reading resynchronises on the next record whose check holds. A record's check is its CRC-32
// XORed with its page's nonce, a random number in the page header: record bodies carry guest
// bytes, and a guest who wrote a whole valid-looking record into a payload (for a torn write
// to expose) cannot know the nonce it would need.
import { hal, err } from '../core';

export const SNAP_START = 14;
export const SNAP_END = 15;
const HDR = 16; // page header: "cl", version 2, 0xFF, page seq u32, nonce u32, CRC-32 u32
const ERASED = -1;
const FILE = 'cardcage.log';
const GARBAGE = -2;

export interface LogState {
  base: number;
  /** the log's pages as Storage files cardcage.log0, 1, ... (boards whose free flash cannot
   * hold a page ring, and Espruino's Linux build, which erases foreign data in Storage at
   * power-on); else raw pages */
  files: boolean;
  /** the name of the head page's file (files only): appends name no other */
  file: string;
  psize: number;
  pages: number;
  /** page sequence number of each page, or ERASED / GARBAGE */
  pseqOf: number[];
  /** each page's nonce (records' checks are XORed with it; a typed array: few JsVars) */
  nonce: Int32Array;
  head: number;
  off: number;
  pseq: number;
  seq: number;
  /** page seq of the page where the last complete snapshot starts: older pages are dead */
  snapPseq: number;
  snapId: number;
  /** writes the owner's live state as records (called between SNAP_START and SNAP_END) */
  snapshot: () => void;
  /** recovery found no complete snapshot: the owner must write one */
  needSnap: boolean;
  stats: { bad: number; torn: number };
}

/** The log's state: set by logOpen; undefined until then. */
export let log: LogState | undefined;

export function u32(b: Uint8Array, o: number) {
  return (b[o] | (b[o + 1] << 8) | (b[o + 2] << 16) | (b[o + 3] << 24)) >>> 0;
}
export function put32(b: Uint8Array, o: number, v: number) {
  b[o] = v & 255;
  b[o + 1] = (v >> 8) & 255;
  b[o + 2] = (v >> 16) & 255;
  b[o + 3] = (v >>> 24) & 255;
}
function crc(b: Uint8Array, n: number) {
  return hal.sys.crc32(new Uint8Array(b.buffer, b.byteOffset, n)) >>> 0;
}
// ---------------------------------------------------------------- page I/O
// A page is a raw flash page or a pre-sized Storage file of the same size: both read 0xFF
// where erased and are only ever written where still erased.
// Reads go through a small window (recovery reads record after record; a Storage read looks
// the file up each time): one read per window, not two per record.
/** bytes a read brings in: small while only page heads are read, larger when a page is scanned */
let WIN = 64;
let win: Uint8Array | undefined;
let winP = -1;
let winO = 0;
/*! boot */
function rd(p: number, o: number, n: number): Uint8Array {
  const L = log!;
  if (p !== winP || o < winO || o + n > winO + win!.length) {
    const len = Math.min(L.psize - o, n > WIN ? n : WIN) | 0;
    let w: Uint8Array;
    if (!L.files) w = hal.flash.read(len, L.base + p * L.psize + o);
    else {
      // a missing file reads as erased; a short one (foreign data, not ours) is padded as
      // erased, and written anew at full size when the ring comes round to it
      const s = hal.store.read(FILE + p, o, len);
      w = s === undefined ? new Uint8Array(0) : hal.sys.bytes(s);
      if (w.length < len) { const f = new Uint8Array(len).fill(255); f.set(w); w = f; }
    }
    win = w;
    winP = p;
    winO = o;
  }
  return new Uint8Array(win!.buffer, win!.byteOffset + o - winO, n);
}
function wr(p: number, o: number, d: Uint8Array) {
  const L = log!;
  if (!L.files) hal.flash.write(d, L.base + p * L.psize + o);
  // at offset 0 Storage writes the file anew (a used one is replaced: its erase)
  else if (o) STW(FILE + p, d, o);
  else STW(FILE + p, d, 0, L.psize);
}
// the HAL's functions on the append path, looked up once (each lookup is interpreted)
let STW: (name: string, d: Uint8Array, o: number, size?: number) => void;
let FW: (d: Uint8Array, addr: number) => void;
let CRC: (d: Uint8Array) => number;
/** the nonce of the page being appended to */
let NONCE = 0;

/*! boot */
function readHeader(p: number) {
  const h = rd(p, 0, HDR);
  // a header that was hit may still hold the page's nonce: its records then still check
  log!.nonce[p] = u32(h, 8) | 0;
  if (u32(h, 0) === 0xffffffff && u32(h, 4) === 0xffffffff && u32(h, 12) === 0xffffffff) return ERASED;
  if (h[0] !== 0x63 || h[1] !== 0x6c || h[2] !== 2 || crc(h, 12) !== u32(h, 12)) return GARBAGE;
  return u32(h, 4);
}

/** Reads the valid records of page p in order; returns where appending could continue and
 * whether everything after that is erased. */
/*! boot */
function scan(p: number, each: (type: number, body: Uint8Array, seq: number) => boolean | void, report?: boolean) {
  const L = log!;
  const N = L.nonce[p];
  let o = HDR;
  let end = HDR;
  let bad = false;
  while (o + 12 <= L.psize) {
    const h = rd(p, o, 8);
    if (u32(h, 0) === 0xffffffff && u32(h, 4) === 0xffffffff) break;
    const n = h[0] * 4;
    if (n >= 12 && o + n <= L.psize) {
      const r = rd(p, o, n);
      if (((crc(r, n - 4) ^ N) >>> 0) === u32(r, n - 4)) {
        o += n;
        end = o;
        if (each(r[1], r.subarray(8, n - 4), u32(r, 4))) return { end: end, clean: false };
        continue;
      }
    }
    if (!bad && report) L.stats.bad++;
    bad = true;
    o += 4; // resynchronise on the next record whose check holds
  }
  if (bad && report) err(-1, 'flashlog: page ' + p + ': bad data skipped');
  // appending may continue at `end` only if the rest of the page is erased; only the replay
  // pass (report) needs to know, so the other passes skip reading the page's tail
  let clean = !!report && end === o;
  for (let x = o; clean && x < L.psize; x += 64) {
    const c = rd(p, x, Math.min(64, L.psize - x));
    for (let i = 0; i < c.length; i++) if (c[i] !== 255) clean = false;
  }
  return { end: end, clean: clean };
}

/** Does the snapshot `id` that starts page order[i] end (SNAP_END) in that page or later? */
/*! boot */
function completes(order: number[], i: number, id: number | undefined) {
  if (id === undefined || id < 0) return false;
  let found = false;
  for (let j = i; j < order.length && !found; j++) found = !!scanFor(order[j], id);
  return found;
}
/*! boot */
function scanFor(p: number, id: number) {
  let found = false;
  scan(p, (t, body) => (found = t === SNAP_END && u32(body, 0) === id));
  return found;
}

/** Opens the log and replays it: `each` gets every valid record from the last complete
 * snapshot on, in the order written. Pages are ordered by the sequence number of their first
 * valid record, so a page whose header was hit still gives up its other records (and a fresh
 * snapshot is then written at once, after which that page is dead). */
/*! boot */
export function logOpen(base: number, files: boolean, psize: number, pages: number, snapshot: () => void, each: (type: number, body: Uint8Array) => void) {
  WIN = 64;
  winP = -1;
  STW = hal.store.write;
  FW = hal.flash.write;
  CRC = hal.sys.crc32;
  log = { base: base, files: files, file: '', psize: psize, pages: pages, pseqOf: [], nonce: new Int32Array(pages), head: -1, off: psize, pseq: 0, seq: 0, snapPseq: 0, snapId: 0, snapshot: snapshot, needSnap: false, stats: { bad: 0, torn: 0 } };
  const L = log!;
  const first: number[] = [];
  const firstType: number[] = [];
  const order: number[] = [];
  // pass 1: each page's header and first record (the pages' order; where snapshots start)
  // (forEach, not for-let: Espruino has one binding per loop, and callbacks close over it)
  L.pseqOf = new Array(pages);
  L.pseqOf.fill(ERASED);
  L.pseqOf.forEach((_, p) => {
    const s = readHeader(p);
    L.pseqOf[p] = s;
    if (s >= L.pseq) L.pseq = s + 1;
    if (s === ERASED) return;
    if (s === GARBAGE) {
      L.stats.bad++;
      err(-1, 'flashlog: page ' + p + ': bad header');
    }
    first[p] = -1;
    scan(p, (t, body, seq) => {
      first[p] = seq;
      firstType[p] = t === SNAP_START ? u32(body, 0) : -1;
      return true;
    });
    // a page opened but holding no valid record yet goes last, by its page seq
    if (first[p] >= 0 || s >= 0) order.push(p);
  });
  const key = (p: number) => (first[p] >= 0 ? first[p] : 4e9 + L.pseqOf[p]);
  order.sort((x, y) => key(x) - key(y));
  // the last complete snapshot: newest page starting with a SNAP_START whose SNAP_END follows
  // (only the live log, from that page on, is read)
  let from = -1;
  for (let i = order.length - 1; i >= 0 && from < 0; i--) {
    if (completes(order, i, firstType[order[i]])) {
      from = i;
      L.snapId = firstType[order[i]];
    }
  }
  L.needSnap = from < 0 && order.length > 0;
  if (L.needSnap) err(-1, 'flashlog: no complete snapshot, replaying every page');
  if (from < 0) from = 0;
  L.snapPseq = L.pseq;
  // pass 2: replay
  WIN = 512;
  order.slice(from).forEach((p) => {
    const ps = L.pseqOf[p];
    if (ps < 0) L.needSnap = true; // its header was hit: rewrite what it holds
    else if (ps < L.snapPseq) L.snapPseq = ps; // protected until the next snapshot
    const r = scan(p, (t, body, seq) => {
      if (seq >= L.seq) L.seq = seq + 1;
      each(t, body);
    }, true);
    L.head = p;
    L.off = r.clean && ps >= 0 ? r.end : L.psize; // a torn tail: continue on a fresh page
    if (!r.clean) L.stats.torn++;
  });
  if (L.head >= 0) NONCE = L.nonce[L.head];
  if (L.files && L.head >= 0) L.file = FILE + L.head;
  win = undefined; // the read window's RAM goes back
  winP = -1;
}

function advance() {
  const L = log!;
  const p = (L.head + 1) % L.pages;
  const s = L.pseqOf[p];
  if (s >= L.snapPseq) throw new Error('flash log full');
  if (s !== ERASED && !L.files) hal.flash.erasePage((L.base + p * L.psize) | 0);
  const h = new Uint8Array(HDR);
  h[0] = 0x63;
  h[1] = 0x6c;
  h[2] = 2;
  h[3] = 255;
  put32(h, 4, L.pseq);
  // random, and the time as well (a board's generator may start alike at every boot)
  NONCE = L.nonce[p] = (hal.sys.random() * 0x7fffffff) ^ ((hal.clock.now() * 1000) % 0x7fffffff);
  put32(h, 8, NONCE);
  put32(h, 12, crc(h, 12));
  L.pseqOf[p] = ERASED; // erased, until the header is on flash
  wr(p, 0, h);
  L.pseqOf[p] = L.pseq++;
  L.head = p;
  if (L.files) L.file = FILE + p;
  L.off = HDR;
}

/** A record with room for a body of `len` bytes at offset 8: the caller fills the body (its
 * 32-bit fields through W, the record's words: typed-array stores are native on Espruino, where
 * every function call is interpreted), then hands it to logAppend. Words are little-endian, as
 * on every board Espruino runs on. */
export let W: Uint32Array;
export function rec(type: number, len: number) {
  const n = 12 + ((len + 3) & ~3);
  W = new Uint32Array(n >> 2);
  W[0] = (n >> 2) | (type << 8) | -65536; // length in words, type, two bytes 0xFF
  return new Uint8Array(W.buffer);
}

/** during a snapshot, records gather here and go to flash a buffer at a time: few program
 * operations, and RAM for one buffer, not for the whole snapshot */
let sbuf: Uint8Array | undefined;
let sn = 0;
const SBUF = 256;
function flushSnap() {
  const L = log!;
  if (sn) wr(L.head, L.off, new Uint8Array(sbuf!.buffer, 0, sn));
  L.off += sn;
  sn = 0;
}

/** Appends the record the last rec() made (W is its view: callers fill it and append it at
 * once): one flash program operation (during a snapshot, part of one). */
export function logAppend(r: Uint8Array) {
  const L = log!;
  const n = r.length;
  if (sbuf || L.off + n > L.psize) return appendSlow(r);
  // seal() and wr() inlined on purpose: every call is interpreted, three per request
  W[1] = L.seq++;
  W[(n >> 2) - 1] = CRC(new Uint8Array(r.buffer, 0, n - 4)) ^ NONCE;
  if (L.files) STW(L.file, r, L.off);
  else FW(r, L.base + L.head * L.psize + L.off);
  L.off += n;
}
/** an append that opens a page (and maybe a snapshot), or one inside a snapshot */
function appendSlow(r: Uint8Array) {
  const L = log!;
  const n = r.length;
  if (n > L.psize - HDR) throw new Error('flash log record too big');
  if (sbuf) {
    if (L.off + sn + n > L.psize) { flushSnap(); advance(); }
    else if (sn + n > SBUF) flushSnap();
    seal(r);
    if (n > SBUF) { wr(L.head, L.off, r); L.off += n; }
    else { sbuf.set(r, sn); sn += n; }
    return;
  }
  const w = W; // a snapshot written here makes records of its own
  advance();
  // a page used since the last snapshot (or half the ring, if smaller): write one at the
  // start of this page. The live log stays within two pages, so recovery reads as much
  // wherever the log stands (and the ring always has room for the next snapshot)
  if (L.pseq - L.snapPseq > (L.pages < 4 ? L.pages >> 1 : 1)) logSnapshot();
  if (L.off + n > L.psize) advance();
  // after any snapshot: sequence numbers follow the order records reach flash
  W = w;
  logAppend(r);
}

/** the record's sequence number and CRC, as it goes to flash (through W, the view rec() made:
 * opening a page or flushing makes no record) */
function seal(r: Uint8Array) {
  const n = r.length;
  W[1] = log!.seq++;
  W[(n >> 2) - 1] = CRC(new Uint8Array(r.buffer, 0, n - 4)) ^ NONCE;
}

/** Writes the owner's live state between SNAP_START and SNAP_END. A snapshot whose owner
 * throws is not committed: no SNAP_END, the error goes on to the caller, and the log before it
 * stays live (replaying the records it did write is harmless: they restate the live state). */
export function logSnapshot() {
  const L = log!;
  if (L.off !== HDR) advance();
  const start = L.pseqOf[L.head];
  const id = L.snapId + 1;
  const mark = (t: number) => { const r = rec(t, 4); W[2] = id; logAppend(r); };
  sbuf = new Uint8Array(SBUF);
  sn = 0;
  try {
    mark(SNAP_START);
    L.snapshot();
    mark(SNAP_END);
    flushSnap();
  } finally {
    sbuf = undefined;
    sn = 0;
  }
  L.snapId = id;
  L.snapPseq = start;
  L.needSnap = false;
}
