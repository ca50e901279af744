// One minified bundle per board: dist/cardcage-<board>.js, with that board's profile embedded.
// Emit path (TypeScript 7 no longer emits ES5): tsc only type-checks (npm run typecheck);
// esbuild strips types and lowers ES2016+ syntax to ES2015 (** -> Math.pow, ?. and ?? ->
// conditionals); terser minifies without introducing newer syntax; the bundle gate
// (test/gate.test.ts) then rejects anything Espruino cannot run.
import { readFileSync, statSync, writeFileSync, mkdirSync } from 'node:fs';
import { decode } from '@jridgewell/sourcemap-codec';
import { transform } from 'esbuild';
import { minify } from 'terser';
import * as acorn from 'acorn';
import * as walk from 'acorn-walk';
import MagicString from 'magic-string';
import { importTs } from './scripts/run-ts.mjs';

const { boardNames, loadBoard, firmwareProfile } = await importTs('host-sim/profile.ts');
const { tokenise } = await importTs('host-sim/tokens.ts');

const pkg = JSON.parse(readFileSync('package.json', 'utf8'));
const only = process.env.BOARD ? process.env.BOARD.split(',') : boardNames();

function profilePlugin(board) {
  const id = 'cardcage:profile';
  // not a \0 id: rollup leaves those out of the source map, which attributes the bundle's bytes
  const file = `boards/${board}.json (embedded)`;
  return {
    name: 'cardcage-profile',
    resolveId: (s) => (s === id ? file : null),
    // one line, mapped as a whole to the profile
    load: (s) => (s === file ? { code: 'export default ' + JSON.stringify(firmwareProfile(loadBoard(board))) + ';', map: { version: 3, sources: [file], names: [], mappings: 'AAAA' } } : null),
  };
}

// The board's management descriptors (MISSION.md §4), by card type, as JSON text in a function
// of the code: on a board the text stays in flash with the code until a card is matched, where
// a table in the profile literal would be held in RAM. The texts repeat one another (every card
// type declares power, most the same sensor): a piece that occurs in several places and is long
// enough to pay for it is written once, a char that no text holds standing for it elsewhere,
// and put back in the one text a card needs when it is matched (the same text as before). (Not
// a variable per piece: terser would inline the function and declare the variable after its
// use, which Espruino, hoisting nothing, takes as a global.)
function mgmtPlugin(board) {
  const id = 'cardcage:mgmt';
  const file = `boards/${board}.json (mgmt table)`;
  return {
    name: 'cardcage-mgmt',
    resolveId: (s) => (s === id ? file : null),
    load: (s) => {
      if (s !== file) return null;
      const t = loadBoard(board).mgmt || {};
      const list = [];
      for (const k of Object.keys(t)) list[Number(k)] = JSON.stringify(t[k]);
      const { texts, pieces } = sharedPieces(Array.from(list, (x) => x ?? ''));
      // (0 where a type has none: falsy, as undefined past the end)
      let e = '[' + texts.map((x) => (x ? JSON.stringify(x) : '0')).join(', ') + '][t]';
      if (pieces.length) e = '(' + e + " || '')" + pieces.map(([c, p]) => `.split(${JSON.stringify(c)}).join(${JSON.stringify(p)})`).join('');
      return { code: 'export function mgmtTable(t) { return ' + e + '; }', map: { version: 3, sources: [file], names: [], mappings: 'AAAA' } };
    },
  };
}

/** `texts` with their shared pieces each written once: [char, piece] pairs, the char (printable:
 * the bundle as text goes through a console) standing for the piece in the texts. Greedily, the
 * piece that saves the most bytes first (a piece costs its text and about 18 bytes once, its
 * char a use). */
