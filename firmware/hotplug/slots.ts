// The hardware side of hot-plug: per slot a debounced watch on the card-detect pin, a settle
// delay, identification with retries to a deadline, the eject button with its cancel window
// (as Linux pciehp) and the slot LED. It tells the guest "present", "gone", "eject" or
// "fault", and follows the chain's progress from the messages it sees.
//
// States, after ATCA's M0-M7: empty (M0), settling and identifying (M1, inserted),
// adding (M2/M3), online (M4), ejecting (M5, the cancel window), removing (M6),
// off (M1 again: ejected and unpowered, safe to remove), fault.
// The pin is the truth: whatever finishes is reconciled with the debounced pin level, so
// bounce, a pull during settle, re-insertion during removal or flapping end in the state
// that matches the pin, with no doubled or lost add/remove.
import { rt, note } from '../runtime';
import type { Msg, SlotState } from '../runtime';
import { post } from '../mailbox';
import { identify } from './identify';

export interface SlotView {
  slot: number;
  state: SlotState;
  type?: number;
  name?: string;
  serial?: number;
  why?: string;
}

function stopTimer(i: number) {
  const s = rt.hp[i];
  if (s.timer >= 0) rt.hal.clock.cancel(s.timer);
  s.timer = -1;
}

// LED: on = safe to remove (an unpowered card: off, fault); blinking = eject pending
function led(i: number) {
  const s = rt.hp[i];
  const pin = rt.profile.slots[i].led;
  if (s.blink >= 0) rt.hal.clock.cancel(s.blink);
  s.blink = -1;
  if (s.st === 'ejecting') {
    let on = 0;
    s.blink = rt.hal.clock.every(() => rt.hal.pins.write(pin, (on = 1 - on)), 500);
  }
  rt.hal.pins.write(pin, s.st === 'off' || s.st === 'fault' ? 1 : 0);
}

function set(i: number, st: SlotState, why?: string) {
  const s = rt.hp[i];
  s.st = st;
  s.why = why;
  if (st === 'empty') s.id = undefined;
  note(i, '= ' + st + (why ? ' (' + why + ')' : ''));
  led(i);
}

function tell(i: number, type: string, why?: string) {
  const s = rt.hp[i];
  post({ from: 'hw', to: 'guest', type: type, slot: i, gen: s.gen, id: s.id, why: why });
}

function attempt(i: number, gen: number) {
  const s = rt.hp[i];
  if (s.gen !== gen || s.st !== 'identifying') return;
  s.timer = -1;
  const sp = rt.profile.slots[i];
  const r = identify(rt.hal, sp, sp.id.kind === 'eeprom' ? rt.buses[sp.id.bus] : undefined);
  const T = rt.profile.timing;
  if (typeof r !== 'string') {
    s.id = r;
    set(i, 'adding');
    tell(i, 'present');
  } else if (rt.hal.clock.now() - s.t0 + T.identifyRetryMs > T.identifyDeadlineMs) {
    set(i, 'fault', r);
    tell(i, 'fault', r);
  } else s.timer = rt.hal.clock.after(() => attempt(i, gen), T.identifyRetryMs);
}

function settled(i: number, gen: number) {
  const s = rt.hp[i];
  s.timer = -1;
  s.t0 = rt.hal.clock.now();
  set(i, 'identifying');
  attempt(i, gen);
}

function inserted(i: number) {
  const s = rt.hp[i];
  const gen = ++s.gen;
  s.again = false;
  set(i, 'settling');
  s.timer = rt.hal.clock.after(() => settled(i, gen), rt.profile.timing.settleMs);
}

/** the debounced card-detect level changed */
function detect(i: number, present: boolean) {
  const s = rt.hp[i];
  if (present === s.present) return;
  s.present = present;
  if (present) {
    if (s.st === 'empty') inserted(i);
    else if (s.st === 'removing') s.again = true;
    return;
  }
  stopTimer(i);
  s.again = false;
  if (s.st === 'adding' || s.st === 'online' || s.st === 'ejecting') {
    set(i, 'removing');
    tell(i, 'gone');
  } else if (s.st !== 'removing') set(i, 'empty');
}

