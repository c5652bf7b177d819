import { SmaStream, smaFrom } from './moving';
import { checkOut, checkPeriod, checkSameLength } from './validate';

/**
 * Stochastic oscillator (Lane): raw %K = 100·(close − lowest low)/(highest high − lowest low) over
 * `kPeriod` bars, optionally smoothed by an SMA of `smooth` (1 = fast stochastic, 3 = slow), and
 * %D = SMA(dPeriod) of %K. A window with no range reads 50: price sits at the middle of a range of
 * zero width, and 0 or 100 would fake a signal.
 */
export interface StochasticOutputs {
  k: Float64Array;
  d: Float64Array;
}

function rawK(close: number, hh: number, ll: number): number {
  const range = hh - ll;
  return range === 0 ? 50 : (100 * (close - ll)) / range;
}

export function stochastic(
  high: ArrayLike<number>,
  low: ArrayLike<number>,
  close: ArrayLike<number>,
  kPeriod: number,
  smooth: number,
  dPeriod: number,
  out: StochasticOutputs,
): StochasticOutputs {
  checkPeriod('stochastic', kPeriod, 'kPeriod');
  checkPeriod('stochastic', smooth, 'smooth');
  checkPeriod('stochastic', dPeriod, 'dPeriod');
  const n = checkSameLength('stochastic', high, low, close);
  checkOut('stochastic', n, out.k, out.d);
  const raw = smooth === 1 ? out.k : out.d;
  const first = Math.min(n, kPeriod - 1);
  for (let i = 0; i < first; i++) raw[i] = NaN;
  // Running extremes with their positions; the window is rescanned only when the extreme leaves it.
  let hh = -Infinity;
  let hi = -1;
  let ll = Infinity;
  let li = -1;
  for (let i = 0; i < n; i++) {
    const start = i - kPeriod + 1;
    const h = high[i]!;
    const l = low[i]!;
    if (h >= hh) {
      hh = h;
      hi = i;
    } else if (hi < start) {
      hh = high[start]!;
      hi = start;
      for (let j = start + 1; j <= i; j++) {
        if (high[j]! >= hh) {
          hh = high[j]!;
          hi = j;
        }
      }
    }
    if (l <= ll) {
      ll = l;
      li = i;
    } else if (li < start) {
      ll = low[start]!;
      li = start;
      for (let j = start + 1; j <= i; j++) {
        if (low[j]! <= ll) {
          ll = low[j]!;
          li = j;
        }
      }
    }
    if (start >= 0) {
      const range = hh - ll;
      raw[i] = range === 0 ? 50 : (100 * (close[i]! - ll)) / range;
    }
  }
  if (smooth > 1) smaFrom(raw, kPeriod - 1, smooth, out.k);
  smaFrom(out.k, kPeriod - 1 + smooth - 1, dPeriod, out.d);
  return out;
}

export class StochasticStream {
  private readonly highs: Float64Array;
  private readonly lows: Float64Array;
  private count = 0;
  private readonly smoother: SmaStream | null;
  private readonly dAvg: SmaStream;
  k = NaN;
  d = NaN;

  constructor(
    readonly kPeriod = 14,
    readonly smooth = 1,
    readonly dPeriod = 3,
  ) {
    checkPeriod('stochastic', kPeriod, 'kPeriod');
    checkPeriod('stochastic', smooth, 'smooth');
    checkPeriod('stochastic', dPeriod, 'dPeriod');
    this.highs = new Float64Array(kPeriod);
    this.lows = new Float64Array(kPeriod);
    this.smoother = smooth > 1 ? new SmaStream(smooth) : null;
    this.dAvg = new SmaStream(dPeriod);
  }

  /** Returns %K; `d` is updated alongside. */
  next(high: number, low: number, close: number): number {
    const p = this.kPeriod;
    this.highs[this.count % p] = high;
    this.lows[this.count % p] = low;
    if (++this.count < p) return NaN;
    let hh = -Infinity;
    let ll = Infinity;
    for (let j = 0; j < p; j++) {
      if (this.highs[j]! > hh) hh = this.highs[j]!;
      if (this.lows[j]! < ll) ll = this.lows[j]!;
    }
    const raw = rawK(close, hh, ll);
    const k = this.smoother ? this.smoother.next(raw) : raw;
    this.k = k;
    if (Number.isNaN(k)) return NaN;
    this.d = this.dAvg.next(k);
    return k;
  }
}
