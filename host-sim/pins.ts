// Pins as Espruino drives them: modes and pulls, levels driven by the outside world (cards),
// analog inputs, and setWatch with Espruino's semantics (jsinteractive.c): edge filter,
// repeat, and debounce as a settle filter — each edge re-arms one timer, and when it fires
// the callback runs only if the level differs from the last reported one; `time` is the time
// of the last edge, `lastTime` that of the previous reported change.
import type { VirtualClock, Task } from './clock';

export type Level = 0 | 1;
const MODES = ['analog', 'input', 'input_pullup', 'input_pulldown', 'output', 'opendrain', 'af_output', 'af_opendrain', 'opendrain_pullup', 'auto'];

interface PinState {
  mode: string;
  manual: boolean; // pinMode() called: digitalRead/Write keep the mode
  out: Level;
  ext?: Level; // level driven from outside (a card), undefined = released
  analog?: number; // voltage from outside as a fraction of Vdd
  level: Level;
}

interface Watch {
  id: number;
  pin: string;
  cb: unknown;
  repeat: boolean;
  edge: 1 | -1 | 0; // rising, falling, both
  debounce: number; // ms
  state: Level; // last reported (or, without debounce, last seen) level
  lastTime?: number; // s
  timer?: { task: Task; state: Level; edgeAt: number };
}

export interface PinHost {
  clock: VirtualClock;
  /** run a JS callback from the main loop, reporting exceptions as Espruino does */
  call(fn: unknown, args: unknown[]): void;
  print(line: string): void;
  family: string;
  watchLimit: number;
  onePerPinNumber: boolean;
  /** the simulation notices a pin change (event log, card power logic) */
  onLevel?(pin: string, level: Level, byFirmware: boolean): void;
}

export class SimPins {
  private pins = new Map<string, PinState>();
  private watches = new Map<number, Watch>();

  constructor(readonly names: string[], private host: PinHost) {
    for (const n of names) this.pins.set(n, { mode: 'input', manual: false, out: 0, level: 0 });
  }

  /** Accepts "D1", a Pin object, or anything with toString() giving a pin name. */
  name(pin: unknown): string {
    const n = pin === undefined || pin === null ? '' : String(pin);
    if (!this.pins.has(n)) throw new Error(`Invalid pin: ${n || String(pin)}`);
    return n;
  }
  /** the watches' callbacks (what they keep counts in the memory model) */
  callbacks(): unknown[] {
    return [...this.watches.values()].map((w) => w.cb);
  }
  has(pin: string) {
    return this.pins.has(pin);
  }
  private st(pin: unknown) {
    return this.pins.get(this.name(pin))!;
  }

  private compute(p: PinState): Level {
    const m = p.mode;
    if (m === 'output' || m === 'af_output') return p.out;
    const pulled: Level | undefined = m === 'input_pullup' || m === 'opendrain_pullup' ? 1 : m === 'input_pulldown' ? 0 : undefined;
    if (m === 'opendrain' || m === 'af_opendrain' || m === 'opendrain_pullup') {
      if (p.out === 0) return 0;
      return p.ext ?? pulled ?? 0;
    }
    // floating inputs read 0 in this model (boards differ; nothing should rely on it)
    return p.ext ?? pulled ?? (p.analog !== undefined ? (p.analog >= 0.5 ? 1 : 0) : 0);
  }

  private update(pin: string, byFirmware: boolean) {
    const p = this.pins.get(pin)!;
    const lv = this.compute(p);
    if (lv === p.level) return;
    p.level = lv;
    this.host.onLevel?.(pin, lv, byFirmware);
    for (const w of [...this.watches.values()]) if (w.pin === pin) this.edge(w, lv);
  }

  // ---- the Espruino API ----
  pinMode(pin: unknown, mode?: unknown, automatic?: unknown): string | undefined {
    const p = this.st(pin);
    if (mode === undefined) return p.mode;
    const m = String(mode);
    if (!MODES.includes(m)) throw new Error('Unknown pin mode');
    if (m === 'auto') { p.manual = false; return undefined; }
    p.mode = m;
    p.manual = !automatic;
    this.update(this.name(pin), true);
    return undefined;
  }

  digitalRead(pin: unknown): Level {
    if (Array.isArray(pin)) return pin.reduce((v: number, x) => (v << 1) | this.digitalRead(x), 0) as Level;
    const n = this.name(pin);
    const p = this.pins.get(n)!;
    if (!p.manual && (p.mode === 'output' || p.mode === 'analog')) { p.mode = 'input'; this.update(n, true); }
    return p.level;
  }

  digitalWrite(pin: unknown, value: unknown) {
    const n = this.name(pin);
    const p = this.pins.get(n)!;
    // nRF52: a watch takes the pin's GPIO output away until clearWatch
    if (this.host.family === 'nrf52' && [...this.watches.values()].some((w) => w.pin === n)) return;
    if (!p.manual && p.mode !== 'output' && p.mode !== 'opendrain' && p.mode !== 'opendrain_pullup') p.mode = 'output';
    p.out = value ? 1 : 0;
    this.update(n, true);
  }

