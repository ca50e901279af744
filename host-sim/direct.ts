// Drives firmware modules directly (not through a bundle) on a simulated board's flash and
// virtual clock: for tests and benchmarks of configurations no board profile has (page and
// queue sizes). The firmware code runs in Node here, so the bundle gate and the Espruino
// sandbox do not apply; the same modules are tested on the bundle elsewhere.
import vm from 'node:vm';
import { SimBoard } from './board';
import { firmwareProfile, loadBoard, type SimProfile } from './profile';
import { coreInit, runtime } from '../firmware/core';
import { ringStop } from '../firmware/ring/index';
import type { Hal } from '../firmware/hal/types';

/** A profile like esp32's with its flash region replaced. */
export function flashProfile(pageSize: number, pages: number, queueSize = 16): SimProfile {
  const p = JSON.parse(JSON.stringify(loadBoard('esp32'))) as SimProfile;
  p.flash.region = { addr: 0x400000, length: pages * pageSize };
  p.flash.pageSize = pageSize;
  p.flash.free = [p.flash.region];
  p.ring = { queueSize: queueSize, maxPayload: 64 };
  return p;
}

/** Boots an empty program on a board for `profile` and points the firmware's runtime state at
 * that board's Espruino API. */
export function directBoard(profile: SimProfile, seed = 1, board?: SimBoard): SimBoard {
  const b = board ?? new SimBoard({ profile, seed });
  if (b.off) b.boot();
  const g = b.ctx as any;
  const hal = {
    clock: { now: () => b.clock.now, after: g.setTimeout, every: g.setInterval, cancel: g.clearTimeout },
    flash: g.require('Flash'),
    store: g.require('Storage'),
    sys: { crc32: g.E.CRC32, bytes: g.E.toUint8Array, str: g.E.toString, random: vm.runInContext('Math', b.ctx!).random, size: g.E.getSizeOf, kick: () => {}, memory: g.process.memory, mod: g.require },
    print: (s: string) => b.output.push(s),
    i2c: (bus: string, scl: string, sda: string) => { g[bus].setup({ scl: scl, sda: sda }); return g[bus]; },
  } as unknown as Hal;
  coreInit(hal, firmwareProfile(profile));
  runtime.trace = true;
  runtime.ringFault = '';
  ringStop(); // a fresh ring (as at boot: nothing of a ring before it)
  return b;
}
