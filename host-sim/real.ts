// Runs a script on a real Espruino interpreter — Espruino's own Linux build, named by the
// ESPRUINO_BIN environment variable — for hardware-in-the-loop checks and for measuring
// memory on the real thing. Each run gets a fresh folder (the Linux build keeps its flash in
// ./espruino.flash) and an empty FIFO as stdin (at end-of-file its input thread floods the
// console with junk).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const ESPRUINO_BIN = process.env.ESPRUINO_BIN || '';

export interface RealRun {
  lines: string[];
  status: number | null;
  timedOut: boolean;
}

/** Console lines the interpreter printed, without its banner, prompts and escape codes. */
export function cleanOutput(raw: string): string[] {
  const text = raw.replace(/\r/g, '').replace(/\x1b\[J/g, '');
  const lines = text.split('\n');
  // keep what comes before the banner (such as "Storage is corrupt.") and after it
  const donate = lines.findIndex((l) => l.includes('espruino.com/Donate'));
  const logo = lines.findIndex((l) => l.startsWith(' ____ '));
  const body = donate >= 0 ? lines.slice(0, Math.max(0, logo >= 0 ? logo : donate)).filter((l) => l !== '').concat(lines.slice(donate + 2)) : lines;
  const out = body.map((l) => l.replace(/^>+/, ''));
  while (out.length && out[out.length - 1] === '') out.pop();
  return out;
}

/** Runs `code` in a fresh folder, or in `keepDir` (made with realDir()) so that its flash
 * survives into the next run: a power cycle of the Linux build. */
export function runReal(code: string, timeoutS = 10, keepDir?: string): RealRun {
  if (!ESPRUINO_BIN) throw new Error('ESPRUINO_BIN is not set');
  const dir = keepDir ?? realDir();
  try {
    writeFileSync(join(dir, 'script.js'), code);
    rmSync(join(dir, 'stdin.fifo'), { force: true });
    spawnSync('mkfifo', [join(dir, 'stdin.fifo')]);
    const r = spawnSync('sh', ['-c', `exec timeout ${timeoutS} "$0" script.js 0<>stdin.fifo`, ESPRUINO_BIN], { cwd: dir, encoding: 'latin1', maxBuffer: 16 << 20 });
    return { lines: cleanOutput(r.stdout ?? ''), status: r.status, timedOut: r.status === 124 };
  } finally {
    if (!keepDir) rmSync(dir, { recursive: true, force: true });
  }
}

export function realDir() {
  return mkdtempSync(join(tmpdir(), 'cardcage-espruino-'));
}
