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
/// <reference path="../hal/pins.d.ts" />
import { hal, profile, note, emit } from '../core';
import { post } from '../mailbox';
import type { Msg } from '../mailbox';
import type { Device } from '../cards';
import { identify } from './identify';
import { hostOn } from '../host/index';
import { DEBOUNCE_MS, SETTLE_MS, IDENTIFY_DEADLINE_MS, IDENTIFY_RETRY_MS, EJECT_CANCEL_MS } from '../profile';

export type SlotState = 'empty' | 'settling' | 'identifying' | 'adding' | 'online' | 'ejecting' | 'removing' | 'off' | 'fault';
/** the states' names by number (Slot.k), split when the state changes */
const NAMES = 'empty settling identifying adding online ejecting removing off fault';
// The states by number: compared as small ints, where a name costs its length each time.
const EMPTY = 0;
const SETTLING = 1;
const IDENTIFYING = 2;
const ADDING = 3;
const ONLINE = 4;
const EJECTING = 5;
const REMOVING = 6;
const OFF = 7;
const FAULT = 8;
// The hardware's and management's events by number (the chain's messages come by their type):
// the debounced card-detect level going in or out, a timer (settled, an identification try
// due, the cancel window ended: each runs only in its own state, which every other event
// leaving that state cancels), the eject button (or the API), management's power.
const IN = 0;
const OUT = 1;
const TIMER = 2;
const BUTTON = 3;
/** Management's power request (to step()): off takes an online card down at once (no cancel
 * window), on powers an ejected card that is still in back on. step() answers false where the
 * state does not allow it. */
export const POWER_OFF = 4;
export const POWER_ON = 5;

