// Espruino reference: setTimeout, setInterval, clearTimeout, clearInterval, changeInterval,
// getTime — https://www.espruino.com/Reference#l__global_setTimeout
// Timers run on the board's virtual clock; their ids are the highest id in use + 1.
import type { Task } from '../clock';
import type { Global, Sim, Timer } from './context';

export function installTimers(g: Global, sim: Pick<Sim, 'api' | 'err' | 'clock' | 'timers' | 'call'>) {
  const { api, err, clock, timers, call } = sim;

  // the one place a timer fires: after `ms`, an interval is armed again (at least 0.001 ms on),
  // a timeout is gone; then its callback runs
  const arm = (id: number, t: Timer, ms: number) => {
    t.task = clock.schedule(clock.now + ms, () => {
      if (t.interval !== undefined) arm(id, t, Math.max(t.interval, 0.001));
      else timers.delete(id);
      call(t.fn, t.args);
    });
  };

  const addTimer = (fn: unknown, ms: unknown, args: unknown[], repeat: boolean) => {
    if (typeof fn !== 'function' && typeof fn !== 'string') throw err('Function or String not supplied!');
    const interval = Math.max(0, Number(ms) || 0);
    let id = 1;
    for (const k of timers.keys()) id = Math.max(id, k + 1); // Espruino: highest id + 1
    const t: Timer = { fn, args, interval: repeat ? interval : undefined, task: undefined as unknown as Task };
    arm(id, t, interval);
    timers.set(id, t);
    return id;
  };
  // no argument: every timer; undefined is refused
  const clear = (name: string) => (...a: unknown[]) => {
    if (!a.length) { for (const t of timers.values()) clock.cancel(t.task); timers.clear(); return; }
    if (a[0] === undefined) throw err(`${name}(undefined) not allowed. Use ${name}() instead`);
    const t = timers.get(Number(a[0]));
    if (t) { clock.cancel(t.task); timers.delete(Number(a[0])); }
  };

  g.setTimeout = api((fn, ms, ...args) => addTimer(fn, ms, args, false));
  g.setInterval = api((fn, ms, ...args) => addTimer(fn, ms, args, true));
  g.clearTimeout = api(clear('clearTimeout'));
  g.clearInterval = api(clear('clearInterval'));
  // the interval's next call is `ms` from now
  g.changeInterval = api((id, ms) => {
    const t = timers.get(Number(id));
    if (!t || t.interval === undefined) throw err('Unknown Interval');
    t.interval = Math.max(0, Number(ms) || 0);
    clock.cancel(t.task);
    arm(Number(id), t, t.interval);
  });
  g.getTime = api(() => clock.now / 1000);
}
