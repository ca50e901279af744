// Management through interface matching (MISSION.md §4), on the built bundle in the simulator:
// matching per card type and descriptor source, every error code, power, monitoring, and
// seeded fuzzing of the console protocol.
import { describe, expect, it } from 'vitest';
import type { SimBoard } from '../host-sim/board';
import { crc32, idRecord, type CardSpec } from '../host-sim/cards';
import { boardNames, loadBoard } from '../host-sim/profile';
import { bootBundle } from './helpers';
import { mgmtLines } from './mgmt-lines';

// linux: slot0 ID pins, slot1 ID resistor, slot2/3 ID EEPROM (0x50/0x51) with power good
type Reply = { id: number | null; ok: boolean; data?: any; error?: string; detail?: string };
/** sends one request: exactly one reply line comes back at once */
function ask(b: SimBoard, text: unknown): Reply {
  const n = b.output.length;
  b.eval(`cardcage.mgmt(${JSON.stringify(text)})`);
  // (the event log's hp lines, when trace is on, come as usual)
  const out = b.output.slice(n).filter((l) => !l.startsWith('hp '));
  expect(out.length, `one line for ${JSON.stringify(text)}: ${out.join(' | ')}`).toBe(1);
  expect(out[0].startsWith('mgmt ')).toBe(true);
  return JSON.parse(out[0].slice(5));
}
const req = (b: SimBoard, r: Record<string, unknown>) => ask(b, JSON.stringify({ id: 1, ...r }));
const ops = (b: SimBoard, slot: number): string[] => req(b, { op: 'status' }).data.slots[slot].ops;
const state = (b: SimBoard, slot: number): string => b.eval(`cardcage.slots()[${slot}].state`);

function online(board: string, slot: number, card: CardSpec) {
  const b = bootBundle(board);
  b.insert(slot, card);
  b.runFor(1500);
  expect(state(b, slot)).toBe('online');
  return b;
}

/** an ID EEPROM holding the ID record and an extension record with `json` */
function withExtension(type: number, json: string, breakCrc = false): number[] {
  const t = [...json].map((c) => c.charCodeAt(0));
  const c = crc32(Uint8Array.from(t)) ^ (breakCrc ? 1 : 0);
  const b = [...idRecord(type, 5), 0xff, 0xff, 0x43, 0x58, t.length, ...t, c & 255, (c >>> 8) & 255, (c >>> 16) & 255, (c >>> 24) & 255];
  while (b.length < 256) b.push(0xff);
  return b;
}

describe('interface matching', () => {
  const expected: Record<number, string[]> = {
    1: ['power', 'monitor'],
    2: ['power', 'monitor'],
    3: ['power'],
    4: ['power', 'monitor', 'migrate'],
    5: ['power'],
    6: [], // no descriptor: every operation is unsupported
  };
  for (const board of boardNames()) {
    it(`${board}: every card type gets the adapter its profile table declares`, () => {
      const p = loadBoard(board);
      const id = p.slots[0].id;
      // the types slot 0's ID lines can tell
      const most = id.kind === 'pins' ? (1 << id.pins.length) - 1 : 6;
      for (let type = 1; type <= Math.min(6, most); type++) {
        const b = online(board, 0, { type });
        expect(ops(b, 0), `type ${type}`).toEqual(expected[type]);
        expect(Object.keys(p.mgmt ?? {}).map(Number).includes(type)).toBe(expected[type].length > 0);
      }
    });
  }

  it('a descriptor from the card\'s ID EEPROM (extension record) takes precedence over the table', () => {
    const b = online('linux', 2, { type: 6, eeprom: withExtension(6, '{"monitor":{"load":["i2c",1,0.01]}}'), sensors: { a: 1, b: 42 } });
    expect(ops(b, 2)).toEqual(['monitor']);
    expect(req(b, { op: 'monitor', slot: 2 }).data).toEqual({ load: 42 });
    expect(req(b, { op: 'power', slot: 2, action: 'off' })).toMatchObject({ ok: false, error: 'unsupported', detail: 'power' });
  });

  it('an extension record with a bad CRC is an error; the table serves', () => {
    const b = online('linux', 2, { type: 1, eeprom: withExtension(1, '{"monitor":{"load":["i2c",1,0.5]}}', true), sensors: { temperature: 30, voltage: 3.3 } });
    expect(b.output.some((l) => / s2 mgmt: bad CRC/.test(l))).toBe(true);
    expect(ops(b, 2)).toEqual(expected[1]);
  });

  it('matching on request: a descriptor replaces the adapter; missing or malformed parameters are refused by name', () => {
    const b = online('linux', 0, { type: 6 });
    expect(req(b, { op: 'match', slot: 0, descriptor: { power: { off: [['pin', 'D9', 1]] }, migrate: { export: 'a', import: 'b' } } }).data).toEqual({ slot: 0, ops: ['power', 'migrate'] });
    expect(ops(b, 0)).toEqual(['power', 'migrate']);
    const r = req(b, { op: 'match', slot: 0, descriptor: { power: { on: [['i2c', 300, 1]], up: [] }, monitor: { t: ['spi', 1, 1] }, migrate: { export: 'a' }, colour: 1 } });
    expect(r).toMatchObject({ ok: false, error: 'bad-descriptor', detail: 'power.on, power.up, monitor.t, migrate, colour' });
    expect(req(b, { op: 'match', slot: 0, descriptor: {} })).toMatchObject({ ok: false, error: 'bad-descriptor', detail: 'power|monitor|migrate' });
    expect(ops(b, 0)).toEqual(['power', 'migrate']); // unchanged by the refusals
  });

  it('edges of the checks: a parameter named "" is refused by name, a sensor name takes 15 chars, a request 512', () => {
    const b = online('linux', 0, { type: 6 });
    expect(req(b, { op: 'match', slot: 0, descriptor: { power: {}, '': 1 } })).toMatchObject({ ok: false, error: 'bad-descriptor', detail: 'power|monitor|migrate' });
    expect(req(b, { op: 'match', slot: 0, descriptor: { monitor: { abcdefghijklmno: ['adc', 'D3', 1] } } }).ok).toBe(true);
    expect(req(b, { op: 'match', slot: 0, descriptor: { monitor: { abcdefghijklmnop: ['adc', 'D3', 1] } } })).toMatchObject({ ok: false, detail: 'monitor.abcdefghijklmnop' });
    const t = '{"id":1,"op":"list"}';
    expect(ask(b, t + ' '.repeat(512 - t.length)).ok).toBe(true);
    expect(ask(b, t + ' '.repeat(513 - t.length))).toMatchObject({ ok: false, error: 'too-long', detail: '512' });
  });

  it('the adapter goes away with the card', () => {
    const b = online('linux', 0, { type: 1 });
    b.remove(0);
    b.runFor(500);
    expect(ops(b, 0)).toEqual([]);
    expect(req(b, { op: 'monitor', slot: 0 })).toMatchObject({ ok: false, error: 'no-card' });
  });
});

