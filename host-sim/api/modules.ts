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
    return load(n, Buffer.from(f).toString('latin1'));
  });
  // a module's text runs once, with exports, module and `this` (= exports)
  const load = (n: string, src: string | ((...a: unknown[]) => unknown)) => {
    const mod = { exports: sim.run('({})', n) };
    loaded.set(n, mod.exports);
    if (typeof src === 'function') {
      // (a function given to Modules.addCached: its body runs with exports and module at hand)
      const had = { e: g.exports, m: g.module };
      g.exports = mod.exports; g.module = mod;
      try { src.call(mod.exports); } finally { g.exports = had.e; g.module = had.m; if (had.e === undefined) delete g.exports; if (had.m === undefined) delete g.module; }
    } else {
      const m = sim.run(`(function (exports, module) {\n${src}\n})`, n) as (this: unknown, e: unknown, m: { exports: unknown }) => void;
      m.call(mod.exports, mod.exports, mod);
    }
    loaded.set(n, mod.exports);
    return mod.exports;
  };
  // Espruino reference: Modules — the cache of loaded modules (methods only, no own keys)
  const M = sim.run('(function Modules() {})', 'Modules') as Record<string, unknown>;
  const def = (k: string, f: (...a: any[]) => unknown) => Object.defineProperty(M, k, { value: api(f), writable: true, configurable: true, enumerable: false });
  def('addCached', (id, src) => { load(String(id), typeof src === 'function' ? src as () => unknown : String(src)); });
  def('removeCached', (id) => { if (!loaded.delete(String(id))) throw err(`Module "${String(id)}" not found`); });
  def('removeAllCached', () => { loaded.clear(); });
  def('getCached', () => sim.run(JSON.stringify([...loaded.keys()]), 'Modules'));
  g.Modules = M;
}
