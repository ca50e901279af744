// Node-side loading of board profiles: JSON Schema validation (ajv), normalisation of hex
// strings to numbers, and the cross-field checks a schema cannot express. Used by the build,
// the simulator and the tests; a bad profile is refused with a message naming the field.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import AjvModule from 'ajv';
import { TIMING_ORDER, type Area, type BoardFlash, type I2cBus, type Level, type Profile, type Slot, type Timing } from '../firmware/profile';
import { logRoom } from '../firmware/ring/index';
import { snapBytes } from '../firmware/storage/index';
import { CT_LOG } from '../firmware/containers/index';

// The project root: the nearest folder above this module that holds boards/ (this module also
// runs bundled from node_modules/.cache, see scripts/run-ts.mjs).
function findRoot(): string {
  let d = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(d, 'boards', 'profile.schema.json'))) {
    const up = dirname(d);
    if (up === d) throw new Error('cannot find the cardcage project root (boards/profile.schema.json)');
    d = up;
  }
  return d;
}
export const ROOT = findRoot();
export const BOARDS_DIR = join(ROOT, 'boards');

/** A profile as the simulator needs it: the firmware's view plus what only the host uses. */
export interface SimProfile extends Omit<Profile, 'timing' | 'i2c' | 'slots' | 'flash'> {
  timing: Timing;
  slots: Slot[];
  i2c?: I2cBus[];
  description?: string;
  espruinoBoard?: string;
  pins: string[];
  /** management descriptors by card type (built into the bundle as code: rollup.config.mjs) */
  mgmt?: Record<string, unknown>;
  flash: BoardFlash & { free: Area[] };
}

export class ProfileError extends Error {}

const Ajv = (AjvModule as unknown as { default: typeof AjvModule }).default ?? AjvModule;
let validator: ((x: unknown) => boolean) & { errors?: { instancePath: string; message?: string; params?: Record<string, unknown> }[] | null };
function schemaValidator() {
  if (!validator) {
    const schema = JSON.parse(readFileSync(join(BOARDS_DIR, 'profile.schema.json'), 'utf8'));
    validator = new (Ajv as any)({ allErrors: true, strict: false }).compile(schema);
  }
  return validator;
}

export function boardNames(): string[] {
  return readdirSync(BOARDS_DIR).filter((f) => f.endsWith('.json') && f !== 'profile.schema.json').map((f) => f.slice(0, -5)).sort();
}

export function loadBoard(name: string): SimProfile {
  if (!/^[a-z0-9-]+$/.test(name)) throw new ProfileError(`unknown board "${name}" (boards: ${boardNames().join(', ')})`);
  let text: string;
  try { text = readFileSync(join(BOARDS_DIR, name + '.json'), 'utf8'); }
  catch { throw new ProfileError(`unknown board "${name}" (boards: ${boardNames().join(', ')})`); }
  return parseProfile(text, `boards/${name}.json`);
}

export function parseProfile(text: string, where = 'profile'): SimProfile {
  let raw: unknown;
  try { raw = JSON.parse(text); } catch (e) { throw new ProfileError(`${where}: not JSON: ${(e as Error).message}`); }
  return validateProfile(raw, where);
}

