// An estimate of Espruino's JsVar usage, so the simulator can answer process.memory() and
// E.getSizeOf() and the benchmark can check the RAM budget. It is a model, calibrated against
// the real interpreter (see README): a real board measures with process.memory().
//  - block size follows the variable count as in Espruino's jsutils.h (13 bytes up to 8191
//    variables, 14 up to 16383, 16 above);
//  - an object/array costs 1 + per member (1 name, +1 for a non-inline value);
//    ints, booleans, null and undefined sit inline in the name;
//  - a string costs 1 + ceil((n - 4) / (blocksize - 4)) blocks;
//  - function code is held as flat strings of blocksize chars per block: counted once, from
//    the bundle's source (every function's text), since V8 closures cannot be walked; code
//    booted from Storage on a chip with memory-mapped flash keeps only a reference;
//  - a typed array costs 2 + ceil(bytes / blocksize).
import { parseScript } from './loader';
import { tokenise, untokenise } from './tokens';
import * as walk from 'acorn-walk';

export function blockSize(jsvars: number): number {
  return jsvars <= 8191 ? 13 : jsvars <= 16383 ? 14 : 16;
}

/** interpreter's own variables before any user code (observed: 37 on the Linux build) */
export const BASELINE_VARS = 40;

export function stringVars(n: number, bs: number) {
  return 1 + Math.max(0, Math.ceil((n - 4) / (bs - 4)));
}
export function flatVars(n: number, bs: number) {
  return 1 + Math.ceil(n / bs);
}

/** Families whose internal flash is memory-mapped: code booted from Storage stays in flash and
 * a function keeps a reference to its text there instead of a copy. */
export const MAPPED_FLASH = ['stm32f1', 'stm32f4', 'stm32l4', 'nrf52'];

/** Blocks the functions in `src` cost: their text held in RAM (code sent to RAM, or Storage
 * that is not memory-mapped), or with `inFlash` a 1-block reference to the text in flash. */
const codeCache = new Map<string, number>();
export function codeVars(src: string, bs: number, inFlash = false): number {
  const key = bs + (inFlash ? 'f' : 'r') + src;
  let v = codeCache.get(key);
  if (v === undefined) codeCache.set(key, (v = countCode(src, bs, inFlash)));
  return v;
}
function countCode(code: string, bs: number, inFlash: boolean): number {
  // pretokenised code: a function holds its tokenised text
  const src = untokenise(code);
  const tokens = src !== code;
  const held = (a: number, b: number) => (tokens ? tokenise(src.slice(a, b)).length : b - a);
  const ast = parseScript(src);
  let vars = 0;
  walk.full(ast, (n: any) => {
    if (n.type === 'FunctionExpression' || n.type === 'FunctionDeclaration' || n.type === 'ArrowFunctionExpression') {
      const len = inFlash ? 0 : held(n.body.start, n.body.end);
      vars += 1 + (inFlash ? 1 : flatVars(len, bs)) + n.params.length;
    }
  });
  // the bundle's outer wrapper runs once and is freed: its own text is not kept
  const top = (ast as any).body[0];
  if (top && top.type === 'VariableDeclaration') {
    const init = top.declarations[0]?.init;
    const fn = init?.type === 'CallExpression' ? init.callee : undefined;
    if (fn && (fn.type === 'FunctionExpression' || fn.type === 'ArrowFunctionExpression')) vars -= 1 + (inFlash ? 1 : flatVars(held(fn.body.start, fn.body.end), bs)) + fn.params.length;
  }
  return vars;
}

/** Blocks a value costs (E.getSizeOf); functions count 1 each (their code is in codeVars). */
export function sizeOf(v: unknown, bs: number, seen = new Set<unknown>()): number {
  if (v === undefined || v === null || typeof v === 'boolean') return 1;
  if (typeof v === 'number') return 1;
  if (typeof v === 'string') return stringVars(v.length, bs);
  if (typeof v !== 'object' && typeof v !== 'function') return 1;
  if (seen.has(v)) return 0;
  seen.add(v);
  if (ArrayBuffer.isView(v)) return 2 + Math.ceil(v.byteLength / bs);
  if (v instanceof ArrayBuffer || Object.prototype.toString.call(v) === '[object ArrayBuffer]') return 1 + Math.ceil((v as ArrayBuffer).byteLength / bs);
  let n = 1;
  for (const k of Object.keys(v as object)) {
    let item: unknown;
    try { item = (v as Record<string, unknown>)[k]; } catch { continue; }
    n += stringVars(k.length, bs); // the name
    if (item === undefined || item === null || typeof item === 'boolean' || (typeof item === 'number' && Number.isInteger(item))) continue;
    n += sizeOf(item, bs, seen);
  }
  return n;
}
