// Runs a script on a real Espruino interpreter — Espruino's own Linux build, named by the
// ESPRUINO_BIN environment variable — for hardware-in-the-loop checks and for measuring
// memory on the real thing. Each run gets a fresh folder (the Linux build keeps its flash in
// ./espruino.flash) and an empty FIFO as stdin (at end-of-file its input thread floods the
// console with junk).
import { spawn, spawnSync } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { literal } from './tokens';
import { bundleFiles } from './scenario';

export const ESPRUINO_BIN = process.env.ESPRUINO_BIN || '';

export interface RealRun {
  lines: string[];
  status: number | null;
  timedOut: boolean;
}

/** Console lines the interpreter printed, without its banner, prompts and escape codes. */
export function cleanOutput(raw: string): string[] {
  const text = raw.replace(/\r/g, '').replace(/\x1b\[J/g, '');
  const lines = text.split('\n');
  // keep what comes before the banner (such as "Storage is corrupt.") and after it
  const donate = lines.findIndex((l) => l.includes('espruino.com/Donate'));
  const logo = lines.findIndex((l) => l.startsWith(' ____ '));
  const body = donate >= 0 ? lines.slice(0, Math.max(0, logo >= 0 ? logo : donate)).filter((l) => l !== '').concat(lines.slice(donate + 2)) : lines;
  const out = body.map((l) => l.replace(/^>+/, ''));
  while (out.length && out[out.length - 1] === '') out.pop();
  return out;
}

/** Runs `code` in a fresh folder, or in `keepDir` (made with realDir()) so that its flash
 * survives into the next run: a power cycle of the Linux build. */
export function runReal(code: string, timeoutS = 10, keepDir?: string, bin = ESPRUINO_BIN, files?: { [name: string]: string }): RealRun {
  if (!bin) throw new Error('ESPRUINO_BIN is not set');
  const dir = keepDir ?? realDir();
  try {
    // Storage's files first (a bundle's message table)
    for (const k in files ?? {}) storeBoot(bin, dir, files![k], k);
    writeFileSync(join(dir, 'script.js'), code, 'latin1'); // a byte per char (pretokenised code)
    const r = spawnIn(dir, bin, 'script.js', timeoutS * 1000);
    return { lines: r.lines, status: r.timedOut ? 124 : r.status, timedOut: r.timedOut }; // 124: as timeout(1) said
  } finally {
    if (!keepDir) rmSync(dir, { recursive: true, force: true });
  }
}

/** Runs `code` in file mode on a build whose pins are files (ESPRUINO_BIN_2630, _5100: see the
 * README), changing its pins from outside by `plan` (host-sim/pinplan.ts), in real ms after
 * the interpreter started: what a watch-driven script prints there, for the pin fidelity
 * recordings. Every pin the plan names starts at 0. */
export function runRealWithPins(bin: string, code: string, plan: { pin: string; level: 0 | 1 | undefined; at: number }[], timeoutS = 10): Promise<RealRun> {
  const dir = realDir();
  writeFileSync(join(dir, 'script.js'), code, 'latin1');
  const num = (pin: string) => { const m = /^D(\d+)$/.exec(pin); if (!m) throw new Error(`pins as files: ${pin} is not a Dn pin`); return Number(m[1]); };
  for (const c of plan) setPin(dir, num(c.pin), 0);
  fifo(dir);
  const child = spawn('sh', ['-c', 'exec "$0" script.js 0<>stdin.fifo', bin], { cwd: dir });
  let out = '';
  child.stdout.setEncoding('latin1');
  child.stdout.on('data', (d: string) => { out += d; });
  // (a released pin: its file back to 0, what a missing file reads)
  const timers = plan.map((c) => setTimeout(() => setPin(dir, num(c.pin), c.level ?? 0), c.at));
  let timedOut = false;
  const kill = setTimeout(() => { timedOut = true; child.kill('SIGKILL'); }, timeoutS * 1000);
  return new Promise((resolve) => child.on('close', (status) => {
    clearTimeout(kill);
    timers.forEach(clearTimeout);
    rmSync(dir, { recursive: true, force: true });
    resolve({ lines: cleanOutput(out), status: timedOut ? 124 : status, timedOut });
  }));
}

export function realDir() {
  return mkdtempSync(join(tmpdir(), 'cardcage-espruino-'));
}

// ---------------------------------------------------------------- builds and boots from Storage
/** The interpreter builds the HIL suite runs on: ESPRUINO_BIN, and the 32-bit builds with fixed
 * JsVar counts (13-byte JsVars, as on the boards) named by ESPRUINO_BIN_2630 (Puck.js) and
 * ESPRUINO_BIN_5100 (Pico). See the README, "Building Espruino's Linux interpreter". */
export interface RealBuild { name: string; bin: string }
export function realBuilds(): RealBuild[] {
  const out: RealBuild[] = [];
  for (const [name, v] of [['2630', 'ESPRUINO_BIN_2630'], ['5100', 'ESPRUINO_BIN_5100']]) if (process.env[v]) out.push({ name: name + ' JsVars', bin: process.env[v]! });
  if (!out.length && ESPRUINO_BIN) out.push({ name: 'ESPRUINO_BIN', bin: ESPRUINO_BIN });
  return out;
}

/** an empty FIFO as the interpreter's stdin: at end of file its input thread floods the
 * console with junk */
function fifo(dir: string) {
  rmSync(join(dir, 'stdin.fifo'), { force: true });
  spawnSync('mkfifo', [join(dir, 'stdin.fifo')]);
}

function spawnIn(dir: string, bin: string, args: string, timeoutMs: number, killMs?: number) {
  fifo(dir);
  // SIGKILL: a power cut. The Linux build writes flash with one fwrite per operation and
  // prints unbuffered, so what it printed before the kill is all there.
  const r = spawnSync('sh', ['-c', `exec "$0" ${args} 0<>stdin.fifo`, bin], { cwd: dir, encoding: 'latin1', maxBuffer: 64 << 20, timeout: killMs ?? timeoutMs, killSignal: 'SIGKILL' });
  const killed = killMs !== undefined && r.signal === 'SIGKILL';
  const { lines, partial } = killedOutput(r.stdout ?? '', killed);
  return { lines, partial, status: r.status, timedOut: killMs === undefined && r.signal === 'SIGKILL', killed };
}

/** A run's console lines; of a run killed (a power cut), only the lines it finished. The Linux
 * build writes its console a byte at a time (fputc and fflush per character), so a kill can
 * cut the last line short: "X 684" printed as "X 6", "D 593 r" as "D 59", which read as
 * other, valid lines. What came after the last newline is `partial`, not a line. */
export function killedOutput(raw: string, killed: boolean): { lines: string[]; partial?: string } {
  if (!killed) return { lines: cleanOutput(raw) };
  const cut = raw.lastIndexOf('\n') + 1;
  return { lines: cleanOutput(raw.slice(0, cut)), partial: raw.slice(cut) };
}

/** Stores `code` as `.bootcde` in the Storage of the flash file in `dir`, as `npm run flash`
 * does on a board: a few runs of the interpreter in file mode, each writing one chunk (a whole
 * bundle as one script would not fit in a small build's JsVars). */
export function storeBoot(bin: string, dir: string, code: string, name = '.bootcde') {
  const CHUNK = 1536;
  for (let o = 0; o < code.length; o += CHUNK) {
    const part = literal(code.slice(o, o + CHUNK));
    const w = o === 0 ? `require("Storage").write(${JSON.stringify(name)}, ${part}, 0, ${code.length})` : `require("Storage").write(${JSON.stringify(name)}, ${part}, ${o})`;
    writeFileSync(join(dir, 'store.js'), `if (!${w}) print("STORE FAILED"); quit();`);
    const r = spawnIn(dir, bin, 'store.js', 20000);
    if (r.status !== 0 || r.lines.some((l) => /STORE FAILED|Uncaught|ERROR/.test(l))) throw new Error(`storing ${name} at ${o}: ${r.lines.join('\n')}`);
  }
}

/** Stores `code` (a built bundle, perhaps with an application after it) as `.bootcde`, and the
 * bundle's message table beside it (cardcage.msg), as `npm run flash` does. */
export function storeBundle(bin: string, dir: string, code: string, board = 'linux') {
  storeBoot(bin, dir, bundleFiles(board)['cardcage.msg'], 'cardcage.msg');
  storeBoot(bin, dir, code);
}

/** Starts the interpreter on the flash file in `dir`: it boots `.bootcde` as a board does, and
 * runs until no timer is left, `timeoutS` passes, or it is killed after `killMs` (power cut). */
export function bootReal(bin: string, dir: string, timeoutS = 60, killMs?: number) {
  return spawnIn(dir, bin, '-e ""', timeoutS * 1000, killMs);
}

// ---------------------------------------------------------------- pins as files
/** Pins of a build made with SYSFS_GPIO_DIR "gpio" (see the README): pin Dn reads and writes
 * gpio/gpio<n>/value in the working directory; a missing file reads 0 and takes no write.
 * A level is changed in place, one byte overwritten (no truncation, no new file): the
 * interpreter polls the file every millisecond for setWatch, and an emptied file would read
 * as a spurious 0. */
export function setPin(dir: string, n: number, level: 0 | 1) {
  const d = join(dir, 'gpio', 'gpio' + n);
  const f = join(d, 'value');
  if (!existsSync(f)) { mkdirSync(d, { recursive: true }); writeFileSync(f, String(level)); return; }
  const fd = openSync(f, 'r+');
  try { writeSync(fd, String(level), 0); } finally { closeSync(fd); }
}
export function readPin(dir: string, n: number): string {
  try { return readFileSync(join(dir, 'gpio', 'gpio' + n, 'value'), 'latin1').trim(); } catch { return ''; }
}

/** Starts the interpreter on `dir` (booting .bootcde) without waiting: for tests that drive
 * pins while it runs. `done` resolves with its console lines when it exits or is killed. */
export function startReal(bin: string, dir: string, timeoutS = 60) {
  fifo(dir);
  const child = spawn('sh', ['-c', 'exec "$0" -e "" 0<>stdin.fifo', bin], { cwd: dir });
  let out = '';
  child.stdout.setEncoding('latin1');
  child.stdout.on('data', (d: string) => { out += d; });
  const timer = setTimeout(() => child.kill('SIGKILL'), timeoutS * 1000);
  const done = new Promise<string[]>((resolve) => child.on('close', () => { clearTimeout(timer); resolve(cleanOutput(out)); }));
  return { lines: () => cleanOutput(out), done, kill: () => child.kill('SIGKILL') };
}

// ---------------------------------------------------------------- code sent to RAM
/** Sends `text` to the interpreter's console as the espruino tool and the Web IDE send code to
 * RAM: line by line, each line prefixed with 16 (echo off for that line). With `probe`, a line
 * after each of them prints the free JsVars (`P <free>`), for the low point while loading.
 * `after` is sent last (a probe, a workload); the run ends when it prints `DONE`, or after
 * `timeoutS`. */
export function sendReal(bin: string, text: string, o: { probe?: boolean; after?: string; timeoutS?: number; files?: { [name: string]: string } } = {}): Promise<string[]> {
  const dir = realDir();
  // Storage's files first (the bundle's message table: npm run flash -- --ram stores it)
  for (const k in o.files ?? {}) storeBoot(bin, dir, o.files![k], k);
  const child = spawn(bin, [], { cwd: dir, stdio: ['pipe', 'pipe', 'pipe'] });
  let out = '';
  child.stdout.setEncoding('latin1');
  // One statement at a time, the next once the interpreter has answered the last (as the
  // Web IDE paces a board): written all at once, the Linux build's console input overruns its
  // event queue (FIFO_FULL, or an ASSERT in jshPopIOEvent) at random. Its input thread and
  // main loop share that queue unlocked (the thread appends to the last event while the loop may
  // be taking it), and once boot has set up pin watches the thread polls every millisecond: a
  // statement goes in pieces of 32 bytes a millisecond apart, 50 ms after the last one's answer
  // (the bundle's boot statement comes last, so little is sent while watches run).
  const chunks = text.split('\n').filter((l) => l.trim() !== '').map((l) => '\x10' + l + '\n' + (o.probe ? '\x10print("P "+process.memory().free)\n' : '\x10print("\\x01")\n'));
  chunks.push('\x10' + (o.after ?? 'print("DONE")') + '\n');
  let next = 0;
  let acks = 0;
  // (pieces and a pause: fewer events in its queue at once when the main loop takes one)
  const PIECE = 32;
  const GAP = 50;

  const send = () => {
    if (next >= chunks.length) return;
    const c = chunks[next++];
    let at = 0;
    const piece = () => {
      if (child.exitCode !== null) return;
      child.stdin.write(c.slice(at, at + PIECE), 'latin1');
      at += PIECE;
      if (at < c.length) setTimeout(piece, 1);
    };
    piece();
  };
  return new Promise((resolve) => {
    let quitting = false;
    const finish = () => { clearTimeout(timer); rmSync(dir, { recursive: true, force: true }); resolve(cleanOutput(out).filter((l) => l !== '\x01')); };
    const timer = setTimeout(() => child.kill('SIGKILL'), (o.timeoutS ?? 60) * 1000);
    child.stdout.on('data', (d: string) => {
      out += d;
      // each statement's acknowledgement (its probe line) releases the next
      const n = (out.match(o.probe ? /(^|[\n>])P \d+/g : /\x01/g) || []).length;
      while (acks < n) { acks++; setTimeout(send, GAP); }
      // quit, then close stdin (at end of input the Linux build floods its console)
      if (!quitting && /(^|\n)DONE/.test(out)) { quitting = true; child.stdin.write('\x10quit()\n'); }
    });
    child.on('close', finish);
    send();
  });
}
