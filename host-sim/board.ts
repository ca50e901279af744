// One simulated Espruino board: a sandbox (node:vm) holding only what Espruino has, the
// Espruino API on a virtual clock, NOR flash, Storage, pins, I2C and the card slots. It runs
// the built bundle — or any Espruino script — and keeps flash and Storage across reboots and
// power cuts while RAM (the sandbox, timers, watches) starts again.
import vm from 'node:vm';
import { VirtualClock, rng, type Rng, type Task } from './clock';
import { NorFlash, PowerCut } from './flash';
import { SimPins, type Level } from './pins';
import { SimStorage } from './storage';
import { SimSlot, type CardSpec, type Bounce } from './cards';
import { espruinoSemantics, FN_TEXT, PRELUDE, runnablePart } from './loader';
import { setGlobals, show, uncaught } from './format';
import { blockSize, BASELINE_VARS, codePeak, codeVars, MAPPED_FLASH, sizeOf } from './memory';
import type { SimProfile } from './profile';
import { Reboot, type Bus, type Sim, type Timer } from './api/context';
import { installTimers } from './api/timers';
import { installPins } from './api/pins';
import { installI2C } from './api/i2c';
import { flashModule } from './api/flash';
import { storageModule } from './api/storage';
import { installRequire } from './api/modules';
import { installConsole } from './api/console';
import { installE } from './api/e';
import { installProcess } from './api/process';
import { installJSON } from './api/json';
import { installEvents } from './api/events';
import { installPromise } from './api/promise';

export interface LogEvent {
  /** virtual ms since the simulator started */
  t: number;
  /** who speaks: board, console, slotN, pin, flash, sim */
  src: string;
  msg: string;
}

export interface BoardOptions {
  profile: SimProfile;
  seed?: number;
  /** the program run at every boot, e.g. the built bundle, sent to RAM (default: Storage's
   * .bootcde) */
  code?: string;
  /** `code` is stored in Storage as .bootcde (as npm run flash does) and booted from there,
   * where its functions' text stays in flash: the way a board small for the bundle runs it */
  stored?: boolean;
  /** Storage files there before the first boot, as the espruino tool's --storage writes them
   * (npm run flash: the bundle's message table, cardcage.msg), a byte per char */
  files?: { [name: string]: string };
  codeName?: string;
  /** log pin changes made from outside and every flash operation */
  verbose?: boolean;
  onLog?: (e: LogEvent) => void;
  /** real ms one JS callback may run before it counts as hung (watchdog / Execution Interrupted) */
  callbackLimitMs?: number;
  /** JsVar block size for the memory model (default: from the profile's jsvars, as Espruino) */
  blockSize?: number;
  /** run `code` as Espruino's Linux build runs a file (`espruino FILE.js`, cardcage-sim
   * --console): an uncaught exception at the top level prints "Uncaught undefined" after it and
   * ends the run with exit status 1 (no timer runs), quit() ends it, and it ends by itself
   * once no timer is left */
  fileMode?: boolean;
  /** with fileMode, run `code` as the Linux build's `--test FILE.js` runs one of Espruino's
   * own tests: an uncaught top-level error does not end the run, `interrupt()` exists, and
   * the global `result` says pass or fail (testResult()) */
  test?: boolean;
}

// compiled programs, reused across boots (vm.Script runs in any context)
const scripts = new Map<string, vm.Script>();
function compiled(src: string, name: string) {
  let s = scripts.get(src);
  if (!s) {
    s = new vm.Script(src, { filename: name });
    if (src.length > 1000) scripts.set(src, s);
  }
  return s;
}

/** JsVars ran out (the model's usage over the board's count): interrupts what runs */
class OutOfMemory extends Error {}
/** the test harness's interrupt(): what runs stops, as on Ctrl-C */
class Interrupted extends Error {}

export class SimBoard {
  readonly profile: SimProfile;
  readonly clock = new VirtualClock();
  readonly rand: Rng;
  readonly flash: NorFlash;
  readonly storage: SimStorage;
  readonly pins: SimPins;
  readonly slots: SimSlot[];
  readonly log: LogEvent[] = [];
  /** every console line the board printed */
  readonly output: string[] = [];
  boots = 0;
  /** file mode: the run has ended (an uncaught top-level exception, or quit()), with this status */
  exitCode?: number;
  /** power is off (after a cut, until powerOn/boot) */
  off = true;
  ctx?: vm.Context;

