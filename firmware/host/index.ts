// The host partition: owns slot power and the card's resources. It adds a card when the
// guest asks (power on, wait for power good, allocate) and releases it when the guest asks.
// Its state: per slot, the insertion whose card it has powered, or -1 (the slot is unpowered).
import { hal, profile } from '../core';
import { post } from '../mailbox';
import type { Msg } from '../mailbox';
import type { Level } from '../profile';

const host: number[] = [];

/** the pin level of `on` for an output or input that is active high unless it says not */
function level(on: boolean, l: Level) {
  return on === (l.activeHigh !== false) ? 1 : 0;
}

/** powers slot i for insertion `gen`, or off (-1) */
function power(i: number, gen: number) {
  const pw = profile.slots[i].power;
  hal.pins.write(pw.pin, level(gen >= 0, pw));
  host[i] = gen;
}

/*! boot */
export function hostInit() {
  // power is off until a card is added
  profile.slots.forEach((s, i) => power(i, -1));
}

export function hostOn(m: Msg) {
  const i = m.slot;
  const pg = profile.slots[i].powerGood;
  // (helpers nested: they exist only while the host handles a message)
  function reply(type: string, why?: string) {
    post({ from: 'host', to: 'guest', type: type, slot: i, gen: m.gen, why: why });
  }
  function waitPowerGood(t0: number) {
    if (host[i] !== m.gen) return; // removed (or powered for another insertion) meanwhile
    if (hal.pins.read(pg!.pin) === level(true, pg!)) return reply('added');
    const limit = profile.timing.powerGoodTimeoutMs;
    if (hal.clock.now() - t0 >= limit) {
      power(i, -1);
      return reply('add-failed', 'no power good in ' + limit + ' ms');
    }
    hal.clock.after(() => waitPowerGood(t0), 5);
  }
  if (m.type === 'add') {
    power(i, m.gen);
    if (pg) waitPowerGood(hal.clock.now());
    else reply('added');
  } else if (m.type === 'remove') {
    power(i, -1);
    reply('removed');
  }
}
