// Hardware in the loop on Espruino's own interpreter (its Linux build), as a board runs it: the
// linux bundle stored in Storage as .bootcde with an application after it, booted, restarted
// with load() at seeded points, and killed (SIGKILL: a power cut) and started again on the same
// flash file. Runs on every build named by ESPRUINO_BIN_2630 / ESPRUINO_BIN_5100 (32-bit,
// fixed JsVar counts: Puck.js and Pico), else on ESPRUINO_BIN; skipped, saying so, without.
// HIL_SOAK sets the soak's length (default 20,000 requests).
import { readFileSync } from 'node:fs';
import { rmSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { bootReal, realBuilds, realDir, storeBoot } from '../host-sim/real';
import { bundlePath } from '../host-sim/scenario';

const builds = realBuilds();
const SOAK = Number(process.env.HIL_SOAK ?? 20000);
const bundle = () => readFileSync(bundlePath('linux'), 'utf8');

function prng(seed: number) {
  let x = seed >>> 0 || 1;
  return (n: number) => ((x = (Math.imul(x ^ (x >>> 15), 0x2c1b3c6d) + 0x6d2b79f5) >>> 0) % n);
}

/** The application after the bundle: a stateless workload that goes on after every restart
 * from what the ring recovered. Port 1, requests "q<id>"; the back end completes each after
 * a few ms, out of order; every execution (X) and completion (D) is printed. At each seeded
 * point `loads` it calls load() with requests in flight. At the end it prints END and stops
 * every timer, so the interpreter exits. */
const ringApp = (n: number, loads: number[]) => `
;(function () {
var P = 1, N = ${n}, L = ${JSON.stringify(loads)}, R = cardcage.ring;
var next = R.stats(P).nextId, stop = 0, ended = 0;
for (var i = 0; i < L.length; i++) if (L[i] > next) { stop = L[i]; break; }
print("BOOT " + next + " " + process.memory().free + " " + E.getErrorFlags().join("/"));
function end() {
  var s = R.stats(P);
  if (ended || next < N || s.inflight || s.waiting || s.undelivered) return;
  ended = 1;
  print("END " + JSON.stringify(s) + " " + process.memory().free + " " + E.getErrorFlags().join("/"));
  clearInterval(); clearTimeout();
}
function fill() {
  while (next < N && R.stats(P).free > 0) {
    R.submit(P, ["q" + next]);
    next++;
    if (next === stop) { print("LOAD " + next); load(); return; }
  }
}
R.serve(P, function (r, done) {
  print("X " + r.id + (r.replay ? " r" : ""));
  setTimeout(function () { done(0, "k" + r.id); }, (r.id * 7) % 4);
});
R.onComplete(P, function (c) {
  print("D " + c.id + (c.replay ? " r" : "") + (c.status || E.toString(c.data) !== "k" + c.id ? " BAD " + c.status : ""));
  fill();
  if (c.id >= N - 20) end();
});
fill();
setInterval(function () { fill(); end(); }, 500);
})();
`;

interface Ev { run: number; kind: string; id: number; replay: boolean; line: string }

/** The same checks as the simulator's power-cut tests, over every run's output. */
function checkRing(runs: string[][], n: number) {
  const ev: Ev[] = [];
  runs.forEach((lines, run) => lines.forEach((l) => {
    const m = /^([XD]) (\d+)( r)?( BAD.*)?$/.exec(l);
    if (m) ev.push({ run, kind: m[1], id: Number(m[2]), replay: !!m[3], line: l });
  }));
  const bad = runs.flat().filter((l) => /BAD|Uncaught|ERROR|OUT OF MEMORY|ASSERT|Execution Interrupted/.test(l));
  expect(bad.slice(0, 5), 'errors').toEqual([]);
  const done = new Set<number>();
  const executed = new Set<number>();
  for (const e of ev) {
    if (e.kind === 'D') {
      // a completion delivered again is marked as a replay
      if (done.has(e.id)) expect(e.replay, `second completion of ${e.id} (run ${e.run}) not marked`).toBe(true);
      done.add(e.id);
    } else {
      // a replayed execution only for a chain started before (in flight at the restart)
      if (e.replay) expect(executed.has(e.id), `replayed execution of ${e.id} never started before (run ${e.run})`).toBe(true);
      executed.add(e.id);
    }
  }
  // nothing lost
  const missing = [...Array(n).keys()].filter((i) => !done.has(i));
  expect(missing.slice(0, 10), 'requests never completed').toEqual([]);
  // order kept: in each run, resubmitted chains first, then new ones in submission order
  for (let run = 0; run < runs.length; run++) {
    const xs = ev.filter((e) => e.run === run && e.kind === 'X');
    const firstNew = xs.findIndex((e) => !e.replay);
    expect(xs.slice(firstNew < 0 ? xs.length : firstNew).filter((e) => e.replay), `run ${run}: a replay after new work`).toEqual([]);
    const fresh = xs.filter((e) => !e.replay).map((e) => e.id);
    expect(fresh, `run ${run}: new chains out of submission order`).toEqual([...fresh].sort((a, b) => a - b));
  }
  return { replays: ev.filter((e) => e.replay).length };
}

if (!builds.length) console.log('hil: neither ESPRUINO_BIN nor ESPRUINO_BIN_2630/_5100 is set: the HIL suite on the real interpreter is skipped');
describe.skipIf(builds.length > 0)('HIL on the real interpreter', () => {
  it('skipped: set ESPRUINO_BIN_2630 / ESPRUINO_BIN_5100 (or ESPRUINO_BIN) to a Linux build of Espruino (see the README)', () => {});
});

for (const build of builds) {
  describe(`HIL on the real interpreter (${build.name}): the bundle booted from Storage`, () => {
    it(`ring soak: ${SOAK} requests with load() at seeded points (requests in flight, across wraps and snapshots)`, () => {
      const seed = Number(process.env.HIL_SEED ?? 1);
      const rnd = prng(seed);
      const loads: number[] = [];
      for (let p = 150 + rnd(300); p < SOAK; p += 400 + rnd(SOAK / 8)) loads.push(p);
      const dir = realDir();
      try {
        storeBoot(build.bin, dir, bundle() + ringApp(SOAK, loads));
        const runs: string[][] = [];
        for (let k = 0; k <= loads.length + 2 && !runs.some((r) => r.some((l) => l.startsWith('END '))); k++) {
          const r = bootReal(build.bin, dir, 600);
          expect(r.timedOut, `seed ${seed}: timed out`).toBe(false);
          // load() restarts inside one process: split its output at each boot line
          let cur: string[] = [];
          for (const l of r.lines) { if (l.startsWith('cardcage ') && cur.length) { runs.push(cur); cur = []; } cur.push(l); }
          runs.push(cur);
        }
        try {
          expect(runs.flat().some((l) => l.startsWith('END '))).toBe(true);
          const c = checkRing(runs, SOAK);
          expect(runs.filter((r) => r.some((l) => l.startsWith('LOAD '))).length).toBe(loads.length);
          const boots = runs.flat().filter((l) => l.startsWith('BOOT ')).map((l) => l.split(' '));
          // recovery within memory: no error flag at any boot
          expect(boots.filter((b) => b[3]), 'error flags at boot').toEqual([]);
          console.log(`hil ${build.name}: ${SOAK} requests, ${loads.length} load()s, ${c.replays} replays; free JsVars after each boot: ${boots.map((b) => b[2]).join(' ')}`);
        } catch (e) {
          throw new Error(`seed ${seed} (HIL_SEED): ${(e as Error).message}`);
        }
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    }, 1_200_000);

    it('recovery within bounded memory: load() after every 100 requests through two full wraps of the log', () => {
      const n = 1000; // 8 files of 4 KB, about 85 bytes per request: a wrap every ~380 requests
      const loads: number[] = [];
      for (let p = 100; p < n; p += 100) loads.push(p);
      const dir = realDir();
      try {
        storeBoot(build.bin, dir, bundle() + ringApp(n, loads));
        const r = bootReal(build.bin, dir, 300);
        const runs: string[][] = [];
        let cur: string[] = [];
        for (const l of r.lines) { if (l.startsWith('cardcage ') && cur.length) { runs.push(cur); cur = []; } cur.push(l); }
        runs.push(cur);
        checkRing(runs, n);
        const boots = r.lines.filter((l) => l.startsWith('BOOT ')).map((l) => l.split(' '));
        expect(boots.length).toBe(loads.length + 1);
        expect(boots.filter((b) => b[3]), 'error flags at boot').toEqual([]);
        const free = boots.map((b) => Number(b[2]));
        console.log(`hil ${build.name}: free JsVars after boot at each of ${boots.length} recoveries: min ${Math.min(...free)}, max ${Math.max(...free)}`);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    }, 600_000);

    it('a real power cut: the interpreter killed (SIGKILL) at seeded times, started again on the same flash', () => {
      const seed = Number(process.env.HIL_SEED ?? 1);
      const rnd = prng(seed * 31 + 7);
      const n = 3000;
      const dir = realDir();
      const kills: number[] = [];
      try {
        storeBoot(build.bin, dir, bundle() + ringApp(n, []));
        const runs: string[][] = [];
        for (let k = 0; k < 40 && !runs.some((r) => r.some((l) => l.startsWith('END '))); k++) {
          const killMs = k < 6 ? 300 + rnd(1500) : undefined;
          const r = bootReal(build.bin, dir, 300, killMs);
          if (r.killed) kills.push(killMs!);
          runs.push(r.lines);
        }
        try {
          expect(runs.flat().some((l) => l.startsWith('END '))).toBe(true);
          expect(kills.length).toBeGreaterThan(0);
          const c = checkRing(runs, n);
          console.log(`hil ${build.name}: ${n} requests through ${kills.length} kills at ${kills.join(', ')} ms: ${c.replays} replays`);
        } catch (e) {
          throw new Error(`seed ${seed} (HIL_SEED), kills at ${kills.join(', ')} ms: ${(e as Error).message}`);
        }
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    }, 600_000);
  });
}
