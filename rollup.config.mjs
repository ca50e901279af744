// One minified bundle per board: dist/cardcage-<board>.js, with that board's profile embedded.
// Emit path (TypeScript 7 no longer emits ES5): tsc only type-checks (npm run typecheck);
// esbuild strips types and lowers ES2016+ syntax to ES2015 (** -> Math.pow, ?. and ?? ->
// conditionals); terser minifies without introducing newer syntax; the bundle gate
// (test/gate.test.ts) then rejects anything Espruino cannot run.
import { readFileSync, statSync, writeFileSync, mkdirSync } from 'node:fs';
import { decode } from '@jridgewell/sourcemap-codec';
import { transform } from 'esbuild';
import { minify } from 'terser';
import { importTs } from './scripts/run-ts.mjs';

const { boardNames, loadBoard, firmwareProfile } = await importTs('host-sim/profile.ts');

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
  'submit', 'serve', 'onComplete', 'stats', 'devices', 'on', 'slots', 'eject', 'cancelEject', 'ring', 'storage', 'runtime',
  'bind', 'sets', 'resource', 'QUEUE_FULL', 'LOG_FULL', 'port', 'id', 'status', 'data', 'replay', 'bufs', 'slot', 'type',
  'name', 'serial', 'caps', 'why', 'nextId', 'inflight', 'waiting', 'undelivered', 'free', 'state', 'resources', 'ports',
  'trace', 'errors', 'ringFault', 'q', 'version', 'board',
  // the mailbox's partitions, looked up by a message's `to`
  'host', 'guest',
  // Espruino
  'CRC32', 'VERSION', 'enableWatchdog', 'kickWatchdog', 'toUint8Array', 'getFree', 'getPage', 'erasePage', 'read', 'write',
  'addr', 'readFrom', 'writeTo', 'setup', 'scl', 'sda', 'repeat', 'edge', 'debounce', 'env', 'memory', 'total', 'usage', 'time', 'lastTime',
  // JavaScript's, as the firmware uses them (terser's own list of built-in names would also
  // keep many of ours: profile, slots, head, done ...)
  'length', 'forEach', 'push', 'pop', 'shift', 'buffer', 'byteOffset', 'byteLength', 'subarray', 'slice', 'set', 'fill', 'find',
  'findIndex', 'filter', 'map', 'sort', 'join', 'concat', 'split', 'indexOf', 'keys', 'max', 'min', 'floor', 'from',
  'fromCharCode', 'charCodeAt', 'toFixed', 'toString', 'apply', 'call', 'prototype', 'message', 'random',
  // never generated as short names: the gate refuses them (missing on Espruino)
  'at', 'of', 'is',
];

function terserEs5() {
  return {
    name: 'terser',
    async renderChunk(code, chunk, opts) {
      const r = await minify(code, {
        sourceMap: opts.sourcemap ? { asObject: true } : false,
        ecma: 5, // never rewrite into newer syntax (arrows, shorthand, spread)
        compress: { passes: 2, hoist_funs: false, unsafe_arrows: false, arrows: false, pure_getters: true, reduce_funcs: false },
        // Our own property names shortened: Espruino reads the code text as it runs, and keeps
        // every property name in JsVars.
        mangle: { properties: { reserved: KEEP_PROPS, builtins: true } },
        format: { ecma: 5, semicolons: true, comments: false },
      });
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
  const m = /firmware\/(hotplug|host|guest|ring|flashlog|storage|mgmt|containers)\//.exec(f);
  if (!m) return /firmware\/(mailbox|cards)\.ts/.test(f) ? 'hotplug' : 'core';
  return { host: 'hotplug', guest: 'hotplug', flashlog: 'ring' }[m[1]] || m[1];
}

/** bytes of the minified chunk per mechanism: each generated segment counts for its source up
 * to the next segment; unmapped bytes (the wrapper, punctuation terser adds) go to core */
function shares(code, map) {
  const out = { core: 0, profile: 0, hotplug: 0, ring: 0, storage: 0, mgmt: 0, containers: 0 };
  const lines = code.split('\n');
  decode(map.mappings).forEach((segs, li) => {
    const len = lines[li].length + (li < lines.length - 1 ? 1 : 0);
    let col = 0;
    let who = 'core';
    for (const s of segs) {
      out[who] += s[0] - col;
      col = s[0];
      who = s.length > 1 ? mechanismOf(map.sources[s[1]]) : 'core';
    }
    out[who] += len - col;
  });
  return out;
}

function reportSize(board) {
  return {
    name: 'report-size',
    generateBundle(opts, bundle) {
      for (const k of Object.keys(bundle)) {
        const c = bundle[k];
        if (c.type !== 'chunk') { delete bundle[k]; continue; } // the source map stays in memory
        const sh = shares(c.code, c.map);
        const bytes = Buffer.byteLength(c.code);
        const budget = pkg.cardcage.bundleBudgetBytes;
        mkdirSync('dist', { recursive: true });
        writeFileSync(`dist/cardcage-${board}.sizes.json`, JSON.stringify({ board, bytes, shares: sh }) + '\n');
        const over = Object.keys(sh).filter((m) => pkg.cardcage.budgets[m] !== undefined && sh[m] > pkg.cardcage.budgets[m]);
        console.log(`dist/cardcage-${board}.js: ${bytes} bytes (budget ${budget}${bytes > budget ? ', OVER BUDGET' : ''}); ` + Object.keys(sh).map((m) => `${m} ${sh[m]}`).join(', ') + (over.length ? ` (over: ${over.join(', ')})` : ''));
      }
    },
  };
}

export default only.map((board) => ({
  input: 'firmware/main.ts',
  output: { file: `dist/cardcage-${board}.js`, sourcemap: 'hidden', format: 'iife', name: 'cardcage', strict: false, esModule: false, freeze: false },
  plugins: [profilePlugin(board), esbuildTs(), terserEs5(), reportSize(board)],
  onwarn(w, warn) { if (w.code === 'CIRCULAR_DEPENDENCY') throw new Error(w.message); warn(w); },
}));
