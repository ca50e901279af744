// Espruino reference: JSON.parse — https://www.espruino.com/Reference#l_JSON_parse
// Espruino parses with its JavaScript lexer (jswrap_json.c): the first value is read and the
// rest of the text is ignored; strings take ' " or ` quotes, any escape and raw control
// characters but a newline; numbers are JS literals (hex, octal, .5, 1.); trailing commas
// are allowed; keys must be strings; errors are SyntaxErrors with the lexer's token names.
// Not emulated: a duplicate key is kept twice on Espruino (here the last value wins).
import * as vm from 'node:vm';
import { J as FLAGS, STRINGIFY, toJSON } from '../format';
import type { Global, Sim } from './context';

type Tok = { t: 'EOF' | 'ID' | 'INT' | 'FLOAT' | 'STR' | 'UNFINISHED' | 'OP'; v: string; n?: number };

const KEYWORDS = new Set(('if else do while for break continue function return var let const this throw try catch finally ' +
  'true false null undefined new in instanceof of switch case default delete typeof void debugger class extends super static').split(' '));
const OPS = ['>>>=', '===', '!==', '>>>', '<<=', '>>=', '**=', '...', '==', '!=', '<=', '>=', '&&', '||', '??', '++', '--', '+=', '-=', '*=', '/=', '%=', '&=', '|=', '^=', '<<', '>>', '=>', '**', '?.'];
const ESC: Record<string, string> = { n: '\n', t: '\t', r: '\r', b: '\b', f: '\f', v: '\v', 0: '\0' };

/** no value and no error (a '-' not followed by a number): JSON.parse returns undefined */
const NOTHING = Symbol('nothing');

