// require("Storage") as Espruino's jsflash.c keeps it (checked against the 2v29 Linux build):
// a journal of files in one contiguous area, each a 32-byte header (size and flags, a name of up
// to 28 chars) and its data padded to 4 bytes. A replaced or erased file stays where it was as
// trash until compaction; a new file goes after the last one, and when there is no room
// Espruino compacts first (if that would make room). The journal is kept as records in order
// (their addresses follow from their sizes), not as flash bytes: require("Flash") does not see
// Storage's files here.
// Files are kept per board across reboots and power cuts, like flash.
import { espruinoJsonParse } from './api/json';
import { J, STRINGIFY, toJSON } from './format';

export const NAME_MAX = 28;
const HEADER = 32;
const ALIGN = 4;
/** header flags (JsfFileFlags) */
export const FLAG = { NONE: 0, FILENAME_TABLE: 32, STORAGEFILE: 64, COMPRESSED: 128 } as const;
const TABLE_NAME = '[FILENAME_TABLE]';

const alignUp = (n: number) => (n + ALIGN - 1) & ~(ALIGN - 1);

export const bytesOf = (data: unknown): Uint8Array => {
  if (typeof data === 'string') return Uint8Array.from(data, (c) => c.charCodeAt(0) & 0xff);
  if (data instanceof Uint8Array) return new Uint8Array(data);
  if (ArrayBuffer.isView(data)) return new Uint8Array(data.buffer.slice(data.byteOffset, data.byteOffset + data.byteLength));
  if (Object.prototype.toString.call(data) === '[object ArrayBuffer]') return new Uint8Array((data as ArrayBuffer).slice(0));
  if (Array.isArray(data)) return Uint8Array.from(data, (x) => Number(x) & 0xff);
  return bytesOf(String(data));
};
export const text = (b: Uint8Array) => { let s = ''; for (let i = 0; i < b.length; i += 8192) s += String.fromCharCode(...b.subarray(i, i + 8192)); return s; };
/** an "int" parameter of Espruino's API (jsvGetInteger): whole part, 0 for what is not a number */
export const toInt = (v: unknown): number => {
  const n = typeof v === 'string' ? (v.trim() === '' ? 0 : Number(v)) : typeof v === 'number' || typeof v === 'boolean' ? Number(v) : 0;
  return Number.isFinite(n) ? Math.trunc(n) : 0;
};
/** a file name as Espruino keeps it (jsfNameFromVar): the first 28 chars */
export const fileName = (n: unknown) => String(n).slice(0, NAME_MAX);

/** a file in the journal */
export interface Rec { name: string; flags: number; data: Uint8Array; trash: boolean }

/** the live files by name (Storage's files as a Map): setting one writes it anew, deleting erases it */
class FileView extends Map<string, Uint8Array> {
  constructor(private st: SimStorage) { super(); }
  private live() { return this.st.recs.filter((r) => !r.trash && r.flags !== FLAG.FILENAME_TABLE); }
  override get(n: string) { return this.st.find(n)?.data; }
  override has(n: string) { return !!this.st.find(n); }
  override set(n: string, d: Uint8Array) { this.st.put(fileName(n), d); return this; }
  override delete(n: string) { const r = this.st.find(n); if (r) r.trash = true; return !!r; }
  override clear() { this.st.recs = []; this.st.table = undefined; }
  override get size() { return this.live().length; }
  override keys() { return this.live().map((r) => r.name)[Symbol.iterator](); }
  override values() { return this.live().map((r) => r.data)[Symbol.iterator](); }
  override entries() { return this.live().map((r) => [r.name, r.data] as [string, Uint8Array])[Symbol.iterator](); }
  override [Symbol.iterator]() { return this.entries(); }
  override forEach(cb: (v: Uint8Array, k: string, m: Map<string, Uint8Array>) => void) { for (const [k, v] of this.entries()) cb(v, k, this); }
}

