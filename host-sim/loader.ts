// Makes Node's V8 run a script the way Espruino would, where a difference matters to the
// firmware: function declarations are not hoisted (they exist once their statement has run),
// a let/const loop variable is one binding for the whole loop, not one per iteration,
// there is no automatic semicolon after `return` (`return\n42` returns 42),
// and top-level let/const/class become properties of the global object (Espruino keeps every
// top-level binding in its root scope, which the memory estimate walks).
// The prelude then removes from the sandbox what Espruino lacks.
import * as acorn from 'acorn';
import * as walk from 'acorn-walk';
import { tokenise, untokenise } from './tokens';
import { NUMTEXT_JS, espruinoLiteral, numStr } from './numtext';

export function parseScript(src: string) {
  const o = { ecmaVersion: 2022, sourceType: 'script', locations: true, allowHashBang: true } as const;
  try { return acorn.parse(src, o); } catch (e) {
    const r = relaxed(src, e);
    if (r === src) throw e;
    return acorn.parse(r, o);
  }
}

/** Espruino lets a top-level let or const name again what a var (or another let) already
 * names, where V8 and acorn refuse the whole script: such a script has its top-level let and
 * const written as var (padded: every position stays where it was). */
function relaxed(src: string, parseError?: unknown): string {
  if (parseError === undefined) {
    try { acorn.parse(src, { ecmaVersion: 2022, sourceType: 'script', allowHashBang: true }); return src; } catch (e) { parseError = e; }
  }
  if (!/has already been declared/.test((parseError as Error).message)) return src;
  let out = '', last = 0, depth = 0;
  try {
    for (const t of acorn.tokenizer(src, { ecmaVersion: 2022, allowHashBang: true })) {
      const l = t.type.label;
      if (l === '{' || l === '(' || l === '[' || l === '${') depth++;
      else if (l === '}' || l === ')' || l === ']') depth--;
      else if (depth === 0 && ((t as any).value === 'let' || (t as any).value === 'const') && (l === 'name' || l === 'const')) { out += src.slice(last, t.start) + 'var'.padEnd(t.end - t.start); last = t.end; }
    }
  } catch { return src; }
  return out + src.slice(last);
}

/** The part of `src` Espruino runs before a syntax error stops it: the top-level statements
 * before the one holding the error (Espruino parses as it executes), and the error. */
