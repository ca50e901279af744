// Management through interface matching (MISSION.md §4, CN109144483A). One management API —
// power (on, off gracefully, off forced, cycle), monitor (named sensors, once or periodically),
// migrate, status — is matched onto each card's own interface: the card's descriptor (from an
// extension record in its ID EEPROM, or the board profile's table by card type) declares its
// power, monitoring and migration parameters; matching checks each against the preset
// parameter-mapping table below and generates the adapter that binds the API to that card.
// What a card does not declare answers `unsupported`, never a stand-in. Matching runs when a
// card comes online (the hot-plug chain's "add") and on request; the adapter goes with the card.
//
// The console protocol: cardcage.mgmt(text) takes one JSON request and prints exactly one
// line, `mgmt {"id":…,"ok":true,"data":…}` or `mgmt {"id":…,"ok":false,"error":"<code>",
// "detail":"…"}`; periodic monitoring prints further lines with its request's id. Bad input
// changes nothing and gets an error reply.
import { mgmtTable } from 'cardcage:mgmt';
import { hal, profile, buses, runtime, on, err, fail } from '../core';
import { step, POWER_ON, POWER_OFF, slotOf, slotsView } from '../hotplug/slots';
import { ringFigures } from '../ring/index';
import { list, ctRun, migrate, int, isArray } from '../containers/index';

/** a descriptor's actions: ["i2c", register, value] (a write to the card's management
 * device), ["pin", pin, 0|1] */
type Action = (string | number)[];
/** The adapter is the descriptor itself, once matched (every key it has then is one of the
 * table's: no copy of its parts), with what binds it to the card added. Its parameters (power
 * {on, off}: steps; monitor {name: sensor}; migrate {export, import}: the containers' hooks)
 * are read as a[op] with the operation's name: the build shortens property names written in
 * the code, not the descriptor's. */
interface Adapter {
  [param: string]: any;
  /** the insertion it was matched for: the adapter goes with the card */
  gen: number;
  /** the operations the card declared (named as their parameters; the replies' `ops`) */
  declared: string[];
  /** the card's management I2C device: its bus and address (descriptor addr + slot; the
   * fields the code adds are named as no protocol field is: the build shortens them) */
  bus?: import('../hal/types').I2C;
  devAddr: number;
}

const adapters: (Adapter | undefined)[] = [];
/** periodic monitors by request id: their timers */
const monitors: { [id: string]: number } = {};
const MAX_TEXT = 512;
const MAX_DEPTH = 6; // a match request's descriptor takes 5
const MAX_MONITORS = 4;

// (a JSON value is a string when it is its own text, a number when it is its own value, an
// object or array when it is an instanceof Object (null and the others are not, on Espruino
// as in V8): shorter than typeof)

// ---------------------------------------------------------------- interface matching
/** Matches descriptor `d` onto slot i's card through the preset parameter-mapping table (the
 * branches below: each parameter a descriptor may carry, the check its value must pass and
 * the operation it maps to, named as the parameter) and installs the adapter it generates;
 * parameters that are missing or malformed are refused by name (`bad-descriptor`). */
