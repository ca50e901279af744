// Storage resources in sets bound to ports (MISSION.md §3, CN104750427B). The host's storage
// back end serves the ring: volumes of fixed-size blocks in the runtime's flash (every block
// write is one record in the flash log, so a block reads back old or new, never a mix), and
// storage a card brings with it (its EEPROM) while the card is online. Resources are grouped
// into named sets; a set is reachable only through the ports bound to it. The check is a
// lookup (the resource's set, that set's port mask) made before any data is touched. It is
// the ring's back end for every port that has none of its own.
//
// A request is one chain: bufs[0] = [op, resource, block lo, block hi], bufs[1] = the data of
// a write. Statuses: 0 ok, 1 access denied, 2 unknown resource, 3 block out of range,
// 4 too big, 5 I/O error, 6 malformed, 7 resource gone (its card was removed).
import { hal, profile, runtime, note, err, on } from '../core';
import type { Profile } from '../profile';
import type { Device } from '../hotplug/slots';
import { log, logAppend, rec, U8, BYTES } from '../flashlog/index';
import { serveDefault } from '../ring/index';
import type { Recovery } from '../ring/index';
import { cardIO } from './eeprom';
import type { EepromId } from './eeprom';

export const READ = 1;
export const WRITE = 2;
export const FLUSH = 3;
export const DISCARD = 4;
export const S = { OK: 0, DENIED: 1, NOENT: 2, RANGE: 3, TOOBIG: 4, IO: 5, INVAL: 6, GONE: 7 };
const T_BLOCK = 8;
const T_BIND = 9;
/** the layout the records' volume and set numbers refer to: block size, volumes, sets by name */
const T_LAYOUT = 10;
/** a card's resource id is CARD + its slot; its set is named card<slot>, bound to port 8 + slot */
const CARD = 16;
const CARD_BLOCK = 16;
const CARD_BLOCKS = 13; // after its ID record and a journal (./eeprom.ts)

export interface Resource {
  name: string;
  blocks: number;
  bs: number;
  /** its set's index */
  inSet: number;
  /** a volume's blocks (RAM copy of the newest record of each; flash is the durable copy) */
  data?: (Uint8Array | undefined)[];
  /** a card's EEPROM: its slot's identity (bus, address); cleared when the card goes */
  card?: EepromId;
}
export interface Store {
  /** by resource id; null: a card's that went away with its card (its requests complete with
   * GONE, never hang) */
  res: (Resource | null | undefined)[];
}

/** Storage's state: made by storageInit; not used where the flash log could not start
 * (runtime.ringFault says why). The store holds the resources for the tests (nothing in the
 * bundle reads it: the build drops it); storage reaches them, and the rest of its state, as
 * module values (no property lookup; set by storageInit, nothing reads them before): */
export let store: Store | undefined;
/** the resources (store.res), */
let res: Store['res'];
/** the sets' names (the profile's, then cards'), */
let setNames: string[];
/** each set's bound ports, as a bit mask: a profile's set is bound to ports 0..7 (a mask under
 * 256: the profile's checks, and bind's), a card's to port 8 + its slot, so whose set it is is
 * told by its mask (nothing else kept), */
let bound: number[];
/** the profile's layout (snapBytes), written into every snapshot: the profile's resources are
 * boot-only */
let layout: string;

/** The most storage's part of a snapshot can take in the log, its largest record (the layout),
 * the layout as that record holds it ("blockSize;volume:blocks,...;set,..."), and the sets'
 * names: the layout, every binding, every block written in full. */
/*! boot */
export function snapBytes(R: Profile['resources']) {
  let blocks = 0;
  const sets = R.sets.map((x) => x.name);
  const layout = R.blockSize + ';' + R.volumes.map((v) => { blocks += v.blocks; return v.name + ':' + v.blocks; }).join(',') + ';' + sets.join(',');
  // (a record: 12 bytes and its body padded to words; 12 and 16 are whole words, so added
  // before the padding)
  const big = (layout.length + 15) & ~3;
  return [big + 16 * sets.length + blocks * ((R.blockSize + 19) & ~3), big, layout, sets] as const;
}

/** Appends a record of type `t`: a binding (set `n`, its port mask `x`: [set, mask lo, mask
 * hi]) or a block (volume `n`, block `x`, its data `d`, none for a discarded block: [volume,
 * block lo, hi, length, data]): the body's first word, and the data. With no type, storage's
 * part of a snapshot: the layout (its text the whole body), every binding, every block written
 * (one function, not two: each top-level one holds JsVars for good). Returns the data. */
