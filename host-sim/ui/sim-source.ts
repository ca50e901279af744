// The simulator as the page's source: a SimBoard running a scenario (its steps played as the
// virtual clock reaches them), its clock advanced in real time times `speed` (or only by the
// "advance" control: deterministic, for tests), and a snapshot of everything the page draws.
// The snapshot reads the firmware only through its published API (cardcage.slots(),
// cardcage.ring.stats(), cardcage.storage.sets(), cardcage.containers.list(), cardcage.mgmt
// status and monitor) and the simulator's own side (pins, slots, flash, Storage, the memory
// model); nothing is written.
import type { LogEvent, SimBoard } from '../board';
import type { Bounce } from '../cards';
import { replyOf, type Reply } from '../mgmt-client';
import { applyStep, scenarioBoard, stepTimes, type Scenario } from '../scenario';
import { flashView } from './flash-view';
import { action, BadRequest, containerRows, int, isUiReply, KeptLog, Listeners, num, SIM_CONTROLS, str, UI_ID_BASE, type CageSource, type CageState, type PortView, type SlotView } from './state';

/** the cage when no scenario is given: the default board, booted, and a card of each kind the
 * profiles describe */
export function defaultScenario(board?: string): Scenario {
  return {
    description: 'an empty cage: insert cards from the list',
    board,
    seed: 1,
    from: 'storage',
    cards: {
      'sensor-card': { type: 1, serial: 1001, sensors: { temperature: 31.5, voltage: 3.29 } },
      'line-card': { type: 2, serial: 2002, sensors: { temperature: 24 } },
      'storage-card': { type: 3, serial: 3003 },
      'mgmt-card': { type: 4, serial: 4004 },
    },
    steps: [{ at: 0, do: 'boot' }],
  };
}

/** bounce of a card's contact when the page asks for it */
const BOUNCE: Bounce = { pairs: 3, ms: 8 };
/** virtual ms one pump tick may run at most: a slow simulation slows down, it does not pile up */
const MAX_TICK_MS = 2000;
/** the management poll's period in virtual ms (and whenever a slot's state changes) */
const MGMT_EVERY_MS = 1000;
const MEMORY_POINTS = 400;

/** what management says about a slot's card: its adapter's ops, its sensors or why not */
type MgmtView = Pick<SlotView, 'ops' | 'sensors' | 'monitorError'>;

export interface SimSourceOptions {
  scenario: Scenario;
  /** folder relative "code" paths in the scenario are read from */
  dir?: string;
  board?: string;
  seed?: number;
  /** virtual ms per real ms; 0: time moves only through the "advance" control */
  speed?: number;
}

export class SimSource implements CageSource {
  readonly board: SimBoard;
  private readonly scenario: Scenario;
  private readonly times: number[];
  private nextStep = 0;
  private speed: number;
  private pump?: NodeJS.Timeout;
  private lastReal = 0;
  private readonly listeners = new Listeners();
  private readonly log = new KeptLog();
  private pendingLog: LogEvent[] = [];
  private emitTimer?: NodeJS.Timeout;
  private lastEmit = 0;
  /** a card is in each slot (as the page and the scenario left it): insert/remove checks */
  private readonly present: boolean[];
  private readonly memory: [number, number][] = [];
  private uiId = UI_ID_BASE;
  private visibleId = 1;
  /** management's last answers: when asked (virtual ms), the slots' states then, per slot */
  private mgmt: { at: number; key: string; slots: Map<number, MgmtView>; figures?: Record<string, unknown> } = { at: -Infinity, key: '', slots: new Map() };

  constructor(o: SimSourceOptions) {
    this.scenario = o.scenario;
    this.speed = o.speed ?? 1;
    this.board = scenarioBoard(o.scenario, { board: o.board, seed: o.seed, dir: o.dir, onLog: (e) => this.logged(e) });
    this.times = stepTimes(o.scenario);
    this.present = this.board.slots.map(() => false);
  }

  // ---------------------------------------------------------------- time
  start() {
    this.advance(0); // the steps at 0 ms (the boot)
    this.lastReal = performance.now();
    this.pump = setInterval(() => this.tick(), 50);
  }
  stop() {
    clearInterval(this.pump);
    clearTimeout(this.emitTimer);
  }
  private tick() {
    const now = performance.now();
    const real = now - this.lastReal;
    this.lastReal = now;
    if (this.speed > 0) this.advance(Math.min(real * this.speed, MAX_TICK_MS));
  }

  /** Runs `ms` of virtual time, playing the scenario's steps as their time comes. */
  advance(ms: number) {
    const b = this.board;
    const until = b.clock.now + ms;
    try {
      while (this.nextStep < this.times.length && this.times[this.nextStep] <= until) {
        b.runUntil(this.times[this.nextStep]);
        const st = this.scenario.steps[this.nextStep++];
        applyStep(b, this.scenario, st);
        if (st.do === 'insert' || st.do === 'remove') this.present[st.slot!] = st.do === 'insert';
      }
      b.runUntil(until);
      this.pollMgmt();
    } catch (e) {
      // the simulator itself failed: said on the page, the server goes on
      b.emit('sim', `simulator error: ${(e as Error).message ?? e}`);
    }
    this.changed();
  }

