// The card model: bouncing card-detect contacts, identity lines, power enable, power good and
// sensors, seen through the Espruino API as the firmware will see them.
import { describe, expect, it } from 'vitest';
import { cardEeprom, crc32, eeprom, EEPROM_TWR_MS, idRecord, type CardSpec } from '../host-sim/cards';
import { boot } from './helpers';

describe('cards in slots (linux profile: detect active high; slot0 ID pins, slot1 ID resistor, slot2/3 ID EEPROM)', () => {
  it('insert bounces the detect contact and ends present; removal ends absent', () => {
    const b = boot('pinMode(D1, "input_pulldown"); var ev = []; setWatch(function (e) { ev.push(e.state ? 1 : 0); }, D1, { repeat: true, edge: "both" });', 'linux', { seed: 5 });
    b.insert(0, { type: 5 }, { pairs: 3, ms: 8 });
    b.runFor(20);
    expect(b.eval('ev.length')).toBe(7); // make, then 3 break/make pairs
    expect(b.eval('digitalRead(D1)')).toBe(1); // active high: present
    b.remove(0, [0, 1, 2]);
    b.runFor(20);
    expect(b.eval('digitalRead(D1)')).toBe(0);
    expect(b.eval('ev[ev.length - 1]')).toBe(0);
  });

  it('the same seed gives the same bounce, another seed another one', () => {
    const times = (seed: number) => {
      const b = boot('pinMode(D1, "input_pulldown"); var t = []; setWatch(function (e) { t.push(e.time); }, D1, { repeat: true, edge: "both" });', 'linux', { seed });
      b.insert(0, { type: 1 }, { pairs: 4, ms: 10 });
      b.runFor(20);
      return b.eval('JSON.stringify(t)');
    };
    expect(times(9)).toBe(times(9));
    expect(times(9)).not.toBe(times(10));
  });

  it('a bounce that is still going on when a removal starts ends at the removal', () => {
    const b = boot('pinMode(D1, "input_pulldown");');
    b.insert(0, { type: 1 }, { pairs: 5, ms: 50 });
    b.runFor(3);
    b.remove(0);
    b.runFor(100);
    expect(b.eval('digitalRead(D1)')).toBe(0);
  });

  it('ID pins carry the type bits while the card is in', () => {
    const b = boot('');
    b.insert(0, { type: 0b101 });
    b.runFor(1);
    expect(b.eval('[digitalRead(D10), digitalRead(D11), digitalRead(D12)].join()')).toBe('1,0,1');
    b.remove(0);
    b.runFor(1);
    expect(b.eval('[digitalRead(D10), digitalRead(D11), digitalRead(D12)].join()')).toBe('0,0,0');
  });

  it('an ID resistor reads inside the band of the card\'s type', () => {
    const b = boot('');
    b.insert(1, { type: 3 });
    b.runFor(1);
    const v = b.eval('analogRead(D13)');
    expect(v).toBeGreaterThanOrEqual(0.45);
    expect(v).toBeLessThanOrEqual(0.55);
  });

  it('an ID EEPROM answers on I2C with a record whose CRC checks; no card: NACK', () => {
    const b = boot('I2C1.setup({ scl: D30, sda: D31 }); function id() { I2C1.writeTo(0x50, 0); return I2C1.readFrom(0x50, 14); }');
    expect(() => b.eval('id()')).toThrow(/I2C got NACK/);
    b.insert(2, { type: 7, serial: 0x12345678, capabilities: 3 });
    b.runFor(1);
    const bytes: number[] = Array.from(b.eval('id()'));
    expect(bytes).toEqual(idRecord(7, 0x12345678, 3));
    expect(bytes.slice(0, 4)).toEqual([0x43, 0x43, 1, 7]);
    const crc = bytes[10] | (bytes[11] << 8) | (bytes[12] << 16) | (bytes[13] << 24);
    expect(crc >>> 0).toBe(crc32(Uint8Array.from(bytes.slice(0, 10))));
    expect(b.eval('E.CRC32(new Uint8Array(id().buffer, 0, 10))')).toBe(crc >>> 0);
  });

  it('I2C before setup is an error', () => {
    const b = boot('');
    expect(() => b.eval('I2C1.readFrom(0x50, 1)')).toThrow(/I2C1 not set up/);
  });

  it('power enable powers the card; power good follows; sensors answer while powered', () => {
    const b = boot('I2C1.setup({ scl: D30, sda: D31 });');
    b.insert(2, { type: 2, sensors: { temperature: 31.5, volts: 3.3 }, powerGoodDelayMs: 20 });
    b.runFor(1);
    expect(b.slots[2].powered).toBe(false);
    b.eval('digitalWrite(D15, 1)');
    expect(b.slots[2].powered).toBe(true);
    expect(b.eval('digitalRead(D17)')).toBe(0);
    b.runFor(25);
    expect(b.eval('digitalRead(D17)')).toBe(1);
    // sensor device at 0x48 + slot index: register 0 = temperature x100
    expect(b.eval('I2C1.writeTo(0x4a, 0); var r = I2C1.readFrom(0x4a, 2); (r[0] << 8) | r[1]')).toBe(3150);
    b.remove(2);
    b.runFor(1);
    expect(b.slots[2].powered).toBe(false);
    expect(b.eval('digitalRead(D17)')).toBe(0);
    expect(() => b.eval('I2C1.readFrom(0x4a, 2)')).toThrow(/NACK/);
  });
});

