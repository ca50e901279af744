// Hot-plug: one state machine per slot, as Linux pciehp_ctrl.c has one per slot: one state
// variable, and one transition per event in step(). Its events are the hardware's (the
// debounced card-detect level, the settle and identify timers, the eject button and its
// cancel window) and the chain's messages the guest receives (hw>guest and host>guest); it
// takes each of them or refuses it on purpose. The guest's part of the chain is here (it asks
// the host to add or remove, and makes the device available to processes or takes it away);
// the host partition (host/) keeps only power, and answers through the mailbox.
//
// States, after ATCA's M0-M7: empty (M0), settling and identifying (M1, inserted), adding
// (M2/M3), online (M4), ejecting (M5, the cancel window), removing (M6), off (M1 again:
// ejected and unpowered, safe to remove), fault.
// The debounced level (`present`, as PCIe's presence-detect state bit) is the truth: a
// removal ends in the state the pin says, so bounce, a pull during settle, removal during
// add, re-insertion during removal and flapping end where the pin is, with no doubled or lost
// add/remove.
import { hal, profile, buses, note, emit } from '../core';
import { post } from '../mailbox';
import type { Msg } from '../mailbox';
import type { CardId } from '../cards';
import { identify } from './identify';

export type SlotState = 'empty' | 'settling' | 'identifying' | 'adding' | 'online' | 'ejecting' | 'removing' | 'off' | 'fault';
/** A card available to processes. */
export interface Device extends CardId {
  slot: number;
}
interface Slot {
  st: SlotState;
  /** the debounced card-detect level */
  present: boolean;
  /** which insertion this is (the chain's messages carry it) */
  gen: number;
  /** the settle, identify or cancel-window timer, and the LED's blink */
  timer: number;
  blink: number;
  /** when identification began */
  t0: number;
  /** the card in the slot; cleared when it is pulled out (a card seen again is a new one) */
  id?: CardId;
  /** the device while processes have it (from "add" to "remove") */
  dev?: Device;
  why?: string;
}
export interface SlotView {
  slot: number;
  state: SlotState;
  type?: number;
  name?: string;
  serial?: number;
  why?: string;
}

const slots: Slot[] = [];

/**
 * The state machine: one transition per event. Hardware events: in, out (the debounced
 * card-detect level changed), settled, retry (timers), button (the eject button or the API),
 * window (the cancel window ended); management's: off, on (power, firmware/mgmt). The chain's messages the guest receives: present, gone,
 * eject, fault (hw>guest), added, add-failed, removed (host>guest). Returns whether the event
 * was taken; an event a state has no use for is refused (with a log line for the button and
 * for messages, which mean someone expected something).
 */
