// Storage resources in sets bound to ports (MISSION.md §3), on the built bundle. The linux
// and puckjs profiles: set "system" = volume "config" (8 blocks of 32 bytes) on port 0,
// set "apps" = volume "data" (16 blocks) on ports 1 and 2.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SimBoard } from '../host-sim/board';
import { loadBoard } from '../host-sim/profile';
import { bundlePath } from '../host-sim/scenario';

const bundle = (name: string) => readFileSync(bundlePath(name), 'utf8');
// a request from the guest: run it through the ring and record the status and data
const HELPERS = `
var R = {};
function io(port, op, res, blk, data, tag) {
  var h = new Uint8Array([op, res, blk & 255, blk >> 8]);
  cardcage.ring.submit(port, data === undefined ? [h] : [h, data], function (c) { R[tag] = [c.status, E.toString(c.data)]; });
}`;
function board(name = 'linux', extra = '', seed = 1) {
  const b = new SimBoard({ profile: loadBoard(name), code: bundle(name) + HELPERS + extra, seed });
  b.boot();
  return b;
}
const result = (b: SimBoard, tag: string) => JSON.parse(b.eval(`JSON.stringify(R[${JSON.stringify(tag)}] || null)`));
const fill = (n: number, v: number) => String.fromCharCode(...new Array(n).fill(v));

describe('storage sets bound to ports', () => {
  it('the full access matrix: every port x every set, reads and writes; a denied write changes nothing', () => {
    const b = board();
    const res = { config: 0, data: 1 };
    const allowed: Record<string, number[]> = { config: [0], data: [1, 2] };
    for (let port = 0; port < 8; port++) {
      for (const [name, id] of Object.entries(res)) {
        b.eval(`io(${port}, 2, ${id}, 3, "${'p' + port}", "w${port}${name}")`);
        b.eval(`io(${port}, 1, ${id}, 3, undefined, "r${port}${name}")`);
      }
    }
    b.runFor(100);
    for (let port = 0; port < 8; port++) {
      for (const name of Object.keys(res)) {
        if (port > 2) {
          // bound to no set: the storage back end does not serve the port; its chains wait
          // for the application's own back end
          expect(result(b, `w${port}${name}`), `write ${name} from port ${port}`).toBeNull();
          continue;
        }
        const ok = allowed[name].includes(port);
        expect(result(b, `w${port}${name}`)[0], `write ${name} from port ${port}`).toBe(ok ? 0 : 1);
        expect(result(b, `r${port}${name}`)[0], `read ${name} from port ${port}`).toBe(ok ? 0 : 1);
        if (!ok) expect(result(b, `r${port}${name}`)[1], 'a denied read returns nothing').toBe('');
      }
    }
    for (let port = 3; port < 8; port++) expect(b.eval(`cardcage.ring.stats(${port}).waiting`)).toBe(4);
    // the last allowed write wins; denied and unserved ones never touched the block
    b.eval('io(0, 1, 0, 3, undefined, "final-config"); io(1, 1, 1, 3, undefined, "final-data");');
    b.runFor(50);
    expect(result(b, 'final-config')[1].replace(/\0+$/, '')).toBe('p0');
    expect(result(b, 'final-data')[1].replace(/\0+$/, '')).toBe('p2');
    // an application's back end on port 5, registered late, receives that port's chains
    b.eval('cardcage.ring.serve(5, function (r, done) { done(9, "app" + r.bufs[0][0]); });');
    b.runFor(20);
    expect(result(b, 'w5data')).toEqual([9, 'app2']);
    expect(result(b, 'r5config')).toEqual([9, 'app1']);
  });

  it('each error has its own status', () => {
    const b = board();
    b.eval(`io(1, 1, 9, 0, undefined, "noent"); io(1, 1, 1, 16, undefined, "range"); io(1, 2, 1, 0, "${fill(33, 65)}", "big");
      cardcage.ring.submit(1, [new Uint8Array([1, 1])], function (c) { R.short = [c.status, ""]; }); io(1, 9, 1, 0, undefined, "op"); io(1, 2, 1, 0, undefined, "nodata");`);
    b.runFor(10); // 8 descriptors per queue
    b.eval(`io(1, 3, 1, 0, undefined, "flush"); io(1, 4, 1, 0, undefined, "discard"); io(0, 1, 1, 0, undefined, "denied");`);
    b.runFor(50);
    expect(['noent', 'range', 'big', 'short', 'op', 'nodata', 'flush', 'discard', 'denied'].map((t) => result(b, t)[0])).toEqual([2, 3, 4, 6, 6, 6, 0, 0, 1]);
  });

  it('discard: the block reads back as zeros; flush completes', () => {
    const b = board();
    b.eval(`io(1, 2, 1, 5, "hello", "w"); io(1, 4, 1, 5, undefined, "d"); io(1, 1, 1, 5, undefined, "r");`);
    b.runFor(50);
    expect(result(b, 'r')).toEqual([0, fill(32, 0)]);
  });

  it('re-binding while requests are in flight: they meet the binding in force when the back end takes them', () => {
    const b = board();
    b.eval(`io(2, 2, 1, 0, "before", "a"); cardcage.storage.bind("apps", [1]); cardcage.storage.bind("system", [0, 2]); io(2, 2, 1, 0, "after", "b"); io(1, 1, 1, 0, undefined, "r");`);
    b.runFor(50);
    expect([result(b, 'a')[0], result(b, 'b')[0]]).toEqual([1, 1]);
    expect(result(b, 'r')).toEqual([0, fill(32, 0)]);
    expect(JSON.parse(b.eval('JSON.stringify(cardcage.storage.sets())'))).toEqual([{ name: 'system', resources: ['config'], ports: [0, 2] }, { name: 'apps', resources: ['data'], ports: [1] }]);
    expect(() => b.eval('cardcage.storage.bind("nope", [1])')).toThrow(/no set named nope/);
    expect(() => b.eval('cardcage.storage.bind("apps", [9])')).toThrow(/ports are 0\.\.7, got 9/);
  });

  it('bindings and data survive a reboot and a power cut', () => {
    const b = board('puckjs');
    b.eval(`cardcage.storage.bind("apps", [3, 4]); io(3, 2, 1, 7, "kept", "w");`);
    b.runFor(50);
    b.reboot('reset button');
    b.runFor(50);
    b.powerCut();
    b.boot();
    b.eval(`io(3, 1, 1, 7, undefined, "r3"); io(0, 1, 1, 7, undefined, "r0"); io(1, 1, 1, 7, undefined, "r1");`);
    b.runFor(50);
    expect(result(b, 'r3')[1].replace(/\0+$/, '')).toBe('kept');
    expect(result(b, 'r0')[0]).toBe(1);
    expect(result(b, 'r1')).toBeNull(); // port 1 is bound to no set any more: no storage back end
    expect(b.eval('JSON.stringify(cardcage.storage.sets()[1].ports)')).toBe('[3,4]');
  });
});

