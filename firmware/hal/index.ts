// The one seam between the runtime and the world: every Espruino global the firmware uses is
// reached through these narrow interfaces, so modules can be driven in tests with simulator
// objects and the rest of the firmware never names a global.
/// <reference path="./espruino.d.ts" />
import type { Area } from '../profile';

export interface Pins {
  mode(pin: string, mode: string): void;
  read(pin: string): number;
  write(pin: string, v: number): void;
  analog(pin: string): number;
  /** debounced watch on both edges; returns the watch id, or -1 when the board has no watch left */
  watch(pin: string, debounceMs: number, cb: (high: boolean, timeS: number) => void): number;
  unwatch(id: number): void;
}
export interface Clock {
  /** milliseconds, float */
  now(): number;
  after(ms: number, fn: () => void): number;
  every(ms: number, fn: () => void): number;
  cancel(id: number): void;
}
export interface FlashDev {
  free(): Area[];
  read(addr: number, len: number): Uint8Array;
  write(addr: number, data: Uint8Array): void;
  erase(addr: number): void;
}
export interface Sys {
  version(): string;
  mem(): { free: number; total: number };
  crc32(d: Uint8Array): number;
  reboot(): void;
  watchdog(seconds: number): void;
  kick(): void;
  on(ev: 'init' | 'kill', fn: () => void): void;
}
export interface Hal {
  pins: Pins;
  clock: Clock;
  flash: FlashDev;
  sys: Sys;
  print(line: string): void;
}

export function espruinoHal(): Hal {
  const F = require('Flash');
  return {
    pins: {
      mode: (p, m) => pinMode(p, m),
      read: (p) => digitalRead(p),
      write: (p, v) => digitalWrite(p, v),
      analog: (p) => analogRead(p),
      watch: (p, ms, cb) => {
        const id = setWatch((e) => cb(e.state, e.time), p, { repeat: true, edge: 'both', debounce: ms });
        return id === undefined ? -1 : id;
      },
      unwatch: (id) => clearWatch(id),
    },
    clock: {
      now: () => getTime() * 1000,
      after: (ms, fn) => setTimeout(fn, ms),
      every: (ms, fn) => setInterval(fn, ms),
      cancel: (id) => clearTimeout(id),
    },
    flash: {
      free: () => F.getFree(),
      read: (a, n) => F.read(n, a),
      write: (a, d) => F.write(d, a),
      erase: (a) => F.erasePage(a),
    },
    sys: {
      version: () => process.env.VERSION,
      mem: () => process.memory(),
      crc32: (d) => E.CRC32(d),
      reboot: () => E.reboot(),
      // not auto-kicked: the runtime kicks from its own loop, so a hung loop resets the board
      watchdog: (s) => E.enableWatchdog(s, false),
      kick: () => E.kickWatchdog(),
      on: (ev, fn) => E.on(ev, fn),
    },
    print: (line) => print(line),
  };
}
