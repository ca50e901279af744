// The mailbox between the partitions. Host and guest share no mutable state: every step of
// the hot-plug chain is a message, queued and delivered from the event loop in order, so the
// chain's order shows in the event log. A partition that throws is contained and reported.
import { hal, note, err } from './core';
import type { CardId } from './cards';

/** (its fields named as no API field is: the build shortens them) */
export interface Msg {
  /** who sends it, where not the guest: the guest's messages (none) go to the host, the
   * others' (hw, host) to the guest */
  sender?: 'hw' | 'host';
  /** its type: present, gone, eject, fault (hw>guest); add, remove (guest>host); added,
   * add-failed, removed (host>guest) */
  kind: string;
  /** the slot's number */
  slotNo: number;
  /** which insertion of a card into the slot this is about */
  gen: number;
  /** the card (the guest's and the hardware's messages) */
  card?: CardId;
  reason?: string;
}

const q: Msg[] = [];
/** a drain is due: its timer's id (1 or more; cleared as it starts: a drain that Espruino
 * interrupts, out of memory say, leaves its messages to the next post's drain, not stuck behind
 * a queue that is not empty) */
let armed = 0;
/** each partition's receiver, wired at boot (main.ts): a partition imports only post(). It is
 * given the message's slot and type as well (the guest's is its state machine's step()). */
export const to: { [part: string]: (i: number, type: string, m: Msg) => void } = {};

/** Queues message `m` for its receiver and arms a drain; called with none (the drain's timer),
 * delivers the queue (one function: a top-level function holds some 6 JsVars for good). */
export function post(m?: Msg) {
  if (m) {
    q.push(m);
    if (!armed) armed = hal.clock.after(post, 0);
  } else {
    armed = 0;
    while (q.length) {
      const m = q.shift()!;
      // (the fields read more than once, once: the sender's short name is shorter twice)
      const i = m.slotNo;
      const type = m.kind;
      const id = m.card;
      const dst = m.sender ? 'guest' : 'host'; // (none: the guest's)
      try {
        // the event log's line for a message (every message passes here; note() prints it where
        // the log is on: a line built for nothing while it is off costs a few per insertion)
        note(i, (m.sender || 'guest') + '>' + dst + ' ' + type + (type === 'present' ? ' ' + id!.name + (id!.serial ? '#' + id!.serial : '') : ''), m.reason);
        to[dst](i, type, m);
      } catch (e) {
        err(i, dst + ' failed on ' + type + ': ' + e);
      }
    }
  }
}
