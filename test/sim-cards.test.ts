// The card model: bouncing card-detect contacts, identity lines, power enable, power good and
// sensors, seen through the Espruino API as the firmware will see them.
import { describe, expect, it } from 'vitest';
import { crc32, idRecord } from '../host-sim/cards';
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
