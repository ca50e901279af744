// Records what a real Espruino prints for each test/fidelity/*.js into <name>.expected, the
// reference the simulator is held to (test/fidelity.test.ts). Needs ESPRUINO_BIN.
//   ESPRUINO_BIN=/path/to/espruino node scripts/run-ts.mjs scripts/record-fidelity.ts [NAME.js ...]
// (only the scripts named, if any; pin-driven scripts also need ESPRUINO_BIN_5100 or _2630)
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from '../host-sim/profile';
import { ESPRUINO_BIN, runReal, runRealWithPins } from '../host-sim/real';
import { parsePinPlan, planOf } from '../host-sim/pinplan';

if (!ESPRUINO_BIN) { console.error('record-fidelity: set ESPRUINO_BIN to an Espruino Linux build'); process.exit(2); }
const dir = join(ROOT, 'test', 'fidelity');
const version = runReal('print(process.env.VERSION)').lines.join('');
// a script naming a pin plan (`// pins: ...`) runs on a build with its pins as files
const PINS_BIN = process.env.ESPRUINO_BIN_5100 || process.env.ESPRUINO_BIN_2630 || '';
const only = process.argv.slice(2);
for (const f of readdirSync(dir).filter((x) => x.endsWith('.js') && (!only.length || only.includes(x))).sort()) {
  const text = readFileSync(join(dir, f), 'utf8');
  const plan = planOf(text);
  if (plan && !PINS_BIN) { console.log(`${f}: skipped (drives pins: set ESPRUINO_BIN_5100 or _2630, a build with pins as files)`); continue; }
  const r = plan ? await runRealWithPins(PINS_BIN, text, parsePinPlan(plan)) : runReal(text);
  writeFileSync(join(dir, f.replace(/\.js$/, '.expected')), `# recorded from Espruino ${version} (Linux build); exit status ${r.status}\n` + r.lines.join('\n') + '\n');
  console.log(`${f}: ${r.lines.length} lines (status ${r.status})`);
}
