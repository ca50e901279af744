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
      write: (name: unknown, data: unknown, offset?: number, size?: number) => {
        const n = this.name(name);
        const d = bytesOf(data);
        if (offset === undefined || (offset === 0 && size === undefined)) {
          if (!d.length && !size) throw new Error("Can't create zero length file");
          const f = new Uint8Array(size ?? d.length).fill(0xff);
          if (d.length > f.length) throw new Error('Too much data for file size');
          f.set(d);
          this.files.delete(n);
          if (this.used() + HEADER + f.length > this.size) throw new Error('Unable to find or create file');
          this.files.set(n, f);
          return true;
        }
        let f = this.files.get(n);
        if (!f && offset === 0 && size) {
          f = new Uint8Array(size).fill(0xff);
          if (this.used() + HEADER + f.length > this.size) throw new Error('Unable to find or create file');
          this.files.set(n, f);
        }
        if (!f) throw new Error('Unable to find or create file');
        if (offset + d.length > f.length) throw new Error('Too much data for file size');
        for (let i = 0; i < d.length; i++) f[offset + i] &= d[i]; // it is flash: bits only clear
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
