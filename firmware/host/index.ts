// The host partition: owns slot power and the card's resources. It adds a card when the
// guest asks (power on, wait for power good, allocate) and releases it when the guest asks.
// Its state: per slot, the insertion it is serving and whether the slot is powered.
import { hal, profile } from '../core';
import { post } from '../mailbox';
import type { Msg } from '../mailbox';

const host: { gen: number; powered: boolean }[] = [];

function level(on: boolean, activeHigh: boolean | undefined) {
  return on === (activeHigh !== false) ? 1 : 0;
}

function power(i: number, on: boolean) {
  const pw = profile.slots[i].power;
  hal.pins.write(pw.pin, level(on, pw.activeHigh));
  host[i].powered = on;
}

/*! boot */
export function hostInit() {
  // power is off until a card is added
  profile.slots.forEach((s, i) => {
    host[i] = { gen: 0, powered: false };
    power(i, false);
  });
}

export function hostOn(m: Msg) {
  // (helpers nested: they exist only while the host handles a message)
  function reply(type: string, why?: string) {
    post({ from: 'host', to: 'guest', type: type, slot: m.slot, gen: m.gen, why: why });
  }
  function waitPowerGood(t0: number) {
    const s = host[m.slot];
    const pg = profile.slots[m.slot].powerGood!;
    if (s.gen !== m.gen || !s.powered) return;
    if (hal.pins.read(pg.pin) === level(true, pg.activeHigh)) return reply('added');
    const limit = profile.timing.powerGoodTimeoutMs;
    if (hal.clock.now() - t0 >= limit) {
      power(m.slot, false);
      return reply('add-failed', 'no power good in ' + limit + ' ms');
    }
    hal.clock.after(() => waitPowerGood(t0), 5);
  }
  if (m.type === 'add') {
    host[m.slot].gen = m.gen;
    power(m.slot, true);
    if (profile.slots[m.slot].powerGood) waitPowerGood(hal.clock.now());
    else reply('added');
  } else if (m.type === 'remove') {
    power(m.slot, false);
    reply('removed');
  }
}
