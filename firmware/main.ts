// Boot: check the board profile against the real flash, then start the partitions and the
// hot-plug chain between them. Mechanisms still to come (I/O ring, storage sets, management,
// containers) are started from here as they land.
//
// The bundle is an IIFE assigned to the one global it defines, `cardcage`; its exports are
// the API for applications and the console: cardcage.devices(), cardcage.on(ev, fn),
// cardcage.slots(), cardcage.eject(slot), cardcage.cancelEject(slot), cardcage.runtime.
import PROFILE from 'cardcage:profile';
import { espruinoHal } from './hal/index';
import type { Hal } from './hal/index';
import { checkRegion } from './profile';
import type { Profile } from './profile';
import { rt } from './runtime';
import type { Runtime } from './runtime';
import { logMsg } from './mailbox';
import { hostInit, hostOn } from './host/index';
import { guestOn } from './guest/index';
import { hpInit, hpTap } from './hotplug/slots';

export { devices, on } from './guest/index';
export { slots, eject, cancelEject } from './hotplug/slots';

export function boot(hal: Hal, profile: Profile): Runtime {
  rt.version = CARDCAGE_VERSION;
  rt.board = profile.name;
  rt.hal = hal;
  rt.profile = profile;
  rt.fault = checkRegion(profile, hal.flash.getFree());
  const m = hal.sys.memory();
  if (rt.fault) {
    hal.print('cardcage ' + rt.version + ' board=' + profile.name + ' FAULT ' + rt.fault);
    return rt;
  }
  hal.print('cardcage ' + rt.version + ' board=' + profile.name + ' espruino=' + hal.sys.version + ' free=' + m.free + '/' + m.total);
  rt.mb = { q: [], armed: false, to: { host: hostOn, guest: guestOn }, taps: [logMsg, hpTap] };
  rt.guest = { devs: [], subs: [] };
  hostInit();
  hpInit();
  return rt;
}

export const runtime = boot(espruinoHal, PROFILE as Profile);
