// Runs Espruino's own test suite (tests/test_*.js in a fetched copy of espruino/Espruino, kept
// outside this repo) in the simulator, as the Linux build's `espruino --test FILE.js` runs each:
// the file runs, then the event loop until nothing is pending, then the global `result` says
// pass or fail. With ESPRUINO_BIN set, each test also runs on the real interpreter, so the
// table says where the two differ.
//   node scripts/run-ts.mjs scripts/espruino-suite.ts DIR [NAME-FILTER] [--all] [--json]
// --show prints what each test printed, in the simulator and on the real interpreter.
// DIR is the copy's tests/ folder. Tests of what the simulator does not emulate (OUT_OF_SCOPE
// below, with the reason) are listed and skipped unless --all is given.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { SimBoard } from '../host-sim/board';
import { loadBoard } from '../host-sim/profile';

/** What the simulator does not emulate, and so which of Espruino's tests are out of scope: a
 * test is out when its text matches one of these (the reason is printed with it). */
export const OUT_OF_SCOPE: [RegExp, string][] = [
  [/Graphics|\bg\.(setPixel|drawString)|createArrayBuffer/, 'Graphics: no display is simulated'],
  [/require\(["'](net|http|https|tls|dgram|Wifi|wifi|TelnetServer|WebSocket|ws)["']\)|\bhttp\.|url\.parse/, 'networking'],
  [/require\(["'](crypto|AES|hashlib)["']\)|\bcrypto\.|SHA256|SHA1|AES\./, 'crypto'],
  [/require\(["']fs["']\)|\bE\.openFile|\bfs\./, 'the file system (SD cards)'],
  [/tensorflow|\btf\./i, 'TensorFlow'],
  [/heatshrink/, 'heatshrink compression'],
  [/\bSPI\d?\b|\bSerial\d\b|\bUSB\b|\bOneWire\b|\bWaveform\b|\banalogWrite\b|\bpeek(8|16|32)\b|\bpoke(8|16|32)\b/, 'peripherals beyond pins, I2C and flash'],
  [/E\.(defrag|dumpFragmentation|dumpFreeList|dumpVariables|getAddressOf|nativeCall|compiledC|setConsole|getSizeOf\(\s*global)|\btrace\(|process\.memory\(\)\.(usage|free)|jsvTrace|--test-mem/, 'memory and interpreter internals'],
  [/\binterrupt\(\)/, "the harness's interrupt(): an interruption nothing can catch, which V8 has no way to do"],
  [/["']compiled["']|["']jit["']|["']ram["']/, 'JIT and compiled functions'],
  [/\bE\.(setTimeZone|setDST)|Date\.prototype\.toLocale|new Date\(\)\.getTimezoneOffset/, 'time zones'],
];

/** Tests of Espruino's language that V8 cannot run at all, by name, with the reason. */
export const LANGUAGE: Record<string, string> = {
  'test_eventemitter.js': "Espruino's parser takes `a && b = c` (an assignment to the reference && gives back); V8 refuses the script before it runs",
  'test_string_match.js': "Espruino's parser takes `a && s.index = 7`; V8 refuses the script before it runs",
  'test_lvalue_throws.js': "Espruino's parser takes `(a ? b : c) = 5` and throws when it runs; V8 refuses the script before it runs",
  'test_let_in_module.js': "Espruino's parser takes an arrow function called without parentheses (`()=>{...}()`); V8 refuses it",
  'test_for_invalid.js': 'Espruino parses a function body only when it runs (a syntax error in it throws at the call); V8 parses the whole script first',
  'test_object_getOwnPropertyNames.js': "what Object.getOwnPropertyNames gives for a built-in class depends on what ran before (Array gives ['isArray'], then ['prototype','isArray'] once Array.prototype was read; Array.prototype's methods are listed in this test but not in a two-line script); the simulator's built-ins are V8's, made once",
  'test_packet_transfer.js': "the console's file-transfer packets (process.env.CONSOLE, inject()): the simulator has no console device",
};

export function scopeOf(text: string, name = ''): string | undefined {
  if (/_FAIL\.js$/.test(name)) return "a known failure of Espruino's own (named _FAIL)";
  if (LANGUAGE[name]) return LANGUAGE[name];
  for (const [re, why] of OUT_OF_SCOPE) if (re.test(text)) return why;
  return undefined;
}

/** One test in the simulator: pass or fail, and what it printed. */
export function simTest(file: string): { pass: boolean; out: string; crash?: string } {
  const out: string[] = [];
  try {
    const board = new SimBoard({ profile: loadBoard('linux'), code: readFileSync(file, 'latin1'), codeName: file, fileMode: true, test: true,
      onLog: (e) => { if (e.src === 'console') out.push(e.msg); } });
    board.boot();
    board.runIdle(120_000);
    return { pass: board.testResult(), out: out.join('\n') };
  } catch (e) {
    return { pass: false, out: out.join('\n'), crash: String((e as Error)?.stack ?? e).split('\n').slice(0, 3).join(' | ') };
  }
}

/** One test on the real interpreter (`ESPRUINO_BIN --test FILE`): pass or fail. */
export function realTest(bin: string, file: string): boolean {
  const r = spawnSync(bin, ['--test', file], { encoding: 'latin1', timeout: 30_000 });
  // (main.c run_test: a PASS line, unless memory was left unfreed afterwards)
  const t = r.stderr + r.stdout;
  return /----- PASS /.test(t) && !/FAIL because of unfreed memory/.test(t);
}

function main(argv: string[]) {
  const args = argv.filter((a) => !a.startsWith('--'));
  const all = argv.includes('--all');
  const dir = args[0];
  if (!dir) { console.error('usage: espruino-suite.ts DIR [NAME-FILTER] [--all] [--json]'); return 2; }
  const filter = args[1];
  const bin = process.env.ESPRUINO_BIN;
  const files = readdirSync(dir).filter((f) => /^test_.*\.js$/.test(f) && (!filter || f.includes(filter))).sort();
  let simPass = 0, simFail = 0, skipped = 0, realPass = 0, differ = 0;
  const rows: string[] = [];
  files.forEach((f, i) => {
    const path = join(dir, f);
    const text = readFileSync(path, 'latin1');
    const why = scopeOf(text, f);
    if (why && !all) { skipped++; rows.push(`skip  ${f}  (${why})`); return; }
    const s = simTest(path);
    if (argv.includes('--show')) {
      console.log(`=== ${f}\n--- simulator${s.crash ? ' (crashed: ' + s.crash + ')' : ''}:\n${s.out}\n--- result: ${s.pass}`);
      if (bin) { const r = spawnSync(bin, ['--test', path], { encoding: 'latin1', timeout: 30_000 }); console.log(`--- ${bin}:\n${r.stdout}`); }
    }
    const r = bin ? realTest(bin, path) : undefined;
    if (s.pass) simPass++; else simFail++;
    if (r) realPass++;
    if (r !== undefined && r !== s.pass) differ++;
    const mark = s.pass ? 'pass' : 'FAIL';
    rows.push(`${mark}  ${f}${r === undefined ? '' : `  (real: ${r ? 'pass' : 'fail'})`}${s.crash ? '  simulator crashed: ' + s.crash : ''}`);
    if (!argv.includes('--json')) process.stderr.write(`\r${i + 1}/${files.length} ${f.padEnd(50)}`);
  });
  process.stderr.write('\n');
  for (const r of rows) console.log(r);
  console.log(`\n${files.length} tests: ${skipped} out of scope; of ${simPass + simFail} in scope, ${simPass} pass in the simulator, ${simFail} fail` +
    (bin ? `; ${realPass} pass on ${bin}, ${differ} differ` : ' (set ESPRUINO_BIN to run them on the real interpreter too)'));
  return simFail ? 1 : 0;
}

if (process.argv[1] && /espruino-suite/.test(process.argv[1])) process.exitCode = main(process.argv.slice(2));
