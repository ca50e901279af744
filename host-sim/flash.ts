// NOR flash as Espruino's require("Flash") sees it: a write ANDs bits (only 1 -> 0), erasePage
// restores 0xFF, writes are padded with 0xFF to the chip's write unit (as jshFlashWriteAligned
// does). The simulator models the runtime's region byte for byte; touching flash outside it
// is an error here (stricter than a board, where it would corrupt Storage or firmware).
// Counts program operations, bytes programmed and erases per page; can cut power after the
// Nth program/erase, leaving that operation torn.
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
  onOp?: (kind: 'write' | 'erase', addr: number, len: number) => void;

  constructor(readonly geo: FlashGeometry, private rand: Rng) {
    this.mem = new Uint8Array(geo.region.length).fill(0xff);
    this.writes = new Uint8Array(Math.ceil(geo.region.length / geo.writeAlign));
    this.resetStats();
  }

  resetStats() {
    this.stats = { programs: 0, bytesProgrammed: 0, erases: 0, erasesPerPage: new Array(this.geo.region.length / this.geo.pageSize).fill(0), overprogrammed: 0, reads: 0, bytesRead: 0 };
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
    if (addr < r.addr || addr >= r.addr + r.length) return undefined;
    const ps = this.geo.pageSize;
    return { addr: r.addr + Math.floor((addr - r.addr) / ps) * ps, length: ps };
  }

  read(len: number, addr: number): Uint8Array {
    if (len <= 0) return new Uint8Array(0);
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

  /** A program operation of Storage (a file in Storage's own area, which this model does not
   * lay out in bytes): counted with this flash's, and cut as they are. Returns 0, or the
   * fraction of it done when power is cut in it. */
  storageProgram(len: number): number {
    const torn = this.tick('write', -1, len);
    this.stats.programs++;
    this.stats.bytesProgrammed += len;
    return torn ? 0.01 + 0.98 * this.rand.next() : 0;
  }

  write(data: Uint8Array, addr: number) {
    const a = this.geo.writeAlign;
    const start = addr - (addr % a);
    const end = Math.ceil((addr + data.length) / a) * a;
    const o = this.off(start, end - start, 'write');
    const torn = this.tick('write', addr, data.length);
    const buf = new Uint8Array(end - start).fill(0xff);
    buf.set(data, addr - start);
    for (let i = 0; i < buf.length; i++) {
      // a torn write clears only some of the bits it was clearing
      const clear = torn ? buf[i] | (this.rand.int(256) & ~buf[i]) : buf[i];
      this.mem[o + i] &= clear;
    }
    for (let w = o / a; w < (o + buf.length) / a; w++) {
      this.writes[w]++;
      if (this.geo.maxWritesPerWord && this.writes[w] > this.geo.maxWritesPerWord) this.stats.overprogrammed++;
    }
    this.stats.programs++;
    this.stats.bytesProgrammed += data.length;
    if (torn) throw new PowerCut(this.ops);
  }

  erasePage(addr: number) {
    const page = this.getPage(addr);
    if (!page) this.off(addr, 1, 'erasePage');
    const o = page!.addr - this.geo.region.addr;
    const torn = this.tick('erase', page!.addr, page!.length);
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