function step(i: number, ev: string, m?: Msg): boolean {
  // The transitions' helpers are nested here: they exist only while a transition runs (a
  // top-level function holds some 5 JsVars of a board's RAM for good).
  function stopTimer(s: Slot) {
    if (s.timer >= 0) hal.clock.cancel(s.timer);
    s.timer = -1;
  }

  // LED: on = safe to remove (an unpowered card: off, fault); blinking = eject pending
  function set(i: number, st: SlotState, why?: string) {
    const s = slots[i];
    const pin = profile.slots[i].led;
    s.st = st;
    s.why = why;
    if (st === 'empty') s.id = undefined;
    note(i, '= ' + st + (why ? ' (' + why + ')' : ''));
    if (s.blink >= 0) hal.clock.cancel(s.blink);
    s.blink = -1;
    if (st === 'ejecting') {
      let on = 0;
      s.blink = hal.clock.every(() => hal.pins.write(pin, (on = 1 - on)), 500);
    }
    hal.pins.write(pin, st === 'off' || st === 'fault' ? 1 : 0);
  }

  /** a chain message from this slot's hardware (hw>guest) or from the guest (guest>host) */
  function send(i: number, from: 'hw' | 'guest', type: string, why?: string) {
    const s = slots[i];
    post({ from: from, to: from === 'hw' ? 'guest' : 'host', type: type, slot: i, gen: s.gen, id: s.id, why: why });
  }

  function inserted(i: number) {
    const s = slots[i];
    s.gen++;
    set(i, 'settling');
    s.timer = hal.clock.after(() => step(i, 'settled'), profile.timing.settleMs);
  }

  /** one identification attempt: the card is added, or a fault at the deadline, or tried again */
  function attempt(i: number) {
    const s = slots[i];
    const sp = profile.slots[i];
    const T = profile.timing;
    const r = identify(hal, sp, sp.id.kind === 'eeprom' ? buses[sp.id.bus] : undefined);
    s.timer = -1;
    if (typeof r !== 'string') {
      s.id = r;
      set(i, 'adding');
      send(i, 'hw', 'present');
    } else if (hal.clock.now() - s.t0 + T.identifyRetryMs > T.identifyDeadlineMs) {
      set(i, 'fault', r);
      send(i, 'hw', 'fault', r);
    } else s.timer = hal.clock.after(() => step(i, 'retry'), T.identifyRetryMs);
  }

  /** the removal's chain has run: the pin says what is in the slot now */
  function removed(i: number) {
    const s = slots[i];
    if (!s.present) set(i, 'empty');
    else if (s.id) set(i, 'off'); // ejected and still in: unpowered, safe to remove
    else inserted(i); // pulled out and a card put in while the old one was being removed
  }

  /** The processes' side: the device is theirs from "add" to "remove". */
  function detach(i: number) {
    const s = slots[i];
    const d = s.dev!;
    s.dev = undefined;
    note(i, 'guest: ' + d.name + ' detached');
    emit('remove', d);
    send(i, 'guest', 'remove');
  }
  const s = slots[i];
  const st = s.st;
  switch (ev) {
    case 'in':
      if (st === 'empty') inserted(i);
      // removing: added once the removal is done (removed()); the others had a card in
      return true;
    case 'out':
      // whatever the slot was doing, that card is gone
      stopTimer(s);
      s.id = undefined;
      if (st === 'adding' || st === 'online' || st === 'ejecting') {
        set(i, 'removing');
        send(i, 'hw', 'gone');
      } else if (st !== 'removing') set(i, 'empty');
      return true;
    case 'settled':
      if (st !== 'settling') break;
      s.t0 = hal.clock.now();
      set(i, 'identifying');
      attempt(i);
      return true;
    case 'retry':
      if (st !== 'identifying') break;
      attempt(i);
      return true;
    case 'button':
      if (st === 'online') {
        set(i, 'ejecting');
        s.timer = hal.clock.after(() => step(i, 'window'), profile.timing.ejectCancelMs);
      } else if (st === 'ejecting') {
        // a second request within the window cancels
        stopTimer(s);
        note(i, 'eject cancelled');
        set(i, 'online');
      } else if (st === 'off') {
        // the ejected card is still in: power it back on (pciehp: button in OFF_STATE)
        return step(i, 'on');
      } else {
        // nothing to eject, or a chain is running (pciehp ignores it while powering on)
        note(i, 'eject ignored in state ' + st);
        return false;
      }
      return true;
    case 'window':
    case 'off':
      // the cancel window ended, or management powers the card off (no window)
      if (st !== 'ejecting' && (ev === 'window' || st !== 'online')) break;
      stopTimer(s);
      set(i, 'removing');
      send(i, 'hw', 'eject');
      return true;
    case 'on':
      // an ejected card still in is powered on again (the button, or management)
      if (st !== 'off') break;
      set(i, 'adding');
      send(i, 'hw', 'present');
      return true;
    // the chain, as the guest receives it
    case 'present':
      if (st === 'adding') send(i, 'guest', 'add');
      else if (st === 'removing') removed(i); // pulled before the host was asked
      else break;
      return true;
    case 'added':
      if (st === 'adding') {
        set(i, 'online');
        const id = s.id!;
        s.dev = { slot: i, type: id.type, name: id.name, serial: id.serial, caps: id.caps };
        note(i, 'guest: ' + id.name + ' available');
        emit('add', s.dev);
      } else if (st === 'removing') send(i, 'guest', 'remove'); // pulled while powering up: processes never saw it
      else break;
      return true;
    case 'gone':
    case 'eject':
      if (st !== 'removing') break;
      // processes are told first; a card still being added is removed once the host answers
      if (s.dev) detach(i);
      return true;
    case 'add-failed':
      if (st === 'adding') {
        set(i, 'fault', m!.why);
        emit('fault', { slot: i, why: m!.why });
      } else if (st === 'removing') removed(i); // a card pulled out failing to power up is no fault of the card
      else break;
      return true;
    case 'removed':
      if (st !== 'removing') break;
      removed(i);
      return true;
    case 'fault':
      emit('fault', { slot: i, why: m!.why });
      return true;
  }
  if (m) note(i, 'guest: ' + ev + ' refused in state ' + st);
  return false;
}

