// The flash log under the ring with 1, 2, 4 and 16 KB pages (board profiles only have 1, 4
// and 16 KB, and the bundle embeds its board's), driven directly on the simulator's flash:
// a run that wraps the region several times, with power cut at seeded flash operations.
import { describe, expect, it } from 'vitest';
import { directBoard, flashProfile } from '../host-sim/direct';
import { PowerCut } from '../host-sim/flash';
import type { SimBoard } from '../host-sim/board';
import { hal, runtime, profile } from '../firmware/core';
import { ringRecover, serve, submit, onComplete, ringStats } from '../firmware/ring/index';
import { log, logSnapshot } from '../firmware/flashlog/index';

interface Run { exec: string[]; done: string[] }

/** Starts (or restarts after a cut) the ring on `b` and runs the workload to `n` requests. */
function drive(b: SimBoard, n: number, run: Run, seed: number) {
  try {
    ringRecover();
    serve(1, (r, done) => {
      run.exec.push(r.id + (r.replay ? 'r' : ''));
      // a timer of the board's: a reboot clears it, as it clears the bundle's
      hal.clock.after(() => { try { done(0, 'ok'); } catch (e) { cut(b, e); } }, 1 + ((r.id * (seed * 7 + 3)) % 9));
    });
    onComplete(1, (c) => run.done.push(c.id + (c.replay ? 'r' : '')));
    for (let guard = 0; guard < 100_000 && !b.off; guard++) {
      const s = ringStats(1);
      if (s.nextId >= n && !s.inflight && !s.waiting && !s.undelivered) break;
      if (s.nextId < n && s.free > 0) submit(1, ['request ' + s.nextId]);
      else b.runFor(1);
    }
  } catch (e) {
    cut(b, e);
  }
}

/** Code driven from here (not from a board callback): a power cut must halt the board here. */
function cut(b: SimBoard, e: unknown) {
  if (!(e instanceof PowerCut)) throw e;
  if (!b.off) b.powerCut(`power cut at flash operation ${e.op}`);
}

const sizes: [number, number, number][] = [[1024, 8, 300], [2048, 6, 400], [4096, 4, 500], [16384, 3, 1600]];
describe('the flash log with 1, 2, 4 and 16 KB pages', () => {
  for (const [psize, pages, n] of sizes) {
    const profile = flashProfile(psize, pages, 8);
    it(`${psize / 1024} KB pages x ${pages}: ${n} requests wrap the region; erases and snapshots`, () => {
      const b = directBoard(profile, 1);
      const run: Run = { exec: [], done: [] };
      drive(b, n, run, 1);
      expect(run.done.length).toBe(n);
      expect(new Set(run.done).size).toBe(n);
      const s = b.flash.stats;
      expect(s.bytesProgrammed).toBeGreaterThan(2 * pages * psize); // wrapped at least twice
      expect(s.erases).toBeGreaterThan(pages);
      expect(s.erases).toBeLessThanOrEqual(Math.ceil(s.bytesProgrammed / psize) + pages); // bytes/page + a constant
      expect(s.overprogrammed).toBe(0);
      expect(log!.snapId).toBeGreaterThan(2);
    });

    it(`${psize / 1024} KB pages: power cut at 40 seeded flash operations, torn; nothing lost, replays only in flight`, () => {
      const clean = directBoard(profile, 2);
      drive(clean, n, { exec: [], done: [] }, 2);
      const total = clean.flash.ops;
      let x = psize;
      for (let c = 0; c < 40; c++) {
        x = (Math.imul(x ^ (x >>> 15), 0x2c1b3c6d) + 0x6d2b79f5) >>> 0;
        const cut = 1 + (x % total);
        const b = directBoard(profile, 2);
        b.flash.cutAt = cut;
        const pre: Run = { exec: [], done: [] };
        drive(b, n, pre, 2);
        expect(b.off, `cut at ${cut}`).toBe(true);
        b.boot('power back');
        directBoard(profile, 2, b);
        const post: Run = { exec: [], done: [] };
        drive(b, n, post, 2);
        const preDone = new Set(pre.done.map((d) => parseInt(d)));
        const inflight = pre.exec.map((e) => parseInt(e)).filter((id) => !preDone.has(id));
        const replayed = post.exec.filter((e) => e.endsWith('r')).map((e) => parseInt(e));
        try {
          expect(new Set([...preDone, ...post.done.map((d) => parseInt(d))]).size).toBe(n);
          expect(replayed.every((id) => inflight.includes(id))).toBe(true);
          expect(replayed).toEqual(inflight.filter((id) => replayed.includes(id)));
        } catch (e) {
          throw new Error(`${psize} B pages, power cut at flash operation ${cut}: ${(e as Error).message}`);
        }
      }
    });
  }
});

