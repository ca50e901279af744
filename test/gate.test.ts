// The bundle gate: every built bundle passes it, stays under the size budget in package.json,
// and boots in the simulator (and on a real interpreter where ESPRUINO_BIN is set). The gate
// itself is checked on each construct espruino.md lists.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkBundle } from '../host-sim/gate';
import { untokenise } from '../host-sim/tokens';
import { boardNames, ROOT } from '../host-sim/profile';
import { ESPRUINO_BIN, realDir, runReal } from '../host-sim/real';
import { bundlePath, readBundle, storedPath, bundleFiles } from '../host-sim/scenario';
import { boot, bootBundle } from './helpers';
import type { SimBoard } from '../host-sim/board';

const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));

describe('the gate finds what Espruino cannot run', () => {
  const bad: [string, RegExp][] = [
    ['var {a} = o;', /destructuring/],
    ['var [a, b] = o;', /destructuring/],
    ['f(...xs);', /spread/],
    ['function f(...r) {}', /spread\/rest/],
    ['function f(a = 1) {}', /default parameter/],
    ['async function f() {}', /async function/],
    ['function* g() {}', /generator/],
    ['var x = a?.b;', /optional chaining/],
    ['var x = 2 ** 3;', /\*\* operator/],
    ['x ??= 1;', /\?\?= operator/],
    ['l: for (;;) { break l; }', /label/],
    ['switch (x) { default: f(); case 1: g(); }', /case after default/],
    ['var o = { [k]: 1 };', /computed key/],
    ['class A { #x = 1; }', /private #name/],
    ['var t = tag`x`;', /tagged template/],
    ['function F() { return new.target; }', /new\.target/],
    ['var n = 1n;', /BigInt literal/],
    ['var s = "\\u{1F600}";', /\\u\{\.\.\.\} escape/],
    ['var r = /a.b/s;', /regular expression flag/],
    ['var m = new Map();', /Map \(missing on Espruino\)/],
    ['var s = Symbol("x");', /Symbol/],
    ['var a = Array.from(x);', /Array\.from/],
    ['var i = Number.isInteger(x);', /Number\.isInteger/],
    ['var t = Math.trunc(x);', /Math\.trunc/],
    ['Object.freeze(o);', /Object\.freeze/],
    ['x.lastIndexOf(1);', /\.lastIndexOf\(\)/],
    ['p.finally(f);', /\.finally\(\)/],
    ['var s = Array.prototype.slice.call(arguments);', /Array\.prototype\.\*/],
    ['f.call.apply(Function.prototype.call, x);', /Function\.prototype\.\*/],
    ['class E2 extends Error {}', /class extends Error/],
    ['var fs = require("fs");', /require of something other than "Flash" or "Storage"/],
    ['var m = require("x" + name);', /require of something other/],
    ['var ok = /^[a-z]{1,8}$/.test(s);', /no counted repetition/],
    ['early(); function early() {}', /early is used before its declaration runs/],
    ['function outer() { var x = inner(); function inner() { return 1; } return x; }', /inner is used before its declaration runs/],
    ['var q = later; function later() {}', /later is used before its declaration/],
    ['function f() { x = 1; var x; return x; }', /x is used before its var statement runs/],
    ['function g() { if (y) return; for (var y = 0; y < 2; y++) {} }', /y is used before its var statement runs/],
    ['var broken = ;', /does not parse/],
    ['for (let i = 0; i < 3; i++) fs.push(function () { return i; });', /captures its let i: Espruino has one binding for the whole loop/],
    ['for (const s of slots) s.watch(() => go(s));', /captures its const s/],
  ];
  for (const [src, what] of bad) {
    it(src, () => {
      const f = checkBundle(src);
      expect(f.map((x) => x.what).join('\n')).toMatch(what);
      expect(f[0].line).toBe(1);
    });
  }
  it('refuses an erasePage address that is not made an int where it is passed', () => {
    expect(checkBundle('F.erasePage(a / 2);').map((f) => f.what)).toEqual(['.erasePage(): Espruino refuses a float here ("Address should be an integer"); pass an int (x | 0)']);
    expect(checkBundle('F.erasePage(a);')).toHaveLength(1);
    expect(checkBundle('F.erasePage(a | 0); F.erasePage(4096);')).toEqual([]);
  });

  it('names the line and column', () => {
    expect(checkBundle('var a = 1;\nvar b = {\n  c: [...a] };')).toEqual([{ line: 3, column: 6, what: 'spread/rest (...)' }]);
  });

  const good = [
    'var a = function () { return b(); }; function b() { return 1; } a();', // call from a function that runs later
    'function b() {} b();',
    'let x = 1; const y = () => x; for (const v of [1, 2]) y(v);',
    'var t = `a${1}b`; var n = a ?? b; try { f(); } catch { }',
    'class A { constructor() { this.x = 1; } get y() { return 2; } static s() {} } class B extends A {}',
    'var s = [].slice.call(arguments); var m = o.map; var k = { Map: 1 }; k.Map = 2;',
    'var F = require("Flash"); var S = require("Storage");',
    'function f() { if (x) { let g = 1; g(); } function g() {} }', // the inner block's own g
    'for (let i = 0; i < 3; i++) { a.push(i); f(function (j) { return j; }); }', // no capture
    'for (const t in o) o[t].every(t => g(t));', // the arrow's own t (a minifier reuses names)
    'function f(x) { x = 1; var x; var g = function () { return y; }; var y = 2; return g(); }', // a parameter; a nested function runs later
  ];
  for (const src of good) it(`accepts: ${src}`, () => expect(checkBundle(src)).toEqual([]));
});

describe('built bundles', () => {
  for (const board of boardNames()) {
    describe(board, () => {
      const src = readBundle(board);
      it('passes the gate', () => {
        expect(checkBundle(src)).toEqual([]);
      });
      it(`is within the budget of ${pkg.cardcage.bundleBudgetBytes} bytes`, () => {
        expect(statSync(storedPath(board)).size).toBeLessThanOrEqual(pkg.cardcage.bundleBudgetBytes);
      });
      it('attributes every byte to a mechanism (dist/cardcage-<board>.sizes.json, from the source map)', () => {
        const z = JSON.parse(readFileSync(bundlePath(board).replace(/\.js$/, '.sizes.json'), 'utf8'));
        const sum = Object.keys(z.shares).reduce((a: number, k: string) => a + z.shares[k], 0);
        expect(sum).toBe(statSync(storedPath(board)).size);
        // every mechanism built so far has code in the bundle, and the profile is embedded
        for (const m of ['core', 'profile', 'hotplug', 'ring', 'storage']) expect(z.shares[m], m).toBeGreaterThan(500);
      });
      it('keeps Flash as require("Flash")', () => {
        expect(untokenise(src)).toContain('require("Flash")');
      });
      it('has a RAM form (for the REPL): plain text, one top-level statement per line, only cardcage and $-prefixed names global, passing the gate; it boots where the board has room', () => {
        const ram = readFileSync(bundlePath(board), 'latin1');
        expect(ram).not.toMatch(/[\x80-\xff]/);
        expect(checkBundle(ram)).toEqual([]);
        expect(ram.split('\n')[0]).toBe('var $0 = E.getFlags().pretokenise; E.setFlags({ pretokenise: 1 });');
        const b = boot(ram, board, { files: bundleFiles(board) });
        b.runFor(1000);
        // sent to RAM, the bundle's text is held in JsVars: on 2,630 it may run out of memory
        // while loading; from 5,100 (a Pico, as the 5,100 build) it boots. Where it does not
        // run out, it boots whole
        if (b.output.includes('OUT OF MEMORY')) {
          expect(b.output).toContain('OUT OF MEMORY');
          expect(b.profile.jsvars).toBeLessThan(5100);
          return;
        }
        expect(b.output.slice(-1)).toEqual(['hp 0.000 ring: recovered 0 requests, 0 in flight, 0 completions to deliver']);
        expect(b.eval('typeof cardcage.ring.submit + E.getFlags().pretokenise')).toBe('function0');
        const keys = (x: SimBoard) => (x.eval('Object.keys(global).join(" ")') as string).split(' ');
        const empty = boot('', board);
        expect(keys(b).filter((k) => !keys(empty).includes(k) && !/^(\$|__sim_)/.test(k) && k !== 'cardcage')).toEqual([]);
      });
      it('boots in the simulator: a boot line, every slot empty, no error', () => {
        const b = bootBundle(board);
        b.runFor(1000);
        // every shipped board runs the ring: raw pages of its own, or Storage files (pico, linux)
        const ring = 'hp 0.000 ring: recovered 0 requests, 0 in flight, 0 completions to deliver';
        expect(b.output.slice(1)).toEqual([...b.profile.slots.map((_, i) => `hp 0.000 s${i} = empty`), ring]);
        expect(b.output[0]).toMatch(new RegExp(`^cardcage ${pkg.version.replace(/\./g, '\\.')} board=${board} espruino=2v29 free=\\d+/${b.profile.jsvars}$`));
        expect(b.eval('cardcage.runtime.ringFault')).toBe('');
        expect(b.eval('cardcage.ring.stats(1).free')).toBe(b.profile.ring.queueSize);
      });
    });
  }

  it('a flash region not free on the board: the ring and storage refuse with the reason, hot-plug runs, the fault is an error', () => {
    const b = bootBundle('puckjs', {});
    b.flash.geo.free.splice(0, 1, { addr: 0x60000, length: 0x1000 });
    b.reboot('test');
    const why = 'flash.region: 0x68000+16384 is not inside Flash.getFree()';
    expect(b.output).toContain('hp 0.000 ring: FAULT ' + why);
    expect(b.eval('cardcage.runtime.errors')).toBe(1);
    expect(() => b.eval('cardcage.ring.stats(1)')).toThrow('ring: not running on this board (' + why + ')');
    expect(() => b.eval('cardcage.ring.submit(1, ["x"])')).toThrow('ring: not running on this board (' + why + ')');
    expect(() => b.eval('cardcage.storage.sets()')).toThrow('storage: not running on this board (' + why + ')');
    // hot-plug needs no flash: a card still comes online, and can be ejected
    b.insert(0, { type: 1 });
    b.runFor(2000);
    expect(b.eval('cardcage.devices().map(function (d) { return d.slot + ":" + d.name; })')).toEqual(['0:sensor']);
    expect(b.eval('cardcage.slots()[0].state')).toBe('online');
    b.eval('cardcage.eject(0)');
    b.runFor(8000);
    expect(b.eval('cardcage.slots()[0].state')).toBe('off');
    expect(b.eval('cardcage.devices().length')).toBe(0);
  });

  it('faults are errors whatever trace says: printed, counted, and given to on("error")', () => {
    const b = bootBundle('linux', {});
    b.eval('cardcage.runtime.trace = false; var E1 = []; cardcage.on("error", function (e) { E1.push(e.slot + " " + e.why); });');
    const n = b.output.length;
    b.eval('cardcage.ring.serve(3, function (r, done) { throw new Error("bug"); }); cardcage.ring.submit(3, ["x"], function (c) { print("DONE " + c.status); });');
    b.runFor(100);
    expect(b.eval('E1')).toEqual([
      '-1 ring: back end failed on port 3 request 0: Error: bug; retrying the chain',
      '-1 ring: back end failed on port 3 request 0: Error: bug; retrying the chain',
      '-1 ring: back end failed on port 3 request 0: Error: bug; retrying the chain',
      '-1 ring: port 3 request 0 failed 3 times: EIO',
    ]);
    expect(b.eval('cardcage.runtime.errors')).toBe(4);
    // printed, trace or not; and nothing else (trace is off)
    expect(b.output.slice(n).map((l) => l.replace(/^hp [0-9.]+ /, ''))).toEqual(b.eval('E1').map((e: string) => e.slice(3)).concat(['DONE 5']));
  });
});

describe('the message table (cardcage.msg beside the bundle)', () => {
  const table = bundleFiles('linux')['cardcage.msg'];
  const lines = table.split('\n');
  it('holds the texts of the log and of errors, one a line after the build\'s id; the bundle holds none of them', () => {
    expect(lines[0]).toMatch(/^cardcage-[0-9a-z]+$/);
    expect(lines.pop()).toBe(''); // (every line ends with a newline)
    expect(lines.length).toBeGreaterThan(40);
    expect(lines).toContain('flashlog: no complete snapshot, replaying every page');
    expect(untokenise(readBundle('linux'))).not.toContain('flashlog: no complete snapshot');
    expect(readBundle('linux')).toContain(lines[0]);
    // cardcage.msg(n) gives line n
    const b = bootBundle('linux');
    expect(b.eval('cardcage.msg(1) + "|" + cardcage.msg(' + (lines.length - 1) + ')')).toBe(lines[1] + '|' + lines[lines.length - 1]);
  });
  it('a text joined from pieces is one line with a % for each piece that is not a literal, and msg(n, pieces...) puts them in', () => {
    const k = lines.indexOf('ID resistor reads %, in no band');
    expect(k).toBeGreaterThan(0);
    expect(untokenise(readBundle('linux'))).not.toContain(', in no band');
    const b = bootBundle('linux');
    expect(b.eval(`cardcage.msg(${k}, 0.5)`)).toBe('ID resistor reads 0.5, in no band');
    const two = lines.findIndex((l) => l.split('%').length === 3);
    const [x, y, z] = lines[two].split('%');
    expect(b.eval(`cardcage.msg(${two}, "a%", 7)`)).toBe(x + 'a%' + y + 7 + z); // (a % in a piece is not a place)
    // without the table: "#n " and the pieces
    const bare = boot(readBundle('linux'), 'linux', { stored: true, files: {} });
    expect(bare.eval(`cardcage.msg(${k}, 0.5) + "|" + cardcage.msg(${k})`)).toBe(`#${k} 0.5 |#${k} `);
  });
  it('missing, or written by another build: messages read "#n", and the runtime runs on', () => {
    const work = 'cardcage.ring.serve(1, function (r, done) { done(0, "ok"); }); cardcage.ring.onComplete(1, function (c) { print("DONE " + c.status); }); cardcage.ring.submit(1, ["x"]);';
    const tables: { [name: string]: string }[] = [{}, { 'cardcage.msg': 'cardcage-other\n' + lines.slice(1).join('\n') + '\n' }, { 'cardcage.msg': lines[0] + '\nshort\n' }];
    for (const files of tables) {
      const b = boot(readBundle('linux') + '\n' + work, 'linux', { stored: true, files });
      b.runFor(500);
      expect(b.output).toContain('DONE 0');
      const rec = b.output.find((l) => / s?\S* ?#\d+ /.test(l) || /#\d+ 0/.test(l));
      expect(rec, b.output.join('\n')).toBeDefined();
      expect(b.output.join('\n')).not.toMatch(/ring: recovered/);
      expect(b.output.join('\n')).not.toMatch(/Uncaught|OUT OF MEMORY/);
    }
  });
});

describe('the shape of the firmware', () => {
  it('its modules import one way: no import circle (type imports included)', () => {
    const dir = join(ROOT, 'firmware');
    const files = (readdirSync(dir, { recursive: true }) as string[]).filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts')).map((f) => join(dir, f));
    const deps = new Map(files.map((f) => [f, [...readFileSync(f, 'utf8').matchAll(/from '(\.[^']+)'/g)].map((m) => join(dirname(f), m[1]) + '.ts')]));
    const circles: string[] = [];
    const path: string[] = [];
    const done = new Set<string>();
    const visit = (f: string) => {
      if (path.includes(f)) return void circles.push([...path.slice(path.indexOf(f)), f].map((x) => relative(dir, x)).join(' -> '));
      if (done.has(f)) return;
      path.push(f);
      (deps.get(f) ?? []).forEach(visit);
      path.pop();
      done.add(f);
    };
    files.forEach(visit);
    expect(files.length).toBeGreaterThan(10);
    expect(circles).toEqual([]);
  });

  it('publishes a small, deliberate API: the one global and its members, not the internals', () => {
    const b = bootBundle('linux');
    expect(b.eval('Object.keys(cardcage).join(" ")')).toBe('cancelEject containers devices eject mgmt msg on ring runtime slots storage');
    expect(b.eval('Object.keys(cardcage.runtime).join(" ")')).toBe('version board trace errors ringFault');
    expect(b.eval('Object.keys(cardcage.ring).join(" ") + "; " + Object.keys(cardcage.storage).join(" ")')).toBe('submit serve onComplete stats; bind sets resource');
  });
});

describe.skipIf(!ESPRUINO_BIN)('hardware in the loop: the linux bundle on a real interpreter (ESPRUINO_BIN)', () => {
  it('storage sets: a write and a read on a bound port, a refusal on another', () => {
    const work = `
function io(port, op, blk, data) { var h = new Uint8Array([op, 1, blk, 0]); cardcage.ring.submit(port, data ? [h, data] : [h], function (c) { print("IO " + port + " " + op + " " + c.status + " " + E.toString(c.data).replace(/\\0+$/, "")); }); }
io(1, 2, 4, "on a real interpreter"); io(2, 1, 4); io(0, 1, 4); io(0, 2, 4, "x");
setTimeout(quit, 300);`;
    const r = runReal(readBundle('linux') + work, 10, undefined, ESPRUINO_BIN, bundleFiles('linux'));
    // the back end takes the ports in order: port 0's refusals first
    expect(r.lines.filter((l) => l.startsWith('IO '))).toEqual(['IO 0 1 1 ', 'IO 0 2 1 ', 'IO 1 2 0 ', 'IO 2 1 0 on a real interpreter']);
    expect(r.lines.join('\n')).not.toMatch(/Uncaught|ERROR|ASSERT/);
  });

  it('runs requests through the ring, and recovers them after a restart', () => {
    const work = `
cardcage.ring.serve(1, function (r, done) { print("EXEC " + r.id + (r.replay ? " replay" : "")); if (r.id < 3) done(0, "ok" + r.id); });
cardcage.ring.onComplete(1, function (c) { print("DONE " + c.id + " " + E.toString(c.data) + (c.replay ? " replay" : "")); });
for (var i = 0; i < 5; i++) cardcage.ring.submit(1, ["req" + i]);
setTimeout(function () { print(JSON.stringify(cardcage.ring.stats(1))); quit(); }, 300);`;
    const dir = realDir();
    const r = runReal(readBundle('linux') + work, 10, dir, ESPRUINO_BIN, bundleFiles('linux'));
    expect(r.lines.filter((l) => /^(EXEC|DONE|\{)/.test(l))).toEqual(['EXEC 0', 'DONE 0 ok0', 'EXEC 1', 'DONE 1 ok1', 'EXEC 2', 'DONE 2 ok2', 'EXEC 3', 'EXEC 4', '{"nextId":5,"inflight":2,"waiting":0,"undelivered":0,"free":6,"status":"00011000"}']);
    expect(r.lines.join('\n')).not.toMatch(/Uncaught|ERROR|ASSERT/);
    // the interpreter stops with requests 3 and 4 in flight. Started again on the same flash,
    // Espruino keeps Storage, whose files the log is: the two chains are resubmitted
    const again = `
cardcage.ring.serve(1, function (r, done) { print("EXEC " + r.id + (r.replay ? " replay" : "")); done(0, "ok" + r.id); });
cardcage.ring.onComplete(1, function (c) { print("DONE " + c.id + " " + E.toString(c.data) + (c.replay ? " replay" : "")); });
setTimeout(function () { print(JSON.stringify(cardcage.ring.stats(1))); quit(); }, 300);`;
    const r2 = runReal(readBundle('linux') + again, 10, dir);
    expect(r2.lines.filter((l) => /Storage is corrupt/.test(l))).toEqual([]);
    expect(r2.lines.some((l) => l.endsWith(' ring: recovered 2 requests, 2 in flight, 0 completions to deliver'))).toBe(true);
    expect(r2.lines.filter((l) => /^(EXEC|DONE|\{)/.test(l))).toEqual(['EXEC 3 replay', 'DONE 3 ok3 replay', 'EXEC 4 replay', 'DONE 4 ok4 replay', '{"nextId":5,"inflight":0,"waiting":0,"undelivered":0,"free":8,"status":"00000000"}']);
  });

  it('boots and prints its boot line', () => {
    // the watchdog's kick keeps the interpreter running: stop it after boot
    const r = runReal(readBundle('linux') + '\nsetTimeout(quit, 300);', 10, undefined, ESPRUINO_BIN, bundleFiles('linux'));
    expect(r.status).toBe(0);
    expect(r.lines[0]).toMatch(/^cardcage \d+\.\d+\.\d+ board=linux espruino=2v\d+\S* free=\d+\/\d+$/);
    // the Linux build's pins read 0: with active-high card detect, a cage with no cards
    expect(r.lines.slice(1).map((l) => l.replace(/^hp [\d.]+ /, ''))).toEqual(['s0 = empty', 's1 = empty', 's2 = empty', 's3 = empty', 'ring: recovered 0 requests, 0 in flight, 0 completions to deliver']);
    expect(r.lines.join('\n')).not.toMatch(/Uncaught|ERROR|WARNING/);
  });
});
if (!ESPRUINO_BIN) console.log('hil: ESPRUINO_BIN not set: the bundle is not booted on a real interpreter (skipped)');
