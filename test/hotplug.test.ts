// The hot-plug chain (MISSION.md §1), driven on the built bundle in the simulator:
// hardware -> guest -> host -> guest -> processes, removal run back, eject with its cancel
// window, identification failures, cold plug, and seeded bounce fuzzing.
import { describe, expect, it } from 'vitest';
import type { SimBoard } from '../host-sim/board';
import type { CardSpec } from '../host-sim/cards';
import { bootBundle } from './helpers';

// linux profile: detect active high; slot0 ID pins D10-D12, power D2, LED D3, eject D4;
// slot1 ID resistor D13, power D6, LED D7; slot2/3 ID EEPROM 0x50/0x51 with power good D17/D21
const T = { debounce: 20, settle: 100, deadline: 1000, eject: 5000, pg: 500 };

function cage(o: { board?: string; seed?: number; before?: (b: SimBoard) => void } = {}) {
  const b = bootBundle(o.board ?? 'linux', { seed: o.seed ?? 1 });
  b.eval('var ev = []; cardcage.on("add", function (d) { ev.push("add " + d.slot + " " + d.name); }); cardcage.on("remove", function (d) { ev.push("remove " + d.slot + " " + d.name); }); cardcage.on("fault", function (f) { ev.push("fault " + f.slot + " " + f.why); });');
  return b;
}
/** the event log lines for one slot, without the time */
const hp = (b: SimBoard, slot: number) => b.output.filter((l) => l.startsWith(`hp `) && l.split(' ')[2] === `s${slot}`).map((l) => l.split(' ').slice(3).join(' '));
const hpTime = (b: SimBoard, slot: number, what: string) => {
  const l = b.output.find((x) => x.startsWith('hp ') && x.split(' ')[2] === `s${slot}` && x.endsWith(what));
  return l ? Number(l.split(' ')[1]) * 1000 : undefined;
};
const events = (b: SimBoard): string[] => JSON.parse(b.eval('JSON.stringify(ev)'));
const state = (b: SimBoard, slot: number): string => b.eval(`cardcage.slots()[${slot}].state`);
const sensor: CardSpec = { type: 1, serial: 1001 };

/** a cage with a card in slot 2 (ID EEPROM, power good) still being added: its power good
 * comes 200 ms after power on; `ms` after the insertion */
function adding(ms = 50) {
  const b = cage();
  b.insert(2, { type: 1, powerGoodDelayMs: 200 });
  b.runFor(T.debounce + T.settle + ms);
  expect(state(b, 2)).toBe('adding');
  return b;
}

/** a cage whose slot 0 holds a sensor card that was ejected: off, unpowered, still in */
function ejected() {
  const b = cage();
  b.insert(0, sensor);
  b.runFor(500);
  b.eval('cardcage.eject(0)');
  b.runFor(T.eject + 10);
  expect(state(b, 0)).toBe('off');
  return b;
}

const ADD_CHAIN = (name: string) => ['= settling', '= identifying', '= adding', `hw>guest present ${name}`, 'guest>host add', 'host>guest added', '= online', `guest: ${name.replace(/#.*/, '')} available`];
const REMOVE_CHAIN = (name: string) => ['= removing', 'hw>guest gone', `guest: ${name} detached`, 'guest>host remove', 'host>guest removed', '= empty'];

