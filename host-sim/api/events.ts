// Espruino reference: Object.on, emit, removeListener, removeAllListeners, prependListener —
// https://www.espruino.com/Reference#Object
// Every object has these methods on Espruino (inherited). x.on("a", f) keeps the listeners in
// an array in x's own property "#ona" (it shows in Object.keys, for..in, JSON.stringify).
// x.emit("a", ...) does not call them: it queues that array, and the event loop calls what it
// holds then (this = x) once the timers due have run; events queued meanwhile run in that pass.
import * as vm from 'node:vm';
import type { Global, Sim } from './context';

export function installEvents(g: Global, sim: Pick<Sim, 'api' | 'err' | 'clock' | 'call' | 'current'>) {
  const { err, clock, call } = sim;
  const realm = vm.runInContext('({ Array: Array, ObjectPrototype: Object.prototype })', g);
  const queue: { self: object; list: unknown[]; args: unknown[] }[] = [];
  let task: unknown;
  // E.stopEventPropagation(): the listeners after the one running are skipped for this event
  let handling = false, stopped = false;
  g.E.stopEventPropagation = sim.api(() => {
    if (!handling) throw err('E.stopEventPropagation() called when not handling events');
    stopped = true;
  });
  const drain = () => {
    // Espruino's idle loop runs the timers due before the event queue
    const n = clock.next();
    if (n !== undefined && n <= clock.now) { task = clock.schedule(clock.now, drain); return; }
    task = undefined;
    while (queue.length && sim.current(g)) {
      const { self, list, args } = queue.shift()!;
      handling = true;
      stopped = false;
      for (let i = 0; i < list.length && !stopped; i++) {
        if (!(i in list)) continue; // removed (a hole)
        const fn = list[i];
        call(typeof fn === 'function' ? Function.prototype.bind.call(fn, self) : fn, args);
      }
      handling = false;
    }
  };
  const key = (ev: unknown) => {
    if (typeof ev !== 'string') throw err('First argument must be String', 'TypeError');
    return '#on' + ev;
  };
  const add = (front: boolean) => function (this: any, ev: unknown, fn: unknown) {
    const k = key(ev);
    if (typeof fn !== 'function' && typeof fn !== 'string') throw err('Second argument must be a function or a String', 'TypeError');
    const list = this[k];
    if (Array.isArray(list)) { if (front) list.unshift(fn); else list.push(fn); } else { const a = new realm.Array(); a.push(fn); this[k] = a; }
  };
  const methods: Record<string, (this: any, ...a: any[]) => void> = {
    on: add(false),
    addListener: add(false),
    prependListener: add(true),
    emit(ev: unknown, ...args: unknown[]) {
      const list = this[key(ev)];
      // more than 4 arguments: the first 4 are queued, then the TypeError
      if (Array.isArray(list)) {
        queue.push({ self: this, list, args: args.slice(0, 4) });
        if (task === undefined) task = clock.schedule(clock.now, drain);
      }
      if (args.length > 4) throw err('Too many arguments (>4)', 'TypeError');
    },
    // the first one found is removed (a hole); the array ends after the last one left.
    // An event with no listeners gets its key, holding undefined.
    removeListener(ev: unknown, fn: unknown) {
      const k = key(ev);
      if (!(k in this)) this[k] = undefined;
      const list = this[k];
      if (!Array.isArray(list)) return;
      const i = list.indexOf(fn);
      if (i < 0) return;
      delete list[i];
      let n = list.length;
      while (n > 0 && !(n - 1 in list)) n--;
      list.length = n;
    },
    removeAllListeners(ev?: unknown) {
      if (ev === undefined) { for (const k of Object.keys(this)) if (k.startsWith('#on')) delete this[k]; return; }
      if (typeof ev !== 'string') throw err('First argument must be String or undefined', 'TypeError');
      delete this[key(ev)];
    },
  };
  for (const [name, fn] of Object.entries(methods)) Object.defineProperty(realm.ObjectPrototype, name, { value: fn, writable: true, configurable: true, enumerable: false });
}
