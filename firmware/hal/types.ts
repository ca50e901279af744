// The HAL's interfaces, apart from the implementation so that host code (tests, benchmarks)
// can use them without Espruino's global declarations.

export interface I2C {
  /** the data: bytes, as numbers and arrays of them (Espruino joins its arguments) */
  writeTo(addr: number, ...data: (number | ArrayLike<number>)[]): void;
  readFrom(addr: number, n: number): Uint8Array;
}
export interface Hal {
  /** what management drives of a card's pins (hot-plug and the host, which run only in the
   * bundle, set up, watch and read the slots' pins with Espruino's functions themselves) */
  pins: {
    write(pin: string, v: number): void;
    analog(pin: string): number;
  };
  clock: {
    /** milliseconds, float */
    now(): number;
    after(fn: () => void, ms: number): number;
    every(fn: () => void, ms: number): number;
    cancel(id: number): void;
  };
  flash: {
    read(len: number, addr: number): Uint8Array;
    write(data: Uint8Array, addr: number): void;
    /** `addr` an int (x | 0): Espruino refuses a float, even a whole one (the gate checks) */
    erasePage(addr: number): void;
  };
  /** require("Storage"): the flash log's pages where they are Storage files */
  store: {
    read(name: string, offset?: number, length?: number): string | undefined;
    write(name: string, data: Uint8Array, offset: number, size?: number): unknown;
  };
  sys: {
    /** a string's bytes (E.toUint8Array), and bytes as a string (E.toString) */
    bytes(s: string): Uint8Array;
    str(b: Uint8Array): string;
    memory(): { free: number; total: number };
    crc32(d: Uint8Array): number;
    /** in [0, 1): the flash log's page nonces */
    random(): number;
    kick(): void;
    /** JsVars a value takes (E.getSizeOf) */
    size(v: unknown): number;
    /** a module: built in, or stored in Storage under that name (require) */
    mod(name: string): any;
  };
  /** the bus named in the profile ("I2C1"), set up on its pins; a NACK throws */
  i2c(bus: string, scl: string, sda: string): I2C;
  print(line: string): void;
}
