// cardcage-mgmt: the management console protocol (README, "The console protocol") from a PC.
// Requests given on the command line — raw JSON or shorthands — are sent one at a time as
// `cardcage.mgmt("<JSON>")` and each waits for its reply line `mgmt {"id":…}`; periodic
// monitors print their lines and are stopped. Three transports: the simulator running the
// built bundle (--sim), a board on a serial port (--port, any tty device: a pty works) and a
// console over TCP (--tcp, e.g. Espruino's Linux build with --telnet). The CLI is mgmt-cli.ts;
// this module holds everything so that tests can drive it.
import { spawnSync } from 'node:child_process';
import { closeSync, constants, createReadStream, createWriteStream, openSync, readFileSync } from 'node:fs';
import net from 'node:net';
import { dirname, resolve } from 'node:path';
import tty from 'node:tty';
import { SimBoard, type LogEvent } from './board';
import { boardNames, loadBoard, ProfileError } from './profile';
import { defaultBoard, formatEvent, parseScenario, readBundle, runScenario, ScenarioError, storedPath, bundleFiles } from './scenario';

export const USAGE = `usage: cardcage-mgmt TRANSPORT [options] REQUEST...
transports (exactly one):
  --sim [BOARD]        the built bundle (dist/cardcage-BOARD.bootcde) in the simulator
                       (default board: package.json cardcage.defaultBoard)
    --scenario FILE    first play FILE's cards and steps (see scenarios/demo.json)
  --port DEVICE        a board on a serial port (a tty: /dev/ttyACM0, /dev/ttyUSB0, a pty)
    --baud N           line speed set with stty (default 9600)
  --tcp HOST[:PORT]    a console over TCP (default port 2323: Espruino's --telnet)
requests (run in order, one at a time):
  status
  power SLOT on|off|force|cycle
  monitor SLOT [SENSOR...] [--every MS [--count N]]
                       --every: periodic; N lines (default 5, 0: until Ctrl-C), then a stop
  match SLOT DESCRIPTOR_JSON
  list                 the containers
  start NAME | stop NAME
  migrate NAME|SLOT TO a container, or the workload of the card in SLOT, to the card in TO
  '{"id":7,"op":"status"}'   any request as raw JSON (sent as is)
options:
  --json               print each reply as a JSON line (what follows "mgmt ")
  --timeout MS         how long to wait for a reply (default 5000; --sim: virtual ms)
  --id N               the first automatic request id (default 1 with --sim, else random)
  --verbose            also print the board's other console lines on stderr
exit status: 0 every reply ok; 1 an error reply, no reply in time or a transport failure;
2 bad usage`;

export const OPS = ['status', 'power', 'monitor', 'match', 'list', 'start', 'stop', 'migrate'];
const ACTIONS = ['on', 'off', 'force', 'cycle'];
/** the lines of a periodic monitor printed when --count is not given */
export const DEFAULT_COUNT = 5;
/** the simulator: virtual ms run before each request (inserted cards come online, a power
 * cycle completes) */
export const SIM_SETTLE_MS = 1000;

export class UsageError extends Error {}
/** the transport failed: no such device, connection refused or closed, the board gone */
export class TransportError extends Error {}

export interface Reply { id: number | null; ok: boolean; data?: any; error?: string; detail?: string }
/** a reply as received: parsed, and its JSON text as the board printed it */
export interface Received { reply: Reply; text: string }

/** One request as given on the command line, before it gets an id. */
export type Item =
  | { raw: string; count?: number }
  | { op: string; fields: Record<string, unknown>; every?: number; count?: number };

export type Transport =
  | { kind: 'sim'; board?: string; scenario?: string }
  | { kind: 'port'; path: string; baud: number }
  | { kind: 'tcp'; host: string; port: number };

export interface Options {
  transport: Transport;
  items: Item[];
  timeout: number;
  json: boolean;
  verbose: boolean;
  firstId?: number;
  help?: boolean;
}

/** A request ready to send. */
export interface Request {
  /** the JSON text sent to cardcage.mgmt */
  text: string;
  /** the id its reply carries: null when the request has no valid id of its own */
  id: number | null;
  op?: string;
  slot?: number;
  /** a periodic monitor: its `every`, and how many lines to print before stopping it (0: until
   * interrupted) */
  every?: number;
  count?: number;
}

