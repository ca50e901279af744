// Espruino reference: the E object — E.on, E.removeAllListeners, E.CRC32, E.toUint8Array,
// E.toString, E.getErrorFlags, E.getFlags/setFlags, E.getSizeOf, E.reboot, E.enableWatchdog,
// E.kickWatchdog — https://www.espruino.com/Reference#E
import { crc32 } from '../cards';
import { sizeOf } from '../memory';
import { J, toJSON } from '../format';
import { Reboot, toBytes, typeName, type Global, type Sim } from './context';

export function installE(g: Global, sim: Pick<Sim, 'api' | 'err' | 'data' | 'bytes' | 'handlers' | 'errorFlags' | 'blockSize' | 'halt' | 'enableWatchdog' | 'kickWatchdog'>) {
  const { api, err, data, bytes, errorFlags } = sim;
  const E = (g.E = data({}) as any);
  // handlers are read and replaced through sim (the board keeps them: E.on('init'), 'kill')
  E.on = api((ev, fn) => { (sim.handlers[String(ev)] ??= []).push(fn); });
  E.removeAllListeners = api((ev) => { if (ev === undefined) sim.handlers = {}; else delete sim.handlers[String(ev)]; });
  E.CRC32 = api((d) => crc32(toBytes(d)));
  // jsvIterateCallback: a number is a byte, a String its chars, an array (or array buffer) each
  // element in turn, {data, count} data count times, {callback} what the function returns
  const iterate = (d: unknown, out: number[]) => {
    if (typeof d === 'number' || typeof d === 'boolean') { out.push(Math.trunc(Number(d)) & 255); return; }
    if (typeof d === 'string') { for (let i = 0; i < d.length; i++) out.push(d.charCodeAt(i) & 255); return; }
    if (ArrayBuffer.isView(d) || Object.prototype.toString.call(d) === '[object ArrayBuffer]') { for (const b of toBytes(d)) out.push(b); return; }
    if (Array.isArray(d)) { for (let i = 0; i < d.length; i++) iterate(d[i], out); return; }
    if (d !== null && typeof d === 'object') {
      const o = d as { callback?: unknown; data?: unknown; count?: unknown };
      if (typeof o.callback === 'function') { const r = (o.callback as () => unknown)(); if (r !== undefined) iterate(r, out); return; }
      if (o.count !== undefined && o.data !== undefined && typeof o.count === 'number') { for (let n = Math.trunc(o.count); n-- > 0;) iterate(o.data, out); return; }
      throw err(`If specifying an object, it must be of the form {data : ..., count : N} or {callback : fn} - got ${toJSON(d, J.PRETTY | J.SOME_NEWLINES)}`, 'TypeError');
    }
    throw err(`Expecting Number or iterable, got ${typeName(d)}`, 'TypeError');
  };
  const allBytes = (a: unknown[]) => { const out: number[] = []; for (const x of a) iterate(x, out); return out; };
  E.toUint8Array = api((...a: unknown[]) => bytes(Uint8Array.from(allBytes(a))));
  E.toString = api((...a: unknown[]) => (a.length === 1 && typeof a[0] === 'string' ? a[0] : String.fromCharCode(...allBytes(a))));
  // jswrap_espruino_toArrayBuffer: a String's chars as an ArrayBuffer (anything else: undefined)
  E.toArrayBuffer = api((s) => (typeof s === 'string' ? bytes(toBytes(s)).buffer : undefined));
  // the elements of an array, a String or an array buffer as numbers (jsvIteratorGetFloatValue)
  const nums = (a: unknown): number[] => (typeof a === 'string' ? Array.from(a, (c) => c.charCodeAt(0)) : Array.from(a as ArrayLike<unknown>, (v) => Number(v)));
  const iterable = (a: unknown) => typeof a === 'string' || (a !== null && typeof a === 'object');
  E.sum = api((a) => {
    if (!(typeof a === 'string' || Array.isArray(a) || ArrayBuffer.isView(a))) throw err(`First argument must be Array, not ${typeName(a)}`);
    let s = 0;
    if (Array.isArray(a)) { for (let i = 0; i < a.length; i++) if (i in a) s += Number(a[i]); } else for (const v of nums(a)) s += v;
    return s;
  });
  E.variance = api((a, mean) => {
    if (!iterable(a)) throw err(`First argument must iterable, not ${typeName(a)}`);
    let v = 0;
    for (const x of nums(a)) v += (x - Number(mean)) * (x - Number(mean));
    return v;
  });
  // sum of arr1[i] * arr2[(i + offset) % arr2.length]
  E.convolve = api((a, b, offset) => {
    if (!iterable(a) || !iterable(b)) throw err(`Expecting first 2 arguments to be iterable, not ${typeName(a)} and ${typeName(b)}`);
    const x = nums(a), y = nums(b);
    let o = (Math.trunc(Number(offset)) || 0) % y.length;
    if (o < 0) o += y.length;
    let c = 0;
    for (let i = 0; i < x.length; i++) c += x[i] * y[(o + i) % y.length];
    return c;
  });
  // the bits of a byte in reverse order
  E.reverseByte = api((v) => { let b = Math.trunc(Number(v)) & 255, r = 0; for (let i = 0; i < 8; i++) { r = (r << 1) | (b & 1); b >>= 1; } return r; });
  // the flags raised since the last call, which clears them
  E.getErrorFlags = api(() => { const f = [...errorFlags]; errorFlags.clear(); return data(f); });
  // E.setFlags/getFlags: the interpreter's flags (jsflags.h), reset at every boot; setting
  // pretokenise makes Espruino tokenise each function's text as it is defined
  const flags: Record<string, number> = { deepSleep: 0, unsafeFlash: 0, unsyncFiles: 0, pretokenise: 0, jitDebug: 0, onErrorSave: 0, onErrorFlash: 0 };
  E.getFlags = api(() => data({ ...flags }));
  E.setFlags = api((f) => {
    if (!f || typeof f !== 'object') return;
    for (const k of Object.keys(flags)) if (k in (f as object)) flags[k] = (f as Record<string, unknown>)[k] ? 1 : 0;
  });
  // with a depth (jswrap_espruino_getSizeOf): each key of an object or array as {name, size}
  // (the key with its value), and `more` for a value with keys of its own while depth lasts
  const hasKeys = (x: unknown): x is object => x !== null && (typeof x === 'object' || typeof x === 'function');
  const sized = (v: unknown, depth: number): unknown => {
    const bs = sim.blockSize();
    if (!(depth > 0 && hasKeys(v))) return sizeOf(v, bs);
    return Object.keys(v).map((k) => {
      const val = (v as Record<string, unknown>)[k];
      const item: Record<string, unknown> = { name: k, size: sizeOf({ [k]: val }, bs) - 1 };
      if (depth > 1 && hasKeys(val)) item.more = sized(val, depth - 1);
      return item;
    });
  };
  E.getSizeOf = api((v, depth) => { const r = sized(v, Number(depth) | 0); return typeof r === 'number' ? r : data(r); });
  E.reboot = api(() => { sim.halt('reboot'); throw new Reboot(); });
  E.enableWatchdog = api((s, auto) => {
    const ms = Number(s) * 1000;
    if (!(ms > 0)) throw err('Invalid timeout');
    sim.enableWatchdog(ms, auto === undefined ? true : !!auto);
  });
  E.kickWatchdog = api(() => sim.kickWatchdog());
  // E.toJS: the value as JavaScript text (jswrap_espruino_toJS's JSON flags: keys unquoted
  // where they can be, undefined as null, array buffers as arrays)
  E.toJS = api((v) => toJSON(v, J.DROP_QUOTES | J.NO_UNDEFINED | J.ARRAYBUFFER_AS_ARRAY | J.ALLOW_TOJSON));
  // jswrap_espruino_decodeUTF8: UTF-8 sequences decoded; a code point over 255 is looked up
  // in `lookup` (array or object), else given to `replaceFn` (a function, or the text itself),
  // else dropped
  E.decodeUTF8 = api((str, lookup, replaceFn) => {
    if (typeof str !== 'string') throw err('First argument must be String');
    let out = '';
    for (let i = 0; i < str.length;) {
      const c = str.charCodeAt(i++) & 255;
      let cp = c, ra = 0;
      if (c > 127) {
        if ((c & 0xe0) === 0xc0) { cp = c & 0x1f; ra = 1; } else if ((c & 0xf0) === 0xe0) { cp = c & 0x0f; ra = 2; } else if ((c & 0xf8) === 0xf0) { cp = c & 0x07; ra = 3; }
        while (ra--) cp = (cp << 6) | ((str.charCodeAt(i++) & 255) & 0x3f);
      }
      if (cp <= 255) { out += String.fromCharCode(cp); continue; }
      let rep: unknown;
      if (lookup !== null && typeof lookup === 'object') rep = (lookup as Record<number, unknown>)[cp];
      if (rep === undefined && typeof replaceFn === 'function') rep = replaceFn(cp);
      if (rep === undefined && typeof replaceFn === 'string') rep = replaceFn;
      if (rep !== undefined) out += String(rep);
    }
    return out;
  });
  // jswrap_espruino_mapInPlace: `from` read as a stream of |bits|-bit values (most significant
  // first; bits < 0, least significant first), each mapped through a function, an array or an
  // array buffer, written into `to` until either runs out
  E.mapInPlace = api((from, to, map, bitsArg) => {
    const isBuf = (x: unknown): x is ArrayLike<number> & { BYTES_PER_ELEMENT: number } => ArrayBuffer.isView(x) && !(x instanceof DataView);
    if (!isBuf(from) || !isBuf(to)) throw err('First 2 arguments should be array buffers');
    if (map !== undefined && map !== null && !Array.isArray(map) && !isBuf(map) && typeof map !== 'function') throw err('Third argument should be a function or array');
    const bitsFrom = 8 * from.BYTES_PER_ELEMENT;
    let bits = Math.trunc(Number(bitsArg)) || 0;
    const msbFirst = bits >= 0;
    bits = Math.abs(bits) || bitsFrom;
    let el = 0, b = 0, i = 0, o = 0;
    const out = to as unknown as number[];
    while ((i < from.length || b >= bits) && o < to.length) {
      const index = i;
      while (b < bits) {
        const x = from[i++] ?? 0;
        el = msbFirst ? (el << bitsFrom) | x : el | (x << b);
        b += bitsFrom;
      }
      let v: number;
      if (msbFirst) v = (el >> (b - bits)) & ((1 << bits) - 1);
      else { v = el & ((1 << bits) - 1); el >>= bits; }
      b -= bits;
      out[o++] = (typeof map === 'function' ? map(v, index) : map ? (map as number[])[v] : v) as number;
    }
  });
}
