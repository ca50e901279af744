// The HAL's interfaces, apart from the implementation so that host code (tests, benchmarks)
// can use them without Espruino's global declarations.

export interface I2C {
  /** the data: bytes, as numbers and arrays of them (Espruino joins its arguments) */
  writeTo(addr: number, ...data: (number | ArrayLike<number>)[]): void;
  readFrom(addr: number, n: number): Uint8Array;
}
export interface Hal {
  pins: {
    mode(pin: string, mode: string): void;
    read(pin: string): number;
    write(pin: string, v: number): void;
    analog(pin: string): number;
    /** debounced watch on both edges, `cb` given Espruino's event (its level, and its pin: one
     * callback can serve many pins); the watch id, or -1 when the board has no watch left */
    watch(pin: string, debounceMs: number, cb: (e: { state: boolean; pin: unknown }) => void): number;
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