export class SimStorage {
  /** the journal, in address order */
  recs: Rec[] = [];
  /** the filename table Espruino's Linux build writes after 200 files (ESPR_STORAGE_FILENAME_TABLE) */
  table?: Rec;
  /** how often each file was written anew (created, or a used one replaced: its erase);
   * counted for inspection only (the UI's flash picture) */
  readonly rewrites = new Map<string, number>();
  /** runs a program operation of `data` onto a file's bytes `dst` (at file offset `pos`), as
   * the flash does, torn if power is cut in it (then returns true). Without it: programmed whole */
  program?: (dst: Uint8Array, data: Uint8Array, pos: number) => boolean;
  /** after a torn program: the board halts (throws) */
  onTorn?: () => void;
  private view = new FileView(this);
  /** a StorageFile's chunk size: a page (at most 4 KB) less a header (STORAGEFILE_CHUNKSIZE) */
  readonly chunkSize: number;
  constructor(readonly size: number, readonly pageSize = 1024) {
    this.chunkSize = Math.min(pageSize, 4096) - HEADER;
  }

  /** the live files by name (a Map: set writes a file anew, delete erases one, clear erases all) */
  get files(): Map<string, Uint8Array> { return this.view; }
  set files(m: Map<string, Uint8Array>) {
    const all = [...m.entries()].map(([k, v]) => [k, new Uint8Array(v)] as const);
    this.recs = [];
    this.table = undefined;
    for (const [k, v] of all) this.put(k, v);
  }

  // ---------------------------------------------------------------- the journal
  private static len(r: Rec) { return HEADER + alignUp(r.data.length); }
  /** address (from the start of Storage) just past the last file */
  private end() { let a = 0; for (const r of this.recs) a += SimStorage.len(r); return a; }
  find(name: string): Rec | undefined {
    const n = fileName(name);
    for (const r of this.recs) if (!r.trash && r.name === n) return r;
    return undefined;
  }
  /** a file written whole, outside the API (the harness storing a program) */
  put(name: string, data: Uint8Array) {
    const old = this.find(name);
    if (old) old.trash = true;
    this.recs.push({ name, flags: FLAG.NONE, data, trash: false });
  }

  /** jsfGetStorageStats over the whole area (from `from`, a record index) */
  stats(from = 0) {
    let a = 0;
    const s = { total: this.size, free: 0, fileBytes: 0, fileCount: 0, trashBytes: 0, trashCount: 0 };
    this.recs.forEach((r, i) => {
      const l = SimStorage.len(r);
      if (i >= from) {
        if (r.trash) { s.trashBytes += l; s.trashCount++; } else { s.fileBytes += l; s.fileCount++; }
      }
      a += l;
    });
    s.free = this.size - a;
    return s;
  }

  /** jsfCreateFile: after the last file; when there is no room, compact (once) if that would make it */
  private create(name: string, size: number, flags: number, print: (s: string) => void): Rec | undefined {
    const need = HEADER + alignUp(size);
    let compacted = false;
    for (;;) {
      const left = this.size - this.end();
      const free = left >= HEADER ? left : 0;
      if (free >= need) break;
      const trash = this.recs.reduce((n, r) => n + (r.trash ? r.data.length : 0), 0);
      if (compacted || !(need < free + trash)) return undefined;
      compacted = true;
      if (!this.compact(print)) return undefined;
    }
    const r: Rec = { name, flags, data: new Uint8Array(size).fill(0xff), trash: false };
    this.recs.push(r);
    this.rewrites.set(name, (this.rewrites.get(name) ?? 0) + 1);
    return r;
  }

  /** jsfEraseFileInternal: the file becomes trash; after 200 files since the last filename table
   * (the Linux build's ESPR_STORAGE_FILENAME_TABLE) a new table is written */
  private eraseRec(r: Rec, print: (s: string) => void, withTable = true) {
    r.trash = true;
    if (!withTable) return;
    const from = this.table ? this.recs.indexOf(this.table) + 1 : 0;
    const s = this.stats(from);
    if (s.fileCount + s.trashCount > 200) this.createTable(print);
  }

