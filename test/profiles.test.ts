import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BOARDS_DIR, boardNames, firmwareProfile, loadBoard, ProfileError, validateProfile } from '../host-sim/profile';
import { TIMING_ORDER } from '../firmware/profile';
import { bootBundle } from './helpers';

const raw = (name: string) => JSON.parse(readFileSync(join(BOARDS_DIR, name + '.json'), 'utf8'));

describe('board profiles', () => {
  it('has the boards the product supports', () => {
    expect(boardNames()).toEqual(expect.arrayContaining(['pico', 'espruino-wifi', 'puckjs', 'mdbt42q', 'esp32', 'linux']));
  });
  for (const b of boardNames()) {
    it(`${b} validates, and its region is whole pages outside Storage (or says it is not)`, () => {
      const p = loadBoard(b);
      const r = p.flash.region;
      expect(r.addr % p.flash.pageSize).toBe(0);
      expect(r.length % p.flash.pageSize).toBe(0);
      const s = p.flash.storage;
      expect(r.addr + r.length <= s.addr || s.addr + s.length <= r.addr).toBe(!p.flash.sharedWithStorage);
    });
  }
  it('linux matches Espruino\'s Linux build: D0-D32, 1 KB pages inside 256 KB at 0x10000000', () => {
    const p = loadBoard('linux');
    expect(p.pins).toEqual(Array.from({ length: 33 }, (_, i) => 'D' + i));
    expect(p.flash.pageSize).toBe(1024);
    expect(p.flash.free).toEqual([{ addr: 0x10000000, length: 0x40000 }]);
  });
});

