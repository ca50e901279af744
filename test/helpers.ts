import { readFileSync } from 'node:fs';
import { SimBoard, type BoardOptions } from '../host-sim/board';
import { loadBoard } from '../host-sim/profile';
import { bundlePath, readBundle, bundleFiles } from '../host-sim/scenario';

/** A board running `code` as its stored program, booted. */
export function boot(code: string, board = 'linux', o: Partial<BoardOptions> = {}): SimBoard {
  const b = new SimBoard({ profile: loadBoard(board), code, ...o });
  b.boot();
  return b;
}

/** A board running the built bundle for `board` from Storage (as npm run flash stores it),
 * booted. */
export function bootBundle(board: string, o: Partial<BoardOptions> = {}): SimBoard {
  return boot(readBundle(board), board, { stored: true, files: bundleFiles(board), ...o });
}

/** Drop what only the real interpreter prints: stack lines ("    at ..."), caret lines and
 * the blank lines between them. */
export function withoutStacks(lines: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    if (/^\s+at /.test(lines[i])) {
      while (i + 1 < lines.length && (lines[i + 1] === '' || /^\s*\^$/.test(lines[i + 1]) || /^\s+at /.test(lines[i + 1]))) i++;
      continue;
    }
    out.push(lines[i]);
  }
  return out;
}
