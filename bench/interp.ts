// npm run bench (real-interpreter part): the ring on Espruino itself, booted from Storage as a
// board runs it. Needs a Linux build of Espruino (ESPRUINO_BIN_2630 / _5100 / ESPRUINO_BIN; see
// the README). Prints, from one run:
//  1. requests/s through the ring against a bare log doing the same flash work on the same
//     interpreter and placement (per request a 32-byte record with a CRC-32 and two 8-byte
//     marks, in a ring of the same 8 Storage files of 4 KB, a file written anew per wrap);
//  2. recovery time (boot to recovered, a full queue in flight: 8 chains) after 200 and after 20,000
//     requests, and their ratio.
import { rmSync } from 'node:fs';
import { bootReal, realBuilds, realDir, runReal, storeBundle } from '../host-sim/real';
import { readBundle, bundleFiles } from '../host-sim/scenario';
import { loadBoard } from '../host-sim/profile';

const build = realBuilds()[0];
if (!build) {
  console.log('\nreal interpreter: neither ESPRUINO_BIN nor ESPRUINO_BIN_2630/_5100 is set: no ring figures on Espruino (skipped)');
  process.exit(0);
}
const bundle = readBundle('linux');
const N = Number(process.env.BENCH_REQUESTS ?? 3000);
const QUEUE = loadBoard('linux').ring.queueSize; // in flight at a restart: a full queue

