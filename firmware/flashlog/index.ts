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
import type { Profile } from '../profile';

/** Uint8Array by a short name: the bundle is code text, and this module and the ring make
 * byte arrays in many places */
export const U8 = Uint8Array;
export const SNAP_START = 14;
export const SNAP_END = 15;
/** the page header's length: "cl", version 2, 0xFF, page seq u32, nonce u32, CRC-32 u32
 * (a const enum: its value is written where it is used, not kept in a variable) */
const enum Page {
  HDR = 16,
}
const ERASED = -1;
const FILE = 'cardcage.log';
const GARBAGE = -2;

export interface LogState {
  /** the raw pages' address (Storage files: unused) */
  base: number;
  /** the log's pages as Storage files cardcage.log0, 1, ... (boards whose free flash cannot
   * hold a page ring, and Espruino's Linux build, which erases foreign data in Storage at
   * power-on); else raw pages */
  files?: number;
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
  /** the last complete snapshot's id (0: none) */
  snapId: number;
  /** writes the owner's live state as records (called between SNAP_START and SNAP_END) */
  snapshot: () => void;
  /** recovery found no complete snapshot (or an empty log): the owner must write one */
  needSnap?: boolean;
  /** records and page headers skipped as bad (the owner adds the records it skips when it
   * replays them: one count for the figures); pages found with a torn tail */
  bad: number;
  torn: number;
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
// ---------------------------------------------------------------- page I/O
// A page is a raw flash page or a pre-sized Storage file of the same size: both read 0xFF
// where erased and are only ever written where still erased.
/** bytes a read brings in (logOpen's window) */
const WIN = 512;
/** Writes d at offset o of page p; appending continues after it. */
function wr(p: number, o: number, d: Uint8Array) {
  const L = log!;
  // at offset 0 Storage writes the file anew at its full size (a used one is replaced: its
  // erase); at any other offset it takes no size
  if (L.files) STW(FILE + p, d, o, L.psize);
  else FW(d, L.base + p * L.psize + o);
  L.off = o + d.length; // (once written: a write that throws leaves the log as it was)
}
// the HAL's functions on the append path, looked up once (each lookup is interpreted)
let STW: (name: string, d: Uint8Array, o: number, size?: number) => void;
let FW: (d: Uint8Array, addr: number) => void;
let CRC: (d: Uint8Array) => number;
/** a string's bytes (the ring's requests and completions take them too) */
export let BYTES: (s: string) => Uint8Array;

/** Opens the log on the profile's flash (raw pages of its region, or Storage files) and
 * replays it: `each` gets every valid record from the last complete snapshot on, in the order
 * written. Pages are ordered by the sequence number of their first valid record, so a page
 * whose header was hit still gives up its other records (and a fresh snapshot is then written
 * at once, after which that page is dead). */
/*! boot */
export function logOpen(fl: Profile['flash'], snapshot: () => void, each: (type: number, body: Uint8Array) => void) {
  STW = hal.store.write;
  FW = hal.flash.write;
  CRC = hal.sys.crc32;
  BYTES = hal.sys.bytes;
  // ints: Espruino's division gives a float, and flash addresses must be ints
  const psize = fl.pageSize | 0;
  const pages = (fl.files || fl.region[1] / psize) | 0; // (the region: its addr, its length)
  // (snapPseq: set before the replay)
  const L = (log = { base: fl.files || fl.region[0] | 0, files: fl.files, psize: psize, pages: pages, pseqOf: [] as number[], nonce: new Int32Array(pages), head: -1, off: psize, pseq: 0, seq: 0, snapshot: snapshot, bad: 0, torn: 0 } as LogState);
  // Reads go through a small window (recovery reads record after record; a Storage read looks
  // the file up each time): one read per window, not two per record. The window and the
  // readers below are this call's own: they go when the log is open, with no module-level
  // names to hold them.
  let win: Uint8Array;
  /** the window's page (undefined: no window yet) and its offset there */
  let winP: number | undefined;
  let winO: number;
  /** whether b's first n bytes are sealed by the word after them: their CRC-32, XORed with x
   * (a record: its page's nonce; a page header: 0) */
  function sealed(b: Uint8Array, n: number, x: number) {
    return !(CRC(b.subarray(0, n)) ^ x ^ u32(b, n)); // (^ compares the low 32 bits)
  }
  /** n bytes of page p from offset o, through the window */
  function rd(p: number, o: number, n: number): Uint8Array {
    if (p !== winP || o < winO || o + n > winO + win.length) {
      const len = Math.min(psize - o, n > WIN ? n : WIN) | 0;
      if (!L.files) win = hal.flash.read(len, L.base + p * psize + o);
      // a missing file reads as erased (no bytes: as ''); a short one (foreign data, not ours)
      // is padded as erased, and written anew at full size when the ring comes round to it
      else (win = new U8(len).fill(255)).set(BYTES(hal.store.read(FILE + p, o, len) || ''));
      winP = p;
      winO = o;
    }
    return win.subarray((o -= winO), o + n); // (o: now the offset in the window)
  }
  /** the reading position in the page next() reads (its callers set it: HDR for the first
   * record); whether it met bad data; the type and seq of the record it read last */
  let at: number;
  let bad: number | undefined;
  let type!: number;
  let seq!: number;
  /** The body of the next valid record of page p from `at` on (undefined at the page's end);
   * `at` then follows the record. Bad data is skipped: reading resynchronises on the next
   * record whose check holds. Every pass takes the records' sequence numbers: the pages they
   * read are all replayed too (pass 1 reads first records: none after the live log's first),
   * so the next seq is the same as if the replay alone took them. */
  function next(p: number) {
    while (at + 12 <= psize) {
      const h = rd(p, at, 8);
      if (!~(u32(h, 0) & u32(h, 4))) return; // erased: both words all ones (~ makes 0)
      const n = h[0] * 4;
      if (n >= 12 && at + n <= psize) {
        const r = rd(p, at, n);
        if (sealed(r, n - 4, L.nonce[p])) {
          at += n;
          type = r[1];
          if ((seq = u32(r, 4)) >= L.seq) L.seq = seq + 1;
          return r.subarray(8, n - 4);
        }
      }
      bad = 1;
      at += 4;
    }
  }
  /** each page's place: the seq of its first valid record; a page opened but holding no valid
   * record yet goes last, by its page seq */
  const key: number[] = [];
  const order: number[] = [];
  let r: Uint8Array | undefined;
  // pass 1: each page's header and first record (the pages' order; where snapshots start)
  for (let p = 0; p < pages; p++) {
    const h = rd(p, 0, Page.HDR);
    // a header that was hit may still hold the page's nonce: its records then still check
    L.nonce[p] = u32(h, 8); // (an Int32Array keeps a u32's bits)
    // (its first three bytes "cl", version 2: the first word's low three bytes, shifted up)
    const s = !~(u32(h, 0) & u32(h, 4) & u32(h, 12)) ? ERASED : u32(h, 0) << 8 !== 0x026c6300 || !sealed(h, 12, 0) ? GARBAGE : u32(h, 4);
    L.pseqOf[p] = s;
    if (s >= L.pseq) L.pseq = s + 1;
    if (s === GARBAGE) {
      L.bad++;
      err(-1, 'flashlog: page ' + p + ': bad header');
    }
    // (an erased page too: it holds no record its nonce, all ones, seals (a nonce is under
    // 2^31), and its first read is in the window the header's brought in)
    at = Page.HDR;
    key[p] = (r = next(p)) ? seq : 4e9 + s;
    if (r || s >= 0) order.push(p);
  }
  order.sort((x, y) => key[x] - key[y]);
  // the last complete snapshot: newest page starting with a SNAP_START whose SNAP_END follows
  // in that page or a later one (only the live log, from that page on, is read)
  // (a snapshot starts a page: SNAP_START its first record)
  // (each candidate's id taken as the log's: the one found stays; none found, it is 0)
  let from = order.length;
  while (from-- > 0) {
    at = Page.HDR;
    if ((r = next(order[from])) && type === SNAP_START) {
      L.snapId = u32(r, 0);
      if (order.slice(from).some((p) => {
        for (at = Page.HDR; (r = next(p)); ) if (type === SNAP_END && u32(r, 0) === L.snapId) return true;
      })) break;
    }
  }
  if (from < 0) {
    // (an empty log too: it starts with a snapshot)
    from = L.snapId = 0;
    L.needSnap = true;
    if (order.length) err(-1, 'flashlog: no complete snapshot, replaying every page');
  }
  L.snapPseq = L.pseq;
  // pass 2: replay (for-of: nothing closes over p, which Espruino shares across the loop)
  for (const p of order.slice(from)) {
    const ps = L.pseqOf[p];
    if (ps < 0) L.needSnap = true; // its header was hit: rewrite what it holds
    else if (ps < L.snapPseq) L.snapPseq = ps; // protected until the next snapshot
    /** where the valid records end */
    let end: number = (at = Page.HDR);
    for (bad = 0; (r = next(p)); end = at) each(type, r);
    if (bad) {
      L.bad++; // (a page with bad data counts once)
      err(-1, 'flashlog: page ' + p + ': bad data skipped');
    }
    // appending may continue at `end` only if the rest of the page is erased (bad data after
    // the last record too is not: next() stopped on a word that was not erased)
    // (a word at a time: pages are a power of two bytes, records whole words; an erased word
    // is all ones, which ~ makes 0)
    for (let x = end; end && x < psize; x += 4) if (~u32(rd(p, x, 4), 0)) end = 0;
    L.head = p;
    L.off = ps < 0 ? psize : end || psize; // a torn tail: continue on a fresh page
    if (!end) L.torn++;
  }
}

function advance() {
  const L = log!;
  const p = (L.head + 1) % L.pages;
  const s = L.pseqOf[p];
  if (s >= L.snapPseq) throw new Error('flash log full');
  // (a page not erased: ~ makes ERASED, -1, 0)
  if (~s && !L.files) hal.flash.erasePage((L.base + p * L.psize) | 0);
  // the header's words, made as a record of 4 words (its callers keep W): "cl", version 2,
  // 0xFF; the page seq; the nonce, random and the time as well (a board's generator may start
  // alike at every boot); the CRC
  const most = -1 >>> 1; // 0x7fffffff (the nonce's two parts: each below 2^31, an int)
  const h = rec(0, 1, (L.nonce[p] = (hal.sys.random() * most) ^ ((hal.clock.now() * 1000) % most)));
  W[0] = 0xff026c63;
  W[1] = L.pseq;
  W[3] = CRC(h.subarray(0, 12));
  // (a header write that throws leaves the page's old state: a retry erases it again, which
  // changes nothing on an erased page)
  wr(p, 0, h);
  L.pseqOf[p] = L.pseq++;
  L.head = p;
}

/** A record with room for a body of `len` bytes at offset 8, its first word `w2` if given (else
 * 0, as the rest): the caller fills the body (its 32-bit fields through W, the record's words:
 * typed-array stores are native on Espruino, where every function call is interpreted), then
 * hands it to logAppend. Words are little-endian, as on every board Espruino runs on. */
export let W: Uint32Array;
export function rec(type: number, len: number, w2?: number) {
  // (len: now the record's length in words: length and type, seq, the body, CRC)
  W = new Uint32Array((len = (len + 15) >> 2));
  W[0] = len | (type << 8) | -65536; // length in words, type, two bytes 0xFF
  W[2] = w2!; // (undefined stores 0)
  return new U8(W.buffer);
}

/** during a snapshot, records gather here and go to flash a buffer at a time: few program
 * operations, and RAM for one buffer, not for the whole snapshot */
let sbuf: Uint8Array | undefined;
/** bytes in sbuf (0 outside a snapshot) */
let sn = 0;
const SBUF = 256;
function flushSnap() {
  if (sn) wr(log!.head, log!.off, sbuf!.subarray(0, sn));
  sn = 0;
}

/** Appends the record the last rec() made (W is its view: callers fill it and append it at
 * once): one flash program operation (during a snapshot, part of one). */
export function logAppend(r: Uint8Array) {
  const L = log!;
  const n = r.length;
  // the record does not fit in the head page: the next is opened (and maybe a snapshot
  // written). Here, not in a function of its own: each top-level function holds JsVars for good
  const full = L.off + sn + n > L.psize;
  if (full && n > L.psize - Page.HDR) throw new Error('flash log record too big');
  if (sbuf && (full || sn + n > SBUF)) flushSnap();
  if (full) {
    const w = W; // a snapshot written here makes records of its own
    // a page used since the last snapshot (the next page's seq, pseq, is past snapPseq):
    // write one at the start of the next page (not within one; logSnapshot opens it). The live log stays within two pages, so recovery reads as much wherever the log
    // stands (and the ring always has room for the next snapshot: it has two pages at least,
    // which the profile's checks require, and half the ring is never less than a page)
    if (!sbuf && L.pseq > L.snapPseq) logSnapshot();
    else advance();
    if (L.off + n > L.psize) advance();
    // after any snapshot: sequence numbers follow the order records reach flash
    W = w;
  }
  // the record's sequence number and CRC, as it goes to flash (after any page opened above:
  // its nonce; read where it is kept: a module-level copy would hold a JsVar for good)
  W[1] = L.seq++;
  W[(n >> 2) - 1] = CRC(r.subarray(0, n - 4)) ^ L.nonce[L.head];
  if (sbuf && n <= SBUF) {
    sbuf.set(r, sn);
    sn += n;
  } else wr(L.head, L.off, r);
}
/** Writes the owner's live state between SNAP_START and SNAP_END. A snapshot whose owner
 * throws is not committed: no SNAP_END, the error goes on to the caller, and the log before it
 * stays live (replaying the records it did write is harmless: they restate the live state). */
export function logSnapshot() {
  const L = log!;
  if (L.off !== Page.HDR) advance();
  const start = L.pseqOf[L.head];
  const id = L.snapId + 1;
  sbuf = new U8(SBUF); // (sn is 0 outside a snapshot)
  try {
    logAppend(rec(SNAP_START, 4, id));
    L.snapshot();
    logAppend(rec(SNAP_END, 4, id));
    flushSnap();
  } finally {
    sbuf = undefined;
    sn = 0;
  }
  L.snapId = id;
  L.snapPseq = start;
  L.needSnap = false;
}
