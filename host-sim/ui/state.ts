// What the page is sent: one snapshot of the cage (CageState) whenever something changed, and
// the log's events as they happen. Both sources fill it — the simulator (sim-source.ts) with
// everything it can see, a board (board-source.ts) with what its management console reports.
import type { LogEvent } from '../board';
import type { FlashView } from './flash-view';

export interface SlotView {
  slot: number;
  /** the slot's state machine (cardcage.slots() / mgmt status) */
  state?: string;
  type?: number;
  name?: string;
  serial?: number;
  why?: string;
  /** the slot LED's pin level (simulator) */
  led?: 0 | 1;
  /** the card has power (simulator: its contact made and its power pin on) */
  power?: boolean;
  /** the card physically in the slot (simulator): its name in the scenario's card list */
  card?: string;
  /** the slot has an eject button */
  button?: boolean;
  /** management: the operations its adapter offers, and its sensors' last reading */
  ops?: string[];
  sensors?: Record<string, number>;
  /** management's error for this slot's monitor (io, unsupported …) */
  monitorError?: string;
}

export interface PortView {
  port: number;
  nextId: number;
  inflight: number;
  waiting: number;
  undelivered: number;
  free: number;
  /** the in-flight status array, one digit per descriptor head */
  status: string;
}

/** one container, as cardcage.containers.list() (the simulator) and management's `status`
 * (a board) report it. Its interfaces and links are configuration (the profile's
 * `containers.links`, cardcage.containers.link), not reported by the firmware: not here. */
export interface ContainerView {
  name: string;
  /** stopped, failed, waiting (for its code or its card), backoff, running */
  state: string;
  /** why it is not running (card, code, memory, a failure) */
  why?: string;
  workers: number;
  /** the slot whose card it runs for; -1: the controller */
  home: number;
  /** frames waiting in its input queue */
  queued: number;
  sent: number;
  got: number;
  /** frames refused because its queue was full */
  drops: number;
  /** failures since its last good frame (the backoff's count) */
  fails: number;
}

export interface CageState {
  /** where the picture comes from */
  source: 'sim' | 'board';
  /** the board's profile name, or the connection (serial port, host:port) */
  title: string;
  board?: string;
  /** ms: the simulator's virtual clock, or since the page attached to the board */
  t: number;
  /** virtual ms per real ms (0: time moves only through the "advance" control) */
  speed: number;
  off: boolean;
  boots: number;
  /** a board: the connection is up */
  connected?: boolean;
  /** the last failure of the connection or of reading the board */
  problem?: string;
  slots: SlotView[];
  ring: {
    queueSize?: number;
    /** ports in use (requests seen) or bound to a storage set */
    ports: PortView[];
    /** management's figures: {queued, recoveries, skipped, logPages} or {fault} */
    figures?: Record<string, unknown>;
    /** the last "ring: recovered …" line and its time */
    recovery?: { t: number; line: string };
    fault?: string;
  };
  flash?: FlashView;
  storage?: { name: string; resources: string[]; ports: number[] }[];
  memory: { free?: number; total?: number; history: [number, number][] };
  errors?: number;
  /** the simulator: power will be cut when flash operation number cutAt runs */
  cutAt?: number;
  /** the containers (absent while the board is off, or when a board's status has none) */
  containers?: ContainerView[];
  /** the scenario's card list (insert) */
  cards: string[];
  /** the controls this source takes */
  controls: string[];
}

/** A source of the picture: the simulator or an attached board. */
export interface CageSource {
  state(): CageState;
  /** the log so far (the last events), for a page that connects late */
  recent(): LogEvent[];
  /** runs a control; throws BadRequest for bad input */
  control(c: Record<string, unknown>): Promise<void> | void;
  /** called with each log event and each new state */
  listen(fn: (kind: 'log' | 'state', data: unknown) => void): () => void;
  start(): Promise<void> | void;
  stop(): Promise<void> | void;
}

/** the controls of the simulator, and those that make sense on a real board */
export const SIM_CONTROLS = ['insert', 'remove', 'eject', 'cancelEject', 'slotPower', 'powerCut', 'cutPowerAtFlashOp', 'powerOn', 'reboot', 'console', 'advance', 'speed'];
export const BOARD_CONTROLS = ['eject', 'cancelEject', 'slotPower', 'reboot', 'console'];

