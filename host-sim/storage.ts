// require("Storage") for what the firmware may use, with Espruino's messages (observed on the
// 2v29 Linux build). Files are kept per board across reboots and power cuts, like flash;
// they are not laid out in flash bytes (an approximation: a 32-byte header per file).
export const NAME_MAX = 28;
const HEADER = 32;

const bytesOf = (data: unknown): Uint8Array => {
  if (typeof data === 'string') return Uint8Array.from(data, (c) => c.charCodeAt(0) & 0xff);
  if (data instanceof Uint8Array) return new Uint8Array(data);
  if (ArrayBuffer.isView(data)) return new Uint8Array(data.buffer.slice(data.byteOffset, data.byteOffset + data.byteLength));
  if (Array.isArray(data)) return Uint8Array.from(data, (x) => Number(x) & 0xff);
  return bytesOf(String(data));
};
const text = (b: Uint8Array) => String.fromCharCode(...b);

export class SimStorage {
  files = new Map<string, Uint8Array>();
  /** how often each file was written anew (created, or a used one replaced: its erase);
   * counted for inspection only (the UI's flash picture) */
  readonly rewrites = new Map<string, number>();
  /** runs a program operation of `data` onto a file's bytes `dst` (at file offset `pos`), as
   * the flash does, torn if power is cut in it (then returns true). Without it: programmed whole */
  program?: (dst: Uint8Array, data: Uint8Array, pos: number) => boolean;
  /** after a torn program: the board halts (throws) */
  onTorn?: () => void;
  constructor(readonly size: number) {}

  private used() {
    let n = 0;
    for (const f of this.files.values()) n += HEADER + Math.ceil(f.length / 4) * 4;
    return n;
  }
  private name(n: unknown) {
    return String(n).slice(0, NAME_MAX); // Espruino cuts longer names silently
  }

  api(print: (s: string) => void) {
    return {
      // as jsfWriteFile (src/jsflash.c): offset 0 creates the file anew unless one of that size
      // is there and still erased; any write must land on erased bytes
      write: (name: unknown, data: unknown, offset?: number, size?: number) => {
        const n = this.name(name);
        const d = bytesOf(data);
        const off = Math.trunc(Number(offset ?? 0)) || 0;
        const sz = Math.trunc(Number(size ?? 0)) || d.length;
        if (off < 0 || sz < 0) return false;
        if (!sz) throw new Error("Can't create zero length file");
        let f = this.files.get(n);
        if (off === 0 && (!f || f.length !== sz || !f.every((b) => b === 0xff))) {
          if (f && f.length === sz && d.length === sz && f.every((b, i) => b === d[i])) return true;
          this.files.delete(n);
          if (this.used() + HEADER + Math.ceil(sz / 4) * 4 > this.size) throw new Error('Unable to find or create file');
          f = new Uint8Array(sz).fill(0xff);
          this.files.set(n, f);
          this.rewrites.set(n, (this.rewrites.get(n) ?? 0) + 1);
        }
        if (!f) throw new Error('Unable to find or create file');
        if (off + d.length > f.length) throw new Error('Too much data for file size');
        for (let i = 0; i < d.length; i++) if (f[off + i] !== 0xff) throw new Error('File already written with different data');
        // the bytes are erased (checked above): programming ANDs the data in; a torn program
        // (power cut) lands part of it, as the flash's tear mode says
        const dst = f.subarray(off, off + d.length);
        if (!this.program) dst.set(d);
        else if (this.program(dst, d, off)) this.onTorn?.();
        return true;
      },
      read: (name: unknown, offset = 0, length?: number) => {
        const f = this.files.get(this.name(name));
        if (!f) return undefined;
        return text(f.subarray(offset, length === undefined ? undefined : offset + length));
      },
      readArrayBuffer: (name: unknown) => {
        const f = this.files.get(this.name(name));
        return f ? new Uint8Array(f).buffer : undefined;
      },
      readJSON: (name: unknown, noExceptions?: boolean) => {
        const f = this.files.get(this.name(name));
        if (!f) return undefined;
        try { return JSON.parse(text(f)); } catch (e) { if (noExceptions) return undefined; throw e; }
      },
      writeJSON: (name: unknown, data: unknown) => {
        const s = JSON.stringify(data);
        return this.api(print).write(name, s);
      },
      erase: (name: unknown) => { this.files.delete(this.name(name)); },
      eraseAll: () => { this.files.clear(); },
      list: (re?: RegExp | string) => {
        const all = [...this.files.keys()];
        return re === undefined ? all : all.filter((n) => (typeof re === 'string' ? n.includes(re) : re.test(n)));
      },
      getFree: () => this.size - this.used(),
      getStats: () => ({ totalBytes: this.size, freeBytes: this.size - this.used(), fileBytes: this.used(), fileCount: this.files.size, trashBytes: 0, trashCount: 0 }),
      compact: () => { print('Compacting... '); },
    };
  }
}
