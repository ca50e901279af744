// Espruino reference: pinMode, getPinMode, digitalRead, digitalWrite, analogRead, setWatch,
// clearWatch — https://www.espruino.com/Reference#l__global_setWatch
// The pins themselves (levels, modes, watches) are the board's SimPins (host-sim/pins.ts).
import type { Global, Sim } from './context';

export function installPins(g: Global, sim: Pick<Sim, 'api' | 'err' | 'pins'>) {
  const { api, err, pins } = sim;
  // SimPins' errors, as errors of the sandbox
  const pinErr = <T>(f: () => T): T => { try { return f(); } catch (e) { throw err((e as Error).message); } };
  g.pinMode = api((pin, mode, auto) => pinErr(() => pins.pinMode(pin, mode, auto)));
  g.getPinMode = api((pin) => pinErr(() => pins.mode(pins.name(pin))));
  g.digitalRead = api((pin) => pinErr(() => pins.digitalRead(pin)));
  g.digitalWrite = api((pin, v) => pinErr(() => pins.digitalWrite(pin, v)));
  g.analogRead = api((pin) => pinErr(() => pins.analogRead(pin)));
  g.setWatch = api((fn, pin, opts) => pinErr(() => pins.setWatch(fn, pin, opts)));
  // no argument: every watch; undefined is refused
  g.clearWatch = api((...a) => {
    if (a.length && a[0] === undefined) throw err('clearWatch(undefined) not allowed. Use clearWatch() instead');
    return pinErr(() => pins.clearWatch(a.length ? a[0] : undefined));
  });
}
