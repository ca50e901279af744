// The bundle gate: what the Espruino interpreter cannot run (shared/espruino.md), found
// statically in a built bundle, each with its line and column. Syntax Espruino does not
// parse loses the whole rest of the file on a board; a missing built-in fails at run time.
import * as walk from 'acorn-walk';
import { parseScript } from './loader';
import { untokenise } from './tokens';

export interface Finding { line: number; column: number; what: string }

export const MISSING_GLOBALS = ['Map', 'Set', 'WeakMap', 'WeakSet', 'WeakRef', 'Symbol', 'Proxy', 'Reflect', 'BigInt', 'queueMicrotask', 'setImmediate', 'TextEncoder', 'TextDecoder', 'RangeError', 'structuredClone', 'FinalizationRegistry', 'AggregateError'];
export const MISSING_STATICS: Record<string, string[]> = {
  Array: ['from', 'of'],
  Number: ['isInteger', 'isNaN', 'isFinite', 'isSafeInteger', 'parseInt', 'parseFloat', 'EPSILON', 'MAX_SAFE_INTEGER', 'MIN_SAFE_INTEGER'],
  Math: ['imul', 'trunc', 'log2', 'clz32', 'log10', 'log1p', 'expm1', 'hypot', 'fround', 'cbrt'],
  Object: ['freeze', 'isFrozen', 'seal', 'isSealed', 'is', 'fromEntries'],
  Promise: ['race', 'allSettled', 'any'],
};
export const MISSING_METHODS = ['lastIndexOf', 'flat', 'flatMap', 'reduceRight', 'findLast', 'findLastIndex', 'copyWithin', 'trimStart', 'trimEnd', 'codePointAt', 'normalize', 'localeCompare', 'finally', 'matchAll', 'at'];
/** built-ins whose methods Espruino does not expose through X.prototype (Espruino issue #159) */
const BUILTIN_PROTOS = ['Array', 'Function', 'String', 'Number', 'Boolean', 'Object', 'Date', 'RegExp', 'Promise', 'Error', 'Uint8Array', 'ArrayBuffer', 'DataView'];
export const MODULES = ['Flash', 'Storage'];
const ERROR_CLASSES = ['Error', 'TypeError', 'ReferenceError', 'SyntaxError', 'InternalError'];

const FUNCS = new Set(['FunctionDeclaration', 'FunctionExpression', 'ArrowFunctionExpression']);

/** methods whose argument at this index Espruino refuses as a float (jsvIsInt checks) */
const INT_ONLY: Record<string, number> = { erasePage: 0 };

/** `code` may be pretokenised (as the bundle is stored): it is checked as Espruino reads it,
 * line and column in its plain text */