function record(t?: number, n?: number, x?: number, d?: Uint8Array) {
  const l = t ? d || [] : BYTES(layout);
  const k = l.length;
  // (a binding's 3 bytes given as 4: the same words; the layout's first word: its text, w2 0)
  const b = rec(t || T_LAYOUT, t ? 4 + k : k, t && n! | (x! << 8) | (k << 24));
  b.set(l, t ? 12 : 8);
  logAppend(b);
  if (t) return d;
  bound.forEach((mask, i) => { if (mask < 256) record(T_BIND, i, mask); }); // (a card's: not persisted)
  res.forEach((r, i) => {
    ((r && r.data) || []).forEach((d, blk) => { if (d) record(T_BLOCK, i, blk, d); }); // (a card's: on its EEPROM)
  });
}

/** the storage back end: one chain = one operation on one block (`unchecked`: for the
 * benchmark's baseline only) */
export function serveStorage(req: { port: number; bufs: Uint8Array[] }, done: (status: number, data?: Uint8Array) => void, unchecked?: boolean): void;
/** Given a port alone: whether it is bound to any storage set. Then the storage back end
 * serves it (unless the application serves it itself); on it, a request for another set's
 * resource is refused. (One function for both: each top-level one holds JsVars for good.) */
export function serveStorage(port: number): boolean;
export function serveStorage(req: { port: number; bufs: Uint8Array[] } | number, done?: (status: number, data?: Uint8Array) => void, unchecked?: boolean) {
  if (!done) return bound.some((mask) => (mask >> (req as number)) & 1);
  req = req as { port: number; bufs: Uint8Array[] };
  const h = req.bufs[0] || [];
  const op = h[0];
  const id = h[1];
  const blk = h[2] | (h[3] << 8);
  const r = res[id];
  const d = req.bufs[1];
  // the checks in order, the access check (a lookup) before anything else is read or written;
  // -1: none refuses
  const s =
    h.length < 4 ? S.INVAL
    : !r ? (r === null ? S.GONE : S.NOENT)
    : !unchecked && !((bound[r.inSet] >> req.port) & 1) ? S.DENIED
    : op === FLUSH ? S.OK // a write is on flash when it completes
    : !op || op > DISCARD ? S.INVAL // (op: a byte)
    : blk >= r.blocks ? S.RANGE
    // (a write's data: 1 byte at least, as a record of none reads back as a discarded block's)
    : op !== WRITE ? -1
    : !(d && d.length) ? S.INVAL
    : d.length > r.bs ? S.TOOBIG
    : -1;
  if (s >= 0) return done(s);
  // a card's EEPROM: journalled block writes, completed when they are on the chip (or IO/GONE)
  if (r!.card) return cardIO(r!, blk, op, done, d);
  if (op === READ) return done(S.OK, r!.data![blk] || new U8(r!.bs));
  // (the RAM copy changed once its record is appended: if that throws, the block is as it was)
  r!.data![blk] = record(T_BLOCK, id, blk, op === WRITE ? new U8(d) : undefined);
  return done(S.OK);
}

/** the sets' names, where storage runs */
function running() {
  const why = runtime.ringFault;
  if (why) throw new Error('storage: not running on this board (' + why + ')');
  return setNames;
}

/** Binds a set to ports (replacing its ports); persisted. Requests are checked when the back
 * end executes them, so a chain already queued meets the new binding. */
export function bind(set: string, ports: number[]): boolean {
  const i = running().indexOf(set);
  if (!(bound[i] < 256)) throw new Error('storage: no set named ' + set); // (a card's set, or none: -1)
  let mask = 0;
  ports.forEach((p) => {
    // (0..7 and whole: p & 7 is p)
    if (p !== (p & 7)) throw new Error('storage: ports are 0..7, got ' + p);
    mask |= 1 << p;
  });
  record(T_BIND, i, mask);
  bound[i] = mask;
  serveDefault(serveStorage, serveStorage); // a newly bound port's waiting chains now run
  return true;
}

/** sets, their resources and bound ports */
export function sets() {
  return running().map((name, i) => {
    const ports: number[] = [];
    for (let p = 0; p < 16; p++) if ((bound[i] >> p) & 1) ports.push(p);
    return { name: name, resources: res.filter((r) => r && r.inSet === i).map((r) => r!.name), ports: ports };
  });
}

/** the resource id of a name (for request headers), or -1 */
export function resource(name: string) {
  running();
  return res.findIndex((r) => r && r.name === name);
}

// A storage card (type 3) in a slot identified by an ID EEPROM brings 13 blocks of 16 bytes
// while it is online: one handler for "add" and "remove". A slot's add and remove alternate,
// and its resource is there only while its storage card is online: a resource there, this is
// its remove. Registered by storageStart: only where the flash log started.
function card(d: Device) {
  const k = d.slot;
  const sid = profile.slots[k].id as EepromId; // (checked below)
  const id = CARD + k;
  const set = 'card' + k;
  const r = res[id];
  if (r) {
    delete r.card; // its EEPROM jobs still queued end with GONE
    res[id] = null; // its port stays served: requests to it complete with GONE, never hang
  } else {
    if (d.type !== 3 || !sid.bus) return; // (an EEPROM's ID alone has a bus)
    const i = (setNames.indexOf(set) + 1 || setNames.push(set)) - 1; // its set since it was first online, or a new one
    bound[i] = 1 << (8 + k);
    // a block write cut short is completed from the journal, before any request
    cardIO((res[id] = <Resource>{ name: set, blocks: CARD_BLOCKS, bs: CARD_BLOCK, inSet: i, card: sid }), 0, 0, function () {});
  }
  note(k, 'storage: ' + set + (r ? ' gone' : ' online on port ' + (8 + k)));
}

