// Espruino reference: I2C (I2C1.setup, writeTo, readFrom) — https://www.espruino.com/Reference#I2C
// One object per bus of the profile's; its devices are the cards' (host-sim/cards.ts).
import type { Global, Sim } from './context';

export function installI2C(g: Global, sim: Pick<Sim, 'api' | 'err' | 'data' | 'bytes' | 'profile' | 'buses'>) {
  const { api, err, data, bytes, profile, buses } = sim;
  for (const [bus, b] of buses) {
    g[bus] = data({});
    // the profile's pins only: scl/sda are checked when given
    g[bus].setup = api((o) => {
      const want = profile.i2c!.find((x) => x.bus === bus)!;
      if (o && typeof o === 'object' && ((o as any).scl !== undefined || (o as any).sda !== undefined)) {
        if (String((o as any).scl) !== want.scl || String((o as any).sda) !== want.sda) throw err(`${bus}: scl/sda must be ${want.scl}/${want.sda} on this board (profile)`);
      }
      b.setup = true;
    });
    // writeTo's data: numbers, Strings, arrays, and {data, count} objects, flattened to bytes
    const flat = (a: unknown[]): number[] => a.flatMap((x: any) => (typeof x === 'number' ? [x & 0xff] : typeof x === 'string' ? [...x].map((c) => c.charCodeAt(0) & 0xff) : x && typeof x === 'object' && 'data' in x ? new Array(x.count ?? 1).fill(flat([x.data])).flat() : Array.from(x as ArrayLike<number>, (v) => v & 0xff)));
    // the device at an address (a number, or {address})
    const dev = (addr: unknown) => {
      if (!b.setup) throw err(`${bus} not set up: call ${bus}.setup({scl, sda}) first`);
      const a = typeof addr === 'object' && addr ? Number((addr as any).address) : Number(addr);
      const d = b.devices.get(a);
      // no device, or one that does not acknowledge now (an EEPROM in its write cycle)
      if (!d || (d.ack && !d.ack())) throw err('I2C got NACK', 'InternalError');
      return d;
    };
    g[bus].writeTo = api((addr, ...data) => { dev(addr).write(flat(data)); });
    g[bus].readFrom = api((addr, n) => bytes(dev(addr).read(Number(n))));
  }
}
