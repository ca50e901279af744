// npm run bench: bundle size and memory after boot, per board, printed as a table.
// Memory is the simulator's JsVar estimate (host-sim/memory.ts) with the code held in RAM
// (the worst case: uploaded, not run from Storage); the last column boots the same bundle
// from Storage's .bootcde, where a chip with memory-mapped flash keeps the code there. The baseline, measured in the same run,
// is an empty program on the same board. Where ESPRUINO_BIN names Espruino's Linux build,
// the same bundle is measured with process.memory() on it, and the estimate is compared.
import { readFileSync, statSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { join } from 'node:path';
import { SimBoard } from '../host-sim/board';
import { boardNames, loadBoard, ROOT } from '../host-sim/profile';
import { ESPRUINO_BIN, runReal } from '../host-sim/real';
import { bundlePath, readBundle } from '../host-sim/scenario';

const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
const budget = pkg.cardcage.bundleBudgetBytes as number;
const PUCK_FREE_TARGET = 1000;

function measure(board: string, code: string, blockSize?: number, fromStorage = false) {
  const b = new SimBoard({ profile: loadBoard(board), code: fromStorage ? undefined : code, blockSize });
  if (fromStorage) b.storage.files.set('.bootcde', Uint8Array.from(code, (c) => c.charCodeAt(0)));
  b.boot();
  b.runFor(1000);
  return b.eval('process.memory()') as { free: number; usage: number; total: number; blocksize: number };
}

console.log(`bundle size and memory after boot (simulator estimate, code in RAM); budget ${budget} bytes`);
console.log('board           bytes  gzip  /budget  blk  vars:empty  vars:bundle  +bundle  free/total  free(.bootcde)');
for (const board of boardNames()) {
  const src = readBundle(board);
  const bytes = statSync(bundlePath(board)).size;
  const empty = measure(board, '');
  const m = measure(board, src);
  const stored = measure(board, src, undefined, true);
  console.log(`${board.padEnd(14)} ${String(bytes).padStart(6)} ${String(gzipSync(src).length).padStart(5)}  ${(bytes / budget).toFixed(2).padStart(7)}  ${String(m.blocksize).padStart(3)}  ${String(empty.usage).padStart(10)}  ${String(m.usage).padStart(11)}  ${String(m.usage - empty.usage).padStart(7)}  ${`${m.free}/${m.total}`.padStart(10)}  ${String(stored.free).padStart(14)}`);
}
// each mechanism's share of the bundle (attributed through the build's source map) against its
// budget (package.json cardcage.budgets; the five together: cardcage.targetBytes)
const budgets = pkg.cardcage.budgets as Record<string, number>;
console.log(`\nshares of each bundle by mechanism, bytes (budget; total target ${pkg.cardcage.targetBytes})`);
console.log('board          ' + Object.keys(budgets).map((m) => `${m} (${budgets[m]})`.padStart(18)).join('') + '    total');
for (const board of boardNames()) {
  const z = JSON.parse(readFileSync(bundlePath(board).replace(/\.js$/, '.sizes.json'), 'utf8')) as { bytes: number; shares: Record<string, number> };
  console.log(board.padEnd(14) + ' ' + Object.keys(budgets).map((m) => `${z.shares[m]}${z.shares[m] > budgets[m] ? ' OVER' : '     '}`.padStart(18)).join('') + `  ${z.bytes}${z.bytes > pkg.cardcage.targetBytes ? ' OVER' : ''}`);
}
const puckSrc = readBundle('puckjs');
const puck = measure('puckjs', puckSrc);
const puckStored = measure('puckjs', puckSrc, undefined, true);
const verdict = (free: number) => `${free} JsVars (target >= ${PUCK_FREE_TARGET}: ${free >= PUCK_FREE_TARGET ? 'met' : 'NOT met'})`;
console.log(`puckjs free after boot, code sent to RAM: ${verdict(puck.free)}`);
console.log(`puckjs free after boot, code run from Storage (.bootcde, as npm run flash does): ${verdict(puckStored.free)}`);

if (!ESPRUINO_BIN) {
  console.log('real interpreter: ESPRUINO_BIN not set, no measurement on Espruino (skipped)');
} else {
  // measured after boot has finished, from a timer, so the program text being run is not counted
  const probe = '\nsetTimeout(function () { print("MEM " + JSON.stringify(process.memory())); }, 50);';
  const real = (code: string) => {
    const line = runReal(code + probe).lines.find((l) => l.startsWith('MEM '));
    if (!line) throw new Error('no memory line from the real interpreter');
    return JSON.parse(line.slice(4)) as { usage: number; blocksize: number };
  };
  const src = readBundle('linux');
  const e = real('');
  const r = real(src);
  const est = measure('linux', src + probe, r.blocksize);
  const estEmpty = measure('linux', probe, r.blocksize);
  console.log(`real interpreter (${ESPRUINO_BIN}), linux bundle, blocksize ${r.blocksize}:`);
  console.log(`  measured usage: empty ${e.usage}, bundle ${r.usage} (+${r.usage - e.usage} JsVars)`);
  console.log(`  estimate at the same block size: empty ${estEmpty.usage}, bundle ${est.usage} (+${est.usage - estEmpty.usage}); estimate/measured for the bundle's share: ${((est.usage - estEmpty.usage) / (r.usage - e.usage)).toFixed(2)}`);
}
