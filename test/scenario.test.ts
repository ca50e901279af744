// Scenarios and the cardcage-sim command line.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../host-sim/profile';
import { formatEvent, parseScenario, runScenario, ScenarioError, bundleFiles } from '../host-sim/scenario';
import { readFileSync } from 'node:fs';
import { SimBoard } from '../host-sim/board';
import { loadBoard } from '../host-sim/profile';

const demo = () => parseScenario(readFileSync(join(ROOT, 'scenarios', 'demo.json'), 'utf8'));

describe('scenarios', () => {
  it('the demo plays on every board, and its expectations hold', () => {
    // the demo stores the program in Storage and cuts the power: on pico and linux the flash
    // log lives in Storage files, which Espruino keeps at power-on
    for (const board of ['puckjs', 'mdbt42q', 'espruino-wifi', 'esp32', 'pico', 'linux']) {
      const r = runScenario(demo(), { board });
      expect(r.failures, board).toEqual([]);
      expect(r.board.boots).toBe(2);
      expect(r.board.output.filter((l) => l.startsWith('cardcage '))).toHaveLength(2);
      expect(r.board.output.filter((l) => /Uncaught|Storage is corrupt/.test(l)), board).toEqual([]);
    }
  });

  it('is deterministic: the same seed gives the same log', () => {
    const run = () => runScenario(demo(), { verbose: true }).board.log.map(formatEvent).join('\n');
    expect(run()).toBe(run());
  });

  it('a failed expectation is reported', () => {
    const s = parseScenario(JSON.stringify({ steps: [{ do: 'boot' }, { at: 5, do: 'expect', console: '^no such line$' }] }));
    expect(runScenario(s).failures).toEqual(['at 5 ms: no console line matched /^no such line$/']);
  });

  const bad: [unknown, RegExp][] = [
    ['[', /not JSON/],
    [{}, /steps: must be a non-empty array/],
    [{ steps: [{ do: 'explode' }] }, /steps\.0\.do: must be one of/],
    [{ steps: [{ at: 10, do: 'boot' }, { at: 5, do: 'end' }] }, /steps\.1\.at: 5 ms is before the previous step \(10 ms\)/],
    [{ steps: [{ at: -1, do: 'boot' }] }, /steps\.0\.at: must be a time in ms/],
    [{ steps: [{ do: 'insert', slot: 0, card: 'ghost' }] }, /steps\.0\.card: no card named "ghost"/],
    [{ steps: [{ do: 'insert', slot: 'x', card: { type: 1 } }] }, /steps\.0\.slot: must be a slot number/],
    [{ steps: [{ do: 'insert', slot: 0, card: { type: 999 } }] }, /steps\.0\.card\.type: must be an integer 0\.\.255/],
    [{ steps: [{ do: 'remove', slot: 0, bounce: { pairs: -1, ms: 2 } }] }, /steps\.0\.bounce: must be/],
    [{ steps: [{ do: 'console' }] }, /steps\.0\.line: must be a string/],
    [{ steps: [{ do: 'cutPowerAtFlashOp', n: 0 }] }, /steps\.0\.n: must be an integer >= 1/],
    [{ steps: [{ do: 'expect', console: '(' }] }, /steps\.0\.console: Invalid regular expression/],
    [{ seed: 1.5, steps: [{ do: 'boot' }] }, /seed: must be an integer/],
  ];
  for (const [s, msg] of bad) {
    it(`refuses ${JSON.stringify(s).slice(0, 60)}`, () => {
      expect(() => parseScenario(typeof s === 'string' ? s : JSON.stringify(s), 'x.json')).toThrow(ScenarioError);
      expect(() => parseScenario(typeof s === 'string' ? s : JSON.stringify(s), 'x.json')).toThrow(msg);
    });
  }
  it('a slot the board does not have', () => {
    const s = parseScenario(JSON.stringify({ steps: [{ do: 'boot' }, { do: 'insert', slot: 9, card: { type: 1 } }] }));
    expect(() => runScenario(s, { board: 'puckjs' })).toThrow(/no slot 9 on puckjs \(it has 2\)/);
  });
});

