// NOR flash as Espruino's require("Flash") sees it: a write ANDs bits (only 1 -> 0), erasePage
// restores 0xFF, writes are padded with 0xFF to the chip's write unit (as jshFlashWriteAligned
// does). The simulator models the runtime's region byte for byte, with the statistics, power
// cuts and tears below; the rest of the free flash (Flash.getFree(), pages of the same size) is
// kept too, page by page, without them (Storage's files are not laid out in it). Reading or
// writing or erasing flash outside both is an error here (stricter than a board, where it would
// corrupt firmware; the Linux build asserts on a read or write); Flash.erasePage where there is
// no page does nothing, as on Espruino (api/flash.ts).
// Counts program operations, bytes programmed and erases per page; can cut power after the
// Nth program/erase, leaving that operation torn.
//
// A torn program takes one of two shapes (`tear`):
// - 'bits': some of the 1 -> 0 bits of the whole operation are cleared, any of them;
// - 'prefix': the chip programs write unit after write unit (geo.writeAlign bytes, as NVMC and
//   STM32 flash controllers do): the units before the cut are fully programmed, the unit being
//   programmed has only some of its 1 -> 0 bits cleared, the units after it are untouched.
// 'either' picks one of the two per cut from the seeded generator. Storage's program
// operations (files not laid out in bytes here) tear the same ways, in units counted from the
// start of the file (Espruino aligns a file's data to the write unit).
import type { Area } from '../firmware/profile';
import type { Rng } from './clock';

export interface FlashGeometry {
  region: Area;
  sharedWithStorage?: boolean;
  pageSize: number;
  writeAlign: number;
  maxWritesPerWord: number;
  free: Area[];
}

export interface FlashStats {
  programs: number;
  bytesProgrammed: number;
  erases: number;
  erasesPerPage: number[];
  /** words programmed more often than the chip allows between erases (should stay 0) */
  overprogrammed: number;
  reads: number;
  bytesRead: number;
}

/** How a program operation cut by power loss is left: see the file's header. */
export type TearMode = 'bits' | 'prefix';

/** What the last torn operation did (for failure messages). */
export interface TearInfo {
  op: number;
  kind: 'write' | 'erase' | 'storage';
  mode?: TearMode;
  /** prefix: write units fully programmed before the partial one; units in the operation */
  unit?: number;
  units?: number;
}

/** Thrown through the firmware when simulated power is cut; the board halts. */
export class PowerCut extends Error {
  constructor(public op: number) {
    super(`power cut at flash operation ${op}`);
  }
}

export class NorFlash {
  readonly mem: Uint8Array;
  private writes: Uint8Array; // programs per word since its page's last erase
  stats!: FlashStats;
  /** flash operations (program or erase) since the simulator started */
  ops = 0;
  /** cut power when operation number `cutAt` runs (1-based); that operation is torn */
  cutAt = 0;
  /** the shape of a torn program (see the header); 'either' draws it per cut from the seed */
  tear: TearMode | 'either' = 'bits';
  /** the last torn operation */
  lastTear?: TearInfo;
  onOp?: (kind: 'write' | 'erase', addr: number, len: number) => void;

  constructor(readonly geo: FlashGeometry, private rand: Rng) {
    this.mem = new Uint8Array(geo.region.length).fill(0xff);
    this.writes = new Uint8Array(Math.ceil(geo.region.length / geo.writeAlign));
    this.resetStats();
  }

  resetStats() {
    this.stats = { programs: 0, bytesProgrammed: 0, erases: 0, erasesPerPage: new Array(this.geo.region.length / this.geo.pageSize).fill(0), overprogrammed: 0, reads: 0, bytesRead: 0 };
  }

  /** pages of the free flash outside the region (erased until written) */
  private outside = new Map<number, Uint8Array>();
  /** operations on flash outside the region (not counted in stats) */
  outsideOps = 0;

  private inRegion(addr: number, len: number) {
    const r = this.geo.region;
    return addr >= r.addr && addr + len <= r.addr + r.length;
  }
  /** the free area holding addr..addr+len, outside the region */
  private inFree(addr: number, len: number) {
    return this.geo.free.some((a) => addr >= a.addr && addr + len <= a.addr + a.length);
  }
  /** bytes of the free flash outside the region, page by page */
  private outsideBytes(addr: number, len: number, fn: (page: Uint8Array, at: number, i: number, n: number) => void) {
    const ps = this.geo.pageSize;
    for (let i = 0; i < len;) {
      const a = addr + i;
      const p = Math.floor(a / ps) * ps;
      let page = this.outside.get(p);
      if (!page) { page = new Uint8Array(ps).fill(0xff); this.outside.set(p, page); }
      const n = Math.min(len - i, p + ps - a);
      fn(page, a - p, i, n);
      i += n;
    }
  }

  private off(addr: number, len: number, what: string): number {
    const r = this.geo.region;
    if (!Number.isInteger(addr) || !Number.isInteger(len) || addr < r.addr || addr + len > r.addr + r.length)
      throw new Error(`Flash.${what}: 0x${(addr >>> 0).toString(16)}+${len} is outside the runtime's flash region 0x${r.addr.toString(16)}+${r.length} (simulator guard)`);
    return addr - r.addr;
  }

  getFree(): Area[] {
    return this.geo.free.map((a) => ({ addr: a.addr, length: a.length }));
  }

