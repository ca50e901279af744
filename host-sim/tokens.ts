// Espruino's pretokenised code (jslex.h, 2v29): reserved words and multi-character operators
// as one byte each (128 and up), strings as a length-prefixed raw run, small ints as 1-3
// bytes. The interpreter reads it wherever it reads code (Storage, a script, eval), and lexes
// it faster than text. The build stores the bundle this way (`tokenise`); the simulator reads
// it back (`untokenise`), as Espruino's lexer does. Not for the REPL: a raw byte such as 3
// (Ctrl-C) or 10 (newline) in a length would be taken as a key press.
import * as acorn from 'acorn';

const OP_START = 138; // LEX_EQUAL: token numbers up to LEX_R_OF must never change (jslex.h)
const TOKENS = [
  '==', '===', '!=', '!==', '<=', '<<', '<<=', '>=', '>>', '>>>', '>>=', '>>>=', '+=', '-=', '++', '--', '*=', '/=', '%=', '&=', '&&', '|=', '||', '^=', '=>',
  'if', 'else', 'do', 'while', 'for', 'break', 'continue', 'function', 'return', 'var', 'let', 'const', 'this', 'throw', 'try', 'catch', 'finally',
  'true', 'false', 'null', 'undefined', 'new', 'in', 'instanceof', 'switch', 'case', 'default', 'delete', 'typeof', 'void', 'debugger', 'class',
  'extends', 'super', 'static', 'of',
];
const RAW_STRING8 = 0xd1;
const RAW_STRING16 = 0xd2;
const RAW_INT0 = 0xd3;
const RAW_INT8 = 0xd4;
const RAW_INT16 = 0xd5;
const WORD = /[A-Za-z0-9_$]/;

/** `code` (plain JavaScript) as Espruino's pretokenised form: a latin1 string, one char per
 * byte. Line breaks outside brackets are kept (each top-level line stays a statement), unless
 * `oneLine`: statements that end in `;` or `}` need none (Espruino inserts no semicolons), and
 * Espruino reads stored code as one run of statements (its errors then give a column).
 * `origin`, if given, receives for each output char the position in `code` it came from. */
