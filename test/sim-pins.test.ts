// setWatch as Espruino implements it (src/jsinteractive.c): edge filter, repeat, debounce as a
// settle filter whose callback carries the time of the last edge.
import { describe, expect, it } from 'vitest';
import { boot } from './helpers';

const WATCH = (opts: string) => `var ev = []; var id = setWatch(function (e) { ev.push([e.state, e.time, e.lastTime]); }, D1, ${opts});`;

describe('setWatch', () => {
  it('without debounce: every change that matches the edge, with time and lastTime', () => {
    const b = boot(WATCH('{ repeat: true, edge: "rising" }'));
    b.runFor(100); b.pins.drive('D1', 1);
    b.runFor(50); b.pins.drive('D1', 0);
    b.runFor(50); b.pins.drive('D1', 1);
    b.runFor(1);
    // the falling edge is not reported, but lastTime still follows it
    expect(b.eval('JSON.stringify(ev)')).toBe(JSON.stringify([[true, 0.1, undefined], [true, 0.2, 0.15]]).replace(/undefined/, 'null'));
  });

  it('repeat: false removes the watch after it fires', () => {
    const b = boot(WATCH('{ edge: "both" }'));
    b.runFor(10); b.pins.drive('D1', 1);
    b.runFor(10); b.pins.drive('D1', 0);
    b.runFor(10);
    expect(b.eval('ev.length')).toBe(1);
    expect(() => b.eval('clearWatch(id)')).toThrow(/Unknown Watch 1/);
  });

  it('debounce: a bouncing edge is reported once, with the time of its last edge', () => {
    const b = boot(WATCH('{ repeat: true, edge: "both", debounce: 10 }'));
    b.runFor(100);
    for (const [dt, lv] of [[0, 1], [1, 0], [1, 1], [2, 0], [1, 1]] as const) { b.runFor(dt); b.pins.drive('D1', lv); }
    b.runFor(9.9);
    expect(b.eval('ev.length')).toBe(0); // still settling: 10 ms from the last edge
    b.runFor(0.2);
    expect(b.eval('JSON.stringify(ev)')).toBe('[[true,0.105,null]]');
  });

  it('debounce: a glitch that returns to the old level within the window is not reported', () => {
    const b = boot(WATCH('{ repeat: true, edge: "both", debounce: 10 }'));
    b.runFor(50); b.pins.drive('D1', 1);
    b.runFor(3); b.pins.drive('D1', 0);
    b.runFor(50);
    expect(b.eval('ev.length')).toBe(0);
  });

  it('reads a pulled-up input, and a card pulling it low', () => {
    const b = boot('pinMode(D2, "input_pullup");');
    expect(b.eval('digitalRead(D2)')).toBe(1);
    b.pins.drive('D2', 0);
    expect(b.eval('digitalRead(D2)')).toBe(0);
    b.pins.drive('D2', undefined);
    expect(b.eval('digitalRead(D2)')).toBe(1);
    expect(b.eval('getPinMode(D2)')).toBe('input_pullup');
  });

  it('digitalWrite sets output mode and the level outside sees', () => {
    const b = boot('digitalWrite(D5, 1);');
    expect(b.pins.level('D5')).toBe(1);
    expect(b.pins.mode('D5')).toBe('output');
  });

  it('refuses a watch past the board\'s limit with Espruino\'s warning', () => {
    const b = boot('var ids = []; for (var i = 0; i < 17; i++) ids.push(setWatch(function () {}, "D" + i, {}));');
    expect(b.eval('ids[15]')).toBe(16);
    expect(b.eval('ids[16]')).toBe(undefined);
    expect(b.output.join('\n')).toContain('WARNING: Unable to set watch. You may already have a watch on a pin with the same number (eg. A0 and B0),');
  });

  it('STM32: one watch per pin number across ports', () => {
    const b = boot('var a = setWatch(function () {}, A3, {}); var c = setWatch(function () {}, B3, {});', 'pico');
    expect(b.eval('a')).toBe(1);
    expect(b.eval('c')).toBe(undefined);
  });

  it('nRF52: a watched pin cannot be driven as an output', () => {
    const b = boot('setWatch(function () {}, D7, {}); digitalWrite(D7, 1);', 'puckjs');
    expect(b.pins.level('D7')).toBe(0);
    expect(b.pins.mode('D7')).toBe('input');
    b.eval('clearWatch(); digitalWrite(D7, 1);');
    expect(b.pins.level('D7')).toBe(1);
  });

  it('a callback that throws is reported and the watch keeps working', () => {
    const b = boot('var n = 0; setWatch(function () { n++; throw new Error("cb"); }, D1, { repeat: true });');
    b.pins.drive('D1', 1); b.runFor(1); b.pins.drive('D1', 0); b.runFor(1);
    expect(b.eval('n')).toBe(2);
    expect(b.output.filter((l) => l === 'Uncaught Error: cb')).toHaveLength(2);
  });
});
