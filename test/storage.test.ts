// Storage resources in sets bound to ports (MISSION.md §3), on the built bundle. The linux
// and puckjs profiles: set "system" = volume "config" (8 blocks of 32 bytes) on port 0,
// set "apps" = volume "data" (16 blocks) on ports 1 and 2.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SimBoard } from '../host-sim/board';
import type { TearMode } from '../host-sim/flash';
import { loadBoard } from '../host-sim/profile';
import { cardEeprom, crc32, idRecord, type CardSpec } from '../host-sim/cards';
import { bundlePath, readBundle, bundleFiles } from '../host-sim/scenario';

const bundle = (name: string) => readBundle(name);
// a request from the guest: run it through the ring and record the status and data
const HELPERS = `
var R = {};
function io(port, op, res, blk, data, tag) {
  var h = new Uint8Array([op, res, blk & 255, blk >> 8]);
  cardcage.ring.submit(port, data === undefined ? [h] : [h, data], function (c) { R[tag] = [c.status, E.toString(c.data)]; });
}`;
/** `jsvars`: a bigger board, for a test whose own bookkeeping (R, every result kept) would not
 * fit beside the runtime on the profile's (the simulator runs out of memory where it would) */
function board(name = 'linux', extra = '', seed = 1, jsvars?: number) {
  const profile = loadBoard(name);
  if (jsvars) profile.jsvars = jsvars;
  const b = new SimBoard({ profile, code: bundle(name) + HELPERS + extra, stored: true, seed, files: bundleFiles(name) });
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
    b.eval(`io(1, 3, 1, 0, undefined, "flush"); io(1, 4, 1, 0, undefined, "discard"); io(0, 1, 1, 0, undefined, "denied"); io(1, 2, 1, 0, "", "empty");`);
    b.runFor(50);
    expect(['noent', 'range', 'big', 'short', 'op', 'nodata', 'flush', 'discard', 'denied', 'empty'].map((t) => result(b, t)[0])).toEqual([2, 3, 4, 6, 6, 6, 0, 0, 1, 6]);
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
  const SEED = 4;
  const make = (cut: number, tear: TearMode = 'bits') => {
    const b = new SimBoard({ profile: loadBoard('puckjs'), files: bundleFiles('puckjs'), code: bundle('puckjs') + HELPERS + work, stored: true, seed: SEED });
    if (cut) b.flash.cutAt = cut;
    b.flash.tear = tear;
    b.boot();
    return b;
  };
  const clean = make(0);
  clean.runFor(3000);
  const total = clean.flash.ops;
  const step = Number(process.env.STORAGE_CUT_STEP ?? 3);
  // the cut program is torn in its two shapes in turn (host-sim/flash.ts): some of its bits,
  // or unit by unit with one unit partly; STORAGE_TEAR=bits or prefix runs one at every point
  const only = process.env.STORAGE_TEAR as TearMode | undefined;
  it(`cut at each of the ${total} flash operations of ${n} block writes (step ${step}; torn: ${only ?? 'bits and prefix in turn'}): old or new, never a mix, never another block's`, () => {
    let cuts = 0;
    for (let k = 1; k <= total; k += step) {
      const tear: TearMode = only ?? (cuts++ % 2 ? 'prefix' : 'bits');
      const b = make(k, tear);
      for (let i = 0; i < 100 && !b.off; i++) b.runFor(50);
      expect(b.off, `cut ${k} (tear ${tear}) happened`).toBe(true);
      const cut = b.flash.lastTear;
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
        throw new Error(`power cut at flash operation ${k} (seed ${SEED}, tear ${tear}: ${JSON.stringify(cut)}): ${(e as Error).message}`);
      }
    }
  });
});

