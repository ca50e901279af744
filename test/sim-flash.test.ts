// NOR flash: writes AND bits, erase restores 0xFF, counters, the region guard, and power cuts
// that tear the interrupted operation.
import { describe, expect, it } from 'vitest';
import { NorFlash, PowerCut, type TearMode } from '../host-sim/flash';
import { SimStorage } from '../host-sim/storage';
import { rng } from '../host-sim/clock';
import { boot } from './helpers';

const geo = { region: { addr: 0x1000, length: 0x2000 }, pageSize: 0x1000, writeAlign: 4, maxWritesPerWord: 2, free: [{ addr: 0x1000, length: 0x2000 }] };

describe('NorFlash', () => {
  it('a write only clears bits; erase sets the page back to 0xFF', () => {
    const f = new NorFlash(geo, rng(1));
    f.write(Uint8Array.from([0x0f, 0xf0, 0xaa, 0x55]), 0x1000);
    f.write(Uint8Array.from([0xf0, 0x0f, 0xff, 0xff]), 0x1000);
    expect([...f.read(4, 0x1000)]).toEqual([0, 0, 0xaa, 0x55]);
    f.erasePage(0x1002);
    expect([...f.read(4, 0x1000)]).toEqual([0xff, 0xff, 0xff, 0xff]);
    expect(f.stats).toMatchObject({ programs: 2, bytesProgrammed: 8, erases: 1, erasesPerPage: [1, 0] });
  });

  it('pads an unaligned write with 0xFF and counts programs per word', () => {
    const f = new NorFlash(geo, rng(1));
    f.write(Uint8Array.from([0x12]), 0x1005);
    expect([...f.read(8, 0x1000)]).toEqual([255, 255, 255, 255, 255, 0x12, 255, 255]);
    f.write(Uint8Array.from([0x02]), 0x1005);
    expect(f.stats.overprogrammed).toBe(0);
    f.write(Uint8Array.from([0x00]), 0x1005); // third program of one word on a 2-write chip
    expect(f.stats.overprogrammed).toBe(1);
  });

  it('refuses access outside the runtime\'s region', () => {
    const f = new NorFlash(geo, rng(1));
    expect(() => f.read(4, 0x0ffe)).toThrow(/outside the runtime's flash region/);
    expect(() => f.write(Uint8Array.from([1]), 0x3000)).toThrow(/outside/);
    expect(() => f.erasePage(0x3000)).toThrow(/outside/);
    expect(f.getPage(0x3000)).toBeUndefined();
    expect(f.getPage(0x1fff)).toEqual({ addr: 0x1000, length: 0x1000 });
  });

  it('a power cut tears the interrupted write: only bits it was clearing change, some may not', () => {
    let partial = 0;
    for (let seed = 1; seed <= 50; seed++) {
      const f = new NorFlash(geo, rng(seed));
      f.write(Uint8Array.from([0xf0, 0xf0, 0xff, 0xff]), 0x1000);
      f.cutAt = f.ops + 1;
      const data = Uint8Array.from([0x0f, 0x00, 0x3c, 0x00]);
      expect(() => f.write(data, 0x1000)).toThrow(PowerCut);
      const old = [0xf0, 0xf0, 0xff, 0xff];
      [...f.read(4, 0x1000)].forEach((v, i) => {
        expect(v & ~old[i] & 0xff, `seed ${seed}`).toBe(0); // never sets a bit
        const cleared = old[i] & ~v;
        expect(cleared & ~(old[i] & ~data[i]), `seed ${seed}`).toBe(0); // only bits the write clears
      });
      if ([...f.read(4, 0x1000)].some((v, i) => v !== (old[i] & data[i]))) partial++;
    }
    expect(partial).toBeGreaterThan(40); // torn, not completed
  });

  it('tear mode bits: the same bits tear, drawn from the seed, as the default', () => {
    const torn = (seed: number, tear?: TearMode) => {
      const f = new NorFlash(geo, rng(seed));
      if (tear) f.tear = tear;
      f.cutAt = 1;
      expect(() => f.write(new Uint8Array(16), 0x1000)).toThrow(PowerCut);
      expect(f.lastTear).toEqual({ op: 1, kind: 'write', mode: 'bits' });
      return [...f.read(16, 0x1000)];
    };
    for (let seed = 1; seed <= 20; seed++) {
      const m = torn(seed, 'bits');
      expect(torn(seed)).toEqual(m);
      // the cleared bits are anywhere in the operation, not a prefix of it: some unit after
      // the first one not fully programmed has bits cleared
      const firstNotDone = [0, 1, 2, 3].find((u) => m.slice(4 * u, 4 * u + 4).some((x) => x !== 0))!;
      expect(m.slice(4 * firstNotDone + 4).some((x) => x !== 0xff), `seed ${seed}`).toBe(true);
    }
  });

  /** a write over old bytes, cut in prefix mode; returns the bytes after it */
  function prefixTear(seed: number, old: number[], data: number[], addr = 0x1000, g = geo) {
    const f = new NorFlash(g, rng(seed));
    f.tear = 'prefix';
    if (old.some((x) => x !== 0xff)) f.write(Uint8Array.from(old), addr);
    f.cutAt = f.ops + 1;
    expect(() => f.write(Uint8Array.from(data), addr)).toThrow(PowerCut);
    return { f, now: [...f.read(data.length, addr)] };
  }
  /** checks the prefix shape: units before `k` programmed, unit k only some of the bits the
   * write clears, the units after it as before; `lead` = bytes of the first unit before addr */
  function expectPrefix(now: number[], old: number[], data: number[], k: number, lead: number, what: string) {
    now.forEach((v, i) => {
      const u = Math.floor((lead + i) / 4);
      const full = old[i] & data[i];
      if (u < k) expect(v, `${what} byte ${i}: programmed`).toBe(full);
      else if (u > k) expect(v, `${what} byte ${i}: untouched`).toBe(old[i]);
      else {
        expect(v & ~old[i] & 0xff, `${what} byte ${i}: never sets a bit`).toBe(0);
        expect(v & full, `${what} byte ${i}: clears only bits the write clears`).toBe(full);
      }
    });
  }
  // every byte 0xF0 before; the write clears the low bits of every byte too
  const OLD = new Array(16).fill(0xf0);
  const DATA = Array.from({ length: 16 }, (_, i) => (i * 37) & 0x0f);

  it('tear mode prefix: whole write units before the cut programmed, one unit partly, the rest as before', () => {
    const partAt = new Set<number>();
    let strictlyPartial = 0;
    for (let seed = 1; seed <= 60; seed++) {
      const { f, now } = prefixTear(seed, OLD, DATA);
      const t = f.lastTear!;
      expect(t).toMatchObject({ op: 2, kind: 'write', mode: 'prefix', units: 4 });
      const k = t.unit!;
      partAt.add(k);
      expectPrefix(now, OLD, DATA, k, 0, `seed ${seed}`);
      const unit = now.slice(4 * k, 4 * k + 4);
      if (unit.some((v) => v !== 0xf0) && unit.some((v) => v !== 0)) strictlyPartial++;
      // the same shape from the bytes alone: some full units, then at most one changed unit
      const changed = [0, 1, 2, 3].filter((u) => now.slice(4 * u, 4 * u + 4).some((v) => v !== 0xf0));
      const full = [0, 1, 2, 3].filter((u) => now.slice(4 * u, 4 * u + 4).every((v) => v === 0));
      expect(full).toEqual([...Array(full.length).keys()]);
      expect(changed.length - full.length).toBeLessThanOrEqual(1);
    }
    expect([...partAt].sort()).toEqual([0, 1, 2, 3]); // the cut falls in every unit
    expect(strictlyPartial).toBeGreaterThan(40); // the unit being programmed is torn
  });

  it('tear mode prefix: an unaligned write tears in the chip\'s units (its padding included)', () => {
    const old = new Array(10).fill(0xf0);
    const data = new Array(10).fill(0x0f);
    const seen = new Set<number>();
    for (let seed = 1; seed <= 40; seed++) {
      const { f, now } = prefixTear(seed, old, data, 0x1006);
      // 0x1004..0x1010: 3 units, the first two bytes of the first are padding
      expect(f.lastTear).toMatchObject({ mode: 'prefix', units: 3 });
      seen.add(f.lastTear!.unit!);
      expectPrefix(now, old, data, f.lastTear!.unit!, 2, `seed ${seed}`);
      expect([...f.read(2, 0x1004)]).toEqual([0xff, 0xff]); // padding programs nothing
    }
    expect([...seen].sort()).toEqual([0, 1, 2]);
  });

  it('tear mode prefix: units the cut write never reached were not programmed (per-word program counts)', () => {
    const g = { ...geo, maxWritesPerWord: 1 };
    for (let seed = 1; seed <= 20; seed++) {
      const { f } = prefixTear(seed, new Array(16).fill(0xff), DATA, 0x1000, g);
      const k = f.lastTear!.unit!;
      if (k < 3) {
        f.write(new Uint8Array(4), 0x1000 + 4 * (k + 1)); // its first program since the erase
        expect(f.stats.overprogrammed, `seed ${seed}`).toBe(0);
      }
      f.write(new Uint8Array(4), 0x1000 + 4 * k); // the torn unit was programmed once already
      expect(f.stats.overprogrammed, `seed ${seed}`).toBe(1);
    }
  });

  it('tears are deterministic per seed, in every mode; "either" draws both modes', () => {
    const run = (seed: number, tear: TearMode | 'either') => {
      const f = new NorFlash(geo, rng(seed));
      f.tear = tear;
      f.write(Uint8Array.from(OLD), 0x1000);
      f.cutAt = 2;
      expect(() => f.write(Uint8Array.from(DATA), 0x1000)).toThrow(PowerCut);
      return { mem: [...f.read(16, 0x1000)], tear: f.lastTear };
    };
    const modes = new Set<string>();
    for (const tear of ['bits', 'prefix', 'either'] as const) {
      const outs = new Set<string>();
      for (let seed = 1; seed <= 20; seed++) {
        const a = run(seed, tear);
        expect(run(seed, tear), `${tear} seed ${seed}`).toEqual(a);
        if (tear !== 'either') expect(a.tear!.mode).toBe(tear);
        else modes.add(a.tear!.mode!);
        outs.add(JSON.stringify(a.mem));
      }
      expect(outs.size, tear).toBeGreaterThan(10); // and differ from seed to seed
    }
    expect([...modes].sort()).toEqual(['bits', 'prefix']);
  });

  describe('Storage writes (a file\'s bytes, in units from the start of the file)', () => {
    function storageTear(seed: number, tear: TearMode) {
      const f = new NorFlash(geo, rng(seed));
      f.tear = tear;
      const st = new SimStorage(4096);
      st.program = (dst, d, pos) => f.storageProgram(dst, d, pos);
      st.onTorn = () => { throw new PowerCut(f.ops); };
      const S = st.api(() => {});
      S.write('f', 'ab', 0, 24); // a 24-byte file, its first 2 bytes written
      f.cutAt = f.ops + 1;
      // bytes 6..17 of the file: units 1 (4..7, from byte 6) to 4 (16..19)
      const data = Array.from({ length: 12 }, (_, i) => 0x41 + i);
      expect(() => S.write('f', String.fromCharCode(...data), 6)).toThrow(PowerCut);
      const now = [...st.files.get('f')!];
      expect(now.slice(0, 6)).toEqual([0x61, 0x62, 0xff, 0xff, 0xff, 0xff]);
      expect(now.slice(18)).toEqual(new Array(6).fill(0xff));
      expect(f.stats.programs).toBe(2);
      return { f, data, now: now.slice(6, 18) };
    }

    it('prefix: the first part written unit by unit, one partial unit, the rest still erased', () => {
      const seen = new Set<number>();
      for (let seed = 1; seed <= 40; seed++) {
        const { f, data, now } = storageTear(seed, 'prefix');
        expect(f.lastTear).toMatchObject({ op: 2, kind: 'storage', mode: 'prefix', units: 4 });
        seen.add(f.lastTear!.unit!);
        expectPrefix(now, new Array(12).fill(0xff), data, f.lastTear!.unit!, 2, `seed ${seed}`);
        expect(storageTear(seed, 'prefix').now).toEqual(now); // deterministic
      }
      expect([...seen].sort()).toEqual([0, 1, 2, 3]);
    });

    it('bits: some of the bits anywhere in the write', () => {
      let notPrefix = 0;
      for (let seed = 1; seed <= 40; seed++) {
        const { f, data, now } = storageTear(seed, 'bits');
        expect(f.lastTear).toEqual({ op: 2, kind: 'storage', mode: 'bits' });
        now.forEach((v, i) => expect(v & data[i], `seed ${seed} byte ${i}`).toBe(data[i]));
        if (now.slice(-4).some((v) => v !== 0xff) && now.slice(0, 4).some((v, i) => v !== data[i])) notPrefix++;
        expect(storageTear(seed, 'bits').now).toEqual(now); // deterministic
      }
      expect(notPrefix).toBeGreaterThan(30);
    });

    it('on a board: a Storage write cut by power loss is torn as the flash\'s mode says', () => {
      for (const tear of ['bits', 'prefix'] as const) {
        const b = boot('var S = require("Storage"); function go() { S.write("f", "0123456789abcdef", 0, 16); }', 'linux', { seed: 5 });
        b.flash.tear = tear;
        b.cutPowerAtFlashOp(1);
        b.eval('setTimeout(go, 1)');
        b.runFor(10);
        expect(b.off).toBe(true);
        expect(b.flash.lastTear).toMatchObject({ kind: 'storage', mode: tear });
        const f = [...b.storage.files.get('f')!];
        const want = [...'0123456789abcdef'].map((c) => c.charCodeAt(0));
        f.forEach((v, i) => expect(v & want[i]).toBe(want[i]));
        if (tear === 'prefix') expectPrefix(f, new Array(16).fill(0xff), want, b.flash.lastTear!.unit!, 0, 'board');
      }
    });
  });

  it('a power cut tears an erase: part of the page is erased', () => {
    const f = new NorFlash(geo, rng(3));
    f.write(new Uint8Array(0x1000), 0x1000);
    f.cutAt = f.ops + 1;
    expect(() => f.erasePage(0x1000)).toThrow(PowerCut);
    const page = f.read(0x1000, 0x1000);
    const erased = page.filter((x) => x === 0xff).length;
    expect(erased).toBeGreaterThan(0);
    expect(erased).toBeLessThan(0x1000);
  });
});

describe('require("Flash") on a board', () => {
  it('getFree and getPage from the profile; bad address types are Espruino\'s error', () => {
    const b = boot('var F = require("Flash");', 'puckjs');
    expect(b.eval('JSON.stringify(F.getFree())')).toBe('[{"addr":417792,"length":24576}]');
    expect(b.eval('JSON.stringify(F.getPage(0x68010))')).toBe('{"addr":425984,"length":4096}');
    expect(() => b.eval('F.erasePage("x")')).toThrow(/Address should be an integer, got String/);
    expect(b.eval('F.read(2, 0x68000) instanceof Uint8Array')).toBe(true);
  });

  it('a power cut at flash operation N halts the board mid-callback; flash survives the reboot', () => {
    const code = 'var F = require("Flash"); var A = 0x68000; function step(i) { F.write(new Uint8Array([i]), A + 4 * i); print("wrote", i); } var i = 0; setInterval(function () { step(i++); }, 10);';
    const b = boot(code, 'puckjs');
    b.cutPowerAtFlashOp(3);
    b.runFor(100);
    expect(b.output).toEqual(['wrote 0', 'wrote 1']);
    expect(b.off).toBe(true);
    expect(b.log.some((e) => /power cut at flash operation 3/.test(e.msg))).toBe(true);
    const before = b.flash.read(12, 0x68000);
    expect(before[0]).toBe(0);
    expect(before[4]).toBe(1);
    b.boot();
    expect(b.flash.read(8, 0x68000)).toEqual(before.slice(0, 8));
  });
});
