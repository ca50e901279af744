// The Espruino globals the HAL uses, typed narrowly. Only firmware/hal/ and the boot (main.ts)
// may touch them (and the slots' pin functions, pins.d.ts, hot-plug and the host).
/// <reference path="./pins.d.ts" />
declare function print(...a: unknown[]): void;
declare function getTime(): number;
declare function digitalWrite(pin: string, v: number | boolean): void;
declare function analogRead(pin: string): number;
declare function clearWatch(id: number): void;
declare function setTimeout(fn: () => void, ms: number): number;
declare function setInterval(fn: () => void, ms: number): number;
declare function clearTimeout(id: number): void;
declare function clearInterval(id: number): void;
declare function require(name: 'Flash'): {
  getFree(): { addr: number; length: number }[];
  read(len: number, addr: number): Uint8Array;
  write(data: Uint8Array, addr: number): void;
  erasePage(addr: number): void;
};
declare function require(name: 'Storage'): {
  read(name: string, offset: number, length: number): string | undefined;
  write(name: string, data: Uint8Array, offset: number, size?: number): boolean;
};
/** a module stored in Storage under that name */
declare function require(name: string): any;
interface EspruinoI2C {
  setup(o: { scl: string; sda: string }): void;
  writeTo(addr: number, data: number[]): void;
  readFrom(addr: number, n: number): Uint8Array;
}
declare const global: { [name: string]: EspruinoI2C | undefined };
declare const process: { memory(): { free: number; usage: number; total: number }; version: string };
declare const E: {
  on(ev: string, fn: () => void): void;
  CRC32(d: Uint8Array | string): number;
  toUint8Array(s: string): Uint8Array;
  toString(b: Uint8Array): string;
  reboot(): void;
  enableWatchdog(s: number, auto: boolean): void;
  kickWatchdog(): void;
  getErrorFlags(): string[];
  getSizeOf(v: unknown): number;
};
// Injected by the build (rollup): the package version.
declare const CARDCAGE_VERSION: string;