  private code?: string;
  private codeName: string;
  private codeCost = 0;
  private readonly timers = new Map<number, Timer>();
  private readonly buses = new Map<string, Bus>();
  private handlers: Record<string, unknown[]> = {};
  private watchdog?: { ms: number; auto: boolean; task?: Task };
  private builtins = new Set<string>();
  private callScript = new vm.Script('__sim_fn.apply(undefined, __sim_args)');
  private halting?: 'reboot' | 'cut';
  private mathRand: ReturnType<typeof rng>;

  constructor(private opts: BoardOptions) {
    this.profile = opts.profile;
    this.rand = rng(opts.seed ?? 1);
    this.mathRand = rng((opts.seed ?? 1) ^ 0x5eed5eed);
    const f = this.profile.flash;
    this.flash = new NorFlash({ region: f.region, pageSize: f.pageSize, writeAlign: f.writeAlign, maxWritesPerWord: f.maxWritesPerWord, free: f.free }, this.rand);
    if (opts.verbose) this.flash.onOp = (k, a, n) => this.emit('flash', `${k} 0x${a.toString(16)} ${n} bytes`);
    this.storage = new SimStorage(f.storage.length);
    this.storage.program = (dst, d, pos) => this.flash.storageProgram(dst, d, pos);
    this.storage.onTorn = () => { this.halting = 'cut'; throw new PowerCut(this.flash.ops); };
    this.pins = new SimPins(this.profile.pins, {
      clock: this.clock,
      call: (fn, args) => this.call(fn, args),
      print: (s) => this.print(s),
      family: this.profile.family,
      watchLimit: this.profile.watch.limit,
      onePerPinNumber: this.profile.watch.onePerPinNumber,
      onLevel: (pin, lv, byFirmware) => {
        // the firmware's outputs (power enables, LEDs) always; inputs only when verbose
        const out = /output|opendrain/.test(this.pins.mode(pin));
        if ((byFirmware && out) || opts.verbose) this.emit('pin', `${pin} = ${lv}${byFirmware ? '' : ' (outside)'}`);
        if (byFirmware) for (const s of this.slots) s.pinChanged(pin);
      },
    });
    for (const b of this.profile.i2c ?? []) this.buses.set(b.bus, { setup: false, devices: new Map() });
    this.slots = this.profile.slots.map((sp, i) => new SimSlot(i, sp, {
      drive: (pin, lv) => this.pins.drive(pin, lv),
      setAnalog: (pin, v) => this.pins.setAnalog(pin, v),
      level: (pin) => this.pins.level(pin),
      attach: (bus, addr, dev) => {
        const b = this.buses.get(bus);
        if (!b) return;
        const old = b.devices.get(addr);
        if (old && old !== dev) old.off?.(); // the card's contact broke: its device lost power
        if (dev) b.devices.set(addr, dev); else b.devices.delete(addr);
      },
      at: (ms, fn) => this.clock.schedule(ms, fn),
      now: () => this.clock.now,
      log: (msg) => this.emit('slot' + i, msg),
      rand: this.rand,
      defaultBus: this.profile.i2c?.[0]?.bus,
    }));
    for (const k in opts.files ?? {}) this.storage.files.set(k, Uint8Array.from(opts.files![k], (c) => c.charCodeAt(0) & 0xff));
    if (opts.stored && opts.code !== undefined) this.storage.files.set('.bootcde', Uint8Array.from(opts.code, (c) => c.charCodeAt(0) & 0xff));
    else this.code = opts.code;
    this.codeName = opts.codeName ?? 'code.js';
  }

  // ---------------------------------------------------------------- log and console
  emit(src: string, msg: string) {
    const e = { t: this.clock.now, src, msg };
    this.log.push(e);
    this.opts.onLog?.(e);
  }

  print(text: string) {
    if (this.off) return;
    for (const line of text.split('\n')) {
      this.output.push(line);
      this.emit('console', line);
    }
  }

  // ---------------------------------------------------------------- power and boot
  /** Power on (or reset): fresh RAM, the stored program runs, then E.on('init') handlers. */
  boot(reason = 'power on', soft?: boolean) {
    this.resetRam();
    this.off = false;
    this.halting = undefined;
    this.boots++;
    this.emit('board', `boot #${this.boots} (${reason}) ${this.profile.name}`);
    this.ctx = this.makeContext();
    if (soft !== true) this.checkStorage();
    // the stored program: the one given, else what Storage holds as .bootcde (as a board)
    const boot = this.storage.files.get('.bootcde');
    const code = this.code ?? (boot ? String.fromCharCode(...boot) : undefined);
    if (code !== undefined) {
      this.runCode(code, this.code !== undefined ? this.codeName : '.bootcde', this.code === undefined && MAPPED_FLASH.includes(this.profile.family));
      const init = this.handlers.init ?? [];
      for (const fn of init) this.call(fn, []);
    }
  }

