// Integrity of persisted state (issue 10): records forged inside guest bytes, a layout that
// changes across a reboot, and the log's capacity against the worst case it admits.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SimBoard } from '../host-sim/board';
import { loadBoard, type SimProfile } from '../host-sim/profile';
import { bundlePath, readBundle, bundleFiles } from '../host-sim/scenario';
import { crc32 } from '../host-sim/cards';
import { directBoard } from '../host-sim/direct';
import { profile } from '../firmware/core';
import { ringRecover, ringStats, submit, logRoom, LOG_FULL, QUEUE_FULL } from '../firmware/ring/index';
import { store, storageInit, storageStart, bind, sets, snapBytes } from '../firmware/storage/index';
import { put32, u32 } from '../firmware/flashlog/index';

const bytes = (s: string) => [...s].map((c) => c.charCodeAt(0));

/** A record as the log writes it, with the check a guest can compute: the plain CRC-32 (or,
 * to prove the test can tell, the page's nonce as well). */
function record(type: number, body: number[], nonce = 0) {
  const n = 12 + ((body.length + 3) & ~3);
  const r = new Uint8Array(n);
  r[0] = n >> 2;
  r[1] = type;
  r[2] = r[3] = 255;
  put32(r, 4, 5000); // a sequence number newer than any in these runs
  r.set(body, 8);
  put32(r, n - 4, (crc32(r.subarray(0, n - 4)) ^ nonce) >>> 0);
  return [...r];
}
const w32 = (v: number) => [v & 255, (v >> 8) & 255, (v >> 16) & 255, v >>> 24];
// What each record type would do if a forged one were believed (linux/puckjs profiles: set 0
// "system" = volume 0 "config" on port 0; set 1 "apps" = volume 1 "data" on ports 1 and 2).
const FORGED: [string, number, number[]][] = [
  ['request', 1, [0, 0, 2, 0, ...w32(900), ...w32(0), 4, 2, 0, 0, 0, 4, ...bytes('EVIL')]], // a write to config, on port 0
  ['start mark', 2, [1, 0, 1, 0, ...w32(0), ...w32(99), ...w32(0)]],
  ['done mark', 3, [1, 0, 0, 4, ...w32(0), ...w32(0), ...bytes('EVIL')]],
  ['counters', 4, [1, 0, 0, 0, ...w32(999), 1, 0, 0, 0, ...w32(500), ...w32(0), ...w32(0)]],
  ['block', 8, [0, 0, 0, 4, ...bytes('EVIL')]], // config block 0
  ['binding', 9, [0, 3, 0]], // set "system" to ports 0 and 1
  ['layout', 10, bytes('32;data:16,config:8;apps,system')], // the volumes swapped
  ['snapshot start', 14, w32(77)],
  ['snapshot end', 15, w32(1)],
];

const HELPERS = `
var R = {};
function io(port, op, res, blk, data, tag) {
  var h = new Uint8Array([op, res, blk & 255, blk >> 8]);
  return cardcage.ring.submit(port, data === undefined ? [h] : [h, data], function (c) { R[tag] = [c.status, E.toString(c.data)]; });
}
function dump() {
  for (var b = 0; b < 8; b++) io(0, 1, 0, b, undefined, "c" + b);
  for (var b = 0; b < 16; b++) io(1, 1, 1, b, undefined, "d" + b);
}
function state() {
  var s = { sets: cardcage.storage.sets(), R: R, q: [] };
  for (var p = 0; p < 16; p++) s.q.push(cardcage.ring.stats(p));
  return JSON.stringify(s);
}`;

/** The log's pages as byte arrays the test may change in place (raw flash, or Storage files). */
function pages(b: SimBoard, name: string): Uint8Array[] {
  const p = loadBoard(name);
  if (p.flash.log) return Array.from({ length: p.flash.log.files }, (_, i) => b.storage.files.get('cardcage.log' + i) ?? new Uint8Array(0));
  const ps = p.flash.pageSize;
  return Array.from({ length: p.flash.region.length / ps }, (_, i) => b.flash.mem.subarray(i * ps, (i + 1) * ps));
}
const has = (r: Uint8Array, x: number[]) => { for (let i = 0; i + x.length <= r.length; i++) if (x.every((v, j) => r[i + j] === v)) return true; return false; };

