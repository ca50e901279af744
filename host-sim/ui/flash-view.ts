// The flash picture: the runtime's flash log read back from the simulator's flash (raw pages)
// or Storage (the log's files), without going through the firmware. Read-only: it decodes the
// layout the README describes (a 16-byte page header "cl", version 2, 0xFF, page seq, nonce,
// CRC-32; records [length/4, type, 0xFF, 0xFF, seq, body, check = CRC-32 ^ nonce]) so the page
// can show each page's wear, its records, where the log's head is and its last snapshot.
import type { SimBoard } from '../board';
import { crc32 } from '../cards';

const HDR = 16;
const SNAP_START = 14;
const SNAP_END = 15;
/** record types by number, as the firmware writes them (ring/index.ts, storage/index.ts) */
export const RECORD_TYPES: Record<number, string> = { 1: 'request', 2: 'start', 3: 'done', 4: 'counters', 8: 'block', 9: 'bind', 10: 'layout', 14: 'snap-start', 15: 'snap-end' };

export interface RecordView { at: number; len: number; type: number; seq: number }
export interface PageView {
  page: number;
  /** erases of a raw page; times a log file was written anew */
  erases: number;
  header: 'erased' | 'valid' | 'bad';
  pseq?: number;
  records: RecordView[];
  /** bytes from the page's start to the end of its last valid record */
  used: number;
  /** stretches that did not check (torn or corrupt), skipped as recovery skips them */
  bad: number;
}
export interface FlashView {
  /** raw flash pages, or Storage files (cardcage.log0 …) */
  kind: 'pages' | 'files';
  pageSize: number;
  pages: PageView[];
  /** where the next record goes: the newest page and the end of its last record */
  head?: { page: number; offset: number };
  /** the newest snapshot with its SNAP_END: the page it starts on and its id */
  lastSnapshot?: { page: number; id: number };
  /** the simulator's counters since it started */
  ops: number;
  programs: number;
  erases: number;
}

const u32 = (b: Uint8Array, o: number) => (b[o] | (b[o + 1] << 8) | (b[o + 2] << 16) | (b[o + 3] << 24)) >>> 0;

/** One page's header and valid records, as recovery's scan reads them. */
export function decodePage(bytes: Uint8Array, page: number, erases: number): PageView {
  const v: PageView = { page, erases, header: 'erased', records: [], used: 0, bad: 0 };
  const h = bytes.subarray(0, HDR);
  if (h.every((b) => b === 0xff)) {
    if (bytes.every((b) => b === 0xff)) return v;
    v.header = 'bad';
  } else if (h[0] === 0x63 && h[1] === 0x6c && h[2] === 2 && crc32(h.subarray(0, 12)) === u32(h, 12)) {
    v.header = 'valid';
    v.pseq = u32(h, 4);
  } else v.header = 'bad';
  // a hit header may still hold the nonce (as the firmware reads it): records then still check
  const nonce = u32(h, 8);
  let o = HDR;
  let inBad = false;
  v.used = HDR;
  while (o + 12 <= bytes.length) {
    if (u32(bytes, o) === 0xffffffff && u32(bytes, o + 4) === 0xffffffff) break;
    const n = bytes[o] * 4;
    if (n >= 12 && o + n <= bytes.length && ((crc32(bytes.subarray(o, o + n - 4)) ^ nonce) >>> 0) === u32(bytes, o + n - 4)) {
      v.records.push({ at: o, len: n, type: bytes[o + 1], seq: u32(bytes, o + 4) });
      o += n;
      v.used = o;
      inBad = false;
      continue;
    }
    if (!inBad) v.bad++;
    inBad = true;
    o += 4;
  }
  return v;
}

/** The board's flash log as it stands now. */
export function flashView(board: SimBoard): FlashView {
  const f = board.profile.flash;
  const files = !!f.log;
  const pageSize = files ? f.log!.fileSize : f.pageSize;
  const count = files ? f.log!.files : f.region.length / f.pageSize;
  const pages: PageView[] = [];
  for (let p = 0; p < count; p++) {
    let bytes: Uint8Array;
    let erases: number;
    if (files) {
      const name = 'cardcage.log' + p;
      const file = board.storage.files.get(name);
      bytes = new Uint8Array(pageSize).fill(0xff);
      if (file) bytes.set(file.subarray(0, pageSize));
      erases = board.storage.rewrites.get(name) ?? 0;
    } else {
      bytes = board.flash.mem.subarray(p * pageSize, (p + 1) * pageSize);
      erases = board.flash.stats.erasesPerPage[p] ?? 0;
    }
    pages.push(decodePage(bytes, p, erases));
  }
  const view: FlashView = { kind: files ? 'files' : 'pages', pageSize, pages, ops: board.flash.ops, programs: board.flash.stats.programs, erases: board.flash.stats.erases };
  // pages in the order they were opened (page sequence numbers only grow)
  const order = pages.filter((p) => p.header === 'valid').sort((a, b) => a.pseq! - b.pseq!);
  const head = order[order.length - 1];
  if (head) view.head = { page: head.page, offset: head.used };
  // the last complete snapshot: the newest page starting with SNAP_START whose SNAP_END
  // follows in it or a later page (the rule recovery uses)
  for (let i = order.length - 1; i >= 0 && !view.lastSnapshot; i--) {
    const first = order[i].records[0];
    if (!first || first.type !== SNAP_START) continue;
    const id = snapId(board, order[i], first);
    const ends = order.slice(i).some((p) => p.records.some((r) => r.type === SNAP_END && snapId(board, p, r) === id));
    if (ends) view.lastSnapshot = { page: order[i].page, id };
  }
  return view;
}

/** a snapshot mark's id (its body's first word) */
function snapId(board: SimBoard, p: PageView, r: RecordView): number {
  const f = board.profile.flash;
  if (f.log) {
    const file = board.storage.files.get('cardcage.log' + p.page)!;
    return u32(file, r.at + 8);
  }
  return u32(board.flash.mem, p.page * f.pageSize + r.at + 8);
}
