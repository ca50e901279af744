// npm run bench (hot-plug part): virtual time the runtime adds to a card's insertion and
// removal beyond what the profile asks for (debounce + settle on insert, debounce on
// removal), per identification method, for one slot alone and for all slots at once.
// Virtual time: the figures are exact and repeatable; nothing here is timed on the host.
// Code takes no virtual time in the simulator, so what shows is waiting the runtime adds:
// power-good polling (every 5 ms) beyond the card's own power-good delay (7 ms here).
// Also counted: mailbox messages and event-log lines per insertion and removal.
import { SimBoard } from '../host-sim/board';
import { loadBoard } from '../host-sim/profile';
import { readBundle, bundleFiles } from '../host-sim/scenario';

const BOUNCE = [0, 1.5, 3]; // the last edge is at +3 ms
const PG_DELAY = 7;
const LAST = BOUNCE[BOUNCE.length - 1];

function run(board: string, which: number[]) {
  const profile = loadBoard(board);
  const b = new SimBoard({ profile, code: readBundle(board), stored: true, files: bundleFiles(board) });
  b.boot();
  b.runFor(100);
  const when = (slot: number, what: string) => b.log.find((e) => e.src === 'console' && e.t >= t0 && e.msg.includes(` s${slot} ${what}`))?.t;
  let t0 = b.clock.now;
  const lines = () => b.output.filter((l) => l.startsWith('hp ')).length;
  const msgs = () => b.output.filter((l) => /^hp \S+ s\d+ \w+>\w+ /.test(l)).length;
  let l0 = lines();
  let m0 = msgs();
  which.forEach((s) => b.insert(s, { type: 1 + s, serial: s, powerGoodDelayMs: PG_DELAY }, BOUNCE));
  b.runFor(2000);
  const T = profile.timing;
  const add = which.map((s) => when(s, '= online')! - (t0 + LAST + T.debounceMs + T.settleMs));
  const addCost = [(msgs() - m0) / which.length, (lines() - l0) / which.length];
  t0 = b.clock.now;
  l0 = lines();
  m0 = msgs();
  which.forEach((s) => b.remove(s, BOUNCE));
  b.runFor(2000);
  const rem = which.map((s) => when(s, '= empty')! - (t0 + LAST + T.debounceMs));
  const remCost = [(msgs() - m0) / which.length, (lines() - l0) / which.length];
  return { add, rem, addCost, remCost, pg: which.map((s) => !!profile.slots[s].powerGood), kinds: which.map((s) => profile.slots[s].id.kind + (profile.slots[s].powerGood ? '+power good' : '')) };
}

console.log(`\nhot-plug: virtual ms beyond debounce + settle, from the last bounce edge; card power-good delay ${PG_DELAY} ms`);
console.log('board     slot  id method             to online  (runtime share)  to empty   msgs/lines in  msgs/lines out');
for (const board of ['linux', 'puckjs', 'esp32']) {
  const n = loadBoard(board).slots.length;
  const row = (slot: string, kind: string, add: number, pg: boolean, rem: number, ac: number[], rc: number[]) =>
    console.log(`${board.padEnd(9)} ${slot.padEnd(5)} ${kind.padEnd(21)} ${add.toFixed(3).padStart(9)}  ${(pg ? add - PG_DELAY : add).toFixed(3).padStart(15)}  ${rem.toFixed(3).padStart(8)}   ${`${ac[0]}/${ac[1]}`.padStart(13)}  ${`${rc[0]}/${rc[1]}`.padStart(14)}`);
  for (let s = 0; s < n; s++) {
    const r = run(board, [s]);
    row(String(s), r.kinds[0], r.add[0], r.pg[0], r.rem[0], r.addCost, r.remCost);
  }
  const all = run(board, [...Array(n).keys()]);
  const worst = all.add.indexOf(Math.max(...all.add));
  row('all', '(slowest slot)', all.add[worst], all.pg[worst], Math.max(...all.rem), all.addCost, all.remCost);
}
