// The one seam between the runtime and the world: every Espruino global the firmware uses is
// reached through this object, so modules can be driven in tests with simulator objects and
// the rest of the firmware never names a global. Its members keep Espruino's own signatures
// and are, where possible, the built-in functions themselves: on a board every wrapper
// function costs JsVars for its code. (The exception is code that runs only in the bundle, on
// Espruino, never driven in tests with simulator objects: the boot, main.ts, reads Espruino's
// version, Flash.getFree() and enables the watchdog itself; hot-plug and the host set up,
// watch and read the slots' pins with pinMode, setWatch and digitalRead themselves. HAL members
// for them would cost bytes, and RAM for good.)
/// <reference path="./espruino.d.ts" />

export type { Hal, I2C } from './types';
import type { Hal } from './types';

function now() {
  return getTime() * 1000;
}
// Espruino keeps whole numbers as ints or floats, and some APIs refuse a float even when it
// is whole (Flash.erasePage checks jsvIsInt: "Address should be an integer, got Number"; a
// division always gives a float). The caller makes the address an int (x | 0) and the gate
// checks every erasePage call of the bundle for it (host-sim/gate.ts), so the HAL's members are
// the built-ins themselves, with no wrapper doing it again (every wrapper is one more
// interpreted call per flash operation, and a function held in RAM). Flash.read/write and
// Storage's offsets are declared "int" parameters, which Espruino converts.
export const Flash = require('Flash');
const flash = { read: Flash.read, write: Flash.write, erasePage: Flash.erasePage };

function i2c(bus: string, scl: string, sda: string) {
  const b = global[bus]!;
  b.setup({ scl: scl, sda: sda });
  return b;
}

export const espruinoHal: Hal = {
  pins: { write: digitalWrite, analog: analogRead },
  clock: { now: now, after: setTimeout, every: setInterval, cancel: clearTimeout },
  flash: flash,
  store: require('Storage'),
  sys: { bytes: E.toUint8Array, str: E.toString, memory: process.memory, crc32: E.CRC32, random: Math.random, kick: E.kickWatchdog, size: E.getSizeOf, mod: require },
  i2c: i2c,
  print: print,
};
