// Makes Node's V8 run a script the way Espruino would, where a difference matters to the
// firmware: function declarations are not hoisted (they exist once their statement has run),
// a let/const loop variable is one binding for the whole loop, not one per iteration,
// there is no automatic semicolon after `return` (`return\n42` returns 42),
// and top-level let/const/class become properties of the global object (Espruino keeps every
// top-level binding in its root scope, which the memory estimate walks).
// The prelude then removes from the sandbox what Espruino lacks.
import * as acorn from 'acorn';
import * as walk from 'acorn-walk';
import { untokenise } from './tokens';

export function parseScript(src: string) {
  return acorn.parse(src, { ecmaVersion: 2022, sourceType: 'script', locations: true, allowHashBang: true });
}

// the same program is booted again and again (reboots, power-loss runs): transform it once
const cache = new Map<string, string>();

export function espruinoSemantics(src: string): string {
  let out = cache.get(src);
  if (out === undefined) {
    // Espruino's lexer reads its tokens (the stored bundle is pretokenised) wherever it reads code
    out = transform(untokenise(src));
    if (src.length > 1000) cache.set(src, out);
  }
  return out;
}

const MEM_CHECK = 'if (++__sim_n > 255) __sim_mem();';

function transform(src: string): string {
  const ast = parseScript(src);
  // edits at one position apply replacements first, then openers, then closers, so a
  // closer (`;`, ` }`) of one node ends up before the opener of the next
  const edits: { at: number; del?: number; text: string; close?: boolean }[] = [];
  walk.full(ast, (n: any) => {
    const list = n.type === 'Program' || n.type === 'BlockStatement' ? n.body : n.type === 'SwitchCase' ? n.consequent : undefined;
    if (list) list.forEach((s: any, i: number) => {
      const next = list[i + 1];
      if (s.type === 'ReturnStatement' && !s.argument && src.slice(s.start, s.end) === 'return' && next?.type === 'ExpressionStatement')
        edits.push({ at: s.end, del: next.start - s.end, text: ' ' });
    });
    // one binding for the whole loop, as Espruino has (closures see the last value)
    const decl = n.type === 'ForStatement' ? n.init : n.type === 'ForOfStatement' || n.type === 'ForInStatement' ? n.left : undefined;
    if (decl && decl.type === 'VariableDeclaration' && decl.kind !== 'var') {
      const names = decl.declarations.map((d: any) => src.slice(d.id.start, d.id.end)).join(', ');
      edits.push({ at: n.start, text: `{ let ${names}; ` });
      edits.push({ at: decl.start, del: decl.declarations[0].start - decl.start, text: '' });
      edits.push({ at: n.end, text: ' }', close: true });
    }
    if (n.type === 'FunctionDeclaration') {
      edits.push({ at: n.start, text: `var ${n.id.name} = ` });
      edits.push({ at: n.end, text: ';', close: true });
    }
    // Memory: every 256th pass of a loop or call of a function asks the board whether JsVars have run out (board.ts
    // __sim_mem). Out of memory interrupts the running code as on Espruino, where it cannot
    // be caught: a catch clause passes it on.
    if (/^(FunctionDeclaration|FunctionExpression|ArrowFunctionExpression)$/.test(n.type) && n.body.type === 'BlockStatement') edits.push({ at: n.body.start + 1, text: MEM_CHECK });
    if (/^(For|ForIn|ForOf|While|DoWhile)Statement$/.test(n.type)) {
      const b = n.body;
      if (b.type === 'BlockStatement') edits.push({ at: b.start + 1, text: MEM_CHECK });
      else { edits.push({ at: b.start, text: '{' + MEM_CHECK }); edits.push({ at: b.end, text: '}', close: true }); }
    }
    if (n.type === 'CatchClause') {
      if (!n.param) edits.push({ at: n.body.start, text: '(__sim_e) ' });
      edits.push({ at: n.body.start + 1, text: `if (__sim_oom) throw ${n.param ? src.slice(n.param.start, n.param.end) : '__sim_e'};` });
    }
  });
  for (const s of (ast as any).body) {
    if (s.type === 'VariableDeclaration' && s.kind !== 'var') edits.push({ at: s.start, del: s.kind.length, text: 'var' });
    if (s.type === 'ClassDeclaration') {
      edits.push({ at: s.start, text: `var ${s.id.name} = ` });
      edits.push({ at: s.end, text: ';', close: true });
    }
  }
  const rank = (e: { del?: number; close?: boolean }) => (e.del ? 0 : e.close ? 2 : 1);
  edits.sort((a, b) => b.at - a.at || rank(a) - rank(b));
  let out = src;
  for (const e of edits) out = out.slice(0, e.at) + e.text + out.slice(e.at + (e.del ?? 0));
  return out;
}

