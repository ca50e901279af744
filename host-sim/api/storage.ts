// Espruino reference: the Storage module, require("Storage") — https://www.espruino.com/Reference#Storage
// The files and their rules are the board's SimStorage (host-sim/storage.ts); this hands its
// functions to the sandbox, with errors and results made in the sandbox's realm.
import { PowerCut } from '../flash';
import type { Sim } from './context';
import { storageFileApi } from './storagefile';

/** the object require("Storage") returns */
export function storageModule(sim: Pick<Sim, 'api' | 'err' | 'data' | 'bytes' | 'storage' | 'print'>) {
  const { api, err, data, bytes, storage, print } = sim;
  storage.boot();
  const st = storage.api((s) => print(s));
  const mod = data({}) as any;
  const wrap = (f: (...x: unknown[]) => unknown) => api((...a: unknown[]) => {
    let r: unknown;
    try { r = f(...a); } catch (e) { if (e instanceof PowerCut) throw e; throw err((e as Error).message, (e as { espType?: string }).espType); }
    if (r instanceof ArrayBuffer) return bytes(new Uint8Array(r)).buffer;
    return r !== null && typeof r === 'object' ? data(r) : r;
  });
  for (const [k, f] of Object.entries(st)) mod[k] = wrap(f as (...x: unknown[]) => unknown);
  mod.open = storageFileApi(sim, wrap);
  return mod;
}
