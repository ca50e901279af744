// The host partition: owns slot power and the card's resources. It adds a card when the
// guest asks (power on, wait for power good, allocate) and releases it when the guest asks.
// Its state: per slot, the insertion whose card it has powered, or -1 (the slot is unpowered).
import { hal, profile } from '../core';
import { post } from '../mailbox';
import type { Msg } from '../mailbox';

const host: number[] = [];

/** powers slot i for insertion `gen`, or off (-1); the pin is active high unless it says not */
function power(i: number, gen: number) {
  const pw = profile.slots[i].power;
  hal.pins.write(pw.pin, +((gen >= 0) === (pw.activeHigh !== false)));
  host[i] = gen;
}

/*! boot */
export function hostInit() {
  // power is off until a card is added
  profile.slots.forEach((s, i) => power(i, -1));
}

/** the guest's message `m` (add or remove) about slot i */
export function hostOn(i: number, type: string, m: Msg) {
  const pg = profile.slots[i].powerGood;
  const clock = hal.clock;
  const t0 = clock.now();
  // (helpers nested: they exist only while the host handles a message)
  /** the answer, on the guest's message itself (its slot and insertion; the guest holds it no
   * more, and reads no card from a host's answer) */
  function reply(type: string, why?: string) {
    m.from = 'host';
    m.type = type;
    m.why = why;
    post(m);
  }
  function waitPowerGood() {
    if (host[i] !== m.gen) return; // removed (or powered for another insertion) meanwhile
    // no power-good input: added at once; else it reads 1 when good, unless it is active low
    if (!pg || !hal.pins.read(pg.pin) === (pg.activeHigh === false)) return reply('added');
    const limit = profile.timing.powerGoodTimeoutMs;
    if (clock.now() - t0 >= limit) {
      power(i, -1);
      return reply('add-failed', 'no power good in ' + limit + ' ms');
    }
    clock.after(waitPowerGood, 5);
  }
  if (type === 'add') {
    power(i, m.gen);
    waitPowerGood();
  } else {
    // remove (the guest asks for nothing else)
    power(i, -1);
    reply('removed');
  }
}
