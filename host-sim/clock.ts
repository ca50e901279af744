// Virtual time: a single ordered queue of tasks (JS timers, debounce timers, card events).
// Nothing here reads the wall clock, so a run is a pure function of its inputs and seed.
export interface Task {
  at: number; // ms
  seq: number; // tie-break: insertion order, as Espruino runs timers due at the same time
  run: () => void;
  cancelled?: boolean;
}

export class VirtualClock {
  now = 0;
  private q: Task[] = [];
  private seq = 0;

  schedule(at: number, run: () => void): Task {
    const t: Task = { at: Math.max(at, this.now), seq: this.seq++, run };
    // binary insertion keeps the queue sorted by (at, seq)
    let lo = 0;
    let hi = this.q.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      const m = this.q[mid];
      if (m.at < t.at || (m.at === t.at && m.seq < t.seq)) lo = mid + 1;
      else hi = mid;
    }
    this.q.splice(lo, 0, t);
    return t;
  }

  /** A task run now, before every other task due now (those scheduled earlier too): a
   * promise job, which Espruino runs before the next timer. */
  urgent(run: () => void): Task {
    const t: Task = { at: this.now, seq: -1e15 + this.useq++, run };
    let i = 0;
    while (i < this.q.length && (this.q[i].at < t.at || (this.q[i].at === t.at && this.q[i].seq < t.seq))) i++;
    this.q.splice(i, 0, t);
    return t;
  }
  private useq = 0;

  cancel(t: Task | undefined) {
    if (!t || t.cancelled) return;
    t.cancelled = true;
    const i = this.q.indexOf(t);
    if (i >= 0) this.q.splice(i, 1);
  }

  /** time of the next pending task, or undefined when idle */
  next(): number | undefined {
    return this.q.length ? this.q[0].at : undefined;
  }

  pending(): number {
    return this.q.length;
  }

  /** Run every task due at or before `until`, in order; time ends at `until`. */
  runUntil(until: number, stop: () => boolean = () => false) {
    while (this.q.length && this.q[0].at <= until && !stop()) {
      const t = this.q.shift()!;
      this.now = t.at;
      t.run();
    }
    if (!stop() && until > this.now) this.now = until;
  }

  clear() {
    for (const t of this.q) t.cancelled = true;
    this.q = [];
  }
}

/** Small seeded PRNG (mulberry32): every random choice in the simulator comes from one. */
export function rng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return { next, int: (n: number) => Math.floor(next() * n) };
}
export type Rng = ReturnType<typeof rng>;
