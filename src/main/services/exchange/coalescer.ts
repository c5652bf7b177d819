/**
 * Folds a fast stream of updates into at most one event per `intervalMs` for one subscriber. The
 * pending state is merged (latest bar by time, ticker by symbol, trades capped), so a slow consumer
 * never builds a backlog: it gets the newest state, not every step.
 */
export class Coalescer<S> {
  private pending: S | null = null;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private lastEmit = 0;
  private stopped = false;

  constructor(
    private readonly intervalMs: number,
    private readonly merge: (pending: S | null, next: S) => S,
    private readonly emit: (state: S) => void,
    private readonly now: () => number = Date.now,
  ) {}

  push(update: S): void {
    if (this.stopped) return;
    this.pending = this.merge(this.pending, update);
    if (this.timer) return;
    const wait = Math.max(0, this.lastEmit + this.intervalMs - this.now());
    if (wait === 0) this.flush();
    else this.timer = setTimeout(() => this.flush(), wait);
  }

  private flush(): void {
    this.timer = null;
    if (this.stopped || this.pending === null) return;
    const out = this.pending;
    this.pending = null;
    this.lastEmit = this.now();
    this.emit(out);
  }

  stop(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.pending = null;
  }
}

/** Merge helpers for the market streams. */
export const mergeByKey =
  <T>(key: (t: T) => string | number, cap: number) =>
  (pending: T[] | null, next: T[]): T[] => {
    const m = new Map<string | number, T>();
    for (const t of pending ?? []) m.set(key(t), t);
    for (const t of next) m.set(key(t), t);
    const all = [...m.values()];
    return all.length > cap ? all.slice(all.length - cap) : all;
  };

export const appendCapped =
  <T>(cap: number) =>
  (pending: T[] | null, next: T[]): T[] => {
    const all = pending ? pending.concat(next) : next.slice();
    return all.length > cap ? all.slice(all.length - cap) : all;
  };