describe('volume writes through power loss', () => {
  // Writes of versioned blocks (every byte = the version, byte 0 = the block), cut at every
  // flash operation: afterwards every block holds one whole version (old or new), of itself.
  const n = 120;
  const work = `
var P = 1;
cardcage.ring.onComplete(P, function (c) { if (c.status) print("FAIL " + c.id + " " + c.status); else print("DONE " + c.id); });
setInterval(function () { var s = cardcage.ring.stats(P); if (s.nextId < ${n} && s.free > 0) {
  var v = s.nextId, blk = v % 5, d = new Uint8Array(32); d.fill(v + 1); d[0] = blk;
  cardcage.ring.submit(P, [new Uint8Array([2, 1, blk, 0]), d]); } }, 2);`;
  const make = (cut: number) => {
    const b = new SimBoard({ profile: loadBoard('puckjs'), code: bundle('puckjs') + HELPERS + work, seed: 4 });
    if (cut) b.flash.cutAt = cut;
    b.boot();
    return b;
  };
  const clean = make(0);
  clean.runFor(3000);
  const total = clean.flash.ops;
  const step = Number(process.env.STORAGE_CUT_STEP ?? 3);
  it(`cut at each of the ${total} flash operations of ${n} block writes (step ${step}): old or new, never a mix, never another block's`, () => {
    for (let k = 1; k <= total; k += step) {
      const b = make(k);
      for (let i = 0; i < 100 && !b.off; i++) b.runFor(50);
      expect(b.off).toBe(true);
      const pre = b.output.slice();
      const lastDone = new Map<number, number>();
      pre.filter((l) => l.startsWith('DONE ')).forEach((l) => { const v = Number(l.split(' ')[1]); lastDone.set(v % 5, Math.max(lastDone.get(v % 5) ?? -1, v)); });
      b.boot('power back');
      b.runFor(3000);
      b.eval('for (var i = 0; i < 5; i++) io(1, 1, 1, i, undefined, "b" + i);');
      b.runFor(50);
      try {
        expect(b.output.filter((l) => /FAIL|Uncaught/.test(l))).toEqual([]);
        for (let blk = 0; blk < 5; blk++) {
          const [st, data] = result(b, 'b' + blk);
          expect(st).toBe(0);
          const bytes = [...data].map((c) => c.charCodeAt(0));
          expect(bytes[0]).toBe(blk);
          const v = bytes[1];
          expect(bytes.slice(1).every((x) => x === v)).toBe(true); // one whole version
          expect(v - 1).toBeGreaterThanOrEqual(lastDone.get(blk) ?? -1); // not older than acknowledged
          expect((v - 1) % 5).toBe(blk); // its own data
        }
      } catch (e) {
        throw new Error(`power cut at flash operation ${k}: ${(e as Error).message}`);
      }
    }
  });
});

