// The one seam between the runtime and the world: every Espruino global the firmware uses is
// reached through this object, so modules can be driven in tests with simulator objects and
// the rest of the firmware never names a global. Its members keep Espruino's own signatures
// and are, where possible, the built-in functions themselves: on a board every wrapper
// function costs JsVars for its code.
/// <reference path="./espruino.d.ts" />

export type { Hal, I2C } from './types';
import type { Hal } from './types';

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