  /** At every hardware reset Espruino checks Storage (jsinteractive.c, JSIS_FIRST_BOOT): data
   * that is not Storage's own inside its area makes it "corrupt", and all of it is erased. */
  private checkStorage() {
    if (!this.profile.flash.sharedWithStorage || this.flash.mem.every((b) => b === 0xff)) return;
    this.print('Storage is corrupt.');
    this.print('Erasing Storage Area...');
    this.flash.mem.fill(0xff);
    this.storage.files.clear();
    this.print('Erase complete.');
  }

  /** Power cut now: RAM is gone, flash and Storage stay as they are; the cards lose power
   * too (an EEPROM write cycle in progress is left torn). `soft`: a reset, power stays on. */
  powerCut(why = 'power cut', soft?: boolean) {
    if (this.off) return;
    this.flash.cutAt = 0; // a pending cut is spent: the power is off
    this.emit('board', why);
    if (!soft) for (const b of this.buses.values()) for (const d of b.devices.values()) d.off?.();
    this.resetRam();
    this.off = true;
  }

  /** Cut power when flash operation `n` (1-based, counted from now) runs; it is left torn. */
  cutPowerAtFlashOp(n: number) {
    this.flash.cutAt = this.flash.ops + n;
  }

  private resetRam() {
    for (const t of this.timers.values()) this.clock.cancel(t.task);
    this.timers.clear();
    this.clock.cancel(this.watchdog?.task);
    this.watchdog = undefined;
    this.handlers = {};
    this.errorFlags.clear();
    this.newFlags = [];
    this.pins.reset();
    for (const b of this.buses.values()) b.setup = false;
    this.ctx = undefined;
  }

  /** Test mode: the global `result`, taken as a boolean (main.c run_test: jsvGetBool) */
  testResult(): boolean {
    if (!this.ctx) return this.passed ?? false;
    try { return !!vm.runInContext('typeof result === "undefined" ? false : !!result', this.ctx); } catch { return false; }
  }
  private passed?: boolean;

  /** File mode: the interpreter exits (quit(), or an uncaught exception at the top level) */
  exit(code: number) {
    if (this.exitCode !== undefined) return;
    if (this.opts.test) this.passed = this.testResult();
    this.exitCode = code;
    this.emit('board', `exit ${code}`);
    this.resetRam();
    this.off = true;
  }

  /** Soft reboot (E.reboot, watchdog): like a power cycle, at the current time. */
  reboot(reason: string, soft?: boolean) {
    this.powerCut(reason, true);
    this.boot(reason, soft);
  }

  // ---------------------------------------------------------------- time
  runFor(ms: number) {
    this.runUntil(this.clock.now + ms);
  }
  runUntil(t: number) {
    this.clock.runUntil(t);
  }
  /** Run until no timer or event is pending (or `limitMs` of virtual time has passed). */
  runIdle(limitMs = 60_000) {
    const end = this.clock.now + limitMs;
    while (this.clock.next() !== undefined && this.clock.next()! <= end) this.clock.runUntil(this.clock.next()!);
  }

  // ---------------------------------------------------------------- slots
  insert(slot: number, card: CardSpec, bounce?: Bounce) {
    this.slotAt(slot).insert(card, bounce);
  }
  remove(slot: number, bounce?: Bounce) {
    this.slotAt(slot).remove(bounce);
  }
  private slotAt(i: number) {
    const s = this.slots[i];
    if (!s) throw new Error(`no slot ${i} on ${this.profile.name} (it has ${this.slots.length})`);
    return s;
  }

  // ---------------------------------------------------------------- running JS
  /** The sandbox's own realm makes values the firmware sees (arrays, errors, Uint8Array). */
  private realmObjs?: Record<string, any>;
  private realm<T = any>(name: string): T {
    return this.realmObjs![name];
  }
  private err(msg: string, type = 'Error') {
    const E = this.ctx ? this.realm(type === 'InternalError' ? 'Error' : type) : Error;
    const e = new E(msg);
    if (type === 'InternalError') e.type = 'InternalError';
    return e;
  }
  private data<T>(v: T): T {
    return this.ctx ? this.realm<(s: string) => T>('parse')(JSON.stringify(v)) : v; // V8's own parse (JSON.parse is Espruino's: api/json.ts)
  }
  private bytes(b: ArrayLike<number>): Uint8Array {
    const U8 = this.realm<Uint8ArrayConstructor>('Uint8Array');
    const out = new U8(b.length);
    out.set(b);
    return out;
  }

