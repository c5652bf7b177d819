import { checkOut, checkPeriod, checkSameLength } from './validate';

/**
 * Wilder's Average True Range. True range needs the previous close, so it starts at bar 1; the
 * first ATR (at index `period`) is the mean of the first `period` true ranges, then Wilder's
 * smoothing a·(p−1)/p + tr/p (the TA-Lib convention).
 */

export function trueRange(high: number, low: number, prevClose: number): number {
  let tr = high - low;
  const up = high - prevClose;
  const down = prevClose - low;
  if (up > tr) tr = up;
  if (down > tr) tr = down;
  return tr;
}

export function atr(high: ArrayLike<number>, low: ArrayLike<number>, close: ArrayLike<number>, period: number, out: Float64Array): Float64Array {
  checkPeriod('atr', period);
  const n = checkSameLength('atr', high, low, close);
  checkOut('atr', n, out);
  const warm = Math.min(n, period);
  for (let i = 0; i < warm; i++) out[i] = NaN;
  if (n <= period) return out;
  let sum = 0;
  for (let i = 1; i <= period; i++) sum += trueRange(high[i]!, low[i]!, close[i - 1]!);
  let a = sum / period;
  out[period] = a;
  // Wilder's (a·(p−1) + tr)/p as multiplications by constants: keeps the divider out of the chain.
  const decay = (period - 1) / period;
  const inv = 1 / period;
  for (let i = period + 1; i < n; i++) {
    const h = high[i]!;
    const l = low[i]!;
    const pc = close[i - 1]!;
    let tr = h - l;
    if (h - pc > tr) tr = h - pc;
    if (pc - l > tr) tr = pc - l;
    a = a * decay + tr * inv;
    out[i] = a;
  }
  return out;
}

export class AtrStream {
  private count = 0;
  private prevClose = NaN;
  private sum = 0;
  value = NaN;

  constructor(readonly period = 14) {
    checkPeriod('atr', period);
  }

  next(high: number, low: number, close: number): number {
    const c = this.count++;
    const pc = this.prevClose;
    this.prevClose = close;
    if (c === 0) return NaN;
    const tr = trueRange(high, low, pc);
    const p = this.period;
    if (c < p) {
      this.sum += tr;
      return NaN;
    }
    if (c === p) return (this.value = (this.sum += tr) / p);
    return (this.value = this.value * ((p - 1) / p) + tr * (1 / p));
  }
}
