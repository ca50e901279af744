// Espruino reference: Promise — https://www.espruino.com/Reference#Promise
// Espruino's promises (jswrap_promise.c, 2v29), not V8's: every resolution and every reaction
// is a job queued for the main loop (jsiQueueEvents), run before the next timer (as measured:
// a promise resolved in a timer's callback settles before the next timer due, and one
// resolved by the script before its timers of 0 ms); a promise rejected while nothing handles it raises
// "Unhandled promise rejection: <value>" there and then, as an uncaught error of that event
// (process.on('uncaughtException') gets it), even if a handler is attached later (that handler
// still runs). V8's own promises would report an unhandled rejection to Node's process, where
// it ends the whole simulator. The code below runs in the sandbox's realm.
import vm from 'node:vm';
import type { Global, Sim } from './context';

const PROMISE_JS = `(function (g, queue, caught) {
  var PENDING = 0, REJECTED = 1, FULFILLED = 2;
  function hide(o, k, v) { (g.__sim_dp || Object.defineProperty)(o, k, { value: v, writable: true, configurable: true, enumerable: false }); }
  function isObject(x) { return x !== null && typeof x === 'object' && !Array.isArray(x) && !('BYTES_PER_ELEMENT' in x); }
  function make() { var p = Object.create(Promise.prototype); hide(p, '__st', PENDING); return p; }
  // a "prombox": the promise a resolve/reject pair settles, and whether one of them has run
  function box(p) { return { prom: p, resl: false }; }
  function react(p, r, data, isThen) {
    var nb = r.next;
    if (!nb || !nb.prom) return;
    var threw = false, ret;
    if (r.cb) {
      try { ret = r.cb.call(p, data); } catch (e) { threw = true; ret = caught(e); }
    } else {
      if (!isThen) threw = true;
      ret = data;
    }
    settle(nb, ret, !threw);
  }
  function queueReaction(p, r, data, isThen) { queue(function () { react(p, r, data, isThen); }, []); }
  function seal(p, data, resolving) {
    p.__st = resolving ? FULFILLED : REJECTED;
    var list = resolving ? p.__thn : p.__cat;
    if (!list) {
      if (!resolving) throw new Error('Unhandled promise rejection: ' + data);
      return;
    }
    for (var i = 0; i < list.length; i++) queueReaction(p, list[i], data, resolving);
  }
  function settle(b, data, resolving) {
    if (b.resl) return;
    b.resl = true;
    var p = b.prom;
    if (!p) return;
    if (data === p) throw new Error('Illegal resolving to self');
    hide(p, '__val', data);
    if (!resolving || !isObject(data)) return seal(p, data, resolving);
    var isProm = data instanceof Promise, then = data.then;
    if (typeof then !== 'function' && !isProm) return seal(p, data, resolving);
    var nb = box(p);
    var ok = function (v) { settle(nb, v, true); }, bad = function (v) { settle(nb, v, false); };
    if (typeof then === 'function') {
      try { then.call(data, ok, bad); } catch (e) { settle(nb, caught(e), false); }
    } else thenOf(data, ok, bad);
  }
  function queueSettle(b, data, resolving) { queue(function () { settle(b, data, resolving); }, []); }
  function add(p, name, r) { if (p[name]) p[name].push(r); else hide(p, name, [r]); }
  function thenOf(parent, ok, bad) {
    var np = make(), nb = box(np);
    if (typeof ok !== 'function') ok = 0;
    if (typeof bad !== 'function') bad = 0;
    if (parent.__st === PENDING) {
      add(parent, '__thn', { cb: ok, next: nb });
      add(parent, '__cat', { cb: bad, next: nb });
    } else {
      // (Espruino queues this reaction with isThen false: a settled promise without the
      // matching handler passes its value on as a rejection)
      queueReaction(parent, { cb: parent.__st === FULFILLED ? ok : bad, next: nb }, parent.__val, false);
    }
    return np;
  }
  function Promise(executor) {
    if (!executor) throw new Error('Function required in promise constructor');
    var p = this instanceof Promise ? this : make();
    hide(p, '__st', PENDING);
    var b = box(p);
    try {
      executor.call(p, function (v) { queueSettle(b, v, true); }, function (v) { queueSettle(b, v, false); });
    } catch (e) { queueSettle(b, caught(e), false); }
    return p;
  }
  function def(o, k, f) { (g.__sim_dp || Object.defineProperty)(o, k, { value: f, writable: true, configurable: true, enumerable: false }); }
  def(Promise.prototype, 'then', function then(ok, bad) { return thenOf(this, ok, bad); });
  def(Promise.prototype, 'catch', function (bad) { return thenOf(this, 0, bad); });
  def(Promise, 'resolve', function resolve(data) {
    if (data instanceof Promise) return data;
    if (isObject(data) && typeof data.then === 'function') return new Promise(data.then);
    var p = make();
    queueSettle(box(p), data, true);
    return p;
  });
  def(Promise, 'reject', function reject(data) {
    var p = make();
    queueSettle(box(p), data, false);
    return p;
  });
  def(Promise, 'all', function all(arr) {
    if (arr === null || arr === undefined || (typeof arr !== 'object' && typeof arr !== 'string')) {
      var t = arr === null ? 'null' : typeof arr === 'number' ? 'Number' : typeof arr === 'boolean' ? 'Boolean' : typeof arr === 'function' ? 'Function' : 'undefined';
      throw new TypeError('Expecting something iterable, got ' + t);
    }
    var p = make(), b = box(p), results = [], index = 0, complete = 0;
    hide(p, '__res', results);
    var reject = function (v) { if (p.__res) { delete p.__res; queueSettle(b, v, false); } };
    var each = function (x) {
      var i = index++;
      if (x instanceof Promise) {
        thenOf(x, function (v) {
          var arr = p.__res;
          if (!arr) return;
          arr[i] = v;
          if (--p.__n === 0) queueSettle(b, arr, true);
        }, reject);
      } else { results[i] = x; complete++; }
    };
    for (var k in arr) each(arr[k]);
    if (complete === index) return Promise.resolve(results);
    hide(p, '__n', index - complete);
    return p;
  });
  def(g, 'Promise', Promise);
})`;

/** Replaces the sandbox's Promise with Espruino's: its jobs run from the main loop (`call`)
 * before the next timer; `caught(e)` shapes a V8 error as Espruino's. */
export function installPromise(g: Global, sim: Pick<Sim, 'clock' | 'call' | 'current'>) {
  const queue = (fn: unknown) => { sim.clock.urgent(() => { if (sim.current(g)) sim.call(fn, []); }); };
  vm.runInContext(PROMISE_JS, g)(g, queue, (e: unknown) => (g.__sim_caught ? g.__sim_caught(e) : e));
}
