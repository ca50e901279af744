// The one seam between the runtime and the world: every Espruino global the firmware uses is
// reached through this object, so modules can be driven in tests with simulator objects and
// the rest of the firmware never names a global. Its members keep Espruino's own signatures
// and are, where possible, the built-in functions themselves: on a board every wrapper
// function costs JsVars for its code.
/// <reference path="./espruino.d.ts" />
import type { Area } from '../profile';

export interface I2C {
  writeTo(addr: number, data: number[]): void;
  readFrom(addr: number, n: number): Uint8Array;
}
export interface Hal {
  pins: {
    mode(pin: string, mode: string): void;
    read(pin: string): number;
    write(pin: string, v: number): void;
    analog(pin: string): number;
    /** debounced watch on both edges; the watch id, or -1 when the board has no watch left */
    watch(pin: string, debounceMs: number, cb: (high: boolean) => void): number;
  };
  clock: {
    /** milliseconds, float */
    now(): number;
    after(fn: () => void, ms: number): number;
    every(fn: () => void, ms: number): number;
    cancel(id: number): void;
  };
  flash: {
    getFree(): Area[];
    read(len: number, addr: number): Uint8Array;
    write(data: Uint8Array, addr: number): void;
    erasePage(addr: number): void;
  };
  sys: {
    version: string;
    memory(): { free: number; total: number };
    crc32(d: Uint8Array): number;
    reboot(): void;
    /** the hardware watchdog, not kicked automatically: the runtime kicks it from its loop */
    watchdog(seconds: number): void;
    kick(): void;
  };
  /** the bus named in the profile ("I2C1"), set up on its pins; a NACK throws */
  i2c(bus: string, scl: string, sda: string): I2C;
  print(line: string): void;
}

function now() {
  return getTime() * 1000;
}
function watch(pin: string, ms: number, cb: (high: boolean) => void) {
  const id = setWatch(function (e) { cb(e.state); }, pin, { repeat: true, edge: 'both', debounce: ms });
  return id === undefined ? -1 : id;
}
function watchdog(s: number) {
  E.enableWatchdog(s, false);
}
function i2c(bus: string, scl: string, sda: string) {
  const b = global[bus]!;
  b.setup({ scl: scl, sda: sda });
  return b;
}

export const espruinoHal: Hal = {
  pins: { mode: pinMode, read: digitalRead, write: digitalWrite, analog: analogRead, watch: watch },
  clock: { now: now, after: setTimeout, every: setInterval, cancel: clearTimeout },
  flash: require('Flash'),
  sys: { version: process.env.VERSION, memory: process.memory, crc32: E.CRC32, reboot: E.reboot, watchdog: watchdog, kick: E.kickWatchdog },
  i2c: i2c,
  print: print,
};
