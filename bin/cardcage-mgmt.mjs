#!/usr/bin/env node
// cardcage-mgmt: the management console from a PC (host-sim/mgmt-cli.ts), run through esbuild.
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { importTs } from '../scripts/run-ts.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
await importTs(join(root, 'host-sim', 'mgmt-cli.ts'));
