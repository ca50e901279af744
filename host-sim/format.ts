// Values as text, as Espruino makes it (src/jsutils.c ftoa_bounded_extra, escapeCharacter;
// src/jswrap_json.c jsfGetJSONWithCallback):
//  - numbers: an int (32-bit) as its digits; any other number (Espruino holds it as a double)
//    digit by digit in double arithmetic, at most 11 decimals, 1e21 and above / below 1e-6 in
//    Espruino's own exponent form (1e21 is "10e+20");
//  - print()/console.log(): strings raw at top level, arrays "[ 1, 2 ]", objects "{ "a": 1 }"
//    with a line break before any value that is not a number/boolean/null/undefined and after
//    every four items, typed arrays as "new Uint8Array([1, 2])", an object made by a global
//    constructor as "Name: ...", errors as "Error: Error: m";
//  - JSON.stringify: the replacer is ignored, an indent gives Espruino's layout (a line break
//    after every item, "{ " and ", "), characters outside 32..126 escaped as \u00XX, functions
//    and undefined left out of objects.
const ERROR_TYPES = ['Error', 'TypeError', 'ReferenceError', 'SyntaxError', 'InternalError'];

// ---------------------------------------------------------------- numbers
import { ftoa, isIntish, numStr } from './numtext';
import { FN_TEXT } from './loader';
export { ftoa, isIntish, numStr };

/** Number.prototype.toString(radix): an int in any radix, a float through ftoa */
export function numToString(n: number, radix?: unknown): string {
  if (typeof radix === 'number' && Number.isInteger(radix) && radix >= 2 && radix <= 36) return isIntish(n) ? n.toString(radix) : ftoa(n, radix);
  return numStr(n);
}

/** Number.prototype.toFixed(decimals): truncated, not rounded, as ftoa with fixed digits */
export function numToFixed(n: number, decimals: unknown): string {
  let d = Math.trunc(Number(decimals)) || 0;
  if (d < 0) d = 0;
  if (d > 20) d = 20;
  return ftoa(n, 10, d);
}

// ---------------------------------------------------------------- strings
/** escapeCharacter(): `json` (%Q) uses \u00XX only; otherwise (%q) \xXX and \0..\7 */
function escapeChar(ch: number, next: number, json: boolean): string {
  if (ch === 10) return '\\n';
  if (ch === 9) return '\\t';
  if (ch === 8) return '\\b';
  if (ch === 11 && !json) return '\\v';
  if (ch === 12) return '\\f';
  if (ch === 13) return '\\r';
  if (ch === 92) return '\\\\';
  if (ch === 34) return '\\"';
  if (ch < 8 && !json && (next < 48 || next > 55)) return '\\' + ch;
  if (ch < 32 || ch >= 127) {
    const h = (n: number, w: number) => n.toString(16).toUpperCase().padStart(w, '0');
    return json || ch > 255 ? '\\u' + h(ch, 4) : '\\x' + h(ch, 2);
  }
  return String.fromCharCode(ch);
}
export function quote(s: string, json: boolean): string {
  let out = '"';
  for (let i = 0; i < s.length; i++) out += escapeChar(s.charCodeAt(i), i + 1 < s.length ? s.charCodeAt(i + 1) : -1, json);
  return out + '"';
}

// ---------------------------------------------------------------- values
export function errorType(e: unknown): string | undefined {
  if (!e || typeof e !== 'object') return undefined;
  const t = (e as { type?: unknown }).type;
  return typeof t === 'string' && ERROR_TYPES.includes(t) ? t : undefined;
}

