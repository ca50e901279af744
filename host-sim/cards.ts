// The card cage's electrical model: a slot has a card-detect contact that bounces on insert
// and removal, identity lines (ID pins, an ID resistor on an ADC pin, or an I2C ID EEPROM),
// a power-enable pin the firmware drives, an optional power-good line, and the card's
// sensors (an I2C device answering while the card is powered).
import type { Slot as SlotProfile } from '../firmware/profile';
import type { Rng } from './clock';
import type { Level } from './pins';

export interface CardSpec {
  name?: string;
  /** card type: what the identity lines encode */
  type: number;
  serial?: number;
  capabilities?: number;
  /** override the ID pin levels (default: the type's bits, LSB on the first pin) */
  idPins?: Level[];
  /** override the ID resistor reading, 0..1 of Vdd (default: middle of the type's band) */
  idResistor?: number;
  /** override the ID EEPROM's bytes (default: idRecord(type, serial, capabilities)); [] = no answer */
  eeprom?: number[];
  /** sensor values, read over I2C at sensorAddr while powered (register i = i-th sensor, int16 x100) */
  sensors?: Record<string, number>;
  sensorAddr?: number;
  /** ms from power enable to power good */
  powerGoodDelayMs?: number;
}

/** Bounce on a contact: a number of extra make/break pairs at seeded random times within
 * `ms`, or explicit toggle offsets in ms. */
export type Bounce = { pairs: number; ms: number } | number[];

// The ID EEPROM record: "CC", version 1, type, serial (u32 LE), capabilities (u16 LE),
// CRC-32 (u32 LE) of the 10 bytes before it.
export const ID_MAGIC = [0x43, 0x43];
export function idRecord(type: number, serial = 0, caps = 0): number[] {
  const b = [...ID_MAGIC, 1, type & 0xff, serial & 0xff, (serial >>> 8) & 0xff, (serial >>> 16) & 0xff, (serial >>> 24) & 0xff, caps & 0xff, (caps >>> 8) & 0xff];
  const c = crc32(Uint8Array.from(b));
  return [...b, c & 0xff, (c >>> 8) & 0xff, (c >>> 16) & 0xff, (c >>> 24) & 0xff];
}

