// Espruino reference: process (env, version, memory), load, reset —
// https://www.espruino.com/Reference#process , #l__global_load , #l__global_reset
// load() and reset() run E.on('kill') handlers, then restart the interpreter (not the chip).
import { Reboot, type Global, type Sim } from './context';

export function installProcess(g: Global, sim: Pick<Sim, 'api' | 'data' | 'profile' | 'memory' | 'handlers' | 'call' | 'halt' | 'forgetCode'>) {
  const { api, data, profile: p, call } = sim;
  g.process = data({ env: { VERSION: '2v29', BOARD: p.name.toUpperCase(), FLASH: p.flash.region.length, STORAGE: p.flash.storage.length, MODULES: 'Flash,Storage' }, version: '2v29' });
  g.process.memory = api(() => data(sim.memory()));
  const kill = () => { for (const fn of sim.handlers.kill ?? []) call(fn, []); };
  // the next boot runs the program given at start, else Storage's .bootcde; reset() forgets
  // the program given
  g.load = api(() => { kill(); sim.halt('reboot', 'load()'); throw new Reboot(); });
  g.reset = api(() => { kill(); sim.forgetCode(); sim.halt('reboot', 'reset()'); throw new Reboot(); });
}