describe('the chain, in the claimed order', () => {
  it('insert: hardware -> guest (with identity) -> host adds (power on) -> guest -> processes', () => {
    const b = cage();
    b.insert(0, { type: 1 });
    b.runFor(500);
    expect(hp(b, 0)).toEqual(['= empty', ...ADD_CHAIN('sensor')]);
    expect(events(b)).toEqual(['add 0 sensor']);
    // the host powers the slot between the add request and its reply
    const log = b.log.map((e) => `${e.src} ${e.msg}`);
    const i = log.indexOf('console hp 0.120 s0 guest>host add');
    expect(log.slice(i + 1, i + 3)).toEqual(['pin D2 = 1', 'slot0 card powered']);
    expect(log[i + 3]).toBe('console hp 0.120 s0 host>guest added');
    expect(JSON.parse(b.eval('JSON.stringify(cardcage.devices())'))).toEqual([{ slot: 0, type: 1, name: 'sensor', serial: 0, caps: 0 }]);
  });

  it('surprise removal runs it back: the guest detaches first (processes told), then the host powers off', () => {
    const b = cage();
    b.insert(0, { type: 1 });
    b.runFor(500);
    b.remove(0);
    b.runFor(500);
    expect(hp(b, 0).slice(9)).toEqual(REMOVE_CHAIN('sensor'));
    expect(events(b)).toEqual(['add 0 sensor', 'remove 0 sensor']);
    const log = b.log.map((e) => `${e.src} ${e.msg}`);
    expect(log.indexOf('console hp 0.520 s0 guest: sensor detached')).toBeLessThan(log.indexOf('pin D2 = 0'));
    expect(b.pins.level('D2')).toBe(0);
    expect(JSON.parse(b.eval('JSON.stringify(cardcage.devices())'))).toEqual([]);
  });

  it('each identification method: ID pins, ID resistor, ID EEPROM (with serial and capabilities)', () => {
    const b = cage();
    b.insert(0, { type: 2 });
    b.insert(1, { type: 3 });
    b.insert(2, { type: 4, serial: 77, capabilities: 5 });
    b.runFor(500);
    expect(hp(b, 2)).toContain('hw>guest present mgmt#77');
    expect(JSON.parse(b.eval('JSON.stringify(cardcage.devices())'))).toEqual([
      { slot: 0, type: 2, name: 'line', serial: 0, caps: 0 },
      { slot: 1, type: 3, name: 'storage', serial: 0, caps: 0 },
      { slot: 2, type: 4, name: 'mgmt', serial: 77, caps: 5 },
    ]);
  });

  it('all slots at once, each in order', () => {
    const b = cage();
    for (let s = 0; s < 4; s++) b.insert(s, { type: 1 + s, serial: 10 + s }, { pairs: 3, ms: 8 });
    b.runFor(1000);
    expect(b.eval('cardcage.slots().map(function (s) { return s.state; }).join()')).toBe('online,online,online,online');
    expect(hp(b, 3)).toEqual(['= empty', ...ADD_CHAIN('mgmt#13')]);
    for (let s = 0; s < 4; s++) b.remove(s, { pairs: 2, ms: 5 });
    b.runFor(1000);
    expect(b.eval('cardcage.slots().map(function (s) { return s.state; }).join()')).toBe('empty,empty,empty,empty');
    expect(events(b)).toHaveLength(8);
  });

  it('cold plug: a card present at boot takes the same chain', () => {
    const b = bootBundle('linux', { seed: 1 });
    b.insert(2, { type: 5, serial: 9 });
    b.runFor(10);
    b.reboot('test');
    b.runFor(500);
    const after = b.output.slice(b.output.lastIndexOf(b.output.find((l, i) => i > 0 && l.startsWith('cardcage '))!));
    expect(after.filter((l) => l.split(' ')[2] === 's2').map((l) => l.split(' ').slice(3).join(' '))).toEqual(ADD_CHAIN('fabric#9'));
  });
});

describe('bounce, settle, flapping', () => {
  it('a glitch shorter than the debounce adds nothing', () => {
    const b = cage();
    b.insert(0, sensor);
    b.runFor(T.debounce / 2);
    b.remove(0);
    b.runFor(1000);
    expect(hp(b, 0)).toEqual(['= empty']);
    expect(events(b)).toEqual([]);
  });

  it('a card pulled during settle is not added', () => {
    const b = cage();
    b.insert(0, sensor);
    b.runFor(T.debounce + T.settle / 2);
    b.remove(0);
    b.runFor(1000);
    expect(hp(b, 0)).toEqual(['= empty', '= settling', '= empty']);
    expect(events(b)).toEqual([]);
  });

  it('bounce within the debounce is one insertion; the chain starts settle after the last edge', () => {
    const b = cage();
    b.insert(0, sensor, [0, 2, 5, 9, 12]);
    b.runFor(1000);
    expect(hp(b, 0)).toEqual(['= empty', ...ADD_CHAIN('sensor')]);
    expect(hpTime(b, 0, '= settling')).toBeCloseTo(12 + T.debounce, 6);
    expect(hpTime(b, 0, '= online')).toBeCloseTo(12 + T.debounce + T.settle, 6);
  });

  it('removal during add (waiting for power good) ends empty, and processes never see the card', () => {
    const b = adding();
    b.remove(2);
    b.runFor(2000);
    expect(state(b, 2)).toBe('empty');
    expect(events(b)).toEqual([]);
    expect(b.pins.level('D15')).toBe(0);
  });

  it('re-insertion while a removal is under way is added again once the removal is done', () => {
    const b = ejected();
    b.remove(0);
    b.runFor(50);
    b.insert(0, { type: 2 });
    b.runFor(500);
    expect(state(b, 0)).toBe('online');
    expect(events(b)).toEqual(['add 0 sensor', 'remove 0 sensor', 'add 0 line']);
  });
});