export type { Device } from '../cards';
interface Slot {
  /** the state's number, and its name (read by management and containers) */
  k: number;
  st: SlotState;
  /** the debounced card-detect level */
  present: boolean;
  /** which insertion this is (the chain's messages carry it) */
  gen: number;
  /** the settle, identify or cancel-window timer, and the LED's blink (none: no field; a
   * slot's fields are JsVars held for good) */
  timer?: number;
  blink?: number;
  /** when identification began */
  t0?: number;
  /** the card in the slot; cleared when it is pulled out (a card seen again is a new one) */
  card?: Device;
  /** the device while processes have it (from "add" to "remove"): the `card` */
  dev?: Device;
  /** a fault's reason */
  reason?: string;
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
 * The state machine: one transition per event (IN ... POWER_ON above, and the chain's
 * messages the guest receives: present, gone, eject, fault (hw>guest), added, add-failed,
 * removed (host>guest)). Returns whether the button's and power's events were taken (the
 * others' callers need no answer: undefined when taken); an event a state has no use for is
 * refused (with a log line for the button and for messages, which mean someone expected
 * something).
 */
function step(i: number, ev: number | string, m?: Msg): boolean | void {
  const s = slots[i];
  const k = s.k;
  const clock = hal.clock;
  const T = profile.timing;
  // the chain's message types written more than once, once (a name costs a byte where the
  // text costs its length)
  const M_PRESENT = 'present';
  const M_EJECT = 'eject';
  const M_REMOVE = 'remove';
  const M_FAULT = 'fault';
  const M_ADD_FAILED = 'add-failed';
  const M_GONE = 'gone';
  // The transitions' helpers are nested here: they exist only while a transition runs (a
  // top-level function holds some 5 JsVars of a board's RAM for good).

  // (an arrow where the body is one expression: shorter than a function)
  const wait: (ms: number) => void = (ms) => (s.timer = clock.after(() => step(i, TIMER), ms));
  /** the guest's log line about this slot */
  const guestNote = (what: string) => note(i, 'guest: ' + what);

  /** a chain message from the guest (guest>host), or with `hw`, from this slot's hardware
   * (hw>guest) */
  function send(type: string, why?: string, hw?: 'hw') {
    post({ sender: hw, kind: type, slotNo: i, gen: s.gen, card: s.card, reason: why });
  }

  // The new state, then the hardware's message about it, if any (hw>guest `type`). The timer
  // and the blink of the state left end with it (a timer that has fired is gone already).
  // LED: on = safe to remove (an unpowered card: off, fault); blinking = eject pending
  function set(to: number, type?: string, why?: string) {
    const pin = profile.slots[i].led;
    const write = hal.pins.write; // (digitalWrite: no `this` needed)
    const st = NAMES.split(' ')[to] as SlotState;
    s.k = to;
    s.st = st;
    // (a reason only for a fault: no field otherwise)
    if (why) s.reason = why;
    else delete s.reason;
    note(i, '= ' + st, why);
    // (none is undefined: `| 0` makes it 0, a timer id never used)
    clock.cancel(s.timer! | 0);
    clock.cancel(s.blink! | 0);
    delete s.timer;
    delete s.blink;
    if (to === EJECTING) {
      let on = 0;
      s.blink = clock.every(() => write(pin, (on ^= 1)), 500);
    }
    write(pin, +(to >= OFF));
    if (type) send(type, why, 'hw');
  }


  function inserted() {
    s.gen++;
    set(SETTLING);
    wait(T[SETTLE_MS]);
  }

  /** the removal's chain has run: the pin says what is in the slot now (out: OUT cleared its
   * id, as every way to empty does) */
  function removed() {
    // (empty; ejected and still in: unpowered, safe to remove; pulled out and a card put in
    // while the old one was being removed. What set() returns: nothing)
    return !s.present ? set(EMPTY) : s.card ? set(OFF) : inserted();
  }

  // a message about an earlier insertion is refused
  if (m && m.gen !== s.gen) return guestNote(ev + ' refused (insertion ' + m.gen + ', now ' + s.gen + ')');
  switch (ev) {
    // (where no answer is read, a transition returns what its last call does: nothing meant)
    case IN:
      // removing: added once the removal is done (removed()); the others had a card in
      return !k && inserted(); // (EMPTY is 0)
    case OUT:
      // whatever the slot was doing, that card is gone (removing has no timer; no field: an
      // empty slot holds none)
      delete s.card;
      return k >= ADDING && k <= EJECTING ? set(REMOVING, M_GONE) : k !== REMOVING && set(EMPTY);
    case BUTTON:
      if (k === ONLINE) {
        set(EJECTING);
        wait(T[EJECT_CANCEL_MS]);
        return true;
      }
      if (k === EJECTING) {
        // a second request within the window cancels
        note(i, 'eject cancelled');
        set(ONLINE);
        return true;
      }
      if (k !== OFF) {
        // nothing to eject, or a chain is running (pciehp ignores it while powering on)
        note(i, 'eject ignored in state ' + s.st);
        return false;
      }
    // falls through: the ejected card is still in: power it back on (pciehp: button in OFF_STATE)
    case POWER_ON:
      // an ejected card still in is powered on again (the button, or management)
      if (k !== OFF) break;
      set(ADDING, M_PRESENT);
      return true;
    case TIMER:
      delete s.timer; // it has fired
      if (k !== EJECTING) {
        // settled (then identifying), or the next identification try
        if (k === SETTLING) {
          s.t0 = clock.now();
          set(IDENTIFYING);
        }
        // one identification attempt: the card is added, or a fault at the deadline, or tried
        // again (the reason why not: an Error's text; a device has none)
        const r = identify(i);
        // (a device has a name; the reason why not, a string, has none)
        if ((r as Device).name) {
          s.card = r as Device;
          return set(ADDING, M_PRESENT);
        }
        return clock.now() - s.t0! + T[IDENTIFY_RETRY_MS] > T[IDENTIFY_DEADLINE_MS] ? set(FAULT, M_FAULT, r as string) : wait(T[IDENTIFY_RETRY_MS]);
      }
    // falls through: the cancel window ended
    case POWER_OFF:
      // management powers the card off (no window)
      if (k >> 1 !== 2) break; // ONLINE, EJECTING
      set(REMOVING, M_EJECT);
      return true;
    // the chain, as the guest receives it
    case 'added':
      if (k === ADDING) {
        set(ONLINE);
        const d = (s.dev = s.card!);
        guestNote(d.name + ' available');
        return emit('add', d);
      }
      if (k === REMOVING) return send(M_REMOVE); // pulled while powering up: processes never saw it
      break;
    case M_GONE:
    case M_EJECT: {
      if (k !== REMOVING) break;
      // processes are told first; a card still being added is removed once the host answers
      const d = s.dev;
      if (d) {
        delete s.dev;
        guestNote(d.name + ' detached');
        emit(M_REMOVE, d);
        return send(M_REMOVE);
      }
      return;
    }
    case M_PRESENT:
      if (k === ADDING) return send('add');
    // falls through: removing, it was pulled before the host was asked
    case 'removed':
    case M_ADD_FAILED:
      // (removing: a card pulled out failing to power up is no fault of the card)
      if (k === REMOVING) return removed();
      if (ev !== M_ADD_FAILED || k !== ADDING) break;
      set(FAULT, '', m!.reason);
    // falls through: processes are told
    case M_FAULT:
      return emit(M_FAULT, { slot: i, why: m!.reason });
  }
  if (m) guestNote(ev + ' refused in state ' + s.st);
  return false;
}

/** The guest's receiver of chain messages (the mailbox gives their slot and type): the state
 * machine itself, which refuses one about an earlier insertion. */
export { step as chain, step };

/** Eject request (the slot's button or the API): online -> ejecting, and the card is taken
 * down when the cancel window ends; a second request within the window cancels; an ejected
 * card still in is powered back on. */
export function eject(i: number): boolean {
  return !!slots[i] && (step(i, BUTTON) as boolean);
}

/** the slot's record, for management (read only) */
export function slotOf(i: number): Readonly<Slot> | undefined {
  return slots[i];
}

export function cancelEject(i: number): boolean {
  // (no slot: 0, whose k is undefined)
  return (slots[i] || (0 as never as Slot)).k === EJECTING && (step(i, BUTTON) as boolean);
}

// One callback for every slot's detect pin and eject button, finding the slot by the event's
// pin: a closure per watch held about 25 JsVars on Espruino. The debounced card-detect level
// is the truth: a change is IN or OUT.
function onPin(e: { state: unknown; pin: unknown }) {
  const pin = '' + e.pin;
  profile.slots.forEach((sp, i) => {
    const d = sp.detect;
    const b = sp.eject;
    // (firmware/profile.ts PinLevel: the pin, then 1 where inverted from the default)
    const present = !e.state !== !d[1]; // (high, or low where active low)
    // (at boot, cold plug: the slots after this one have no record yet)
    if (d[0] === pin && present !== slots[i].present) {
      slots[i].present = present;
      step(i, +!present); // IN, OUT
    }
    if (b && b[0] === pin && e.state !== !b[1]) step(i, BUTTON); // (active low unless inverted)
  });
}

/*! boot */
export function hpInit() {
  /** the mode that pulls a pin to its idle level: up where it is active low (written once) */
  const pull = (activeLow?: unknown) => 'input_pull' + (activeLow ? 'up' : 'down');
  /** a watched input in its mode: a debounced watch on both edges, onPin() itself its callback
   * (edge 0: both, as 'both'; given, as the default is rising on a board's button pin) */
  const watch = (pin: string, mode: string, ms: number) => {
    pinMode(pin, mode);
    setWatch(onPin, pin, { repeat: true, edge: 0, debounce: ms });
  };
  profile.slots.forEach((sp, i) => {
    // the host's start: the slot's power is off until a card is added (called directly: no
    // chain runs before the cold plug below)
    hostOn(i);
    // no state, timer, blink or level yet: the cold plug below sets its state, name, LED and
    // level (IN and OUT take a slot with no state as empty: its k undefined, falsy and no
    // number's match)
    slots[i] = { gen: 0 } as Slot;
    const id = sp.id;
    // (an ADC ID's table as a typed array: numbers packed; ID pins pulled down. The method by the
    // field it alone has)
    if (id.table) id.table = new Float64Array(id.table);
    if (id.pins) for (const p of id.pins) pinMode(p, pull());
    const d = sp.detect;
    const pin = d[0];
    // (the pull to the pin's idle level unless the profile says otherwise: the build leaves that
    // default out of the embedded profile; 1 where the pin is active low)
    watch(pin, d[2] || pull(d[1]), profile.timing[DEBOUNCE_MS]);
    d.splice(2); // (its pull: boot-only, and the profile is in RAM)
    const e = sp.eject;
    if (e) watch(e[0], pull(!e[1]), 50); // (active low unless inverted)
    // cold plug: a card present at boot takes the same chain; none, the slot is set empty
    // (its level was none: either is a change)
    onPin({ state: digitalRead(pin), pin: pin });
  });
}

export function slotsView(): SlotView[] {
  return slots.map((s, i) => {
    const id: Partial<Device> = s.card || {};
    return { slot: i, state: s.st, type: id.type, name: id.name, serial: id.serial, why: s.reason };
  });
}

/** devices available to processes */
export function devices(): Device[] {
  return slots.filter((s) => s.dev).map((s) => s.dev!);
}
