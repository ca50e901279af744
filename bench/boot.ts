// npm run bench: bundle size and memory after boot, per board, printed as tables.
//  1. Size: the stored bundle (pretokenised) and its RAM form (text), each against the budget,
//     and each mechanism's share (attributed through the build's source map) against its own.
//  2. Memory after boot, the simulator's model: booted from Storage (.bootcde, as npm run
//     flash does) and sent to RAM (the RAM form), with an empty program on the same board as
//     the baseline measured in the same run.
//  3. Where the real interpreter's builds are given (ESPRUINO_BIN_2630 / ESPRUINO_BIN_5100),
//     the same two modes measured on Espruino itself, the model beside each figure.
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { SimBoard } from '../host-sim/board';
import { boardNames, firmwareProfile, loadBoard, ROOT } from '../host-sim/profile';
import { bootReal, realDir, sendReal, setPin, storeBundle } from '../host-sim/real';
import { tokenise } from '../host-sim/tokens';
import { bundlePath, readBundle, bundleFiles } from '../host-sim/scenario';

const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
const budget = pkg.cardcage.bundleBudgetBytes as number;
const target = pkg.cardcage.targetBytes as number;
const budgets = pkg.cardcage.budgets as Record<string, number>;
const STORAGE_TARGET = 1500; // free JsVars after boot from Storage on a Puck.js (2,630)
const RAM_TARGET = 1000; // free JsVars after boot in RAM on a Pico (5,100)
const ramForm = (board: string) => readFileSync(bundlePath(board), 'latin1');

function model(board: string, code: string, stored: boolean, jsvars?: number) {
  const profile = loadBoard(board);
  if (jsvars) profile.jsvars = jsvars;
  const b = new SimBoard({ profile, code, stored, files: bundleFiles(board) });
  b.boot();
  b.runFor(1000);
  const m = b.eval('process.memory()') as { free: number; usage: number; total: number; blocksize: number };
  return { ...m, oom: b.output.includes('OUT OF MEMORY') };
}

console.log(`bundle size: stored (dist/*.bootcde, pretokenised) and as text (dist/*.js, sent to RAM); budget ${budget} bytes, target ${target} with all five mechanisms`);
console.log('board            stored  /budget      text');
for (const board of boardNames()) {
  const z = JSON.parse(readFileSync(bundlePath(board).replace(/\.js$/, '.sizes.json'), 'utf8')) as { bytes: number; textBytes: number; shares: Record<string, number> };
  console.log(`${board.padEnd(14)} ${String(z.bytes).padStart(8)}  ${(z.bytes / budget).toFixed(2).padStart(7)}  ${String(z.textBytes).padStart(8)}`);
}
console.log(`\nshares of each stored bundle by mechanism, bytes (budget)`);
console.log('board          ' + Object.keys(budgets).map((m) => `${m} (${budgets[m]})`.padStart(18)).join('') + '    total');
for (const board of boardNames()) {
  const z = JSON.parse(readFileSync(bundlePath(board).replace(/\.js$/, '.sizes.json'), 'utf8')) as { bytes: number; shares: Record<string, number> };
  console.log(board.padEnd(14) + ' ' + Object.keys(budgets).map((m) => `${z.shares[m]}${z.shares[m] > budgets[m] ? ' OVER' : '     '}`.padStart(18)).join('') + `  ${z.bytes}${z.bytes > target ? ' OVER' : ''}`);
}

console.log('\nmemory after boot, the simulator\'s model (JsVars; baseline: an empty program on the same board)');
console.log('board          total  empty  from Storage: used  free   |  sent to RAM: used  free');
for (const board of boardNames()) {
  const empty = model(board, '', false);
  const s = model(board, readBundle(board), true);
  const r = model(board, ramForm(board), false);
  const ram = r.oom ? 'out of memory while loading' : `${String(r.usage - empty.usage).padStart(5)} ${String(r.free).padStart(5)}`;
  console.log(`${board.padEnd(14)} ${String(s.total).padStart(5)}  ${String(empty.usage).padStart(5)}  ${String(s.usage - empty.usage).padStart(17)} ${String(s.free).padStart(5)}   |  ${ram.padStart(17)}`);
}
const puck = model('puckjs', readBundle('puckjs'), true);
console.log(`puckjs free after boot from Storage (model): ${puck.free} JsVars (target >= ${STORAGE_TARGET}: ${puck.free >= STORAGE_TARGET ? 'met' : 'NOT met'})`);
const pico = model('pico', ramForm('pico'), false);
console.log(`pico free after boot, sent to RAM (model): ${pico.free} JsVars (target >= ${RAM_TARGET}: ${pico.free >= RAM_TARGET ? 'met' : 'NOT met'})`);