/** Power lost while the last record holding `marker` was programmed, before its check word:
 * that word and everything after it in the page read erased. */
function tearAt(b: SimBoard, name: string, marker: number[]) {
  let at: { page: Uint8Array; end: number } | undefined;
  for (const page of pages(b, name)) {
    for (let o = 16; o + 12 <= page.length && page[o] !== 255; ) {
      const n = page[o] * 4;
      if (n < 12 || o + n > page.length) break;
      if (has(page.subarray(o + 8, o + n - 4), marker)) at = { page, end: o + n };
      o += n;
    }
  }
  expect(at, 'the enclosing record is on flash').toBeDefined();
  at!.page.fill(255, at!.end - 4);
}

function run(name: string, enclosure: 'request' | 'block' | 'done', payload: number[], marker: number[]) {
  const b = new SimBoard({ profile: loadBoard(name), files: bundleFiles(name), code: readBundle(name) + HELPERS, stored: true, seed: 3 });
  b.boot();
  const data = 'new Uint8Array(' + JSON.stringify(payload) + ')';
  if (enclosure === 'done') { b.eval(`io(1, 2, 1, 5, ${data}, "w")`); b.runFor(20); b.eval('io(1, 1, 1, 5, undefined, "r")'); }
  else b.eval(`io(1, 2, 1, 5, ${data}, "w")`);
  if (enclosure !== 'request') b.runFor(20); // executed (and read back): its block and done records are written
  b.powerCut();
  tearAt(b, name, marker);
  b.boot('power back');
  b.eval('dump()');
  b.runFor(200);
  return { state: JSON.parse(b.eval('state()')), out: b.output.join('\n') };
}