// ---------------------------------------------------------------- the command line
const int = (s: string | undefined, lo: number, hi = 2147483647) => s !== undefined && /^\d+$/.test(s) && Number(s) >= lo && Number(s) <= hi;

export function parseArgs(argv: string[]): Options {
  const o: Options = { transport: undefined as unknown as Transport, items: [], timeout: 5000, json: false, verbose: false };
  const transports: Transport[] = [];
  let scenario: string | undefined;
  let baud: number | undefined;
  const value = (i: number, what: string) => {
    const v = argv[i + 1];
    if (v === undefined) throw new UsageError(`${argv[i]} needs ${what}`);
    return v;
  };
  /** the next argument is a request's word (not an option, not a raw request, not an op) */
  const word = (i: number) => argv[i] !== undefined && !argv[i].startsWith('-') && !argv[i].startsWith('{') && !OPS.includes(argv[i]);
  const slotAt = (i: number, op: string) => {
    if (!int(argv[i], 0, 99)) throw new UsageError(`${op}: SLOT must be a slot number, got ${argv[i] === undefined ? 'nothing' : JSON.stringify(argv[i])}`);
    return Number(argv[i]);
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--help' || a === '-h') o.help = true;
    else if (a === '--json') o.json = true;
    else if (a === '--verbose') o.verbose = true;
    else if (a === '--sim') {
      const t: Transport = { kind: 'sim' };
      if (word(i + 1)) {
        t.board = argv[++i];
        if (!boardNames().includes(t.board)) throw new UsageError(`unknown board "${t.board}" (boards: ${boardNames().join(', ')})`);
      }
      transports.push(t);
    } else if (a === '--scenario') scenario = value(i++, 'a scenario file');
    else if (a === '--port') transports.push({ kind: 'port', path: value(i++, 'a device path'), baud: 9600 });
    else if (a === '--baud') {
      const v = value(i++, 'a line speed');
      if (!int(v, 1)) throw new UsageError(`--baud must be a line speed, got ${v}`);
      baud = Number(v);
    } else if (a === '--tcp') {
      const v = value(i++, 'HOST[:PORT]');
      const m = /^(?:\[([^\]]+)\]|([^:]+))(?::(\d+))?$/.exec(v);
      if (!m || (m[3] !== undefined && !int(m[3], 1, 65535))) throw new UsageError(`--tcp must be HOST[:PORT], got ${v}`);
      transports.push({ kind: 'tcp', host: m[1] ?? m[2], port: m[3] === undefined ? 2323 : Number(m[3]) });
    } else if (a === '--timeout') {
      const v = value(i++, 'ms');
      if (!int(v, 1)) throw new UsageError(`--timeout must be a number of ms, got ${v}`);
      o.timeout = Number(v);
    } else if (a === '--id') {
      const v = value(i++, 'a request id');
      if (!int(v, 0)) throw new UsageError(`--id must be an integer 0..2147483647, got ${v}`);
      o.firstId = Number(v);
    } else if (a === '--every' || a === '--count') {
      const v = value(i++, a === '--every' ? 'ms' : 'a number of lines');
      const last = o.items[o.items.length - 1];
      const monitor = last && ('raw' in last ? a === '--count' && rawOp(last.raw) === 'monitor' : last.op === 'monitor');
      if (!monitor) throw new UsageError(`${a} belongs after a monitor request${a === '--every' ? ' (written as a shorthand)' : ''}`);
      if (a === '--every') {
        if (!int(v, 1)) throw new UsageError(`--every must be a number of ms, got ${v}`);
        (last as { every?: number }).every = Number(v);
      } else {
        if (!int(v, 0)) throw new UsageError(`--count must be a number of lines (0: until interrupted), got ${v}`);
        last.count = Number(v);
      }
    } else if (a.startsWith('-')) throw new UsageError(`unknown option ${a}`);
    else if (a.startsWith('{')) o.items.push({ raw: a });
    else if (a === 'status') o.items.push({ op: a, fields: {} });
    else if (a === 'power') {
      const slot = slotAt(++i, a);
      const action = argv[++i];
      if (!ACTIONS.includes(action)) throw new UsageError(`power: ACTION must be one of ${ACTIONS.join(', ')}, got ${action === undefined ? 'nothing' : JSON.stringify(action)}`);
      o.items.push({ op: a, fields: { slot, action } });
    } else if (a === 'monitor') {
      const slot = slotAt(++i, a);
      const sensors: string[] = [];
      while (word(i + 1)) sensors.push(argv[++i]);
      o.items.push({ op: a, fields: sensors.length ? { slot, sensors } : { slot } });
    } else if (a === 'match') {
      const slot = slotAt(++i, a);
      const d = argv[++i];
      let descriptor: unknown;
      try { descriptor = JSON.parse(d); } catch { throw new UsageError(`match: DESCRIPTOR_JSON must be JSON, got ${d === undefined ? 'nothing' : JSON.stringify(d)}`); }
      o.items.push({ op: a, fields: { slot, descriptor } });
    } else if (a === 'list') o.items.push({ op: a, fields: {} });
    else if (a === 'start' || a === 'stop') {
      const name = argv[++i];
      if (name === undefined || name.startsWith('-')) throw new UsageError(`${a}: give a container's NAME`);
      o.items.push({ op: a, fields: { name } });
    } else if (a === 'migrate') {
      const what = argv[++i];
      if (what === undefined || what.startsWith('-')) throw new UsageError('migrate: give a container NAME or a SLOT, then the TO slot');
      const to = slotAt(++i, a);
      o.items.push({ op: a, fields: int(what, 0, 99) ? { slot: Number(what), to } : { name: what, to } });
    }
    else throw new UsageError(`unknown request ${JSON.stringify(a)} (requests: ${OPS.join(', ')}, or raw JSON)`);
  }
  if (o.help) return o;
  if (transports.length !== 1) throw new UsageError(transports.length ? 'give one transport, not several' : 'give a transport: --sim [BOARD], --port DEVICE or --tcp HOST[:PORT]');
  o.transport = transports[0];
  if (scenario !== undefined) {
    if (o.transport.kind !== 'sim') throw new UsageError('--scenario goes with --sim');
    o.transport.scenario = scenario;
  }
  if (baud !== undefined) {
    if (o.transport.kind !== 'port') throw new UsageError('--baud goes with --port');
    o.transport.baud = baud;
  }
  if (!o.items.length) throw new UsageError('give at least one request');
  for (const it of o.items) if (it.count === 0 && o.transport.kind === 'sim') throw new UsageError('--count 0 (until interrupted) needs a real board: the simulator would run for ever');
  return o;
}