  // ---------------------------------------------------------------- events
  private logged(e: LogEvent) {
    if (e.src === 'pin' || e.src === 'flash' || isUiReply(e.msg)) return;
    this.log.add(e);
    this.pendingLog.push(e);
    this.changed();
  }
  /** state and log go out at most every 100 ms (a page redraws at that rate) */
  private changed() {
    if (this.emitTimer) return;
    const wait = Math.max(0, this.lastEmit + 100 - performance.now());
    this.emitTimer = setTimeout(() => this.emitNow(), wait);
  }
  private emitNow() {
    this.emitTimer = undefined;
    this.lastEmit = performance.now();
    if (this.pendingLog.length) this.listeners.send('log', this.pendingLog.splice(0));
    this.listeners.send('state', this.state());
  }
  listen(fn: (kind: 'log' | 'state', data: unknown) => void) {
    return this.listeners.add(fn);
  }
  recent() {
    return this.log.recent();
  }

  // ---------------------------------------------------------------- the snapshot
  state(): CageState {
    const b = this.board;
    const p = b.profile;
    const fw = this.readFirmware();
    const on = !b.off;
    const slots: SlotView[] = b.slots.map((s, i) => {
      const v: SlotView = { slot: i, button: !!p.slots[i].eject, power: s.powered };
      if (on) v.led = b.pins.level(p.slots[i].led);
      if (this.present[i] || s.contact) v.card = s.card?.name ?? (s.card ? `type ${s.card.type}` : undefined);
      const f = fw?.slots?.[i];
      if (f) Object.assign(v, { state: f.state, type: f.type, name: f.name, serial: f.serial, why: f.why });
      const m = this.mgmt.slots.get(i);
      if (m && on) Object.assign(v, m);
      return v;
    });
    const mem = b.memory();
    if (on) {
      const last = this.memory[this.memory.length - 1];
      if (!last || last[0] !== b.clock.now) this.memory.push([b.clock.now, mem.free]);
      if (this.memory.length > MEMORY_POINTS) this.memory.splice(0, this.memory.length - MEMORY_POINTS);
    }
    const bound = new Set((fw?.sets ?? []).flatMap((s) => s.ports));
    const ports = (fw?.ports ?? []).map((x, port) => ({ port, ...x })).filter((x) => x.nextId > 0 || x.inflight > 0 || x.waiting > 0 || bound.has(x.port));
    return {
      source: 'sim',
      title: `${p.name} (simulator)`,
      board: p.name,
      t: b.clock.now,
      speed: this.speed,
      off: b.off,
      boots: b.boots,
      slots,
      ring: { queueSize: p.ring.queueSize, ports, figures: on ? this.mgmt.figures : undefined, recovery: this.log.recovery, fault: fw?.ringFault || undefined },
      flash: flashView(b),
      storage: fw?.sets,
      containers: containerRows(fw?.containers),
      memory: { free: on ? mem.free : undefined, total: mem.total, history: this.memory.slice() },
      errors: fw?.errors,
      cards: Object.keys(this.scenario.cards ?? {}),
      controls: SIM_CONTROLS,
      cutAt: b.flash.cutAt ? b.flash.cutAt : undefined,
    };
  }

  /** what the firmware's API says, read in one call (undefined while the board is off or the
   * program is not the bundle) */
  private readFirmware(): { slots?: any[]; ports?: Omit<PortView, 'port'>[]; sets?: { name: string; resources: string[]; ports: number[] }[]; errors?: number; ringFault?: string; containers?: unknown } | undefined {
    const b = this.board;
    if (b.off || !b.ctx) return undefined;
    let fw: any;
    try {
      // one call, plain ES5 (it runs in the board's sandbox); stats() is a query, it creates nothing
      fw = JSON.parse(b.eval(`(function () {
        if (typeof cardcage === "undefined") return "null";
        var r = { slots: cardcage.slots(), errors: cardcage.runtime.errors, ringFault: cardcage.runtime.ringFault };
        try { var p = []; for (var i = 0; i < 16; i++) p.push(cardcage.ring.stats(i)); r.ports = p; r.sets = cardcage.storage.sets(); } catch (e) { }
        try { r.containers = cardcage.containers.list(); } catch (e) { }
        return JSON.stringify(r);
      })()`));
    } catch {
      return undefined;
    }
    return fw ?? undefined;
  }