/** `liberal`: field names may be left unquoted (JSON_DROP_QUOTES, as Storage.readJSON reads) */
export function espruinoJsonParse(src: string, err: (msg: string, type?: string) => Error, liberal = false): unknown {
  let i = 0;
  let tk: Tok = { t: 'EOF', v: '' };
  const next = () => {
    // whitespace and comments
    for (;;) {
      while (i < src.length && ' \t\n\r\v\f'.includes(src[i])) i++;
      if (src.startsWith('//', i)) { while (i < src.length && src[i] !== '\n') i++; continue; }
      if (src.startsWith('/*', i)) { const e = src.indexOf('*/', i + 2); i = e < 0 ? src.length : e + 2; continue; }
      break;
    }
    if (i >= src.length) { tk = { t: 'EOF', v: '' }; return; }
    const c = src[i];
    let m: RegExpMatchArray | null;
    if ((m = /^[A-Za-z_$][A-Za-z0-9_$]*/.exec(src.slice(i)))) { i += m[0].length; tk = { t: 'ID', v: m[0] }; return; }
    if ((m = /^(0[xX][0-9a-fA-F]*|0[bB][01]*|0[oO][0-7]*)/.exec(src.slice(i)))) {
      i += m[0].length;
      const base = { x: 16, b: 2, o: 8 }[m[0][1].toLowerCase() as 'x' | 'b' | 'o'];
      tk = { t: 'INT', v: m[0], n: parseInt(m[0].slice(2), base) || 0 };
      return;
    }
    if ((m = /^(\d+\.?\d*|\.\d+)([eE][+-]?\d*)?/.exec(src.slice(i)))) {
      i += m[0].length;
      const s = m[0];
      if (/[.eE]/.test(s)) tk = { t: 'FLOAT', v: s, n: parseFloat(s) };
      else tk = { t: 'INT', v: s, n: /^0[0-7]+$/.test(s) ? parseInt(s, 8) : parseInt(s, 10) };
      return;
    }
    if (c === '"' || c === "'" || c === '`') {
      let s = '';
      i++;
      for (;;) {
        if (i >= src.length || (src[i] === '\n' && c !== '`')) { tk = { t: 'UNFINISHED', v: s }; return; }
        const d = src[i++];
        if (d === c) break;
        if (d !== '\\') { s += d; continue; }
        if (i >= src.length) { tk = { t: 'UNFINISHED', v: s }; return; }
        const e = src[i++];
        if (e === 'x' || e === 'u') {
          const h = src.substr(i, e === 'x' ? 2 : 4);
          if (!/^[0-9a-fA-F]+$/.test(h) || h.length < (e === 'x' ? 2 : 4)) throw err('Invalid escape sequence');
          s += String.fromCharCode(parseInt(h, 16));
          i += h.length;
        } else s += ESC[e] ?? e; // an unknown escape is the character itself
      }
      tk = { t: 'STR', v: s };
      return;
    }
    const op = OPS.find((o) => src.startsWith(o, i)) ?? c;
    i += op.length;
    tk = { t: 'OP', v: op };
  };
  // jslTokenAsString: how "Expecting valid value, got ..." names a token
  const name = (k: Tok) => k.t === 'OP' ? (k.v.length === 1 ? `'${k.v}'` : k.v) : k.t === 'ID' ? (KEYWORDS.has(k.v) ? k.v : 'ID')
    : k.t === 'STR' ? 'STRING' : k.t === 'UNFINISHED' ? 'UNFINISHED STRING' : k.t;
  // jslGetTokenString: how jslMatch names the token it got (in a 30-byte buffer)
  const got = (k: Tok) => (k.t === 'ID' && !KEYWORDS.has(k.v) ? `ID:${k.v}` : k.t === 'STR' ? `String:'${k.v}` + "'" : name(k)).slice(0, 29);
  const is = (op: string) => tk.t === 'OP' && tk.v === op;
  const match = (op: string) => {
    if (!is(op)) throw err(`Got ${got(tk)} expected ${op === 'STRING' ? op : `'${op}'`}`, 'SyntaxError');
    next();
  };
  const cur = (): Tok => tk; // read again after next() (no narrowing)
  const value = (): unknown => {
    if (tk.t === 'ID' && (tk.v === 'true' || tk.v === 'false' || tk.v === 'null')) { const v = tk.v; next(); return v === 'null' ? null : v === 'true'; }
    if (tk.t === 'INT' || tk.t === 'FLOAT') { const n = tk.n!; next(); return n; }
    if (tk.t === 'STR') { const s = tk.v; next(); return s; }
    if (is('-')) {
      next();
      if (cur().t !== 'INT' && cur().t !== 'FLOAT') throw NOTHING;
      return 0 - (value() as number);
    }
    if (is('[')) {
      next();
      const a: unknown[] = [];
      while (!is(']')) {
        a.push(value());
        if (!is(']')) match(',');
      }
      next();
      return a;
    }
    if (is('{')) {
      next();
      const o: Record<string, unknown> = {};
      while (cur().t === 'STR' || cur().t === 'ID' || (liberal && cur().t === 'INT')) {
        if (cur().t !== 'STR' && !liberal) throw err(`Got ${got(tk)} expected STRING`, 'SyntaxError');
        const k = cur().t === 'INT' ? String(tk.n) : tk.v;
        next();
        match(':');
        o[k] = value();
        if (!is('}')) match(',');
      }
      match('}');
      return o;
    }
    throw err(`Expecting valid value, got ${name(tk)}`, 'SyntaxError');
  };
  next();
  try {
    return value();
  } catch (e) {
    if (e === NOTHING) return undefined;
    throw e;
  }
}

export function installJSON(g: Global, sim: Pick<Sim, 'err'>) {
  // the sandbox's own parser makes the value in its realm from what was read here
  const J = vm.runInContext('JSON', g);
  const realmParse = J.parse as (s: string) => unknown;
  Object.defineProperty(J, 'parse', {
    value: function parse(text: unknown) {
      const v = espruinoJsonParse(String(text), sim.err);
      return v === undefined ? undefined : realmParse(JSON.stringify(v));
    },
    writable: true, configurable: true,
  });
  // Espruino's JSON.stringify (jswrap_json_stringify): the replacer is ignored; an indent (a
  // number up to 10, or a string) puts every item on its own line
  Object.defineProperty(J2(g), 'stringify', {
    value: function stringify(v: unknown, replacer?: unknown, space?: unknown) {
      let ws = '';
      if (space === undefined || space === null) ws = '';
      else if (typeof space === 'number' || typeof space === 'boolean') ws = ' '.repeat(Math.max(0, Math.min(10, Math.trunc(Number(space)) || 0)));
      else ws = String(space).slice(0, 10);
      return toJSON(v, STRINGIFY | (ws ? FLAGS.ALL_NEWLINES | FLAGS.PRETTY : 0), ws);
    },
    writable: true, configurable: true,
  });
}

const J2 = (g: Global) => vm.runInContext('JSON', g);
