// cardcage-sim: run an Espruino script or a scenario on a simulated board.
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { SimBoard } from './board';
import { boardNames, loadBoard, ProfileError } from './profile';
import { defaultBoard, formatEvent, parseScenario, runScenario, ScenarioError, readCode, filesBeside } from './scenario';
import { checkBundle } from './gate';
import type { LogEvent } from './board';
import { uiMain } from './ui/cli';
import { applyPinPlan, parsePinPlan, PinPlanError } from './pinplan';

const USAGE = `usage: cardcage-sim [options] FILE.js|SCENARIO.json
  FILE.js          boot FILE.js as the board's program, run until nothing is pending (or --for)
  SCENARIO.json    play a scenario (see scenarios/demo.json) against the built bundle
options:
  --board NAME     board profile from boards/ (default: ${safe(defaultBoard)})
  --seed N         seed for bounce patterns and torn writes (default: the scenario's, or 1)
  --for MS         virtual ms to run a script (default 10000)
  --json           print the event log as JSON lines
  --verbose        also log pin changes from outside and every flash operation
  --console        run FILE.js as Espruino's Linux build runs a file (espruino FILE.js): print
                   only what the board prints; exit status 1 after an uncaught top-level error
  --pins PLAN      drive pins from outside while FILE.js runs: PIN=LEVEL@MS items (LEVEL 0, 1
                   or z for released; MS after boot), e.g. --pins "D5=1@100,D5=0@250"
  --gate           only check FILE.js for what Espruino cannot run
  --boards         list the board profiles
  --ui [SCENARIO]  serve a live picture of the cage in a browser (--ui --help for its options)`;

function safe(f: () => string) { try { return f(); } catch { return '?'; } }

function main(argv: string[]): number {
  const o: Record<string, string | boolean> = {};
  const files: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--help' || a === '-h') { console.log(USAGE); return 0; }
    else if (a === '--json' || a === '--verbose' || a === '--gate' || a === '--boards' || a === '--console') o[a.slice(2)] = true;
    else if (a === '--board' || a === '--seed' || a === '--for' || a === '--pins') {
      const v = argv[++i];
      if (v === undefined) { console.error(`cardcage-sim: ${a} needs a value\n${USAGE}`); return 2; }
      o[a.slice(2)] = v;
    } else if (a.startsWith('-')) { console.error(`cardcage-sim: unknown option ${a}\n${USAGE}`); return 2; }
    else files.push(a);
  }
  if (o.boards) { for (const b of boardNames()) console.log(`${b.padEnd(14)} ${loadBoard(b).description ?? ''}`); return 0; }
  if (files.length !== 1) { console.error(USAGE); return 2; }
  const seed = o.seed === undefined ? undefined : Number(o.seed);
  if (seed !== undefined && !Number.isInteger(seed)) { console.error(`cardcage-sim: --seed must be an integer, got ${o.seed}`); return 2; }
  const runFor = o.for === undefined ? 10_000 : Number(o.for);
  if (!(runFor >= 0)) { console.error(`cardcage-sim: --for must be a number of ms, got ${o.for}`); return 2; }
  const file = resolve(files[0]);
  const print = (e: LogEvent) => console.log(o.json ? JSON.stringify(e) : formatEvent(e));
  if (o.gate) {
    const bad = checkBundle(readCode(file));
    for (const b of bad) console.log(`${files[0]}:${b.line}:${b.column} ${b.what}`);
    console.log(bad.length ? `${bad.length} construct(s) Espruino cannot run` : `${files[0]}: no construct Espruino is known to lack`);
    return bad.length ? 1 : 0;
  }
  if (file.endsWith('.json')) {
    const s = parseScenario(readFileSync(file, 'utf8'), files[0]);
    if (!o.json && s.description) console.log(`# ${s.description}`);
    const r = runScenario(s, { board: o.board as string | undefined, seed, verbose: !!o.verbose, onLog: print, dir: dirname(file) });
    for (const f of r.failures) console.error(`cardcage-sim: expectation failed ${f}`);
    return r.failures.length ? 1 : 0;
  }
  const profile = loadBoard((o.board as string) ?? (o.console ? 'linux' : defaultBoard()));
  const plan = o.pins === undefined ? [] : parsePinPlan(o.pins as string, profile.pins);
  if (o.console) {
    // the board's console, nothing else: what `espruino FILE.js` prints (the banner aside)
    const board = new SimBoard({ profile, seed, code: readCode(file), codeName: files[0], fileMode: true, files: filesBeside(file),
      onLog: (e) => { if (e.src === 'console') process.stdout.write(e.msg + '\n'); } });
    applyPinPlan(board, plan);
    board.boot();
    board.runIdle(runFor);
    return board.exitCode ?? 0;
  }
  const board = new SimBoard({ profile, seed, code: readCode(file), codeName: files[0], verbose: !!o.verbose, onLog: print, files: filesBeside(file) });
  applyPinPlan(board, plan);
  board.boot();
  board.runIdle(runFor);
  return 0;
}

if (process.argv.includes('--ui')) {
  process.exitCode = await uiMain(process.argv.slice(2));
  process.exit(); // an attached board's streams may hold the process open
} else {
  try {
    process.exitCode = main(process.argv.slice(2));
  } catch (e) {
    if (e instanceof ProfileError || e instanceof ScenarioError || e instanceof PinPlanError) { console.error(`cardcage-sim: ${e.message}`); process.exitCode = 2; }
    else if ((e as NodeJS.ErrnoException)?.code === 'ENOENT') { console.error(`cardcage-sim: cannot read ${(e as NodeJS.ErrnoException).path}`); process.exitCode = 2; }
    else { console.error(`cardcage-sim: the simulator failed on this input: ${(e as Error)?.message ?? e}`); process.exitCode = 2; }
  }
}
