// One attempt at identifying the card in a slot, by the method the profile gives: ID pins
// (the type's bits), an ID resistor (the band its reading falls in) or an I2C ID EEPROM
// (a CRC-checked record). Returns the device, or why not (the caller retries to a deadline): a
// text of the build's message table (tableText).
/// <reference path="../hal/pins.d.ts" />
import { hal, profile, buses, tableText } from '../core';
import { CARD_TYPES } from '../cards';
import { u32 } from '../flashlog/index';
import type { Device } from '../cards';
import type { FwSlotId } from '../profile';

// EEPROM record: "CC", version 1, type, serial u32 LE, capabilities u16 LE, CRC-32 u32 LE of
// the 10 bytes before it.
const REC_LEN = 14;

export function identify(slot: number): Device | string {
  // (one let with the others: a declaration fewer)
  let id = profile.slots[slot].id,
    type = 0,
    serial = 0,
    caps = 0;
  // (the method by the field it alone has: its pins, its bands' table, else its EEPROM's)
  if (id.pins) {
    let k = 0;
    for (const p of id.pins) type |= digitalRead(p) << k++; // the first pin the lowest bit
    if (!type) return tableText('no answer on ID pins');
  } else if (id.table) {
    const v = hal.pins.analog(id.pin);
    const t = id.table;
    // the first band its reading falls in (a band's type is 1 or more: the profile's schema);
    // the type an int, as from the other methods
    for (let k = 0; k < t.length && !type; k += 3) if (v >= t[k + 1] && v <= t[k + 2]) type = t[k] | 0;
    if (!type) return tableText('ID resistor reads ' + v.toFixed(3) + ', in no band');
  } else {
    // (an EEPROM: the embedded profile gives an ID resistor its table always)
    const e = id as Extract<FwSlotId, { bus: string }>;
    const bus = buses[e.bus];
    const a = e.addr;
    let r: Uint8Array;
    try {
      bus.writeTo(a, [0]);
      r = bus.readFrom(a, REC_LEN);
    } catch (e) {
      return tableText('no answer from ID EEPROM');
    }
    // "CC", version 1: the first three bytes, as the top three of a u32
    const head = u32(r, 0) << 8 === 0x1434300;
    // (the CRC-32 of data followed by its CRC, LE, is always 0x2144DF1C)
    if (!head || hal.sys.crc32(r) ^ 0x2144df1c) return tableText('bad ID record' + (head ? ' CRC' : ''));
    type = r[3];
    serial = u32(r, 4);
    caps = r[8] | (r[9] << 8);
  }
  const name = CARD_TYPES.split(',')[type];
  if (!name) return tableText('unknown card type ' + type);
  // the device as processes will have it (slot first: the order devices() has always given)
  return { slot: slot, type: type, name: name, serial: serial, caps: caps };
}