const parsed = new Set<string>();
export function runnablePart(code: string): { code: string; error?: SyntaxError } {
  if (parsed.has(code)) return { code };
  const src = untokenise(code);
  try { parseScript(src); if (code.length > 1000) parsed.add(code); return { code }; } catch (e) {
    if (!(e instanceof SyntaxError)) throw e;
    const p: any = new (acorn.Parser as any)({ ecmaVersion: 2022, sourceType: 'script', locations: true, allowHashBang: true }, src);
    let end = 0;
    try {
      p.nextToken();
      while (p.type !== acorn.tokTypes.eof) { const st = p.parseStatement(null, true, {}); end = st.end; }
    } catch { /* the statement that fails */ }
    return { code: src.slice(0, end), error: e };
  }
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

/** Each function's text as Espruino gives it back (f.toString(), print(f), "" + f), by the
 * number the transform marks its body with (a comment, \/*@N*\/, which V8 keeps in its own
 * text of the function): the text the loader changed is not what the script wrote. */
export const FN_TEXT: string[] = [];
/** For the memory model (memory.ts sizeOf), by the same number: a function made inside
 * another (a closure, which a program keeps in timers, watches and objects) with its parameter
 * count and its body's length tokenised; undefined for a top-level one (counted from the
 * program's text by codeVars) */
export const FN_CLOSURE: ({ params: number; len: number } | undefined)[] = [];

/** Espruino's text of a function (jsvGetFunctionArgumentText, and the code it stores): its
 * parameter names joined by ",", then the body from its first token to its last, comments
 * before and after left out; a body that is one `return` is stored as "return " and the
 * expression (an arrow's expression body too); a body of several lines is set on lines of
 * its own, indented by two. */
function espruinoFnText(src: string, n: any): string {
  const params = n.params.map((p: any) => src.slice(p.start, p.end).replace(/\s+/g, '')).join(',');
  let code: string;
  if (n.body.type !== 'BlockStatement') code = 'return ' + src.slice(n.body.start, n.body.end);
  else {
    const inner = n.body.body;
    if (!inner.length) code = '';
    else {
      code = src.slice(inner[0].start, inner[inner.length - 1].end);
      if (inner.length === 1 && inner[0].type === 'ReturnStatement' && inner[0].argument) code = 'return ' + src.slice(inner[0].argument.start, inner[0].end);
    }
  }
  return 'function (' + params + ') ' + (code.includes('\n') ? '{\n  ' + code + '\n}' : '{' + code + '}');
}

/** a space where a name is put right after a keyword or name (minified `return"a"+b`) */
const sp = (src: string, at: number) => (at > 0 && /[\w$]/.test(src[at - 1]) ? ' ' : '');

/** where the operator `op` stands between two operands (after `from`, skipping parentheses
 * and comments) */
function opAt(src: string, from: number, to: number, op: string): number {
  for (let i = from; i < to; i++) {
    if (src.startsWith('//', i)) { i = src.indexOf('\n', i); if (i < 0) break; continue; }
    if (src.startsWith('/*', i)) { i = src.indexOf('*/', i + 2) + 1; continue; }
    if (src.startsWith(op, i)) return i;
  }
  throw new Error(`no ${op} between ${from} and ${to}`);
}

/** a target `x += y` may name twice: a name, or a member of a name or this by a name, a
 * literal or a dotted property */
function simpleTarget(t: any): boolean {
  if (t.type === 'Identifier') return true;
  if (t.type !== 'MemberExpression') return false;
  if (t.object.type !== 'Identifier' && t.object.type !== 'ThisExpression') return false;
  return !t.computed || t.property.type === 'Identifier' || t.property.type === 'Literal';
}

// ---------------------------------------------------------------- int and float
// Espruino keeps a number as an int or a float; V8 has one type. Where the loader can see a
// value's origin, it knows what Espruino would have (as measured on 2v29): a division, a
// literal with a fraction or exponent, getTime(), parseFloat and every Math function but
// round give a float; + - * % carry a float through; | & ^ << >> >>> ~, parseInt and
// Math.round give an int; a name declared once with such a value and never assigned again
// holds it. An API that refuses a float even when it is whole (INT_ONLY) then gets it marked
// (__sim_float), and refuses it as Espruino does. Other values it cannot see pass as ints.
const INT_ONLY = new Set(['erasePage']);
function floatNames(ast: any): Set<string> {
  const inits = new Map<string, any>();
  const assigned = new Set<string>();
  walk.simple(ast, {
    VariableDeclarator(d: any) { if (d.id.type === 'Identifier') { if (inits.has(d.id.name) || !d.init) assigned.add(d.id.name); inits.set(d.id.name, d.init); } },
    AssignmentExpression(a: any) { if (a.left.type === 'Identifier') assigned.add(a.left.name); },
    UpdateExpression(u: any) { if (u.argument.type === 'Identifier') assigned.add(u.argument.name); },
    // (a parameter of that name anywhere: which one a use means is not followed here)
    Function(f: any) { f.params.forEach((x: any) => { if (x.type === 'Identifier') assigned.add(x.name); }); },
  });
  const out = new Set<string>();
  // (names whose value comes from other such names: a few passes)
  for (let pass = 0; pass < 3; pass++) for (const [n, init] of inits) if (!assigned.has(n) && init && isFloat(init, out)) out.add(n);
  return out;
}
function isFloat(e: any, names: Set<string>): boolean {
  switch (e.type) {
    case 'Literal': return typeof e.value === 'number' && !/^0[xXbBoO]/.test(e.raw) && /[.eE]/.test(e.raw);
    case 'Identifier': return names.has(e.name);
    case 'BinaryExpression':
      if (e.operator === '/' || e.operator === '**') return true;
      return ['+', '-', '*', '%'].includes(e.operator) && (isFloat(e.left, names) || isFloat(e.right, names));
    case 'UnaryExpression': return (e.operator === '-' || e.operator === '+') && isFloat(e.argument, names);
    case 'ConditionalExpression': return isFloat(e.consequent, names) && isFloat(e.alternate, names);
    case 'CallExpression': {
      const c = e.callee;
      if (c.type === 'Identifier') return c.name === 'getTime' || c.name === 'parseFloat';
      return c.type === 'MemberExpression' && !c.computed && c.object.type === 'Identifier' && c.object.name === 'Math' && c.property.name !== 'round' && c.property.name !== 'randInt';
    }
    default: return false;
  }
}

/** a body's length as Espruino tokenises it (one the tokeniser takes no form for, a template
 * literal's: its text) */
function tokenisedLength(body: string): number {
  try { return tokenise(body).length; } catch { return body.length; }
}

/** whether function `f` declares `name` itself (a parameter, var, let, const or function in
 * its body, not in the functions inside it) */
function declares(f: any, name: string): boolean {
  if (f.params.some((p: any) => p.type === 'Identifier' && p.name === name)) return true;
  let found = false;
  const look = (n: any) => {
    if (!n || found || typeof n !== 'object') return;
    if (Array.isArray(n)) { n.forEach(look); return; }
    if (n.type === 'VariableDeclarator' && n.id.type === 'Identifier' && n.id.name === name) { found = true; return; }
    if (n.type === 'FunctionDeclaration' && n.id?.name === name) { found = true; return; }
    if (/Function/.test(n.type || '')) return;
    for (const k of Object.keys(n)) if (k !== 'type' && k !== 'start' && k !== 'end' && k !== 'loc') look(n[k]);
  };
  look(f.body);
  return found;
}

function transform(src: string): string {
  let ast;
  try { ast = acorn.parse(src, { ecmaVersion: 2022, sourceType: 'script', locations: true, allowHashBang: true }); } catch (e) {
    // (a top-level let/const naming again what is declared: the script as relaxed() writes it)
    src = relaxed(src, e);
    ast = parseScript(src);
  }
  // edits at one position apply replacements first, then openers, then closers, so a
  // closer (`;`, ` }`) of one node ends up before the opener of the next
  // (span: where the expression an opener wraps ends; at one position the outer one goes first)
  const edits: { at: number; del?: number; text: string; close?: boolean; head?: boolean; span?: number }[] = [];
  const topFns = new Set((ast as any).body.filter((s: any) => s.type === 'FunctionDeclaration'));
  // (and `var f = function ...` at the top level: codeVars counts those too)
  const topInits = new Set<any>();
  for (const st of (ast as any).body) if (st.type === 'VariableDeclaration') st.declarations.forEach((d: any) => { if (d.init && /^(FunctionExpression|ArrowFunctionExpression)$/.test(d.init.type)) topInits.add(d.init); });
  // a top-level function declared again replaces the code of the one already made, as
  // Espruino does (a timer or watch given the first one runs the new code): such names are
  // made through __sim_decl, one function whose code can be swapped
  const seen = new Set<string>(), again = new Set<string>();
  for (const f of topFns as Set<any>) { if (seen.has(f.id.name)) again.add(f.id.name); seen.add(f.id.name); }
  // a property named by a fraction: Espruino writes the number as it writes every number
  const keys = new Set<any>();
  walk.simple(ast, { MemberExpression(n: any) {
    const k = n.property;
    if (n.computed && k.type === 'Literal' && typeof k.value === 'number' && !Number.isInteger(espruinoLiteral(k.raw))) {
      keys.add(k);
      edits.push({ at: k.start, del: k.end - k.start, text: JSON.stringify(numStr(espruinoLiteral(k.raw))) });
    }
  } });
  walk.full(ast, (n: any) => {
    const list = n.type === 'Program' || n.type === 'BlockStatement' ? n.body : n.type === 'SwitchCase' ? n.consequent : undefined;
    if (list) list.forEach((s: any, i: number) => {
      const next = list[i + 1];
      if (s.type === 'ReturnStatement' && !s.argument && src.slice(s.start, s.end) === 'return' && next?.type === 'ExpressionStatement')
        edits.push({ at: s.end, del: next.start - s.end, text: ' ' });
    });
    // one binding for the whole loop, as Espruino has (closures see the last value)
    const decl = n.type === 'ForStatement' ? n.init : n.type === 'ForOfStatement' || n.type === 'ForInStatement' ? n.left : undefined;
    // (a classic for loop's const stays: V8 refuses its update as Espruino does)
    if (decl && decl.type === 'VariableDeclaration' && decl.kind !== 'var' && !(decl.kind === 'const' && n.type === 'ForStatement')) {
      const names = decl.declarations.map((d: any) => src.slice(d.id.start, d.id.end)).join(', ');
      edits.push({ at: n.start, text: `{ let ${names}; ` });
      edits.push({ at: decl.start, del: decl.declarations[0].start - decl.start, text: '' });
      edits.push({ at: n.end, text: ' }', close: true });
    }
    if (n.type === 'FunctionDeclaration') {
      // a top-level function is a property of the root that `delete` removes, as on Espruino
      // (a `var` is one V8 keeps)
      if (topFns.has(n) && again.has(n.id.name)) {
        edits.push({ at: n.start, text: `${n.id.name} = __sim_decl(${JSON.stringify(n.id.name)}, ` });
        edits.push({ at: n.end, text: ');', close: true });
      } else {
        edits.push({ at: n.start, text: (topFns.has(n) ? '' : 'var ') + `${n.id.name} = ` });
        edits.push({ at: n.end, text: ';', close: true });
      }
    }
    // Memory: every 256th pass of a loop or call of a function asks the board whether JsVars have run out (board.ts
    // __sim_mem). Out of memory interrupts the running code as on Espruino, where it cannot
    // be caught: a catch clause passes it on.
    // a class is its constructor (Espruino gives "function () {}" for a class without one)
    if (n.type === 'ClassDeclaration' || n.type === 'ClassExpression') {
      const ctor = n.body.body.find((m: any) => m.kind === 'constructor');
      edits.push({ at: n.body.start + 1, text: '/*@' + (FN_TEXT.push(ctor ? espruinoFnText(src, ctor.value) : 'function () {}') - 1) + '*/' });
    }
    if (/^(FunctionDeclaration|FunctionExpression|ArrowFunctionExpression)$/.test(n.type)) {
      const top = topFns.has(n) || topInits.has(n);
      FN_CLOSURE[FN_TEXT.length] = top ? undefined : { params: n.params.length, len: tokenisedLength(src.slice(n.body.start, n.body.end)) };
      const mark = '/*@' + (FN_TEXT.push(espruinoFnText(src, n)) - 1) + '*/';
      // (head: before any opener of the first statement's, a ternary's __sim_tern( say)
      if (n.body.type === 'BlockStatement') edits.push({ at: n.body.start + 1, text: mark + MEM_CHECK, head: true });
      else edits.push({ at: n.body.start, text: mark, head: true });
    }
    if (/^(For|ForIn|ForOf|While|DoWhile)Statement$/.test(n.type)) {
      const b = n.body;
      if (b.type === 'BlockStatement') edits.push({ at: b.start + 1, text: MEM_CHECK, head: true });
      else { edits.push({ at: b.start, text: '{' + MEM_CHECK, head: true }); edits.push({ at: b.end, text: '}', close: true }); }
    }
    if (n.type === 'CatchClause') {
      if (!n.param) edits.push({ at: n.body.start, text: '(__sim_e) ' });
      const e = n.param ? src.slice(n.param.start, n.param.end) : '__sim_e';
      // V8's own errors become Espruino's (their messages, own keys message, type, stack)
      edits.push({ at: n.body.start + 1, text: `if (__sim_oom) throw ${e}; ${n.param?.type === 'Identifier' ? `${e} = __sim_caught(${e});` : ''}` });
    }
    // a number literal holds the value Espruino's lexer reads from its text
    if (n.type === 'Literal' && typeof n.value === 'number' && /^[0-9.]/.test(n.raw) && !keys.has(n)) {
      const v = espruinoLiteral(n.raw);
      if (v !== n.value) edits.push({ at: n.start, del: n.end - n.start, text: Object.is(v, -0) ? '-0' : String(v) });
    }
    // Numbers as text, as Espruino writes them: a + b, a += b, `${a}` (PRELUDE's __sim_add)
    if (n.type === 'BinaryExpression' && n.operator === '+') {
      edits.push({ at: n.start, text: sp(src, n.start) + '__sim_add(', span: n.end });
      edits.push({ at: opAt(src, n.left.end, n.right.start, '+'), del: 1, text: ',' });
      edits.push({ at: n.end, text: ')', close: true });
    }
    if (n.type === 'AssignmentExpression' && n.operator === '+=' && simpleTarget(n.left)) {
      // (Espruino evaluates the right-hand side before it reads the target: the target is read
      // through an arrow, called once the right-hand side is known)
      edits.push({ at: opAt(src, n.left.end, n.right.start, '+='), del: 2, text: `= __sim_addr(() => ${src.slice(n.left.start, n.left.end)}, ` });
      edits.push({ at: n.end, text: ')', close: true });
    }
    if (n.type === 'TemplateLiteral') for (const x of n.expressions) {
      edits.push({ at: x.start, text: '__sim_str(', span: x.end });
      edits.push({ at: x.end, text: ')', close: true });
    }
    // an array's length cannot be assigned (TypeError): x.length = v is __sim_setlen(x, v)
    if (n.type === 'AssignmentExpression' && n.operator === '=' && n.left.type === 'MemberExpression' && !n.left.computed && n.left.property.name === 'length' && n.left.object.type !== 'Super') {
      const closers = (src.slice(n.left.object.end, n.left.end).match(/\)/g) || []).join('');
      const openers = (src.slice(n.left.end, n.right.start).match(/\(/g) || []).join('');
      edits.push({ at: n.start, text: sp(src, n.start) + '__sim_setlen(', span: n.end });
      edits.push({ at: n.left.object.end, del: n.right.start - n.left.object.end, text: closers + ', ' + openers });
      edits.push({ at: n.end, text: ')', close: true });
    }
  });
  const floats = floatNames(ast);
  const consts = new Set<string>();
  for (const st of (ast as any).body) if (st.type === 'VariableDeclaration' && st.kind === 'const') st.declarations.forEach((d: any) => { if (d.id.type === 'Identifier') consts.add(d.id.name); });
  const constSet = (n: any, target: any, anc: any[]) => {
    if (target.type !== 'Identifier' || !consts.has(target.name) || anc.some((f: any) => /Function/.test(f.type) && declares(f, target.name))) return;
    edits.push({ at: n.start, text: '(__sim_constset(), ', span: n.end });
    edits.push({ at: n.end, text: ')', close: true });
  };
  // delete, as Espruino answers it: true only when something was removed (a missing property or
  // name, or a value that is not a reference, gives false), and a top-level variable can be
  // deleted (PRELUDE's __sim_del, __sim_delg, __sim_delv)
  walk.ancestor(ast, {
    UnaryExpression(n: any, _st: unknown, anc: any[]) {
      if (n.operator !== 'delete' || !/^delete\s+$/.test(src.slice(n.start, n.argument.start))) return;
      const a = n.argument;
      if (a.type === 'MemberExpression' && a.object.type !== 'Super' && !a.optional) {
        edits.push({ at: n.start, del: a.start - n.start, text: '__sim_del(' });
        if (!a.computed) {
          edits.push({ at: a.object.end, del: a.property.start - a.object.end, text: ', "' });
          edits.push({ at: a.property.end, text: '")', close: true });
        } else {
          const open = src.indexOf('[', a.object.end);
          edits.push({ at: a.object.end, del: open + 1 - a.object.end, text: ', ' });
          edits.push({ at: a.property.end, del: a.end - a.property.end, text: ')', close: true });
        }
      } else if (a.type === 'Identifier') {
        if (anc.some((f: any) => /Function/.test(f.type) && declares(f, a.name))) return; // a local: V8's answer
        edits.push({ at: n.start, del: n.end - n.start, text: `__sim_delg(${JSON.stringify(a.name)})` });
      } else if (a.type !== 'ChainExpression') {
        edits.push({ at: n.start, del: a.start - n.start, text: '__sim_delv(' });
        edits.push({ at: a.end, text: ')', close: true });
      }
    },
    // a top-level const becomes a var (a global, as on Espruino): assigning it still throws
    AssignmentExpression(n: any, _st: unknown, anc: any[]) { constSet(n, n.left, anc); },
    UpdateExpression(n: any, _st: unknown, anc: any[]) { constSet(n, n.argument, anc); },
    // a ternary's condition: an object is as true as its valueOf() (jspeTernaryOperator), where
    // if, !, && and || take every object as true
    ConditionalExpression(n: any) {
      edits.push({ at: n.test.start, text: sp(src, n.test.start) + '__sim_tern(', span: n.test.end });
      edits.push({ at: n.test.end, text: ')', close: true });
    },
    // eval's text is run as Espruino would run it too; a float given to an API that takes
    // only an int is marked (INT_ONLY above)
    CallExpression(n: any) {
      const c = n.callee;
      if (c.type === 'MemberExpression' && !c.computed && INT_ONLY.has(c.property.name) && n.arguments[0] && isFloat(n.arguments[0], floats)) {
        edits.push({ at: n.arguments[0].start, text: '__sim_float(', span: n.arguments[0].end });
        edits.push({ at: n.arguments[0].end, text: ')', close: true });
      }
      if (n.callee.type === 'Identifier' && n.callee.name === 'eval' && n.arguments.length === 1) {
        edits.push({ at: n.arguments[0].start, text: '__sim_tx(', span: n.arguments[0].end });
        edits.push({ at: n.arguments[0].end, text: ')', close: true });
      }
    },
  } as any);
  for (const s of (ast as any).body) {
    if (s.type === 'VariableDeclaration' && s.kind !== 'var') edits.push({ at: s.start, del: s.kind.length, text: 'var' });
    if (s.type === 'ClassDeclaration') {
      edits.push({ at: s.start, text: `var ${s.id.name} = ` });
      edits.push({ at: s.end, text: ';', close: true });
    }
  }
  // (closers: a statement's braces go after an expression's closer at the same position, as
  // in `for (...) c += x[i]` ending a block, whose body braces close after __sim_addr's `)`)
  const rank = (e: { del?: number; close?: boolean; head?: boolean; text: string }) => (e.del ? 0 : e.close ? (/^ ?}$/.test(e.text) ? 2 : 2.5) : e.head ? 1.5 : 1);
  edits.sort((a, b) => b.at - a.at || rank(a) - rank(b) || (a.span !== undefined && b.span !== undefined ? a.span - b.span : 0));
  let out = src;
  for (const e of edits) out = out.slice(0, e.at) + e.text + out.slice(e.at + (e.del ?? 0));
  return out;
}