describe('records forged inside guest bytes', () => {
  // A guest writes bytes that hold a whole record with a valid CRC, and power is cut before
  // the record enclosing them is complete. Recovery skips the torn record and resynchronises:
  // it must never take the forged one. Compared with the same run where the bytes are zeros.
  for (const name of ['puckjs', 'linux']) {
    for (const enclosure of ['request', 'block', 'done'] as const) {
      it(`${name}: every record type, forged in the ${enclosure === 'request' ? "request's payload" : enclosure === 'block' ? "block write's data" : "read's completion data"}, at every alignment, changes nothing`, () => {
        const room = enclosure === 'request' ? 60 : 32; // maxPayload less the header; a block
        let tried = 0;
        for (const [what, type, body] of FORGED) {
          const f = record(type, body);
          for (let pad = 0; pad < 4 && pad + f.length <= room; pad++) {
            const payload = [...new Array(pad).fill(0x55), ...f];
            const mark = bytes('CONTROL!');
            const control = [...new Array(pad).fill(0x55), ...mark, ...new Array(f.length - 8).fill(0)];
            const forged = run(name, enclosure, payload, f.slice(0, 8));
            const clean = run(name, enclosure, control, mark);
            // the block holds what was written, forged bytes or not (a write torn before its
            // done mark is executed again from its request record at boot)
            if (enclosure !== 'request') {
              expect(forged.state.R.d5[1]).toBe(String.fromCharCode(...payload));
              expect(clean.state.R.d5[1]).toBe(String.fromCharCode(...control));
              delete forged.state.R.d5;
              delete clean.state.R.d5;
            }
            expect(forged.state, `${what} at +${pad}`).toEqual(clean.state);
            expect(forged.out).toMatch(/bad data skipped/);
            tried++;
          }
        }
        expect(tried).toBeGreaterThanOrEqual(enclosure === 'request' ? 36 : 24);
      });
    }
  }

  it('the test can tell: a record checked with the page nonce (which a guest cannot know) would be taken', () => {
    const b = new SimBoard({ profile: loadBoard('puckjs'), files: bundleFiles('puckjs'), code: readBundle('puckjs') + HELPERS, stored: true, seed: 3 });
    b.boot();
    const nonce = u32(b.flash.mem, 8); // page 0's header: "cl", 2, 0xFF, seq, nonce, CRC
    const f = record(9, [0, 3, 0], nonce);
    const payload = [...new Array(16).fill(0), ...f].slice(0, 32);
    let aligned = false;
    for (let pad = 0; pad < 4 && !aligned; pad++) {
      const b2 = new SimBoard({ profile: loadBoard('puckjs'), files: bundleFiles('puckjs'), code: readBundle('puckjs') + HELPERS, stored: true, seed: 3 });
      b2.boot();
      const p = [...new Array(pad).fill(0x55), ...f];
      b2.eval(`io(1, 2, 1, 5, new Uint8Array(${JSON.stringify(p)}), "w")`);
      b2.runFor(20);
      b2.powerCut();
      tearAt(b2, 'puckjs', f.slice(0, 8));
      b2.boot('power back');
      aligned = JSON.stringify(JSON.parse(b2.eval('state()')).sets[0].ports) === '[0,1]';
    }
    expect(payload.length).toBe(32);
    expect(aligned).toBe(true);
  });

  it('a binding record that would pass its checks but binds a set past ports 0..7 (to a card\'s port) is not taken', () => {
    const sets = (mask: number, pad: number) => {
      const b = new SimBoard({ profile: loadBoard('puckjs'), files: bundleFiles('puckjs'), code: readBundle('puckjs') + HELPERS, stored: true, seed: 3 });
      b.boot();
      const f = record(9, [0, mask & 255, mask >> 8], u32(b.flash.mem, 8));
      b.eval(`io(1, 2, 1, 5, new Uint8Array(${JSON.stringify([...new Array(pad).fill(0x55), ...f])}), "w")`);
      b.runFor(20);
      b.powerCut();
      tearAt(b, 'puckjs', f.slice(0, 8));
      b.boot('power back');
      return JSON.stringify(JSON.parse(b.eval('state()')).sets[0].ports);
    };
    // (the alignment at which the log reads it: where ports 0 and 1 are taken)
    const pad = [0, 1, 2, 3].find((p) => sets(3, p) === '[0,1]');
    expect(pad).toBeDefined();
    expect(sets(1 << 9, pad!)).toBe('[0]'); // port 9: slot 1's card
    expect(sets(1 | (1 << 9), pad!)).toBe('[0]');
  });
});

// ---------------------------------------------------------------- layout
function variant(f: (p: SimProfile) => void): SimProfile {
  const p = JSON.parse(JSON.stringify(loadBoard('puckjs'))) as SimProfile;
  f(p);
  return p;
}
function start(p: SimProfile, b?: SimBoard) {
  if (b) b.powerCut();
  const sim = directBoard(p, 1, b);
  ringRecover([storageInit()]);
  storageStart();
  return sim;
}
const blockOf = (vol: string, blk: number) => {
  const i = store!.res.findIndex((r) => !!r && r.name === vol);
  const d = store!.res[i]!.data![blk];
  return d ? String.fromCharCode(...d) : undefined;
};

