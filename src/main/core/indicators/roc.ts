import { checkOut, checkPeriod } from './validate';

/** Rate of change in percent: 100·(x[i] − x[i−period]) / x[i−period]; defined from index `period`. */
export function roc(src: ArrayLike<number>, period: number, out: Float64Array): Float64Array {
  checkPeriod('roc', period);
  const n = src.length;
  checkOut('roc', n, out);
  const warm = Math.min(n, period);
  for (let i = 0; i < warm; i++) out[i] = NaN;
  for (let i = period; i < n; i++) {
    const base = src[i - period]!;
    out[i] = (100 * (src[i]! - base)) / base;
  }
  return out;
}

export class RocStream {
  private readonly ring: Float64Array;
  private count = 0;
  value = NaN;

  constructor(readonly period = 10) {
    checkPeriod('roc', period);
    this.ring = new Float64Array(period);
  }

  next(x: number): number {
    const slot = this.count % this.period;
    const base = this.ring[slot]!;
    this.ring[slot] = x;
    if (this.count++ < this.period) return NaN;
    return (this.value = (100 * (x - base)) / base);
  }
}