  private createTable(print: (s: string) => void) {
    const real = () => this.recs.filter((r) => !r.trash && r.flags !== FLAG.FILENAME_TABLE);
    const count = real().length;
    const old = this.find(TABLE_NAME);
    if (old) this.eraseRec(old, print, false);
    if (!count) return;
    const t = this.create(TABLE_NAME, count * HEADER, FLAG.FILENAME_TABLE, print);
    if (!t) return;
    // the table: a header per file, its size field holding the file's address
    let a = 0;
    let i = 0;
    for (const r of this.recs) {
      if (!r.trash && r.flags !== FLAG.FILENAME_TABLE && i < count) {
        const e = t.data.subarray(i * HEADER, (i + 1) * HEADER);
        e.fill(0);
        new DataView(e.buffer, e.byteOffset).setUint32(0, a, true);
        e.set(bytesOf(r.name).subarray(0, NAME_MAX), 4);
        i++;
      }
      a += SimStorage.len(r);
    }
    this.table = t;
  }

  /** jsfCompact: the files after the first page holding trash move down over it */
  compact(print: (s: string) => void): boolean {
    if (!this.recs.some((r) => r.trash)) return false;
    this.table = undefined;
    // the last page that starts with a header, up to the first trash
    let a = 0;
    let unbroken = 0;
    let start = -1;
    for (const r of this.recs) {
      if (a % this.pageSize === 0) unbroken = a;
      if (r.trash) { start = unbroken; break; }
      a += SimStorage.len(r);
    }
    let line = 'Compacting... ';
    let last = 0;
    const kept: Rec[] = [];
    a = 0;
    for (const r of this.recs) {
      if (a < start) kept.push(r);
      else if (!r.trash && r.flags !== FLAG.FILENAME_TABLE) {
        kept.push(r);
        const p = (a - start) >> 14; // a progress mark every 16 KB
        if (p !== last) { line += '\b' + '/-\\|'[p & 3]; last = p; }
      }
      a += SimStorage.len(r);
    }
    this.recs = kept;
    print(line);
    return true;
  }

  /** programs `d` into a file at `off` (erased bytes: ANDs), torn if power is cut */
  programAt(r: Rec, off: number, d: Uint8Array) {
    if (!d.length) return;
    const dst = r.data.subarray(off, off + d.length);
    if (!this.program) { for (let i = 0; i < dst.length; i++) dst[i] &= d[i]; }
    else if (this.program(dst, d.subarray(0, dst.length), off)) this.onTorn?.();
  }

  /** jsfWriteFile */
  writeFile(name: string, d: Uint8Array, flags: number, offset: number, size: number, print: (s: string) => void): boolean {
    if (offset < 0 || size < 0) return false;
    if (size === 0) size = d.length;
    if (!size) throw new Error("Can't create zero length file");
    let r = this.find(name);
    if ((!r && offset === 0) || (r && offset === 0 && (flags !== r.flags || size !== r.data.length || !r.data.every((b) => b === 0xff)))) {
      if (r && offset === 0 && size === r.data.length && flags === r.flags && d.length === size && r.data.every((b, i) => b === d[i])) return true;
      if (r) this.eraseRec(r, print);
      r = this.create(fileName(name), size, flags, print);
    }
    if (!r) throw new Error('Unable to find or create file');
    if (offset + d.length > r.data.length) throw new Error('Too much data for file size');
    for (let i = 0; i < d.length; i++) if (r.data[offset + i] !== 0xff) throw new Error('File already written with different data');
    this.programAt(r, offset, d);
    return true;
  }

  /** jsfEraseFile */
  eraseFile(name: string, print: (s: string) => void): boolean {
    const r = this.find(name);
    if (!r) return false;
    this.eraseRec(r, print);
    return true;
  }

  /** jsfReadFile: the bytes, clipped as Espruino clips them */
  readFile(name: string, offset = 0, length = 0): Uint8Array | undefined {
    const r = this.find(name);
    if (!r) return undefined;
    const n = r.data.length;
    if (offset < 0) offset = 0;
    if (length <= 0) length = n;
    if (offset > n) offset = n;
    if (offset + length > n) length = n - offset;
    if (length <= 0) return new Uint8Array(0);
    return r.data.subarray(offset, offset + length);
  }