function rawOp(text: string): string | undefined {
  try {
    const r = JSON.parse(text);
    return r && typeof r === 'object' && typeof r.op === 'string' ? r.op : undefined;
  } catch { return undefined; }
}

/** Automatic ids, from `first` on. */
export class Ids {
  constructor(private n: number) {}
  next() { const id = this.n; this.n = this.n >= 2147483647 ? 0 : this.n + 1; return id; }
}

/** The JSON request an item stands for: shorthands get the next automatic id, raw JSON is sent
 * as given (its reply carries its own id, or null when it has no valid one). */
export function request(it: Item, ids: Ids): Request {
  if ('raw' in it) {
    let r: any;
    try { r = JSON.parse(it.raw); } catch { /* the board answers bad-json, id null */ }
    const ok = r && typeof r === 'object' && !Array.isArray(r);
    const id = ok && Number.isInteger(r.id) && r.id >= 0 && r.id <= 2147483647 ? r.id : null;
    const periodic = ok && r.op === 'monitor' && r.every !== undefined && r.stop === undefined;
    return { text: it.raw, id, op: ok && typeof r.op === 'string' ? r.op : undefined, slot: ok && typeof r.slot === 'number' ? r.slot : undefined, ...(periodic ? { every: Number(r.every) || 1000, count: it.count ?? DEFAULT_COUNT } : {}) };
  }
  const id = ids.next();
  const every = 'every' in it ? it.every : undefined;
  const body = { id, op: it.op, ...it.fields, ...(every !== undefined ? { every } : {}) };
  return { text: JSON.stringify(body), id, op: it.op, slot: it.fields.slot as number | undefined, ...(every !== undefined ? { every, count: it.count ?? DEFAULT_COUNT } : {}) };
}

/** A JavaScript string literal of `s` that Espruino reads back as `s`: printable ASCII as is,
 * everything else escaped (a raw control character could end the line, and byte 4 ends the
 * Linux build's console). */