/** Runs first in every sandbox: strips what Espruino lacks (espruino.md) and gives errors
 * Espruino's shape (e.type, no e.name, TypeError not an instanceof Error). */
export const PRELUDE = `(function (g) {
  var R = Reflect, hasInstanceKey = Symbol.hasInstance; // kept: the globals go below
  // Built-in methods are not reachable through X.prototype on Espruino (its issue #159):
  // Array.prototype.slice is undefined while [].slice works. The global names become views
  // that hide the built-in methods of .prototype and keep instanceof and construction.
  ['Array', 'Function', 'String'].forEach(function (k) {
    var C = g[k], P = C.prototype, own = Object.getOwnPropertyNames(P);
    var hidden = new Proxy(P, { get: function (t, key, r) { return own.indexOf(key) >= 0 && typeof t[key] === 'function' && key !== 'constructor' ? undefined : R.get(t, key, r); } });
    var hasInstance = function (o) { return o instanceof C; };
    // the proxy's target is a stand-in: C's own .prototype is non-configurable, so a proxy on
    // C itself could not answer a different value for it
    var stand = function () {};
    Object.defineProperty(g, k, { value: new Proxy(stand, {
      get: function (t, key) { return key === 'prototype' ? hidden : key === hasInstanceKey ? hasInstance : C[key]; },
      set: function (t, key, v) { C[key] = v; return true; },
      deleteProperty: function (t, key) { return delete C[key]; },
      has: function (t, key) { return key in C; },
      apply: function (t, self, args) { return R.apply(C, self, args); },
      construct: function (t, args) { return R.construct(C, args); }
    }), writable: true, configurable: true });
  });
  var gone = ['Map','Set','WeakMap','WeakSet','WeakRef','FinalizationRegistry','Symbol','Proxy','Reflect','BigInt',
    'BigInt64Array','BigUint64Array','SharedArrayBuffer','Atomics','Intl','WebAssembly','RangeError','AggregateError',
    'EvalError','URIError','queueMicrotask','setImmediate','TextEncoder','TextDecoder','structuredClone','escape','unescape'];
  gone.forEach(function (k) { delete g[k]; });
  var statics = { Array: ['from','of'], Number: ['isInteger','isNaN','isFinite','isSafeInteger','parseInt','parseFloat','EPSILON','MAX_SAFE_INTEGER','MIN_SAFE_INTEGER'],
    Math: ['imul','trunc','log2','clz32','log10','log1p','expm1','hypot','fround','cbrt','sinh','cosh','tanh','asinh','acosh','atanh'],
    Object: ['freeze','isFrozen','seal','isSealed','is','preventExtensions','isExtensible','fromEntries','getOwnPropertySymbols'],
    Promise: ['race','allSettled','any'] };
  Object.keys(statics).forEach(function (k) { statics[k].forEach(function (m) { delete g[k][m]; }); });
  var methods = { Array: ['lastIndexOf','flat','flatMap','reduceRight','findLast','findLastIndex','copyWithin','at','toSorted','toReversed','toSpliced','with'],
    String: ['trimStart','trimEnd','codePointAt','normalize','localeCompare','at','matchAll'], Promise: ['finally'] };
  Object.keys(methods).forEach(function (k) { methods[k].forEach(function (m) { delete g[k].prototype[m]; }); });
  ['Error','TypeError','ReferenceError','SyntaxError'].forEach(function (t) {
    var p = g[t].prototype;
    if (t !== 'Error') Object.setPrototypeOf(p, Object.prototype);
    Object.defineProperty(p, 'name', { value: undefined, writable: true, configurable: true });
    Object.defineProperty(p, 'type', { value: t, writable: true, configurable: true });
    Object.defineProperty(p, 'toString', { value: function () { return this.message ? this.type + ': ' + this.message : this.type; }, writable: true, configurable: true });
  });
  // Espruino's subarray does not clamp to the end of the array: a view past it reads beyond
  // the buffer (garbage, or an interpreter assertion). Here that is an error at once.
  var TA = Object.getPrototypeOf(g.Uint8Array.prototype), sub = TA.subarray;
  Object.defineProperty(TA, 'subarray', { value: function subarray(b, e) {
    var n = this.length, s = b === undefined ? 0 : b < 0 ? n + b : b, x = e === undefined ? n : e < 0 ? n + e : e;
    if (s > n || x > n) throw new g.Error('subarray(' + b + ', ' + e + ') goes past the end of a ' + n + '-element array: Espruino does not clamp it');
    return sub.call(this, b, e);
  }, writable: true, configurable: true });
  g.InternalError = function InternalError(m) { var e = new g.Error(m); e.type = 'InternalError'; return e; };
  g.global = g;
})(this);`;
