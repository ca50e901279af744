// cardcage-sim --ui (npm run ui): the live picture of the cage in a browser, from the
// simulator running a scenario, or from a board attached through its console.
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { openPort, openTcp } from '../mgmt-client';
import { boardNames, ProfileError } from '../profile';
import { parseScenario, ScenarioError, type Scenario } from '../scenario';
import { BoardSource } from './board-source';
import { serveUi } from './server';
import { defaultScenario, SimSource } from './sim-source';
import type { CageSource } from './state';

export const UI_USAGE = `usage: cardcage-sim --ui [options] [SCENARIO.json]     (npm run ui -- [options] [SCENARIO.json])
  serves a live picture of the cage on http://127.0.0.1:PORT/
  SCENARIO.json      the simulated cage: board, cards to insert, timed steps (default: the
                     default board, booted, with a card of each kind)
options:
  --http PORT        the page's port on 127.0.0.1 (default 8400; 0: any free port)
  --board NAME       simulate this board (default: the scenario's, else package.json's)
  --seed N           the simulator's seed
  --speed X          virtual ms per real ms (default 1); --paused: time moves only when asked
  --port DEVICE      attach to a board on a serial port instead (--baud N, default 9600)
  --tcp HOST[:PORT]  attach to a console over TCP instead (default port 2323: Espruino --telnet)`;

export class UiUsageError extends Error {}

export interface UiOptions {
  http: number;
  scenario?: string;
  board?: string;
  seed?: number;
  speed: number;
  attach?: { kind: 'port'; path: string; baud: number } | { kind: 'tcp'; host: string; port: number };
  help?: boolean;
}

export function parseUiArgs(argv: string[]): UiOptions {
  const o: UiOptions = { http: 8400, speed: 1 };
  let baud = 9600;
  const value = (i: number) => {
    if (argv[i + 1] === undefined) throw new UiUsageError(`${argv[i]} needs a value`);
    return argv[i + 1];
  };
  const number = (v: string, what: string, ok: (n: number) => boolean) => {
    const n = Number(v);
    if (v.trim() === '' || !ok(n)) throw new UiUsageError(`${what}, got ${v}`);
    return n;
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--help' || a === '-h') o.help = true;
    else if (a === '--ui') continue;
    else if (a === '--http') o.http = number(value(i++), '--http must be a port 0..65535', (n) => Number.isInteger(n) && n >= 0 && n <= 65535);
    else if (a === '--board') {
      o.board = value(i++);
      if (!boardNames().includes(o.board)) throw new UiUsageError(`unknown board "${o.board}" (boards: ${boardNames().join(', ')})`);
    } else if (a === '--seed') o.seed = number(value(i++), '--seed must be an integer', Number.isInteger);
    else if (a === '--speed') o.speed = number(value(i++), '--speed must be a number 0..1000', (n) => n >= 0 && n <= 1000);
    else if (a === '--paused') o.speed = 0;
    else if (a === '--port') o.attach = { kind: 'port', path: value(i++), baud };
    else if (a === '--baud') baud = number(value(i++), '--baud must be a line speed', (n) => Number.isInteger(n) && n > 0);
    else if (a === '--tcp') {
      const v = value(i++);
      const m = /^(?:\[([^\]]+)\]|([^:]+))(?::(\d+))?$/.exec(v);
      if (!m || (m[3] !== undefined && !(Number(m[3]) >= 1 && Number(m[3]) <= 65535))) throw new UiUsageError(`--tcp must be HOST[:PORT], got ${v}`);
      o.attach = { kind: 'tcp', host: m[1] ?? m[2], port: m[3] === undefined ? 2323 : Number(m[3]) };
    } else if (a.startsWith('-')) throw new UiUsageError(`unknown option ${a}`);
    else if (o.scenario === undefined) o.scenario = a;
    else throw new UiUsageError('give one scenario');
  }
  if (o.attach?.kind === 'port') o.attach.baud = baud;
  if (o.attach && (o.scenario || o.board || o.seed !== undefined)) throw new UiUsageError('a scenario, --board and --seed are for the simulator, not an attached board');
  return o;
}

/** The source the options ask for: an attached board, or the simulator with its scenario. */
export function uiSource(o: UiOptions): CageSource {
  const at = o.attach;
  if (at?.kind === 'port') return new BoardSource(at.path, async () => openPort(at.path, at.baud));
  if (at?.kind === 'tcp') return new BoardSource(`${at.host}:${at.port}`, () => openTcp(at.host, at.port, 3000));
  let scenario: Scenario = defaultScenario(o.board);
  let dir: string | undefined;
  if (o.scenario) {
    const file = resolve(o.scenario);
    let text: string;
    try { text = readFileSync(file, 'utf8'); } catch (e) { throw new ScenarioError(`${o.scenario}: ${(e as Error).message}`); }
    scenario = parseScenario(text, o.scenario);
    dir = dirname(file);
  }
  return new SimSource({ scenario, dir, board: o.board, seed: o.seed, speed: o.speed });
}

/** Serves the page until interrupted. Returns an exit status when it cannot start. */
export async function uiMain(argv: string[]): Promise<number> {
  let o: UiOptions;
  try {
    o = parseUiArgs(argv);
  } catch (e) {
    if (!(e instanceof UiUsageError)) throw e;
    console.error(`cardcage-sim --ui: ${e.message}\n${UI_USAGE}`);
    return 2;
  }
  if (o.help) { console.log(UI_USAGE); return 0; }
  let source: CageSource;
  try {
    source = uiSource(o);
  } catch (e) {
    if (e instanceof ProfileError || e instanceof ScenarioError) { console.error(`cardcage-sim --ui: ${e.message}`); return 2; }
    throw e;
  }
  let server;
  try {
    server = await serveUi(source, { port: o.http });
  } catch (e) {
    console.error(`cardcage-sim --ui: cannot serve on 127.0.0.1:${o.http}: ${(e as Error).message}`);
    return 1;
  }
  await source.start();
  const what = o.attach ? `attached to ${o.attach.kind === 'port' ? o.attach.path : `${o.attach.host}:${o.attach.port}`}` : `simulator${o.scenario ? `, scenario ${o.scenario}` : ''}${o.speed !== 1 ? `, speed ${o.speed}` : ''}`;
  console.log(`cardcage ui: ${server.url} (${what}); Ctrl-C to stop`);
  await new Promise<void>((done) => { process.once('SIGINT', () => done()); process.once('SIGTERM', () => done()); });
  await source.stop();
  await server.close();
  return 0;
}
