// The host partition: owns slot power and the card's resources. It adds a card when the
// guest asks (power on, wait for power good, allocate) and releases it when the guest asks.
import { rt } from '../runtime';
import type { Msg } from '../runtime';
import { post } from '../mailbox';

function level(on: boolean, activeHigh: boolean | undefined) {
  return on === (activeHigh !== false) ? 1 : 0;
}

export function power(i: number, on: boolean) {
  const pw = rt.profile.slots[i].power;
  rt.hal.pins.write(pw.pin, level(on, pw.activeHigh));
  rt.host[i].powered = on;
}

function reply(m: Msg, type: string, why?: string) {
  post({ from: 'host', to: 'guest', type: type, slot: m.slot, gen: m.gen, why: why });
}

function waitPowerGood(m: Msg, t0: number) {
  const s = rt.host[m.slot];
  const pg = rt.profile.slots[m.slot].powerGood!;
  if (s.gen !== m.gen || !s.powered) return;
  if (rt.hal.pins.read(pg.pin) === level(true, pg.activeHigh)) return reply(m, 'added');
  const limit = rt.profile.timing.powerGoodTimeoutMs;
  if (rt.hal.clock.now() - t0 >= limit) {
    power(m.slot, false);
    return reply(m, 'add-failed', 'no power good in ' + limit + ' ms');
  }
  rt.hal.clock.after(() => waitPowerGood(m, t0), 5);
}

/*! boot */
export function hostInit() {
  rt.host = rt.profile.slots.map(() => ({ gen: 0, powered: false }));
  // power is off until a card is added
  rt.profile.slots.forEach((s, i) => power(i, false));
}

export function hostOn(m: Msg) {
  if (m.type === 'add') {
    rt.host[m.slot].gen = m.gen;
    power(m.slot, true);
    if (rt.profile.slots[m.slot].powerGood) waitPowerGood(m, rt.hal.clock.now());
    else reply(m, 'added');
  } else if (m.type === 'remove') {
    power(m.slot, false);
    reply(m, 'removed');
  }
}