describe('seeded fuzzing of request fields', () => {
  for (let seed = 1; seed <= 8; seed++) {
    it(`seed ${seed}: every request completes with a defined status; a set's data changes only from its ports`, () => {
      // ports 3..7 are bound to no set: an application serves them (status 0, no data)
      const b = board('linux', 'for (var p = 3; p < 8; p++) cardcage.ring.serve(p, function (r, done) { done(0); });', seed);
      let x = seed * 2654435761 >>> 0;
      const rnd = (n: number) => ((x = (Math.imul(x ^ (x >>> 15), 0x2c1b3c6d) + 0x6d2b79f5) >>> 0) % n);
      const sent: string[] = [];
      for (let i = 0; i < 150; i++) {
        const port = rnd(8);
        const hlen = rnd(6);
        const h = Array.from({ length: hlen }, () => (rnd(3) ? rnd(5) : rnd(256)));
        const dlen = rnd(3) ? rnd(40) : -1;
        const tag = 'f' + i;
        sent.push(tag);
        b.eval(`cardcage.ring.submit(${port}, [new Uint8Array(${JSON.stringify(h)})${dlen >= 0 ? `, new Uint8Array(${dlen}).fill(${port + 1})` : ''}], function (c) { R["${tag}"] = [c.status, E.toString(c.data)]; })`);
        if (i % 4 === 3) b.runFor(5);
      }
      b.runFor(200);
      expect(b.output.filter((l) => /Uncaught|ERROR/.test(l))).toEqual([]);
      for (const t of sent) {
        const r = result(b, t);
        expect(r, t).not.toBeNull();
        expect(r[0]).toBeGreaterThanOrEqual(0);
        expect(r[0]).toBeLessThanOrEqual(7);
      }
      // every byte written to "config" came from port 0, to "data" from port 1 or 2
      // (8 descriptors per queue: the reads go in rounds)
      b.eval('for (var i = 0; i < 8; i++) io(0, 1, 0, i, undefined, "c" + i); for (var j = 0; j < 8; j++) io(1, 1, 1, j, undefined, "d" + j);');
      b.runFor(20);
      b.eval('for (var j = 8; j < 16; j++) io(1, 1, 1, j, undefined, "d" + j);');
      b.runFor(50);
      for (let i = 0; i < 8; i++) expect([...result(b, 'c' + i)[1]].every((c: string) => c === '\0' || c === '\x01')).toBe(true);
      for (let j = 0; j < 16; j++) expect([...result(b, 'd' + j)[1]].every((c: string) => c === '\0' || c === '\x02' || c === '\x03')).toBe(true);
    });
  }
});

describe('storage cards follow hot-plug', () => {
  it('a storage card brings a resource on its own port; removed, its requests complete with "gone"', () => {
    const b = board('linux');
    const card = { type: 3, serial: 5 };
    b.insert(2, card);
    b.runFor(500);
    expect(b.output.some((l) => / s2 storage: card2 online on port 10$/.test(l))).toBe(true);
    b.eval(`io(10, 2, 18, 4, "on the card", "w"); io(10, 1, 18, 4, undefined, "r"); io(1, 1, 18, 4, undefined, "denied");`);
    b.runFor(50);
    expect(result(b, 'w')[0]).toBe(0);
    expect(result(b, 'r')[1].replace(/\xff+$/, '')).toBe('on the card');
    expect(result(b, 'denied')[0]).toBe(1);
    b.remove(2);
    b.runFor(100);
    b.eval('io(10, 1, 18, 4, undefined, "gone")');
    b.runFor(50);
    expect(result(b, 'gone')[0]).toBe(7);
    b.insert(2, card); // the same card: its EEPROM kept the data
    b.runFor(500);
    b.eval('io(10, 1, 18, 4, undefined, "again")');
    b.runFor(50);
    expect(result(b, 'again')).toEqual([0, 'on the card' + '\xff'.repeat(5)]);
  });
});