describe('snapshots that span pages', () => {
  // A record whose append opens a page and so starts a snapshot must take its sequence number
  // after the snapshot's records: pages are ordered by their first record's, and a page that
  // sorted before the snapshot would be dropped from recovery with the marks it holds.
  for (const q of [64, 256]) {
    it(`queue of ${q}, all in flight: after recovery every chain is in flight again, none lost`, () => {
      const n = 1000 + q;
      const b = directBoard(flashProfile(4096, 64, q));
      runtime.trace = false;
      ringRecover();
      serve(1, (r, done) => { if (r.id < n - q) done(0, 'ok'); });
      onComplete(1, () => {});
      for (let guard = 0; guard < 100_000; guard++) {
        const s = ringStats(1);
        if (s.nextId >= n) break;
        if (s.free > 0) submit(1, ['request ' + s.nextId]);
        else b.runFor(1);
      }
      b.runFor(10);
      expect(ringStats(1).inflight).toBe(q);
      ringRecover();
      expect(ringStats(1)).toMatchObject({ nextId: n, inflight: q });
    });
  }
});

describe('a snapshot whose owner throws', () => {
  it('is not committed: recovery replays from the last complete one and loses nothing', () => {
    const b = directBoard(flashProfile(4096, 8, 8));
    runtime.trace = false;
    ringRecover();
    serve(1, (r, done) => { if (r.id % 2) done(0, 'ok'); }); // even ids stay in flight
    onComplete(1, () => {});
    for (let i = 0; i < 8; i++) submit(1, ['r' + i]);
    b.runFor(10);
    const before = ringStats(1);
    const snapId = log!.snapId;
    const owner = log!.snapshot;
    let calls = 0;
    log!.snapshot = () => { owner(); if (++calls === 1) throw new Error('owner failed'); };
    expect(() => logSnapshot()).toThrow(/owner failed/);
    expect(log!.snapId).toBe(snapId); // not taken as complete
    log!.snapshot = owner;
    ringRecover();
    // the four chains in flight are in flight again (on the descriptors recovery gave them),
    // resubmitted to the back end
    expect(before.status).toBe('10101010');
    expect(ringStats(1)).toEqual({ ...before, waiting: 4, status: '11110000' });
    expect(log!.snapId).toBe(snapId);
    void b;
  });
});

describe('requests that wait for descriptors, through snapshots', () => {
  it('recovered beyond the descriptors, snapshotted twice, recovered again: none lost, their buffers intact', () => {
    const b = directBoard(flashProfile(4096, 8, 8));
    ringRecover();
    serve(1, () => {}); // (never completes: every request stays in flight)
    for (let i = 0; i < 4; i++) submit(1, ['a' + i, 'b' + i]); // two descriptors each: all 8
    b.runFor(10);
    expect(ringStats(1).free).toBe(0);
    // recovered with half the descriptors: two requests wait for them (head -1 in their mark)
    const p = profile.ring as { queueSize: number };
    p.queueSize = 4;
    ringRecover();
    expect(ringStats(1).waiting).toBe(2);
    logSnapshot();
    logSnapshot();
    p.queueSize = 8;
    ringRecover();
    const got: string[] = [];
    serve(1, (r, done) => { got.push(r.id + ':' + r.bufs.map((x) => String.fromCharCode(...x)).join('|')); done(0); });
    onComplete(1, () => {});
    b.runFor(50);
    expect(got.sort()).toEqual(['0:a0|b0', '1:a1|b1', '2:a2|b2', '3:a3|b3']);
  });
});
