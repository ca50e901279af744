// npm run bench (containers part): frames per second across one link, against a baseline
// measured in the same run (the same bounce through a plain queue drained by setTimeout, no
// runtime); the event-loop cost of N workers (1,000 frames through a container with 1, 2, 4
// and 8 workers); the RAM of a container and of each worker, in JsVars. On the real
// interpreter (ESPRUINO_BIN_2630 / ESPRUINO_BIN_5100 / ESPRUINO_BIN) and in the simulator
// (host CPU time: the simulator's clock does not move while code runs).
import { rmSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { SimBoard } from '../host-sim/board';
import { loadBoard } from '../host-sim/profile';
import { bootReal, realBuilds, realDir, storeBundle } from '../host-sim/real';
import { readBundle, bundleFiles } from '../host-sim/scenario';

const F = 1000;
// Each part ends with fin(what, extra): on the real interpreter it prints the ms since t0 (its
// getTime); in the simulator the host's CPU ms of the whole run are put in.
const parts = {
  // the baseline: two functions bounce a number F times through a queue drained by setTimeout
  bare: `var q = [], armed = 0;
function pump() { armed = 0; while (q.length) { var f = q.shift(); f[0](f[1]); } }
function put(fn, v) { q.push([fn, v]); if (!armed) { armed = 1; setTimeout(pump, 0); } }
function A(v) { if (v < ${F}) put(B, v + 1); else fin('bare'); }
function B(v) { put(A, v + 1); }
put(A, 0);`,
  link: `var C = cardcage.containers;
C.link('a.eth0', 'b.eth0'); C.link('s3', 'a.eth1');
C.add('a', function (ct) { return { work: function (f, from, done) { if (f < ${F}) ct.send('eth0', f + 1); else fin('link'); done(); } }; }, { name: 'a', cost: 20, budget: 100, ifs: ['eth0', 'eth1'] });
C.add('b', function (ct) { return { work: function (f, from, done) { ct.send('eth0', f + 1); done(); } }; }, { name: 'b', cost: 20, budget: 100, ifs: ['eth0'] });
t0 = getTime(); C.fromCard(3, 0);`,
  workers: (n: number) => `var C = cardcage.containers, k = 0;
C.link('s3', 'w.eth0');
C.add('w', function (ct) { return { work: function (f, from, done) { if (++k === ${F}) fin('workers${n}', ct.workers); done(); } }; }, { name: 'w', cost: 20, budget: 100, ifs: ['eth0'], max: ${n} });
t0 = getTime(); var i = 0; (function feed() { while (i < ${F} && C.fromCard(3, i) === 0) i++; if (i < ${F}) setTimeout(feed, 0); })();`,
  // (a first container makes the tables every container shares)
  ram: `var C = cardcage.containers, m = function () { return process.memory().free; };
C.add('first', function (ct) { return { work: function () {} }; }, { name: 'first', cost: 20, budget: 100, max: 1 });
var f0 = m(); C.add('one', function (ct) { return { work: function () {} }; }, { name: 'one', cost: 20, budget: 100, max: 1 });
var f1 = m(); C.add('eight', function (ct) { return { work: function () {} }; }, { name: 'eight', cost: 20, budget: 100, max: 8 });
var f2 = m(); print('R ram ' + (f0 - f1) + ' ' + (f1 - f2) + ' ' + C.list()[2].workers);`,
};

function onReal(bin: string, app: string): string[] {
  const dir = realDir();
  try {
    const fin = `var t0 = getTime(); function fin(w, x) { print('R ' + w + ' ' + ((getTime() - t0) * 1000).toFixed(1) + ' ' + (x || '')); }`;
    storeBundle(bin, dir, readBundle('linux') + `\n${fin}\nsetTimeout(function () {\n${app}\n}, 200); setTimeout(function () { clearInterval(); clearTimeout(); }, 8000);`);
    return bootReal(bin, dir, 60).lines.filter((l) => l.startsWith('R '));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
/** the simulator: the same code, the host's CPU ms for all of it (virtual time run to the end) */
function sim(app: string): string[] {
  const b = new SimBoard({ profile: loadBoard('linux'), files: bundleFiles('linux'), code: readBundle('linux'), stored: true });
  b.boot();
  b.runFor(10);
  b.eval(`var t0; function fin(w, x) { print('R ' + w + ' - ' + (x || '')); }`);
  const n = b.output.length;
  const a = performance.now();
  b.eval(app);
  b.runFor(20000);
  const ms = (performance.now() - a).toFixed(1);
  return b.output.slice(n).filter((l) => l.startsWith('R ')).map((l) => l.replace(' - ', ` ${ms} `));
}

const row = (lines: string[], what: string) => lines.find((l) => l.startsWith('R ' + what + ' '))?.split(' ').slice(2).map(Number) ?? [NaN];

function report(where: string, run: (app: string) => string[]) {
  const bare = row(run(parts.bare), 'bare')[0];
  const link = row(run(parts.link), 'link')[0];
  console.log(`${where}: ${F} frames across one link (a<->b): ${link.toFixed(0)} ms, ${((F / link) * 1000).toFixed(0)} frames/s; the bare bounce (no runtime) ${bare.toFixed(0)} ms: ${(link / bare).toFixed(2)}x its time`);
  const w: string[] = [];
  let one = 0;
  for (const n of [1, 2, 4, 8]) {
    const r = row(run(parts.workers(n)), 'workers' + n);
    if (n === 1) one = r[0];
    w.push(`${r[1] ?? n} worker(s) ${r[0].toFixed(0)} ms (${(r[0] / one).toFixed(2)}x)`);
  }
  console.log(`${where}: ${F} frames through one container: ${w.join(', ')}`);
}

console.log('\ncontainers');
for (const build of realBuilds()) {
  report(`real ${build.name}`, (app) => onReal(build.bin, app));
  const r = row(onReal(build.bin, parts.ram), 'ram');
  console.log(`real ${build.name}: RAM: a container with 1 worker ${r[0]} JsVars; one with ${r[2]} workers ${r[1]} JsVars: ${((r[1] - r[0]) / (r[2] - 1)).toFixed(1)} JsVars per further worker`);
}
if (!realBuilds().length) console.log('containers: no real interpreter (ESPRUINO_BIN_2630 / ESPRUINO_BIN): simulator figures only');
report('simulator (host CPU)', sim);
const r = row(sim(parts.ram), 'ram');
console.log(`simulator: RAM model: a container with 1 worker ${r[0]} JsVars; one with ${r[2]} workers ${r[1]} JsVars`);