export function sharedPieces(texts) {
  const free = [...'#$%&*;<=>?@^_`|~!'].filter((c) => !texts.some((x) => x.includes(c)));
  const pieces = [];
  while (free.length) {
    let best = '';
    let most = 0;
    for (const l of texts) {
      for (let a = 0; a < l.length; a++) {
        for (let b = a + 4; b <= l.length; b++) {
          const p = l.slice(a, b);
          if (pieces.some(([c]) => p.includes(c))) break; // (no piece holds another's char)
          const n = texts.reduce((n, m) => n + m.split(p).length - 1, 0);
          const save = (n - 1) * p.length - n - 18;
          if (save > most) { most = save; best = p; }
        }
      }
    }
    if (!best) break;
    const c = free.shift();
    pieces.push([c, best]);
    texts = texts.map((x) => x.split(best).join(c));
  }
  return { texts, pieces };
}

function esbuildTs() {
  return {
    name: 'esbuild-ts',
    resolveId(source, importer) {
      if (importer && source.startsWith('.') && !source.endsWith('.ts')) return this.resolve(source + '.ts', importer);
      return null;
    },
    async transform(code, id) {
      if (!id.endsWith('.ts')) return null;
      const r = await transform(code, { loader: 'ts', target: 'es2015', format: 'esm', sourcefile: id, sourcemap: true, define: { CARDCAGE_VERSION: JSON.stringify(pkg.version) } });
      return { code: r.code, map: r.map };
    },
  };
}

// Property names kept as they are: the API (cardcage.*, what it takes and returns, the
// runtime's fields tests and users read) and Espruino's own (methods and options of its
// built-ins, results of process.memory() and setWatch). Every other property name is ours,
// and is shortened (JavaScript's built-in names are kept by terser itself).
const KEEP_PROPS = [
  // API
  'submit', 'serve', 'onComplete', 'stats', 'devices', 'on', 'slots', 'eject', 'cancelEject', 'ring', 'storage', 'runtime', 'msg',
  'bind', 'sets', 'resource', 'QUEUE_FULL', 'LOG_FULL', 'port', 'id', 'status', 'data', 'replay', 'bufs', 'slot', 'type',
  'name', 'serial', 'caps', 'why', 'nextId', 'inflight', 'waiting', 'undelivered', 'free', 'state', 'resources', 'ports',
  'trace', 'errors', 'ringFault', 'version', 'board',
  // the management protocol (requests, replies, descriptors)
  // (descriptor keys are only compared as strings: power, monitor, migrate, on, off)
  'mgmt', 'ok', 'error', 'detail', 'op', 'action', 'stop', 'sensors', 'every', 'descriptor',
  'export', 'import', 'ops', 'mem', 'queued', 'recoveries', 'skipped', 'logPages', 'fault', 'stopped',
  'to', 'moved', 'containers',
  // containers: the API, the spec, what their code is given and returns, their figures
  'add', 'link', 'fromCard', 'list', 'code', 'cost', 'budget', 'restart', 'ifs', 'home', 'max', 'workers', 'send', 'save', 'exit',
  'start', 'work', 'sent', 'got', 'drops', 'fails', 'from',
  // the mailbox's partitions, looked up by a message's `to`
  'host', 'guest',
  // Espruino
  'CRC32', 'VERSION', 'enableWatchdog', 'kickWatchdog', 'toUint8Array', 'getFree', 'getPage', 'erasePage', 'read', 'write',
  'addr', 'readFrom', 'writeTo', 'setup', 'scl', 'sda', 'repeat', 'edge', 'debounce', 'env', 'memory', 'total', 'usage', 'time', 'lastTime', 'pin',
  // JavaScript's, as the firmware uses them (terser's own list of built-in names would also
  // keep many of ours: profile, slots, head, done ...)
  'length', 'forEach', 'push', 'pop', 'shift', 'buffer', 'byteOffset', 'byteLength', 'subarray', 'slice', 'set', 'fill', 'find',
  'findIndex', 'filter', 'map', 'sort', 'join', 'concat', 'split', 'splice', 'indexOf', 'keys', 'max', 'min', 'floor', 'from',
  'fromCharCode', 'charCodeAt', 'toFixed', 'toString', 'apply', 'call', 'prototype', 'message', 'random', 'hasOwnProperty',
  'isArray', 'every', 'some', 'parse', 'stringify', 'trim', 'test', 'substring', 'replace',
  // never generated as short names: the gate refuses them (missing on Espruino)
  'at', 'of', 'is',
];