// The 24C02 model (host-sim/cards.ts, eeprom()): the firmware's EEPROM code is only as right as
// this model is faithful, so its paging, write cycle and power loss are pinned here first.
describe('the card EEPROM is a 24C02: 8-byte pages, a 5 ms write cycle, torn by power loss', () => {
  const I2C = 'I2C1.setup({ scl: D30, sda: D31 }); function rd(at, n) { I2C1.writeTo(0x50, at); return [].slice.call(I2C1.readFrom(0x50, n)); }';
  const blank = () => new Array(256).fill(0xff);
  const card = (): CardSpec => ({ type: 3, eeprom: idRecord(3, 7) });
  /** a board with `c` in slot 2 (ID EEPROM at 0x50 on I2C1) */
  const withCard = (c: CardSpec, seed = 1) => {
    const b = boot(I2C, 'linux', { seed });
    b.insert(2, c);
    b.runFor(1);
    return b;
  };
  const range = (a: number, n: number) => Array.from({ length: n }, (_, i) => a + i);

  it('data bytes wrap within their 8-byte page: the address\'s bits 0-2 roll over, bits 3-7 stay', () => {
    const e = eeprom([]);
    // 16 bytes from 0x20: the second 8 overwrite the first in page 0x20..0x27; 0x28.. untouched
    e.write([0x20, ...range(1, 16)]);
    expect(e.mem.slice(0x20, 0x28)).toEqual(range(9, 8));
    expect(e.mem.slice(0x28, 0x30)).toEqual(new Array(8).fill(0xff));
    // 4 bytes from 0x1e: 0x1e, 0x1f, then 0x18, 0x19 (not 0x20)
    e.write([0x1e, 0xa1, 0xa2, 0xa3, 0xa4]);
    expect([e.mem[0x1e], e.mem[0x1f], e.mem[0x18], e.mem[0x19], e.mem[0x20]]).toEqual([0xa1, 0xa2, 0xa3, 0xa4, 9]);
    // the address pointer after a write: the next address within the page; a read then streams
    // on across pages, and rolls over from 255 to 0
    expect(e.read(3)).toEqual([0xff, 0xff, 0xff]); // 0x1a..0x1c
    e.write([0xfe]);
    expect(e.read(3)).toEqual([0xff, 0xff, e.mem[0]]);
  });

  it('through I2C1: a page write is seen only after its write cycle; meanwhile the chip NACKs writeTo and readFrom', () => {
    const c = card();
    const b = withCard(c);
    b.eval('I2C1.writeTo(0x50, [0x30, 1, 2, 3, 4, 5, 6, 7, 8])');
    const t0 = b.clock.now;
    expect(() => b.eval('rd(0x30, 8)')).toThrow(/I2C got NACK/);
    expect(() => b.eval('I2C1.writeTo(0x50, [0x38, 9])')).toThrow(/I2C got NACK/);
    b.runUntil(t0 + EEPROM_TWR_MS - 0.01);
    expect(() => b.eval('I2C1.readFrom(0x50, 1)')).toThrow(/I2C got NACK/);
    b.runUntil(t0 + EEPROM_TWR_MS);
    expect(b.eval('rd(0x30, 9)')).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 0xff]); // the NACKed byte was not written
    // setting the address (a random read's dummy write) starts no write cycle
    b.eval('I2C1.writeTo(0x50, 0x30)');
    expect(b.eval('I2C1.readFrom(0x50, 2).length')).toBe(2);
    // acknowledge polling: try until the chip answers; each try costs virtual time
    b.eval('I2C1.writeTo(0x50, [0x40, 0xaa])');
    const t1 = b.clock.now;
    let polls = 0;
    for (;;) {
      try { b.eval('I2C1.writeTo(0x50, 0x40)'); break; } catch { polls++; b.runFor(0.5); }
    }
    expect(b.clock.now - t1).toBe(EEPROM_TWR_MS);
    expect(polls).toBe(10);
    expect(cardEeprom(c)!.torn).toBeUndefined();
  });

  it('power cut during the write cycle: the page is torn (each byte old or new), the same way for the same seed', () => {
    const cut = (seed: number, ms: number) => {
      const c = card();
      const b = withCard(c, seed);
      b.eval('I2C1.writeTo(0x50, [0x48, 0, 0, 0, 0, 0, 0, 0, 0])');
      b.runFor(ms);
      b.powerCut();
      const e = cardEeprom(c)!;
      return { bytes: e.mem.slice(0x48, 0x50), torn: e.torn, rest: e.mem.slice(0x50) };
    };
    let mixed = 0;
    const programmed = { early: 0, late: 0 };
    for (let seed = 1; seed <= 30; seed++) {
      const a = cut(seed, 2.5);
      expect(a).toEqual(cut(seed, 2.5)); // deterministic per seed
      expect(a.torn!.addr).toEqual(range(0x48, 8));
      a.bytes.forEach((v, i) => expect(v).toBe(a.torn!.programmed[i] ? 0 : 0xff));
      expect(a.rest).toEqual(blank().slice(0x50)); // nothing outside the page
      if (a.bytes.includes(0) && a.bytes.includes(0xff)) mixed++;
      // the later the cut, the more of the page is programmed
      programmed.early += cut(seed, 0.5).bytes.filter((v) => v === 0).length;
      programmed.late += cut(seed, 4.5).bytes.filter((v) => v === 0).length;
    }
    expect(mixed).toBeGreaterThan(25);
    expect(programmed.late).toBeGreaterThan(programmed.early * 3);
    // a cut once the cycle is over tears nothing
    const done = cut(1, EEPROM_TWR_MS);
    expect(done.torn).toBeUndefined();
    expect(done.bytes).toEqual(new Array(8).fill(0));
  });

  it('the card pulled out during the write cycle: torn, and kept so when it goes in again; a reset (E.reboot) does not cut the card\'s power', () => {
    const c = card();
    const b = withCard(c, 3);
    b.eval('I2C1.writeTo(0x50, [0x60, 1, 2, 3, 4, 5, 6, 7, 8])');
    b.runFor(2);
    b.remove(2);
    b.runFor(1);
    const e = cardEeprom(c)!;
    expect(e.torn?.t).toBe(b.clock.now - 1);
    const torn = e.mem.slice(0x60, 0x68);
    expect(torn).toEqual([1, 2, 3, 4, 5, 6, 7, 8].map((v, i) => (e.torn!.programmed[i] ? v : 0xff)));
    b.insert(2, c);
    b.runFor(1);
    expect(b.eval('rd(0x60, 8)')).toEqual(torn);
    expect(b.eval('rd(0, 14)')).toEqual(idRecord(3, 7)); // the ID record untouched
    // a reset is not a power loss: the write cycle completes
    b.eval('I2C1.writeTo(0x50, [0x70, 1, 2, 3, 4, 5, 6, 7, 8])');
    b.runFor(1);
    b.reboot('reset');
    b.runFor(5);
    expect(e.mem.slice(0x70, 0x78)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
  });
});