// JSONFlags (src/jswrap_json.h)
export const J = {
  SOME_NEWLINES: 1, ALL_NEWLINES: 2, PRETTY: 4, IGNORE_FUNCTIONS: 16, NO_UNDEFINED: 64, ARRAYBUFFER_AS_ARRAY: 128,
  SHOW_OBJECT_NAMES: 256, DROP_QUOTES: 512, ALL_UNICODE_ESCAPE: 2048, NO_NAN: 4096, ALLOW_TOJSON: 8192,
} as const;
/** print() and console.log() */
const PRINT = J.PRETTY | J.SOME_NEWLINES | J.SHOW_OBJECT_NAMES;
/** JSON.stringify (and, with DROP_QUOTES and without ALL_UNICODE_ESCAPE, Storage.writeJSON) */
export const STRINGIFY = J.IGNORE_FUNCTIONS | J.NO_UNDEFINED | J.ARRAYBUFFER_AS_ARRAY | J.ALL_UNICODE_ESCAPE | J.NO_NAN | J.ALLOW_TOJSON;
const ITEMS_ON_LINE = 4;

/** the sandbox's global object: print() names objects by the global holding their constructor */
let globals: Record<string, unknown> | undefined;
export function setGlobals(g: Record<string, unknown> | undefined) { globals = g; }

/** a Pin (api/pins.ts): a number underneath on Espruino, shown as its name */
const isPin = (v: unknown): v is { __n: string } => typeof v === 'object' && v !== null && typeof (v as { __n?: unknown }).__n === 'string' && !Object.prototype.propertyIsEnumerable.call(v, '__n');
const needsNewLine = (v: unknown) => !(v === undefined || v === null || typeof v === 'number' || typeof v === 'boolean' || isPin(v));
const isTyped = (v: unknown): v is ArrayLike<number> => ArrayBuffer.isView(v) && !(Object.prototype.toString.call(v) === '[object DataView]');
const isArrayBuffer = (v: unknown): v is ArrayBuffer => Object.prototype.toString.call(v) === '[object ArrayBuffer]';
// a field name JSON_DROP_QUOTES leaves bare: isIDString (letters, digits, '_'; not '$') or an array index
const isIdent = (k: string) => /^[A-Za-z_][A-Za-z0-9_]*$/.test(k) || /^(0|[1-9]\d*)$/.test(k);

class Writer {
  out = '';
  constructor(readonly ws: string) {}
  nl(level: number) { this.out += '\n' + this.ws.repeat(level); }
}

/** jsfGetJSONWithCallback */
export function toJSON(v: unknown, flags: number, ws = '  ', stack: Set<unknown> = new Set()): string {
  const w = new Writer(ws);
  value(w, v, undefined, flags, 0, stack);
  return w.out;
}

