// npm run bench (storage part): the storage back end with and without the access check,
// measured in the same run on the same requests (host CPU, firmware driven directly), and
// the flash cost of a block write through the ring (request, start, block, done).
import { performance } from 'node:perf_hooks';
import { directBoard, flashProfile } from '../host-sim/direct';
import { runtime } from '../firmware/core';
import { ringRecover, submit, onComplete, ringStats } from '../firmware/ring/index';
import { storageInit, storageStart, serveStorage } from '../firmware/storage/index';

const profile = flashProfile(4096, 16, 16);
const b = directBoard(profile);
runtime.trace = false;
ringRecover([storageInit()]);
storageStart();

// 1. the back end alone: reads of block 3 of "data" from port 1, with and without the check
const N = 200_000;
const req = { port: 1, bufs: [new Uint8Array([1, 1, 3, 0])] };
let sink = 0;
const done = (s: number) => { sink += s; };
const time = (unchecked: boolean) => {
  const a = performance.now();
  for (let i = 0; i < N; i++) serveStorage(req, done, unchecked);
  return performance.now() - a;
};
time(false); time(true); // warm up
const runs: [number, number][] = [];
for (let k = 0; k < 5; k++) runs.push([time(false), time(true)]);
const med = (i: 0 | 1) => runs.map((r) => r[i]).sort((x, y) => x - y)[2];
console.log(`\nstorage back end, ${N} reads (median of 5): with the access check ${(N / med(0) * 1000).toFixed(0)} req/s, without ${(N / med(1) * 1000).toFixed(0)} req/s; the check costs ${((med(0) / med(1) - 1) * 100).toFixed(1)}%`);

// 2. block writes through the ring: flash programs and erases per write
const W = 1000;
const s0 = { ...b.flash.stats };
let completed = 0;
onComplete(1, () => { completed++; });
for (let i = 0; i < W; ) {
  if (ringStats(1).free > 0) {
    const d = new Uint8Array(32).fill(i & 255);
    submit(1, [new Uint8Array([2, 1, i % 16, 0]), d]);
    i++;
  } else b.runFor(1);
}
b.runFor(100);
const s = b.flash.stats;
const a = performance.now();
console.log(`storage: ${W} block writes of 32 bytes through the ring (${completed} completed): ${((s.programs - s0.programs) / W).toFixed(3)} programs, ${((s.bytesProgrammed - s0.bytesProgrammed) / W).toFixed(1)} bytes, ${((s.erases - s0.erases) / W).toFixed(4)} erases per write`);
void a; void sink;