// ---------------------------------------------------------------- on Espruino itself
// The linux bundle (the Linux build's pins and flash; its profile has four slots, the most of
// any board), measured with process.memory() after boot, the model beside it at the same count.
const probe = 'setTimeout(function () { var m = process.memory(); print("MEM " + m.free + " " + m.usage + " " + E.getErrorFlags().join("/")); print("DONE"); }, 300);';
const b2630 = process.env.ESPRUINO_BIN_2630;
const b5100 = process.env.ESPRUINO_BIN_5100;
const pct = (m: number, r: number) => `${m >= r ? '+' : ''}${(((m - r) / r) * 100).toFixed(1)}%`;
if (!b2630) console.log('\nreal interpreter, from Storage: ESPRUINO_BIN_2630 is not set (skipped)');
else {
  const dir = realDir();
  try {
    storeBundle(b2630, dir, readBundle('linux') + '\n' + probe);
    const line = bootReal(b2630, dir, 60).lines.find((l) => l.startsWith('MEM '));
    if (!line) throw new Error('no memory line from the real interpreter');
    const [free, usage] = line.split(' ').slice(1).map(Number);
    const m = model('linux', readBundle('linux') + '\n' + probe, true, 2630);
    console.log(`\nreal interpreter (${b2630}), linux bundle booted from Storage on 2,630 JsVars:`);
    // (the target is the Puck.js's, measured on its own bundle below: linux has four slots)
    console.log(`  free after boot: real ${free}, model ${m.free} (${pct(m.free, free)}); used: real ${usage}, model ${m.usage} (${pct(m.usage, usage)})`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
// The puckjs bundle itself (two slots), with only its flash placement changed to the Linux
// build's (the log in Storage files: the Linux build has no raw pages at the Puck's addresses);
// its slots' detect and eject pins held at their idle level, as with no card in. A real Puck
// keeps its log in raw pages, which needs no file name: a few JsVars more free than this.
if (b2630) {
  const puckText = readFileSync(bundlePath('puckjs'), 'latin1');
  // (the Linux build's placement written with the puckjs bundle's own short field names)
  const f = (firmwareProfile(loadBoard('linux')).flash as unknown) as Record<string, number>;
  const nm = (JSON.parse(readFileSync(bundlePath('puckjs').replace(/\.js$/, '.names.json'), 'utf8')) as { props: Record<string, string> }).props;
  const fl = nm.flash + ':{' + Object.keys(f).map((k) => nm[k] + ':' + JSON.stringify(f[k])).join(',') + '}';
  const moved = puckText.replace(/(name:"puckjs",)[\w$]+:\{[\w$]+:\[\d+,\d+\],[\w$]+:\d+\}/, '$1' + fl);
  if (moved === puckText || /undefined/.test(fl)) throw new Error('bench: the flash placement of the puckjs bundle was not found');
  const dir = realDir();
  try {
    storeBundle(b2630, dir, tokenise(moved) + '\n' + probe);
    for (const sp of loadBoard('puckjs').slots) for (const l of [sp.detect, sp.eject]) if (l) setPin(dir, Number(l.pin.slice(1)), l.activeLow !== false ? 1 : 0);
    const lines = bootReal(b2630, dir, 60).lines;
    const line = lines.find((l) => l.startsWith('MEM '));
    if (!line || !lines.some((l) => l.includes('ring: recovered'))) throw new Error('bench: the puckjs bundle did not boot with its ring: ' + lines.slice(-4).join(' | '));
    const free = Number(line.split(' ')[1]);
    console.log(`real interpreter (${b2630}), puckjs bundle (log moved to Storage files) booted from Storage on 2,630 JsVars:`);
    console.log(`  free after boot: ${free}; target >= ${STORAGE_TARGET} free: ${free >= STORAGE_TARGET ? 'met' : 'NOT met'}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
if (!b5100) console.log('real interpreter, sent to RAM: ESPRUINO_BIN_5100 is not set (skipped)');
else {
  const text = ramForm('linux');
  const lines = await sendReal(b5100, text, { probe: true, after: probe, timeoutS: 120, files: bundleFiles('linux') });
  const probes = lines.filter((l) => l.startsWith('P ')).map((l) => Number(l.slice(2)));
  const line = lines.find((l) => l.startsWith('MEM '));
  if (!line) throw new Error('no memory line from the real interpreter: ' + lines.slice(-5).join(' | '));
  const [free, usage] = line.split(' ').slice(1).map(Number);
  const m = model('linux', text + '\n' + probe, false, 5100);
  const longest = Math.max(...text.split('\n').map((l) => l.length));
  console.log(`real interpreter (${b5100}), linux RAM form sent to the console line by line on 5,100 JsVars:`);
  console.log(`  free after boot: real ${free}, model ${m.free} (${pct(m.free, free)}); used: real ${usage}, model ${m.usage} (${pct(m.usage, usage)}); target >= ${RAM_TARGET} free: ${free >= RAM_TARGET ? 'met' : 'NOT met'}`);
  console.log(`  while loading: lowest free between lines ${Math.min(...probes)} (the longest line, ${longest} chars, is held while it runs)`);
}