describe('identification failures: reported, not added', () => {
  const cases: [string, number, CardSpec, string][] = [
    ['no answer from an ID EEPROM', 2, { type: 1, eeprom: [] }, 'no answer from ID EEPROM'],
    ['a bad CRC', 2, { type: 1, eeprom: [0x43, 0x43, 1, 1, 0, 0, 0, 0, 0, 0, 0xde, 0xad, 0xbe, 0xef] }, 'bad ID record CRC'],
    ['a bad record', 2, { type: 1, eeprom: [0x42, 0x42, 1, 1] }, 'bad ID record'],
    ['an unknown type', 2, { type: 99 }, 'unknown card type 99'],
    ['an unknown type on ID pins', 0, { type: 7 }, 'unknown card type 7'],
    ['no answer on ID pins', 0, { type: 0 }, 'no answer on ID pins'],
    ['an ID resistor in no band', 1, { type: 1, idResistor: 0.95 }, 'ID resistor reads 0.950, in no band'],
  ];
  for (const [what, slot, card, why] of cases) {
    it(what, () => {
      const b = cage();
      b.insert(slot, card);
      b.runFor(3000);
      expect(state(b, slot)).toBe('fault');
      expect(b.eval(`cardcage.slots()[${slot}].why`)).toBe(why);
      expect(events(b)).toEqual([`fault ${slot} ${why}`]);
      // retried until the deadline, then given up
      const t = hpTime(b, slot, `= fault (${why})`)! - hpTime(b, slot, '= identifying')!;
      expect(t).toBeGreaterThanOrEqual(T.deadline - 100);
      expect(t).toBeLessThanOrEqual(T.deadline);
      expect(b.pins.level(b.profile.slots[slot].led)).toBe(1);
      b.remove(slot);
      b.runFor(200);
      expect(state(b, slot)).toBe('empty');
      expect(b.pins.level(b.profile.slots[slot].led)).toBe(0);
    });
  }

  it('a card that answers late (within the deadline) is added', () => {
    const b = cage();
    b.insert(1, { type: 1, idResistor: 0.95 });
    b.runFor(T.debounce + T.settle + 300);
    expect(state(b, 1)).toBe('identifying');
    b.pins.setAnalog('D13', 0.1); // the ID resistor settles into type 1's band
    b.runFor(200);
    expect(state(b, 1)).toBe('online');
    expect(events(b)).toEqual(['add 1 sensor']);
  });

  it('no power good: the host gives up, powers off, reports', () => {
    const b = cage();
    b.insert(3, { type: 1, powerGoodDelayMs: 10_000 });
    b.runFor(2000);
    expect(state(b, 3)).toBe('fault');
    expect(events(b)).toEqual(['fault 3 no power good in 500 ms']);
    expect(b.pins.level('D19')).toBe(0);
    expect(hp(b, 3)).toContain('host>guest add-failed (no power good in 500 ms)');
  });
});

