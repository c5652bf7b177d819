import { checkOut, checkPeriod } from './validate';

/**
 * Simple and exponential moving averages. Batch kernels write into caller-supplied arrays (no
 * allocation per call, so optimizers can reuse buffers) and put NaN in the warm-up bars. Each
 * streaming class repeats the batch kernel's arithmetic in the same order, so both give
 * bit-identical values.
 */

/** SMA over `src[start..]`; `out[i]` is NaN for i < start + period − 1. Used to chain averages. */
export function smaFrom(src: ArrayLike<number>, start: number, period: number, out: Float64Array): Float64Array {
  const n = src.length;
  const first = Math.min(n, start + period - 1);
  for (let i = 0; i < first; i++) out[i] = NaN;
  if (start + period > n) return out;
  let sum = 0;
  for (let i = start; i < first; i++) sum += src[i]!;
  for (let i = first; i < n; i++) {
    sum += src[i]!;
    out[i] = sum / period;
    sum -= src[i - period + 1]!;
  }
  return out;
}

export function sma(src: ArrayLike<number>, period: number, out: Float64Array): Float64Array {
  checkPeriod('sma', period);
  checkOut('sma', src.length, out);
  return smaFrom(src, 0, period, out);
}

/**
 * EMA seeded with the SMA of the first `period` values (the convention of TA-Lib and most charting
 * packages), then e += α(x − e) with α = 2/(period+1).
 */
export function emaFrom(src: ArrayLike<number>, start: number, period: number, out: Float64Array): Float64Array {
  const n = src.length;
  const first = Math.min(n, start + period - 1);
  for (let i = 0; i < first; i++) out[i] = NaN;
  if (start + period > n) return out;
  const alpha = 2 / (period + 1);
  let sum = 0;
  for (let i = start; i <= first; i++) sum += src[i]!;
  let e = sum / period;
  out[first] = e;
  for (let i = first + 1; i < n; i++) {
    e += alpha * (src[i]! - e);
    out[i] = e;
  }
  return out;
}

export function ema(src: ArrayLike<number>, period: number, out: Float64Array): Float64Array {
  checkPeriod('ema', period);
  checkOut('ema', src.length, out);
  return emaFrom(src, 0, period, out);
}

export class SmaStream {
  private readonly ring: Float64Array;
  private count = 0;
  private sum = 0;
  value = NaN;

  constructor(readonly period: number) {
    checkPeriod('sma', period);
    this.ring = new Float64Array(period);
  }

  next(x: number): number {
    const p = this.period;
    this.sum += x;
    this.ring[this.count % p] = x;
    this.count++;
    if (this.count < p) return (this.value = NaN);
    this.value = this.sum / p;
    this.sum -= this.ring[this.count % p]!;
    return this.value;
  }
}

export class EmaStream {
  private readonly alpha: number;
  private count = 0;
  private sum = 0;
  value = NaN;

  constructor(readonly period: number) {
    checkPeriod('ema', period);
    this.alpha = 2 / (period + 1);
  }

  next(x: number): number {
    this.count++;
    if (this.count < this.period) {
      this.sum += x;
      return NaN;
    }
    if (this.count === this.period) {
      this.sum += x;
      return (this.value = this.sum / this.period);
    }
    this.value += this.alpha * (x - this.value);
    return this.value;
  }
}