const TERSER = {
  ecma: 5, // never rewrite into newer syntax (arrows, shorthand, spread)
  compress: { passes: 2, hoist_funs: false, unsafe_arrows: false, arrows: false, pure_getters: true, reduce_funcs: false },
  // Our own property names shortened: Espruino reads the code text as it runs, and keeps
  // every property name in JsVars.
  mangle: { properties: { reserved: KEEP_PROPS, builtins: true } },
  format: { ecma: 5, semicolons: true, comments: false },
};

// The bundle is top-level code, one statement per line, in two files:
//  - dist/cardcage-<board>.js, the bundle as text, for sending to the REPL as the espruino
//    tool and the Web IDE do: Espruino runs each line as it arrives, holding one line's text
//    at a time (an IIFE is one statement, its whole text held while it runs: a 20 KB bundle
//    does not load on a Pico that way), and is asked to pretokenise each function as it is
//    defined (E.setFlags; the flag is put back as it was).
//  - dist/cardcage-<board>.bootcde, the same as stored in Storage (.bootcde, npm run flash):
//    Espruino's pretokenised form (host-sim/tokens.ts).
// Top-level functions cost a JsVar less than functions in an IIFE (no scope link). Their names
// are globals, so each is `$`-prefixed, clear of an application's own; the one global meant for
// use is `cardcage`. The most used names get the shortest.
const NAME_CHARS = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ_';
// (after the first char, digits and $ too; not $0, the RAM form's variable)
const NEXT_CHARS = NAME_CHARS + '$123456789';
const FLAG_ON = 'var $0 = E.getFlags().pretokenise; E.setFlags({ pretokenise: 1 });';
const FLAG_BACK = 'E.setFlags({ pretokenise: $0 });';
// Boot-only functions, marked `/*! boot */` in the source (recovery, opening the log, setting
// up slots): moved with the boot statement to the end of the bundle, and deleted after it, so that after boot
// nothing holds them and Espruino frees them (a function costs about 6 JsVars while it
// exists). Each stays a top-level statement of its own: sent to RAM, Espruino holds one
// statement's text at a time (in one function around them all, it held the whole 9 KB while
// boot ran). The build fails if anything but other boot-only functions and the boot call names
// one. A boot-only function must not leave a closure behind (it would keep itself).
function bootOnly(code, ms, ast, comments) {
  const marked = ast.body.filter((st) => st.type === 'FunctionDeclaration' && comments.some((c) => c.value.trim() === '! boot' && c.end <= st.start && /^\s*$/.test(code.slice(c.end, st.start))));
  if (!marked.length) return { names: [] };
  const names = new Set(marked.map((f) => f.id.name));
  // the boot call: `boot(...);` or `var x = boot(...);`
  const callOf = (st) => (st.type === 'ExpressionStatement' ? st.expression : st.type === 'VariableDeclaration' && st.declarations.length === 1 ? st.declarations[0].init : undefined);
  const boot = ast.body.find((st) => { const c = callOf(st); return c && c.type === 'CallExpression' && names.has(c.callee.name); });
  if (!boot) throw new Error('bundle: boot-only functions are marked, but no top-level statement calls one');
  const call = callOf(boot);
  const inside = (n) => marked.some((f) => n.start >= f.start && n.end <= f.end) || (n.start >= call.start && n.end <= call.end);
  walk.fullAncestor(ast, (n, _s, anc) => {
    if (n.type !== 'Identifier' || !names.has(n.name) || inside(n)) return;
    const parent = anc[anc.length - 2];
    if (parent && ((parent.type === 'MemberExpression' && parent.property === n && !parent.computed) || (parent.type === 'Property' && parent.key === n && !parent.computed))) return;
    throw new Error(`bundle: ${n.name} is marked boot-only (/*! boot */) but is used after boot: ...${code.slice(Math.max(0, n.start - 60), n.end + 20)}...`);
  });
  // at the end: sent to RAM, the boot runs once every other statement has arrived (the Linux
  // build's console input races its pin watches once boot has set them up)
  for (const f of marked) ms.move(f.start, f.end, code.length);
  ms.move(boot.start, boot.end, code.length);
  ms.append('\n' + marked.map((f) => 'delete ' + f.id.name).join(', ') + ';');
  return { names: [...names] };
}