describe('power and monitoring', () => {
  it('monitor once and periodically (lines carrying the request id), and stop', () => {
    const b = online('linux', 2, { type: 1, sensors: { temperature: 31.5, voltage: 3.29 } });
    expect(req(b, { op: 'monitor', slot: 2 }).data).toEqual({ temperature: 31.5, voltage: 3.29 });
    expect(ask(b, '{"id":7,"op":"monitor","slot":2,"sensors":["voltage"],"every":1000}')).toEqual({ id: 7, ok: true, data: { voltage: 3.29 } });
    const n = b.output.length;
    b.runFor(3500);
    expect(b.output.slice(n)).toEqual(Array(3).fill('mgmt {"id":7,"ok":true,"data":{"voltage":3.29}}'));
    expect(ask(b, '{"id":8,"op":"monitor","stop":7}')).toEqual({ id: 8, ok: true, data: { stopped: 7 } });
    const m = b.output.length;
    b.runFor(3000);
    expect(b.output.length).toBe(m);
  });

  it('a periodic monitor whose card is pulled ends with "gone"', () => {
    const b = online('linux', 2, { type: 1, sensors: { temperature: 20, voltage: 3 } });
    ask(b, '{"id":9,"op":"monitor","slot":2,"every":500}');
    const n = b.output.length;
    b.remove(2);
    b.runFor(2000);
    expect(b.output.slice(n).filter((l) => l.startsWith('mgmt ') && l.includes('"id":9'))).toEqual(['mgmt {"id":9,"ok":false,"error":"gone","detail":"slot"}']);
  });

  it('power off (graceful), on, force and cycle run through the hot-plug chain: processes see remove and add', () => {
    const b = online('linux', 0, { type: 2, sensors: { temperature: 20 } }); // its off step writes to its sensor device
    b.eval('var ev = []; cardcage.on("add", function (d) { ev.push("add " + d.slot); }); cardcage.on("remove", function (d) { ev.push("remove " + d.slot); });');
    expect(req(b, { op: 'power', slot: 0, action: 'off' }).data).toEqual({ slot: 0, state: 'removing' });
    b.runFor(50);
    expect(state(b, 0)).toBe('off');
    expect(b.pins.level('D2')).toBe(0);
    expect(req(b, { op: 'power', slot: 0, action: 'off' })).toMatchObject({ ok: false, error: 'bad-state', detail: 'off' });
    expect(req(b, { op: 'power', slot: 0, action: 'on' }).ok).toBe(true);
    b.runFor(50);
    expect(state(b, 0)).toBe('online');
    expect(req(b, { op: 'power', slot: 0, action: 'on' })).toMatchObject({ ok: false, error: 'bad-state', detail: 'online' });
    req(b, { op: 'power', slot: 0, action: 'force' });
    b.runFor(50);
    expect(state(b, 0)).toBe('off');
    req(b, { op: 'power', slot: 0, action: 'on' });
    b.runFor(50);
    req(b, { op: 'power', slot: 0, action: 'cycle' });
    b.runFor(200);
    expect(state(b, 0)).toBe('online');
    expect(b.eval('ev')).toEqual(['remove 0', 'add 0', 'remove 0', 'add 0', 'remove 0', 'add 0']);
  });

  it('power cycle of a storage card with ring requests to it in flight: every request completes, none hangs', () => {
    const b = online('linux', 2, { type: 3 });
    // four chains of two buffers fill the queue of 8 descriptors
    b.eval(`var done = [], ids = []; for (var k = 0; k < 4; k++) ids.push(cardcage.ring.submit(10, [new Uint8Array([2, 18, k, 0]), "block" + k], function (c) { done.push(c.status); }));`);
    expect(b.eval('ids')).toEqual([0, 1, 2, 3]);
    b.runFor(3);
    req(b, { op: 'power', slot: 2, action: 'cycle' });
    b.runFor(3000);
    const st: number[] = b.eval('done');
    expect(st.length).toBe(4);
    expect(b.eval('JSON.stringify(cardcage.ring.stats(10))')).toContain('"inflight":0,"waiting":0,"undelivered":0,"free":8');
    expect(st.every((s) => s === 0 || s === 5 || s === 7)).toBe(true); // ok, I/O error, or gone
    expect(state(b, 2)).toBe('online');
  });
});

