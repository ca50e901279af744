// Espruino reference: the Flash module, require("Flash") — getFree, getPage, read, write,
// erasePage — https://www.espruino.com/Reference#Flash
// The flash is the board's NorFlash (host-sim/flash.ts); a power cut in write/erase halts it.
import { PowerCut } from '../flash';
import { toInt } from '../storage';
import { toBytes, type Sim } from './context';

/** the object require("Flash") returns */
export function flashModule(sim: Pick<Sim, 'api' | 'err' | 'data' | 'bytes' | 'flash' | 'halt'>) {
  const { api, err, data, bytes, flash: F, halt } = sim;
  const flash = data({}) as any;
  /** Espruino's %t: the type of a value, as errors name it */
  const typeName = (a: unknown) => a === undefined ? 'undefined' : a === null ? 'null' : Array.isArray(a) ? 'Array'
    : typeof a === 'number' ? 'Number' : typeof a === 'string' ? 'String' : typeof a === 'boolean' ? 'Boolean' : typeof a === 'function' ? 'Function' : 'Object';
  // erasePage takes only an int: a whole float the loader could see (`x/1`, its __sim_float
  // mark) is refused as Espruino refuses it; one it could not see passes here
  const intAddr = (a: unknown) => {
    if (a !== null && typeof a === 'object' && typeof (a as { __sim_float?: unknown }).__sim_float === 'number') throw err('Address should be an integer, got Number');
    if (typeof a !== 'number' || !Number.isInteger(a)) throw err(`Address should be an integer, got ${typeName(a)}`);
    return a;
  };
  const cut = (e: unknown) => { if (e instanceof PowerCut) { halt('cut'); throw e; } throw err((e as Error).message); };
  // the other functions take "int" parameters: converted (a float's whole part, a String's number)
  flash.getFree = api(() => data(F.getFree()));
  flash.getPage = api((a) => { const pg = F.getPage(toInt(a)); return pg ? data(pg) : undefined; });
  flash.read = api((n, a) => {
    const len = toInt(n);
    if (len <= 0) return undefined;
    try { return bytes(F.read(len, toInt(a))); } catch (e) { throw err((e as Error).message); }
  });
  flash.write = api((d, a) => {
    if (d === undefined) throw err('Data is not defined');
    const b = toBytes(d);
    if (!b.length) return;
    try { F.write(b, toInt(a)); } catch (e) { cut(e); }
  });
  flash.erasePage = api((a) => {
    const at = intAddr(a);
    if (!F.getPage(at)) return; // no page there: nothing (jshFlashErasePage)
    try { F.erasePage(at); } catch (e) { cut(e); }
  });
  return flash;
}
