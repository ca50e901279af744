// Espruino reference: require — https://www.espruino.com/Reference#l__global_require
// The board's built-in modules (process.env.MODULES), then a module stored in Storage under
// that name: its text runs once with `exports` and `module` in scope, and the module object is
// kept (a second require gives the same object), as Espruino does.
import type { Global, Sim } from './context';

export function installRequire(g: Global, sim: Pick<Sim, 'api' | 'err' | 'storage' | 'run'>, modules: Record<string, unknown>) {
  const { api, err } = sim;
  const loaded = new Map<string, unknown>();
  g.require = api((name) => {
    if (typeof name === 'string' && Object.hasOwn(modules, name)) return modules[name];
    const n = String(name);
    if (loaded.has(n)) return loaded.get(n);
    const f = sim.storage.files.get(n);
    if (!f) throw err(`Module "${n}" not found`);
    const m = sim.run(`(function (exports, module) {\n${Buffer.from(f).toString('latin1')}\n})`, n) as (e: unknown, m: { exports: unknown }) => void;
    const mod = { exports: sim.run('({})', n) };
    loaded.set(n, mod.exports);
    m(mod.exports, mod);
    loaded.set(n, mod.exports);
    return mod.exports;
  });
}