/** Storage's state from the profile, and its part of every snapshot; returns what recovery
 * needs to rebuild it from the log (ringRecover). */
/*! boot */
export function storageInit(): Recovery {
  const R = profile.resources;
  const w = snapBytes(R);
  // the profile's volumes become the resources (boot deletes the profile's resources)
  res = (R.volumes as Resource[]).map((v) => ((v.bs = R.blockSize), (v.inSet = R.sets.findIndex((x) => ~x.resources.indexOf(v.name))), (v.data = []), v));
  store = { res: res };
  setNames = w[3];
  layout = w[2];
  bound = R.sets.map((x) => {
    let mask = 0;
    for (const p of x.ports) mask |= 1 << p;
    return mask;
  });
  /** while replaying: the volume and set numbers of the layout the log was written with, mapped
   * to this profile's by name (-1: gone), [volumes, sets] (a block record's type - T_BLOCK
   * picks its map); undefined until a layout record is read */
  let maps: number[][] | undefined;
  /** A record of the log, given to storage at boot (none: recovery's reset, which has nothing
   * to do: the store has just been made, and the ring recovers once after it).
   * A layout record: the numbers in the records after it are mapped by name onto this
   * profile's. What does not map (a volume or set no longer in the profile, another block
   * size, blocks beyond a shrunk volume) is not restored, and said; a snapshot in the new
   * layout is then written at once, before any record that uses it. Records from before any
   * layout record (a log with no complete snapshot): in this profile's numbers. A function of
   * this call's own: it goes with the recovery, and the maps with it. */
  function replay(t?: number, b?: Uint8Array) {
    if (t === T_LAYOUT) {
      const was = hal.sys.str(b!).split('\0')[0]; // (0: the record's padding)
      const f = was.split(';');
      // this profile's layout: its numbers are this profile's (no maps). Another: the old
      // numbers of its volumes ("name:blocks,...", field 1) and sets ("name,...", field 2)
      // mapped by name onto this profile's (-1: gone), each entry that does not map said, and
      // a snapshot in this layout written; volumes map only under the same block size
      maps = was === layout ? undefined : ((log!.needSnap = true), [1, 2]).map((k) => {
        const to: { name: string; blocks?: number }[] = k > 1 ? R.sets : +f[0] === R.blockSize ? R.volumes : [];
        return (f[k] || '').split(',').map((v) => {
          const old = v.split(':'); // [name, blocks]
          const j = to.findIndex((x) => x.name === old[0]);
          // (a set has no blocks: NaN > undefined is false; the texts written in the call: the
          // build keeps them in its message table, the literals joined by + as one entry: the
          // shared words repeated in each branch cost the bundle no call of their own)
          if (j < 0 || +old[1] > to[j].blocks!)
            err(-1, (k < 2 ? 'storage: layout changed: ' + 'volume ' : 'storage: layout changed: ' + 'set ') + old[0] +
              (j >= 0 ? ': blocks from ' + to[j].blocks + ' on are' + ' not restored' : k < 2 ? ' (block size ' + f[0] + '): its data is' + ' not restored' : ': its ports are' + ' not restored'));
          return j;
        });
      });
    } else if (t! < T_LAYOUT) {
      // a block record [volume, block lo, block hi, length, data], a binding [set, mask lo, mask hi]
      // (the types after T_LAYOUT are other owners'; none: the reset)
      const i = maps ? maps[t! - T_BLOCK][b![0]] : b![0];
      const x = b![1] | (b![2] << 8);
      const n = b![3];
      const r = res[i];
      // validate before trusting: a set of the profile's bound to ports 0..7 (a mask under 256:
      // a set bound past them would read as a card's, and open it to cards' ports), a volume, a
      // block in range, a length that fits (replayed at boot, before any card came online: the
      // profile's sets and volumes are all there are)
      if (t === T_BIND) {
        if (bound[i] >= 0 && x < 256) bound[i] = x;
      } else if (r && x < r.blocks && n <= r.bs && 4 + n <= b!.length) r.data![x] = n ? new U8(b!.subarray(4, 4 + n)) : undefined;
    }
  }
  return { reset: replay, replay: replay, snap: record, bytes: w[0], big: w[1] };
}

/** after the ring has been recovered: the storage back end takes the storage ports, and
 * storage its cards */
/*! boot */
export function storageStart() {
  serveDefault(serveStorage, serveStorage);
  on('add', card);
  on('remove', card);
}