function ejectNow(i: number) {
  rt.hp[i].timer = -1;
  set(i, 'removing');
  tell(i, 'eject');
}

/** Eject request (the slot's button or the API): online -> ejecting, and the card is taken
 * down when the cancel window ends; a second request within the window cancels. */
export function eject(i: number): boolean {
  const s = rt.hp[i];
  if (!s) return false;
  if (s.st === 'online') {
    set(i, 'ejecting');
    s.timer = rt.hal.clock.after(() => ejectNow(i), rt.profile.timing.ejectCancelMs);
    return true;
  }
  if (s.st === 'ejecting') {
    stopTimer(i);
    note(i, 'eject cancelled');
    set(i, 'online');
    return true;
  }
  note(i, 'eject ignored in state ' + s.st);
  return false;
}

export function cancelEject(i: number): boolean {
  return !!rt.hp[i] && rt.hp[i].st === 'ejecting' && eject(i);
}

/** Follows the chain from the host's replies: it ends in online, off, empty, fault, or a
 * new insertion when a card went in again during removal. */
export function hpTap(m: Msg) {
  const s = rt.hp[m.slot];
  if (m.from !== 'host' || m.gen !== s.gen) return;
  if (m.type === 'added') {
    if (s.st === 'adding') set(m.slot, 'online');
  } else if (m.type === 'add-failed' && s.st === 'adding') set(m.slot, 'fault', m.why);
  else if (s.present && s.again) inserted(m.slot);
  else set(m.slot, s.present ? 'off' : 'empty');
}

// One callback for every slot's detect pin and one for every eject button, finding the slot by
// the event's pin: a closure per watch held about 25 JsVars on Espruino.
function onDetect(e: { state: boolean; pin: unknown }) {
  const pin = '' + e.pin;
  rt.profile.slots.forEach((sp, i) => { if (sp.detect.pin === pin) detect(i, (e.state ? 1 : 0) === (sp.detect.activeLow ? 0 : 1)); });
}
function onEject(e: { state: boolean; pin: unknown }) {
  const pin = '' + e.pin;
  rt.profile.slots.forEach((sp, i) => { if (sp.eject && sp.eject.pin === pin && e.state !== (sp.eject.activeLow !== false)) eject(i); });
}

/*! boot */
function watchSlot(i: number) {
  const sp = rt.profile.slots[i];
  const d = sp.detect;
  const pins = rt.hal.pins;
  const active = d.activeLow ? 0 : 1;
  pins.mode(d.pin, d.pull);
  delete (d as Partial<typeof d>).pull; // boot-only (the profile is in RAM)
  const id = sp.id;
  if (id.kind === 'adc' && id.bands) {
    const t = (id.table = new Float64Array(3 * id.bands.length));
    id.bands.forEach((b, k) => { t[3 * k] = b.type; t[3 * k + 1] = b.min; t[3 * k + 2] = b.max; });
    delete id.bands;
  }
  if (id.kind === 'pins') id.pins.forEach((pin) => pins.mode(pin, 'input_pulldown'));
  pins.write(sp.led, 0);
  pins.watch(d.pin, rt.profile.timing.debounceMs, onDetect);
  const e = sp.eject;
  if (e) {
    const low = e.activeLow !== false;
    pins.mode(e.pin, low ? 'input_pullup' : 'input_pulldown');
    pins.watch(e.pin, 50, onEject);
  }
  // cold plug: a card present at boot takes the same chain
  detect(i, pins.read(d.pin) === active);
  if (rt.hp[i].st === 'empty') note(i, '= empty');
}

/*! boot */
export function hpInit() {
  rt.buses = {};
  (rt.profile.i2c || []).forEach((b) => { rt.buses[b.bus] = rt.hal.i2c(b.bus, b.scl, b.sda); });
  rt.hp = rt.profile.slots.map(() => ({ st: 'empty' as SlotState, gen: 0, present: false, timer: -1, blink: -1, t0: 0 }));
  rt.profile.slots.forEach((sp, i) => watchSlot(i));
}

export function slots(): SlotView[] {
  return rt.hp.map((s, i) => ({ slot: i, state: s.st, type: s.id && s.id.type, name: s.id && s.id.name, serial: s.id && s.id.serial, why: s.why }));
}
