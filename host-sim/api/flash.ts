// Espruino reference: the Flash module, require("Flash") — getFree, getPage, read, write,
// erasePage — https://www.espruino.com/Reference#Flash
// The flash is the board's NorFlash (host-sim/flash.ts); a power cut in write/erase halts it.
import { PowerCut } from '../flash';
import { toBytes, type Sim } from './context';

/** the object require("Flash") returns */
export function flashModule(sim: Pick<Sim, 'api' | 'err' | 'data' | 'bytes' | 'flash' | 'halt'>) {
  const { api, err, data, bytes, flash: F, halt } = sim;
  const flash = data({}) as any;
  const addr = (a: unknown) => { if (typeof a !== 'number' || !Number.isInteger(a)) throw err(`Address should be an integer, got ${a === undefined ? 'undefined' : typeof a === 'string' ? 'String' : typeof a}`); return a; };
  flash.getFree = api(() => data(F.getFree()));
  flash.getPage = api((a) => { const pg = F.getPage(addr(a)); return pg ? data(pg) : undefined; });
  flash.read = api((n, a) => { try { return bytes(F.read(Number(n), addr(a))); } catch (e) { throw err((e as Error).message); } });
  flash.write = api((d, a) => {
    if (d === undefined) throw err('Data is not defined');
    try { F.write(toBytes(d), addr(a)); } catch (e) { if (e instanceof PowerCut) { halt('cut'); throw e; } throw err((e as Error).message); }
  });
  flash.erasePage = api((a) => {
    try { F.erasePage(addr(a)); } catch (e) { if (e instanceof PowerCut) { halt('cut'); throw e; } throw err((e as Error).message); }
  });
  return flash;
}
