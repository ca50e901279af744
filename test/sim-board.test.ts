// The board's life: boot, E.reboot, watchdog, E.on('init'/'kill'), the console, memory, the
// sandbox's missing built-ins and no-hoisting rewrite.
import { describe, expect, it } from 'vitest';
import { espruinoSemantics } from '../host-sim/loader';
import { boot } from './helpers';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parsePinPlan } from '../host-sim/pinplan';
import { ROOT } from '../host-sim/profile';
import { SimBoard } from '../host-sim/board';
import { loadBoard } from '../host-sim/profile';
import { bundlePath, readBundle, bundleFiles } from '../host-sim/scenario';

describe('board lifecycle', () => {
  it('E.reboot: RAM is gone, flash and Storage stay, the stored program runs again', () => {
    const b = boot('var S = require("Storage"); var n = (S.readJSON("n") || 0) + 1; S.writeJSON("n", n); print("boot", n); var ram = 1; setTimeout(function () { E.reboot(); print("never"); }, 100);');
    b.runFor(350);
    expect(b.output).toEqual(['boot 1', 'boot 2', 'boot 3', 'boot 4']);
    expect(b.boots).toBe(4);
  });

  it('E.on("init") runs after the program, E.on("kill") on load() but not on a power cut', () => {
    const b = boot('E.on("init", function () { print("init"); }); E.on("kill", function () { print("kill"); }); print("code");');
    expect(b.output).toEqual(['code', 'init']);
    b.powerCut();
    b.boot();
    expect(b.output).toEqual(['code', 'init', 'code', 'init']);
    b.consoleLine('load()');
    expect(b.output.slice(4)).toEqual(['kill', 'code', 'init']);
    expect(b.log.filter((e) => e.src === 'board').map((e) => e.msg)).toEqual(['boot #1 (power on) linux', 'power cut', 'boot #2 (power on) linux', 'load()', 'boot #3 (load()) linux']);
  });

  it('a watchdog that is not kicked resets the board; one that is kicked does not', () => {
    const starve = boot('E.enableWatchdog(1, false); print("up");');
    starve.runFor(2500);
    expect(starve.output).toEqual(['up', 'up', 'up']);
    expect(starve.log.filter((e) => e.msg.startsWith('watchdog reset (not kicked for 1000 ms)'))).toHaveLength(2);
    const fed = boot('E.enableWatchdog(1, false); print("up"); setInterval(function () { E.kickWatchdog(); }, 500);');
    fed.runFor(5000);
    expect(fed.output).toEqual(['up']);
  });

  it('a callback stuck in a loop: Execution Interrupted, or a watchdog reset when enabled', () => {
    const b = boot('setTimeout(function () { for (;;) {} }, 10); setTimeout(function () { print("after"); }, 20);', 'linux', { callbackLimitMs: 100 });
    b.runFor(50);
    expect(b.output).toEqual(['Execution Interrupted', 'after']);
    const w = boot('E.enableWatchdog(5); print("up"); setTimeout(function () { for (;;) {} }, 10);', 'linux', { callbackLimitMs: 100 });
    w.runFor(15);
    expect(w.output).toEqual(['up', 'up']);
  });

  it('a console line is evaluated and its value printed as "=value"', () => {
    const b = boot('var x = 41;');
    b.consoleLine('x + 1');
    b.consoleLine('nope()');
    expect(b.output).toEqual(['=42', 'Uncaught ReferenceError: "nope" is not defined']);
  });

  it('process.memory() and E.getSizeOf follow the JsVar model', () => {
    const b = boot('var big = []; for (var i = 0; i < 200; i++) big.push("item " + i);', 'puckjs');
    const m = b.eval('process.memory()');
    expect(m.total).toBe(2630);
    expect(m.blocksize).toBe(13);
    expect(m.usage + m.free).toBe(2630);
    expect(m.usage).toBeGreaterThan(400); // 200 names + 200 strings
    // as on Espruino's 2,630-JsVar build: 401, 3, 4 (it frees 372 of them at once)
    expect(b.eval('E.getSizeOf(big)')).toBe(401);
    expect(b.eval('E.getSizeOf({ a: 1, b: 2 })')).toBe(3);
    expect(b.eval('E.getSizeOf([1, 2, 3])')).toBe(4);
    b.eval('big = undefined');
    expect(b.eval('process.memory().free')).toBeGreaterThan(m.free + 370);
  });

  it('the sandbox has only what Espruino has', () => {
    const b = boot('');
    for (const g of ['Map', 'Set', 'WeakMap', 'Symbol', 'Proxy', 'Reflect', 'RangeError', 'queueMicrotask', 'setImmediate', 'TextEncoder', 'process.nextTick', 'Buffer'])
      expect(b.eval(`typeof ${g.split('.')[0]} === 'undefined' || typeof ${g} === 'undefined'`), g).toBe(true);
    expect(b.eval('[typeof Array.prototype.slice, typeof [].slice, [] instanceof Array, typeof new Array(3), Array.isArray([])].join()')).toBe('undefined,function,true,object,true');
    expect(() => b.eval('require("fs")')).toThrow(/Module "fs" not found/);
  });

  it('require loads a module stored in Storage once, as Espruino does (module.exports or exports)', () => {
    const b = boot('');
    b.eval(`require("Storage").write("m1", 'exports.start = function () { return 1; }; print("loaded");'); require("Storage").write("m2", 'module.exports = function () { return 2; };');`);
    expect(b.eval('var a = require("m1"); [a.start(), require("m1") === a, require("m2")()].join()')).toBe('1,true,2');
    expect(b.output.filter((l) => l === 'loaded')).toHaveLength(1);
  });

  it('subarray past the end is an error (Espruino does not clamp it and reads past the buffer)', () => {
    const b = boot('');
    expect(b.eval('new Uint8Array([1, 2, 3]).subarray(1).length')).toBe(2);
    expect(b.eval('new Uint8Array([1, 2, 3]).subarray(-1)[0]')).toBe(3);
    expect(() => b.eval('new Uint8Array([1, 2]).subarray(0, 64)')).toThrow(/goes past the end of a 2-element array: Espruino does not clamp it/);
  });

  it('Promise callbacks run before the next timer, as on Espruino', () => {
    const b = boot('setTimeout(function () { Promise.resolve(1).then(function () { print("then"); }); }, 1); setTimeout(function () { print("next"); }, 1);');
    b.runFor(5);
    expect(b.output).toEqual(['then', 'next']);
  });
});

