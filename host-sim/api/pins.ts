// Espruino reference: pinMode, getPinMode, digitalRead, digitalWrite, analogRead, setWatch,
// clearWatch — https://www.espruino.com/Reference#l__global_setWatch
// The pins themselves (levels, modes, watches) are the board's SimPins (host-sim/pins.ts).
import vm from 'node:vm';
import type { Global, Sim } from './context';

// Espruino's Pin class (jswrap_pin.c): D0, LED1 ... are Pins, whose methods the application can
// add to (Pin.prototype); a Pin prints and converts to text as its name. (On Espruino a Pin
// is a number underneath, typeof "number"; here it is an object: typeof says "object".)
const PIN_JS = `(function (g, names, api) {
  function Pin(v) {
    if (!(this instanceof Pin)) return v instanceof Pin ? v : new Pin(v);
    var name = v instanceof Pin ? v.__n : typeof v === 'number' ? (names[v] || '') : String(v === undefined ? '' : v);
    (g.__sim_dp || Object.defineProperty)(this, '__n', { value: name, enumerable: false });
  }
  var P = Pin.prototype, def = function (k, f) { (g.__sim_dp || Object.defineProperty)(P, k, { value: f, writable: true, configurable: true, enumerable: false }); };
  def('toString', function () { return this.__n; });
  def('valueOf', function () { var i = names.indexOf(this.__n); return i < 0 ? NaN : +(/[0-9]+$/.exec(this.__n) || [i])[0]; });
  def('toJSON', function () { return this.__n; });
  def('read', function () { return !!api.digitalRead(this); });
  def('write', function (v) { api.digitalWrite(this, v); });
  def('set', function () { api.digitalWrite(this, 1); });
  def('reset', function () { api.digitalWrite(this, 0); });
  def('toggle', function () { var v = !api.digitalRead(this); api.digitalWrite(this, v); return v; });
  def('mode', function (m) { api.pinMode(this, m); });
  def('getMode', function () { return api.getPinMode(this); });
  def('analog', function () { return api.analogRead(this); });
  (g.__sim_dp || Object.defineProperty)(g, 'Pin', { value: Pin, writable: true, configurable: true, enumerable: false });
  names.forEach(function (n) { g[n] = new Pin(n); });
})`;

/** a pin given to digitalRead/digitalWrite that is an object with its own read/write (not a
 * Pin, not a name): Espruino calls those */
const isPinLike = (p: unknown): p is { read?: () => unknown; write?: (v: unknown) => unknown } =>
  typeof p === 'object' && p !== null && !Array.isArray(p) && typeof (p as { __n?: unknown }).__n !== 'string';

export function installPins(g: Global, sim: Pick<Sim, 'api' | 'err' | 'pins'>) {
  const { api, err, pins } = sim;
  // SimPins' errors, as errors of the sandbox
  const pinErr = <T>(f: () => T): T => { try { return f(); } catch (e) { throw err((e as Error).message); } };
  g.pinMode = api((pin, mode, auto) => pinErr(() => pins.pinMode(pin, mode, auto)));
  g.getPinMode = api((pin) => pinErr(() => pins.mode(pins.name(pin))));
  g.digitalRead = api((pin) => {
    if (isPinLike(pin) && typeof pin.read === 'function') return pin.read() ? 1 : 0;
    return pinErr(() => pins.digitalRead(pin));
  });
  // an array of pins: the value's bits, the first pin taking the highest
  g.digitalWrite = api((pin, v) => {
    if (isPinLike(pin) && typeof pin.write === 'function') { pin.write(v); return; }
    if (Array.isArray(pin)) { const n = pin.length, x = Number(v) | 0; pin.forEach((p, i) => pinErr(() => pins.digitalWrite(p, (x >> (n - 1 - i)) & 1))); return; }
    pinErr(() => pins.digitalWrite(pin, v));
  });
  g.analogRead = api((pin) => pinErr(() => pins.analogRead(pin)));
  g.setWatch = api((fn, pin, opts) => pinErr(() => pins.setWatch(fn, pin, opts)));
  // no argument: every watch; undefined is refused
  g.clearWatch = api((...a) => {
    if (a.length && a[0] === undefined) throw err('clearWatch(undefined) not allowed. Use clearWatch() instead');
    return pinErr(() => pins.clearWatch(a.length ? a[0] : undefined));
  });
  vm.runInContext(PIN_JS, g)(g, pins.names, { digitalRead: g.digitalRead, digitalWrite: g.digitalWrite, pinMode: g.pinMode, getPinMode: g.getPinMode, analogRead: g.analogRead });
}
