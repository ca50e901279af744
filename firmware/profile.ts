// The board profile: boards/<name>.json, checked against boards/profile.schema.json at build
// time and normalised (hex strings -> numbers). The bundle embeds only the fields the firmware
// reads (host-sim/profile.ts firmwareProfile): name, flash.region/pageSize (or flash.files),
// i2c, timing, ring, slots.
export interface Area { addr: number; length: number }
export interface Level { pin: string; activeHigh?: boolean; activeLow?: boolean }
export interface IdBand { type: number; min: number; max: number }
/** (the firmware tells the methods apart by the field each alone has, `pins` or `table`, else
 * the EEPROM's: the others' are absent) */
export type SlotId =
  | { kind: 'pins'; pins: string[]; table?: undefined }
  /** `bands`: the board file's (the simulator's); `table`: the firmware's, the bands as (type,
   * min, max) triples, a flat list in the embedded profile (host-sim/profile.ts
   * firmwareProfile), a typed array from boot on (a few JsVars, where band objects take some 30) */
  | { kind: 'adc'; pin: string; bands?: IdBand[]; table?: Float64Array; pins?: undefined }
  | { kind: 'eeprom'; bus: string; addr: number; pins?: undefined; table?: undefined };
/** A slot as the board file gives it (the simulator's) */
export interface Slot {
  detect: { pin: string; activeLow: boolean; pull?: string };
  id: SlotId;
  power: Level;
  powerGood?: Level;
  led: string;
  eject?: Level;
}
/** A pin's level as the bundle embeds it (host-sim/profile.ts firmwareProfile): the pin, then
 * 1 where its polarity is not its role's default (a detect pin, power and power good active
 * high, the eject button active low), then a detect pin's pull where it is not the pull to
 * its idle level (input_pullup active low, else input_pulldown). A list: an object spent a
 * field name on each. */
export type PinLevel = [pin: string, inverted?: 0 | 1, pull?: string];
/** An ID method as the bundle embeds it: the board's without its kind (the firmware tells the
 * methods apart by the field each alone has: the ID pins, the ID resistor's table, the
 * EEPROM's bus) */
export type FwSlotId =
  | { pins: string[]; table?: undefined; bus?: undefined }
  | { pin: string; table: Float64Array; pins?: undefined; bus?: undefined }
  | { bus: string; addr: number; pins?: undefined; table?: undefined };
/** A slot as the bundle embeds it */
export interface FwSlot {
  detect: PinLevel;
  id: FwSlotId;
  power: PinLevel;
  powerGood?: PinLevel;
  led: string;
  eject?: PinLevel;
}
/** the board's timing (boards/*.json) */
export interface Timing { debounceMs: number; settleMs: number; identifyDeadlineMs: number; identifyRetryMs: number; ejectCancelMs: number; powerGoodTimeoutMs: number; watchdogS: number }
/** The timing as the bundle embeds it: the board's values as a list, in this order
 * (host-sim/profile.ts firmwareProfile), read at these indices (an object's field names would
 * cost the bundle and RAM). */
export const TIMING_ORDER: (keyof Timing)[] = ['debounceMs', 'settleMs', 'identifyDeadlineMs', 'identifyRetryMs', 'ejectCancelMs', 'powerGoodTimeoutMs', 'watchdogS'];
export const DEBOUNCE_MS = 0;
export const SETTLE_MS = 1;
export const IDENTIFY_DEADLINE_MS = 2;
export const IDENTIFY_RETRY_MS = 3;
export const EJECT_CANCEL_MS = 4;
export const POWER_GOOD_TIMEOUT_MS = 5;
export const WATCHDOG_S = 6;
export interface I2cBus { bus: string; scl: string; sda: string }
/** the board's flash (boards/*.json) */
export interface BoardFlash { region: Area; pageSize: number; writeAlign: number; maxWritesPerWord: number; storage: Area; sharedWithStorage?: boolean; files?: number; log?: { files: number; fileSize: number } }
export interface Profile {
  name: string;
  chip: string;
  family: string;
  jsvars: number;
  cpuMHz: number;
  /** CPU cores (default 1) */
  cores: number;
  watch: { limit: number; onePerPinNumber: boolean };
  /** `files`: the log's pages are that many Storage files of pageSize bytes (log.files and
   * log.fileSize in boards/*.json); else pages of the raw `region`, (addr, length) as the
   * bundle embeds it (the board's Area: BoardFlash) */
  flash: Omit<BoardFlash, 'region'> & { region: [addr: number, length: number] };
  /** the I2C buses: (bus, scl, sda), a list each in the embedded profile (host-sim/profile.ts
   * firmwareProfile; the board's I2cBus, its fields named) */
  i2c: [string, string, string][];
  /** the board's Timing, as a list (TIMING_ORDER) */
  timing: number[];
  ring: { queueSize: number; maxPayload: number };
  resources: { blockSize: number; volumes: { name: string; blocks: number }[]; sets: { name: string; resources: string[]; ports: number[] }[] };
  slots: FwSlot[];
  /** containers (firmware/containers) and the links between their interfaces: pairs of
   * "name.if" or "s<slot>" (the card in that slot) */
  containers?: { list: import('./containers/index').Spec[]; links: string[][] };
}
