// An estimate of Espruino's JsVar usage, so the simulator can answer process.memory() and
// E.getSizeOf() and the benchmark can check the RAM budget. It is a model, calibrated against
// the real interpreter (see README): a real board measures with process.memory().
//  - block size follows the variable count as in Espruino's jsutils.h (13 bytes up to 8191
//    variables, 14 up to 16383, 16 above);
//  - an object/array costs 1 + per member (1 name, +1 for a non-inline value);
//    ints, booleans, null and undefined sit inline in the name;
//  - a string costs 1 + ceil((n - 4) / (blocksize - 4)) blocks;
//  - the functions a program leaves (its top-level ones) are counted from its source, since
//    V8 closures cannot be walked: about 3 + their parameters from flash (code booted from
//    Storage keeps a reference to its text), their (tokenised) text instead of the reference
//    in RAM; a timer 6, a watch 14 (board.ts);
//  - a typed array costs 2 + ceil(bytes / blocksize).
// Calibrated on 2v29's 32-bit Linux builds (README, npm run bench prints model and real side
// by side): the linux bundle from Storage on 2,630 JsVars and its RAM form on 5,100, each
// within 10%.
import { FN_CLOSURE, parseScript } from './loader';
import { tokenise, untokenise } from './tokens';
import * as walk from 'acorn-walk';

export function blockSize(jsvars: number): number {
  return jsvars <= 8191 ? 13 : jsvars <= 16383 ? 14 : 16;
}

/** interpreter's own variables before any user code (observed: 37 on the Linux build) */
export const BASELINE_VARS = 40;

/** A string value: its first block holds bs - 5 chars, each further one bs - 2 (measured on
 * 2v29's 13-byte JsVars: 8 and 11, E.getSizeOf({k: "..."}, 1)) */
export function stringVars(n: number, bs: number) {
  return 1 + Math.max(0, Math.ceil((n - (bs - 5)) / (bs - 2)));
}
/** A key (a name): its first block holds bs - 9 chars (4), each further one bs - 2 */
function nameVars(n: number, bs: number) {
  return 1 + Math.max(0, Math.ceil((n - (bs - 9)) / (bs - 2)));
}
/** Values a name holds itself, with no block of their own: undefined, and ints of 12 bits on
 * 13-byte JsVars (-2048..2047; a boolean, null, a float or a bigger int takes a block) */
function inline(v: unknown, bs: number) {
  if (v === undefined) return true;
  if (typeof v !== 'number' || !Number.isInteger(v)) return false;
  return bs <= 13 ? v >= -2048 && v <= 2047 : v >= -2147483648 && v <= 2147483647;
}

/** Families where code booted from Storage stays in flash, a function keeping a reference to
 * its text there instead of a copy (jsparse.c: a native string where flash is memory-mapped,
 * STM32, nRF52 and ESP32; a flash string on the Linux build, as measured). */
export const MAPPED_FLASH = ['stm32f1', 'stm32f4', 'stm32l4', 'nrf52', 'esp32', 'linux'];

/** Blocks the functions in `src` cost: their text held in RAM (code sent to RAM, or Storage
 * that is not memory-mapped), or with `inFlash` a 1-block reference to the text in flash. */