// Each bad profile is refused with a message that names the field.
const cases: [string, (p: any) => void, RegExp][] = [
  ['missing field', (p) => delete p.jsvars, /\(top level\): must have required property 'jsvars'/],
  ['wrong type', (p) => (p.jsvars = 'lots'), /jsvars: must be integer/],
  ['unknown field', (p) => (p.colour = 'red'), /must NOT have additional properties "colour"/],
  ['bad pin name', (p) => (p.slots[0].led = 'Q99'), /slots\.0\.led: must match pattern/],
  ['bad hex', (p) => (p.flash.region.addr = '0xZZ'), /flash\.region\.addr/],
  ['unknown family', (p) => (p.family = 'z80'), /family: must be equal to one of the allowed values/],
  ['region overlaps Storage', (p) => { delete p.flash.sharedWithStorage; }, /flash\.region: overlaps flash\.storage/],
  ['sharedWithStorage without an overlap', (p) => { p.flash.storage.length = '0x1000'; }, /flash\.sharedWithStorage: is set but the region does not overlap/],
  ['log in the raw region where it lies inside Storage', (p) => { delete p.flash.log; }, /flash\.log: required where the region lies inside Storage/],
  ['log files over half of Storage', (p) => { p.flash.log.files = 32; p.flash.log.fileSize = 16384; }, /flash\.log: 32 files of 16384 bytes take more than half of Storage/],
  ['log file size not a power of two', (p) => { p.flash.log.fileSize = 3000; }, /flash\.log\.fileSize: must be a power of two/],
  ['region outside free flash', (p) => { p.flash.region.addr = '0x70000000'; delete p.flash.sharedWithStorage; }, /flash\.region: is not inside any flash\.free area/],
  ['region not whole pages', (p) => { p.flash.region.length = '0x1100'; }, /flash\.region: must be whole pages/],
  ['region of one page', (p) => { delete p.flash.log; delete p.flash.sharedWithStorage; p.flash.region = { addr: p.flash.free[0].addr, length: p.flash.pageSize }; }, /flash\.region: must be two pages at least/],
  ['page size not a power of two', (p) => { p.flash.pageSize = 3000; }, /flash\.pageSize: must be a power of two/],
  ['pin not on the board', (p) => (p.slots[0].led = 'D40'), /slots\.0\.led: pin D40 is not one of this board's pins/],
  ['pin used twice', (p) => (p.slots[1].led = p.slots[0].led), /slots\.1\.led: pin \w+ is already used by slots\.0\.led/],
  ['overlapping ADC bands', (p) => (p.slots[1].id.bands[1].min = 0.1), /slots\.1\.id\.bands: bands of types 1 and 2 overlap/],
  ['EEPROM on a bus that is not set up', (p) => { p.i2c = []; }, /slots\.2\.id\.bus: I2C1 is not set up in i2c/],
  ['a log too small for a full queue beside the volumes', (p) => { p.flash.log.files = 2; p.flash.log.fileSize = 1024; }, /flash\.log: too small: 0 requests of ring\.maxPayload 64 bytes fit beside the storage volumes and the containers' records \(1228 \+ 560 bytes\), under ring\.queueSize 8/],
  ['a queue the log cannot hold', (p) => { p.ring.queueSize = 128; }, /flash\.log: too small: \d+ requests of ring\.maxPayload 64 bytes fit beside the storage volumes and the containers' records \(1228 \+ 560 bytes\), under ring\.queueSize 128/],
  ['too many watched pins', (p) => (p.watch.limit = 2), /slots: \d+ watched pins \(detect \+ eject\) exceed watch\.limit 2/],
];
describe('a bad profile is refused, naming the field', () => {
  for (const [what, mutate, msg] of cases) {
    it(what, () => {
      const p = raw('linux');
      mutate(p);
      expect(() => validateProfile(p, 'boards/linux.json')).toThrow(ProfileError);
      expect(() => validateProfile(p, 'boards/linux.json')).toThrow(msg);
    });
  }
  it('STM32: two watched pins with the same number', () => {
    const p = raw('pico');
    p.slots[1].detect.pin = 'A3'; // B3 is slot 0's detect pin
    expect(() => validateProfile(p, 'pico')).toThrow(/B3 and A3 cannot both be watched on stm32f4/);
  });
  it('unknown board and non-JSON', () => {
    expect(() => loadBoard('nosuch')).toThrow(/unknown board "nosuch" \(boards: .*puckjs/);
    expect(() => loadBoard('../etc')).toThrow(/unknown board/);
  });
});

describe('the profile the bundle embeds (firmwareProfile)', () => {
  it('leaves a detect pin\'s pull out where it is the pull to its idle level, and keeps any other; the board set up with it pulls as the profile says', () => {
    const p = loadBoard('linux');
    expect(firmwareProfile(p).slots.map((s) => s.detect[2])).toEqual([undefined, undefined, undefined, undefined]);
    p.slots[1].detect.pull = 'input';
    expect(firmwareProfile(p).slots.map((s) => s.detect[2])).toEqual([undefined, 'input', undefined, undefined]);
    // (the built bundle: every detect pin in the mode its profile gives)
    for (const b of boardNames()) {
      const board = bootBundle(b);
      for (const s of loadBoard(b).slots) expect(board.pins.mode(s.detect.pin), `${b} ${s.detect.pin}`).toBe(s.detect.pull);
    }
  });
  it('gives a level as the list (pin, 1 where its polarity is not the default, a pull not the default): the defaults left out', () => {
    const p = loadBoard('linux');
    const s = firmwareProfile(p).slots;
    const sp = p.slots;
    expect(s.map((x) => [x.detect, x.power, x.powerGood, x.eject])).toEqual(sp.map((x) => [[x.detect.pin], [x.power.pin], x.powerGood && [x.powerGood.pin], x.eject && [x.eject.pin]]));
    sp[0].detect.activeLow = true;
    sp[0].power.activeHigh = false;
    sp[0].eject!.activeLow = false;
    sp[1].detect.pull = 'input';
    const t = firmwareProfile(p).slots;
    // (slot 0's detect pin active low now, its pull input_pulldown is not the default: kept)
    expect([t[0].detect, t[0].power, t[0].eject, t[1].detect]).toEqual([[sp[0].detect.pin, 1, 'input_pulldown'], [sp[0].power.pin, 1], [sp[0].eject!.pin, 1], [sp[1].detect.pin, 0, 'input']]);
    // (active low with its default pull, input_pullup: left out)
    sp[0].detect.pull = 'input_pullup';
    expect(firmwareProfile(p).slots[0].detect).toEqual([sp[0].detect.pin, 1]);
  });
  it('gives the timing as the list of its values in TIMING_ORDER, and each I2C bus as (bus, scl, sda) (none: an empty list)', () => {
    const p = loadBoard('esp32');
    const f = firmwareProfile(p);
    expect(f.timing).toEqual(TIMING_ORDER.map((k) => p.timing[k]));
    expect(TIMING_ORDER.slice().sort()).toEqual(Object.keys(p.timing).sort());
    expect(f.i2c).toEqual(p.i2c!.map((b) => [b.bus, b.scl, b.sda]));
    delete p.i2c;
    expect(firmwareProfile(p).i2c).toEqual([]);
  });
  it('gives an ADC ID\'s bands as one flat list of (type, min, max), and nothing else of them; no ID method its kind (the firmware tells them by their fields)', () => {
    const p = loadBoard('linux');
    const src = p.slots[1].id as { kind: 'adc'; pin: string; bands: { type: number; min: number; max: number }[] };
    expect(firmwareProfile(p).slots[1].id).toEqual({ pin: src.pin, table: src.bands.flatMap((b) => [b.type, b.min, b.max]) });
    expect(firmwareProfile(p).slots.map((s) => Object.keys(s.id).sort().join())).toEqual(['pins', 'pin,table', 'addr,bus', 'addr,bus']);
    expect(src.bands.length).toBeGreaterThan(1);
  });
});