function run(code: string, timeoutS = 600): string[] {
  const dir = realDir();
  try {
    storeBundle(build.bin, dir, code);
    const r = bootReal(build.bin, dir, timeoutS);
    const bad = r.lines.filter((l) => /Uncaught|ERROR|OUT OF MEMORY|ASSERT/.test(l));
    if (bad.length || r.timedOut) throw new Error(`bench on ${build.bin}: ${r.timedOut ? 'timed out; ' : ''}${bad.slice(0, 3).join(' | ')}`);
    return r.lines;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
const figure = (lines: string[], tag: string) => Number(lines.find((l) => l.startsWith(tag + ' '))!.split(' ')[1]);

// the ring: a back end that completes at once, the queue kept full
const ringApp = `
;(function () {
var R = cardcage.ring, P = 1, N = ${N}, Q = R.stats(P).free, sub = 0, n = 0, t0 = 0;
function fill() { while (sub < N && sub - n < Q) { R.submit(P, ["request" + sub]); sub++; } }
R.serve(P, function (r, done) { done(0, "ok"); });
R.onComplete(P, function (c) { if (++n === N) { print("RING " + (getTime() - t0)); clearInterval(); clearTimeout(); } else fill(); });
setTimeout(function () { t0 = getTime(); fill(); }, 50);
})();`;

// the bare log: the same flash work, no ring
const bareApp = `
var S = require("Storage"), PS = 4096, NP = 8, N = ${N}, p = -1, off = PS;
var hdr = new Uint8Array(12), rec = new Uint8Array(32), mk = new Uint8Array(8);
function put(d) {
  if (off + d.length > PS) { p = (p + 1) % NP; S.write("bare" + p, hdr, 0, PS); off = 12; }
  S.write("bare" + p, d, off); off += d.length;
}
var t0 = getTime();
for (var i = 0; i < N; i++) {
  rec[0] = i & 255; rec[1] = i >> 8; rec.set([1, 2, 3, 4, 5, 6, 7, 8], 8);
  var c = E.CRC32(new Uint8Array(rec.buffer, 0, 28)); rec[28] = c & 255; rec[29] = (c >> 8) & 255; rec[30] = (c >> 16) & 255; rec[31] = (c >>> 24) & 255;
  put(rec);
  mk[0] = 2; mk[4] = i & 255; put(mk);
  mk[0] = 3; put(mk);
}
print("BARE " + (getTime() - t0));`;

console.log(`\nreal interpreter (${build.name}: ${build.bin}), linux bundle booted from Storage, log in 8 Storage files of 4 KB`);
const boot = run(bundle + ';\nsetTimeout(function () { print("FREE " + process.memory().free + " " + process.memory().total); clearInterval(); clearTimeout(); }, 200);');
const fl = boot.find((l) => l.startsWith('FREE '))!.split(' ');
console.log(`free JsVars after boot from Storage (.bootcde): ${fl[1]} of ${fl[2]}`);
// three runs of each, alternating (the machine's noise is some 10%): the medians are compared
const rings: number[] = [];
const bares: number[] = [];
for (let i = 0; i < 3; i++) { rings.push(figure(run(bundle + ringApp), 'RING')); bares.push(figure(run(bareApp), 'BARE')); }
const median = (a: number[]) => a.slice().sort((x, y) => x - y)[a.length >> 1];
const ring = median(rings);
const bare = median(bares);
const rates = (a: number[]) => a.map((t) => (N / t).toFixed(0)).join(', ');
console.log(`ring: ${N} requests, median of 3 runs ${ring.toFixed(2)} s: ${(N / ring).toFixed(0)} requests/s (runs: ${rates(rings)})`);
console.log(`bare log, same flash work: ${(N / bare).toFixed(0)} requests/s (runs: ${rates(bares)})`);
console.log(`ring / bare log, code run from Storage: ${(bare / ring).toFixed(3)} (target >= 0.25)`);
// The Linux build's flash is a file, not memory-mapped: code run from Storage is read through
// file reads as it is interpreted (16 bytes at a time, each an fopen/fseek/fread/fclose), a
// cost per character that boards (whose flash is mapped) do not pay, and that falls on the
// ring's ~3.3 KB of tokenised code per request far more than on the bare log's few lines. The same pair with the code in RAM shows the interpreter without it (a
// build with room for the bundle's text: ESPRUINO_BIN).
const ramBin = process.env.ESPRUINO_BIN;
if (ramBin) {
  const once = (code: string, tag: string) => {
    const r = runReal(code, 600, undefined, ramBin, bundleFiles('linux'));
    const l = r.lines.find((x) => x.startsWith(tag + ' '));
    if (!l) throw new Error(`bench in RAM on ${ramBin}: ${r.lines.slice(-3).join(' | ')}`);
    return Number(l.split(' ')[1]);
  };
  const ringRam = once(bundle + ringApp, 'RING');
  const bareRam = once(bareApp, 'BARE');
  console.log(`code in RAM (${ramBin}): ring ${(N / ringRam).toFixed(0)} requests/s, bare log ${(N / bareRam).toFixed(0)} requests/s: ratio ${(bareRam / ringRam).toFixed(3)}`);
} else console.log('code in RAM: set ESPRUINO_BIN to a build with room for the bundle text to measure it (skipped)');

// recovery after K requests with 16 in flight: the back end leaves the last 16 unfinished,
// the application calls load(), and the next boot reports how long the runtime took
function recovery(k: number): number {
  const app = `
;(function () {
var R = cardcage.ring, P = 1, K = ${k}, Q = R.stats(P).free, sub = R.stats(P).nextId, n = 0;
if (sub) { print("RECOVERED " + (getTime() - T0) + " " + JSON.stringify(R.stats(P)) + " " + process.memory().free); clearInterval(); clearTimeout(); return; }
function fill() { while (sub < K && sub - n < Q) { R.submit(P, ["request" + sub]); sub++; } if (sub === K && n === K - Q) load(); }
R.serve(P, function (r, done) { if (r.id < K - Q) done(0, "ok"); });
R.onComplete(P, function (c) { n++; fill(); });
fill();
})();`;
  const lines = run('var T0 = getTime();\n' + bundle + app, 900);
  const l = lines.find((x) => x.startsWith('RECOVERED '))!;
  const s = JSON.parse(l.split(' ')[2]);
  if (s.inflight !== QUEUE) throw new Error(`recovery after ${k}: ${l}`);
  return Number(l.split(' ')[1]);
}
const r200 = recovery(200);
const r20k = recovery(20000);
console.log(`recovery (boot to recovered, ${QUEUE} in flight): after 200 requests ${(r200 * 1000).toFixed(0)} ms, after 20,000 ${(r20k * 1000).toFixed(0)} ms: ratio ${(r20k / r200).toFixed(2)} (target <= 2)`);