  analogRead(pin: unknown): number {
    const p = this.st(pin);
    if (!p.manual) p.mode = 'analog';
    if (p.analog !== undefined) return p.analog;
    return p.ext ?? 0;
  }

  setWatch(cb: unknown, pin: unknown, opts: unknown): number | undefined {
    let n: string;
    try { n = this.name(pin); } catch { this.host.print('ERROR: Invalid pin'); return undefined; }
    if (typeof cb !== 'function' && typeof cb !== 'string') throw new Error('Function or String not supplied!');
    const others = [...this.watches.values()].filter((w) => w.pin !== n);
    const already = others.length !== this.watches.size;
    const clash = this.host.onePerPinNumber && others.some((w) => w.pin.slice(1) === n.slice(1));
    const distinct = new Set(others.map((w) => w.pin)).size;
    if (!already && (clash || distinct >= this.host.watchLimit)) {
      this.host.print('WARNING: Unable to set watch. You may already have a watch on a pin with the same number (eg. A0 and B0),\nor this pin cannot be used with watch');
      return undefined;
    }
    let repeat = false;
    let debounce = 0;
    let edge: 1 | -1 | 0 = 0;
    if (opts && typeof opts === 'object') {
      const o = opts as Record<string, unknown>;
      if (o.repeat !== undefined) repeat = !!o.repeat;
      if (o.debounce !== undefined) { debounce = Number(o.debounce); if (!(debounce >= 0)) debounce = 0; }
      if (o.edge !== undefined) {
        const e = o.edge;
        if (typeof e === 'number') edge = e > 0 ? 1 : e < 0 ? -1 : 0;
        else if (e === 'rising') edge = 1;
        else if (e === 'falling') edge = -1;
        else if (e === 'both') edge = 0;
        else throw new Error(`'edge' in setWatch should be 1, -1, 0, 'rising', 'falling' or 'both'`);
      }
    } else if (opts !== undefined) repeat = !!opts;
    const p = this.pins.get(n)!;
    if (!p.manual && (p.mode === 'output' || p.mode === 'analog')) p.mode = 'input';
    p.level = this.compute(p);
    // jsvArrayAddToEnd on Espruino's watch array: the highest id in use + 1, so ids start
    // again at 1 once every watch is gone
    let id = 1;
    for (const k of this.watches.keys()) id = Math.max(id, k + 1);
    const w: Watch = { id, pin: n, cb, repeat, edge, debounce, state: p.level };
    this.watches.set(w.id, w);
    return w.id;
  }

  clearWatch(id?: unknown) {
    if (id === undefined) {
      for (const w of this.watches.values()) this.host.clock.cancel(w.timer?.task);
      this.watches.clear();
      return;
    }
    const w = this.watches.get(Number(id));
    if (!w) throw new Error(`Unknown Watch ${String(id)}`);
    this.host.clock.cancel(w.timer?.task);
    this.watches.delete(w.id);
  }

  watchCount() {
    return this.watches.size;
  }

  private edge(w: Watch, lv: Level) {
    const now = this.host.clock.now;
    if (w.debounce <= 0) {
      w.state = lv;
      this.fire(w, lv, now / 1000);
      return;
    }
    if (w.timer) {
      // another edge while settling: re-arm from this edge
      this.host.clock.cancel(w.timer.task);
      w.timer = { task: this.host.clock.schedule(now + w.debounce, () => this.settled(w)), state: lv, edgeAt: now };
    } else if (lv !== w.state) {
      w.timer = { task: this.host.clock.schedule(now + w.debounce, () => this.settled(w)), state: lv, edgeAt: now };
    }
  }

  private settled(w: Watch) {
    const t = w.timer!;
    w.timer = undefined;
    const old = w.state;
    w.state = t.state;
    if (old !== t.state) this.fire(w, t.state, t.edgeAt / 1000);
  }

  private fire(w: Watch, lv: Level, time: number) {
    const match = w.edge === 0 || (w.edge === 1 && lv === 1) || (w.edge === -1 && lv === 0);
    const lastTime = w.lastTime;
    w.lastTime = time;
    if (!match) return;
    if (!w.repeat) this.watches.delete(w.id);
    this.host.call(w.cb, [{ state: lv === 1, time, lastTime, pin: w.pin }]);
  }

  // ---- the outside world ----
  /** A card or test drives the pin (0/1) or releases it (undefined). */
  drive(pin: string, level: Level | undefined) {
    const p = this.st(pin);
    p.ext = level;
    this.update(pin, false);
  }
  /** Analog voltage on the pin as a fraction of Vdd, or undefined to disconnect. */
  setAnalog(pin: string, v: number | undefined) {
    this.st(pin).analog = v;
    this.update(pin, false);
  }
  level(pin: string): Level {
    return this.st(pin).level;
  }
  mode(pin: string): string {
    return this.st(pin).mode;
  }
  /** power loss or reboot: every pin back to its reset state, outside drives kept */
  reset() {
    this.clearWatch();
    for (const [n, p] of this.pins) {
      p.mode = 'input';
      p.manual = false;
      p.out = 0;
      this.update(n, true);
    }
  }
}
