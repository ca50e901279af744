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
const status = (f: string) => Number(/exit status (\d+)/.exec(readFileSync(join(dir, f.replace(/\.js$/, '.expected')), 'utf8'))?.[1] ?? 0);

describe('simulator prints what Espruino prints', () => {
  for (const f of cases) {
    it(f, () => {
      // as the recordings were made: `espruino FILE.js` (file mode)
      const b = boot(readFileSync(join(dir, f), 'utf8'), 'linux', { codeName: f, fileMode: true });
      b.runIdle(10_000);
      expect(withoutStacks(b.output)).toEqual(withoutStacks(expected(f)));
      expect(b.exitCode ?? 0).toBe(status(f));
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
