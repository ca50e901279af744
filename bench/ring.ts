// npm run bench (ring part). Drives the firmware's flash log and ring directly (as the unit
// tests may) on the simulator's NOR flash and virtual clock, so queue sizes other than a
// board's can be measured. Prints:
//  1. flash cost per request against a naive baseline measured in the same run: a request
//     record plus the status array rewritten in place, one page erase per change;
//  2. recovery for queue sizes 16/64/256 and 0 / half / all chains in flight: records
//     replayed, flash read, virtual ms (the simulator charges no time for code: 0) and real ms;
//  3. requests per second through the ring in the simulator (host CPU, for comparison only).
import { performance } from 'node:perf_hooks';
import type { SimBoard } from '../host-sim/board';
import { directBoard, flashProfile } from '../host-sim/direct';
import { loadBoard } from '../host-sim/profile';
import { NorFlash } from '../host-sim/flash';
import { rng } from '../host-sim/clock';
import { runtime } from '../firmware/core';
import { log } from '../firmware/flashlog/index';
import { ringRecover, serve, submit, onComplete, ringStats } from '../firmware/ring/index';

const PAGE = 4096;
function start(queueSize: number, pages: number) {
  const b = directBoard(flashProfile(PAGE, pages, queueSize));
  runtime.trace = false;
  ringRecover();
  return b;
}

/** n requests through port 1; the back end completes all but `keep` of the last ones */
function load(b: SimBoard, n: number, keep: number, size: number) {
  let left = n;
  serve(1, (r, done) => { if (r.id < n - keep) done(0, 'ok'); });
  onComplete(1, () => {});
  while (left > 0) {
    const s = ringStats(1);
    if (s.free > 0 && s.nextId < n) { submit(1, ['request ' + s.nextId]); left--; }
    else b.runFor(1);
    if (s.nextId >= n) break;
  }
  b.runFor(10);
  void size;
}

// ---- 1. flash cost per request
const N = 2000;
const cost: string[] = [];
for (const q of [16, 64]) {
  const b = start(q, 32);
  const s0 = { ...b.flash.stats };
  load(b, N, 0, q);
  const s = b.flash.stats;
  // the naive baseline, on a flash of the same geometry, same request sizes
  const base = new NorFlash({ region: { addr: 0, length: 32 * PAGE }, pageSize: PAGE, writeAlign: 4, maxWritesPerWord: 0, free: [] }, rng(1));
  let off = PAGE; // page 0 holds the status array
  const status = new Uint8Array(q);
  for (let i = 0; i < N; i++) {
    const rec = new Uint8Array(12 + 12 + 1 + 12); // the same request record
    if (off + rec.length > 32 * PAGE) { for (let p = 1; p < 32; p++) base.erasePage(p * PAGE); off = PAGE; }
    base.write(rec, off);
    off += rec.length;
    for (const v of [1, 0]) { status[i % q] = v; base.erasePage(0); base.write(status, 0); }
  }
  const bs = base.stats;
  const f = (x: number) => (x / N).toFixed(3).padStart(7);
  cost.push(`ring q=${String(q).padEnd(3)}   ${f(s.programs - s0.programs)}  ${f(s.bytesProgrammed - s0.bytesProgrammed)}  ${f(s.erases - s0.erases)}   ${((s.erases - s0.erases) / ((s.bytesProgrammed - s0.bytesProgrammed) / PAGE)).toFixed(2).padStart(5)}`);
  cost.push(`naive q=${String(q).padEnd(3)}  ${f(bs.programs)}  ${f(bs.bytesProgrammed)}  ${f(bs.erases)}   ${(bs.erases / (bs.bytesProgrammed / PAGE)).toFixed(2).padStart(5)}`);
}
console.log(`\nring: flash per request (${N} requests, 4 KB pages; last column: erases per page of bytes written)`);
console.log('               programs    bytes   erases   ratio');
cost.forEach((l) => console.log(l));

// the shipped boards' own placements: raw pages (puckjs), the log in Storage files (pico,
// linux). For Storage files a page is recycled by writing the file anew (one program, counted
// above); Espruino reclaims the old file's space when it compacts Storage, which the simulator
// does not model: those erases come on top of the "pages opened" shown here.
console.log(`\nring: flash per request on the shipped boards' placements (${N} requests, each board's queue size, a snapshot at every page)`);
console.log('board     placement             programs    bytes   pages opened');
for (const name of ['puckjs', 'pico', 'linux']) {
  const p = loadBoard(name);
  const b = directBoard(p);
  runtime.trace = false;
  ringRecover();
  const s0 = { ...b.flash.stats };
  const pseq0 = log!.pseq;
  load(b, N, 0, p.ring.queueSize);
  const s = b.flash.stats;
  const f = (x: number) => (x / N).toFixed(3).padStart(8);
  const where = p.flash.log ? `${p.flash.log.files} files x ${p.flash.log.fileSize / 1024} KB` : `${p.flash.region.length / p.flash.pageSize} pages x ${p.flash.pageSize / 1024} KB`;
  console.log(`${name.padEnd(9)} ${where.padEnd(20)} ${f(s.programs - s0.programs)} ${f(s.bytesProgrammed - s0.bytesProgrammed)} ${f(log!.pseq - pseq0)}`);
}

// ---- 2. recovery
console.log('\nring: recovery after 1000 completed requests (64 pages of 4 KB; a snapshot when half the pages are used)');
console.log('queue  in flight  resubmitted  log pages read  flash reads  bytes read  virtual ms  real ms');
for (const q of [16, 64, 256]) {
  for (const inflight of [0, q / 2, q]) {
    const b = start(q, 64);
    load(b, 1000 + inflight, inflight, q);
    const r0 = { ...b.flash.stats };
    const t0 = b.clock.now;
    const times: number[] = [];
    let records = 0;
    for (let k = 0; k < 5; k++) {
      const a = performance.now();
      ringRecover();
      times.push(performance.now() - a);
    }
    const s = ringStats(1);
    records = s.inflight;
    const rd = (b.flash.stats.reads - r0.reads) / 5;
    const rb = (b.flash.stats.bytesRead - r0.bytesRead) / 5;
    const L = log!;
    const livePages = L.pseq - L.snapPseq;
    times.sort((x, y) => x - y);
    console.log(`${String(q).padStart(5)}  ${String(inflight).padStart(9)}  ${String(records).padStart(11)}  ${String(livePages).padStart(14)}  ${rd.toFixed(0).padStart(11)}  ${rb.toFixed(0).padStart(10)}  ${(b.clock.now - t0).toFixed(1).padStart(10)}  ${times[2].toFixed(2).padStart(7)}`);
  }
}

// ---- 3. throughput
{
  const b = start(16, 32);
  const n = 5000;
  const a = performance.now();
  load(b, n, 0, 16);
  const ms = performance.now() - a;
  console.log(`\nring: ${n} requests in ${ms.toFixed(0)} ms of host time: ${(n / (ms / 1000)).toFixed(0)} requests/s in the simulator (${b.flash.stats.programs} programs, ${b.flash.stats.erases} erases)`);
}