describe('the console protocol refuses bad input with a reply, never an exception or silence', () => {
  const cases: [unknown, string, string?][] = [
    [42, 'bad-text'],
    ['{"id":1,"op":"status","pad":"' + 'x'.repeat(520) + '"}', 'too-long'],
    ['{"id":1,"op":"status","a":[[[[[[1]]]]]]}', 'too-deep'],
    ['{"id":1,"op":', 'bad-json'],
    ['[1,2]', 'bad-json', 'object'],
    // Espruino's JSON.parse takes these (the first value, a lenient string); the protocol does not
    ['{"id":1,"op":"power","slot":0,"action":"off"}K', 'bad-json', 'trailing'],
    ['{"id":1,"op":"status"} {"id":2}', 'bad-json', 'trailing'],
    ['{"id":1,"op":"st\\qatus"}', 'bad-json', 'escape'],
    ['{"id":1,"op":"sta\u0003tus"}', 'bad-json', 'control'],
    ['{"op":"status"}', 'no-id'],
    ['{"id":-1,"op":"status"}', 'no-id'],
    ['{"id":1,"op":"dance"}', 'unknown-op', 'dance'],
    ['{"id":1}', 'unknown-op', 'op'],
    ['{"id":1,"op":"power","slot":"a","action":"on"}', 'bad-type', 'slot'],
    ['{"id":1,"op":"power","slot":0,"action":"blink"}', 'bad-type', 'action'],
    ['{"id":1,"op":"power","slot":0,"action":["on"]}', 'bad-type', 'action'],
    ['{"id":1,"op":"power","slot":9,"action":"on"}', 'no-slot', '9'],
    ['{"id":1,"op":"monitor","slot":1}', 'no-card', '1'],
    ['{"id":1,"op":"match","slot":1,"descriptor":{"power":{}}}', 'no-card', '1'],
    ['{"id":1,"op":"monitor","slot":0,"sensors":["on"]}', 'unknown-sensor', 'on'], // (Espruino objects inherit on())
    ['{"id":1,"op":"monitor","slot":0,"sensors":"temperature"}', 'bad-type', 'sensors'],
    ['{"id":1,"op":"monitor","slot":0,"sensors":["pressure"]}', 'unknown-sensor', 'pressure'],
    // (names every object has, or JSON.parse's own key)
    ['{"id":1,"op":"monitor","slot":0,"sensors":["__proto__"]}', 'unknown-sensor', '__proto__'],
    ['{"id":1,"op":"monitor","slot":0,"sensors":["constructor"]}', 'unknown-sensor', 'constructor'],
    ['{"id":1,"op":"monitor","slot":0,"sensors":["hasOwnProperty"]}', 'unknown-sensor', 'hasOwnProperty'],
    ['{"id":1,"op":"start","name":"toString"}', 'no-container', 'toString'],
    ['{"id":1,"op":"power","slot":"__proto__","action":"on"}', 'bad-type', 'slot'],
    ['{"id":1,"op":"monitor","slot":0,"every":5}', 'bad-type', 'every'],
    ['{"id":1,"op":"monitor","stop":77}', 'no-monitor', '77'],
    ['{"id":1,"op":"migrate","slot":0,"to":0}', 'unsupported', 'migrate'],
    ['{"id":1,"op":"migrate","slot":0}', 'bad-type', 'to'],
    ['{"id":1,"op":"migrate","name":"x","to":0}', 'unsupported', 'migrate'],
    ['{"id":1,"op":"start","name":"x"}', 'no-container', 'x'],
    ['{"id":1,"op":"stop"}', 'no-container', 'undefined'],
    ['{"id":1,"op":"match","slot":0,"descriptor":7}', 'bad-descriptor', 'descriptor'],
  ];
  it.each(cases)('%s -> %s', (text, code, detail) => {
    const b = online('linux', 0, { type: 1 }); // slot0 sensor card (no sensors on the bus), slot1 empty
    const before = JSON.stringify(req(b, { op: 'status' }).data.slots);
    const r = ask(b, text);
    expect(r.ok).toBe(false);
    expect(r.error).toBe(code);
    if (detail !== undefined) expect(r.detail).toBe(detail);
    expect(JSON.stringify(req(b, { op: 'status' }).data.slots)).toBe(before);
  });

  it('busy: at most 4 periodic monitors; an I2C device that does not answer is an io error; migrate needs a target card (test/containers.test.ts has the rest)', () => {
    const b = online('linux', 2, { type: 1, sensors: { temperature: 1, voltage: 2 } });
    for (let id = 1; id <= 4; id++) expect(ask(b, `{"id":${id},"op":"monitor","slot":2,"every":1000}`).ok).toBe(true);
    expect(ask(b, '{"id":5,"op":"monitor","slot":2,"every":1000}')).toMatchObject({ ok: false, error: 'busy' });
    const c = online('linux', 0, { type: 1 }); // no sensor device on the bus
    expect(req(c, { op: 'monitor', slot: 0 })).toMatchObject({ ok: false, error: 'io' });
    // periodic: the first reading fails, so the request is refused and no monitor is left behind
    const n = c.output.length;
    expect(ask(c, '{"id":6,"op":"monitor","slot":0,"every":500}')).toMatchObject({ id: 6, ok: false, error: 'io' });
    c.runFor(2000);
    expect(c.output.slice(n).filter((l) => l.startsWith('mgmt '))).toHaveLength(1);
    expect(ask(c, '{"id":7,"op":"monitor","stop":6}')).toMatchObject({ ok: false, error: 'no-monitor', detail: '6' });
    req(c, { op: 'match', slot: 0, descriptor: { migrate: { export: 'x', import: 'y' } } });
    expect(req(c, { op: 'migrate', slot: 0 })).toMatchObject({ ok: false, error: 'bad-type', detail: 'to' });
    expect(req(c, { op: 'migrate', slot: 0, to: 0 })).toMatchObject({ ok: true, data: { to: 0, moved: [] } }); // no container homed on it
  });

  it('status: slots with their state and operations, the ring and flash figures, free memory', () => {
    const b = online('linux', 0, { type: 5 });
    const s = req(b, { op: 'status' }).data;
    expect(s.board).toBe('linux');
    expect(s.slots.map((x: any) => x.state)).toEqual(['online', 'empty', 'empty', 'empty']);
    expect(s.ring).toEqual({ queued: 0, recoveries: 1, skipped: 0, logPages: 8 });
    expect(s.mem).toBeGreaterThan(0);
    expect(s.errors).toBe(0);
  });
});

