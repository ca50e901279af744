// A storage card's blocks in its 24C02 EEPROM: 256 bytes in pages of 8 (a write's bytes wrap
// within its page); after each page write the chip programs it (tWR, up to 5 ms) and does not
// acknowledge meanwhile (writeTo/readFrom throw, as for a NACK). Layout:
//   0..15    the card's ID record (firmware/hotplug/identify.ts)
//   16..36   the journal: the block's address, its 16 bytes, CRC-32 (LE) of those 17
//   40..247  13 blocks of 16 bytes, two pages each (248..255 unused)
// A block write writes the journal, then the block. Power lost during a write cycle tears only
// the page being programmed: a torn journal fails its CRC and the block was not touched yet; a
// torn block is written again from the journal when the card comes online. Each region is
// written page by page, each page once the chip acknowledges (polled every ms; TRIES polls
// without acknowledge in one operation: I/O error), then read back and written again if it
// differs (the card lost power for a moment and answers again), so a block is written only
// after its journal is whole. One operation at a time, in the order they came.
import { hal, buses } from '../core';
import { U8 } from '../flashlog/index';
import type { FwSlotId } from '../profile';

/** a card's resource (storage/index.ts Resource), as far as its EEPROM goes: no card once
 * the card is gone */
interface Resource { card?: EepromId }
/** a card's EEPROM: its slot's identity (the profile's: nothing new kept), its bus and address */
export type EepromId = Extract<FwSlotId, { bus: string }>;

const JOURNAL = 16;
const BASE = 40;
/** polls the chip may leave unacknowledged (and rewrites) in one operation: then I/O error */
const TRIES = 50;

type Done = (status: number, data?: Uint8Array) => void;
/** the operations waiting; the first is running */
const Q: (() => void)[] = [];

/** Op 1 (read), 2 (write `d`) or 4 (discard: 0xFF) on block `blk` of a storage card, after the
 * operations queued before; or op 0: the card came online, and a journal record whose CRC
 * checks is written to its block again (the write it records may have been cut short). It runs
 * as jobs: a job [at, bytes...] is written and verified; a job [at] reads a block and
 * completes with it. A write is two: the journal record, then the block it names. Statuses:
 * 0, 5 I/O error, 7 the card is gone. */
export function cardIO(r: Resource, blk: number, op: number, done: Done, d?: ArrayLike<number>) {
  const B = buses[r.card!.bus];
  const A = r.card!.addr;
  const at = BASE + blk * 16;
  let jobs: ArrayLike<number>[] = [[at]];
  if (op > 1) {
    // the journal record: [JOURNAL, at, the 16 bytes to write at `at` (`d` padded with 0xFF),
    // CRC-32 LE of at and the bytes]
    const w = new U8(22).fill(255);
    w.set([JOURNAL, at]);
    if (op < 3) w.set(d!, 2);
    const b = w.subarray(1, 18); // the block's job: at, the bytes
    const c = hal.sys.crc32(b);
    for (let i = 4; i--; ) w[18 + i] = c >> (8 * i);
    jobs = [w, b];
  } else if (!op) {
    try {
      B.writeTo(A, JOURNAL);
      const j = B.readFrom(A, 21);
      // (the CRC-32 of bytes followed by their own CRC-32, LE, is always 0x2144DF1C)
      if (hal.sys.crc32(j) !== 0x2144df1c || j[0] < BASE) return;
      jobs = [j.subarray(0, 17)];
    } catch (x) {
      // no answer: identification has just read it; a write rewrites the journal anyway
      return;
    }
  }
  let off = 0;
  let k = 0;
  const end = (s: number, d?: Uint8Array) => {
    Q.shift();
    if (Q[0]) hal.clock.after(Q[0], 0);
    done(s, d);
  };
  const go = (): unknown => {
    const j = jobs[0];
    if (!j || !r.card) return end(j ? 7 : 0); // the card went away (cardRemoved)
    const n = j.length - 1;
    let e = off;
    try {
      if (e < n) {
        const w = [j[0] + e];
        do w.push(j[++e]); while (e < n && (j[0] + e) & 7); // to the page's end
        B.writeTo(A, w);
        off = e;
      } else {
        B.writeTo(A, j[0]);
        const d = B.readFrom(A, n || 16);
        if (!n) return end(0, d);
        off = 0;
        // it differs (the card lost power for a moment): written again
        for (e = n; e--; ) if (d[e] !== j[e + 1]) throw 0;
        jobs.shift();
      }
    } catch (x) {
      // no acknowledge: the chip is in its write cycle (or gone)
      return ++k > TRIES ? end(5) : hal.clock.after(go, 1);
    }
    return go();
  };
  if (Q.push(go) < 2) go();
}