export function jsString(s: string): string {
  return '"' + s.replace(/[\\"]/g, (c) => '\\' + c).replace(/[^\x20-\x7e]/g, (c) => {
    const n = c.charCodeAt(0);
    return n < 256 ? '\\x' + n.toString(16).padStart(2, '0') : '\\u' + n.toString(16).padStart(4, '0');
  }) + '"';
}

/** The console line that sends `text`: \x10 turns the console's echo off for the line (as the
 * Espruino tools do). */
export function consoleLine(text: string): string {
  return '\x10cardcage.mgmt(' + jsString(text) + ')\n';
}

/** The reply on a console line, if it holds one: the prompt (`>`, which Espruino may print
 * right before the reply) and terminal escapes removed. */
export function replyOf(line: string): Received | undefined {
  const l = line.replace(/\x1b\[[0-9;?]*[A-Za-z]/g, '').replace(/^[>\s]+/, '').trimEnd();
  if (!l.startsWith('mgmt {')) return undefined;
  const text = l.slice(5);
  try {
    const r = JSON.parse(text);
    if (r && typeof r === 'object' && typeof r.ok === 'boolean' && 'id' in r) return { reply: r, text };
  } catch { /* not a reply */ }
  return undefined;
}

/** Telnet commands removed from a byte stream (IAC WILL/WONT/DO/DONT x, IAC SB … IAC SE,
 * IAC IAC = 255), across chunk boundaries. */
export class TelnetFilter {
  private s = 0;
  feed(b: Uint8Array): Buffer {
    const out: number[] = [];
    for (const c of b) {
      if (this.s === 0) { if (c === 255) this.s = 1; else out.push(c); }
      else if (this.s === 1) { if (c === 255) { out.push(255); this.s = 0; } else this.s = c >= 251 && c <= 254 ? 2 : c === 250 ? 3 : 0; }
      else if (this.s === 2) this.s = 0;
      else if (this.s === 3) { if (c === 255) this.s = 4; }
      else this.s = c === 240 ? 0 : 3;
    }
    return Buffer.from(out);
  }
}

// ---------------------------------------------------------------- transports
/** What every transport does: send a request, wait for a reply. */
export abstract class Link {
  private queue: Received[] = [];
  private partial = '';
  /** the board's console lines that are not replies (--verbose) */
  other?: (line: string) => void;
  protected failed?: Error;
  protected wake?: () => void;
  /** interrupted (Ctrl-C): waits end at once */
  signal?: AbortSignal;

  /** console text from the board, in pieces */
  protected take(text: string) {
    const lines = (this.partial + text).split('\n');
    this.partial = lines.pop()!;
    for (const l of lines) this.line(l.replace(/\r/g, ''));
    this.wake?.();
  }
  protected line(l: string) {
    const r = replyOf(l);
    if (r) return void this.queue.push(r);
    const shown = l.replace(/\x1b\[[0-9;?]*[A-Za-z]/g, '').replace(/^>+/, '');
    if (shown.trim() !== '') this.other?.(shown);
  }
  /** sends one request (its JSON text) */
  send(text: string) {
    // what came before cannot answer it
    for (const r of this.queue.splice(0)) this.other?.('mgmt ' + r.text);
    this.write(text);
  }
  protected abstract write(text: string): void;
  /** ms on this transport's clock */
  protected abstract now(): number;
  /** lets time pass (at most `ms`) or data arrive */
  protected abstract idle(ms: number): Promise<void>;
  abstract close(): Promise<void>;

  /** The next reply `want` accepts, or undefined when `ms` pass without one (or, when
   * `interruptible`, on Ctrl-C). */
  async next(want: (r: Reply) => boolean, ms: number, interruptible = false): Promise<Received | undefined> {
    const end = this.now() + ms;
    for (;;) {
      const k = this.queue.findIndex((r) => want(r.reply));
      if (k >= 0) return this.queue.splice(k, 1)[0];
      if (this.failed) throw this.failed;
      const left = end - this.now();
      if (left <= 0 || (interruptible && this.signal?.aborted)) return undefined;
      await this.idle(left);
    }
  }
}

/** The simulator: the built bundle, stored as npm run flash stores it, on a SimBoard. */
export class SimLink extends Link {
  private seen: number;
  constructor(readonly board: SimBoard) {
    super();
    this.seen = board.output.length;
  }
  private pull() {
    while (this.seen < this.board.output.length) this.line(this.board.output[this.seen++]);
  }
  protected write(text: string) {
    try {
      this.board.eval(`cardcage.mgmt(${JSON.stringify(text)})`);
    } catch (e) {
      throw new TransportError(`the simulated board failed: ${(e as Error).message ?? e}`);
    }
    this.pull();
  }
  override send(text: string) {
    this.board.runFor(SIM_SETTLE_MS);
    this.pull();
    super.send(text);
  }
  protected now() { return this.board.clock.now; }
  protected async idle(ms: number) {
    this.board.runFor(Math.min(ms, 10));
    this.pull();
  }
  async close() {}
}

/** A console as a byte stream: a serial port or a TCP connection. */
export class StreamLink extends Link {
  private timer?: NodeJS.Timeout;
  private telnet?: TelnetFilter;
  constructor(
    private readonly what: string,
    input: NodeJS.ReadableStream,
    private readonly out: (s: string) => void,
    private readonly end: () => void,
    o: { telnet?: boolean } = {},
  ) {
    super();
    if (o.telnet) this.telnet = new TelnetFilter();
    input.on('data', (d: Buffer | string) => {
      const b = typeof d === 'string' ? Buffer.from(d, 'latin1') : d;
      this.take((this.telnet ? this.telnet.feed(b) : b).toString('latin1'));
    });
    input.on('error', (e: Error) => this.fail(new TransportError(`${what}: ${e.message}`)));
    input.on('end', () => this.fail(new TransportError(`${what}: closed by the other end`)));
  }
  private fail(e: Error) {
    this.failed ??= e;
    this.wake?.();
  }
  protected write(text: string) {
    if (this.failed) throw this.failed;
    this.out(consoleLine(text));
  }
  /** console text sent as it is (a line typed at the console: the board echoes it) */
  raw(text: string) {
    if (this.failed) throw this.failed;
    this.out(text);
  }
  protected now() { return Date.now(); }
  protected idle(ms: number) {
    return new Promise<void>((res) => {
      const done = () => { clearTimeout(this.timer); this.wake = undefined; this.signal?.removeEventListener('abort', done); res(); };
      this.timer = setTimeout(done, ms);
      this.wake = done;
      this.signal?.addEventListener('abort', done);
    });
  }
  async close() {
    this.failed ??= new TransportError(`${this.what}: closed`);
    this.end();
  }
}

/** A board on a serial port: the device set raw with stty, read and written as a tty (a pty
 * works the same). */
export function openPort(path: string, baud: number): StreamLink {
  let fd: number;
  try { fd = openSync(path, constants.O_RDWR | constants.O_NOCTTY | constants.O_NONBLOCK); }
  catch (e) { throw new TransportError(`${path}: ${(e as Error).message}`); }
  if (tty.isatty(fd)) {
    const r = spawnSync('stty', ['-F', path, 'raw', '-echo', String(baud)], { encoding: 'utf8' });
    if (r.status !== 0) {
      closeSync(fd);
      throw new TransportError(`stty -F ${path} raw -echo ${baud} failed: ${(r.stderr || r.error?.message || '').trim()}`);
    }
    // tty streams (libuv polls the device): an fs stream's read would block a thread-pool
    // thread until the board printed something, and keep the process alive after close
    const input = new tty.ReadStream(fd);
    const output = new tty.WriteStream(fd);
    return new StreamLink(path, input, (s) => output.write(s, 'latin1'), () => { input.destroy(); output.destroy(); });
  }
  // not a tty (a FIFO, a socket file): stty does not apply; plain fs streams
  closeSync(fd);
  spawnSync('stty', ['-F', path, 'raw', '-echo', String(baud)]);
  try { fd = openSync(path, 'r+'); } catch (e) { throw new TransportError(`${path}: ${(e as Error).message}`); }
  const input = createReadStream('', { fd, autoClose: false });
  const output = createWriteStream('', { fd, autoClose: false });
  return new StreamLink(path, input, (s) => output.write(s, 'latin1'), () => { input.destroy(); output.destroy(); try { closeSync(fd); } catch { /* closed */ } });
}

/** A console over TCP (Espruino's --telnet serves one on port 2323). */
export function openTcp(host: string, port: number, timeoutMs: number): Promise<StreamLink> {
  const what = `${host.includes(':') ? `[${host}]` : host}:${port}`;
  return new Promise((res, rej) => {
    const s = net.connect({ host, port });
    const t = setTimeout(() => { s.destroy(); rej(new TransportError(`${what}: no connection within ${timeoutMs} ms`)); }, timeoutMs);
    s.once('error', (e) => { clearTimeout(t); rej(new TransportError(`${what}: ${e.message}`)); });
    s.once('connect', () => {
      clearTimeout(t);
      s.removeAllListeners('error');
      s.setNoDelay(true);
      res(new StreamLink(what, s, (x) => { s.write(x, 'latin1'); }, () => { s.end(); s.destroy(); }, { telnet: true }));
    });
  });
}

export interface SimSetup { link: SimLink; failures: string[]; board: string }
/** The simulator: the board's built bundle stored and booted, or a scenario played first (its
 * program stored, unless it says "from": "ram"). */
export function openSim(t: { board?: string; scenario?: string }, onLog?: (e: LogEvent) => void): SimSetup {
  if (t.scenario) {
    const file = resolve(t.scenario);
    let text: string;
    try { text = readFileSync(file, 'utf8'); } catch (e) { throw new ScenarioError(`${t.scenario}: ${(e as Error).message}`); }
    const s = parseScenario(text, t.scenario);
    s.from ??= 'storage';
    const r = runScenario(s, { board: t.board, onLog, dir: dirname(file) });
    if (r.board.off) r.board.boot(); // a scenario that never boots (or ends with a power cut)
    return { link: new SimLink(r.board), failures: r.failures, board: r.board.profile.name };
  }
  const name = t.board ?? defaultBoard();
  const board = new SimBoard({ profile: loadBoard(name), files: bundleFiles(name), code: readBundle(name), stored: true, codeName: storedPath(name), onLog });
  board.boot();
  return { link: new SimLink(board), failures: [], board: name };
}

// ---------------------------------------------------------------- readable output
function show(v: unknown): string {
  if (typeof v === 'string') return v;
  if (Array.isArray(v) && v.every((x) => typeof x === 'string')) return v.length ? v.join(',') : '-';
  return JSON.stringify(v);
}
const kv = (o: Record<string, unknown>) => Object.entries(o).map(([k, v]) => `${k}=${show(v)}`).join(' ');

/** A reply in readable form: `error <code>: <detail>`; status as a table of slots with
 * board, ring, mem and errors lines; anything else `<op> key=value …`. */
export function formatReply(r: Reply, req: { op?: string; slot?: number } = {}): string[] {
  if (!r.ok) return [`error ${r.error}: ${r.detail ?? ''}`];
  const d = r.data;
  const op = req.op ?? 'ok';
  if (op === 'status' && d && Array.isArray(d.slots)) {
    const rows = [['slot', 'state', 'name', 'ops'], ...d.slots.map((s: any) => [String(s.slot), String(s.state), s.name ?? '-', show(s.ops ?? [])])];
    const w = [0, 1, 2].map((c) => Math.max(...rows.map((x: string[]) => x[c].length)));
    const out = rows.map((x: string[]) => x.map((c, k) => (k < 3 ? c.padEnd(w[k]) : c)).join('  '));
    out.push(`board   ${d.board}`);
    if (d.ring && typeof d.ring === 'object') out.push(`ring    ${kv(d.ring)}`);
    if (Array.isArray(d.containers)) out.push(`cts     ${d.containers.map((c: any) => `${c.name}:${c.state}`).join(' ') || '-'}`);
    out.push(`mem     ${d.mem} free JsVars`);
    out.push(`errors  ${d.errors}`);
    return out;
  }
  if (op === 'list' && Array.isArray(d)) {
    if (!d.length) return ['no container'];
    return d.map((c: any) => `${c.name}  ${c.state}${c.why ? ` (${c.why})` : ''}  workers=${c.workers} home=${c.home < 0 ? '-' : c.home} queued=${c.queued} sent=${c.sent} got=${c.got} drops=${c.drops} fails=${c.fails}`);
  }
  if (d && typeof d === 'object' && !Array.isArray(d)) {
    const pre = op === 'monitor' && req.slot !== undefined && !('stopped' in d) ? { slot: req.slot } : {};
    return [`${op} ${kv({ ...pre, ...d })}`.trimEnd()];
  }
  return [d === undefined ? op : `${op} ${JSON.stringify(d)}`];
}

// ---------------------------------------------------------------- running requests
export interface IO {
  out(line: string): void;
  err(line: string): void;
  /** Ctrl-C: a running monitor is stopped and no further request runs */
  signal?: AbortSignal;
}

/** Runs the requests on an open link, printing their replies. Returns the exit status. */
export async function runRequests(link: Link, reqs: Request[], ids: Ids, o: { json: boolean; timeout: number }, io: IO): Promise<number> {
  let status = 0;
  const print = (got: Received, req: { op?: string; slot?: number }) => {
    if (!got.reply.ok) status = 1;
    if (o.json) io.out(got.text);
    else for (const l of formatReply(got.reply, req)) io.out(l);
  };
  const wantId = (id: number | null) => (r: Reply) => r.id === id || r.id === null;
  for (const req of reqs) {
    if (io.signal?.aborted) return status || 130;
    link.send(req.text);
    const got = await link.next(wantId(req.id), o.timeout);
    if (!got) {
      io.err(`cardcage-mgmt: no reply to request ${req.id === null ? req.text : 'id ' + req.id} within ${o.timeout} ms`);
      return 1;
    }
    print(got, req);
    if (req.every === undefined || !got.reply.ok || req.id === null) continue;
    // a periodic monitor: its lines, then a stop (unless the board ended it: gone, io)
    let running = true;
    for (let n = 1; req.count === 0 || n < req.count!; n++) {
      const line = await link.next((r) => r.id === req.id, req.every + o.timeout, true);
      if (!line) {
        if (io.signal?.aborted) break;
        io.err(`cardcage-mgmt: monitor ${req.id}: no line within ${req.every + o.timeout} ms`);
        status = 1;
        break;
      }
      print(line, req);
      if (!line.reply.ok) { running = false; break; }
    }
    if (running) {
      const stop = { id: ids.next(), op: 'monitor', stop: req.id };
      link.send(JSON.stringify(stop));
      const got2 = await link.next((r) => r.id === stop.id, o.timeout);
      if (!got2) {
        io.err(`cardcage-mgmt: no reply to the stop of monitor ${req.id} within ${o.timeout} ms`);
        return 1;
      }
      print(got2, { op: 'monitor' });
    }
    if (io.signal?.aborted) return status || (req.count === 0 ? 0 : 130);
  }
  return status;
}

/** The whole command: parse, open the transport, run. Returns the exit status. */
export async function main(argv: string[], io: IO): Promise<number> {
  let o: Options;
  try {
    o = parseArgs(argv);
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    io.err(`cardcage-mgmt: ${e.message}\n${USAGE}`);
    return 2;
  }
  if (o.help) { io.out(USAGE); return 0; }
  const t = o.transport;
  const ids = new Ids(o.firstId ?? (t.kind === 'sim' ? 1 : 1000 + Math.floor(Math.random() * 1e6)));
  const reqs = o.items.map((it) => request(it, ids));
  let link: Link;
  let failures: string[] = [];
  try {
    if (t.kind === 'sim') {
      const s = openSim(t, o.verbose ? (e) => io.err(formatEvent(e)) : undefined);
      link = s.link;
      failures = s.failures;
      for (const f of failures) io.err(`cardcage-mgmt: scenario expectation failed ${f}`);
    } else link = t.kind === 'port' ? openPort(t.path, t.baud) : await openTcp(t.host, t.port, o.timeout);
  } catch (e) {
    if (e instanceof ProfileError || e instanceof ScenarioError) { io.err(`cardcage-mgmt: ${e.message}`); return 2; }
    if (e instanceof TransportError) { io.err(`cardcage-mgmt: ${e.message}`); return 1; }
    throw e;
  }
  if (o.verbose && t.kind !== 'sim') link.other = (l) => io.err(`| ${l}`);
  link.signal = io.signal;
  try {
    const status = await runRequests(link, reqs, ids, o, io);
    return status || (failures.length ? 1 : 0);
  } catch (e) {
    if (e instanceof TransportError) { io.err(`cardcage-mgmt: ${e.message}`); return 1; }
    throw e;
  } finally {
    await link.close();
  }
}