  /** management's view: status (each card's adapter ops, the ring's figures) and a monitor of
   * each card that offers one; asked every second of virtual time and when a slot's state
   * changes. Asked as time advances, never when the page looks: how often the page redraws
   * does not change what the simulated board runs. */
  private pollMgmt() {
    const b = this.board;
    if (b.off || !b.ctx) return;
    let key: string;
    try { key = b.eval('typeof cardcage === "undefined" ? "" : cardcage.slots().map(function (s) { return s.state; }).join()'); } catch { return; }
    if (!key) return;
    const now = b.clock.now;
    if (key === this.mgmt.key && now - this.mgmt.at < MGMT_EVERY_MS) return;
    this.mgmt.key = key;
    this.mgmt.at = now;
    const st = this.mgmtCall({ op: 'status' });
    if (!st?.ok) return;
    this.mgmt.figures = st.data.ring;
    const m = new Map<number, MgmtView>();
    for (const s of st.data.slots as { slot: number; ops: string[] }[]) {
      const v: MgmtView = { ops: s.ops };
      if (s.ops?.includes('monitor')) {
        const r = this.mgmtCall({ op: 'monitor', slot: s.slot });
        if (r?.ok) v.sensors = r.data;
        else if (r) v.monitorError = r.error + (r.detail ? `: ${r.detail}` : '');
      }
      m.set(s.slot, v);
    }
    this.mgmt.slots = m;
  }

  /** one management request, answered at once (the simulator runs it synchronously); its reply
   * line is the page's own, kept out of the log */
  private mgmtCall(req: Record<string, unknown>): Reply | undefined {
    const b = this.board;
    const id = this.uiId++;
    if (this.uiId > 2_147_000_000) this.uiId = UI_ID_BASE;
    const from = b.output.length;
    try {
      b.eval(`cardcage.mgmt(${JSON.stringify(JSON.stringify({ id, ...req }))})`);
    } catch {
      return undefined;
    }
    for (const l of b.output.slice(from)) {
      const r = replyOf(l);
      if (r && r.reply.id === id) return r.reply;
    }
    return undefined;
  }

  // ---------------------------------------------------------------- controls
  control(c: Record<string, unknown>) {
    const b = this.board;
    const slot = () => int(c, 'slot', 0, b.slots.length - 1);
    const needOn = () => { if (b.off) throw new BadRequest('the board is off: power it on first'); };
    const bounce = () => {
      if (c.bounce !== undefined && typeof c.bounce !== 'boolean') throw new BadRequest('bounce must be true or false');
      return c.bounce ? BOUNCE : undefined;
    };
    switch (c.op) {
      case 'insert': {
        const i = slot();
        const name = c.card;
        const cards = this.scenario.cards ?? {};
        if (typeof name !== 'string' || !Object.hasOwn(cards, name)) throw new BadRequest(`card must be one of the scenario's cards (${Object.keys(cards).join(', ') || 'none'}), got ${JSON.stringify(name) ?? 'nothing'}`);
        if (this.present[i]) throw new BadRequest(`slot ${i} has a card in it: remove it first`);
        b.insert(i, { name, ...cards[name] }, bounce());
        this.present[i] = true;
        break;
      }
      case 'remove': {
        const i = slot();
        if (!this.present[i]) throw new BadRequest(`slot ${i} has no card in it`);
        b.remove(i, bounce());
        this.present[i] = false;
        break;
      }
      case 'eject': case 'cancelEject': {
        const i = slot();
        needOn();
        b.consoleLine(`cardcage.${c.op}(${i})`);
        break;
      }
      case 'slotPower': {
        const i = slot();
        const a = action(c);
        needOn();
        b.consoleLine(`cardcage.mgmt('{"id":${this.visibleId++},"op":"power","slot":${i},"action":"${a}"}')`);
        break;
      }
      case 'powerCut':
        if (b.off) throw new BadRequest('the board is off already');
        b.powerCut();
        break;
      case 'cutPowerAtFlashOp': {
        const n = int(c, 'n', 1, 1_000_000);
        needOn();
        b.cutPowerAtFlashOp(n);
        b.emit('sim', `power will be cut at flash operation +${n} (operation ${b.flash.cutAt})`);
        break;
      }
      case 'powerOn':
        if (!b.off) throw new BadRequest('the board is on already');
        b.boot();
        break;
      case 'reboot':
        needOn();
        b.reboot('reset button');
        break;
      case 'console': {
        const line = str(c, 'line', 2000);
        needOn();
        b.consoleLine(line);
        break;
      }
      case 'advance':
        this.advance(num(c, 'ms', 0, 600_000));
        return;
      case 'speed':
        this.speed = num(c, 'speed', 0, 1000);
        this.lastReal = performance.now();
        b.emit('sim', this.speed ? `time runs at ${this.speed}x` : 'time paused');
        break;
      default:
        throw new BadRequest(`unknown control ${JSON.stringify(c.op) ?? '(no "op")'} (controls: ${SIM_CONTROLS.join(', ')})`);
    }
    // what the control set going (a console line's reply, a boot) settles with the next tick
    this.changed();
  }
}