describe('loader: Espruino semantics on V8', () => {
  // (without the marks that name each function's text, FN_TEXT: /*@N*/)
  const transformed = (src: string) => espruinoSemantics(src).replace(/\/\*@\d+\*\//g, '');
  it('function declarations exist only once their statement has run', () => {
    expect(transformed('f(); function f() {}')).toBe('f(); f = function f() {if (++__sim_n > 255) __sim_mem();};');
  });
  it('a top-level function can be deleted, as on Espruino (the bundle frees its boot-only functions so)', () => {
    const b = boot('function f() { return 1; } var r = [f(), delete f, typeof f];');
    expect(b.eval('r.join()')).toBe('1,true,undefined');
  });
  it('adjacent declarations stay separate statements', () => {
    expect(transformed('function a(){}function b(){}for(let i;;)x;function c(){}')).toBe('a = function a(){if (++__sim_n > 255) __sim_mem();};b = function b(){if (++__sim_n > 255) __sim_mem();};{ let i; for(i;;){if (++__sim_n > 255) __sim_mem();x;} }c = function c(){if (++__sim_n > 255) __sim_mem();};');
  });
  it('no semicolon is inserted after return', () => {
    expect(transformed('function r() { return\n42; }')).toContain('return 42;');
  });
  it('a let/const loop variable is one binding for the whole loop', () => {
    expect(transformed('for (let i = 0, j = 1; i < 3; i++) f(i);')).toBe('{ let i, j; for (i = 0, j = 1; i < 3; i++) {if (++__sim_n > 255) __sim_mem();f(i);} }');
    expect(transformed('for (const v of xs) g(v);')).toBe('{ let v; for (v of xs) {if (++__sim_n > 255) __sim_mem();g(v);} }');
  });
  it('top-level let/const/class become globals', () => {
    expect(transformed('let a = 1; const b = 2; class C {}')).toBe('var a = 1; var b = 2; var C = class C {};');
  });
});

// Out of memory, as Espruino 2v29 behaves on its 2,630-JsVar build (observed with this script):
// the running code is interrupted ("OUT OF MEMORY", "Execution Interrupted." or "... during
// event processing."), no catch clause stops it, the flags LOW_MEMORY and MEMORY are raised and
// reported, and the timers set before go on.
describe('out of memory', () => {
  it('a million objects on a puckjs: interrupted where the board runs out, flags raised, the event loop goes on', () => {
    const code = `var n = 0, got = [];
E.on('errorFlag', function (f) { got.push(f.join()); });
setInterval(function () { if (++n === 3) { print("tick " + JSON.stringify(E.getErrorFlags())); clearInterval(); } }, 20);
setTimeout(function () { var a = []; global.a = a; try { for (var i = 0; i < 1e6; i++) a.push({ x: i }); } catch (e) { print("caught " + e); } print("not here"); }, 5);
setTimeout(function () { global.a = undefined; print("later " + JSON.stringify(E.getErrorFlags()) + " " + got.join("|")); }, 40);
var b = [];
for (var i = 0; i < 1e6; i++) b.push({ x: i });
print("after the loop");`;
    const s = new SimBoard({ profile: loadBoard('puckjs'), files: bundleFiles('puckjs'), code });
    s.boot();
    expect(s.output).toEqual(['OUT OF MEMORY', 'Execution Interrupted.', 'New interpreter error: LOW_MEMORY,MEMORY']);
    expect(s.eval('b.length')).toBeLessThan(3000); // stopped near the board's 2,630 JsVars
    s.eval('b = undefined; E.getErrorFlags()');
    s.runFor(1000);
    expect(s.output.slice(3)).toEqual(['OUT OF MEMORY', 'Execution Interrupted during event processing.', 'New interpreter error: LOW_MEMORY,MEMORY', 'later ["LOW_MEMORY","MEMORY"] LOW_MEMORY,MEMORY|LOW_MEMORY,MEMORY', 'tick []']);
  });
  it('a program whose functions do not fit is out of memory while loading (the RAM form on a puckjs cut to 2,000 JsVars)', () => {
    const ram = readFileSync(bundlePath('puckjs'), 'latin1');
    const s = new SimBoard({ profile: { ...loadBoard('puckjs'), jsvars: 2000 }, files: bundleFiles('puckjs'), code: ram });
    s.boot();
    expect(s.output).toContain('OUT OF MEMORY');
    const t = new SimBoard({ profile: loadBoard('puckjs'), files: bundleFiles('puckjs'), code: readBundle('puckjs'), stored: true });
    t.boot();
    t.runFor(500);
    expect(t.output.join('\n')).not.toMatch(/OUT OF MEMORY/);
  });
});

describe("functions' text, as Espruino gives it back", () => {
  // recorded on Espruino 2v29's Linux build: the parameters joined by ",", the body from its
  // first token to its last (comments around it left out), a lone return kept as
  // "return <expression>", a body of several lines set on lines of its own
  it('toString, "" + f, print and JSON', () => {
    const b = boot([
      'function a(){ var x=1;  return x; }', 'function c(){ var x=1;\n  return x;\n}', 'function d(x , y){\n  return x  +  1;\n}',
      'function e(){\n  /* k */ var y;\n    y=2; // t\n  }', 'var f=function(){ return function(){ return 2; }; };', 'var g=(p,q)=>p+q;',
      'class K { m(){return 1;} }', 'class L { constructor(v){ this.v=v; } }',
      'var r=[a.toString(), ""+c, String(d), ""+e, ""+f, ""+g, ""+K, ""+L, ""+K.prototype.m, ""+Math.sin, ""+print];',
      'print(a); print({f:g});',
    ].join('\n'));
    expect(b.eval('JSON.stringify(r)')).toBe(JSON.stringify(['function () {var x=1;  return x;}', 'function () {\n  var x=1;\n  return x;\n}', 'function (x,y) {return x  +  1;}',
      'function () {\n  var y;\n    y=2;\n}', 'function () {return function(){ return 2; };}', 'function (p,q) {return p+q}', 'function () {}', 'function (v) {this.v=v;}',
      'function () {return 1;}', 'function () { [native code] }', 'function () { [native code] }']));
    expect(b.output).toEqual(['function () {var x=1;  return x;}', '{ ', '  "f": function (p,q) {return p+q}', ' }']);
  });
});

describe('cardcage-sim --pins: a plain script with its pins driven from outside', () => {
  const sim = (args: string[]) => spawnSync(process.execPath, [join(ROOT, 'bin', 'cardcage-sim.mjs'), ...args], { encoding: 'utf8' });
  it('drives the pins by the plan on the virtual clock (as test/fidelity/pins-*.js, recorded with pins as files)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'pins-'));
    const f = join(dir, 'w.js');
    writeFileSync(f, 'setWatch(function (e) { print("D5", e.state); }, D5, { repeat: true, edge: "both" }); setTimeout(function () { print(digitalRead(D6)); clearWatch(); }, 400);');
    const r = sim(['--console', '--pins', 'D5=1@100,D6=1@200 D5=0@300', f]);
    expect(r.stdout).toBe('D5 true\nD5 false\n1\n');
    expect(r.status).toBe(0);
  });
  it('refuses a bad plan, naming the item, with status 2 (and no stack trace)', () => {
    expect(() => parsePinPlan('D5=2@100')).toThrow('pin plan: "D5=2@100" is not PIN=LEVEL@MS');
    expect(() => parsePinPlan('D99=1@5', ['D1'])).toThrow('this board has no pin D99');
    expect(parsePinPlan('D2=1@30 D1=z@10')).toEqual([{ pin: 'D1', level: undefined, at: 10 }, { pin: 'D2', level: 1, at: 30 }]);
    const r = sim(['--console', '--pins', 'D5=1@soon', join(ROOT, 'test', 'fidelity', 'pins-watch-both.js')]);
    expect(r.status).toBe(2);
    expect(r.stderr).toBe('cardcage-sim: pin plan: "D5=1@soon" is not PIN=LEVEL@MS (LEVEL 0, 1 or z, MS whole milliseconds after boot), as in D5=1@100\n');
  });
});

