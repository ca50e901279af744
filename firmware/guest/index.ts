// The guest partition: where applications run. It asks the host to add a card the hardware
// reports, and only when the host says "added" makes the device available to processes; on
// removal it detaches first (processes told), then asks the host to release the card.
// Processes see add and remove strictly alternating per slot.
import { rt, note, err } from '../runtime';
import type { Device, GuestDev, GuestEvent, Msg } from '../runtime';
import { post } from '../mailbox';

// a subscriber that throws is reported and does not stop the others or the chain
function tell(ev: GuestEvent, d: { slot: number; why?: string }) {
  rt.guest.subs.forEach((s) => {
    if (s.ev !== ev) return;
    try {
      s.fn(d);
    } catch (e) {
      err(d.slot, 'guest: ' + ev + ' handler failed: ' + e);
    }
  });
}
function toHost(m: Msg, type: string) {
  post({ from: 'guest', to: 'host', type: type, slot: m.slot, gen: m.gen });
}

export function guestOn(m: Msg) {
  const devs = rt.guest.devs;
  const d = devs[m.slot];
  const mine = d && d.gen === m.gen ? d : undefined;
  if (m.type === 'present') {
    const id = m.id!;
    devs[m.slot] = { gen: m.gen, phase: 'adding', dev: { slot: m.slot, type: id.type, name: id.name, serial: id.serial, caps: id.caps } };
    toHost(m, 'add');
  } else if (m.type === 'added' && mine) {
    if (mine.removeWhenAdded) {
      // gone before it was ever online: processes never saw it
      mine.phase = 'removing';
      toHost(m, 'remove');
    } else {
      mine.phase = 'online';
      note(m.slot, 'guest: ' + mine.dev.name + ' available');
      tell('add', mine.dev);
    }
  } else if ((m.type === 'gone' || m.type === 'eject') && mine) {
    if (mine.phase === 'adding') mine.removeWhenAdded = true;
    else if (mine.phase === 'online') {
      mine.phase = 'removing';
      note(m.slot, 'guest: ' + mine.dev.name + ' detached');
      tell('remove', mine.dev);
      toHost(m, 'remove');
    }
  } else if ((m.type === 'removed' || m.type === 'add-failed') && mine) {
    devs[m.slot] = undefined;
    // a card already pulled out failing to power up is no fault of the card
    if (m.type === 'add-failed' && !mine.removeWhenAdded) tell('fault', { slot: m.slot, why: m.why });
  } else if (m.type === 'fault') {
    tell('fault', { slot: m.slot, why: m.why });
  }
}

/** devices available to processes */
export function devices(): Device[] {
  const out: Device[] = [];
  rt.guest.devs.forEach((d) => { if (d && d.phase === 'online') out.push(d.dev); });
  return out;
}

/** subscribe to 'add' (a Device), 'remove' (a Device) or 'fault' ({slot, why}) */
export function on(ev: GuestEvent, fn: (d: any) => void) {
  rt.guest.subs.push({ ev: ev, fn: fn });
}
