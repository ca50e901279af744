// Scenarios: JSON lists of timed actions played against a simulated board, producing a
// timestamped event log. The same file drives hardware-in-the-loop runs later.
import { existsSync, readFileSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';
import { SimBoard, type LogEvent } from './board';
import type { Bounce, CardSpec } from './cards';
import { loadBoard, ROOT } from './profile';

export interface Step {
  /** absolute virtual ms; or `wait` ms after the previous step */
  at?: number;
  wait?: number;
  do: 'boot' | 'powerOn' | 'powerCut' | 'cutPowerAtFlashOp' | 'reboot' | 'insert' | 'remove' | 'console' | 'expect' | 'end';
  slot?: number;
  card?: string | CardSpec;
  bounce?: Bounce;
  line?: string;
  n?: number;
  /** expect: a regular expression some console line printed so far must match */
  console?: string;
}
export interface Scenario {
  description?: string;
  board?: string;
  seed?: number;
  /** the program on the board: default the built bundle dist/cardcage-<board>.js */
  code?: string;
  /** "ram": sent to RAM (the default); "storage": stored as .bootcde, as npm run flash does */
  from?: 'ram' | 'storage';
  cards?: Record<string, CardSpec>;
  steps: Step[];
}

export class ScenarioError extends Error {}

const ACTIONS = ['boot', 'powerOn', 'powerCut', 'cutPowerAtFlashOp', 'reboot', 'insert', 'remove', 'console', 'expect', 'end'];

export function parseScenario(text: string, where = 'scenario'): Scenario {
  let s: any;
  try { s = JSON.parse(text); } catch (e) { throw new ScenarioError(`${where}: not JSON: ${(e as Error).message}`); }
  const fail = (field: string, msg: string): never => { throw new ScenarioError(`${where}: ${field}: ${msg}`); };
  if (!s || typeof s !== 'object' || Array.isArray(s)) fail('(top level)', 'must be an object with "steps"');
  if (!Array.isArray(s.steps) || !s.steps.length) fail('steps', 'must be a non-empty array');
  if (s.board !== undefined && typeof s.board !== 'string') fail('board', 'must be a board name');
  if (s.seed !== undefined && !Number.isInteger(s.seed)) fail('seed', 'must be an integer');
  if (s.from !== undefined && s.from !== 'ram' && s.from !== 'storage') fail('from', 'must be "ram" or "storage"');
  if (s.cards !== undefined && (typeof s.cards !== 'object' || Array.isArray(s.cards))) fail('cards', 'must be an object of named cards');
  for (const [name, c] of Object.entries(s.cards ?? {})) checkCard(c, `cards.${name}`, fail);
  let last = 0;
  s.steps.forEach((st: any, i: number) => {
    const f = `steps.${i}`;
    if (!st || typeof st !== 'object') fail(f, 'must be an object');
    if (!ACTIONS.includes(st.do)) fail(`${f}.do`, `must be one of ${ACTIONS.join(', ')}`);
    if (st.at !== undefined && st.wait !== undefined) fail(f, 'give "at" or "wait", not both');
    const at = st.at ?? last + (st.wait ?? 0);
    if (typeof at !== 'number' || !(at >= 0) || !Number.isFinite(at)) fail(`${f}.at`, 'must be a time in ms, >= 0');
    if (at < last) fail(`${f}.at`, `${at} ms is before the previous step (${last} ms)`);
    last = at;
    if (st.do === 'insert' || st.do === 'remove') {
      if (!Number.isInteger(st.slot) || st.slot < 0) fail(`${f}.slot`, 'must be a slot number');
      if (st.bounce !== undefined) checkBounce(st.bounce, `${f}.bounce`, fail);
    }
    if (st.do === 'insert') {
      if (typeof st.card === 'string') { if (!s.cards?.[st.card]) fail(`${f}.card`, `no card named "${st.card}" in "cards"`); }
      else checkCard(st.card, `${f}.card`, fail);
    }
    if (st.do === 'console' && typeof st.line !== 'string') fail(`${f}.line`, 'must be a string');
    if (st.do === 'cutPowerAtFlashOp' && !(Number.isInteger(st.n) && st.n >= 1)) fail(`${f}.n`, 'must be an integer >= 1');
    if (st.do === 'expect') {
      if (typeof st.console !== 'string') fail(`${f}.console`, 'must be a regular expression (string)');
      try { new RegExp(st.console); } catch (e) { fail(`${f}.console`, (e as Error).message); }
    }
  });
  return s as Scenario;
}

function checkCard(c: any, f: string, fail: (f: string, m: string) => never) {
  if (!c || typeof c !== 'object') fail(f, 'must be a card object with a "type"');
  if (!Number.isInteger(c.type) || c.type < 0 || c.type > 255) fail(`${f}.type`, 'must be an integer 0..255');
  if (c.eeprom !== undefined && (!Array.isArray(c.eeprom) || c.eeprom.some((b: unknown) => !Number.isInteger(b)))) fail(`${f}.eeprom`, 'must be an array of bytes');
  if (c.idResistor !== undefined && !(c.idResistor >= 0 && c.idResistor <= 1)) fail(`${f}.idResistor`, 'must be 0..1');
  if (c.sensors !== undefined && (typeof c.sensors !== 'object' || Object.values(c.sensors).some((v) => typeof v !== 'number'))) fail(`${f}.sensors`, 'must map names to numbers');
}
function checkBounce(b: any, f: string, fail: (f: string, m: string) => never) {
  if (Array.isArray(b)) { if (b.some((x) => typeof x !== 'number' || x < 0)) fail(f, 'toggle times must be numbers >= 0'); return; }
  if (!b || !Number.isInteger(b.pairs) || b.pairs < 0 || typeof b.ms !== 'number' || b.ms < 0) fail(f, 'must be {"pairs": N, "ms": M} or a list of toggle times');
}

export interface RunOptions {
  board?: string;
  seed?: number;
  verbose?: boolean;
  onLog?: (e: LogEvent) => void;
  /** resolve relative "code" paths against this folder */
  dir?: string;
}
export interface RunResult {
  board: SimBoard;
  failures: string[];
}

export function bundlePath(board: string) {
  return join(ROOT, 'dist', `cardcage-${board}.js`);
}
export function readCode(path: string): string {
  if (!existsSync(path)) throw new ScenarioError(`${path} does not exist${path.includes('/dist/') ? ' (run `npm run build` first)' : ''}`);
  return readFileSync(path, 'latin1'); // a byte per char: the bundle is pretokenised
}
/** The board's bundle as stored in Storage (npm run flash): Espruino's pretokenised form. */
export function storedPath(board: string) {
  return join(ROOT, 'dist', `cardcage-${board}.bootcde`);
}
/** The Storage files the bundle needs beside it (npm run flash writes them with it): its message
 * table, cardcage.msg (rollup.config.mjs). */
export function bundleFiles(board: string): { [name: string]: string } {
  return { 'cardcage.msg': readCode(join(ROOT, 'dist', `cardcage-${board}.msg`)) };
}
/** The files a program in dist/ needs beside it (a built bundle's: bundleFiles), else none. */
export function filesBeside(path: string): { [name: string]: string } | undefined {
  const m = /cardcage-([a-z0-9-]+)\.(js|bootcde)$/.exec(path);
  return m && existsSync(path.slice(0, -m[2].length) + 'msg') ? { 'cardcage.msg': readCode(path.slice(0, -m[2].length) + 'msg') } : undefined;
}
/** The board's bundle as stored, a byte per char (bundlePath: the same as text). */
export function readBundle(board: string): string {
  return readCode(storedPath(board));
}

export function runScenario(s: Scenario, o: RunOptions = {}): RunResult {
  const board = scenarioBoard(s, o);
  const failures: string[] = [];
  let last = 0;
  for (const st of s.steps) {
    const at = st.at ?? last + (st.wait ?? 0);
    last = at;
    board.runUntil(at);
    const failed = applyStep(board, s, st);
    if (failed) failures.push(`at ${at} ms: ${failed}`);
  }
  return { board, failures };
}

/** The scenario's board with its program (stored as .bootcde or sent to RAM), not booted. */
export function scenarioBoard(s: Scenario, o: RunOptions = {}): SimBoard {
  const boardName = o.board ?? s.board ?? defaultBoard();
  const profile = loadBoard(boardName);
  const stored = s.from === 'storage';
  // the bundle: stored as npm run flash stores it (pretokenised), or its text sent to RAM
  const codePath = s.code ? (isAbsolute(s.code) ? s.code : resolve(o.dir ?? process.cwd(), s.code.replace('{board}', boardName))) : stored ? storedPath(boardName) : bundlePath(boardName);
  const code = readCode(codePath);
  // (the bundle's message table in Storage, as npm run flash leaves it)
  const files = bundleFiles(boardName);
  const board = new SimBoard({ profile, seed: o.seed ?? s.seed ?? 1, code: stored ? undefined : code, codeName: codePath, verbose: o.verbose, onLog: o.onLog, files });
  if (stored) board.storage.files.set('.bootcde', Uint8Array.from(code, (c) => c.charCodeAt(0) & 0xff));
  return board;
}

/** Each step's virtual time (ms): its `at`, or `wait` after the previous step. */
export function stepTimes(s: Scenario): number[] {
  let last = 0;
  return s.steps.map((st) => (last = st.at ?? last + (st.wait ?? 0)));
}

/** Plays one step on the board now; returns what failed (an `expect`), else undefined. */
export function applyStep(board: SimBoard, s: Scenario, st: Step): string | undefined {
  switch (st.do) {
    case 'boot': case 'powerOn': board.boot(); break;
    case 'powerCut': board.powerCut(); break;
    case 'cutPowerAtFlashOp': board.cutPowerAtFlashOp(st.n!); board.emit('sim', `power will be cut at flash operation +${st.n}`); break;
    case 'reboot': board.reboot('reset button'); break;
    case 'insert': board.insert(st.slot!, typeof st.card === 'string' ? { name: st.card, ...s.cards![st.card] } : st.card!, st.bounce); break;
    case 'remove': board.remove(st.slot!, st.bounce); break;
    case 'console': board.consoleLine(st.line!); break;
    case 'expect': {
      const re = new RegExp(st.console!);
      const ok = board.output.some((l) => re.test(l));
      board.emit('sim', `expect /${st.console}/: ${ok ? 'ok' : 'FAILED'}`);
      if (!ok) return `no console line matched /${st.console}/`;
      break;
    }
    case 'end': break;
  }
  return undefined;
}

export function defaultBoard(): string {
  return JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).cardcage.defaultBoard;
}

/** "  1.234 s  console  text" — virtual seconds, speaker, message. */
export function formatEvent(e: LogEvent): string {
  return `${(e.t / 1000).toFixed(3).padStart(9)} s  ${e.src.padEnd(7)}  ${e.msg}`;
}
