// Espruino reference: require — https://www.espruino.com/Reference#l__global_require
// The board's built-in modules only (process.env.MODULES); there is no module loading.
import type { Global, Sim } from './context';

export function installRequire(g: Global, sim: Pick<Sim, 'api' | 'err'>, modules: Record<string, unknown>) {
  const { api, err } = sim;
  g.require = api((name) => {
    if (typeof name === 'string' && Object.hasOwn(modules, name)) return modules[name];
    throw err(`Module ${String(name)} not found`);
  });
}