describe('seeded fuzzing of the console', () => {
  const LINES = Number(process.env.FUZZ_LINES ?? 10_000);
  it(`${LINES} random and mutated lines: one reply each, no crash, refused requests change nothing`, () => {
    const seed = Number(process.env.FUZZ_SEED ?? 1);
    const b = online('linux', 2, { type: 1, sensors: { temperature: 22, voltage: 3.3 } });
    const lines = mgmtLines(LINES, seed);
    const snapshot = () => JSON.stringify([b.eval('cardcage.slots()'), b.eval('JSON.stringify(cardcage.ring.stats(10))')]);
    let refused = 0;
    let accepted = 0;
    try {
      for (let k = 0; k < LINES; k++) {
        const text = lines[k];
        const before = snapshot();
        const reply = ask(b, text);
        if (reply.ok) accepted++;
        else {
          refused++;
          expect(snapshot(), text).toBe(before);
        }
        if (k % 500 === 0) b.runFor(100);
      }
    } catch (e) {
      throw new Error(`console fuzz failed with seed ${seed}: ${(e as Error).message}`);
    }
    expect(b.output.filter((l) => /Uncaught|ERROR/.test(l))).toEqual([]);
    expect(refused).toBeGreaterThan(LINES / 2);
    expect(accepted).toBeGreaterThan(100);
  });
});
