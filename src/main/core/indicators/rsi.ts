import type { BarSink, IndicatorDriver } from './driver';
import { checkOut, checkPeriod } from './validate';

/**
 * Wilder's RSI. The first average gain/loss is the simple mean of the first `period` changes
 * (so the first value sits at index `period`); after that Wilder's smoothing
 * avg = avg·(period−1)/period + x/period. RSI = 100 − 100/(1 + G/L) is computed in the equal form
 * 100·G/(G + L): one division per bar instead of two, and the smoothing multiplies by constants,
 * which takes the divider out of the loop-carried chain (the kernel is about twice as fast).
 * A window without losses reads 100, and one without any change reads 50 (no direction).
 */

/**
 * The up and down parts of a change d, max(d, 0) and max(−d, 0), without a branch: closes go up or
 * down about half the time, so `d > 0 ? d : 0` was a coin-toss branch the predictor kept losing.
 * Exact for every finite d (d + d and the halving are exact; d + |d| is +0 when d ≤ 0). A NaN close
 * makes every later value NaN (an unknown change is not "no change"), in the batch and the stream alike.
 */
function up(d: number): number {
  return (d + Math.abs(d)) * 0.5;
}

function down(d: number): number {
  return (Math.abs(d) - d) * 0.5;
}

function rsiValue(avgGain: number, avgLoss: number): number {
  const sum = avgGain + avgLoss;
  return sum === 0 ? 50 : (100 * avgGain) / sum;
}

export function rsi(close: ArrayLike<number>, period: number, out: Float64Array): Float64Array {
  checkPeriod('rsi', period);
  const n = close.length;
  checkOut('rsi', n, out);
  const warm = Math.min(n, period);
  for (let i = 0; i < warm; i++) out[i] = NaN;
  if (n <= period) return out;
  let gain = 0;
  let loss = 0;
  for (let i = 1; i <= period; i++) {
    const d = close[i]! - close[i - 1]!;
    gain += up(d);
    loss += down(d);
  }
  let avgGain = gain / period;
  let avgLoss = loss / period;
  out[period] = rsiValue(avgGain, avgLoss);
  const decay = (period - 1) / period;
  const inv = 1 / period;
  let prev = close[period]!;
  for (let i = period + 1; i < n; i++) {
    const c = close[i]!;
    const d = c - prev;
    prev = c;
    avgGain = avgGain * decay + up(d) * inv;
    avgLoss = avgLoss * decay + down(d) * inv;
    const sum = avgGain + avgLoss;
    out[i] = sum === 0 ? 50 : (100 * avgGain) / sum;
  }
  return out;
}

/**
 * The batch kernel turned inside out for a consumer that walks the bars itself (the backtester):
 * `drive` writes out[i] and then hands bar i to the sink, so one loop carries both the averages
 * (in registers, like the batch kernel) and the consumer's work, instead of one pass for the RSI
 * and another that copies it across bar by bar. Same operations in the same order as `rsi`, so
 * the outputs are bit-identical; index i is written exactly when bar i is driven, never earlier.
 */
export class RsiDriver implements IndicatorDriver {
  private gain = 0;
  private loss = 0;
  private avgGain = 0;
  private avgLoss = 0;
  private prev = NaN;
  /** The next bar to drive: calls must continue where the previous one stopped. */
  private next = 0;

  constructor(
    private readonly close: ArrayLike<number>,
    private readonly period: number,
    private readonly out: Float64Array,
  ) {
    checkPeriod('rsi', period);
    checkOut('rsi', close.length, out);
  }

  drive(from: number, to: number, sink: BarSink): void {
    if (from !== this.next) throw new RangeError(`rsi driver: asked to start at bar ${from}, the next bar is ${this.next}`);
    if (to < from || to > this.close.length) throw new RangeError(`rsi driver: asked to run from bar ${from} to bar ${to}, the series has ${this.close.length}`);
    const close = this.close;
    const out = this.out;
    const p = this.period;
    const decay = (p - 1) / p;
    const inv = 1 / p;
    let gain = this.gain;
    let loss = this.loss;
    let avgGain = this.avgGain;
    let avgLoss = this.avgLoss;
    let prev = this.prev;
    let i = from;
    // Warm-up: sums of the first `period` changes, then their mean, as in the batch kernel.
    for (const warm = Math.min(to, p + 1); i < warm; i++) {
      const c = close[i]!;
      if (i === 0) out[0] = NaN;
      else {
        const d = c - prev;
        gain += up(d);
        loss += down(d);
        if (i < p) out[i] = NaN;
        else {
          avgGain = gain / p;
          avgLoss = loss / p;
          out[i] = rsiValue(avgGain, avgLoss);
        }
      }
      prev = c;
      sink.barAt(i);
    }
    for (; i < to; i++) {
      const c = close[i]!;
      const d = c - prev;
      prev = c;
      // up(d) and down(d) written out: a call to a module-level function costs a check per bar
      // that the binding still holds the same function, which this loop can do without.
      const ad = Math.abs(d);
      avgGain = avgGain * decay + (d + ad) * 0.5 * inv;
      avgLoss = avgLoss * decay + (ad - d) * 0.5 * inv;
      const sum = avgGain + avgLoss;
      out[i] = sum === 0 ? 50 : (100 * avgGain) / sum;
      sink.barAt(i);
    }
    this.gain = gain;
    this.loss = loss;
    this.avgGain = avgGain;
    this.avgLoss = avgLoss;
    this.prev = prev;
    this.next = to;
  }
}

export class RsiStream {
  private count = 0;
  private prev = NaN;
  private gain = 0;
  private loss = 0;
  private avgGain = 0;
  private avgLoss = 0;
  value = NaN;

  constructor(readonly period: number) {
    checkPeriod('rsi', period);
  }

  next(close: number): number {
    const c = this.count++;
    const prev = this.prev;
    this.prev = close;
    if (c === 0) return NaN;
    const d = close - prev;
    const p = this.period;
    if (c <= p) {
      this.gain += up(d);
      this.loss += down(d);
      if (c < p) return NaN;
      this.avgGain = this.gain / p;
      this.avgLoss = this.loss / p;
    } else {
      const decay = (p - 1) / p;
      const inv = 1 / p;
      this.avgGain = this.avgGain * decay + up(d) * inv;
      this.avgLoss = this.avgLoss * decay + down(d) * inv;
    }
    return (this.value = rsiValue(this.avgGain, this.avgLoss));
  }
}
