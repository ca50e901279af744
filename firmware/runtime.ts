// The runtime's state: one plain object, shared by the module-level functions of every
// mechanism (flat functions cost a board far less RAM than closures made in factories).
// Each partition keeps its own part: hp (hardware side of hot-plug), host, guest.
import type { Hal, I2C } from './hal/types';
import type { Profile } from './profile';
import type { CardId } from './cards';
import type { LogState } from './flashlog/index';
import type { Queue } from './ring/index';

export interface Msg {
  from: 'hw' | 'guest' | 'host';
  to: 'guest' | 'host';
  /** present, gone, eject, fault (hw>guest); add, remove (guest>host); added, add-failed, removed (host>guest) */
  type: string;
  slot: number;
  /** which insertion of a card into the slot this is about */
  gen: number;
  id?: CardId;
  why?: string;
}

export type SlotState = 'empty' | 'settling' | 'identifying' | 'adding' | 'online' | 'ejecting' | 'removing' | 'off' | 'fault';
export interface HpSlot {
  st: SlotState;
  gen: number;
  present: boolean;
  timer: number;
  blink: number;
  t0: number;
  id?: CardId;
  why?: string;
  /** a card went in again while the old one was being removed */
  again?: boolean;
}
export interface Device extends CardId {
  slot: number;
}
export interface GuestDev {
  gen: number;
  phase: 'adding' | 'online' | 'removing';
  dev: Device;
  removeWhenAdded?: boolean;
}
export type GuestEvent = 'add' | 'remove' | 'fault' | 'error';

/** Another owner of records in the flash log (storage), as recovery sees it: its state reset and
 * rebuilt from its records, and the most its part of a snapshot can take. Held only while
 * recovery runs (nothing of it stays after boot). */
export interface Recovery { reset: () => void; replay: (type: number, body: Uint8Array) => void; bytes: number; big: number }

export interface Runtime {
  version: string;
  board: string;
  hal: Hal;
  profile: Profile;
  /** faults reported since boot (err()) */
  errors: number;
  /** print the hot-plug event log ("hp <seconds> s<slot> ...") on the console */
  trace: boolean;
  mb: { q: Msg[]; armed: boolean; to: { [part: string]: (m: Msg) => void }; taps: ((m: Msg) => void)[] };
  hp: HpSlot[];
  buses: { [bus: string]: I2C };
  host: { gen: number; powered: boolean }[];
  guest: { devs: (GuestDev | undefined)[]; subs: { ev: GuestEvent; fn: (d: any) => void }[] };
  log: LogState;
  ring: { q: (Queue | undefined)[]; counter: number; badRecords: number; recoveries: number; armed: boolean; held: number };
  /** why the ring is not running, where it is not */
  ringFault: string;
  /** other owners of records in the flash log (storage): their live state, written into every
   * snapshot with the ring's */
  snaps: (() => void)[];
  store: import('./storage/index').Store;
}

export const rt = { trace: true, errors: 0 } as Runtime;

/** One line of the event log, with the time in seconds (slot -1: not about a slot). */
export function note(slot: number, what: string) {
  if (rt.trace) say(slot, what);
}
function say(slot: number, what: string) {
  rt.hal.print('hp ' + (rt.hal.clock.now() / 1000).toFixed(3) + (slot < 0 ? ' ' : ' s' + slot + ' ') + what);
}
/** A fault (bad flash data, a failed back end or handler, lost I/O): always printed and
 * counted, and given to on('error') handlers as {slot, why}, whatever `trace` says. */
export function err(slot: number, what: string) {
  rt.errors++;
  say(slot, what);
  if (rt.guest) rt.guest.subs.forEach((s) => { if (s.ev === 'error') try { s.fn({ slot: slot, why: what }); } catch (e) { /* not reported again: no loop */ } });
}
