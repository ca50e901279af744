// The simulator held to the real interpreter: each test/fidelity/*.js prints what Espruino
// printed (recorded in *.expected by scripts/record-fidelity.ts from Espruino 2v29's Linux
// build). Where ESPRUINO_BIN is set, the recordings are checked against it again.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../host-sim/profile';
import { ESPRUINO_BIN, runReal } from '../host-sim/real';
import { boot, withoutStacks } from './helpers';

const dir = join(ROOT, 'test', 'fidelity');
const cases = readdirSync(dir).filter((f) => f.endsWith('.js')).sort();
const expected = (f: string) => readFileSync(join(dir, f.replace(/\.js$/, '.expected')), 'utf8').split('\n').slice(1, -1);

describe('simulator prints what Espruino prints', () => {
  for (const f of cases) {
    it(f, () => {
      const b = boot(readFileSync(join(dir, f), 'utf8'), 'linux', { codeName: f });
      b.runIdle(10_000);
      expect(b.output).toEqual(withoutStacks(expected(f)));
    });
  }
});

describe.skipIf(!ESPRUINO_BIN)('recordings still match the real interpreter (ESPRUINO_BIN)', () => {
  for (const f of cases) {
    it(f, () => {
      expect(runReal(readFileSync(join(dir, f), 'utf8')).lines).toEqual(expected(f));
    });
  }
});
if (!ESPRUINO_BIN) console.log('fidelity: ESPRUINO_BIN not set: the recordings are not re-checked against a real interpreter (skipped)');