/** bad input from the page: answered with 400 and this message */
export class BadRequest extends Error {}

/** management requests the page makes carry ids from here on, so their reply lines can be
 * told from the user's own and kept out of the log */
export const UI_ID_BASE = 2_000_000_000;
export const isUiReply = (msg: string) => /^>?\s*mgmt \{"id":2\d{9}[,}]/.test(msg);

/** ATCA hot-swap states (PICMG 3.0 M0..M7) the slot states correspond to (README table) */
export const ATCA: Record<string, string> = { empty: 'M0', settling: 'M1', identifying: 'M1', adding: 'M2/M3', online: 'M4', ejecting: 'M5', removing: 'M6', off: 'M1', fault: '-' };

/** A source's event log as the page gets it on connecting: the last LOG_KEPT events, and the
 * last recovery line the board printed (`hp <t> ring: recovered ...`). */
export class KeptLog {
  static readonly LOG_KEPT = 1500;
  private readonly log: LogEvent[] = [];
  recovery?: { t: number; line: string };
  add(e: LogEvent) {
    if (/^hp \S+ ring: recovered /.test(e.msg)) this.recovery = { t: e.t, line: e.msg.replace(/^hp \S+ /, '') };
    this.log.push(e);
    if (this.log.length > KeptLog.LOG_KEPT) this.log.splice(0, this.log.length - KeptLog.LOG_KEPT);
  }
  recent() {
    return this.log.slice();
  }
}

/** Listeners of a source (the server's SSE streams). */
export class Listeners {
  private fns = new Set<(kind: 'log' | 'state', data: unknown) => void>();
  add(fn: (kind: 'log' | 'state', data: unknown) => void) {
    this.fns.add(fn);
    return () => { this.fns.delete(fn); };
  }
  send(kind: 'log' | 'state', data: unknown) {
    for (const f of this.fns) {
      try { f(kind, data); } catch { /* a listener's failure (a closed stream) is its own */ }
    }
  }
}

// ---------------------------------------------------------------- checks of control input
export function int(c: Record<string, unknown>, key: string, lo: number, hi: number): number {
  const v = c[key];
  if (typeof v !== 'number' || !Number.isInteger(v) || v < lo || v > hi) throw new BadRequest(`${key} must be an integer ${lo}..${hi}, got ${JSON.stringify(v) ?? 'nothing'}`);
  return v;
}
export function num(c: Record<string, unknown>, key: string, lo: number, hi: number): number {
  const v = c[key];
  if (typeof v !== 'number' || !Number.isFinite(v) || v < lo || v > hi) throw new BadRequest(`${key} must be a number ${lo}..${hi}, got ${JSON.stringify(v) ?? 'nothing'}`);
  return v;
}
export function str(c: Record<string, unknown>, key: string, max: number): string {
  const v = c[key];
  if (typeof v !== 'string' || !v.trim()) throw new BadRequest(`${key} must be a non-empty string`);
  if (v.length > max) throw new BadRequest(`${key} is over ${max} characters`);
  if (/[\r\n]/.test(v)) throw new BadRequest(`${key} must be one line`);
  return v;
}
/** a board's `containers` as the page may draw them: rows with the fields the page uses, of
 * the right types (what a board sends is not trusted to be well formed) */
export function containerRows(v: unknown): ContainerView[] | undefined {
  if (!Array.isArray(v)) return undefined;
  const n = (x: unknown) => (typeof x === 'number' && Number.isFinite(x) ? x : 0);
  return v.filter((r) => r && typeof r === 'object' && typeof r.name === 'string').map((r) => ({
    name: r.name, state: typeof r.state === 'string' ? r.state : '?', why: typeof r.why === 'string' ? r.why : undefined,
    workers: n(r.workers), home: typeof r.home === 'number' ? r.home : -1, queued: n(r.queued), sent: n(r.sent), got: n(r.got), drops: n(r.drops), fails: n(r.fails),
  }));
}
export const POWER_ACTIONS = ['on', 'off', 'force', 'cycle'];
export function action(c: Record<string, unknown>): string {
  const a = c.action;
  if (typeof a !== 'string' || !POWER_ACTIONS.includes(a)) throw new BadRequest(`action must be one of ${POWER_ACTIONS.join(', ')}, got ${JSON.stringify(a) ?? 'nothing'}`);
  return a;
}