/** The guest's receiver of chain messages; one about an earlier insertion is refused. */
export function chain(m: Msg) {
  if (m.gen === slots[m.slot].gen) step(m.slot, m.type, m);
  else note(m.slot, 'guest: ' + m.type + ' refused (insertion ' + m.gen + ', now ' + slots[m.slot].gen + ')');
}

/** Eject request (the slot's button or the API): online -> ejecting, and the card is taken
 * down when the cancel window ends; a second request within the window cancels; an ejected
 * card still in is powered back on. */
export function eject(i: number): boolean {
  return !!slots[i] && step(i, 'button');
}

/** Management's power request: off takes an online card down at once (no cancel window), on
 * powers an ejected card that is still in back on. False where the state does not allow it. */
export function power(i: number, on: boolean): boolean {
  return step(i, on ? 'on' : 'off');
}

/** the slot's record, for management (read only) */
export function slotOf(i: number): Readonly<Slot> | undefined {
  return slots[i];
}

export function cancelEject(i: number): boolean {
  return !!slots[i] && slots[i].st === 'ejecting' && step(i, 'button');
}

/** the debounced card-detect level of slot i */
function detect(i: number, present: boolean) {
  const s = slots[i];
  if (present === s.present) return;
  s.present = present;
  step(i, present ? 'in' : 'out');
}

// One callback for every slot's detect pin and one for every eject button, finding the slot by
// the event's pin: a closure per watch held about 25 JsVars on Espruino.
function onDetect(e: { state: boolean; pin: unknown }) {
  const pin = '' + e.pin;
  profile.slots.forEach((sp, i) => { if (sp.detect.pin === pin) detect(i, (e.state ? 1 : 0) === (sp.detect.activeLow ? 0 : 1)); });
}
function onEject(e: { state: boolean; pin: unknown }) {
  const pin = '' + e.pin;
  profile.slots.forEach((sp, i) => { if (sp.eject && sp.eject.pin === pin && e.state !== (sp.eject.activeLow !== false)) step(i, 'button'); });
}

/*! boot */
function watchSlot(i: number) {
  const sp = profile.slots[i];
  const d = sp.detect;
  const pins = hal.pins;
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
  pins.watch(d.pin, profile.timing.debounceMs, onDetect);
  const e = sp.eject;
  if (e) {
    const low = e.activeLow !== false;
    pins.mode(e.pin, low ? 'input_pullup' : 'input_pulldown');
    pins.watch(e.pin, 50, onEject);
  }
  // cold plug: a card present at boot takes the same chain
  detect(i, pins.read(d.pin) === active);
  if (slots[i].st === 'empty') note(i, '= empty');
}

/*! boot */
export function hpInit() {
  profile.slots.forEach((sp, i) => {
    slots[i] = { st: 'empty', present: false, gen: 0, timer: -1, blink: -1, t0: 0 };
    watchSlot(i);
  });
}

export function slotsView(): SlotView[] {
  return slots.map((s, i) => ({ slot: i, state: s.st, type: s.id && s.id.type, name: s.id && s.id.name, serial: s.id && s.id.serial, why: s.why }));
}

/** devices available to processes */
export function devices(): Device[] {
  const out: Device[] = [];
  slots.forEach((s) => { if (s.dev) out.push(s.dev); });
  return out;
}
