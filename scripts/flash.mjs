#!/usr/bin/env node
// npm run flash -- --board NAME --port PORT [--dry-run]
// Writes the board's bundle into Storage as .bootcde with the espruino command-line tool, so
// it runs from flash at every boot (costing less RAM than code sent to RAM), and its message
// table as cardcage.msg, then loads it.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const usage = 'usage: npm run flash -- --board NAME --port PORT [--dry-run]\n  PORT: /dev/ttyACM0, a Bluetooth address aa:bb:cc:dd:ee:ff, or tcp://host:port\n  --dry-run: write what would be sent to dist/flash-NAME.js instead of connecting';
const a = process.argv.slice(2);
const opt = (k) => { const i = a.indexOf(k); return i >= 0 ? a[i + 1] : undefined; };
const board = opt('--board');
const port = opt('--port');
const dry = a.includes('--dry-run');
const known = new Set(['--board', '--port', '--dry-run']);
const bad = a.filter((x, i) => x.startsWith('--') && !known.has(x) || (!x.startsWith('--') && !['--board', '--port'].includes(a[i - 1])));
if (bad.length) { console.error(`flash: unexpected ${bad.join(' ')}\n${usage}`); process.exit(2); }
if (!board || (!port && !dry)) { console.error(usage); process.exit(2); }
const profilePath = join(root, 'boards', `${board}.json`);
if (!/^[a-z0-9-]+$/.test(board) || !existsSync(profilePath)) { console.error(`flash: unknown board "${board}" (see boards/)`); process.exit(2); }
// the bundle as stored: pretokenised (the tool sends its bytes base64-encoded)
const bundle = join(root, 'dist', `cardcage-${board}.bootcde`);
if (!existsSync(bundle)) { console.error(`flash: ${bundle} does not exist: run npm run build first`); process.exit(2); }
// its message table (the texts of the log and of errors: rollup.config.mjs), stored beside it
const table = join(root, 'dist', `cardcage-${board}.msg`);
if (!existsSync(table)) { console.error(`flash: ${table} does not exist: run npm run build first`); process.exit(2); }
const espruinoBoard = JSON.parse(readFileSync(profilePath, 'utf8')).espruinoBoard;
// a dry run does not name the board: the tool would try to fetch its description online
const args = ['--no-ble', ...(espruinoBoard && !dry ? ['--board', espruinoBoard] : []), '--storage', `cardcage.msg:${table}`, '--storage', `.bootcde:${bundle}`];
if (dry) { mkdirSync(join(root, 'dist'), { recursive: true }); args.push('-n', '-o', join(root, 'dist', `flash-${board}.js`)); }
else args.push('-p', port, '-e', 'load()');
console.log(`flash: espruino ${args.join(' ')}`);
const r = spawnSync(process.execPath, [join(root, 'node_modules', 'espruino', 'bin', 'espruino-cli.js'), ...args], { stdio: 'inherit' });
process.exit(r.status ?? 1);
