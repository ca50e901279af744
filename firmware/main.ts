// Boot: check the board profile against the real flash, then start the partitions, the
// hot-plug chain between them, and the I/O ring (recovered from flash) with storage, its
// back end, management, and the containers.
//
// The bundle is an IIFE assigned to the one global it defines, `cardcage`; its exports are
// the API for applications and the console: cardcage.devices(), cardcage.on(ev, fn),
// cardcage.slots(), cardcage.eject(slot), cardcage.cancelEject(slot), cardcage.ring.*,
// cardcage.storage.*, cardcage.mgmt(text), cardcage.containers.*, cardcage.runtime ({version,
// board, trace, errors, ringFault}).
import PROFILE from 'cardcage:profile';
import { espruinoHal, Flash } from './hal/index';
import type { Hal } from './hal/types';
import { WATCHDOG_S, type Profile } from './profile';
import { coreInit, runtime, err, tableText } from './core';
import { to } from './mailbox';
import { hostOn } from './host/index';
import { hpInit, chain } from './hotplug/slots';
import { ringRecover, ringStop, submit, serve, onComplete, ringStats } from './ring/index';
import { storageInit, storageStart, bind, sets, resource } from './storage/index';
import { mgmtInit } from './mgmt/index';
import { ctInit, ctBoot, add, link, fromCard, list } from './containers/index';

export { on, runtime, msg } from './core';
export { devices, slotsView as slots, eject, cancelEject } from './hotplug/slots';
export { mgmt } from './mgmt/index';

/** the I/O ring: front end (submit, onComplete) and back end (serve) */
export const ring = { submit: submit, serve: serve, onComplete: onComplete, stats: ringStats };
/** storage sets bound to ports: the back end of the ring's storage requests */
export const storage = { bind: bind, sets: sets, resource: resource };
/** containers: the application's code for them, frames from a card, what runs */
export const containers = { add: add, link: link, fromCard: fromCard, list: list };

/*! boot */
function boot(hal: Hal, profile: Profile) {
  coreInit(hal, profile);
  const m = hal.sys.memory();
  hal.print('cardcage ' + CARDCAGE_VERSION + ' board=' + profile.name + ' espruino=' + process.version + ' free=' + m.free + '/' + m.total);
  // the partitions' receivers: the host's, and the guest's (each slot's state machine)
  to.host = hostOn;
  to.guest = chain;
  mgmtInit(); // matches each card that comes online, cold-plugged ones too
  hpInit(); // (each slot's power off first: the host's start)
  // The flash log's region, checked against the real flash. A fault here stops the ring and
  // storage only (their APIs answer with it): hot-plug needs no flash and goes on. The build
  // checked the region's pages (host-sim/profile.ts, on the profile embedded here); what it
  // cannot know is the flash free on the installed firmware: the region must be inside
  // Flash.getFree().
  // (The log in Storage files: nothing to check. The region is inside an area where its offset
  // in it, unsigned, plus its length is within the area's: below the area the offset wraps to
  // some 4e9.)
  const fl = profile.flash;
  const reg = fl.region; // (absent where files; its addr, then its length)
  const cts = ctInit();
  let why = fl.files || Flash.getFree().some((f) => (reg[0] - f.addr >>> 0) + reg[1] <= f.length) ? '' : tableText('flash.region: 0x' + reg[0].toString(16) + '+' + reg[1] + ' is not inside Flash.getFree()');
  if (!why) {
    try {
      ringRecover([storageInit(), cts]);
      storageStart();
    } catch (e) {
      // the log could not be opened (too small for the profile, Storage full, flash refusing
      // writes)
      why = tableText('flash log: ' + e);
    }
  }
  if (why) {
    ringStop();
    runtime.ringFault = why;
    err(-1, 'ring: FAULT ' + why);
  }
  ctBoot(); // after recovery: each resumes from its last record
  const wd = profile.timing[WATCHDOG_S];
  if (wd) {
    // kicked from the main loop: a callback that blocks the event loop stops the kicks and
    // the board resets (a back end that never calls done() is not detected)
    E.enableWatchdog(wd, false); // (false: not kicked automatically)
    hal.clock.every(hal.sys.kick, wd * 250); // four kicks a period
  }
  // What only boot reads goes back to the free pool: the profile literal and the HAL are in
  // RAM (JsVars), unlike the code. Nothing after boot may read these (profile.flash,
  // .resources, .i2c; the HAL's i2c).
  delete (profile as Partial<Profile>).flash;
  delete (profile as Partial<Profile>).resources;
  delete (profile as Partial<Profile>).i2c;
  delete (hal as Partial<Hal>).i2c;
}

boot(espruinoHal, PROFILE as Profile);
