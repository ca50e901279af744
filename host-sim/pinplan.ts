// A schedule of pin changes from outside, for a plain script whose pins nothing else drives:
// `D5=1@100 D5=0@250,D6=1@300` — pin, level (0, 1, or z: released) and the time in ms after
// boot. cardcage-sim --pins gives it to a script run in the simulator; the pin fidelity
// recordings (test/fidelity-pins) apply the same schedule to Espruino's Linux build with its
// pins as files, so a watch-driven script can be checked on both.
import type { SimBoard } from './board';

export interface PinChange { pin: string; level: 0 | 1 | undefined; at: number }

export class PinPlanError extends Error {}

/** The changes in `text`, in time order (a change given twice for one time: the later wins). */
export function parsePinPlan(text: string, pins?: readonly string[]): PinChange[] {
  const out: PinChange[] = [];
  for (const item of text.split(/[\s,;]+/).filter(Boolean)) {
    const m = /^([A-Za-z][A-Za-z0-9_]*)=([01z])@(\d+)$/.exec(item);
    if (!m) throw new PinPlanError(`pin plan: "${item}" is not PIN=LEVEL@MS (LEVEL 0, 1 or z, MS whole milliseconds after boot), as in D5=1@100`);
    if (pins && !pins.includes(m[1])) throw new PinPlanError(`pin plan: "${item}": this board has no pin ${m[1]}`);
    out.push({ pin: m[1], level: m[2] === 'z' ? undefined : (Number(m[2]) as 0 | 1), at: Number(m[3]) });
  }
  return out.sort((a, b) => a.at - b.at);
}

/** Drives the board's pins by the plan, on its virtual clock from now. */
export function applyPinPlan(board: SimBoard, plan: PinChange[]) {
  const t0 = board.clock.now;
  for (const c of plan) board.clock.schedule(t0 + c.at, () => board.pins.drive(c.pin, c.level));
}

/** The plan a pin fidelity script names in its first lines: `// pins: D5=1@100 ...` */
export function planOf(script: string): string {
  const m = /^\/\/\s*pins:\s*(.*)$/m.exec(script);
  return m ? m[1].trim() : '';
}
