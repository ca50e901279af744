// Espruino reference: Storage.open and StorageFile — https://www.espruino.com/Reference#StorageFile
// A port of jswrap_storage.c: a StorageFile is kept in chunks of STORAGEFILE_CHUNKSIZE bytes
// (a 1 KB page less a header on the Linux build), each a Storage file named after the file with
// the chunk number as its last char ("log\1", "log\2" ...; the 28th char is replaced by it); the
// end of the data is the first 0xFF. The object's own fields name, chunk, offset and mode (a char
// code) are where it is, as on Espruino.
import { FLAG, NAME_MAX, bytesOf, text, toInt, type SimStorage } from '../storage';
import type { Sim } from './context';

type F = { name: string; chunk: number; offset: number; mode: number };
const R = 'r'.charCodeAt(0);
const W = 'w'.charCodeAt(0);
const A = 'a'.charCodeAt(0);

/** Espruino's %j of a value, for "Invalid mode" */
const j = (v: unknown) => (typeof v === 'string' ? JSON.stringify(v) : String(v));

/** the name of chunk `chunk` of the file named `name` */
function chunkName(name: unknown, chunk: number) {
  const n = String(name).slice(0, NAME_MAX).replace(/\0.*$/, '');
  return n.slice(0, Math.min(n.length, NAME_MAX - 1)) + String.fromCharCode(chunk);
}

export function storageFileApi(sim: Pick<Sim, 'api' | 'data' | 'storage' | 'print'>, wrap: (f: (...x: unknown[]) => unknown) => (...a: unknown[]) => unknown) {
  const { data } = sim;
  const st: SimStorage = sim.storage;
  const print = (s: string) => sim.print(s);
  const num = (f: F, k: keyof F) => toInt(f[k]);
  /** last byte of a chunk's file */
  const lastByte = (d: Uint8Array) => d[d.length - 1];
  /** where a chunk's data ends (its first 0xFF) */
  const endOf = (d: Uint8Array) => { const i = d.indexOf(0xff); return i < 0 ? d.length : i; };

  const erase = (f: F) => {
    for (let chunk = 1; st.eraseFile(chunkName(f.name, chunk), print); chunk++);
    f.chunk = 1; f.offset = 0; f.mode = 0;
  };

  const read = (f: F, len: number): string | undefined => {
    let isReadLine = len < 0;
    if (num(f, 'mode') !== R) throw new Error("Can't read in this mode");
    let chunk = num(f, 'chunk');
    let r = st.find(chunkName(f.name, chunk));
    if (!r) return undefined;
    let fileLen = r.data.length;
    let offset = num(f, 'offset');
    let result: string | undefined;
    const BUF = 32;
    if (isReadLine) len = BUF;
    while (len) {
      let remaining = fileLen - offset;
      if (remaining <= 0) { // the next chunk
        offset = 0;
        if (chunk === 255) r = undefined;
        else { chunk++; r = st.find(chunkName(f.name, chunk)); fileLen = r ? r.data.length : 0; }
        f.offset = offset; f.chunk = chunk;
        remaining = fileLen;
        if (!r) return result;
      }
      let l = Math.min(len, BUF, remaining);
      const buf = r!.data.subarray(offset, offset + l);
      for (let i = 0; i < l; i++) {
        if (buf[i] === 0xff) { l = i; len = l; break; }
        if (isReadLine && buf[i] === 10) { l = i + 1; len = l; isReadLine = false; break; }
      }
      if (!l) break;
      result = (result ?? '') + text(buf.subarray(0, l));
      len -= l;
      offset += l;
      if (isReadLine) len = BUF;
    }
    f.offset = offset;
    return result;
  };

  const getLength = (f: F) => {
    let chunk = 1;
    let length = 0;
    let r = st.find(chunkName(f.name, chunk));
    while (r && lastByte(r.data) !== 0xff && chunk < 255) {
      length += r.data.length;
      chunk++;
      r = st.find(chunkName(f.name, chunk));
    }
    return length + (r ? endOf(r.data) : 0);
  };

  const write = (f: F, d: unknown) => {
    const mode = num(f, 'mode');
    if (mode !== W && mode !== A) throw new Error("Can't write in this mode");
    const bytes = bytesOf(String(d));
    if (!bytes.length) return;
    let offset = num(f, 'offset');
    let chunk = num(f, 'chunk');
    const r = st.find(chunkName(f.name, chunk));
    /** a new chunk with `part` at its start; on failure no more writing (mode 0) */
    const newChunk = (part: Uint8Array) => {
      try { st.writeFile(chunkName(f.name, chunk), part, FLAG.STORAGEFILE, 0, st.chunkSize, print); } catch (e) { f.mode = 0; throw e; }
      return true;
    };
    if (!r) {
      newChunk(bytes);
      f.offset = bytes.length;
      return;
    }
    const remaining = r.data.length - offset;
    if (bytes.length < remaining) {
      st.programAt(r, offset, bytes);
      f.offset = offset + bytes.length;
      return;
    }
    // fill this chunk, the rest goes in the next one
    st.programAt(r, offset, bytes.subarray(0, remaining));
    offset += remaining;
    f.offset = offset;
    if (chunk === 255) throw new Error('File too big!');
    chunk++;
    const part = bytes.subarray(remaining);
    newChunk(part);
    f.chunk = chunk;
    f.offset = part.length;
  };

  const proto = data({}) as Record<string, unknown>;
  // wrap() calls its function without `this`: each call is bound to the object it was called on
  const def = (k: string, fn: (f: F, ...a: unknown[]) => unknown) => {
    const inner = (self: F, a: unknown[]) => fn(self, ...a);
    let self: F;
    const w = wrap((...a: unknown[]) => inner(self, a));
    Object.defineProperty(proto, k, { value: function (this: F, ...a: unknown[]) { self = this; return w(...a); }, writable: true, configurable: true, enumerable: false });
  };
  def('read', (f, len) => read(f, Math.max(0, toInt(len))));
  def('readLine', (f) => read(f, -1));
  def('getLength', (f) => getLength(f));
  def('write', (f, d) => write(f, d));
  def('erase', (f) => erase(f));

  let made: F | undefined;
  const open = wrap((name: unknown, modeVar: unknown) => {
    const m = modeVar === 'r' ? R : modeVar === 'w' ? W : modeVar === 'a' ? A : 0;
    if (!m) throw new Error(`Invalid mode ${j(modeVar)}`);
    const f = data({}) as F;
    Object.setPrototypeOf(f, proto);
    f.name = String(name).slice(0, NAME_MAX);
    let chunk = 1;
    let offset = 0;
    let r = st.find(chunkName(f.name, chunk));
    if (m === W && r) { erase(f); r = undefined; }
    if (m === A) {
      while (r && lastByte(r.data) !== 0xff && chunk < 255) {
        chunk++;
        r = st.find(chunkName(f.name, chunk));
      }
      if (r) offset = endOf(r.data);
    }
    f.chunk = chunk;
    f.offset = offset;
    f.mode = m;
    made = f;
    return undefined; // (wrap() would copy an object it is given back)
  });
  return (name: unknown, modeVar: unknown) => { made = undefined; open(name, modeVar); return made; };
}
