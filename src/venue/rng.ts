/**
 * A small seeded generator (mulberry32): the whole market stream derives from it, so one seed
 * always replays the same book and tape.
 */
export class Rng {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0 || 0x9e3779b9;
  }

  /** Uniform in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  between(lo: number, hi: number): number {
    return lo + (hi - lo) * this.next();
  }

  /** Exponentially distributed with the given mean: sizes of market orders. */
  exponential(mean: number): number {
    return -Math.log(1 - this.next()) * mean;
  }

  /** A child generator with its own stream, so one symbol's draws never shift another's. */
  fork(salt: number): Rng {
    return new Rng((Math.imul(this.state ^ salt, 2654435761) + salt) >>> 0);
  }
}
