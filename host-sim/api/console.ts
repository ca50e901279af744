// Espruino reference: print, console.log (info, warn, error, debug), btoa, atob —
// https://www.espruino.com/Reference#l__global_print
// Values are shown as Espruino's console shows them (host-sim/format.ts).
import { setGlobals, showArgs } from '../format';
import type { Global, Sim } from './context';

export function installConsole(g: Global, sim: Pick<Sim, 'api' | 'data' | 'print'>) {
  const { api, data, print } = sim;
  const out = (...a: unknown[]) => { setGlobals(g); print(showArgs(a)); };
  g.print = api(out);
  g.console = data({});
  for (const k of ['log', 'info', 'warn', 'error', 'debug']) g.console[k] = api(out);

  g.btoa = api((x) => Buffer.from(String(x), 'latin1').toString('base64'));
  g.atob = api((x) => Buffer.from(String(x), 'base64').toString('latin1'));
}
