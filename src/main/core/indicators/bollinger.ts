import { checkOut, checkPeriod } from './validate';

/**
 * Bollinger Bands: middle = SMA(period), upper/lower = middle ± k·σ with σ the population standard
 * deviation of the window (Bollinger's definition). The sum of squared deviations is slid in O(1)
 * per bar and recomputed exactly every RESYNC bars so rounding cannot build up over long series
 * (or go negative in flat markets).
 */
export interface BollingerOutputs {
  middle: Float64Array;
  upper: Float64Array;
  lower: Float64Array;
}

const RESYNC = 1024;

function exactM2(src: ArrayLike<number>, from: number, to: number, mean: number): number {
  let m2 = 0;
  for (let j = from; j <= to; j++) {
    const d = src[j]! - mean;
    m2 += d * d;
  }
  return m2;
}

export function bollinger(src: ArrayLike<number>, period: number, k: number, out: BollingerOutputs): BollingerOutputs {
  checkPeriod('bollinger', period);
  if (!Number.isFinite(k) || k < 0) throw new RangeError(`bollinger: k must be a finite number ≥ 0, got ${k}`);
  const n = src.length;
  checkOut('bollinger', n, out.middle, out.upper, out.lower);
  const { middle, upper, lower } = out;
  const first = Math.min(n, period - 1);
  for (let i = 0; i < first; i++) middle[i] = upper[i] = lower[i] = NaN;
  if (period > n) return out;
  let sum = 0;
  for (let i = 0; i < first; i++) sum += src[i]!;
  let mean = 0;
  let m2 = 0;
  const kk = k;
  // Blocks of RESYNC bars: the first bar of a block recomputes the squared deviations exactly, the
  // rest slide them, so the inner loop carries no resync test.
  for (let block = first; block < n; block += RESYNC) {
    const end = block + RESYNC < n ? block + RESYNC : n;
    for (let i = block; i < end; i++) {
      const x = src[i]!;
      sum += x;
      const m = sum / period;
      if (i === block) m2 = exactM2(src, i - period + 1, i, m);
      else {
        const old = src[i - period]!;
        m2 += (x - old) * (x - m + old - mean);
      }
      mean = m;
      const sd = Math.sqrt((m2 > 0 ? m2 : 0) / period);
      middle[i] = m;
      upper[i] = m + kk * sd;
      lower[i] = m - kk * sd;
      sum -= src[i - period + 1]!;
    }
  }
  return out;
}

export class BollingerStream {
  private readonly ring: Float64Array;
  private count = 0;
  private sum = 0;
  private mean = 0;
  private m2 = 0;
  private untilResync = 0;
  middle = NaN;
  upper = NaN;
  lower = NaN;

  constructor(
    readonly period = 20,
    readonly k = 2,
  ) {
    checkPeriod('bollinger', period);
    if (!Number.isFinite(k) || k < 0) throw new RangeError(`bollinger: k must be a finite number ≥ 0, got ${k}`);
    // One slot more than the window, so the value leaving the window is still readable.
    this.ring = new Float64Array(period + 1);
  }

  /** Returns the middle band; `upper` and `lower` are updated alongside. */
  next(x: number): number {
    const p = this.period;
    const size = p + 1;
    const i = this.count++;
    this.ring[i % size] = x;
    this.sum += x;
    if (i < p - 1) return NaN;
    const m = this.sum / p;
    if (this.untilResync-- === 0) {
      this.untilResync = RESYNC - 1;
      let m2 = 0;
      for (let j = i - p + 1; j <= i; j++) {
        const d = this.ring[j % size]! - m;
        m2 += d * d;
      }
      this.m2 = m2;
    } else {
      const old = this.ring[(i - p) % size]!;
      this.m2 += (x - old) * (x - m + old - this.mean);
    }
    this.mean = m;
    const sd = Math.sqrt((this.m2 > 0 ? this.m2 : 0) / p);
    this.middle = m;
    this.upper = m + this.k * sd;
    this.lower = m - this.k * sd;
    this.sum -= this.ring[(i - p + 1) % size]!;
    return m;
  }
}