describe('cardcage-sim', () => {
  const sim = (...args: string[]) => spawnSync(process.execPath, [join(ROOT, 'bin', 'cardcage-sim.mjs'), ...args], { encoding: 'utf8', cwd: ROOT });

  it('plays a scenario as a readable log', () => {
    const r = sim('scenarios/demo.json');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^\s+0\.000 s {2}board {4}boot #1 \(power on\) puckjs$/m);
    expect(r.stdout).toMatch(/ console  cardcage \d+\.\d+\.\d+ board=puckjs/);
    expect(r.stdout).toMatch(/ slot0 +card "sensor-card" inserted/);
  });

  it('--json prints one JSON object per line', () => {
    const r = sim('--json', '--board', 'esp32', 'scenarios/demo.json');
    expect(r.status).toBe(0);
    const events = r.stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(events[0]).toEqual({ t: 0, src: 'board', msg: 'boot #1 (power on) esp32' });
  });

  it('runs any Espruino script', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cardcage-test-'));
    writeFileSync(join(dir, 't.js'), 'var n = 0; var i = setInterval(function () { print("tick", ++n); if (n == 3) clearInterval(i); }, 100);');
    const r = sim('--board', 'pico', join(dir, 't.js'));
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/0\.300 s {2}console  tick 3/);
  });

  it('--gate checks a file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cardcage-test-'));
    writeFileSync(join(dir, 'bad.js'), 'var m = new Map();\n');
    const r = sim('--gate', join(dir, 'bad.js'));
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(/bad\.js:1:12 Map \(missing on Espruino\)/);
  });

  it('bad input: a clear message and exit status 2', () => {
    expect(sim('--board', 'nosuch', 'scenarios/demo.json')).toMatchObject({ status: 2, stderr: expect.stringMatching(/unknown board "nosuch"/) });
    expect(sim('--frobnicate')).toMatchObject({ status: 2, stderr: expect.stringMatching(/unknown option --frobnicate/) });
    expect(sim('--seed', 'abc', 'x.js')).toMatchObject({ status: 2, stderr: expect.stringMatching(/--seed must be an integer/) });
    expect(sim('missing.js')).toMatchObject({ status: 2, stderr: expect.stringMatching(/missing\.js does not exist/) });
    expect(sim()).toMatchObject({ status: 2, stderr: expect.stringMatching(/usage: cardcage-sim/) });
  });
});

describe('npm run flash', () => {
  it('--dry-run writes what the espruino tool would send; on a board it stores the bundle as .bootcde and its message table as cardcage.msg, and boots', () => {
    const r = spawnSync(process.execPath, [join(ROOT, 'scripts', 'flash.mjs'), '--board', 'pico', '--dry-run'], { encoding: 'utf8', cwd: ROOT });
    expect(r.status).toBe(0);
    const sent = readFileSync(join(ROOT, 'dist', 'flash-pico.js'), 'utf8');
    expect(sent).toMatch(/^require\("Storage"\)\.write\("\.bootcde",atob\("/);
    const b = new SimBoard({ profile: loadBoard('pico'), code: sent });
    b.boot();
    expect(b.storage.files.get('.bootcde')).toEqual(Uint8Array.from(readFileSync(join(ROOT, 'dist', 'cardcage-pico.bootcde'))));
    expect(b.storage.files.get('cardcage.msg')).toEqual(Uint8Array.from(readFileSync(join(ROOT, 'dist', 'cardcage-pico.msg'))));
    const bare = new SimBoard({ profile: loadBoard('pico') });
    bare.storage.files = b.storage.files;
    bare.boot();
    expect(bare.output[0]).toMatch(/^cardcage \S+ board=pico /);
    // (its log's texts, from the table)
    expect(bare.output).toContain('hp 0.000 ring: recovered 0 requests, 0 in flight, 0 completions to deliver');
    expect(bare.output.join('\n')).not.toMatch(/#\d+ /);
  });
  it('refuses bad arguments', () => {
    const r = spawnSync(process.execPath, [join(ROOT, 'scripts', 'flash.mjs'), '--board', 'nosuch', '--port', '/dev/null'], { encoding: 'utf8', cwd: ROOT });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/unknown board "nosuch"/);
  });
});