  private guard() {
    if (this.off || this.halting) throw this.halting === 'reboot' ? new Reboot() : new PowerCut(this.flash.ops);
  }

  /** Runs a JS callback from the main loop, as Espruino does: an exception is printed as
   * "Uncaught ..." and the loop goes on. */
  call(fn: unknown, args: unknown[]) {
    if (this.off || !this.ctx) return;
    try {
      if (typeof fn === 'string') this.exec(fn, 'callback');
      else {
        this.ctx.__sim_fn = fn;
        this.ctx.__sim_args = (this.data([]) as unknown[]).concat(args);
        this.callScript.runInContext(this.ctx, { timeout: this.opts.callbackLimitMs ?? 2000 });
      }
    } catch (e) {
      this.caught(e, true);
    } finally {
      if (this.ctx) { this.ctx.__sim_fn = undefined; this.ctx.__sim_args = undefined; }
    }
    this.afterCall();
  }

  private exec(src: string, name: string) {
    return compiled(espruinoSemantics(src), name).runInContext(this.ctx!, { timeout: this.opts.callbackLimitMs ?? 2000 });
  }

  /** the program's code stays in flash (booted from Storage where flash is mapped) */
  private codeInFlash = false;
  /** JsVars the program holds while its top level runs (memory.ts codePeak) */
  private loading = 0;
  private runCode(src: string, name: string, inFlash: boolean) {
    this.codeInFlash = inFlash;
    // Espruino parses as it runs: the statements before a syntax error run, then it is reported
    const { code, error } = runnablePart(src);
    try {
      this.codeCost = codeVars(code, this.blockSize(), inFlash);
      // the program's functions, with what loading it holds at once, do not fit: Espruino runs
      // out while loading it
      const peak = codePeak(code, this.blockSize(), inFlash);
      if (this.memory().usage + peak > this.profile.jsvars) { this.codeCost = 0; throw new OutOfMemory('OUT OF MEMORY'); }
      // ... and while it runs, that is held too (the longest statement's text, the boot-only
      // functions until they are deleted) beside the state it makes: the board can run out
      // part way, as a 2,630-JsVar board does with the bundle sent to RAM
      this.loading = peak;
      try {
        this.exec(code, name);
        // (over at the end of it, between two of the checks the loader puts in loops and calls)
        if (this.memory().usage > this.profile.jsvars) throw new OutOfMemory('OUT OF MEMORY');
      } finally { this.loading = 0; }
      if (error) throw error;
    } catch (e) {
      this.caught(e);
      if (this.opts.fileMode && !this.opts.test && !(e instanceof OutOfMemory) && !(e instanceof Reboot) && !(e instanceof PowerCut) && !this.off) {
        // main.c handleErrors: the exception was printed and cleared, its flag is still up
        this.print('Uncaught undefined');
        this.exit(1);
        return;
      }
    }
    this.sinceCheck = 15; // the program that boots is always checked
    this.afterCall();
  }

  private caught(e: unknown, event = false) {
    if (e instanceof PowerCut || e instanceof Reboot) return;
    if (this.halting) return;
    if (e instanceof OutOfMemory) {
      // as Espruino: the code running is interrupted (nothing can catch it), error flags are
      // raised and reported once the main loop is idle, and the event loop goes on
      if (this.ctx) this.ctx.__sim_oom = false;
      this.print('OUT OF MEMORY');
      this.print(event ? 'Execution Interrupted during event processing.' : 'Execution Interrupted.');
      this.raise(['LOW_MEMORY', 'MEMORY']);
      return;
    }
    if (e instanceof Interrupted) { this.print('Execution Interrupted'); return; }
    if (e && (e as { code?: string }).code === 'ERR_SCRIPT_EXECUTION_TIMEOUT') {
      // real time decided this, not the virtual clock: say so, so that a run slowed by a loaded
      // machine is told apart from a hang (the limit is callbackLimitMs)
      this.emit('sim', `a callback ran over ${this.opts.callbackLimitMs ?? 2000} ms of real time: counted as hung`);
      if (this.watchdog) { this.halting = 'reboot'; this.pendingReboot = 'watchdog reset (callback ran too long)'; return; }
      this.print('Execution Interrupted');
      return;
    }
    // (with where, as Espruino's first stack line: line and column, 1-based)
    if (e instanceof SyntaxError && (e as { pos?: number }).pos !== undefined) {
      const loc = (e as { loc?: { line: number; column: number } }).loc;
      this.print(`Uncaught SyntaxError: ${e.message.replace(/ \(\d+:\d+\)$/, '')}` + (loc ? `\n    at [raw] (:${loc.line}:${loc.column + 1})` : ''));
      return;
    }
    if (this.ctx) { try { e = this.ctx.__sim_caught(e); } catch { /* as it is */ } setGlobals(this.ctx); }
    // jsiCheckErrors: process.on('uncaughtException') handlers get it instead; one that throws
    // has its own error reported
    const list = this.ctx?.process?.['#onuncaughtException'];
    const fns = (Array.isArray(list) ? list : [list]).filter((f: unknown) => typeof f === 'function');
    if (fns.length) {
      try { for (const f of fns) f.call(this.ctx!.process, e); return; } catch (e2) { if (e2 instanceof PowerCut || e2 instanceof Reboot) return; e = this.ctx?.__sim_caught ? this.ctx.__sim_caught(e2) : e2; }
    }
    this.print(uncaught(e));
  }