function value(w: Writer, v: unknown, name: string | undefined, flags: number, level: number, stack: Set<unknown>) {
  const pretty = flags & J.PRETTY;
  if (v === undefined) { w.out += flags & J.NO_UNDEFINED ? 'null' : 'undefined'; return; }
  if (v === null) { w.out += 'null'; return; }
  if (typeof v === 'number') { w.out += flags & J.NO_NAN && !Number.isFinite(v) ? 'null' : numStr(v); return; }
  if (typeof v === 'boolean') { w.out += String(v); return; }
  if (typeof v === 'string') { w.out += quote(v, !!(flags & J.ALL_UNICODE_ESCAPE)); return; }
  if (typeof v === 'bigint' || typeof v === 'symbol') { w.out += String(v); return; }
  if (stack.has(v)) { w.out += ' ... '; return; }
  stack.add(v);
  try {
    // a Pin prints as its name, and is its name as text in JSON
    if (isPin(v)) { w.out += flags & J.SHOW_OBJECT_NAMES ? v.__n : quote(v.__n, false); return; }
    if (typeof v === 'function') { w.out += flags & J.IGNORE_FUNCTIONS ? 'undefined' : 'function ' + fnText(v as Function); return; }
    if (Array.isArray(v)) {
      w.out += pretty ? '[ ' : '[';
      let needNL = false;
      for (let i = 0; i < v.length; i++) {
        if (i) w.out += pretty ? ', ' : ',';
        const item = v[i];
        // a hole is judged by the next element there is (jsfGetJSONWithCallback fills the gap
        // up to it with undefined, each judged as that element)
        let next = i;
        while (next < v.length && !(next in v)) next++;
        let nn = !!(flags & J.SOME_NEWLINES) && needsNewLine(next < v.length ? v[next] : undefined);
        if (flags & J.ALL_NEWLINES) { needNL = true; nn = true; }
        if (needNL || nn) { w.nl(level + 1); needNL = false; }
        if (i in v) value(w, item, String(i), flags, level + 1, stack); else w.out += flags & J.NO_UNDEFINED ? 'null' : 'undefined';
        needNL = nn;
      }
      // other keys of an array are shown by print() (PRETTY)
      if (pretty) {
        const extra = Object.keys(v).filter((k) => !/^\d+$/.test(k));
        // (whether the last of them wanted a line break is not asked: the array's elements decide)
        if (extra.length) objectItems(w, v as unknown as Record<string, unknown>, extra, flags, level, stack, v.length === 0);
      }
      if (needNL) w.nl(level);
      w.out += pretty ? ' ]' : ']';
      return;
    }
    if (isTyped(v) || isArrayBuffer(v)) {
      const a: ArrayLike<number> = isArrayBuffer(v) ? new Uint8Array(v) : v;
      const asArray = flags & J.ARRAYBUFFER_AS_ARRAY;
      let tname = Object.prototype.toString.call(v).slice(8, -1);
      if (!asArray && Array.prototype.every.call(a, (x: number) => x === 0)) { w.out += `new ${tname}(${a.length})`; return; }
      if (tname === 'ArrayBuffer') tname = 'Uint8Array';
      w.out += asArray ? '[' : `new ${tname}([`;
      if (flags & J.ALL_NEWLINES) w.nl(level + 1);
      for (let i = 0; i < a.length; i++) {
        if (i) w.out += pretty ? ', ' : ',';
        if (flags & J.ALL_NEWLINES) w.nl(level + 1);
        w.out += numStr(a[i]);
      }
      if (flags & J.ALL_NEWLINES) w.nl(level);
      w.out += asArray ? ']' : '])';
      if (isArrayBuffer(v) && !asArray) w.out += '.buffer';
      return;
    }
    // an object
    if (flags & J.SHOW_OBJECT_NAMES) {
      const ctor = constructorName(v);
      if (ctor !== undefined) {
        w.out += ctor + ': ';
        const ts = (v as { toString?: unknown }).toString;
        if (typeof ts === 'function' && !isNativeObjectToString(ts) && !isRegExp(v)) { w.out += String(ts.call(v)); return; }
      }
    }
    if (flags & J.ALLOW_TOJSON) {
      const tj = (v as { toJSON?: unknown }).toJSON;
      if (typeof tj === 'function') {
        const r = tj.call(v, name === undefined ? undefined : name);
        if (r === v) stack.delete(v);
        value(w, r, undefined, flags & ~J.ALLOW_TOJSON, level, stack);
        return;
      }
    }
    w.out += pretty ? '{ ' : '{';
    // (a RegExp's source, flags and lastIndex are its own keys on Espruino)
    const needNL = objectItems(w, v as Record<string, unknown>, isRegExp(v) ? ((v as RegExp).flags ? ['source', 'flags', 'lastIndex'] : ['source', 'lastIndex']) : Object.keys(v as object), flags, level, stack, true);
    if (needNL) w.nl(level);
    w.out += pretty ? ' }' : '}';
  } finally {
    stack.delete(v);
  }
}

