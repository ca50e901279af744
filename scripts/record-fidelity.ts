// Records what a real Espruino prints for each test/fidelity/*.js into <name>.expected, the
// reference the simulator is held to (test/fidelity.test.ts). Needs ESPRUINO_BIN.
//   ESPRUINO_BIN=/path/to/espruino node scripts/run-ts.mjs scripts/record-fidelity.ts
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from '../host-sim/profile';
import { ESPRUINO_BIN, runReal } from '../host-sim/real';

if (!ESPRUINO_BIN) { console.error('record-fidelity: set ESPRUINO_BIN to an Espruino Linux build'); process.exit(2); }
const dir = join(ROOT, 'test', 'fidelity');
const version = runReal('print(process.env.VERSION)').lines.join('');
for (const f of readdirSync(dir).filter((x) => x.endsWith('.js')).sort()) {
  const r = runReal(readFileSync(join(dir, f), 'utf8'));
  writeFileSync(join(dir, f.replace(/\.js$/, '.expected')), `# recorded from Espruino ${version} (Linux build); exit status ${r.status}\n` + r.lines.join('\n') + '\n');
  console.log(`${f}: ${r.lines.length} lines (status ${r.status})`);
}
