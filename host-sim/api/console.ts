// Espruino reference: print, console.log (info, warn, error, debug), btoa, atob —
// https://www.espruino.com/Reference#l__global_print
// Values are shown as Espruino's console shows them (host-sim/format.ts).
import { setGlobals, showArgs } from '../format';
import { typeName, type Global, type Sim } from './context';

export function installConsole(g: Global, sim: Pick<Sim, 'api' | 'data' | 'print' | 'err'>) {
  const { api, data, print } = sim;
  const out = (...a: unknown[]) => { setGlobals(g); print(showArgs(a)); };
  g.print = api(out);
  g.console = data({});
  for (const k of ['log', 'info', 'warn', 'error', 'debug']) g.console[k] = api(out);

  // jswrap_btoa: a String's char codes or an array's elements (each & 255)
  g.btoa = api((x) => {
    if (typeof x !== 'string' && (x === null || typeof x !== 'object')) throw sim.err(`Expecting String or Array, got ${typeName(x)}`);
    const b = typeof x === 'string' ? Array.from(x, (c) => c.charCodeAt(0) & 255) : Array.from(x as ArrayLike<number>, (v) => Math.trunc(Number(v)) & 255);
    return Buffer.from(b).toString('base64');
  });
  // jswrap_atob: the length comes from the count of non-space characters and the '=' at the
  // end; characters outside the alphabet are skipped but still take their place in a group of
  // 4, and what is not written stays "\0"
  g.atob = api((x) => {
    if (typeof x !== 'string') throw sim.err(`Expecting String, got ${typeName(x)}`);
    const ws = (c: string) => c === '\t' || c === '\v' || c === '\f' || c === ' ' || c === '\xa0' || c === '\n' || c === '\r';
    const chars = Array.from(x).filter((c) => !ws(c));
    let n = Math.floor((chars.length * 3) / 4);
    if (chars[chars.length - 1] === '=') n--;
    if (chars[chars.length - 2] === '=') n--;
    const out = new Array<number>(Math.max(0, n)).fill(0);
    const dec = (c: string) => { const i = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'.indexOf(c); return c && i >= 0 ? i : -1; };
    let o = 0;
    for (let i = 0; i < chars.length;) {
      let triple = 0, valid = 0;
      for (let k = 0; k < 4; k++) {
        if (i >= chars.length) continue;
        const s = dec(chars[i++]);
        if (s >= 0) { triple |= s << ((3 - k) * 6); valid = k; }
      }
      for (const [need, v] of [[0, triple >> 16], [1, triple >> 8], [2, triple]]) if (valid > need && o < out.length) out[o++] = v & 255;
    }
    return String.fromCharCode(...out);
  });
}