/** Runs first in every sandbox: strips what Espruino lacks (espruino.md) and gives errors
 * Espruino's shape (e.type, no e.name, TypeError not an instanceof Error). */
export const PRELUDE = `(function (g) {
${NUMTEXT_JS}
  var R = Reflect, hasInstanceKey = Symbol.hasInstance, Px = Proxy; // kept: the globals go below
  var realDP = Object.defineProperty, realGOPD = Object.getOwnPropertyDescriptor; // (Object's own are replaced below)
  // Built-in methods are not reachable through X.prototype on Espruino (its issue #159):
  // Array.prototype.slice is undefined while [].slice works. The global names become views
  // that hide the built-in methods of .prototype and keep instanceof and construction.
  var realC = {};
  // (the real prototype of arrays, functions and strings, and what X.prototype shows for it)
  var shownProtos = [];
  ['Array', 'Function', 'String'].forEach(function (k) {
    var C = realC[k] = g[k], P = C.prototype, own = Object.getOwnPropertyNames(P);
    var hidden = new Proxy(P, { get: function (t, key, r) { return own.indexOf(key) >= 0 && typeof t[key] === 'function' && key !== 'constructor' ? undefined : R.get(t, key, r); } });
    shownProtos.push(P, hidden);
    var hasInstance = function (o) { return o instanceof C; };
    // the proxy's target is a stand-in: C's own .prototype is non-configurable, so a proxy on
    // C itself could not answer a different value for it
    var stand = function () {};
    Object.defineProperty(g, k, { value: new Proxy(stand, {
      get: function (t, key) { return key === 'prototype' ? hidden : key === hasInstanceKey ? hasInstance : C[key]; },
      set: function (t, key, v) { C[key] = v; return true; },
      deleteProperty: function (t, key) { return delete C[key]; },
      has: function (t, key) { return key in C; },
      // String(number): as Espruino writes numbers (NUMTEXT_JS)
      apply: function (t, self, args) { return k === 'String' && typeof args[0] === 'number' ? __numStr(args[0]) : R.apply(C, self, args); },
      construct: function (t, args) { return R.construct(C, args); }
    }), writable: true, configurable: true });
  });
  var gone = ['Map','Set','WeakMap','WeakSet','WeakRef','FinalizationRegistry','Symbol','Proxy','Reflect','BigInt',
    'BigInt64Array','BigUint64Array','SharedArrayBuffer','Atomics','Intl','WebAssembly','RangeError','AggregateError',
    'EvalError','URIError','queueMicrotask','setImmediate','TextEncoder','TextDecoder','structuredClone','escape','unescape'];
  gone.forEach(function (k) { delete g[k]; });
  // the statics and methods Espruino 2v29 has (Object.getOwnPropertyNames on its Linux build);
  // the rest of V8's are removed
  var keepStatics = { Object: 'assign,create,defineProperties,defineProperty,entries,fromEntries,getOwnPropertyDescriptor,getOwnPropertyDescriptors,getOwnPropertyNames,getPrototypeOf,keys,setPrototypeOf,values',
    String: 'fromCharCode', Array: 'isArray', Number: 'MAX_VALUE,MIN_VALUE,NEGATIVE_INFINITY,NaN,POSITIVE_INFINITY',
    Math: 'E,LN10,LN2,LOG10E,LOG2E,PI,SQRT1_2,SQRT2,abs,acos,asin,atan,atan2,ceil,clip,cos,exp,floor,log,max,min,pow,randInt,random,round,sign,sin,sqrt,tan,wrap',
    JSON: 'parse,stringify', Promise: 'all,reject,resolve', Date: 'now,parse', Function: '', Boolean: '', RegExp: '', ArrayBuffer: '', Error: '',
    Uint8Array: '', Int8Array: '', Uint16Array: '', Int16Array: '', Uint32Array: '', Int32Array: '', Float32Array: '', Float64Array: '', Uint8ClampedArray: '', DataView: '' };
  var keepMethods = { Array: 'concat,every,fill,filter,find,findIndex,forEach,includes,indexOf,join,map,pop,push,reduce,reverse,shift,slice,some,sort,splice,toString,unshift',
    String: 'charAt,charCodeAt,concat,endsWith,includes,indexOf,lastIndexOf,match,padEnd,padStart,repeat,replace,replaceAll,slice,split,startsWith,substr,substring,toLowerCase,toUpperCase,trim,toString,valueOf',
    Number: 'toFixed,toString,valueOf', Function: 'apply,bind,call,toString', Promise: 'then,catch' };
  var always = ['prototype', 'constructor', 'length', 'name'];
  function prune(o, keep) {
    var list = keep ? keep.split(',') : [];
    Object.getOwnPropertyNames(o).forEach(function (m) { if (always.indexOf(m) < 0 && list.indexOf(m) < 0) try { delete o[m]; } catch (e) {} });
  }
  Object.keys(keepStatics).forEach(function (k) { prune(realC[k] || g[k], keepStatics[k]); });
  Object.keys(keepMethods).forEach(function (k) { prune((realC[k] || g[k]).prototype, keepMethods[k]); });
  ['isPrototypeOf', 'propertyIsEnumerable', 'toLocaleString', '__defineGetter__', '__defineSetter__', '__lookupGetter__', '__lookupSetter__'].forEach(function (m) { delete Object.prototype[m]; });
  var M = g.Math, def = function (o, k, f) { Object.defineProperty(o, k, { value: f, writable: true, configurable: true, enumerable: false }); };
  var exp = M.exp, log = M.log, floor = M.floor, random = M.random;
  // jswrap_math.c: small whole powers by repeated multiplication, others through exp(log(x) * y)
  def(M, 'pow', function pow(x, y) {
    x = +x; y = +y;
    var yi = __cInt(y);
    if (yi >= 0 && yi < 10 && yi === y) { if (yi === 0) return 1; var p = x; while (yi > 1) { p *= x; yi--; } return p; }
    if (x < 0 && y % 1 === 0) return y % 2 === 0 ? exp(log(-x) * y) : -exp(log(-x) * y);
    return x !== 0 || 0 >= y ? exp(log(x) * y) : 0;
  });
  // halves away from zero
  def(M, 'round', function round(x) {
    x = +x;
    if (!isFinite(x) || (x === 0 && 1 / x < 0)) return x;
    x += x < 0 ? -0.5 : 0.5;
    var i = __trunc(x);
    return i === 0 && x < 0 ? -0 : i;
  });
  // jswrap_math_sign: 0 for zero, else x > 0 ? 1 : -1 (NaN: -1)
  def(M, 'sign', function sign(x) { x = +x; return x === 0 ? 0 : x > 0 ? 1 : -1; });
  def(M, 'clip', function clip(x, min, max) { x = +x; if (x < min) x = +min; if (x > max) x = +max; return x; });
  def(M, 'wrap', function wrap(x, max) { x = +x; max = +max; if (max < 0) return 0; var v = x / max; v = v - __cInt(v); return v * max; });
  def(M, 'randInt', function randInt(range) { var r = floor(random() * 2147483648); return range > 0 ? r % range : r | 0; });
  // numbers as text (NUMTEXT_JS): String(), toString(radix), toFixed, join, concat
  var NP = g.Number.prototype, AP = Object.getPrototypeOf([]), SP = Object.getPrototypeOf('');
  var numStr = __numStr, nativeStr = g.String, nToS = NP.toString;
  var str = function (x) { return typeof x === 'number' ? numStr(x) : nativeStr(x); };
  def(NP, 'toString', function toString(radix) {
    var n = +NP.valueOf.call(this);
    if (typeof radix === 'number' && (radix | 0) === radix && radix >= 2 && radix <= 36) return __isInt(n) ? nToS.call(n, radix) : __ftoa(n, radix, -1);
    return numStr(n);
  });
  def(NP, 'toFixed', function toFixed(d) {
    d = __trunc(+d) || 0; if (d < 0) d = 0; if (d > 20) d = 20;
    return __ftoa(+NP.valueOf.call(this), 10, d);
  });
  def(AP, 'join', function join(sep) {
    sep = sep === undefined ? ',' : str(sep);
    var out = '';
    for (var i = 0; i < this.length; i++) { if (i) out += sep; var v = this[i]; if (v !== undefined && v !== null) out += str(v); }
    return out;
  });
  def(AP, 'toString', function toString() { return AP.join.call(this); });
  // (an undefined argument adds nothing, as jswrap_string_concat)
  def(SP, 'concat', function concat() { var s = nativeStr(this); for (var i = 0; i < arguments.length; i++) if (arguments[i] !== undefined) s += str(arguments[i]); return s; });
  g.__sim_str = str;
  // V8's Object.defineProperty, for the API's own code in the sandbox (Object's is Espruino's below)
  g.__sim_dp = realDP;
  // ---- String (jswrap_string.c) ----
  var sIndexOf = SP.indexOf, sSplit = SP.split, sReplace = SP.replace, sRepeat = SP.repeat, sSlice = SP.slice, Rx = g.RegExp;
  var isRx = function (r) { return r instanceof Rx; };
  // indexOf: the search starts at fromIndex clamped to 0..length, and "" is found only where
  // a character is (so "abc".indexOf("", 3) and "".indexOf("") are -1)
  def(SP, 'indexOf', function indexOf(sub, from) {
    var s = nativeStr(this), t = str(sub);
    if (t.length > s.length) return -1;
    var r = sIndexOf.call(s, t, typeof from === 'number' ? from : 0);
    return t === '' && r >= s.length ? -1 : r;
  });
  // split: the limit is ignored; a RegExp's groups are not put in the result
  def(SP, 'split', function split(sep) {
    var s = nativeStr(this);
    if (!isRx(sep)) return sep === undefined ? [s] : sSplit.call(s, str(sep));
    var re = new Rx(sep.source, sep.flags.replace('g', '') + 'g'), out = [], last = 0, m;
    while ((m = re.exec(s)) !== null) {
      out.push(sSlice.call(s, last, m.index));
      last = m.index + m[0].length;
      re.lastIndex = last + (m[0].length ? 0 : 1); // (Espruino would not move on: a hang)
    }
    out.push(sSlice.call(s, last));
    return out;
  });
  // replace: a RegExp's replacement text knows $1..$9 only (others are left as they are); a
  // String's is put in as it is, and a function given with a String is put in as its text
  var rxReplace = function (s, re, rep, all) {
    re = new Rx(re.source, all || re.global ? re.flags.replace('g', '') + 'g' : re.flags.replace('g', ''));
    if (typeof rep === 'function') return sReplace.call(s, re, function () { return str(rep.apply(undefined, arguments)); });
    rep = str(rep);
    return sReplace.call(s, re, function (m) {
      var groups = arguments.length - 3, out = '';
      for (var i = 0; i < rep.length; i++) {
        var ch = rep[i];
        if (ch !== '$') { out += ch; continue; }
        var n = rep[++i] || String.fromCharCode(0), k = n.charCodeAt(0) - 48;
        out += k >= 1 && k <= 9 && k <= groups && arguments[k] !== undefined ? arguments[k] : '$' + n;
      }
      return out;
    });
  };
  def(SP, 'replace', function replace(sub, rep) {
    var s = nativeStr(this);
    if (isRx(sub)) return rxReplace(s, sub, rep, false);
    var t = str(sub), r = str(rep), i = sIndexOf.call(s, t);
    return i < 0 ? s : sSlice.call(s, 0, i) + r + sSlice.call(s, i + t.length);
  });
  def(SP, 'replaceAll', function replaceAll(sub, rep) {
    var s = nativeStr(this);
    if (isRx(sub)) return rxReplace(s, sub, rep, true);
    var t = str(sub), r = str(rep), i = sIndexOf.call(s, t);
    while (i >= 0) { s = sSlice.call(s, 0, i) + r + sSlice.call(s, i + t.length); i = sIndexOf.call(s, t, i + r.length); }
    return s;
  });
  def(SP, 'repeat', function repeat(n) {
    n = __trunc(+n) || 0;
    if (n < 0) throw new g.Error('Invalid count value');
    return sRepeat.call(nativeStr(this), n);
  });
  // String.fromCharCode: each code's low 8 bits (Espruino's strings hold bytes)
  var fcc = realC.String.fromCharCode;
  def(realC.String, 'fromCharCode', function fromCharCode() { var a = []; for (var i = 0; i < arguments.length; i++) a.push((__trunc(+arguments[i]) || 0) & 255); return fcc.apply(undefined, a); });
  // ---- numbers from text (jsutils.c stringToFloatWithRadix, jsvar.c jsvGetFloat) ----
  // spaces and a sign, then 0x/0o/0b or a leading 0 (octal unless an 8, 9 or '.' follows),
  // digits, and in base 10 a fraction and an exponent (either may be empty: "1e" is 1, "e1" 0);
  // the number ends where the digits do. The value is made digit by digit, as Espruino does.
  var isWs = function (c) { return c === '\\t' || c === '\\v' || c === '\\f' || c === ' ' || c === '\\xa0' || c === '\\n' || c === '\\r'; };
  var digit = function (c) { var k = c ? c.charCodeAt(0) : -1; return k >= 48 && k <= 57 ? k - 48 : k >= 97 && k <= 122 ? k - 87 : k >= 65 && k <= 90 ? k - 55 : -1; };
  var getRadix = function (s, i) {
    if (s[i] !== '0') return [10, i];
    var n = s[i + 1];
    if (n === 'o' || n === 'O') return [8, i + 2];
    if (n === 'x' || n === 'X') return [16, i + 2];
    if (n === 'b' || n === 'B') return [2, i + 2];
    var r = 8;
    for (var p = i + 1; p < s.length; p++) { if (s[p] === '.' || s[p] === '8' || s[p] === '9') r = 10; else if (s[p] < '0' || s[p] > '9') break; }
    return [r, i + 1];
  };
  var toFloat = function (s) { // [value, index where it ended]
    var i = 0, neg = false;
    while (isWs(s[i])) i++;
    if (s[i] === '-') { neg = true; i++; } else if (s[i] === '+') i++;
    var start = i, rr = getRadix(s, i), radix = rr[0], v = 0, mul = 0.1, d;
    i = rr[1];
    while (i < s.length && (d = digit(s[i])) >= 0 && d < radix) { v = v * radix + d; i++; }
    if (radix === 10) {
      if (s[i] === '.') { i++; while (s[i] >= '0' && s[i] <= '9') { v += mul * (s.charCodeAt(i) - 48); mul /= 10; i++; } }
      if (s[i] === 'e' || s[i] === 'E') {
        i++;
        var eneg = false, e = 0;
        if (s[i] === '-' || s[i] === '+') { eneg = s[i] === '-'; i++; }
        while (s[i] >= '0' && s[i] <= '9') { e = e * 10 + (s.charCodeAt(i) - 48); i++; }
        if (eneg) e = -e;
        while (e > 0) { v *= 10; e--; }
        while (e < 0) { v /= 10; e++; }
      }
    }
    if (i === start || (s[start] === '.' && i === start + 1)) return [NaN, i];
    return [neg ? -v : v, i];
  };
  // jsvGetFloat of a String: all of it must be the number ("" is 0; only "Infinity" and
  // "-Infinity" exactly are infinite)
  var strFloat = function (s) {
    if (s === '') return 0;
    if (s === 'Infinity') return Infinity;
    if (s === '-Infinity') return -Infinity;
    var r = toFloat(s);
    return r[1] === s.length ? r[0] : NaN;
  };
  var NumC = g.Number;
  // Number(x) (jswrap_number_constructor): undefined and objects are NaN, an array its only
  // element (not a boolean), a String as above
  var toNumber = function (args) {
    if (!args.length) return 0;
    var v = args[0];
    if (Array.isArray(v)) {
      if (v.length === 0) return 0;
      if (v.length > 1) return NaN;
      v = v[0];
      if (v === '') return 0;
      if (typeof v === 'boolean') return NaN;
    } else if (v === undefined || (v !== null && (typeof v === 'object' || typeof v === 'function'))) return NaN;
    if (typeof v === 'string') return strFloat(v);
    if (Array.isArray(v)) return toNumber([v]);
    return NumC(v);
  };
  var numKeep = ['MAX_VALUE', 'MIN_VALUE', 'NEGATIVE_INFINITY', 'NaN', 'POSITIVE_INFINITY', 'prototype', 'length', 'name'];
  var numStand = function () {};
  Object.defineProperty(g, 'Number', { value: new Px(numStand, {
    // the statics Espruino 2v29 has (V8's EPSILON, MAX_SAFE_INTEGER ... cannot be deleted);
    // its MIN_VALUE is the smallest normal double
    get: function (t, key) { return key === 'MIN_VALUE' ? 2.2250738585072014e-308 : key === hasInstanceKey ? function (o) { return o instanceof NumC; } : numKeep.indexOf(key) >= 0 || own.call(NumC, key) && realGOPD(NumC, key).configurable ? NumC[key] : undefined; },
    set: function (t, key, v) { NumC[key] = v; return true; },
    has: function (t, key) { return numKeep.indexOf(key) >= 0 || (own.call(NumC, key) && realGOPD(NumC, key).configurable); },
    apply: function (t, self, args) { return toNumber(args); },
    construct: function (t, args) { return R.construct(NumC, [toNumber(args)]); }
  }), writable: true, configurable: true });
  // parseFloat: text up to where the number ends
  def(g, 'parseFloat', function parseFloat(v) {
    var s = str(v);
    if (s === 'Infinity') return Infinity;
    if (s === '-Infinity') return -Infinity;
    return toFloat(s)[0];
  });
  // parseInt: any radix (0 or none: 10, or 16 after a leading "0x"), digits up to the first
  // that is not one; no digit at all: NaN
  def(g, 'parseInt', function parseInt(v, radix) {
    radix = typeof radix === 'number' || typeof radix === 'boolean' ? __cInt(+radix) : 0;
    if (typeof v === 'number' && !isFinite(v)) return NaN;
    var s = str(v), i = 0;
    if ((!radix || radix === 16) && s[0] === '0' && (s[1] === 'x' || s[1] === 'X')) { radix = 16; i = 2; }
    if (!radix) radix = 10;
    while (isWs(s[i])) i++;
    var neg = false;
    if (s[i] === '-') { neg = true; i++; } else if (s[i] === '+') i++;
    var start = i, n = 0, d;
    while (i < s.length && (d = digit(s[i])) >= 0 && d < radix) { n = n * radix + d; i++; }
    if (i === start) return NaN;
    return neg ? -n + 0 : n; // (an int: no -0)
  });
  // ---- Array (jswrap_array.c) ----
  // indexOf: === from fromIndex (a negative one is not counted from the end), holes skipped
  def(AP, 'indexOf', function indexOf(v, from) {
    from = __trunc(+from) || 0;
    for (var i = from < 0 ? 0 : from; i < this.length; i++) if (i in this && this[i] === v) return i;
    return -1;
  });
  ['forEach', 'map', 'filter', 'some', 'every', 'find', 'findIndex'].forEach(function (m) {
    var f = AP[m];
    def(AP, m, function (fn, self) {
      if (typeof fn !== 'function') throw new g.Error('First argument must be a function');
      if (self !== undefined && (self === null || (typeof self !== 'object' && typeof self !== 'function'))) throw new g.Error('Second argument must be Object or undefined');
      return f.apply(this, arguments);
    });
  });
  // sort: Espruino's quicksort (_jswrap_array_sort), which is not stable: the elements
  // compacted to the front, a median-of-3 pivot above 10 elements; undefined goes last; a
  // comparator's result is read as a number (0: equal, < 0: before, anything else: after);
  // without one, elements compare as text
  def(AP, 'sort', function sort(cmp) {
    if (cmp !== undefined && typeof cmp !== 'function') throw new g.Error('Expecting compare function, got ' + typeName(cmp));
    var v = [], len = this.length, i;
    for (i = 0; i < len; i++) if (i in this) v.push(this[i]);
    var c = function (a, b) {
      if (a === undefined) return 1;
      if (b === undefined) return -1;
      if (cmp) { var f = +cmp(a, b); return f === 0 ? 0 : f < 0 ? -1 : 1; }
      var sa = str(a), sb = str(b);
      return sa < sb ? -1 : sa > sb ? 1 : 0;
    };
    var qs = function (lo, n) {
      if (n < 2) return;
      var pivot = lo;
      if (n > 10) {
        var mid = lo + (n >> 1), high = lo + n - 1, lv = v[lo], mv = v[mid], hv = v[high];
        var lm = c(lv, mv), mh = c(mv, hv), lh = c(lv, hv);
        if ((lm <= 0 && mh <= 0) || (lh <= 0 && mh >= 0)) { v[lo] = mv; v[mid] = lv; }
        else if ((lm >= 0 && lh <= 0) || (mh >= 0 && lh >= 0)) { v[lo] = hv; v[high] = lv; }
      }
      var pivotLowest = true, pv = v[pivot], nlo = 0, nhigh = 0, it = lo + 1;
      while (--n) {
        var iv = v[it], r = c(iv, pv);
        if (r <= 0) {
          if (r < 0) pivotLowest = false;
          nlo++;
          v[pivot] = iv; pivot++; v[it] = v[pivot]; v[pivot] = pv;
        } else nhigh++;
        it++;
      }
      qs(pivot + 1, nhigh);
      if (!pivotLowest) qs(lo, nlo);
    };
    qs(0, v.length);
    for (i = 0; i < len; i++) { if (i < v.length) this[i] = v[i]; else delete this[i]; }
    return this;
  });
  // a + b: a number meeting a string is written as Espruino writes it
  var prim = function (o) {
    // (the API's functions are the host's, whose own toString is V8's)
    if (typeof o === 'function' && !Object.prototype.hasOwnProperty.call(o, 'toString')) return FP.toString.call(o);
    if (g.Pin && o instanceof g.Pin) return nativeStr(o); // a Pin is its name as text
    var v = typeof o.valueOf === 'function' ? o.valueOf() : o;
    return v !== null && (typeof v === 'object' || typeof v === 'function') ? nativeStr(o) : v;
  };
  g.__sim_add = function (a, b) {
    var ta = typeof a, tb = typeof b;
    if (ta === 'number' && tb === 'number') return a + b;
    if (ta === 'string' && tb === 'string') return a + b;
    if (a !== null && (ta === 'object' || ta === 'function')) { a = prim(a); ta = typeof a; }
    if (b !== null && (tb === 'object' || tb === 'function')) { b = prim(b); tb = typeof b; }
    if (ta === 'string' || tb === 'string') return str(a) + str(b);
    return a + b;
  };
  var own = Object.prototype.hasOwnProperty;
  g.__sim_del = function (o, k) {
    if (o === null || o === undefined) return delete o[k]; // (V8's error)
    if ((typeof o !== 'object' && typeof o !== 'function') || !own.call(o, k)) return false;
    return delete o[k];
  };
  g.__sim_delg = function (n) {
    if (!own.call(g, n)) return false;
    if (delete g[n]) return true;
    g[n] = undefined; // a top-level var, which V8 will not remove
    return true;
  };
  g.__sim_delv = function () { return false; };
  // a number Espruino would hold as a float, where an API that takes only an int gets it
  g.__sim_float = function (v) { return typeof v === 'number' && v === Math.floor(v) ? { __sim_float: v } : v; };
  g.__sim_constset = function () { throw new g.TypeError('Assignment to a constant'); };
  // Date (jswrap_date.c): its text without the zone's name and with the day unpadded, the
  // methods Espruino 2v29 lacks removed, getIsDST added (no daylight saving time set: false)
  var DP = g.Date.prototype, DAYS = 'Sun,Mon,Tue,Wed,Thu,Fri,Sat'.split(','), MONTHS = 'Jan,Feb,Mar,Apr,May,Jun,Jul,Aug,Sep,Oct,Nov,Dec'.split(',');
  var two = function (n) { return (n < 10 ? '0' : '') + n; };
  def(DP, 'toString', function toString() {
    var d = this;
    return DAYS[d.getUTCDay()] + ' ' + MONTHS[d.getUTCMonth()] + ' ' + d.getUTCDate() + ' ' + d.getUTCFullYear() + ' ' + two(d.getUTCHours()) + ':' + two(d.getUTCMinutes()) + ':' + two(d.getUTCSeconds()) + ' GMT+0000';
  });
  def(DP, 'getIsDST', function getIsDST() { return false; });
  ['getYear', 'setUTCDate', 'setUTCFullYear', 'setUTCHours', 'setUTCMilliseconds', 'setUTCMinutes', 'setUTCMonth', 'setUTCSeconds', 'setYear', 'toDateString',
    'toLocaleDateString', 'toLocaleString', 'toLocaleTimeString', 'toTimeString'].forEach(function (m) { delete DP[m]; });
  // every value has clone() (jswrap_object_clone): a shallow copy
  def(Object.prototype, 'clone', function clone() {
    if (typeof this !== 'object' || this === null) return this.valueOf();
    if (Array.isArray(this)) return AP.slice.call(this);
    return Object.assign(Object.create(realGetProto(this)), this);
  });
  g.__sim_decl = function (name, fn) {
    var cur = own.call(g, name) ? g[name] : undefined;
    if (typeof cur === 'function' && cur.__sim_impl) { cur.__sim_impl = fn; return cur; }
    var w = function () { return w.__sim_impl.apply(this, arguments); };
    realDP(w, '__sim_impl', { value: fn, writable: true, enumerable: false });
    return w;
  };
  g.__sim_tern = function (x) {
    if (x === null || typeof x !== 'object') return x;
    var v = x.valueOf();
    return v === x || (v !== null && typeof v === 'object') ? true : v;
  };
  g.__sim_addr = function (target, b) { return g.__sim_add(target(), b); };
  // an array's length cannot be assigned on Espruino
  g.__sim_setlen = function (o, v) {
    if (Array.isArray(o)) throw new g.TypeError('Assignment to a constant');
    return o.length = v;
  };
  ['Error','TypeError','ReferenceError','SyntaxError'].forEach(function (t) {
    var p = g[t].prototype;
    if (t !== 'Error') Object.setPrototypeOf(p, Object.prototype);
    Object.defineProperty(p, 'name', { value: undefined, writable: true, configurable: true });
    Object.defineProperty(p, 'type', { value: t, writable: true, configurable: true });
    Object.defineProperty(p, 'message', { value: undefined, writable: true, configurable: true });
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
  // jswrap_arraybuffer_set: as many elements as fit from the offset, read before any is
  // written (a view of the same buffer may overlap); V8 throws when they do not all fit
  Object.defineProperty(TA, 'set', { value: function set(src, off) {
    off = off === undefined ? 0 : __trunc(+off) || 0;
    var n = src && src.length | 0, tmp = [];
    for (var i = 0; i < n && off + i < this.length; i++) tmp.push(src[i]);
    for (var j = 0; j < tmp.length; j++) this[off + j] = tmp[j];
  }, writable: true, configurable: true });
  // typed arrays' methods and statics that Espruino 2v29 lacks
  ['at', 'copyWithin', 'entries', 'findLast', 'findLastIndex', 'keys', 'lastIndexOf', 'reduceRight', 'toLocaleString', 'toReversed', 'toSorted', 'values', 'with'].forEach(function (m) { delete TA[m]; });
  var TAC = Object.getPrototypeOf(g.Uint8Array);
  delete TAC.from; delete TAC.of;
  // the parent class of the typed arrays, by Espruino's name: what is put on its prototype
  // every typed array has
  // (a typed array is not an instanceof it on Espruino)
  var ABV = function ArrayBufferView() {};
  Object.defineProperty(ABV, 'prototype', { value: TA });
  Object.defineProperty(ABV, hasInstanceKey, { value: function () { return false; } });
  Object.defineProperty(g, 'ArrayBufferView', { value: ABV, writable: true, configurable: true });
  // An error's own keys are message (when given), type and stack, in that order, as Espruino
  // makes them; the native classes stay (instanceof, V8's own errors)
  var natives = {};
  var shape = function (e, t, msg, hasMsg) {
    var stack = '';
    try { stack = __simStack(e.stack); } catch (x) {}
    delete e.message; delete e.stack;
    var d = function (k, v) { Object.defineProperty(e, k, { value: v, writable: true, configurable: true, enumerable: true }); };
    if (hasMsg) d('message', msg);
    d('type', t);
    d('stack', stack);
    return e;
  };
  ['Error','TypeError','ReferenceError','SyntaxError'].forEach(function (t) {
    var N = natives[t] = g[t];
    var make = function (args, nt) {
      var e = R.construct(N, [], nt);
      return shape(e, t, args.length && args[0] !== undefined ? nativeStr(args[0]) : undefined, args.length > 0 && args[0] !== undefined);
    };
    Object.defineProperty(g, t, { value: new Px(N, {
      construct: function (target, args, nt) { return make(args, nt === undefined || nt === W ? N : nt); },
      apply: function (target, self, args) { return make(args, N); }
    }), writable: true, configurable: true });
    var W = g[t];
  });
  g.InternalError = function InternalError(m) { var e = new g.Error(m); e.type = 'InternalError'; return e; };
  // V8's stack ("    at f (file:3:7)") as Espruino's lines ("    at f (:3:7)")
  var __simStack = function (st) {
    var out = '';
    var NL = String.fromCharCode(10);
    String(st).split(NL).slice(1).forEach(function (l) {
      var m = /^ +at (?:([^ ]+) [(])?[^()]*?:([0-9]+):([0-9]+)[)]?$/.exec(l);
      if (!m || /^__sim_|^Proxy|^Reflect/.test(m[1] || '')) return;
      out += '    at ' + (m[1] ? m[1] + ' (:' + m[2] + ':' + m[3] + ')' : ':' + m[2] + ':' + m[3]) + NL;
    });
    return out;
  };
  // V8's own errors (null.x, an undefined name, a const assigned ...) as Espruino's, with its
  // messages: what a catch clause (loader.ts), a rejection handler and the console get
  var rules = [
    [/^Cannot (?:read|set) properties of (null|undefined) [(](?:reading|setting) '(.*)'[)]$/, 'Error', function (m) { return "Can't read property '" + m[2] + "' of " + m[1]; }],
    [/^Assignment to constant variable[.]$/, 'TypeError', function () { return 'Assignment to a constant'; }],
    [/^(.+) is not defined$/, 'ReferenceError', function (m) { return '"' + m[1] + '" is not defined'; }],
    [/^.*[.]([A-Za-z0-9_$]+) is not a function$/, 'Error', function (m) { return 'Function "' + m[1] + '" not found!'; }],
    [/^(null|undefined) is not a function$/, 'Error', function (m) { return 'Expecting function, got ' + m[1]; }],
    // a bare name: a global holding something else, else (as a function called before its
    // declaration ran: Espruino hoists nothing) not defined
    [/^([A-Za-z0-9_$]+) is not a function$/, 'ReferenceError', function (m) { return '"' + m[1] + '" is not defined'; }, function (m) { var v = g[m[1]]; return v !== undefined && typeof v !== 'function' ? ['Error', 'Expecting function, got ' + typeName(v)] : undefined; }],
    [/^.* is not a function$/, 'Error', function () { return 'Expecting function, got undefined'; }],
    [/^.* is not a constructor$/, 'Error', function () { return 'Constructor should be a function, but is undefined'; }],
    [/^Reduce of empty array with no initial value$/, 'Error', function () { return 'Used on empty array with no initial value'; }],
    [/^Maximum call stack size exceeded$/, 'InternalError', function () { return 'Too much recursion - the stack is about to overflow'; }]
  ];
  var typeName = function (v) { return v === null ? 'null' : typeof v === 'number' ? 'Number' : typeof v === 'string' ? 'String' : typeof v === 'boolean' ? 'Boolean' : Array.isArray(v) ? 'Array' : 'Object'; };
  var isNative = function (e) {
    if (!e || typeof e !== 'object' || Object.prototype.hasOwnProperty.call(e, 'type')) return false;
    for (var k in natives) if (e instanceof natives[k]) return true;
    return e instanceof Error || Object.prototype.toString.call(e) === '[object Error]';
  };
  // x.__proto__ and Object.getPrototypeOf(x) give what X.prototype gives (the view above):
  // [].__proto__ === Array.prototype, as on Espruino
  var protoGet = Object.getOwnPropertyDescriptor(Object.prototype, '__proto__'), realGetProto = Object.getPrototypeOf;
  var shownProto = function (p) { var i = shownProtos.indexOf(p); return i >= 0 && i % 2 === 0 ? shownProtos[i + 1] : p; };
  Object.defineProperty(Object.prototype, '__proto__', { get: function () { return shownProto(protoGet.get.call(this)); }, set: protoGet.set, configurable: true });
  def(Object, 'getPrototypeOf', function getPrototypeOf(o) { return shownProto(realGetProto(o)); });
  // a function's text as Espruino gives it (FN_TEXT, by the mark the loader put in its body)
  var FP = realGetProto(function () {}), fnToS = FP.toString;
  def(FP, 'toString', function toString() {
    if (this && this.__sim_impl) return this.__sim_impl.toString();
    var t = fnToS.call(this), m = /[/][*]@([0-9]+)[*][/]/.exec(t);
    if (m) return g.__sim_fntext(+m[1]);
    // a built-in, or one of the API's (host functions)
    return 'function () { [native code] }';
  });
  g.__sim_caught = function (e) {
    if (!isNative(e)) return e;
    var msg = String(e.message);
    for (var i = 0; i < rules.length; i++) {
      var m = rules[i][0].exec(msg);
      if (m) {
        var t = rules[i][1];
        var alt = rules[i][3] && rules[i][3](m);
        if (alt) { var a = shape(R.construct(natives[alt[0]], []), alt[0], alt[1], true); try { a.stack = __simStack(e.stack); } catch (x) {} return a; }
        var out = shape(R.construct(natives[t === 'InternalError' ? 'Error' : t], []), t === 'InternalError' ? 'Error' : t, rules[i][2](m), true);
        if (t === 'InternalError') out.type = t;
        try { out.stack = __simStack(e.stack); } catch (x) {}
        return out;
      }
    }
    var kind = 'Error';
    for (var k in natives) if (e instanceof natives[k]) kind = k;
    var o = shape(R.construct(natives[kind], []), kind, msg, true);
    try { o.stack = __simStack(e.stack); } catch (x) {}
    return o;
  };
  // (Promise is Espruino's, api/promise.ts: a rejection handler gets errors shaped there)
  // ---- Object.defineProperty (jswrap_object.c), last as the prelude uses V8's: a property so made is always enumerable and
  // configurable; writable: false alone is kept. Its descriptor lists writable, enumerable,
  // configurable, then value (or get and set).
  var isObj = function (o) { return o !== null && (typeof o === 'object' || typeof o === 'function'); };
  def(Object, 'defineProperty', function defineProperty(o, k, d) {
    if (!isObj(o)) throw new g.Error('First argument must be Object, Function or Array, got ' + typeName(o));
    if (!isObj(d) || typeof d === 'function') throw new g.Error('Property description must be Object, got ' + typeName(d));
    if (d.get !== undefined || d.set !== undefined) realDP(o, k, { get: d.get, set: d.set, enumerable: true, configurable: true });
    else realDP(o, k, { value: d.value, writable: d.writable === undefined || !!d.writable, enumerable: true, configurable: true });
    return o;
  });
  def(Object, 'defineProperties', function defineProperties(o, props) {
    for (var k in props) if (own.call(props, k)) Object.defineProperty(o, k, props[k]);
    return o;
  });
  // Object.create's second argument is refused (jswrap_object_create)
  var realCreate = Object.create;
  def(Object, 'create', function create(proto, props) {
    if (props !== undefined) throw new g.Error('propertiesObject is not supported yet');
    return realCreate(proto);
  });
  // Object.assign: the first object given is the target; anything else not an object (an
  // array, a String, a number ...) is refused; undefined and null are skipped
  def(Object, 'assign', function assign() {
    var t;
    for (var i = 0; i < arguments.length; i++) {
      var a = arguments[i];
      if (a === undefined || a === null) continue;
      if (typeof a !== 'object' || Array.isArray(a)) throw new g.TypeError('Expecting Object, got ' + typeName(a));
      if (t === undefined) t = a; else for (var k in a) if (own.call(a, k)) t[k] = a[k];
    }
    return t;
  });
  def(Object, 'getOwnPropertyDescriptor', function getOwnPropertyDescriptor(o, k) {
    var d = realGOPD(o, k);
    if (!d) return undefined;
    var r = { writable: !!d.writable || !!(d.get || d.set), enumerable: true, configurable: true };
    if (d.get || d.set) { r.get = d.get; r.set = d.set; } else r.value = d.value;
    return r;
  });
  def(Object, 'getOwnPropertyDescriptors', function getOwnPropertyDescriptors(o) {
    var r = {};
    Object.getOwnPropertyNames(o).forEach(function (k) { r[k] = Object.getOwnPropertyDescriptor(o, k); });
    return r;
  });
  g.global = g;
})(this);`;
