// Boot: check the board profile against the real flash, then announce. The mechanisms
// (hot-plug, ring, storage sets, management, containers) are started from here as they land.
import PROFILE from 'cardcage:profile';
import { espruinoHal } from './hal/index';
import type { Hal } from './hal/index';
import { checkRegion } from './profile';
import type { Profile } from './profile';

export interface Runtime {
  version: string;
  board: string;
  hal: Hal;
  profile: Profile;
  /** why the runtime refused to start, '' when it runs */
  fault: string;
}

export function boot(hal: Hal, profile: Profile): Runtime {
  const rt: Runtime = { version: CARDCAGE_VERSION, board: profile.name, hal: hal, profile: profile, fault: '' };
  rt.fault = checkRegion(profile, hal.flash.free());
  const m = hal.sys.mem();
  if (rt.fault) {
    hal.print('cardcage ' + rt.version + ' board=' + profile.name + ' FAULT ' + rt.fault);
    return rt;
  }
  hal.print('cardcage ' + rt.version + ' board=' + profile.name + ' espruino=' + hal.sys.version() + ' free=' + m.free + '/' + m.total);
  return rt;
}

// The bundle is an IIFE assigned to the one global it defines, `cardcage`: the console and
// test rigs reach the runtime as cardcage.runtime.
export const runtime = boot(espruinoHal(), PROFILE as Profile);
