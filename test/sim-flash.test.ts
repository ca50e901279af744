// NOR flash: writes AND bits, erase restores 0xFF, counters, the region guard, and power cuts
// that tear the interrupted operation.
import { describe, expect, it } from 'vitest';
import { NorFlash, PowerCut } from '../host-sim/flash';
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
