// What every mechanism uses: the board (HAL and profile, set once by coreInit before anything
// else starts), its I2C buses, the event log, faults, and the application's events. Each
// mechanism keeps its own state in its module (flat module-level functions and one state
// value per module: a closure per object would cost a board far more RAM).
import type { Hal, I2C } from './hal/types';
import type { Profile } from './profile';

// the package version, put in by the build (rollup.config.mjs); absent where module tests run
// the source
declare const CARDCAGE_VERSION: string | undefined;

/** The runtime's published settings and counters (cardcage.runtime). */
export const runtime = {
  version: typeof CARDCAGE_VERSION == 'string' ? CARDCAGE_VERSION : '',
  board: '',
  /** print the hot-plug event log ("hp <seconds> s<slot> ...") on the console */
  trace: true,
  /** faults reported since boot (err()) */
  errors: 0,
  /** why the ring and storage are not running ('' where they are): the flash log could not
   * start at boot */
  ringFault: '',
};

/** the I2C buses of the profile, set up on their pins */
export const buses: { [bus: string]: I2C } = {};

export type AppEvent = 'add' | 'remove' | 'fault' | 'error' | 'frame';
/** the subscriptions, flat: event, handler, event, handler ... (an object per subscription
 * would hold some 3 JsVars more each); the event kept as the code of its third letter, which
 * is different for each of the five (a small int sits in the array's own JsVar, where the
 * event's name would take one more) */
const subs: (number | ((d: any) => void))[] = [];
/** the code of 'error' (its third letter, 'r') */
const ERROR = 114;

/** The board: set by coreInit, the first thing boot does; nothing runs before it. (After the
 * constants: the build joins those into one statement.) */
export let hal: Hal;
export let profile: Profile;

/*! boot */
export function coreInit(h: Hal, p: Profile) {
  hal = h;
  profile = p;
  runtime.board = p.name;
  for (const b of p.i2c) buses[b[0]] = h.i2c.apply(h, b); // (bus, scl, sda)
}

/** subscribe to 'add' (a Device), 'remove' (a Device), 'fault' ({slot, why}) or 'error'
 * ({slot, why}: a runtime fault) */
export function on(ev: AppEvent, fn: (d: any) => void) {
  subs.push(ev.charCodeAt(2), fn);
}
/** Tells the subscribers of `ev`: one that throws is reported (an error, not for 'error'
 * itself: no loop) and does not stop the others. */
export function emit(ev: AppEvent, d: { slot: number; why?: string; data?: unknown; from?: string }) {
  const c = ev.charCodeAt(2);
  for (let k = 0; k < subs.length; k += 2) {
    if (subs[k] !== c) continue;
    try {
      (subs[k + 1] as (d: any) => void)(d);
    } catch (e) {
      if (c !== ERROR) err(d.slot, 'guest: ' + ev + ' handler failed: ' + e);
    }
  }
}

/** A refusal of the management API or of a container's: its error code and what it is about
 * (mgmt replies with them). */
export function fail(code: string, detail: string): never {
  throw { code: code, detail: detail };
}

/** Message n of the build's message table (rollup.config.mjs): the texts of the log and of
 * errors are not in the bundle but in Storage, in `cardcage.msg` (stored with the bundle): line
 * 0 is the id of the build that wrote it, line n the text, a % in it standing for each further
 * argument in turn (a piece of the text the build found not to be a literal). Read where a
 * message is made (the file stays in flash); missing, or another build's: "#n " and the
 * arguments. */
export function msg(n: number): string {
  const s = hal.store.read('cardcage.msg') || '';
  // (a: where a line starts, b: where the next does, after its newline, from line 0 to line n;
  // past the end once a line is missing)
  let a = 0;
  let b = s.indexOf('@msg-id@' + '\n') && 1e9;
  for (let k = n + 1; k--; ) {
    a = b;
    b = s.indexOf('\n', a) + 1 || 1e9;
  }
  // (the pieces: further arguments, which only the build writes; called without, as
  // cardcage.msg(n) is, the line as it is)
  const l = b < 1e9 ? s.slice(a, b - 1) : '#' + n + ' ';
  const p = l.split('%');
  let t = p[0];
  let k = 1;
  for (; k < arguments.length; k++) t += arguments[k] + (k < p.length ? p[k] : ' ');
  return k > 1 ? t : l;
}

/** A text for the message table that no note(), err() or new Error() holds (a reason given
 * back, a fault kept): the build takes its literals into the table as it does theirs, and drops
 * the call; unbuilt (module tests run the source) it is the text itself. */
export function tableText(s: string) {
  return s;
}

/** One line of the event log, with the time in seconds (slot -1: not about a slot) and a
 * reason, if any, in brackets after the text: printed where `trace` is on, or `always` (a
 * fault). */
export function note(slot: number, what: string, why?: string | 0, always?: boolean) {
  if (always || runtime.trace) hal.print('hp ' + (hal.clock.now() / 1000).toFixed(3) + (slot < 0 ? '' : ' s' + slot) + ' ' + what + (why ? ' (' + why + ')' : ''));
}
/** A fault (bad flash data, a failed back end or handler, lost I/O): always printed and
 * counted, and given to on('error') handlers as {slot, why}, whatever `trace` says. */
export function err(slot: number, what: string) {
  runtime.errors++;
  note(slot, what, 0, true);
  emit('error', { slot: slot, why: what });
}
