// Espruino's pretokenised form (host-sim/tokens.ts): the build stores the bundle this way and
// the simulator reads it back as Espruino's lexer does. A round trip must give the same tokens.
import { readFileSync } from 'node:fs';
import * as acorn from 'acorn';
import { describe, expect, it } from 'vitest';
import { tokenise, untokenise } from '../host-sim/tokens';
import { boardNames } from '../host-sim/profile';
import { readBundle } from '../host-sim/scenario';

const tokens = (s: string) => [...acorn.tokenizer(s, { ecmaVersion: 2020 })].map((t: any) => t.type.label + ':' + String(t.value));

describe('pretokenised code', () => {
  const cases = [
    'var a = "it\'s \\"quoted\\"\\n", b = \'\\xff\\x00\\x03\\x0a\';',
    'function f(x) { return x === 0 ? -1 : x !== 1 && x >>> 2 || x << 3; }',
    'a = b - -c; d = e + +f; g = h - --i; j = k++ + l;',
    'o = { of: 1, default: 2, in: 3 }; p = o.of + o.default + o.in + o.delete;',
    'for (let x of [1, 2]) if (x in o) x = typeof x; else delete o[x];',
    'n = [0, 1, 127, 128, 255, 256, 32767, 32768, 0xff, 1e3, 1.5, .5, 4294967295];',
    'r = /"[^"]*"\\//g.test(s) ? "a" : "b"; q = x / 2 / y;',
    'try { throw new Error("x") } catch (e) { z = e instanceof Error } finally { w = void x }',
    'const s = ""; let t = "' + 'y'.repeat(300) + '";',
    'u = () => { return this; }; v = (a, b) => a <= b;',
  ];
  for (const c of cases) {
    it(`round-trips: ${c.slice(0, 60)}`, () => {
      const t = tokenise(c);
      expect(t.length).toBeLessThanOrEqual(c.length);
      expect(tokens(untokenise(t))).toEqual(tokens(c));
    });
  }
  it('uses Espruino 2v29 token numbers (jslex.h): if 163, function 170, === 139, "ab" as 0xD1 2, 50 as 0xD4 50, 0 as 0xD3, 300 as 0xD5 44 1; 1..9 stay text (one byte)', () => {
    expect([...tokenise('if(a===b)function f(){return"ab"+50+0+300+5}')].map((c) => c.charCodeAt(0))).toEqual([
      163, 40, 97, 139, 98, 41, 170, 102, 40, 41, 123, 171, 0xd1, 2, 97, 98, 43, 0xd4, 50, 43, 0xd3, 43, 0xd5, 44, 1, 43, 53, 125,
    ]);
  });
  it('writes terser\'s void 0, !0 and !1 as the one-byte undefined, true and false, where nothing binds the number first', () => {
    const t = tokenise('a=!0,b=!1,c=void 0,d=!0[k],e=!1.5,f=void 0[1],g=!0?1:!1,h=x?!0:1');
    expect(untokenise(t)).toBe('a=true,b=false,c=undefined,d=!0[k],e=!1.5,f=void 0[1],g=true?1:false,h=x?!0:1');
    expect([...tokenise('return!0')].map((c) => c.charCodeAt(0))).toEqual([171, 180]);
  });
  it('keeps a string\'s bytes raw, whatever they are (quotes, newlines, Ctrl-C, 0xFF)', () => {
    const t = tokenise('x="a\\"\\n\\x03\\xff"');
    expect(t).toBe('x=' + String.fromCharCode(0xd1, 5) + 'a"\n\x03\xff');
  });
  it('keeps line breaks between top-level statements only', () => {
    expect(tokenise('a=10\nb={c:20,\nd:3}\n')).toBe('a=' + String.fromCharCode(0xd4, 10) + '\nb={c:' + String.fromCharCode(0xd4, 20) + ',d:3}');
  });
  it('leaves plain code as it is, and high bytes inside plain strings alone', () => {
    const plain = 'var s = "\xe9t\xe9"; // caf\xe9\nprint(s);';
    expect(untokenise(plain)).toContain('"\xe9t\xe9"');
    expect(untokenise('a = 1;')).toBe('a = 1;');
  });
  it('refuses a byte that is no token', () => {
    expect(() => untokenise('a=' + String.fromCharCode(0xc8))).toThrow(/no token/);
  });
  for (const board of boardNames()) {
    it(`${board}: the stored bundle reads back to the minified code's tokens, and is smaller`, () => {
      const stored = readBundle(board);
      const plain = untokenise(stored);
      expect(tokenise(plain)).toBe(stored);
      expect(stored.length).toBeLessThan(plain.length * 0.9);
    });
  }
});
describe('pretokenised code has no NUL byte (the Linux build reads a script file as a C string)', () => {
  it('writes an int or a string whose raw form would hold one as text', () => {
    const t = tokenise('a=[256,128,255,512,300,"\\x00a","' + 'z'.repeat(256) + '"]');
    expect(t).not.toContain('\0');
    expect(tokens(untokenise(t))).toEqual(tokens('a=[256,128,255,512,300,"\\x00a","' + 'z'.repeat(256) + '"]'));
  });
  for (const board of boardNames()) it(`${board}: the stored bundle`, () => expect(readBundle(board)).not.toContain('\0'));
});