function match(i: number, d: any): Adapter {
  // (helpers nested in the function that uses them: they exist only while it runs, where a
  // top-level function holds a board's RAM for good)
  // (not a JSON object: refused as a parameter of that name)
  if (!(d instanceof Object && !isArray(d))) d = { descriptor: 1 };
  /** One entry of an action list or a sensor: [kind, register (0..255) or pin, number], its
   * kind `i2c` (where `i2c` allows it) or `alt`. (An arrow: its body is one expression. Three
   * entries: a number at 2, none at 3; a JSON array has no holes.) */
  const item = (x: any, alt: string, i2c: unknown) => isArray(x) && x[2] === +x[2] && !(3 in x) && (x[0] === 'i2c' ? i2c && int(x[1], 0, 255) : x[0] === alt && x[1] === '' + x[1]);
  const bad: string[] = [];
  const ops: string[] = [];
  const bus = buses[(profile.slots[i].id as { bus?: string }).bus || Object.keys(buses)[0]];
  for (const k in d) {
    const v = d[k];
    const mon = k === 'monitor';
    const pow = k === 'power';
    const addr = k === 'addr'; // (no operation)
    if (addr ? int(v, 8, 119) : v instanceof Object && (pow || mon || (k === 'migrate' && typeof v.export === 'string' && typeof v.import === 'string'))) {
      if (!addr) ops.push(k);
      // power: the slot's power, with the card's own steps (`on` once the card is powered and
      // online, `off` before a graceful off); monitor: its sensors by name (15 chars at most:
      // no 16th)
      if (pow || mon)
        for (const p in v) {
          const x = v[p];
          if (!(mon ? item(x, 'adc', bus) && !p[15] : (p === 'on' || p === 'off') && isArray(x) && x.every((y: unknown) => item(y, 'pin', 1)))) bad.push(k + '.' + p);
        }
    } else bad.push(k);
  }
  // (none of the parameters: refused naming them all. A first bad one, maybe named '': in
  // it; a first operation: its name, never empty)
  if (0 in bad || !ops[0]) fail('bad-descriptor', bad.join(', ') || 'power|monitor|migrate');
  d.gen = slotOf(i)!.gen;
  d.declared = ops;
  d.bus = bus;
  d.devAddr = (d.addr || 0x48) + i;
  return (adapters[i] = d);
}

/** a card came online: match its descriptor (a card with none has no adapter: every
 * operation is unsupported) */
function cardAdded(d: { slot: number; type: number }) {
  // The card's descriptor: an extension record after the ID record in its ID EEPROM ("CX",
  // length, that many bytes of JSON, CRC-32 LE of them), else the profile's table by type.
  // (one let for all: a declaration fewer)
  let i = d.slot,
    id = profile.slots[i].id,
    text = mgmtTable(d.type);
  delete adapters[i];
  try {
    // (a slot identified by pins or a resistor has no ID bus: this throws, the table serves)
    const b = buses[(id as { bus: string }).bus];
    const A = (id as { addr: number }).addr;
    b.writeTo(A, [16]);
    const h = b.readFrom(A, 3);
    const n = h[2];
    if (h[0] === 0x43 && h[1] === 0x58) {
      const r = b.readFrom(A, n + 4);
      // the CRC-32 of data followed by its CRC (LE) is always 0x2144DF1C
      if (hal.sys.crc32(r) ^ 0x2144df1c) err(i, 'mgmt: bad CRC');
      else text = hal.sys.str(r.subarray(0, n));
    }
  } catch (e) {
    // no answer: the profile's table
  }
  if (!text) return;
  let a: Adapter;
  try {
    a = match(i, JSON.parse(text));
  } catch (e) {
    // (a refusal names what is bad; JSON.parse's error has no detail)
    return err(i, 'mgmt: bad ' + ((e as any).detail || 'descriptor'));
  }
  run(a, 'on', 'power');
}

// ---------------------------------------------------------------- the card's interface
/** the card's power steps `k` (on, off), if it declares them (an own array: every object on
 * Espruino inherits on()); `p` is 'power', the descriptor's parameter (given by the caller as
 * a value: the build would shorten a property written in the code) */
function run(a: Adapter, k: string, p: string) {
  const x = (a[p] || 0)[k]; // (none: 0, which has no steps)
  if (isArray(x))
    for (const s of x) {
      if (s[0] === 'i2c') a.bus!.writeTo(a.devAddr, [s[1] as number, s[2] as number]);
      else hal.pins.write(s[1] as string, s[2] as number);
    }
}