// The message table. The texts of the log and of errors — string literals written straight
// into a call of note(), err(), new Error() and the like (MSG_CALLS; pieces joined with `+`, and
// both sides of a `?:`), longer than MSG_MIN — are taken out of the bundle into a table, one
// per line: the bundle calls msg(n) for line n instead (firmware/core.ts). The table is written beside the bundle
// (dist/cardcage-<board>.msg) and stored in Storage as cardcage.msg with it; line 0 is an id of
// this table (a hash of its text), which msg() checks, so a table from another build is never
// read (its messages read "#n"). What is printed with hal.print() stays in the bundle: the boot
// line, `mgmt` replies and `ct <name> started` lines are read by tools and tests whatever
// Storage holds.
const MSG_MIN = 5;
// (the functions, and which argument is the text: portErr is the ring's err() about a port,
// guestNote hot-plug's note() of the guest's steps; tableText (firmware/core.ts) only marks a
// text, and the build drops the call)
const MSG_CALLS = { note: 1, err: 1, portErr: 1, guestNote: 0, tableText: 0, Error: 0 };
function messages(code, ms, ast) {
  const table = [];
  const fn = /\bfunction (msg(?:\$\d+)?)\(/.exec(code);
  if (!fn) throw new Error('bundle: no msg() function in the chunk (firmware/core.ts)');
  const isText = (n) => n.type === 'Literal' && typeof n.value === 'string';
  const value = (n) => {
    if (/[\n\r%]/.test(n.value) || /[^\x20-\x7e]/.test(n.value)) throw new Error(`bundle: message ${JSON.stringify(n.value)} has a line break, a % or a byte outside ASCII`);
    return n.value;
  };
  const line = (s) => {
    let k = table.indexOf(s);
    if (k < 0) k = table.push(s) - 1;
    return `${fn[1]}(${k + 1}`;
  };
  // A text joined from pieces with `+` ("ID resistor reads " + v + ", in no band"): one line of
  // the table with a % for each piece that is not a literal, the call given those pieces
  // (msg(n, v)): the literals and the pluses leave the bundle. Only where the joining is a
  // string's from the first `+` on (a literal first or second), and where it is shorter;
  // else each literal longer than MSG_MIN is a line of its own.
  const joined = (n) => {
    const parts = [];
    for (let x = n; ; x = x.left) {
      if (x.type === 'BinaryExpression' && x.operator === '+') parts.unshift(x.right);
      else { parts.unshift(x); break; }
    }
    // (and only where a literal is long enough to be in the table anyway: no msg() call, which
    // reads Storage, where there was none)
    if (parts.length < 2 || !(isText(parts[0]) || isText(parts[1])) || !parts.some((p) => isText(p) && p.value.length > MSG_MIN)) return false;
    // the pluses, each alone between its pieces (nothing but spaces: no brackets around a literal)
    const plus = parts.slice(1).map((p, i) => { const m = /^(\)*\s*)\+(\s*\(*)$/.exec(code.slice(parts[i].end, p.start)); return m ? parts[i].end + m[1].length : -1; });
    if (plus.some((at, i) => at < 0 || ((isText(parts[i]) || isText(parts[i + 1])) && code.slice(parts[i].end, parts[i + 1].start).trim() !== '+'))) return false;
    const args = parts.filter((p) => !isText(p));
    const saved = parts.reduce((a, p) => a + (isText(p) ? (p.value.length > MSG_MIN ? 6 : p.value.length + 2) : 0), 0) + parts.length - 1;
    if (6 + args.length >= saved) return false;
    const call = line(parts.map((p) => (isText(p) ? value(p) : '%')).join(''));
    // the literals out, each with the plus before it; the pluses before the others commas
    parts.forEach((p, i) => {
      if (!isText(p)) { if (i) ms.overwrite(plus[i - 1], plus[i - 1] + 1, ','); take(p); }
      else ms.remove(i ? plus[i - 1] : p.start, p.end);
    });
    ms.prependLeft(n.start, call + (isText(parts[0]) ? '' : ','));
    ms.appendLeft(n.end, ')');
    return true;
  };
  const take = (n) => {
    if (n.type === 'BinaryExpression' && n.operator === '+') { if (!joined(n)) { take(n.left); take(n.right); } return; }
    if (n.type === 'ConditionalExpression') { take(n.consequent); take(n.alternate); return; }
    if (!isText(n) || n.value.length <= MSG_MIN) return;
    ms.overwrite(n.start, n.end, line(value(n)) + ')');
  };
  walk.simple(ast, {
    CallExpression(n) {
      const c = n.callee;
      const name = c.type === 'Identifier' ? c.name.replace(/\$\d+$/, '') : '';
      if (Object.hasOwn(MSG_CALLS, name) && n.arguments[MSG_CALLS[name]]) take(n.arguments[MSG_CALLS[name]]);
      if (name === 'tableText') ms.overwrite(c.start, c.end, ''); // (its argument in brackets: the text)
    },
    NewExpression(n) {
      if (n.callee.type !== 'Identifier' || n.callee.name !== 'Error') return;
      if (n.arguments[0]) take(n.arguments[0]);
      ms.remove(n.start, n.callee.start); // (Error(x) makes the same error as new Error(x), on Espruino too: a byte less)
    },
  });
  const text = table.join('\n') + '\n';
  let h = 5381;
  for (let i = 0; i < text.length; i++) h = (h * 33 + text.charCodeAt(i)) >>> 0;
  const id = 'cardcage-' + h.toString(36);
  const ph = code.indexOf('@msg-id@');
  if (ph < 0 || code.indexOf('@msg-id@', ph + 1) >= 0) throw new Error('bundle: not one "@msg-id@" in the chunk (firmware/core.ts)');
  ms.overwrite(ph, ph + 8, id);
  return { table: id + '\n' + text };
}

/** `names` (original -> short) given again: the same short names, the shortest to the one
 * used most in `code` (a property name counted where it is one: after a dot, as a key, as a
 * string) */
function byUse(code, names, prop) {
  const n = Object.create(null); // (counts of `constructor` too)
  const toks = [...acorn.tokenizer(code, { ecmaVersion: 2020 })];
  toks.forEach((t, i) => {
    const v = t.type.label === 'string' ? t.value : t.type.label === 'name' ? code.slice(t.start, t.end) : '';
    if (!v) return;
    const prev = i ? code.slice(toks[i - 1].start, toks[i - 1].end) : '';
    const next = i + 1 < toks.length ? code.slice(toks[i + 1].start, toks[i + 1].end) : '';
    if (!prop || t.type.label === 'string' || prev === '.' || (next === ':' && (prev === '{' || prev === ','))) n[v] = (n[v] || 0) + 1;
  });
  const keys = Object.keys(names);
  const pool = keys.map((k) => names[k]).sort((a, b) => a.length - b.length);
  keys.sort((a, b) => (n[names[b]] || 0) - (n[names[a]] || 0));
  const out = {};
  keys.forEach((k, i) => { out[k] = pool[i]; });
  return out;
}

function topLevel(out) {
  return {
    name: 'top-level',
    async renderChunk(code, chunk, opts) {
      // the module's exports become the one global
      const m = /export\s*\{([^}]*)\};?\s*$/.exec(code);
      if (!m) throw new Error('bundle: no export statement at the end of the chunk');
      const props = m[1].split(',').map((x) => x.trim()).filter(Boolean).map((x) => { const [a, b] = x.split(/\s+as\s+/); return `${b || a}: ${a}`; });
      code = code.slice(0, m.index) + `var cardcage = { ${props.join(', ')} };\n`;
      const comments = [];
      const ast0 = acorn.parse(code, { ecmaVersion: 2020, sourceType: 'module', onComment: comments });
      const ms = new MagicString(code);
      out.msg = messages(code, ms, ast0);
      bootOnly(code, ms, ast0, comments);
      const map0 = JSON.parse(ms.generateMap({ hires: true, source: 'chunk.js' }).toString());
      code = ms.toString();
      const ast = acorn.parse(code, { ecmaVersion: 2020, sourceType: 'script' });
      const names = [];
      for (const st of ast.body) {
        if (st.type === 'FunctionDeclaration' || st.type === 'ClassDeclaration') names.push(st.id.name);
        else if (st.type === 'VariableDeclaration') st.declarations.forEach((d) => { if (d.id.type === 'Identifier') names.push(d.id.name); });
      }
      const uses = (n) => (code.match(new RegExp('(^|[^\\w$.])' + n.replace(/\$/g, '\\$') + '(?![\\w$])', 'g')) || []).length;
      const order = names.filter((n) => n !== 'cardcage').map((n) => [n, uses(n)]).sort((a, b) => b[1] - a[1]);
      const cache = {};
      order.forEach(([n], i) => { cache['$' + n] = '$' + (i < NEXT_CHARS.length ? NEXT_CHARS[i] : NAME_CHARS[(i / NEXT_CHARS.length | 0) - 1] + NEXT_CHARS[i % NEXT_CHARS.length]); });
      const run = (nameCache) => minify(code, {
        ...TERSER,
        sourceMap: opts.sourcemap ? { asObject: true, content: map0 } : false,
        toplevel: true,
        nameCache,
        compress: { ...TERSER.compress, top_retain: ['cardcage'] },
        // (a copy of the properties' options: terser keeps its cache in them)
        mangle: { ...TERSER.mangle, properties: { ...TERSER.mangle.properties }, toplevel: true, reserved: ['cardcage'] },
      });
      // Twice: the first run's names counted in its output, then the same names given again,
      // the shortest to the most used (terser names properties in the order it meets them;
      // the counts above are of the code before minifying)
      const given = { vars: { props: { ...cache } }, props: { props: {} } }; // (terser fills it in)
      const first = await run(given);
      const vars = byUse(first.code, given.vars.props);
      const fields = byUse(first.code, given.props.props, true);
      const r = await run({ vars: { props: vars }, props: { props: fields } });
      // (each board's own: written beside the bundle, dist/cardcage-<board>.names.json, to read
      // a field or a global of this bundle by its source name)
      const plain = (m) => Object.fromEntries(Object.keys(m).sort().map((k) => [k.slice(1), m[k]]));
      out.names = { props: plain(fields), globals: plain(vars) };
      return { code: r.code, map: r.map || null };
    },
  };
}