  /** Espruino's error flags (E.getErrorFlags): raised flags are printed as "New interpreter
   * error" and given to E.on('errorFlag') handlers once the current code has finished */
  private readonly errorFlags = new Set<string>();
  private newFlags: string[] = [];
  private raise(flags: string[]) {
    for (const f of flags) if (!this.errorFlags.has(f)) { this.errorFlags.add(f); this.newFlags.push(f); }
  }
  /** every 256th loop pass (loader.ts): out of memory where the board would be */
  private memCheck() {
    if (!this.ctx) return;
    this.ctx.__sim_n = 0;
    const m = this.memory();
    if (m.usage > m.total) {
      this.ctx.__sim_oom = true;
      throw new OutOfMemory('OUT OF MEMORY');
    }
  }

  private sinceCheck = 16;
  private pendingReboot?: string;
  private afterCall() {
    // what ran took more JsVars than the board has, between two checks (loader.ts): said
    // when it returns (checked after every 16th callback, and after the program at boot)
    if (this.ctx && !this.off && !this.halting && ++this.sinceCheck >= 16 && !this.errorFlags.has('MEMORY') && this.memory().usage > this.profile.jsvars) {
      this.print('OUT OF MEMORY');
      this.raise(['LOW_MEMORY', 'MEMORY']);
    }
    if (this.sinceCheck >= 16) this.sinceCheck = 0;
    if (this.newFlags.length && !this.off) {
      const f = this.newFlags;
      this.newFlags = [];
      this.print('New interpreter error: ' + f.join(','));
      for (const fn of this.handlers.errorFlag ?? []) this.call(fn, [this.data(f)]);
    }
    if (this.flash.cutAt && this.flash.ops >= this.flash.cutAt && !this.off) {
      this.flash.cutAt = 0;
      this.powerCut(`power cut at flash operation ${this.flash.ops}`);
      return;
    }
    if (this.halting === 'reboot') {
      const why = this.pendingReboot ?? 'E.reboot()';
      this.pendingReboot = undefined;
      // load() and reset() restart the interpreter, not the chip: no Storage check
      this.reboot(why, why === 'load()' || why === 'reset()');
    }
  }

  /** A line typed at the Espruino console: evaluated, and its value printed as "=value". */
  consoleLine(line: string) {
    if (this.off || !this.ctx) { this.emit('sim', `console line ignored, board is off: ${line}`); return; }
    this.emit('console', '>' + line);
    try {
      const v = this.exec(line, 'console');
      this.print('=' + show(v));
    } catch (e) {
      this.caught(e);
    }
    this.afterCall();
  }

  /** Evaluate in the sandbox (tests): exceptions propagate. */
  eval(src: string): any {
    return this.exec(src, 'eval');
  }

  // ---------------------------------------------------------------- the Espruino API
  blockSize() {
    return this.opts.blockSize ?? blockSize(this.profile.jsvars);
  }

