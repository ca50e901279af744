// A real board (or Espruino's Linux build) as the page's source, through its console: a serial
// port or TCP (mgmt-client.ts's transports). The picture is what the board reports —
// cardcage.mgmt status (slots, each card's adapter ops, the ring's figures, the containers,
// free JsVars, errors) and monitor (each card's sensors), asked every second — and its console lines as
// they come (the hot-plug chain's `hp` lines among them). The controls that make sense on a
// board stay: eject and cancel (console lines), slot power (management), reboot, the console.
import type { LogEvent } from '../board';
import { TransportError, type Reply, type StreamLink } from '../mgmt-client';
import { action, BadRequest, BOARD_CONTROLS, containerRows, int, isUiReply, KeptLog, Listeners, SIM_CONTROLS, str, UI_ID_BASE, type CageSource, type CageState, type SlotView } from './state';

const POLL_MS = 1000;
const REPLY_MS = 3000;
const RETRY_MS = 3000;
const MEMORY_POINTS = 400;

export class BoardSource implements CageSource {
  private link?: StreamLink;
  private readonly t0 = Date.now();
  private readonly listeners = new Listeners();
  private readonly log = new KeptLog();
  private readonly memory: [number, number][] = [];
  private status?: any;
  private sensors = new Map<number, Pick<SlotView, 'sensors' | 'monitorError'>>();
  private problem?: string;
  private uiId = UI_ID_BASE;
  private visibleId = 1;
  private timer?: NodeJS.Timeout;
  private stopped = false;
  /** one request at a time on the console: each waits for its reply before the next goes */
  private queue: Promise<unknown> = Promise.resolve();

  constructor(readonly title: string, private readonly open: () => Promise<StreamLink>) {}

  private now() { return Date.now() - this.t0; }

  start() {
    this.loop();
  }
  async stop() {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.link?.close();
  }

  /** connect (again), then ask for status and monitors every second */
  private loop = async () => {
    if (this.stopped) return;
    try {
      if (!this.link) {
        this.link = await this.open();
        this.link.other = (line) => this.logged({ t: this.now(), src: 'console', msg: line });
        this.problem = undefined;
        this.logged({ t: this.now(), src: 'sim', msg: `attached to ${this.title}` });
      }
      await this.serial(() => this.poll());
    } catch (e) {
      const msg = (e as Error).message ?? String(e);
      if (msg !== this.problem) this.logged({ t: this.now(), src: 'sim', msg: `board: ${msg}` });
      this.problem = msg;
      if (e instanceof TransportError || !this.link) {
        await this.link?.close().catch(() => {});
        this.link = undefined;
      }
    }
    this.emit();
    if (!this.stopped) this.timer = setTimeout(this.loop, this.link ? POLL_MS : RETRY_MS);
  };

  private serial<T>(fn: () => Promise<T>): Promise<T> {
    const p = this.queue.then(fn, fn);
    this.queue = p.catch(() => {});
    return p;
  }

  private async request(req: Record<string, unknown>, visible = false): Promise<Reply | undefined> {
    const link = this.link;
    if (!link) throw new BadRequest(`not attached to ${this.title}${this.problem ? ` (${this.problem})` : ''}`);
    const id = visible ? this.visibleId++ : this.uiId++;
    link.send(JSON.stringify({ id, ...req }));
    const got = await link.next((r) => r.id === id, REPLY_MS);
    if (visible && got) this.logged({ t: this.now(), src: 'console', msg: 'mgmt ' + got.text });
    return got?.reply;
  }

  private async poll() {
    const st = await this.request({ op: 'status' });
    if (!st) throw new Error(`no reply to status within ${REPLY_MS} ms (is the bundle running?)`);
    if (!st.ok) throw new Error(`status: ${st.error} ${st.detail ?? ''}`);
    this.status = st.data;
    if (typeof st.data.mem === 'number') {
      this.memory.push([this.now(), st.data.mem]);
      if (this.memory.length > MEMORY_POINTS) this.memory.shift();
    }
    const sensors = new Map<number, Pick<SlotView, 'sensors' | 'monitorError'>>();
    for (const s of st.data.slots ?? []) {
      if (!s.ops?.includes('monitor')) continue;
      const r = await this.request({ op: 'monitor', slot: s.slot });
      if (r?.ok) sensors.set(s.slot, { sensors: r.data });
      else if (r) sensors.set(s.slot, { monitorError: r.error + (r.detail ? `: ${r.detail}` : '') });
    }
    this.sensors = sensors;
    // replies that are not the page's (a request typed at the console) go to the log
    for (let r = await this.link!.next(() => true, 0); r; r = await this.link!.next(() => true, 0)) {
      if (!isUiReply('mgmt ' + r.text)) this.logged({ t: this.now(), src: 'console', msg: 'mgmt ' + r.text });
    }
  }

  private logged(e: LogEvent) {
    if (isUiReply(e.msg)) return;
    this.log.add(e);
    this.listeners.send('log', [e]);
  }
  private emit() {
    this.listeners.send('state', this.state());
  }
  listen(fn: (kind: 'log' | 'state', data: unknown) => void) {
    return this.listeners.add(fn);
  }
  recent() {
    return this.log.recent();
  }

  state(): CageState {
    const d = this.status;
    const slots: SlotView[] = (d?.slots ?? []).map((s: any) => ({ slot: s.slot, state: s.state, name: s.name, ops: s.ops, ...this.sensors.get(s.slot) }));
    const ring = d?.ring ?? {};
    return {
      source: 'board',
      title: this.title,
      board: d?.board,
      t: this.now(),
      speed: 1,
      off: false,
      boots: 0,
      connected: !!this.link && !this.problem,
      problem: this.problem,
      slots,
      ring: { ports: [], figures: d?.ring, recovery: this.log.recovery, fault: ring.fault },
      memory: { free: d?.mem, history: this.memory.slice() },
      errors: d?.errors,
      containers: containerRows(d?.containers),
      cards: [],
      controls: BOARD_CONTROLS,
    };
  }

  async control(c: Record<string, unknown>) {
    const slots = this.status?.slots?.length ?? 16;
    const slot = () => int(c, 'slot', 0, Math.max(0, slots - 1));
    const line = (text: string) => this.serial(async () => {
      if (!this.link) throw new BadRequest(`not attached to ${this.title}`);
      this.link.raw(text + '\n'); // echoed by the board: the log shows it
    });
    switch (c.op) {
      case 'eject': case 'cancelEject': return line(`cardcage.${c.op}(${slot()})`);
      case 'reboot': return line('E.reboot()');
      case 'console': return line(str(c, 'line', 2000));
      case 'slotPower': {
        const req = { op: 'power', slot: slot(), action: action(c) };
        const r = await this.serial(() => this.request(req, true));
        if (!r) throw new BadRequest(`no reply from the board within ${REPLY_MS} ms`);
        if (!r.ok) throw new BadRequest(`the board refused: ${r.error}${r.detail ? ` (${r.detail})` : ''}`);
        return;
      }
      default:
        throw new BadRequest(typeof c.op === 'string' && SIM_CONTROLS.includes(c.op) ? `${c.op} is not available when attached to a board (controls: ${BOARD_CONTROLS.join(', ')})` : `unknown control ${JSON.stringify(c.op) ?? '(no "op")'}`);
    }
  }
}