const CRC_TABLE = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();
/** standard CRC-32, as E.CRC32 */
export function crc32(b: Uint8Array): number {
  let c = 0xffffffff;
  for (let i = 0; i < b.length; i++) c = CRC_TABLE[(c ^ b[i]) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

export interface I2CDevice {
  write(bytes: number[]): void;
  read(n: number): number[];
  /** false: the device does not acknowledge its address now (an EEPROM in its write cycle);
   * the bus then NACKs, as for no device */
  ack?(): boolean;
  /** the device loses power (its card pulled out, the cage's power cut) */
  off?(): void;
}

/** What a slot needs from the board. */
export interface SlotHost {
  drive(pin: string, level: Level | undefined): void;
  setAnalog(pin: string, v: number | undefined): void;
  level(pin: string): Level;
  attach(bus: string, addr: number, dev: I2CDevice | undefined): void;
  at(ms: number, fn: () => void): void;
  now(): number;
  log(msg: string): void;
  rand: Rng;
  defaultBus?: string;
}

export class SimSlot {
  card?: CardSpec;
  contact = false; // card-detect contact made
  powered = false;
  private gen = 0; // invalidates the rest of a bounce when a new insert/remove starts
  private powerGen = 0; // invalidates a pending power-good when power changes again

  constructor(readonly index: number, readonly p: SlotProfile, private host: SlotHost) {
    this.applyContact();
  }

  insert(card: CardSpec, bounce: Bounce = { pairs: 0, ms: 0 }) {
    this.card = card;
    this.host.log(`card "${card.name ?? 'type ' + card.type}" inserted`);
    this.move(true, bounce);
  }

  remove(bounce: Bounce = { pairs: 0, ms: 0 }) {
    this.host.log(`card "${this.card ? this.card.name ?? 'type ' + this.card.type : '?'}" pulled out`);
    this.move(false, bounce);
  }

  /** Toggle times for a contact move: always an odd number, so it ends at the target. */
  private toggles(b: Bounce): number[] {
    if (Array.isArray(b)) {
      const t = [...b].sort((x, y) => x - y);
      if (t.length % 2 === 0) t.push((t[t.length - 1] ?? 0) + 0.1);
      return t;
    }
    const t = [0];
    const r: number[] = [];
    for (let i = 0; i < 2 * b.pairs; i++) r.push(b.ms * this.host.rand.next());
    return t.concat(r.sort((x, y) => x - y));
  }

  private move(to: boolean, b: Bounce) {
    const gen = ++this.gen;

    const t0 = this.host.now();
    const times = this.toggles(b);
    // an odd number of toggles starting from the opposite level ends at `to`
    let state = !to;
    for (const dt of times) {
      state = !state;
      const s = state;
      this.host.at(t0 + dt, () => { if (gen === this.gen) this.setContact(s); });
    }
  }

  private setContact(on: boolean) {
    if (on === this.contact) return;
    this.contact = on;
    this.applyContact();
    if (!on && this.powered) this.setPowered(false);
    if (on && !this.powered && this.powerPinOn()) this.setPowered(true);
  }

  private powerPinOn() {
    const want = this.p.power.activeHigh === false ? 0 : 1;
    return this.host.level(this.p.power.pin) === want;
  }

  private applyContact() {
    const d = this.p.detect;
    const present = this.contact;
    // present: the card ties the line to its active level; absent: released to the pull
    // (or, without an internal pull, held inactive by the board's resistor)
    const active: Level = d.activeLow ? 0 : 1;
    this.host.drive(d.pin, present ? active : d.pull === 'input' ? (active ? 0 : 1) : undefined);
    const c = present ? this.card : undefined;
    const id = this.p.id;
    if (id.kind === 'pins') {
      id.pins.forEach((pin, i) => this.host.drive(pin, c ? (c.idPins?.[i] ?? ((c.type >> i) & 1)) as Level : undefined));
    } else if (id.kind === 'adc') {
      let v: number | undefined;
      if (c) {
        const band = id.bands!.find((b) => b.type === c.type);
        v = c.idResistor ?? (band ? (band.min + band.max) / 2 : 0.97);
      }
      this.host.setAnalog(id.pin, v);
    } else {
      this.host.attach(id.bus, id.addr, c ? cardEeprom(c, this.host) : undefined);
    }
  }

  /** the firmware changed a pin: is it this slot's power enable? */
  pinChanged(pin: string) {
    if (pin !== this.p.power.pin) return;
    const on = this.powerPinOn() && this.contact;
    if (on !== this.powered) this.setPowered(on);
  }

  private setPowered(on: boolean) {
    this.powered = on;
    const gen = ++this.powerGen;
    const c = this.card;
    this.host.log(on ? 'card powered' : 'card unpowered');
    const bus = this.p.id.kind === 'eeprom' ? this.p.id.bus : this.host.defaultBus;
    if (bus && c?.sensors) this.host.attach(bus, c.sensorAddr ?? 0x48 + this.index, on ? sensorDevice(c.sensors) : undefined);
    const pg = this.p.powerGood;
    if (!pg) return;
    const good: Level = pg.activeHigh === false ? 0 : 1;
    if (!on) { this.host.drive(pg.pin, (1 - good) as Level); return; }
    this.host.at(this.host.now() + (c?.powerGoodDelayMs ?? 5), () => { if (gen === this.powerGen && this.powered) this.host.drive(pg.pin, good); });
  }
}

// a card keeps what was written to its EEPROM when it is pulled out and put back
const eeproms = new WeakMap<CardSpec, Eeprom | undefined>();
/** the EEPROM of a card (made at its first insertion; its clock and random source are those of
 * the board it is in) */
export function cardEeprom(c: CardSpec, env?: EepromEnv): Eeprom | undefined {
  if (!eeproms.has(c)) {
    const bytes = c.eeprom ?? idRecord(c.type, c.serial, c.capabilities);
    eeproms.set(c, bytes.length ? eeprom(bytes) : undefined);
  }
  const e = eeproms.get(c);
  if (e && env) e.env = env;
  return e;
}

/** A 24C02's page: a write's data bytes wrap within it */
export const EEPROM_PAGE = 8;
/** a 24C02's write cycle (tWR, the datasheets' maximum) */
export const EEPROM_TWR_MS = 5;
export interface EepromEnv {
  now(): number;
  rand: Rng;
}
export interface Eeprom extends I2CDevice {
  /** the 256 bytes, as programmed */
  mem: number[];
  env?: EepromEnv;
  /** the write cycle in progress: its end (ms), and the bytes it programs with their old values */
  cycle?: { t0: number; until: number; addr: number[]; old: number[] };
  /** the last write cycle power loss cut short: which bytes it had programmed */
  torn?: { t: number; addr: number[]; programmed: boolean[] };
}

/** A 24C02 (Microchip/Atmel AT24C02, ST M24C02): 256 bytes in pages of 8.
 * - A write is START, device address, word address, data bytes, STOP. The word address sets the
 *   address pointer; the data bytes are latched in the page buffer, the address's bits 0-2
 *   rolling over within the page (bits 3-7 stay): a ninth byte overwrites the first. Nothing
 *   is programmed before the STOP; a write of the word address alone (a random read's dummy
 *   write) starts no write cycle.
 * - At the STOP the write cycle starts (tWR, 5 ms on the board's virtual clock): the chip does
 *   not acknowledge its address until it ends, so writeTo and readFrom fail as for a NACK
 *   (acknowledge polling is how a master sees the cycle end).
 * - Power lost during the cycle (the card pulled out, the power cut) leaves the page torn:
 *   each byte of the write is either programmed or still old, chosen from the board's seeded
 *   random source, a byte being more likely programmed the later the cut comes.
 * - A read streams from the address pointer, rolling over from 255 to 0.
 * Without `env` (no clock) a write cycle takes no time. */
export function eeprom(bytes: number[], env?: EepromEnv, twr = EEPROM_TWR_MS): Eeprom {
  const mem = new Array(256).fill(0xff);
  bytes.forEach((b, i) => (mem[i] = b & 0xff));
  let ptr = 0;
  const now = () => d.env?.now() ?? Infinity;
  const d: Eeprom = {
    mem,
    env,
    ack: () => {
      if (d.cycle && now() >= d.cycle.until) d.cycle = undefined;
      return !d.cycle;
    },
    write: (b) => {
      if (!b.length) return;
      ptr = b[0] & 0xff;
      if (b.length === 1) return;
      const page = new Map<number, number>();
      for (let i = 1; i < b.length; i++) {
        page.set(ptr, b[i] & 0xff);
        ptr = (ptr & ~(EEPROM_PAGE - 1)) | ((ptr + 1) & (EEPROM_PAGE - 1));
      }
      const addr = [...page.keys()];
      const t0 = d.env ? d.env.now() : 0;
      d.cycle = { t0, until: t0 + twr, addr, old: addr.map((a) => mem[a]) };
      for (const [a, v] of page) mem[a] = v;
    },
    read: (n) => { const out: number[] = []; for (let i = 0; i < n; i++) out.push(mem[ptr++ & 0xff]); ptr &= 0xff; return out; },
    off: () => {
      const c = d.cycle;
      d.cycle = undefined;
      ptr = 0;
      if (!c || !d.env || now() >= c.until) return;
      const done = (now() - c.t0) / (c.until - c.t0);
      const programmed = c.addr.map(() => d.env!.rand.next() < done);
      c.addr.forEach((a, i) => { if (!programmed[i]) mem[a] = c.old[i]; });
      d.torn = { t: now(), addr: c.addr, programmed };
    },
  };
  return d;
}

/** The card's sensors: register i holds the i-th value x100 as int16, big-endian. */
export function sensorDevice(values: Record<string, number>): I2CDevice {
  const v = Object.values(values);
  let reg = 0;
  return {
    write: (b) => { if (b.length) reg = b[0]; },
    read: (n) => {
      const x = Math.round((v[reg] ?? 0) * 100) & 0xffff;
      return [x >> 8, x & 0xff, ...new Array(Math.max(0, n - 2)).fill(0xff)].slice(0, n);
    },
  };
}