  memory() {
    const bs = this.blockSize();
    // a timer and a watch as measured on 2v29 (13-byte JsVars): 6 and 14 JsVars
    let usage = BASELINE_VARS + this.codeCost + this.loading + this.timers.size * 6 + this.pins.watchCount() * 14;
    if (this.ctx) {
      const seen = new Set<unknown>();
      const ram = !this.codeInFlash;
      for (const k of Object.keys(this.ctx)) {
        if (this.builtins.has(k) || k.startsWith('__sim_')) continue;
        usage += 1 + sizeOf((this.ctx as any)[k], bs, seen, ram);
      }
      // what timers and watches keep (their closures; the 6 and 14 above hold the rest)
      for (const t of this.timers.values()) usage += sizeOf(t.fn, bs, seen, ram) - 1 + (t.args.length ? sizeOf(t.args, bs, seen, ram) : 0);
      for (const cb of this.pins.callbacks()) usage += sizeOf(cb, bs, seen, ram) - 1;
    }
    return { free: Math.max(0, this.profile.jsvars - usage), usage, total: this.profile.jsvars, history: 0, gc: 0, gctime: 0, blocksize: bs };
  }

  private makeContext(): vm.Context {
    const ctx = vm.createContext({}, { name: `cardcage-sim ${this.profile.name}`, codeGeneration: { strings: true, wasm: false }, microtaskMode: 'afterEvaluate' });
    this.ctx = ctx;
    vm.runInContext(PRELUDE, ctx);
    // Math.random from the board's seed: a run is repeatable (a board's generator is random)
    vm.runInContext('Math', ctx).random = () => this.mathRand.next();
    this.realmObjs = vm.runInContext('({ parse: JSON.parse, Uint8Array: Uint8Array, Error: Error, TypeError: TypeError, ReferenceError: ReferenceError, SyntaxError: SyntaxError })', ctx);
    const g = ctx as any;
    // the memory check the loader puts in every loop (loader.ts)
    g.__sim_n = 0;
    g.__sim_oom = false;
    g.__sim_mem = () => this.memCheck();
    g.__sim_fntext = (i: number) => FN_TEXT[i];
    // eval(text): the text as Espruino would run it (a syntax error is V8's, thrown where eval is)
    g.__sim_tx = (src: unknown) => { if (typeof src !== 'string') return src; try { return espruinoSemantics(src); } catch { return src; } };

    // the Espruino API, one installer per part of it (host-sim/api/)
    const sim = this.sim();
    installTimers(g, sim);
    installPins(g, sim);
    installI2C(g, sim);
    installRequire(g, sim, { Flash: flashModule(sim), Storage: storageModule(sim) });
    installConsole(g, sim);
    installE(g, sim);
    installProcess(g, sim);
    installJSON(g, sim);
    installEvents(g, sim);
    installPromise(g, sim);
    // the Linux build's quit(): the interpreter exits once what runs returns
    if (this.profile.family === 'linux') g.quit = () => { if (this.opts.fileMode) this.clock.schedule(this.clock.now, () => this.exit(0)); };
    // the Linux build's test harness adds interrupt(): what runs is interrupted
    if (this.opts.test) g.interrupt = () => { throw new Interrupted(); };

    this.builtins = new Set(Object.keys(ctx));
    return ctx;
  }

  /** what the API installers get from the board (api/context.ts) */
  private sim(): Sim {
    const board = this;
    return {
      api: (f) => (...a) => { this.guard(); return f(...a); },
      err: (msg, type) => this.err(msg, type), data: (v) => this.data(v), bytes: (b) => this.bytes(b),
      print: (s) => this.print(s), call: (fn, args) => this.call(fn, args), current: (g) => !this.off && this.ctx === g,
      profile: this.profile, clock: this.clock, timers: this.timers, pins: this.pins,
      buses: this.buses, flash: this.flash, storage: this.storage, errorFlags: this.errorFlags,
      get handlers() { return board.handlers; },
      set handlers(h) { board.handlers = h; },
      halt: (how, why) => { this.halting = how; if (why !== undefined) this.pendingReboot = why; },
      forgetCode: () => { this.code = undefined; },
      enableWatchdog: (ms, auto) => {
        this.clock.cancel(this.watchdog?.task);
        this.watchdog = { ms, auto };
        if (!auto) this.kickWatchdog();
      },
      kickWatchdog: () => this.kickWatchdog(), memory: () => this.memory(), blockSize: () => this.blockSize(),
      run: (src, name) => this.exec(src, name),
    };
  }

  private kickWatchdog() {
    const w = this.watchdog;
    if (!w) return;
    this.clock.cancel(w.task);
    if (w.auto) return; // kicked by the idle loop: only a hung callback resets
    w.task = this.clock.schedule(this.clock.now + w.ms, () => this.reboot(`watchdog reset (not kicked for ${w.ms} ms)`));
  }
}

export type { CardSpec, Bounce, Level };
