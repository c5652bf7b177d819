/**
 * Bounds the requests in flight to one exchange: `acquire` resolves when a slot is free (first come,
 * first served), `release` frees it. A bounded pool keeps a burst from opening dozens of sockets
 * and from queueing behind the exchange's own connection limit.
 */
export class ConnectionPool {
  private active = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(readonly size: number) {
    if (!Number.isInteger(size) || size < 1) throw new Error(`pool size must be a whole number ≥ 1, got ${size}`);
  }

  acquire(): Promise<void> {
    if (this.active < this.size) {
      this.active++;
      return Promise.resolve();
    }
    return new Promise<void>((resolve) => this.waiting.push(resolve));
  }

  release(): void {
    const next = this.waiting.shift();
    // hand the slot straight to the next waiter, so a newcomer cannot overtake it
    if (next) next();
    else if (this.active > 0) this.active--;
    else throw new Error('ConnectionPool.release() without a matching acquire()');
  }

  async run<T>(fn: () => Promise<T>): Promise<T> {
    await this.acquire();
    try {
      return await fn();
    } finally {
      this.release();
    }
  }

  stats(): { active: number; waiting: number; size: number } {
    return { active: this.active, waiting: this.waiting.length, size: this.size };
  }
}
