// The mailbox between the partitions. Host and guest share no mutable state: every step of
// the hot-plug chain is a message, queued and delivered from the event loop in order, so the
// chain's order shows in the event log. A partition that throws is contained and reported.
import { rt, note, err } from './runtime';
import type { Msg } from './runtime';

function drain() {
  const mb = rt.mb;
  mb.armed = false;
  while (mb.q.length) {
    const m = mb.q.shift()!;
    mb.taps.forEach((t) => t(m));
    try {
      mb.to[m.to](m);
    } catch (e) {
      err(m.slot, m.to + ' failed on ' + m.type + ': ' + e);
    }
  }
}

export function post(m: Msg) {
  rt.mb.q.push(m);
  if (!rt.mb.armed) {
    rt.mb.armed = true;
    rt.hal.clock.after(drain, 0);
  }
}

/** the event log's line for a message */
export function logMsg(m: Msg) {
  if (!rt.trace) return; // every message passes here: build no string for nothing
  note(m.slot, m.from + '>' + m.to + ' ' + m.type + (m.type === 'present' ? ' ' + m.id!.name + (m.id!.serial ? '#' + m.id!.serial : '') : '') + (m.why ? ' (' + m.why + ')' : ''));
}
