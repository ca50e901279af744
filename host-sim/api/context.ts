// What the API installers (one file per Espruino API, host-sim/api/) get from the board. Each
// installer takes the sandbox's global object and a Pick of Sim naming just what it uses.
import type { VirtualClock, Task } from '../clock';
import type { NorFlash } from '../flash';
import type { SimPins } from '../pins';
import type { SimStorage } from '../storage';
import type { I2CDevice } from '../cards';
import type { SimProfile } from '../profile';

/** the sandbox's global object, where an installer puts its API */
export type Global = Record<string, any>;

/** Thrown through user code by E.reboot(), load() and reset(): nothing after it runs. */
export class Reboot extends Error {}

/** a JS timer (setTimeout, setInterval) */
export interface Timer { task: Task; fn: unknown; args: unknown[]; interval?: number }

/** an I2C bus of the profile's, with the cards' devices on it */
export interface Bus { setup: boolean; devices: Map<number, I2CDevice> }

export interface Sim {
  /** a function of the API: it refuses to run (throws) once the board is halting or off */
  api(f: (...a: any[]) => unknown): (...a: unknown[]) => unknown;
  /** an error made in the sandbox's realm ('InternalError': an Error whose type says so) */
  err(msg: string, type?: string): Error;
  /** a copy of plain data made in the sandbox's realm */
  data<T>(v: T): T;
  /** a Uint8Array of the sandbox's realm */
  bytes(b: ArrayLike<number>): Uint8Array;
  /** a console line (or lines) from the board */
  print(text: string): void;
  /** run a JS callback from the main loop, as Espruino does */
  call(fn: unknown, args: unknown[]): void;
  /** whether `g` is the sandbox running now (not one a reboot has replaced) */
  current(g: Global): boolean;
  readonly profile: SimProfile;
  readonly clock: VirtualClock;
  readonly timers: Map<number, Timer>;
  readonly pins: SimPins;
  readonly buses: Map<string, Bus>;
  readonly flash: NorFlash;
  readonly storage: SimStorage;
  /** E.on handlers by event name (E.removeAllListeners() replaces the record) */
  handlers: Record<string, unknown[]>;
  /** raised and not yet read by E.getErrorFlags */
  readonly errorFlags: Set<string>;
  /** stop once what runs unwinds: 'cut' (the power, a PowerCut is on its way) or 'reboot'
   * (the interpreter restarts, as `why`: 'E.reboot()' unless said) */
  halt(how: 'reboot' | 'cut', why?: string): void;
  /** reset(): the program given at start is not run again (Storage's .bootcde is) */
  forgetCode(): void;
  /** E.enableWatchdog: `ms` without a kick resets the board; `auto`: the idle loop kicks it */
  enableWatchdog(ms: number, auto: boolean): void;
  kickWatchdog(): void;
  /** process.memory() as the board's JsVar model counts */
  memory(): { free: number; usage: number; total: number; history: number; gc: number; gctime: number; blocksize: number };
  blockSize(): number;
  /** evaluates source text in the sandbox, as the board would (a Storage module's text) */
  run(src: string, name: string): unknown;
}

/** bytes of a String (char codes) or of an array-like, as Espruino's API functions take them */
export const toBytes = (d: unknown): Uint8Array => (typeof d === 'string' ? Uint8Array.from(d, (c) => c.charCodeAt(0) & 0xff)
  : Object.prototype.toString.call(d) === '[object ArrayBuffer]' ? new Uint8Array(d as ArrayBuffer).slice() : Uint8Array.from(d as ArrayLike<number>));

/** jsvGetTypeOf as an error message's %t names a value */
export const typeName = (v: unknown): string => v === undefined ? 'undefined' : v === null ? 'null' : typeof v === 'number' ? 'Number' : typeof v === 'string' ? 'String'
  : typeof v === 'boolean' ? 'Boolean' : typeof v === 'function' ? 'Function' : Array.isArray(v) ? 'Array' : ArrayBuffer.isView(v) || Object.prototype.toString.call(v) === '[object ArrayBuffer]' ? 'ArrayBuffer' : 'Object';