describe('E.getSizeOf as on the 2,630-JsVar build (13-byte JsVars)', () => {
  // recorded on Espruino 2v29's 32-bit Linux build with 2,630 JsVars
  it('values, keys, typed arrays, and per-key sizes with a depth', () => {
    const b = boot('', 'puckjs');
    expect(b.eval('var out = []; [true, false, null, undefined, 0, 1000, 2147483647, 4294967296, 1.5, "", "a", "abcd", "abcde", "abcdefgh", "abcdefghi", "abcdefghij", "abcdefghijk", "abcdefghijklmnop", "abcdefghijklmnopqrstu"].forEach(function (v) { out.push(E.getSizeOf({k: v}, 1)[0].size); }); out.join(" ")'))
      .toBe('2 2 2 1 1 1 2 2 2 2 2 2 2 2 3 3 3 3 4');
    expect(b.eval('[2047, 2048, -2048, -2049].map(function (v) { return E.getSizeOf({k: v}, 1)[0].size; }).join(" ")')).toBe('1 2 1 2');
    expect(b.eval('[E.getSizeOf({abcdefgh: 1}, 1)[0].size, E.getSizeOf({abcdefghijk: 1}, 1)[0].size, E.getSizeOf({abcdefghijklmnopq: 1}, 1)[0].size].join(" ")')).toBe('2 2 3');
    expect(b.eval('[E.getSizeOf(new Uint8Array(0)), E.getSizeOf(new Uint8Array(8)), E.getSizeOf(new Uint8Array(9)), E.getSizeOf(new Uint8Array(100)), E.getSizeOf(new Uint16Array(10)), E.getSizeOf(new ArrayBuffer(20))].join(" ")')).toBe('3 3 4 11 5 4');
    expect(b.eval('JSON.stringify(E.getSizeOf({a:1, b:"hello", c:[1,2,3], d:{x:1.5, y:"a longer string here"}, e:true}, 2))'))
      .toBe('[{"name":"a","size":1},{"name":"b","size":2},{"name":"c","size":5,"more":[{"name":"0","size":1},{"name":"1","size":1},{"name":"2","size":1}]},{"name":"d","size":8,"more":[{"name":"x","size":2},{"name":"y","size":4}]},{"name":"e","size":2}]');
    expect(b.eval('E.getSizeOf(5, 3)')).toBe(1);
  });
});

describe('the loader and templates', () => {
  it('a closure with a template literal in it runs (its length for the memory model is its text)', () => {
    const b = boot('function mk(x) { return function () { return `v=${x}`; }; } var f = mk(4); print(f());');
    expect(b.output).toEqual(['v=4']);
  });
});