export function checkBundle(code: string): Finding[] {
  const src = untokenise(code);
  let ast: any;
  try { ast = parseScript(src); }
  catch (e: any) { return [{ line: e.loc?.line ?? 0, column: e.loc?.column ?? 0, what: `does not parse as a script: ${e.message}` }]; }
  const out: Finding[] = [];
  const at = (n: any, what: string) => out.push({ line: n.loc.start.line, column: n.loc.start.column, what });

  walk.fullAncestor(ast, (n: any, _s: unknown, anc: any[]) => {
    const parent = anc[anc.length - 2];
    switch (n.type) {
      case 'SpreadElement': case 'RestElement': at(n, 'spread/rest (...)'); break;
      case 'ObjectPattern': case 'ArrayPattern': at(n, 'destructuring'); break;
      case 'AssignmentPattern': at(n, 'default parameter or default value'); break;
      case 'AwaitExpression': at(n, 'await'); break;
      case 'YieldExpression': at(n, 'yield'); break;
      case 'ChainExpression': at(n, 'optional chaining ?.'); break;
      case 'TaggedTemplateExpression': at(n, 'tagged template'); break;
      case 'LabeledStatement': at(n, 'label'); break;
      // (Espruino: "CASE after DEFAULT unsupported", a SyntaxError when the switch runs)
      case 'SwitchStatement': { const d = n.cases.findIndex((c: any) => !c.test); if (d >= 0 && d < n.cases.length - 1) at(n.cases[d + 1], 'case after default'); break; }
      case 'MetaProperty': at(n, 'new.target / import.meta'); break;
      case 'ImportExpression': case 'ImportDeclaration': case 'ExportNamedDeclaration': case 'ExportDefaultDeclaration': at(n, 'module syntax'); break;
      case 'BinaryExpression': if (n.operator === '**') at(n, '** operator'); break;
      case 'AssignmentExpression': if (['**=', '??=', '||=', '&&='].includes(n.operator)) at(n, `${n.operator} operator`); break;
      case 'Literal':
        if (n.bigint) at(n, 'BigInt literal');
        if (n.regex && /[^gim]/.test(n.regex.flags)) at(n, `regular expression flag(s) /${n.regex.flags}`);
        // Espruino's regular expressions have no counted repetition: /a{2}/ never matches there
        if (n.regex && /(^|[^\\])\{\d/.test(n.regex.pattern)) at(n, 'regular expression with {n,m} (no counted repetition on Espruino)');
        if (typeof n.value === 'string' && /\\u\{/.test(n.raw)) at(n, '\\u{...} escape');
        break;
      case 'TemplateElement': if (/\\u\{/.test(n.value.raw)) at(n, '\\u{...} escape'); break;
      case 'Property': if (n.computed) at(n, 'computed key {[k]: v}'); break;
      case 'MethodDefinition': case 'PropertyDefinition':
        if (n.computed) at(n, 'computed class member');
        if (n.key.type === 'PrivateIdentifier') at(n, 'private #name');
        break;
      case 'ClassDeclaration': case 'ClassExpression':
        if (n.superClass?.type === 'Identifier' && ERROR_CLASSES.includes(n.superClass.name)) at(n, `class extends ${n.superClass.name} (broken on Espruino)`);
        break;
      case 'ForStatement': case 'ForOfStatement': case 'ForInStatement': {
        const d = n.type === 'ForStatement' ? n.init : n.left;
        if (d?.type === 'VariableDeclaration' && d.kind !== 'var') {
          const names = d.declarations.map((x: any) => x.id.name);
          if (closesOver(n.body, names)) at(n, `a function in this loop captures its ${d.kind} ${names.join(', ')}: Espruino has one binding for the whole loop, not one per iteration`);
        }
        break;
      }
      case 'FunctionDeclaration': case 'FunctionExpression': case 'ArrowFunctionExpression':
        if (n.async) at(n, 'async function');
        if (n.generator) at(n, 'generator function');
        break;
      case 'Identifier':
        if (MISSING_GLOBALS.includes(n.name) && isReference(n, parent)) at(n, `${n.name} (missing on Espruino)`);
        break;
      case 'MemberExpression': {
        if (n.property.type === 'PrivateIdentifier') at(n, 'private #name');
        const p = !n.computed && n.property.type === 'Identifier' ? n.property.name : null;
        const o = n.object.type === 'Identifier' ? n.object.name : null;
        if (o && p && MISSING_STATICS[o]?.includes(p)) at(n, `${o}.${p} (missing on Espruino)`);
        if (p && MISSING_METHODS.includes(p)) at(n, `.${p}() (missing on Espruino)`);
        if (o && p === 'prototype' && BUILTIN_PROTOS.includes(o) && parent?.type === 'MemberExpression' && parent.object === n)
          at(n, `${o}.prototype.* (built-in methods are undefined through the prototype on Espruino)`);
        break;
      }
      case 'CallExpression':
        if (n.callee.type === 'Identifier' && n.callee.name === 'require') {
          const a = n.arguments[0];
          // a named module must be one the boards have built in; a name held in a variable is
          // a module stored in Storage (a container's code), found at run time
          if (!(n.arguments.length === 1 && (a.type === 'Literal' ? MODULES.includes(a.value) : a.type === 'Identifier'))) at(n, `require of something other than ${MODULES.map((m) => `"${m}"`).join(' or ')} (or a Storage module named by a variable)`);
        }
        // APIs that refuse a float even when it is whole (Espruino keeps the result of a
        // division as a float): the argument must be made an int where it is passed
        if (n.callee.type === 'MemberExpression' && !n.callee.computed && Object.hasOwn(INT_ONLY, n.callee.property.name)) {
          const a = n.arguments[INT_ONLY[n.callee.property.name]];
          const isInt = a && ((a.type === 'BinaryExpression' && ['|', '&', '>>', '<<', '^'].includes(a.operator)) || (a.type === 'Literal' && Number.isInteger(a.value)));
          if (!isInt) at(n, `.${n.callee.property.name}(): Espruino refuses a float here ("Address should be an integer"); pass an int (x | 0)`);
        }
        break;
    }
  });
  useBeforeDeclaration(ast, at);
  varBeforeDeclaration(ast, at);
  return out.sort((a, b) => a.line - b.line || a.column - b.column);
}

/** Does a function inside `body` refer to one of `names`? */
function closesOver(body: any, names: string[]): boolean {
  let found = false;
  walk.fullAncestor(body, (n: any, _s: unknown, anc: any[]) => {
    if (found || n.type !== 'Identifier' || !names.includes(n.name)) return;
    const fns = anc.filter((a) => FUNCS.has(a.type));
    // a function with a parameter of that name has its own binding (shadowing, as minifiers
    // reuse short names): it does not capture the loop's
    if (fns.some((f) => f.params.some((p: any) => p.type === 'Identifier' && p.name === n.name))) return;
    if (fns.length && isReference(n, anc[anc.length - 2])) found = true;
  });
  return found;
}

function isReference(n: any, parent: any) {
  if (!parent) return true;
  if (parent.type === 'MemberExpression' && parent.property === n && !parent.computed) return false;
  if ((parent.type === 'Property' || parent.type === 'MethodDefinition' || parent.type === 'PropertyDefinition') && parent.key === n && !parent.computed) return false;
  if (parent.type === 'VariableDeclarator' && parent.id === n) return false;
  if (FUNCS.has(parent.type) && (parent.id === n || parent.params.includes(n))) return false;
  return true;
}

/** Espruino does not hoist: in every statement list, a function declared at statement j does
 * not exist while statements before j run. A reference to it from those statements — outside
 * a nested function, which may run later — fails on a board. */
function useBeforeDeclaration(ast: any, at: (n: any, what: string) => void) {
  const lists: any[][] = [];
  walk.full(ast, (n: any) => {
    if (n.type === 'Program' || n.type === 'BlockStatement' || n.type === 'StaticBlock') lists.push(n.body);
    if (n.type === 'SwitchCase') lists.push(n.consequent);
  });
  for (const body of lists) {
    const declared = new Map<string, number>();
    body.forEach((s, i) => { if (s.type === 'FunctionDeclaration') declared.set(s.id.name, i); });
    if (!declared.size) continue;
    body.forEach((s, i) => {
      if (s.type === 'FunctionDeclaration') return;
      for (const [name, j] of declared) if (j > i) findRefs(s, name, (ref) => at(ref, `${name} is used before its declaration runs (Espruino does not hoist functions)`));
    });
  }
}

/** Nor does it hoist `var`: in a function, a name read or assigned before its `var` statement
 * has run is the global of that name (2v29: `x = 1; var x` sets a global x, and the local is
 * then undefined). A reference that comes before the function's first `var` of its name, in
 * the text and outside nested functions (which may run later), fails on a board. */
function varBeforeDeclaration(ast: any, at: (n: any, what: string) => void) {
  walk.full(ast, (fn: any) => {
    if (!FUNCS.has(fn.type) || fn.body.type !== 'BlockStatement') return;
    const params = new Set(fn.params.filter((p: any) => p.type === 'Identifier').map((p: any) => p.name));
    const first = new Map<string, number>();
    ownNodes(fn.body, (n) => {
      if (n.type === 'VariableDeclaration' && n.kind === 'var') for (const d of n.declarations) {
        if (d.id.type === 'Identifier' && !params.has(d.id.name) && !first.has(d.id.name)) first.set(d.id.name, d.id.start);
      }
    });
    if (!first.size) return;
    ownNodes(fn.body, (n, parent) => {
      if (n.type === 'Identifier' && n.start < (first.get(n.name) ?? -1) && isReference(n, parent)) at(n, `${n.name} is used before its var statement runs (Espruino does not hoist var: it is the global ${n.name} there)`);
    });
  });
}

/** Visits `node` and what it holds, with each one's parent, but not inside nested functions or
 * classes (they run later, if at all); `f` returning true skips a node's children. */
function ownNodes(node: any, f: (n: any, parent: any) => boolean | void) {
  const visit = (n: any, parent: any) => {
    if (!n || typeof n.type !== 'string' || f(n, parent) || FUNCS.has(n.type) || n.type === 'ClassBody') return;
    for (const k of Object.keys(n)) {
      if (k === 'loc') continue;
      const v = n[k];
      if (Array.isArray(v)) v.forEach((c) => visit(c, n));
      else if (v && typeof v.type === 'string') visit(v, n);
    }
  };
  visit(node, undefined);
}

function findRefs(node: any, name: string, hit: (n: any) => void) {
  ownNodes(node, (n, parent) => {
    if (n.type === 'Identifier') {
      if (n.name === name && isReference(n, parent)) hit(n);
      return true;
    }
    // a block or loop with its own binding of the name
    return (n.type === 'BlockStatement' || n.type === 'ForStatement' || n.type === 'ForInStatement' || n.type === 'ForOfStatement') && declaresLexically(n, name);
  });
}

function declaresLexically(block: any, name: string): boolean {
  const decls = block.type === 'BlockStatement' ? block.body : [block.init ?? block.left];
  return decls.some((d: any) => d && ((d.type === 'VariableDeclaration' && d.kind !== 'var' && d.declarations.some((x: any) => x.id.name === name)) || ((d.type === 'FunctionDeclaration' || d.type === 'ClassDeclaration') && d.id?.name === name)));
}