export function tokenise(code: string, origin?: number[], oneLine?: boolean): string {
  const toks: (acorn.Token & { value?: any })[] = [];
  for (const t of acorn.tokenizer(code, { ecmaVersion: 2020 })) toks.push(t);
  let out = '';
  let depth = 0;
  let lastWord = false; // the last thing written ends in a word character
  for (let i = 0; i < toks.length; i++) {
    if (origin) while (origin.length < out.length) origin.push(i ? toks[i - 1].start : 0);
    const t = toks[i];
    const text = code.slice(t.start, t.end);
    const label = t.type.label;
    const gap = code.slice(i ? toks[i - 1].end : 0, t.start);
    if (depth === 0 && gap.includes('\n') && !oneLine) { out += '\n'; lastWord = false; }
    if (label === '`') throw new Error('tokenise: template literals are not supported (at ' + t.start + ')');
    if (label === '(' || label === '[' || label === '{' || label === '${') depth++;
    if (label === ')' || label === ']' || label === '}') depth--;
    const prev = i ? code.slice(toks[i - 1].start, toks[i - 1].end) : '';
    const next = i + 1 < toks.length ? code.slice(toks[i + 1].start, toks[i + 1].end) : '';
    let tk = -1;
    // (never a NUL byte: the Linux build's file mode reads a script as a C string)
    if (label === 'string' && typeof t.value === 'string' && t.value.length && !/[^\x01-\xff]/.test(t.value)) {
      const v = t.value as string;
      const head = v.length < 256 ? String.fromCharCode(RAW_STRING8, v.length) : String.fromCharCode(RAW_STRING16, v.length & 255, v.length >> 8);
      if (!head.includes('\0')) {
        out += head + v;
        lastWord = false;
        continue;
      }
    }
    // a whole number written in digits (1e3 and 1.0 stay text: Espruino lexes those as floats);
    // 1..9 stay text too, one byte where a raw int takes two
    if (label === 'num' && /^(\d+|0[xX][0-9a-fA-F]+)$/.test(text) && t.value < 32768 && !/^[1-9]$/.test(text)) {
      const v = t.value as number;
      const raw = v === 0 ? String.fromCharCode(RAW_INT0) : v < 128 ? String.fromCharCode(RAW_INT8, v) : String.fromCharCode(RAW_INT16, v & 255, v >> 8);
      if (!raw.includes('\0')) {
        out += raw;
        lastWord = false;
        continue;
      }
    }
    // terser's `void 0`, `!0` and `!1` (two bytes here) as the one-byte `undefined`, `true` and
    // `false`: the same values, unless a member access or call binds the number first (`!0[k]`)
    // (before a `:` a word stays text, below: there the two bytes are the shorter)
    const after = i + 2 < toks.length ? code.slice(toks[i + 2].start, toks[i + 2].end) : '';
    const lit = { 'void0': 'undefined', '!0': 'true', '!1': 'false' }[text + next];
    if (lit && toks[i + 1].type.label === 'num' && !/^[.[(:]$/.test(after)) {
      out += String.fromCharCode(OP_START + TOKENS.indexOf(lit));
      lastWord = false;
      i++;
      continue;
    }
    // words and operators with a token; `catch` stays text (Espruino issue #1868), and a word
    // used as a property name or an object key stays text
    const word = WORD.test(text[0]);
    if (text !== 'catch' && !(word && (prev === '.' || next === ':'))) tk = TOKENS.indexOf(text);
    if (tk >= 0 && (t.type.keyword !== undefined || label === 'name' || !word)) {
      out += String.fromCharCode(OP_START + tk);
      lastWord = false;
      continue;
    }
    // text: a space only where two words (or a word and a number) would run together, or where
    // the code had one between two operators that would otherwise merge (`a+ +b`, `a- -b`)
    if ((lastWord && WORD.test(text[0])) || (gap.length && !lastWord && /[+\-]$/.test(out) && /^[+\-]/.test(text))) out += ' ';
    out += text;
    lastWord = WORD.test(text[text.length - 1]);
  }
  if (origin) while (origin.length < out.length) origin.push(toks.length ? toks[toks.length - 1].start : 0);
  return out;
}

/** a JavaScript string literal of any bytes, in ASCII */
export function literal(s: string) {
  return '"' + s.replace(/[\\"]/g, (c) => '\\' + c).replace(/[\x00-\x1f\x7f-\xff]/g, (c) => '\\x' + c.charCodeAt(0).toString(16).padStart(2, '0')) + '"';
}

/** Plain JavaScript from code that may hold Espruino's tokens (outside string, template and
 * regex literals, where a byte of 128 and up is a token, as in Espruino's lexer). Code with no
 * such byte comes back unchanged. */
export function untokenise(code: string): string {
  if (!/[\x80-\xff]/.test(code)) return code;
  let out = '';
  let lastSig = ''; // the last significant character written, to tell a regex from a division
  const word = (c: string) => WORD.test(c);
  const put = (s: string) => {
    if (out && word(out[out.length - 1]) && word(s[0])) out += ' ';
    out += s;
    const t = s.trimEnd();
    if (t) lastSig = t[t.length - 1];
  };
  for (let i = 0; i < code.length; ) {
    const c = code.charCodeAt(i);
    const ch = code[i];
    if (c === RAW_STRING8 || c === RAW_STRING16) {
      const n = c === RAW_STRING8 ? code.charCodeAt(i + 1) : code.charCodeAt(i + 1) | (code.charCodeAt(i + 2) << 8);
      const at = i + (c === RAW_STRING8 ? 2 : 3);
      put(literal(code.slice(at, at + n)));
      i = at + n;
    } else if (c === RAW_INT0) { put('0'); i++; }
    else if (c === RAW_INT8) { const v = (code.charCodeAt(i + 1) << 24) >> 24; put(v < 0 ? '(' + v + ')' : String(v)); i += 2; }
    else if (c === RAW_INT16) { const v = ((code.charCodeAt(i + 1) | (code.charCodeAt(i + 2) << 8)) << 16) >> 16; put(v < 0 ? '(' + v + ')' : String(v)); i += 3; }
    else if (c >= OP_START && c < OP_START + TOKENS.length) {
      const t = TOKENS[c - OP_START];
      // an operator token next to a sign it would merge with (`a- --b`)
      if (/^[+\-]/.test(t) && /[+\-]$/.test(out)) out += ' ';
      put(t);
      i++;
    } else if (c >= 0x80) {
      throw new Error('untokenise: byte 0x' + c.toString(16) + ' at ' + i + ' is no token of Espruino 2v29');
    } else if (ch === '"' || ch === "'" || ch === '`') {
      let j = i + 1;
      while (j < code.length && code[j] !== ch) j += code[j] === '\\' ? 2 : 1;
      put(code.slice(i, j + 1));
      i = j + 1;
    } else if (ch === '/' && code[i + 1] === '/') {
      const j = code.indexOf('\n', i);
      i = j < 0 ? code.length : j;
    } else if (ch === '/' && code[i + 1] === '*') {
      const j = code.indexOf('*/', i + 2);
      i = j < 0 ? code.length : j + 2;
    } else if (ch === '/' && (lastSig === '' || /[(,=:[!&|?{};+\-*%<>~^]/.test(lastSig) || /^(return|typeof|case|do|else|in|of|new|delete|void|throw)$/.test(lastWordOf(out)))) {
      // a regex literal: copied whole (it may hold quotes)
      let j = i + 1;
      let cls = false;
      while (j < code.length && (code[j] !== '/' || cls)) {
        if (code[j] === '\\') j++;
        else if (code[j] === '[') cls = true;
        else if (code[j] === ']') cls = false;
        j++;
      }
      j++;
      while (j < code.length && word(code[j])) j++;
      put(code.slice(i, j));
      i = j;
    } else {
      let j = i + 1;
      if (word(ch)) while (j < code.length && word(code[j])) j++;
      const s = code.slice(i, j);
      if (/\s/.test(s)) out += s;
      else put(s);
      i = j;
    }
  }
  return out;
}

function lastWordOf(s: string) {
  const m = /([A-Za-z_$][A-Za-z0-9_$]*)\s*$/.exec(s);
  return m ? m[1] : '';
}