// Which mechanism each source file belongs to (MISSION.md): the bundle's bytes are attributed
// to them through the source map, and each share is held to its budget (package.json
// cardcage.budgets; test/gate.test.ts, npm run bench).
export function mechanismOf(source) {
  const f = source.replace(/\\/g, '/');
  if (f.includes('(embedded)')) return 'profile';
  if (f.includes('(mgmt table)')) return 'mgmt';
  const m = /firmware\/(hotplug|host|guest|ring|flashlog|storage|mgmt|containers)\//.exec(f);
  if (!m) return /firmware\/(mailbox|cards)\.ts/.test(f) ? 'hotplug' : 'core';
  return { host: 'hotplug', guest: 'hotplug', flashlog: 'ring' }[m[1]] || m[1];
}

/** the mechanism of each char of the minified chunk: a generated segment counts for its source
 * up to the next segment; unmapped chars (the wrapper, punctuation terser adds) go to core */
function owners(code, map) {
  const own = [];
  const lines = code.split('\n');
  decode(map.mappings).forEach((segs, li) => {
    const len = lines[li].length + (li < lines.length - 1 ? 1 : 0);
    let col = 0;
    let who = 'core';
    for (const s of segs) {
      while (col < s[0]) { own.push(who); col++; }
      who = s.length > 1 ? mechanismOf(map.sources[s[1]]) : 'core';
    }
    while (col < len) { own.push(who); col++; }
  });
  return own;
}

