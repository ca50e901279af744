#!/usr/bin/env node
// Runs a TypeScript entry point on Node 20 (which cannot load .ts): esbuild bundles it, with
// npm packages left external, into node_modules/.cache/cardcage/, and that file is imported.
//   node scripts/run-ts.mjs FILE.ts [args...]     or     import { importTs } from './run-ts.mjs'
import { build } from 'esbuild';
import { createHash } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const cache = join(root, 'node_modules', '.cache', 'cardcage');

export async function importTs(file) {
  const src = resolve(file);
  const out = join(cache, basename(src).replace(/\.ts$/, '') + '-' + createHash('sha1').update(src).digest('hex').slice(0, 12) + '.mjs');
  mkdirSync(cache, { recursive: true });
  // import.meta.url is the entry's own path: the cache folder may be reached through a
  // symlinked node_modules (a git worktree sharing another checkout's), and host-sim/profile.ts
  // finds the project root from it
  await build({ entryPoints: [src], outfile: out, bundle: true, platform: 'node', format: 'esm', target: 'node20', packages: 'external', logLevel: 'error', sourcemap: 'inline',
    define: { 'import.meta.url': JSON.stringify(pathToFileURL(src).href) } });
  return import(pathToFileURL(out).href + '?t=' + Date.now());
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const [file, ...rest] = process.argv.slice(2);
  if (!file) { console.error('usage: node scripts/run-ts.mjs FILE.ts [args...]'); process.exit(2); }
  process.argv = [process.argv[0], resolve(file), ...rest];
  await importTs(file);
}
