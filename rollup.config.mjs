// One minified bundle per board: dist/cardcage-<board>.js, with that board's profile embedded.
// Emit path (TypeScript 7 no longer emits ES5): tsc only type-checks (npm run typecheck);
// esbuild strips types and lowers ES2016+ syntax to ES2015 (** -> Math.pow, ?. and ?? ->
// conditionals); terser minifies without introducing newer syntax; the bundle gate
// (test/gate.test.ts) then rejects anything Espruino cannot run.
import { readFileSync, statSync } from 'node:fs';
import { transform } from 'esbuild';
import { minify } from 'terser';
import { importTs } from './scripts/run-ts.mjs';

const { boardNames, loadBoard, firmwareProfile } = await importTs('host-sim/profile.ts');

const pkg = JSON.parse(readFileSync('package.json', 'utf8'));
const only = process.env.BOARD ? process.env.BOARD.split(',') : boardNames();

function profilePlugin(board) {
  const id = 'cardcage:profile';
  return {
    name: 'cardcage-profile',
    resolveId: (s) => (s === id ? '\0' + id : null),
    load: (s) => (s === '\0' + id ? 'export default ' + JSON.stringify(firmwareProfile(loadBoard(board))) + ';' : null),
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
      const r = await transform(code, { loader: 'ts', target: 'es2015', format: 'esm', sourcefile: id, define: { CARDCAGE_VERSION: JSON.stringify(pkg.version) } });
      return { code: r.code, map: null };
    },
  };
}

const INTERNAL_PROPS = /^(availIdx|lastAvail|usedIdx|usedSeen|byHead|attempt|counter|psize|pseqOf|snapPseq|snapId|needSnap|onDone|badRecords|recoveries|head|done|used|avail|names|pages|snapshot|armed|cbs|wait|hooks)$/;

function terserEs5() {
  return {
    name: 'terser',
    async renderChunk(code) {
      const r = await minify(code, {
        ecma: 5, // never rewrite into newer syntax (arrows, shorthand, spread)
        compress: { passes: 2, hoist_funs: false, unsafe_arrows: false, arrows: false, pure_getters: true, reduce_funcs: false },
        // Internal property names on the ring's and the log's hot path, shortened: Espruino
        // reads the code text as it runs, and keeps every property name in JsVars. Only these
        // names, which no API object, profile field or test of the bundle uses.
        mangle: { properties: { regex: INTERNAL_PROPS } },
        format: { ecma: 5, semicolons: true, comments: false },
      });
      return { code: r.code, map: null };
    },
  };
}

function reportSize(board) {
  return {
    name: 'report-size',
    writeBundle(opts) {
      const bytes = statSync(opts.file).size;
      const budget = pkg.cardcage.bundleBudgetBytes;
      console.log(`${opts.file}: ${bytes} bytes (budget ${budget}${bytes > budget ? ', OVER BUDGET' : ''})`);
    },
  };
}

export default only.map((board) => ({
  input: 'firmware/main.ts',
  output: { file: `dist/cardcage-${board}.js`, format: 'iife', name: 'cardcage', strict: false, esModule: false, freeze: false },
  plugins: [profilePlugin(board), esbuildTs(), terserEs5(), reportSize(board)],
  onwarn(w, warn) { if (w.code === 'CIRCULAR_DEPENDENCY') throw new Error(w.message); warn(w); },
}));