describe('orderly removal: eject with a cancel window', () => {
  /** a sensor card in slot 0, online, then ejected: 1 s into its cancel window */
  function ejecting() {
    const b = cage();
    b.insert(0, sensor);
    b.runFor(500);
    expect(b.eval('cardcage.eject(0)')).toBe(true);
    b.runFor(1000);
    expect(state(b, 0)).toBe('ejecting');
    return b;
  }
  it('eject: LED blinks for the window, then quiesce, power off, LED on (safe to remove)', () => {
    const b = ejecting();
    const blinks = b.log.filter((e) => e.msg.startsWith('D3 = ')).length;
    expect(blinks).toBe(2); // 500 ms blink over the first second
    expect(events(b)).toEqual(['add 0 sensor']);
    b.runFor(T.eject);
    expect(state(b, 0)).toBe('off');
    expect(hp(b, 0).slice(9)).toEqual(['= ejecting', '= removing', 'hw>guest eject', 'guest: sensor detached', 'guest>host remove', 'host>guest removed', '= off']);
    expect(events(b)).toEqual(['add 0 sensor', 'remove 0 sensor']);
    expect(b.pins.level('D3')).toBe(1);
    expect(b.pins.level('D2')).toBe(0);
    b.remove(0);
    b.runFor(100);
    expect(state(b, 0)).toBe('empty');
    expect(b.pins.level('D3')).toBe(0);
    expect(events(b)).toEqual(['add 0 sensor', 'remove 0 sensor']); // no second remove
  });

  it('a second request within the window cancels: the card stays online', () => {
    const b = cage();
    b.insert(0, sensor);
    b.runFor(500);
    b.eval('cardcage.eject(0)');
    b.runFor(2000);
    expect(b.eval('cardcage.cancelEject(0)')).toBe(true);
    b.runFor(10_000);
    expect(state(b, 0)).toBe('online');
    expect(hp(b, 0)).toContain('eject cancelled');
    expect(events(b)).toEqual(['add 0 sensor']);
    expect(b.pins.level('D3')).toBe(0);
  });

  it('a reset during the cancel window: the card comes back online (cold plug), and a cancel after it finds no eject', () => {
    const b = ejecting();
    b.reboot('reset button');
    b.runFor(1000);
    expect(state(b, 0)).toBe('online');
    expect(b.eval('cardcage.cancelEject(0)')).toBe(false);
    b.runFor(10_000);
    expect(state(b, 0)).toBe('online');
    expect(b.pins.level('D2')).toBe(1); // (still powered)
    expect(b.output.join('\n')).not.toMatch(/Uncaught|#\d+ /);
  });

  it('the eject button: press to eject, press again to cancel', () => {
    const b = cage();
    b.insert(0, sensor);
    b.runFor(500);
    const press = () => { b.pins.drive('D4', 0); b.runFor(100); b.pins.drive('D4', undefined); b.runFor(100); };
    press();
    expect(state(b, 0)).toBe('ejecting');
    press();
    expect(state(b, 0)).toBe('online');
    press();
    b.runFor(T.eject);
    expect(state(b, 0)).toBe('off');
  });

  it('pulled during the cancel window: a surprise removal, one remove', () => {
    const b = cage();
    b.insert(0, sensor);
    b.runFor(500);
    b.eval('cardcage.eject(0)');
    b.runFor(1000);
    b.remove(0);
    b.runFor(T.eject + 1000);
    expect(state(b, 0)).toBe('empty');
    expect(events(b)).toEqual(['add 0 sensor', 'remove 0 sensor']);
  });

  it('eject is refused where it means nothing', () => {
    const b = cage();
    expect(b.eval('cardcage.eject(0)')).toBe(false);
    expect(b.eval('cardcage.eject(9)')).toBe(false);
    expect(hp(b, 0)).toContain('eject ignored in state empty');
  });

  it('eject on an ejected card still in (off) powers it back on, as pciehp does in its off state', () => {
    const b = ejected();
    const n = hp(b, 0).length;
    expect(b.eval('cardcage.eject(0)')).toBe(true);
    b.runFor(100);
    // no settle or identification: the card never left; the chain runs as for an insertion
    expect(hp(b, 0).slice(n)).toEqual(['= adding', 'hw>guest present sensor', 'guest>host add', 'host>guest added', '= online', 'guest: sensor available']);
    expect(events(b)).toEqual(['add 0 sensor', 'remove 0 sensor', 'add 0 sensor']);
    expect(b.pins.level('D2')).toBe(1);
    expect(b.pins.level('D3')).toBe(0);
  });

  it('an attention request while the card is being added is refused (pciehp ignores it while powering on)', () => {
    const b = adding();
    expect(b.eval('cardcage.eject(2)')).toBe(false);
    expect(hp(b, 2)).toContain('eject ignored in state adding');
    b.runFor(1000);
    expect(state(b, 2)).toBe('online');
    expect(events(b)).toEqual(['add 2 sensor']);
  });

  it('pulled while being added and another card put in: the first is never seen, the second is identified and added', () => {
    const b = adding(10);
    b.remove(2);
    b.runFor(T.debounce + 5);
    expect(state(b, 2)).toBe('removing');
    // back in before the host has answered the first card's add (the new card's power good
    // comes late too)
    b.insert(2, { type: 2, powerGoodDelayMs: 200 });
    b.runFor(T.debounce + 5);
    expect(state(b, 2)).toBe('removing');
    b.runFor(2000);
    expect(state(b, 2)).toBe('online');
    expect(events(b)).toEqual(['add 2 line']);
    expect(hp(b, 2).filter((l) => l.startsWith('= '))).toEqual(['= empty', '= settling', '= identifying', '= adding', '= removing', '= settling', '= identifying', '= adding', '= online']);
  });
});

describe('containment', () => {
  it('a process whose handler throws is reported; the chain and other processes go on', () => {
    const b = cage();
    b.eval('cardcage.on("add", function () { throw new Error("app bug"); }); var seen = 0; cardcage.on("add", function () { seen++; });');
    b.insert(0, sensor);
    b.runFor(500);
    expect(hp(b, 0)).toContain('guest: add handler failed: Error: app bug');
    expect(b.eval('seen')).toBe(1);
    expect(state(b, 0)).toBe('online');
    b.remove(0);
    b.runFor(500);
    expect(state(b, 0)).toBe('empty');
  });
});

describe('seeded bounce fuzzing', () => {
  // Random insert/remove patterns with bounce, gaps shorter and longer than debounce and
  // settle, and ejects. Whatever happens: the final state matches the final pin level, and
  // processes see add and remove alternating per slot.
  const SEEDS = Number(process.env.FUZZ_SEEDS ?? 150);
  const STEPS = 24;
  it(`${SEEDS} seeds x ${STEPS} actions over all four slots`, () => {
    let patterns = 0;
    const ends: Record<string, number> = {};
    for (let seed = 1; seed <= SEEDS; seed++) {
      let x = seed * 2654435761 >>> 0;
      const rnd = () => ((x = (Math.imul(x ^ (x >>> 15), 0x2c1b3c6d) + 0x6d2b79f5) >>> 0) / 2 ** 32);
      const b = cage({ seed });
      const inside = [false, false, false, false];
      const ejected = [false, false, false, false];
      try {
        for (let k = 0; k < STEPS; k++) {
          const s = Math.floor(rnd() * 4);
          const r = rnd();
          if (r < 0.1 && inside[s]) {
            // eject takes an online card down after the cancel window, a second request
            // within the window cancels, and one on an ejected card (off) powers it back on;
            // in any other state it is refused
            const before = state(b, s);
            const took: boolean = b.eval(`cardcage.eject(${s})`);
            expect(took, `eject in state ${before}`).toBe(before === 'online' || before === 'ejecting' || before === 'off');
            if (before === 'online') ejected[s] = true;
            if (before === 'ejecting' || before === 'off') ejected[s] = false;
          } else if (!inside[s]) {
            b.insert(s, { type: 1 + Math.floor(rnd() * 3), serial: k }, { pairs: Math.floor(rnd() * 5), ms: rnd() * 30 });
            inside[s] = true;
            ejected[s] = false;
          } else {
            b.remove(s, { pairs: Math.floor(rnd() * 5), ms: rnd() * 30 });
            inside[s] = false;
          }
          patterns++;
          const gap = [5, 15, 40, 90, 150, 400, 1500, 6000][Math.floor(rnd() * 8)];
          b.runFor(gap);
        }
        b.runFor(T.eject + 2000);
        const st: string[] = b.eval('cardcage.slots().map(function (x) { return x.state; })');
        const ev = events(b);
        for (let s = 0; s < 4; s++) {
          // no card: empty; a card: online, or off (powered down, safe to remove) when it
          // was ejected (the window has run out) and not pulled since
          expect(st[s], `slot ${s}`).toBe(!inside[s] ? 'empty' : ejected[s] ? 'off' : 'online');
          ends[st[s]] = (ends[st[s]] ?? 0) + 1;
          const mine = ev.filter((e) => e.split(' ')[1] === String(s)).map((e) => e.split(' ')[0]);
          mine.forEach((e, i) => expect(e).toBe(i % 2 ? 'remove' : 'add'));
          expect(mine.length % 2).toBe(st[s] === 'online' ? 1 : 0);
        }
        expect(ev.filter((e) => e.startsWith('fault'))).toEqual([]);
      } catch (e) {
        const faults = b.output.filter((l) => / = fault/.test(l));
        throw new Error(`fuzz failed with seed ${seed}: ${(e as Error).message}\n${faults.join("\n")}\n${b.output.slice(-30).join("\n")}`);
      }
    }
    expect(patterns).toBe(SEEDS * STEPS);
    // every end state is reached (ejected cards too)
    if (SEEDS >= 50) for (const st of ['empty', 'online', 'off']) expect(ends[st], st).toBeGreaterThan(5);
  });
});