/** jsfGetJSONForObjectItWithCallback: the items of an object; whether a line break is due */
function objectItems(w: Writer, o: Record<string, unknown>, keys: string[], flags: number, level: number, stack: Set<unknown>, first: boolean) {
  let needNL = false;
  let since = 0;
  for (const k of keys) {
    let item: unknown;
    const desc = Object.getOwnPropertyDescriptor(o, k);
    if (desc && (desc.get || desc.set)) continue;
    try { item = o[k]; } catch { continue; }
    if ((flags & J.IGNORE_FUNCTIONS && typeof item === 'function') || (flags & J.NO_UNDEFINED && item === undefined)) continue;
    since++;
    if (!first) w.out += flags & J.PRETTY ? ', ' : ',';
    let nn = !!(flags & J.SOME_NEWLINES) && needsNewLine(item);
    if (flags & J.SOME_NEWLINES && since > ITEMS_ON_LINE) needNL = true;
    if (flags & J.ALL_NEWLINES) { needNL = true; nn = true; }
    if (needNL || nn) { w.nl(level + 1); needNL = false; since = 0; }
    w.out += (flags & J.DROP_QUOTES && isIdent(k) ? k : quote(k, !!(flags & J.ALL_UNICODE_ESCAPE))) + (flags & J.PRETTY ? ': ' : ':');
    first = false;
    value(w, item, k, flags, level + 1, stack);
    needNL = nn;
  }
  return needNL;
}

const isRegExp = (v: unknown) => Object.prototype.toString.call(v) === '[object RegExp]';
/** Object.prototype.toString of any realm (the default, which print() does not call) */
const isNativeObjectToString = (f: Function) => {
  if (f === Object.prototype.toString) return true;
  if (f.name !== 'toString' || !/\[native code\]/.test(Function.prototype.toString.call(f))) return false;
  try { return f.call({}) === '[object Object]'; } catch { return false; } // (Date's refuses a plain object)
};

/** the name of the global holding the constructor of v's prototype (not Object's) */
function constructorName(v: object): string | undefined {
  if (!globals) return undefined;
  const proto = Object.getPrototypeOf(v);
  if (!proto || !Object.prototype.hasOwnProperty.call(proto, 'constructor')) return undefined;
  const c = proto.constructor;
  if (typeof c !== 'function' || c === (globals.Object as unknown) || proto === Object.prototype) return undefined;
  if (errorType(v)) return errorType(v);
  for (const k of Object.keys(globals)) if (globals[k] === c) return k;
  // (the sandbox's built-ins are not properties of the context object the host sees)
  for (const k of ['Promise', 'Date', 'RegExp', 'StorageFile']) if (globals[k] === c || (c.name === k && k !== 'StorageFile' && /\[native code\]/.test(Function.prototype.toString.call(c)))) return k;
  return undefined;
}

function fnText(f: Function): string {
  const impl = (f as { __sim_impl?: Function }).__sim_impl; // a function declared again (loader.ts __sim_decl)
  if (impl) return fnText(impl);
  const s = Function.prototype.toString.call(f);
  const mark = /[/][*]@([0-9]+)[*][/]/.exec(s);
  if (mark) return FN_TEXT[+mark[1]].slice('function '.length);
  if (!/^(function|class)\b/.test(s) || /[{]\s*\[native code\]\s*[}]$/.test(s)) return '() { [native code] }';
  const m = /^(?:function\s*[\w$]*\s*)?\(([^)]*)\)\s*(?:=>\s*)?([\s\S]*)$/.exec(s);
  if (!m) return '() {}';
  const body = m[2].startsWith('{') ? m[2] : '{return ' + m[2] + '}';
  return `(${m[1].replace(/\s+/g, '')}) ${body}`;
}

/** One value as print()/console.log() shows it. */
export function show(v: unknown): string {
  return typeof v === 'string' ? v : toJSON(v, PRINT);
}

/** print(a, b, ...) / console.log(a, b, ...): arguments joined by a space. */
export function showArgs(args: unknown[]): string {
  return args.map(show).join(' ');
}

/** What the console prints for an exception that reaches the main loop. */
export function uncaught(e: unknown): string {
  const et = errorType(e);
  if (et) return `Uncaught ${et}: ${(e as Error).message}`;
  return 'Uncaught ' + show(e);
}