  /** jsfListFiles: names in address order; a StorageFile shows as its first chunk ("name\1"),
   * or as its name when asked for StorageFiles (`containing`) */
  list(match: (name: string) => boolean, containing: number, notContaining: number): string[] {
    const out: string[] = [];
    for (const r of this.recs) {
      if (r.trash || r.flags === FLAG.FILENAME_TABLE) continue;
      if (notContaining & r.flags) continue;
      if (containing && !(containing & r.flags)) continue;
      let n = r.name;
      if (r.flags & FLAG.STORAGEFILE) {
        if (n.charCodeAt(n.length - 1) !== 1) continue;
        if (containing & FLAG.STORAGEFILE) n = n.slice(0, -1);
      }
      if (match(n)) out.push(n);
    }
    return out;
  }

  /** require("Storage")'s functions (host values; api/storage.ts hands them to the sandbox).
   * Errors carry Espruino's type in `espType` where it is not 'Error'. */
  api(print: (s: string) => void) {
    const str = (b: Uint8Array | undefined) => (b ? text(b) : undefined);
    const parse = (s: string, noExceptions: unknown) => {
      try {
        return espruinoJsonParse(s, (msg, type) => Object.assign(new Error(msg), { espType: type }), true);
      } catch (e) { if (noExceptions) return undefined; throw e; }
    };
    const isObj = (d: unknown) => d !== null && typeof d === 'object' && !Array.isArray(d) && !ArrayBuffer.isView(d) && Object.prototype.toString.call(d) !== '[object ArrayBuffer]';
    return {
      // an object is written as JSON.stringify gives it, whole
      write: (name: unknown, data: unknown, offset?: unknown, size?: unknown) => isObj(data)
        ? this.writeFile(fileName(name), bytesOf(toJSON(data, STRINGIFY)), FLAG.NONE, 0, 0, print)
        : this.writeFile(fileName(name), bytesOf(data), FLAG.NONE, toInt(offset), toInt(size), print),
      read: (name: unknown, offset?: unknown, length?: unknown) => str(this.readFile(fileName(name), toInt(offset), toInt(length))),
      readArrayBuffer: (name: unknown) => { const b = this.readFile(fileName(name)); return b ? new Uint8Array(b).buffer : undefined; },
      readJSON: (name: unknown, noExceptions?: unknown) => { const b = this.readFile(fileName(name)); return b ? parse(text(b), noExceptions) : undefined; },
      // field names left unquoted where they can be (jsfGetJSON with JSON_DROP_QUOTES)
      writeJSON: (name: unknown, data: unknown) => this.writeFile(fileName(name), bytesOf(toJSON(data, STRINGIFY | J.DROP_QUOTES)), FLAG.NONE, 0, 0, print),
      erase: (name: unknown) => { this.eraseFile(fileName(name), print); },
      eraseAll: () => { this.recs = []; this.table = undefined; },
      list: (re?: unknown, filter?: unknown) => {
        let containing = 0;
        let notContaining = 0;
        if (filter !== null && typeof filter === 'object' && !Array.isArray(filter) && (filter as { sf?: unknown }).sf !== undefined) {
          if ((filter as { sf?: unknown }).sf) containing |= FLAG.STORAGEFILE; else notContaining |= FLAG.STORAGEFILE;
        }
        const match = re === undefined || re === null ? () => true
          : Object.prototype.toString.call(re) === '[object RegExp]' ? (n: string) => String.prototype.match.call(n, re as RegExp) !== null
            : (n: string) => n.match(String(re)) !== null;
        return this.list(match, containing, notContaining);
      },
      getFree: () => this.stats().free,
      getStats: () => { const s = this.stats(); return { totalBytes: s.total, freeBytes: s.free, fileBytes: s.fileBytes, fileCount: s.fileCount, trashBytes: s.trashBytes, trashCount: s.trashCount }; },
      compact: () => { this.compact(print); },
    };
  }

  /** a new sandbox (each boot): Espruino finds its filename table again when it checks Storage */
  boot() {
    this.table = undefined;
    for (const r of this.recs) if (!r.trash && r.flags === FLAG.FILENAME_TABLE && r.name === TABLE_NAME) this.table = r;
  }
}