describe('a layout change across a reboot', () => {
  it('volumes and sets are kept by name; what no longer maps is reported, not restored elsewhere; the new layout is written at once', () => {
    const A = loadBoard('puckjs');
    const b = start(A);
    const write = (port: number, vol: number, blk: number, s: string) => submit(port, [new Uint8Array([2, vol, blk, 0]), s]);
    write(0, 0, 6, 'config six');
    write(1, 1, 3, 'data three');
    write(1, 1, 12, 'data twelve');
    bind('apps', [1, 3]);
    b.runFor(50);
    // the next firmware: volumes and sets reordered, "config" shrunk to 4 blocks, a new volume
    // and set, set "system" renamed
    const B = variant((p) => {
      p.resources.volumes = [{ name: 'logs', blocks: 4 }, { name: 'data', blocks: 16 }, { name: 'config', blocks: 4 }];
      p.resources.sets = [{ name: 'apps', resources: ['data'], ports: [2] }, { name: 'boot', resources: ['config'], ports: [0] }, { name: 'logs', resources: ['logs'], ports: [4] }];
    });
    start(B, b);
    const said = b.output.filter((l) => l.includes('layout changed'));
    expect(said.map((l) => l.replace(/^hp [0-9.]+ /, ''))).toEqual([
      'storage: layout changed: volume config: blocks from 4 on are not restored',
      'storage: layout changed: set system: its ports are not restored',
    ]);
    expect(blockOf('data', 3)).toBe('data three');
    expect(blockOf('data', 12)).toBe('data twelve');
    expect(blockOf('config', 6)).toBeUndefined(); // beyond the volume now
    expect(blockOf('logs', 3)).toBeUndefined(); // never written: not config's or data's bytes
    expect(sets()).toEqual([
      { name: 'apps', resources: ['data'], ports: [1, 3] }, // its binding, by name
      { name: 'boot', resources: ['config'], ports: [0] }, // the profile's
      { name: 'logs', resources: ['logs'], ports: [4] },
    ]);
    // a snapshot in the new layout was written at boot: the next boot has nothing to report
    const n = b.output.length;
    start(B, b);
    expect(b.output.slice(n).filter((l) => l.includes('layout changed'))).toEqual([]);
    expect(blockOf('data', 12)).toBe('data twelve');
    expect(sets()[0].ports).toEqual([1, 3]);
  });

  it('another block size: no volume maps, all is reported, nothing is read as the new size', () => {
    const b = start(loadBoard('puckjs'));
    submit(1, [new Uint8Array([2, 1, 3, 0]), 'data three']);
    b.runFor(50);
    start(variant((p) => { p.resources.blockSize = 16; }), b);
    expect(b.output.filter((l) => l.includes('layout changed')).map((l) => l.replace(/^hp [0-9.]+ /, ''))).toEqual([
      'storage: layout changed: volume config (block size 32): its data is not restored',
      'storage: layout changed: volume data (block size 32): its data is not restored',
    ]);
    expect(blockOf('data', 3)).toBeUndefined();
  });
});

// ---------------------------------------------------------------- capacity
describe('the log against its worst case', () => {
  it('admits no more requests than a snapshot of them all can hold: submit says LOG_FULL, never throws', () => {
    const p = loadBoard('puckjs');
    const b = start(p);
    const [bytes, largest] = snapBytes(profile.resources);
    const room = logRoom(profile, bytes, largest);
    expect(room).toBeGreaterThanOrEqual(p.ring.queueSize);
    // full payloads on every port that has no back end: nothing completes
    const big = 'x'.repeat(p.ring.maxPayload);
    let taken = 0;
    const said: number[] = [];
    for (let port = 3; port < 16; port++) {
      for (let i = 0; i < p.ring.queueSize; i++) {
        const r = submit(port, [big]);
        if (r >= 0) taken++;
        else said.push(r);
      }
    }
    expect(taken).toBe(room);
    expect(said.every((r) => r === LOG_FULL || r === QUEUE_FULL)).toBe(true);
    expect(said).toContain(LOG_FULL);
    // every one of them survives a power cut, the snapshots in between included
    start(p, b);
    let held = 0;
    for (let port = 3; port < 16; port++) held += p.ring.queueSize - ringStats(port).free;
    expect(held).toBe(room);
    expect(b.output.join('\n')).not.toMatch(/flash log full|bad data/);
  });

  it('a profile whose log cannot hold one full queue is refused at boot, naming the fields', () => {
    const p = variant((x) => { x.ring = { queueSize: 64, maxPayload: 64 }; });
    const b = directBoard(p, 1);
    expect(() => ringRecover([storageInit()])).toThrow(/^too small: \d+ requests fit, under ring\.queueSize \(flash\.log, flash\.region\)$/);
    expect(b.off).toBe(false);
  });
});