  getPage(addr: number): Area | undefined {
    const r = this.geo.region;
    const ps = this.geo.pageSize;
    if (addr < r.addr || addr >= r.addr + r.length) {
      if (!Number.isInteger(addr) || !this.inFree(addr, 1)) return undefined;
      return { addr: Math.floor(addr / ps) * ps, length: ps };
    }
    return { addr: r.addr + Math.floor((addr - r.addr) / ps) * ps, length: ps };
  }

  read(len: number, addr: number): Uint8Array {
    if (len <= 0) return new Uint8Array(0);
    if (!this.inRegion(addr, len) && Number.isInteger(addr) && this.inFree(addr, len)) {
      const out = new Uint8Array(len);
      this.outsideBytes(addr, len, (page, at, i, n) => out.set(page.subarray(at, at + n), i));
      return out;
    }
    const o = this.off(addr, len, 'read');
    this.stats.reads++;
    this.stats.bytesRead += len;
    return this.mem.slice(o, o + len);
  }

  private tick(kind: 'write' | 'erase', addr: number, len: number): boolean {
    this.ops++;
    this.onOp?.(kind, addr, len);
    return this.cutAt > 0 && this.ops === this.cutAt;
  }

  /** Programs `data` over `dst` (same length; `lead` = where dst[0] is in its write unit):
   * ANDs bits, or tears the operation as `this.tear` says. Returns the units programmed, whole
   * or in part, counted from the first unit of the operation. */
  private program(dst: Uint8Array, data: Uint8Array, lead: number, torn: boolean, kind: 'write' | 'storage'): number {
    const a = this.geo.writeAlign;
    const units = Math.ceil((lead + data.length) / a);
    if (!torn) {
      for (let i = 0; i < data.length; i++) dst[i] &= data[i];
      return units;
    }
    const mode: TearMode = this.tear === 'either' ? (this.rand.next() < 0.5 ? 'bits' : 'prefix') : this.tear;
    // a torn program clears only some of the bits it was clearing: all of them (prefix: in the
    // units before the cut), some (bits: everywhere; prefix: in the unit being programmed),
    // none (prefix: after it)
    const partial = (i: number) => { dst[i] &= data[i] | (this.rand.int(256) & ~data[i]); };
    if (mode === 'bits') {
      for (let i = 0; i < data.length; i++) partial(i);
      this.lastTear = { op: this.ops, kind, mode };
      return units;
    }
    const k = this.rand.int(units); // units fully programmed; unit k is the one cut
    const from = k * a - lead; // its first byte in dst (negative: inside the lead)
    for (let i = 0; i < data.length && i < from; i++) dst[i] &= data[i];
    for (let i = Math.max(0, from); i < data.length && i < from + a; i++) partial(i);
    this.lastTear = { op: this.ops, kind, mode, unit: k, units };
    return k + 1;
  }

  /** A program operation of Storage on a file's bytes `dst` (the bytes from file offset `pos`;
   * Storage is not laid out in flash bytes here, but a file's data starts at a write unit):
   * counted with this flash's operations and cut as they are, torn the same ways. Returns
   * true when power was cut in it. */
  storageProgram(dst: Uint8Array, data: Uint8Array, pos: number): boolean {
    const torn = this.tick('write', -1, data.length);
    this.program(dst, data, pos % this.geo.writeAlign, torn, 'storage');
    this.stats.programs++;
    this.stats.bytesProgrammed += data.length;
    return torn;
  }

  write(data: Uint8Array, addr: number) {
    const a = this.geo.writeAlign;
    const start = addr - (addr % a);
    const end = Math.ceil((addr + data.length) / a) * a;
    if (!this.inRegion(start, end - start) && Number.isInteger(addr) && this.inFree(start, end - start)) {
      this.outsideOps++;
      this.outsideBytes(addr, data.length, (page, at, i, n) => { for (let k = 0; k < n; k++) page[at + k] &= data[i + k]; });
      return;
    }
    const o = this.off(start, end - start, 'write');
    const torn = this.tick('write', addr, data.length);
    // padded with 0xFF to whole units (as jshFlashWriteAligned)
    const buf = new Uint8Array(end - start).fill(0xff);
    buf.set(data, addr - start);
    const done = this.program(this.mem.subarray(o, o + buf.length), buf, 0, torn, 'write');
    // a unit a torn program never reached was not programmed
    for (let w = o / a; w < o / a + done; w++) {
      this.writes[w]++;
      if (this.geo.maxWritesPerWord && this.writes[w] > this.geo.maxWritesPerWord) this.stats.overprogrammed++;
    }
    this.stats.programs++;
    this.stats.bytesProgrammed += data.length;
    if (torn) throw new PowerCut(this.ops);
  }

  erasePage(addr: number) {
    const page = this.getPage(addr);
    if (!page) this.off(addr, 1, 'erasePage'); // (the API does nothing there, as Espruino)
    if (!this.inRegion(page!.addr, page!.length)) {
      this.outsideOps++;
      this.outside.delete(page!.addr);
      return;
    }
    const o = page!.addr - this.geo.region.addr;
    const torn = this.tick('erase', page!.addr, page!.length);
    if (torn) this.lastTear = { op: this.ops, kind: 'erase' };
    for (let i = 0; i < page!.length; i++) {
      // a torn erase leaves a random part of the page erased
      if (!torn || this.rand.next() < 0.5) this.mem[o + i] = 0xff;
    }
    this.writes.fill(0, o / this.geo.writeAlign, (o + page!.length) / this.geo.writeAlign);
    this.stats.erases++;
    this.stats.erasesPerPage[o / this.geo.pageSize]++;
    if (torn) throw new PowerCut(this.ops);
  }
}