const codeCache = new Map<string, { vars: number; peak: number }>();
function code(src: string, bs: number, inFlash: boolean) {
  const key = bs + (inFlash ? 'f' : 'r') + src;
  let v = codeCache.get(key);
  if (v === undefined) codeCache.set(key, (v = countCode(src, bs, inFlash)));
  return v;
}
export function codeVars(src: string, bs: number, inFlash = false): number {
  return code(src, bs, inFlash).vars;
}
/** The most JsVars loading `src` holds at once beyond what codeVars() counts. */
export function codePeak(src: string, bs: number, inFlash = false): number {
  return code(src, bs, inFlash).peak;
}
function countCode(code: string, bs: number, inFlash: boolean) {
  // pretokenised code (as stored), or text after E.setFlags({ pretokenise: 1 }) (the RAM
  // form): a function holds its tokenised text
  const src = untokenise(code);
  const tokens = src !== code || /E\.setFlags\(\{\s*pretokenise:\s*1\s*\}\)/.test(src);
  const held = (a: number, b: number) => (tokens ? tokenise(src.slice(a, b)).length : b - a);
  const ast: any = parseScript(src);
  // The functions that exist after the program has run: those declared at its top level, or
  // at the top level of the one function an IIFE-wrapped bundle runs (each then also holds a
  // link to that scope). Functions inside them exist only while their maker runs (a callback
  // kept is counted by sizeOf, 1 each). Measured on 2v29's Linux build (13-byte JsVars): a
  // function from flash costs about 3 + its parameters; in RAM its text instead of the
  // reference, as a flat string.
  let body = ast.body;
  let scoped = 0;
  const top = body[0];
  const init = top && top.type === 'VariableDeclaration' ? top.declarations[0]?.init : undefined;
  const iife = init?.type === 'CallExpression' ? init.callee : undefined;
  if (body.length === 1 && iife && (iife.type === 'FunctionExpression' || iife.type === 'ArrowFunctionExpression') && iife.body.type === 'BlockStatement') { body = iife.body.body; scoped = 1; }
  let vars = 0;
  let peak = 0;
  // Top-level functions the program deletes (the bundle's boot-only functions, deleted by the
  // statement that boots): they cost while that statement runs, not after.
  const gone = new Set<string>();
  let goneCost = 0;
  for (const st of body) {
    if (st.type !== 'ExpressionStatement') continue;
    walk.simple(st, { UnaryExpression(u: any) { if (u.operator === 'delete' && u.argument.type === 'Identifier') gone.add(u.argument.name); } });
  }
  // Measured on 2v29's 32-bit Linux builds (with the name and the function itself, which the
  // walk of the globals counts: 2): from flash 4 + its parameters; sent to RAM with
  // pretokenise on, 5 + its parameters + its tokenised body at a full block per 13 chars (a
  // flat string): 11 JsVars for a body of 56, 48 for 536, 163 for 2,037
  const cost = (f: any) => 1 + (inFlash ? 1 : 2 + Math.ceil(held(f.body.start, f.body.end) / bs)) + f.params.length + scoped;
  for (const st of body) if (st.type === 'FunctionDeclaration' && gone.has(st.id.name)) goneCost += cost(st);
  for (const st of body) {
    if (st.type === 'FunctionDeclaration' && !gone.has(st.id.name)) vars += cost(st);
    else if (st.type === 'VariableDeclaration') st.declarations.forEach((d: any) => { if (d.init && /^(FunctionExpression|ArrowFunctionExpression)$/.test(d.init.type)) vars += cost(d.init); });
    // While a statement runs, its text is held (sent to RAM, each line is one statement), and
    // so are the functions declared by a function it calls at once (the bundle's boot-only
    // code, run once): the peak while loading.
    let p = inFlash ? 0 : 1 + Math.ceil(held(st.start, st.end) / (bs - 2));
    let deletes = false;
    walk.simple(st, { UnaryExpression(u: any) { if (u.operator === 'delete' && u.argument.type === 'Identifier' && gone.has(u.argument.name)) deletes = true; } });
    if (deletes) p += goneCost;
    walk.simple(st, {
      CallExpression(c: any) {
        if (/^(FunctionExpression|ArrowFunctionExpression)$/.test(c.callee.type) && c.callee.body.type === 'BlockStatement') c.callee.body.body.forEach((x: any) => { if (x.type === 'FunctionDeclaration') p += cost(x); });
      },
    });
    if (p > peak) peak = p;
  }
  return { vars, peak };
}

/** What a closure costs beyond the 1 of the function itself (measured on 2v29's 32-bit Linux
 * build, 13-byte JsVars: one kept with its own scope costs 7.4 JsVars from flash whatever its
 * length, and 9.4 for a body of 26 tokens, 31.4 for 300 in RAM, its text at 13 chars a block):
 * its parameters, the reference to its code, its scope; sent to RAM, its text. A top-level
 * function costs 1 here (codeVars counts its code). */
function closureVars(f: Function, bs: number, codeInRam: boolean): number {
  let s: string;
  try { s = Function.prototype.toString.call((f as { __sim_impl?: Function }).__sim_impl ?? f); } catch { return 0; }
  const m = /[/][*]@([0-9]+)[*][/]/.exec(s);
  const c = m ? FN_CLOSURE[+m[1]] : undefined;
  if (!c) return 0;
  return 4 + c.params + (codeInRam ? 1 + Math.ceil(c.len / bs) : 0);
}

/** Blocks a value costs (E.getSizeOf); a top-level function counts 1 (its code is in
 * codeVars), a closure what it holds (closureVars; `codeInRam`: the program was sent to RAM). */
export function sizeOf(v: unknown, bs: number, seen = new Set<unknown>(), codeInRam = false): number {
  if (v === undefined || v === null || typeof v === 'boolean') return 1;
  if (typeof v === 'number') return 1;
  if (typeof v === 'string') return stringVars(v.length, bs);
  if (typeof v !== 'object' && typeof v !== 'function') return 1;
  if (seen.has(v)) return 0;
  seen.add(v);
  // (a typed array: itself, its ArrayBuffer, and the bytes: in one block up to bs - 5, else a
  // flat string, a header and full blocks: 3, 4, 5 and 11 JsVars for 8, 9, 20 and 100 bytes)
  const bytes = (n: number) => (n <= bs - 5 ? 1 : 1 + Math.ceil(n / bs));
  if (ArrayBuffer.isView(v)) return 2 + bytes(v.byteLength);
  if (v instanceof ArrayBuffer || Object.prototype.toString.call(v) === '[object ArrayBuffer]') return 1 + bytes((v as ArrayBuffer).byteLength);
  let n = 1;
  if (typeof v === 'function') n += closureVars(v, bs, codeInRam);
  for (const k of Object.keys(v as object)) {
    let item: unknown;
    try { item = (v as Record<string, unknown>)[k]; } catch { continue; }
    n += nameVars(k.length, bs); // the name
    if (inline(item, bs)) continue;
    n += sizeOf(item, bs, seen, codeInRam);
  }
  return n;
}