function writeForms(board, out) {
  let text = '';
  let stored = '';
  return {
    name: 'write-forms',
    generateBundle(opts, bundle) {
      for (const k of Object.keys(bundle)) {
        const c = bundle[k];
        if (c.type !== 'chunk') { delete bundle[k]; continue; } // the source map stays in memory
        const own = owners(c.code, c.map);
        // one top-level statement per line (origin: where each char of the text came from)
        const ast = acorn.parse(c.code, { ecmaVersion: 2020, sourceType: 'script' });
        const origin = [];
        const parts = [];
        const add = (str, from) => { parts.push(str); for (let i = 0; i < str.length; i++) origin.push(from < 0 ? -1 : from + i); };
        add(FLAG_ON + '\n', -1);
        for (const st of ast.body) {
          const ids = st.type === 'VariableDeclaration' ? st.declarations.map((d) => d.id.name) : st.id ? [st.id.name] : [];
          ids.forEach((n) => { if (n !== 'cardcage' && !/^\$[A-Za-z_$1-9]/.test(n)) throw new Error(`bundle: top-level name ${n} is not $-prefixed`); });
          add(c.code.slice(st.start, st.end) + '\n', st.start);
        }
        add(FLAG_BACK + '\n', -1);
        text = parts.join('');
        // the bundle as stored: Espruino's pretokenised form, without the lines that set the flag
        // and put it back (already tokenised, it changes nothing: measured on the real 2,630
        // build, the same free JsVars after boot but the one its variable took)
        const from = FLAG_ON.length + 1;
        const body = text.slice(from, text.length - FLAG_BACK.length - 1);
        const at = [];
        stored = tokenise(body, at, true);
        const sh = { core: 0, profile: 0, hotplug: 0, ring: 0, storage: 0, mgmt: 0, containers: 0 };
        at.forEach((i) => { sh[origin[from + i] < 0 ? 'core' : own[origin[from + i]] || 'core']++; });
        const bytes = stored.length;
        c.code = stored;
        const budget = pkg.cardcage.bundleBudgetBytes;
        mkdirSync('dist', { recursive: true });
        writeFileSync(`dist/cardcage-${board}.sizes.json`, JSON.stringify({ board, bytes, textBytes: text.length, shares: sh }) + '\n');
        const over = Object.keys(sh).filter((m) => pkg.cardcage.budgets[m] !== undefined && sh[m] > pkg.cardcage.budgets[m]);
        console.log(`dist/cardcage-${board}.bootcde: ${bytes} bytes stored (budget ${budget}${bytes > budget ? ', OVER BUDGET' : ''}), .js ${text.length} as text; ` + Object.keys(sh).map((m) => `${m} ${sh[m]}`).join(', ') + (over.length ? ` (over: ${over.join(', ')})` : ''));
      }
    },
    // rollup writes text as UTF-8: the stored bundle is bytes (one per char)
    writeBundle(opts) {
      writeFileSync(opts.file, text, 'latin1');
      writeFileSync(opts.file.replace(/\.js$/, '.bootcde'), stored, 'latin1');
      writeFileSync(opts.file.replace(/\.js$/, '.msg'), out.msg.table, 'latin1');
      writeFileSync(opts.file.replace(/\.js$/, '.names.json'), JSON.stringify(out.names, null, 1) + '\n');
    },
  };
}

export default only.map((board) => ({
  input: 'firmware/main.ts',
  output: { file: `dist/cardcage-${board}.js`, sourcemap: 'hidden', format: 'es', freeze: false },
  plugins: (() => { const out = {}; return [profilePlugin(board), mgmtPlugin(board), esbuildTs(), topLevel(out), writeForms(board, out)]; })(),
  onwarn(w, warn) { if (w.code === 'CIRCULAR_DEPENDENCY') throw new Error(w.message); warn(w); },
}));