// ---------------------------------------------------------------- the console protocol
/** The console entry: one JSON request in, exactly one reply line out. */
export function mgmt(text: unknown) {
  // (helpers nested: they exist only while a request runs, or a periodic monitor it started,
  // where a top-level function holds some 6 JsVars for good)
  /** Prints the reply line: the data `f` returns, or what it threw — a refusal (its code and
   * detail) or a fault (of the card's interface, an I2C NACK, or of the runtime: `io`). Its
   * error code (truthy) when it threw. */
  function answer(f: () => unknown) {
    // one object for both lines: JSON leaves out the fields that are undefined (data after a
    // throw, error and detail without one; every request's data is defined)
    let data, error, detail;
    try {
      data = f();
    } catch (e: any) {
      error = e && e.code;
      detail = error ? e.detail : '' + e;
      error = error || 'io';
    }
    hal.print('mgmt ' + JSON.stringify({ id: id, ok: !error, data: data, error: error, detail: detail }));
    return error;
  }
  const BAD_JSON = 'bad-json';
  const BAD_TYPE = 'bad-type';
  let id: unknown = null;
  // the request: its reply data, or a refusal thrown
  answer(() => {
    /** the adapter of slot i's card, while that card is in the slot */
    function adapter(i: number) {
      const a = adapters[i];
      const s = slotOf(i)!;
      return (s.card && a && a.gen === s.gen && a) as Adapter | undefined;
    }
    /** the named sensors' readings: ADC times scale, or an int16 (big-endian) from the card's
     * management device times scale */
    function sample(a: Adapter, names: string[]) {
      const out: { [n: string]: number } = {};
      for (const n of names) {
        // (op: 'monitor'; a card matched again may declare none. b: the int16's two bytes)
        let x = (a[op] || 0)[n], b;
        out[n] = (x[0] === 'adc' ? hal.pins.analog(x[1] as string) : (a.bus!.writeTo(a.devAddr, [x[1] as number]), (b = a.bus!.readFrom(a.devAddr, 2)), ((b[0] << 24) >> 16) | b[1])) * (x[2] as number);
      }
      return out;
    }
    /** slot `v` (the request's field `f`, `slot` if not said) with a card in it and its
     * adapter, which must declare the operation requested (power, monitor, migrate: the
     * descriptor's parameters; `match` needs none); the slot left in `s` */
    function card(v: unknown, f?: string) {
      if (!int(v, 0, 99)) fail(BAD_TYPE, f || 'slot');
      s = slotOf(v as number)!;
      if (!(s && s.card)) fail(s ? 'no-card' : 'no-slot', '' + v);
      const a = adapter(v as number);
      if (op !== 'match' && !(a && a[op])) fail('unsupported', op);
      return a!;
    }
    if (text !== '' + text) fail('bad-text', 'text'); // (a string: its own text)
    if (text[MAX_TEXT]) fail('too-long', '' + MAX_TEXT); // (a char past the limit)
    // The nesting depth of the text, checked before it is parsed: text too deep, or that
    // Espruino's JSON.parse would take but JSON is not — anything after the first value, an
    // escape JSON has not, a control character in a string — is refused here (V8 refuses the
    // latter too, so a request means the same on a board and in the simulator).
    let d = 0;
    let most = 0;
    let q: unknown = 0;
    /** the slot card() checked last */
    let s!: NonNullable<ReturnType<typeof slotOf>>;
    for (let k = 0, c; (c = text[k]); k++) {
      // (an escaped quote is skipped: in a string, a quote ends it)
      if (c === '"') q = !q;
      else if (q) {
        if (c === '\\') {
          if ('"\\/bfnrtu'.indexOf(text[++k]) < 0) fail(BAD_JSON, 'escape');
        } else if (c < ' ') fail(BAD_JSON, 'control');
      } else if (c === '{' || c === '[') {
        if (++d > most) most = d;
      }
      else if (c === '}' || c === ']') {
        if (!--d && text.slice(k + 1).trim()) fail(BAD_JSON, 'trailing');
      }
    }
    if (most > MAX_DEPTH) fail('too-deep', '' + MAX_DEPTH);
    let r: any;
    try {
      r = JSON.parse(text);
    } catch (e) {
      fail(BAD_JSON, '' + e);
    }
    if (!(r instanceof Object && !isArray(r))) fail(BAD_JSON, 'object');
    if (!int(r.id, 0)) fail('no-id', 'id');
    id = r.id;
    // (the fields read more than once, once)
    const op = r.op;
    const i = r.slot;
    const name = r.name;
    const to = r.to;
    const clock = hal.clock;
    switch (op) {
    case 'status':
      return { board: runtime.board, slots: slotsView().map((v, k) => ({ slot: k, state: v.state, name: v.name, ops: (adapter(k) || (0 as never as Adapter)).declared || [] })), ring: ringFigures(), containers: list(), mem: hal.sys.memory().free, errors: runtime.errors };
    case 'power': {
      // the action by number: on, off, force, cycle (indexOf takes no array ["on"] for "on")
      const act = ['on', 'off', 'force', 'cycle'].indexOf(r.action);
      if (act < 0) fail(BAD_TYPE, 'action');
      const a = card(i);
      // (s: the slot, by card())
      // on: the chain powers an off card; the others take an online (or ejecting) card down
      if (!(act ? s.k >> 1 === 2 : step(i, POWER_ON))) fail('bad-state', s.st); // (4, 5: online, ejecting)
      if (act) {
        if (act !== 2) run(a, 'off', op); // graceful: the card's own steps first
        step(i, POWER_OFF);
        // cycle: on again once the chain has taken it down
        if (act > 2) clock.after(() => step(i, POWER_ON), 10);
      }
      return { slot: i, state: s.st };
    }
    case 'monitor': {
      const m = r.stop;
      if (m !== undefined) {
        // (a timer's id is 1 or more; objects on Espruino inherit on(), emit() ...: no number)
        if (!(monitors[m] > 0)) fail('no-monitor', '' + m);
        clock.cancel(monitors[m]);
        delete monitors[m];
        return { stopped: m };
      }
      const a = card(i);
      // (its keys: a sensor named as something every object on Espruino has is none)
      const all = Object.keys(a[op]);
      const names: string[] = r.sensors === undefined ? all : r.sensors;
      const every = r.every;
      if (!isArray(names) || !names.every((n) => n === '' + n)) fail(BAD_TYPE, 'sensors');
      for (const n of names) if (all.indexOf(n) < 0) fail('unknown-sensor', n);
      if (every !== undefined) {
        if (!int(every, 100, 86400000)) fail(BAD_TYPE, 'every');
        // (a MAXth one: its id's text, never empty)
        if (Object.keys(monitors)[MAX_MONITORS - 1] || monitors[id as string]) fail('busy', 'monitors');
      }
      // the first reading before any timer: one that fails refuses the request, no monitor left
      const out = sample(a, names);
      // its lines carry the request's id; the last one says why it ended
      if (every !== undefined) monitors[id as string] = clock.every(() => {
        if (answer(() => sample(adapter(i) || fail('gone', 'slot'), names))) {
          clock.cancel(monitors[id as string]);
          delete monitors[id as string];
        }
      }, every);
      return out;
    }
    case 'match':
      card(i);
      return { slot: i, ops: match(i, r.descriptor).declared };
    // containers: start, stop, list, and migration — one container (`name`), or the workload of
    // the card in `slot` (the containers homed on it) — to the card in slot `to`. Both cards
    // must declare migration; the source's export hook and the target's import hook move the state.
    case 'start':
    case 'stop':
      return { name: name, state: ctRun(name, op === 'start') };
    case 'list':
      return list();
    case 'migrate': {
      const b = card(to, 'to');
      const names = name !== undefined ? [name] : (card(i), list().filter((c) => c.home === i).map((c) => c.name));
      // the export hook of the container's card, by its home (-1, the controller: none,
      // 'export'); the import hook of the target's (op: 'migrate')
      for (const n of names) migrate(n, to, (h) => (h < 0 ? 'export' : card(h)[op].export), b[op].import);
      return { to: to, moved: names };
    }
    }
    fail('unknown-op', op === '' + op ? op : 'op');
  });
}

/*! boot */
export function mgmtInit() {
  on('add', cardAdded);
}
