// The host partition: owns slot power and the card's resources. It adds a card when the
// guest asks (power on, wait for power good, allocate) and releases it when the guest asks.
// Its state: per slot, the insertion whose card it has powered, or false (the slot is
// unpowered).
/// <reference path="../hal/pins.d.ts" />
import { hal, profile, tableText } from '../core';
import { POWER_GOOD_TIMEOUT_MS } from '../profile';
import { post } from '../mailbox';
import type { Msg } from '../mailbox';

const host: (number | false)[] = [];

/** the guest's message `m` (add or remove) about slot i; none (at boot, for every slot: power
 * is off until a card is added; or an add timed out): power off, nothing to answer */
export function hostOn(i: number, type?: string, m?: Msg) {
  const sp = profile.slots[i];
  const pg = sp.powerGood;
  const clock = hal.clock;
  const t0 = clock.now();
  const add = type === 'add';
  // power on for this insertion, or off (false); the pin is active high unless it says not
  // (firmware/profile.ts PinLevel: the pin, then 1 where inverted)
  hal.pins.write(sp.power[0], +(add === !sp.power[1]));
  host[i] = add && m!.gen;
  // (helpers nested: they exist only while the host handles a message)
  /** the answer, on the guest's message itself (its slot and insertion; the guest holds it no
   * more, and reads no card from a host's answer) */
  function reply(type: string, why?: string) {
    m!.sender = 'host';
    m!.kind = type;
    m!.reason = why;
    post(m!);
  }
  function waitPowerGood() {
    if (host[i] !== m!.gen) return; // removed (or powered for another insertion) meanwhile
    // no power-good input: added at once; else it reads 1 when good, unless it is active low
    if (!pg || !digitalRead(pg[0]) === !!pg[1]) return reply('added');
    const limit = profile.timing[POWER_GOOD_TIMEOUT_MS];
    if (clock.now() - t0 >= limit) {
      hostOn(i); // power off
      // (a reason kept, as the fault's: a text of the message table)
      return reply('add-failed', tableText('no power good in ' + limit + ' ms'));
    }
    clock.after(waitPowerGood, 5);
  }
  if (add) waitPowerGood();
  // remove (the guest asks for nothing else)
  else if (m) reply('removed');
}
