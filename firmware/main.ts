// Boot: check the board profile against the real flash, then start the partitions, the
// hot-plug chain between them, and the I/O ring (recovered from flash). Mechanisms still to
// come (storage sets, management, containers) are started from here as they land.
//
// The bundle is an IIFE assigned to the one global it defines, `cardcage`; its exports are
// the API for applications and the console: cardcage.devices(), cardcage.on(ev, fn),
// cardcage.slots(), cardcage.eject(slot), cardcage.cancelEject(slot), cardcage.ring.*,
// cardcage.runtime.
import PROFILE from 'cardcage:profile';
import { espruinoHal } from './hal/index';
import type { Hal } from './hal/types';
import { checkRegion } from './profile';
import type { Profile } from './profile';
import { rt, err } from './runtime';
import type { Runtime } from './runtime';
import { logMsg } from './mailbox';
import { hostInit, hostOn } from './host/index';
import { guestOn } from './guest/index';
import { hpInit, hpTap } from './hotplug/slots';
import { ringRecover, submit, serve, onComplete, ringStats } from './ring/index';
import { storageInit, storageStart, bind, sets, resource } from './storage/index';
import { on } from './guest/index';

export { devices, on } from './guest/index';
export { slots, eject, cancelEject } from './hotplug/slots';

/** the I/O ring: front end (submit, onComplete) and back end (serve) */
export const ring = { submit: submit, serve: serve, onComplete: onComplete, stats: ringStats };
/** storage sets bound to ports: the back end of the ring's storage requests */
export const storage = { bind: bind, sets: sets, resource: resource };

/*! boot */
function boot(hal: Hal, profile: Profile): Runtime {
  rt.version = CARDCAGE_VERSION;
  rt.board = profile.name;
  rt.hal = hal;
  rt.profile = profile;
  const m = hal.sys.memory();
  hal.print('cardcage ' + rt.version + ' board=' + profile.name + ' espruino=' + hal.sys.version + ' free=' + m.free + '/' + m.total);
  rt.mb = { q: [], armed: false, to: { host: hostOn, guest: guestOn }, taps: [logMsg, hpTap] };
  rt.guest = { devs: [], subs: [] };
  hostInit();
  hpInit();
  // The flash log's region or files, checked against the real flash. A fault here stops the
  // ring and storage only (their APIs answer with it): hot-plug needs no flash and goes on.
  const fl = profile.flash;
  rt.ringFault = checkRegion(profile, hal.flash.getFree()) || (!fl.files && fl.region.length < 2 * fl.pageSize ? 'flash.region has one page; the flash log needs two' : '');
  if (!rt.ringFault) {
    try {
      ringRecover([storageInit(on)]);
      storageStart();
    } catch (e) {
      // the log could not be opened (too small for the profile, Storage full, flash refusing
      // writes)
      rt.ringFault = 'flash log: ' + e;
    }
  }
  if (rt.ringFault) {
    rt.ring = undefined as any;
    rt.store = undefined as any;
    err(-1, 'ring: FAULT ' + rt.ringFault);
  }
  const wd = profile.timing.watchdogS;
  if (wd) {
    // kicked from the main loop: a callback that blocks the event loop stops the kicks and
    // the board resets (a back end that never calls done() is not detected)
    hal.sys.watchdog(wd);
    hal.clock.every(hal.sys.kick, (wd * 1000) / 4);
  }
  dropBootOnly(hal, profile);
  return rt;
}

/** What only boot reads goes back to the free pool: the profile literal and the HAL are in RAM
 * (JsVars), unlike the code. Nothing after boot may read these (rt.profile.flash, .resources,
 * .i2c; the HAL's getFree, i2c, mode, version, watchdog). */
/*! boot */
function dropBootOnly(hal: Hal, profile: Profile) {
  const p: Partial<Profile> = profile;
  delete p.flash;
  delete p.resources;
  delete p.i2c;
  const h: Partial<Hal> = hal;
  delete h.i2c;
  delete (hal.flash as Partial<Hal['flash']>).getFree;
  delete (hal.pins as Partial<Hal['pins']>).mode;
  delete (hal.sys as Partial<Hal['sys']>).version;
  delete (hal.sys as Partial<Hal['sys']>).watchdog;
}

export const runtime = boot(espruinoHal, PROFILE as Profile);