describe('seeded fuzzing of request fields', () => {
  for (let seed = 1; seed <= 8; seed++) {
    it(`seed ${seed}: every request completes with the status its fields call for; a set's data changes only from its ports`, () => {
      // ports 3..7 are bound to no set: an application serves them (status 0, no data)
      const b = board('linux', 'for (var p = 3; p < 8; p++) cardcage.ring.serve(p, function (r, done) { done(0); });', seed, 8190);
      let x = seed * 2654435761 >>> 0;
      const rnd = (n: number) => ((x = (Math.imul(x ^ (x >>> 15), 0x2c1b3c6d) + 0x6d2b79f5) >>> 0) % n);
      // linux profile: resource 0 = "config" (8 blocks of 32 bytes, set "system" on port 0),
      // 1 = "data" (16 blocks, set "apps" on ports 1 and 2); no card, so no other resource.
      // The back end's checks in order (firmware/storage/index.ts, serveStorage): a header of
      // 4 bytes (else 6 malformed), a resource (else 2), the port bound to its set (else 1),
      // flush is done (0), an op 1..4 (else 6), a block in range (else 3), a write's data
      // present and not empty (else 6) and at most a block (else 4); then 0.
      const vols = [{ blocks: 8, ports: [0] }, { blocks: 16, ports: [1, 2] }];
      const expected = (port: number, h: number[], dlen: number) => {
        if (port > 2) return 0; // the application's back end
        if (h.length < 4) return 6;
        const [op, id] = h;
        const v = vols[id];
        if (!v) return 2;
        if (!v.ports.includes(port)) return 1;
        if (op === 3) return 0;
        if (op < 1 || op > 4) return 6;
        if ((h[2] | (h[3] << 8)) >= v.blocks) return 3;
        if (op === 2 && dlen <= 0) return 6;
        if (op === 2 && dlen > 32) return 4;
        return 0;
      };
      const sent: { tag: string; status: number; read: boolean }[] = [];
      const seen = new Set<number>();
      for (let i = 0; i < 150; i++) {
        const port = rnd(8);
        const hlen = rnd(6);
        const h = Array.from({ length: hlen }, () => (rnd(3) ? rnd(5) : rnd(256)));
        const dlen = rnd(3) ? rnd(40) : -1;
        const tag = 'f' + i;
        const status = expected(port, h, dlen);
        seen.add(status);
        sent.push({ tag, status, read: port <= 2 && status === 0 && h[0] === 1 });
        b.eval(`cardcage.ring.submit(${port}, [new Uint8Array(${JSON.stringify(h)})${dlen >= 0 ? `, new Uint8Array(${dlen}).fill(${port + 1})` : ''}], function (c) { R["${tag}"] = [c.status, E.toString(c.data)]; })`);
        if (i % 4 === 3) b.runFor(5);
      }
      b.runFor(200);
      expect(b.output.filter((l) => /Uncaught|ERROR/.test(l))).toEqual([]);
      for (const { tag, status, read } of sent) {
        const r = result(b, tag);
        expect(r, tag).not.toBeNull();
        expect(r[0], tag).toBe(status);
        // a volume read returns its whole block; anything else returns no data
        expect(r[1].length, tag).toBe(read ? 32 : 0);
      }
      // the fields reach most of the checks (every seed: 0, 2, 6 and 1 or 3; 4 needs a write of
      // 33..39 bytes that passes every other check: the error test above has it)
      expect(seen.size).toBeGreaterThanOrEqual(4);
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

// A storage card's blocks live in its 24C02 (host-sim/cards.ts: 8-byte pages, a 5 ms write cycle
// during which it NACKs, pages torn by power loss). The back end (firmware/storage/eeprom.ts)
// writes a journal record (16..36), then the block (40 + 16 x block), page by page, each page
// when the chip acknowledges; a journal whose CRC checks is written to its block again when the
// card comes online.
describe('storage card EEPROM: paged, polled, journalled', () => {
  const SLOT = 2; // linux: ID EEPROM at 0x50 on I2C1; resource 16 + 2, port 8 + 2
  const RES = 18;
  const PORT = 10;
  const JOURNAL = 16;
  const BASE = 40;
  const bytes = (s: string) => [...s].map((c) => c.charCodeAt(0));
  const block = (e: { mem: number[] }, blk: number) => e.mem.slice(BASE + 16 * blk, BASE + 16 * blk + 16);
  /** a board with the card in the slot, online */
  const cage = (card: CardSpec, seed = 1) => {
    const b = board('linux', '', seed);
    b.insert(SLOT, card);
    b.runFor(500);
    expect(b.output.some((l) => l.endsWith(`storage: card${SLOT} online on port ${PORT}`))).toBe(true);
    return b;
  };
  /** submit, then run until it completes (at most `ms`): its [status, data] and the time it took */
  const req = (b: SimBoard, op: number, blk: number, data: string | undefined, tag: string, ms = 200) => {
    b.eval(`io(${PORT}, ${op}, ${RES}, ${blk}, ${data === undefined ? 'undefined' : JSON.stringify(data)}, "${tag}")`);
    const t0 = b.clock.now;
    while (!result(b, tag) && b.clock.now - t0 < ms) b.runFor(0.25);
    return { r: result(b, tag) as [number, string] | null, ms: b.clock.now - t0 };
  };
  const data = (v: number) => String.fromCharCode(...Array.from({ length: 16 }, (_, i) => (v * 16 + i) & 0xff));
  const OLD = data(1);
  const NEW = data(2);

  it('13 blocks of 16 bytes read back exactly; each I2C write stays in one page and is made once the chip acknowledges', () => {
    const card = { type: 3, serial: 21 };
    const b = cage(card);
    const e = cardEeprom(card)!;
    const id = e.mem.slice(0, 16);
    // every transaction the chip acknowledged (a NACKed one never reaches it)
    const writes: number[][] = [];
    const write = e.write;
    e.write = (w) => { writes.push(w); write(w); };
    const w0 = req(b, 2, 0, data(3), 'w0');
    expect(w0.r![0]).toBe(0);
    // the journal's 3 pages and the block's 2, each after the write cycle before it
    expect(w0.ms).toBeGreaterThanOrEqual(4 * 5);
    expect(w0.ms).toBeLessThan(40);
    for (let blk = 1; blk < 13; blk++) expect(req(b, 2, blk, data(3 + blk), 'w' + blk).r![0]).toBe(0);
    for (let blk = 0; blk < 13; blk++) expect(req(b, 1, blk, undefined, 'r' + blk).r).toEqual([0, data(3 + blk)]);
    for (const w of writes.filter((x) => x.length > 1)) expect((w[0] & 7) + w.length - 1, `write at ${w[0]}`).toBeLessThanOrEqual(8);
    // the layout: blocks from 40, the journal at 16 naming the last write, the ID record untouched
    for (let blk = 0; blk < 13; blk++) expect(block(e, blk)).toEqual(bytes(data(3 + blk)));
    const rec = [BASE + 16 * 12, ...bytes(data(15))];
    const c = crc32(Uint8Array.from(rec));
    expect(e.mem.slice(JOURNAL, JOURNAL + 21)).toEqual([...rec, c & 255, (c >>> 8) & 255, (c >>> 16) & 255, c >>> 24]);
    expect(e.mem.slice(0, 16)).toEqual(id);
    // a short write is padded with 0xFF; discard erases to 0xFF; block 13 is out of range
    expect(req(b, 2, 4, 'short', 'short').r![0]).toBe(0);
    expect(req(b, 1, 4, undefined, 'rs').r).toEqual([0, 'short' + '\xff'.repeat(11)]);
    expect(req(b, 4, 5, undefined, 'discard').r![0]).toBe(0);
    expect(req(b, 1, 5, undefined, 'rd').r).toEqual([0, '\xff'.repeat(16)]);
    expect(req(b, 1, 13, undefined, 'range').r![0]).toBe(3);
    expect(b.output.filter((l) => /Uncaught|ERROR/.test(l))).toEqual([]);
  });

  it('requests in flight together run one at a time, in order, on both cards of the bus', () => {
    const a = { type: 3, serial: 1 };
    const c = { type: 3, serial: 2 };
    const b = board('linux');
    b.insert(2, a);
    b.insert(3, c);
    b.runFor(500);
    // all submitted at once: the ring starts them all; the EEPROM back end queues them
    b.eval(`io(10, 2, 18, 1, "${'A'.repeat(16)}", "wa"); io(10, 1, 18, 1, undefined, "ra"); io(11, 2, 19, 1, "${'C'.repeat(16)}", "wc");
      io(10, 2, 18, 1, "${'B'.repeat(16)}", "wb"); io(10, 1, 18, 1, undefined, "rb"); io(11, 1, 19, 1, undefined, "rc");`);
    b.runFor(300);
    expect(['wa', 'wc', 'wb'].map((t) => result(b, t)[0])).toEqual([0, 0, 0]);
    expect(result(b, 'ra')).toEqual([0, 'A'.repeat(16)]);
    expect(result(b, 'rb')).toEqual([0, 'B'.repeat(16)]);
    expect(result(b, 'rc')).toEqual([0, 'C'.repeat(16)]);
  });

  // one write of NEW over OLD in block 5 (the journal naming block 2 before it), power cut at
  // every 0.25 ms of it: the card then reads old or new, never a mix, in another cage (no ring
  // log to replay the write) and in this one after a power cycle (the ring replays it)
  const took = (() => {
    const clean = cage({ type: 3 });
    req(clean, 2, 5, OLD, 'old');
    req(clean, 2, 2, 'X'.repeat(16), 'x');
    return req(clean, 2, 5, NEW, 'new').ms;
  })();
  it(`a power cut at every 0.25 ms of a card block write (${took} ms): old or new, never a mix`, () => {
    const seen = { old: 0, new: 0, tornJournal: 0, tornBlock: 0, mixed: 0 };
    let seed = 0;
    for (let t = 0; t <= took + 1; t += 0.25) {
      seed++;
      const card = { type: 3, serial: seed };
      const b = cage(card, seed);
      expect(req(b, 2, 5, OLD, 'old').r![0]).toBe(0);
      expect(req(b, 2, 2, 'X'.repeat(16), 'x').r![0]).toBe(0);
      b.eval(`io(${PORT}, 2, ${RES}, 5, ${JSON.stringify(NEW)}, "new")`);
      b.runFor(t);
      const acked = !!result(b, 'new');
      b.powerCut();
      b.remove(SLOT); // the card goes to another cage
      b.runFor(1);
      const e = cardEeprom(card)!;
      const at = `cut at ${t} ms (seed ${seed})`;
      if (e.torn && e.torn.t === b.clock.now - 1) {
        if (e.torn.addr[0] < BASE) seen.tornJournal++;
        else if (e.torn.programmed.some((p) => !p) && e.torn.programmed.some((p) => p)) seen.tornBlock++;
      }
      const raw = block(e, 5);
      // in another cage: only the card's own recovery
      const other = cage(card, seed + 1000);
      const r = req(other, 1, 5, undefined, 'r').r!;
      expect(r[0], at).toBe(0);
      expect([OLD, NEW], at).toContain(r[1]);
      if (acked) expect(r[1], `${at}: completed before the cut`).toBe(NEW);
      if (r[1] === OLD) seen.old++; else seen.new++;
      expect(req(other, 1, 2, undefined, 'r2').r, at).toEqual([0, 'X'.repeat(16)]);
      expect(e.mem.slice(0, 14), at).toEqual(idRecord(3, seed));
      // back in this cage, power on again: the ring replays the write, after the recovery
      other.remove(SLOT);
      other.runFor(100);
      b.insert(SLOT, card);
      b.boot();
      b.runFor(600);
      const again = req(b, 1, 5, undefined, 'again').r!;
      expect(again[0], at).toBe(0);
      expect([OLD, NEW], at).toContain(again[1]);
      // left a mix on the chip by the cut: the journal put it right
      const s = String.fromCharCode(...raw);
      if (s !== OLD && s !== NEW) seen.mixed++;
    }
    // every path was taken: cuts before and after the journal was whole, pages torn in both
    expect(seen.old).toBeGreaterThan(3);
    expect(seen.new).toBeGreaterThan(3);
    expect(seen.tornJournal).toBeGreaterThan(3);
    expect(seen.tornBlock).toBeGreaterThan(3);
    expect(seen.mixed).toBeGreaterThan(3);
  });

  it('a card pulled out at any moment of a write: the request completes (gone or I/O error), never hangs; put back, the block reads old or new', () => {
    const statuses = new Set<number>();
    for (let t = 0; t <= took + 1; t += 1) {
      for (const bounce of [undefined, { pairs: 2, ms: 8 }]) {
        const card = { type: 3, serial: 100 + t };
        const b = cage(card, 50 + t);
        expect(req(b, 2, 5, OLD, 'old').r![0]).toBe(0);
        b.eval(`io(${PORT}, 2, ${RES}, 5, ${JSON.stringify(NEW)}, "new")`);
        b.runFor(t);
        const acked = !!result(b, 'new');
        b.remove(SLOT, bounce);
        b.runFor(300);
        const at = `pulled at ${t} ms${bounce ? ' with bounce' : ''}`;
        const r = result(b, 'new');
        expect(r, at).not.toBeNull();
        expect(acked ? [0] : [0, 5, 7], at).toContain(r[0]);
        statuses.add(r[0]);
        expect(req(b, 1, 5, undefined, 'gone').r, at).toEqual([7, '']);
        b.insert(SLOT, card);
        b.runFor(500);
        const back = req(b, 1, 5, undefined, 'back').r!;
        expect(back[0], at).toBe(0);
        expect([OLD, NEW], at).toContain(back[1]);
        if (r[0] === 0) expect(back[1], at).toBe(NEW);
      }
    }
    expect(statuses.has(5) || statuses.has(7)).toBe(true);
  });

  it('writes queued for a card that was pulled out never reach the card put in after it', () => {
    const a = { type: 3, serial: 1 };
    const c = { type: 3, serial: 2 };
    const b = cage(a);
    // a full queue of writes (8 descriptors, 2 a chain), then the card is gone at once; another
    // card goes in soon after, while the writes would still be polling the first one
    b.eval(`for (var i = 0; i < 4; i++) io(${PORT}, 2, ${RES}, 7, "${'Q'.repeat(16)}", "q" + i);`);
    b.runFor(1);
    b.remove(SLOT);
    b.runFor(30);
    b.insert(SLOT, c);
    b.runFor(800);
    expect(b.output.filter((l) => l.endsWith(`storage: card${SLOT} online on port ${PORT}`)).length).toBe(2);
    const st = Array.from({ length: 4 }, (_, i) => result(b, 'q' + i)[0]);
    expect(st).toEqual([7, 7, 7, 7]);
    expect(block(cardEeprom(c)!, 7)).toEqual(new Array(16).fill(0xff));
    expect(req(b, 1, 7, undefined, 'r').r).toEqual([0, '\xff'.repeat(16)]);
  });
});