const fieldName = (path: string) => (path.replace(/^\//, '').replace(/\//g, '.') || '(top level)');

export function validateProfile(raw: unknown, where = 'profile'): SimProfile {
  const v = schemaValidator();
  if (!v(raw)) {
    const errs = v.errors ?? [];
    // oneOf failures repeat once per branch; the first specific message is the useful one
    const e = errs.find((x) => !/must match (exactly one|a schema in anyOf)/.test(x.message ?? '')) ?? errs[0];
    const extra = e.params && 'additionalProperty' in e.params ? ` "${e.params.additionalProperty}"` : '';
    throw new ProfileError(`${where}: ${fieldName(e.instancePath)}: ${e.message}${extra}`);
  }
  const p = JSON.parse(JSON.stringify(raw)) as any;
  const num = (x: number | string) => (typeof x === 'number' ? x : Number(x));
  const area = (a: any): Area => ({ addr: num(a.addr), length: num(a.length) });
  p.flash.region = area(p.flash.region);
  p.flash.storage = area(p.flash.storage);
  p.flash.free = p.flash.free.map(area);
  p.flash.pageSize = num(p.flash.pageSize);
  for (const s of p.slots) if (s.id.kind === 'eeprom') s.id.addr = num(s.id.addr);
  p.pins = expandPins(p.pins);
  crossCheck(p as SimProfile, where);
  return p as SimProfile;
}

export function expandPins(spec: string[]): string[] {
  const out: string[] = [];
  for (const s of spec) {
    const m = /^([A-H])(\d+)(?:-([A-H])(\d+))?$/.exec(s)!;
    if (!m[3]) { out.push(s); continue; }
    if (m[3] !== m[1]) throw new ProfileError(`pins: range "${s}" spans two ports`);
    for (let i = Number(m[2]); i <= Number(m[4]); i++) out.push(m[1] + i);
  }
  return out;
}

function crossCheck(p: SimProfile, where: string) {
  const fail = (field: string, msg: string) => { throw new ProfileError(`${where}: ${field}: ${msg}`); };
  const f = p.flash;
  const r = f.region;
  if (f.pageSize <= 0 || (f.pageSize & (f.pageSize - 1)) !== 0) fail('flash.pageSize', `must be a power of two, got ${f.pageSize}`);
  if (r.addr % f.pageSize || r.length % f.pageSize || r.length === 0) fail('flash.region', `must be whole pages of ${f.pageSize} bytes`);
  // (the build is where these are checked: the firmware checks at boot only what it alone can
  // see, that the region is free flash on the installed firmware)
  if (!f.log && r.length < 2 * f.pageSize) fail('flash.region', 'must be two pages at least (the flash log is a ring of pages)');
  const overlap = r.addr < f.storage.addr + f.storage.length && f.storage.addr < r.addr + r.length;
  if (overlap && !f.sharedWithStorage) fail('flash.region', 'overlaps flash.storage (the runtime must own a region no one else writes)');
  if (!overlap && f.sharedWithStorage) fail('flash.sharedWithStorage', 'is set but the region does not overlap flash.storage');
  // Espruino erases data in Storage that is not its own at power-on: such a board keeps the
  // log in Storage files
  if (f.sharedWithStorage && !f.log) fail('flash.log', 'required where the region lies inside Storage (Espruino erases it at power-on): the log must live in Storage files');
  if (!f.free.some((a) => r.addr >= a.addr && r.addr + r.length <= a.addr + a.length)) fail('flash.region', 'is not inside any flash.free area');
  if (f.log) {
    const { files, fileSize } = f.log;
    if (fileSize & (fileSize - 1)) fail('flash.log.fileSize', `must be a power of two, got ${fileSize}`);
    // room for the program (.bootcde) and for Espruino to compact: at most half of Storage
    if (files * (fileSize + 32) > f.storage.length / 2) fail('flash.log', `${files} files of ${fileSize} bytes take more than half of Storage (${f.storage.length} bytes)`);
  }
  const known = new Set(p.pins);
  const used = new Map<string, string>();
  const use = (pin: string, field: string) => {
    if (!known.has(pin)) fail(field, `pin ${pin} is not one of this board's pins`);
    const before = used.get(pin);
    if (before) fail(field, `pin ${pin} is already used by ${before}`);
    used.set(pin, field);
  };
  const buses = new Set((p.i2c ?? []).map((b) => b.bus));
  for (const b of p.i2c ?? []) { use(b.scl, `i2c.${b.bus}.scl`); use(b.sda, `i2c.${b.bus}.sda`); }
  const watched: string[] = [];
  p.slots.forEach((s, i) => {
    const at = `slots.${i}`;
    use(s.detect.pin, `${at}.detect.pin`); watched.push(s.detect.pin);
    use(s.power.pin, `${at}.power.pin`);
    use(s.led, `${at}.led`);
    if (s.powerGood) use(s.powerGood.pin, `${at}.powerGood.pin`);
    if (s.eject) { use(s.eject.pin, `${at}.eject.pin`); watched.push(s.eject.pin); }
    if (s.id.kind === 'pins') s.id.pins.forEach((pin, j) => use(pin, `${at}.id.pins.${j}`));
    if (s.id.kind === 'adc') {
      use(s.id.pin, `${at}.id.pin`);
      const bands = [...s.id.bands!].sort((a, b) => a.min - b.min);
      bands.forEach((b, j) => {
        if (b.min >= b.max) fail(`${at}.id.bands`, `band of type ${b.type} has min >= max`);
        if (j && bands[j - 1].max >= b.min) fail(`${at}.id.bands`, `bands of types ${bands[j - 1].type} and ${b.type} overlap`);
      });
    }
    if (s.id.kind === 'eeprom') {
      if (!buses.has(s.id.bus)) fail(`${at}.id.bus`, `${s.id.bus} is not set up in i2c`);
      if (s.id.addr > 0x7f) fail(`${at}.id.addr`, 'I2C addresses are 7-bit');
    }
  });
  const res = p.resources;
  const vols = new Set<string>();
  res.volumes.forEach((v, i) => { if (vols.has(v.name)) fail(`resources.volumes.${i}.name`, `"${v.name}" is named twice`); vols.add(v.name); });
  const owner = new Map<string, string>();
  res.sets.forEach((st, i) => {
    if (res.sets.findIndex((x) => x.name === st.name) !== i) fail(`resources.sets.${i}.name`, `"${st.name}" is named twice`);
    st.resources.forEach((r, j) => {
      if (!vols.has(r)) fail(`resources.sets.${i}.resources.${j}`, `no volume named "${r}"`);
      if (owner.has(r)) fail(`resources.sets.${i}.resources.${j}`, `"${r}" is already in set "${owner.get(r)}" (a resource belongs to one set)`);
      owner.set(r, st.name);
    });
  });
  // the flash log must hold a snapshot of one full queue beside the storage volumes (the
  // firmware checks the same at boot, and admits no more requests than fit)
  const [sb, sbig] = snapBytes(res);
  const bytes = sb + CT_LOG[0];
  const big = Math.max(sbig, CT_LOG[1]);
  const room = logRoom(firmwareProfile(p), bytes, big);
  if (room < p.ring.queueSize) fail(f.log ? 'flash.log' : 'flash.region', `too small: ${Math.max(0, room)} requests of ring.maxPayload ${p.ring.maxPayload} bytes fit beside the storage volumes and the containers' records (${sb} + ${CT_LOG[0]} bytes), under ring.queueSize ${p.ring.queueSize}`);
  if (res.blockSize > p.ring.maxPayload - 4) fail('resources.blockSize', `must leave room in a request of ring.maxPayload ${p.ring.maxPayload} bytes (at most ${p.ring.maxPayload - 4})`);
  // containers: names once each; links between declared interfaces and slots, each endpoint
  // in one link at most
  const cl = p.containers?.list ?? [];
  const ifs = new Set<string>();
  cl.forEach((c, i) => {
    if (cl.findIndex((x) => x.name === c.name) !== i) fail(`containers.list.${i}.name`, `"${c.name}" is named twice`);
    if (c.name in {}) fail(`containers.list.${i}.name`, `"${c.name}" is a name every object has on Espruino`);
    if (c.home !== undefined && c.home >= p.slots.length) fail(`containers.list.${i}.home`, `no slot ${c.home}`);
    (c.ifs ?? []).forEach((x) => ifs.add(c.name + '.' + x));
  });
  const ends = new Set<string>();
  (p.containers?.links ?? []).forEach((l, i) => l.forEach((e, j) => {
    const at = `containers.links.${i}.${j}`;
    if (/^s\d+$/.test(e) ? Number(e.slice(1)) >= p.slots.length : !ifs.has(e)) fail(at, `"${e}" is no declared container interface or slot`);
    if (ends.has(e)) fail(at, `"${e}" is in two links`);
    ends.add(e);
  }));
  if (watched.length > p.watch.limit) fail('slots', `${watched.length} watched pins (detect + eject) exceed watch.limit ${p.watch.limit}`);
  if (p.watch.onePerPinNumber) {
    const byNum = new Map<string, string>();
    for (const pin of watched) {
      const n = pin.slice(1);
      if (byNum.has(n)) fail('slots', `${byNum.get(n)} and ${pin} cannot both be watched on ${p.family} (one watch per pin number)`);
      byNum.set(n, pin);
    }
  }
}

/** What the firmware bundle embeds: only the fields the firmware reads (each one costs JsVars
 * on the board); the rest of the profile serves the build, the simulator and the tests. */
export function firmwareProfile(p: SimProfile): Profile {
  const f = p.flash;
  // the log in Storage files: the firmware needs their count and size, not the raw region
  const flash: Record<string, unknown> = f.log ? { files: f.log.files, pageSize: f.log.fileSize } : { region: [f.region.addr, f.region.length], pageSize: f.pageSize };
  /** a level as the list (pin, 1 where the polarity is not `dflt`, a pull not `pullDflt`): the
   * firmware's defaults left out (firmware/profile.ts PinLevel) */
  const level = (l: Level, high: boolean | undefined, dflt: boolean, pull?: string, pullDflt?: string) => {
    const out: (string | number)[] = [l.pin];
    if (pull !== undefined && pull !== pullDflt) out.push(+(high !== dflt), pull);
    else if (high !== dflt) out.push(1);
    return out;
  };
  // (an ADC ID's bands as one flat list of (type, min, max) triples, the firmware's table)
  const slots = p.slots.map((s) => {
    const d = s.detect;
    // (an ID method without its kind: firmware/profile.ts FwSlotId)
    const i = s.id;
    const id = i.kind === 'adc' ? { pin: i.pin, table: i.bands!.flatMap((b) => [b.type, b.min, b.max]) } : i.kind === 'pins' ? { pins: i.pins } : { bus: i.bus, addr: i.addr };
    // (the polarities: a detect pin active high, power and power good active high, the eject
    // button active low)
    const out: Record<string, unknown> = { ...s, id, detect: level(d, !d.activeLow, true, d.pull, 'input_pull' + (d.activeLow ? 'up' : 'down')), power: level(s.power, s.power.activeHigh !== false, true) };
    if (s.powerGood) out.powerGood = level(s.powerGood, s.powerGood.activeHigh !== false, true);
    if (s.eject) out.eject = level(s.eject, s.eject.activeLow === false, false);
    return out;
  });
  // (the timing as a list: TIMING_ORDER)
  const out: Record<string, unknown> = { name: p.name, flash: flash, cpuMHz: p.cpuMHz, cores: p.cores ?? 1, timing: TIMING_ORDER.map((k) => p.timing[k]), resources: p.resources, ring: p.ring, slots: slots };
  if (p.containers) out.containers = { list: p.containers.list, links: p.containers.links ?? [] };
  // (a bus as the list (bus, scl, sda); none, an empty list)
  out.i2c = (p.i2c ?? []).map((b) => [b.bus, b.scl, b.sda]);
  return out as unknown as Profile;
}
