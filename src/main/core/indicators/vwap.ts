import { checkOut, checkSameLength } from './validate';

/**
 * Volume-weighted average price of the typical price (high + low + close)/3. With `sessionMs` > 0
 * the sums restart whenever floor(time / sessionMs) changes (86,400,000 = daily sessions anchored
 * at 00:00 UTC, the crypto convention); with 0 it is cumulative from the first bar. Until some
 * volume has traded in a session the value is NaN.
 */
export function vwap(
  time: ArrayLike<number>,
  high: ArrayLike<number>,
  low: ArrayLike<number>,
  close: ArrayLike<number>,
  volume: ArrayLike<number>,
  sessionMs: number,
  out: Float64Array,
): Float64Array {
  if (!Number.isFinite(sessionMs) || sessionMs < 0) throw new RangeError(`vwap: sessionMs must be ≥ 0, got ${sessionMs}`);
  const n = checkSameLength('vwap', time, high, low, close, volume);
  checkOut('vwap', n, out);
  let pv = 0;
  let v = 0;
  let session = NaN;
  for (let i = 0; i < n; i++) {
    if (sessionMs > 0) {
      const s = Math.floor(time[i]! / sessionMs);
      if (s !== session) {
        session = s;
        pv = 0;
        v = 0;
      }
    }
    const vol = volume[i]!;
    pv += ((high[i]! + low[i]! + close[i]!) / 3) * vol;
    v += vol;
    out[i] = v > 0 ? pv / v : NaN;
  }
  return out;
}

export class VwapStream {
  private pv = 0;
  private v = 0;
  private session = NaN;
  value = NaN;

  constructor(readonly sessionMs = 0) {
    if (!Number.isFinite(sessionMs) || sessionMs < 0) throw new RangeError(`vwap: sessionMs must be ≥ 0, got ${sessionMs}`);
  }

  next(time: number, high: number, low: number, close: number, volume: number): number {
    if (this.sessionMs > 0) {
      const s = Math.floor(time / this.sessionMs);
      if (s !== this.session) {
        this.session = s;
        this.pv = 0;
        this.v = 0;
      }
    }
    this.pv += ((high + low + close) / 3) * volume;
    this.v += volume;
    return (this.value = this.v > 0 ? this.pv / this.v : NaN);
  }
}
