// The simulator held to the real interpreter: each test/fidelity/*.js prints what Espruino
// printed (recorded in *.expected by scripts/record-fidelity.ts from Espruino 2v29's Linux
// build). Where ESPRUINO_BIN is set, the recordings are checked against it again.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../host-sim/profile';
import { ESPRUINO_BIN, runReal, runRealWithPins } from '../host-sim/real';
import { applyPinPlan, parsePinPlan, planOf } from '../host-sim/pinplan';
import { boot, withoutStacks } from './helpers';

const dir = join(ROOT, 'test', 'fidelity');
const cases = readdirSync(dir).filter((f) => f.endsWith('.js')).sort();
const expected = (f: string) => readFileSync(join(dir, f.replace(/\.js$/, '.expected')), 'utf8').split('\n').slice(1, -1);
const status = (f: string) => Number(/exit status (\d+)/.exec(readFileSync(join(dir, f.replace(/\.js$/, '.expected')), 'utf8'))?.[1] ?? 0);

// a script whose first lines say `// pins: D5=1@200 ...` has its pins driven from outside by
// that plan (host-sim/pinplan.ts): in the simulator on its clock, on the real interpreter on a
// build with its pins as files (ESPRUINO_BIN_5100, else _2630)
const plan = (f: string) => planOf(readFileSync(join(dir, f), 'utf8'));
const PINS_BIN = process.env.ESPRUINO_BIN_5100 || process.env.ESPRUINO_BIN_2630 || '';

describe('simulator prints what Espruino prints', () => {
  for (const f of cases) {
    it(f, () => {
      // as the recordings were made: `espruino FILE.js` (file mode)
      const b = boot(readFileSync(join(dir, f), 'utf8'), 'linux', { codeName: f, fileMode: true });
      applyPinPlan(b, parsePinPlan(plan(f)));
      b.runIdle(10_000);
      expect(withoutStacks(b.output)).toEqual(withoutStacks(expected(f)));
      expect(b.exitCode ?? 0).toBe(status(f));
    });
  }
});

describe.skipIf(!ESPRUINO_BIN)('recordings still match the real interpreter (ESPRUINO_BIN)', () => {
  for (const f of cases.filter((x) => !plan(x))) {
    it(f, () => {
      expect(runReal(readFileSync(join(dir, f), 'utf8')).lines).toEqual(expected(f));
    });
  }
});

describe.skipIf(!PINS_BIN)('pin-driven recordings still match the real interpreter with pins as files (ESPRUINO_BIN_5100 or _2630)', () => {
  for (const f of cases.filter((x) => plan(x))) {
    it(f, async () => {
      expect((await runRealWithPins(PINS_BIN, readFileSync(join(dir, f), 'utf8'), parsePinPlan(plan(f)))).lines).toEqual(expected(f));
    });
  }
});
if (!PINS_BIN) console.log('fidelity: neither ESPRUINO_BIN_5100 nor ESPRUINO_BIN_2630 is set: the pin-driven recordings are not re-checked against a real interpreter (skipped)');
if (!ESPRUINO_BIN) console.log('fidelity: ESPRUINO_BIN not set: the recordings are not re-checked against a real interpreter (skipped)');
