/**
 * Single statistics over a Float64Array, each in one pass where the classic formula needs two.
 * Moments are accumulated about a shift K taken as the mean of a small leading sample: sums of
 * (x − K)^p convert exactly (in real arithmetic) to central sums, and with K within a fraction of a
 * standard deviation of the mean the conversion loses no meaningful precision (the "shifted data"
 * algorithm), unlike the textbook Σx² − (Σx)²/n. A second accumulator breaks the add-latency chain
 * that otherwise bounds a lone sum at one element per four cycles.
 */
import { tailStats } from './select';

const SHIFT_SAMPLE = 64;

function shiftOf(x: Float64Array): number {
  const m = Math.min(SHIFT_SAMPLE, x.length);
  let s = 0;
  for (let i = 0; i < m; i++) s += x[i]!;
  return m > 0 ? s / m : 0;
}

function need(what: string, x: Float64Array, min: number): void {
  if (x.length < min) throw new RangeError(`${what} needs at least ${min} values, got ${x.length}`);
}

export function mean(x: Float64Array): number {
  need('mean', x, 1);
  const n = x.length;
  let a = 0;
  let b = 0;
  let i = 0;
  // Two chains, not four: V8 keeps two in registers without spilling (four measured 3× slower).
  for (; i + 1 < n; i += 2) {
    a += x[i]!;
    b += x[i + 1]!;
  }
  if (i < n) a += x[i]!;
  return (a + b) / n;
}

/** Central sums Σ(x − mean)^p for p = 2, 3, 4, and the mean, from one pass. */
export interface CentralMoments {
  n: number;
  mean: number;
  m2: number;
  m3: number;
  m4: number;
}

export function centralMoments(x: Float64Array): CentralMoments {
  const n = x.length;
  const k = shiftOf(x);
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  let s4 = 0;
  // Four sums are already four independent chains; unrolling further spills registers.
  for (let i = 0; i < n; i++) {
    const d = x[i]! - k;
    const d2 = d * d;
    s1 += d;
    s2 += d2;
    s3 += d2 * d;
    s4 += d2 * d2;
  }
  // Raw sums about K to sums about the mean: with u = Σ(x − K)/n the mean is K + u.
  const u = n > 0 ? s1 / n : 0;
  const m2 = Math.max(0, s2 - s1 * u);
  const m3 = s3 - 3 * u * s2 + 2 * u * u * s1;
  const m4 = s4 - 4 * u * s3 + 6 * u * u * s2 - 3 * u * u * u * s1;
  return { n, mean: k + u, m2, m3, m4 };
}

export function sampleVariance(x: Float64Array): number {
  need('sampleVariance', x, 2);
  const n = x.length;
  const k = shiftOf(x);
  let s1 = 0;
  let s2 = 0;
  let t1 = 0;
  let t2 = 0;
  let i = 0;
  for (; i + 1 < n; i += 2) {
    const d = x[i]! - k;
    const e = x[i + 1]! - k;
    s1 += d;
    s2 += d * d;
    t1 += e;
    t2 += e * e;
  }
  if (i < n) {
    const d = x[i]! - k;
    s1 += d;
    s2 += d * d;
  }
  s1 += t1;
  s2 += t2;
  return Math.max(0, s2 - (s1 * s1) / n) / (n - 1);
}

export function sampleStandardDeviation(x: Float64Array): number {
  return Math.sqrt(sampleVariance(x));
}

/**
 * Σ(x − K), Σ(x − K)² and Σ(x − K)³ in one pass, two elements per step so the accumulator chains
 * interleave; only the sums skewness needs, because the pass is bound by floating-point throughput.
 */
function shiftedSums(x: Float64Array, k: number): [number, number, number] {
  const n = x.length;
  let s1 = 0;
  let s2 = 0;
  let sp = 0;
  let t1 = 0;
  let t2 = 0;
  let tp = 0;
  let i = 0;
  for (; i + 1 < n; i += 2) {
    const d = x[i]! - k;
    const e = x[i + 1]! - k;
    const d2 = d * d;
    const e2 = e * e;
    s1 += d;
    s2 += d2;
    sp += d2 * d;
    t1 += e;
    t2 += e2;
    tp += e2 * e;
  }
  if (i < n) {
    const d = x[i]! - k;
    s1 += d;
    s2 += d * d;
    sp += d * d * d;
  }
  return [s1 + t1, s2 + t2, sp + tp];
}

/** Skewness; `biased` gives the population coefficient (the metrics' and scipy's default), otherwise the adjusted Fisher–Pearson one. */
export function skewness(x: Float64Array, biased = true): number {
  need('skewness', x, 3);
  const n = x.length;
  const [s1, s2, s3] = shiftedSums(x, shiftOf(x));
  const u = s1 / n;
  const m2 = Math.max(0, s2 - s1 * u);
  const m3 = s3 - 3 * u * s2 + 2 * u * u * s1;
  if (biased) return m3 / n / (m2 / n) ** 1.5;
  const s = Math.sqrt(m2 / (n - 1));
  return (n * m3) / ((n - 1) * (n - 2) * s * s * s);
}

/** Excess kurtosis; `biased` gives the population value (the metrics' default), otherwise the usual unbiased sample estimator. */
export function kurtosis(x: Float64Array, biased = true): number {
  need('kurtosis', x, 4);
  const n = x.length;
  const { m2, m4 } = centralMoments(x);
  if (biased) return m4 / n / (m2 / n) ** 2 - 3;
  return ((n - 1) / ((n - 2) * (n - 3))) * ((n * (n + 1) * m4) / (m2 * m2) - 3 * (n - 1));
}

export function sampleCovariance(x: Float64Array, y: Float64Array): number {
  if (x.length !== y.length) throw new RangeError(`sampleCovariance needs equal lengths, got ${x.length} and ${y.length}`);
  need('sampleCovariance', x, 2);
  const n = x.length;
  const kx = shiftOf(x);
  const ky = shiftOf(y);
  let sx = 0;
  let sy = 0;
  let sxy = 0;
  for (let i = 0; i < n; i++) {
    const d = x[i]! - kx;
    const e = y[i]! - ky;
    sx += d;
    sy += e;
    sxy += d * e;
  }
  return (sxy - (sx * sy) / n) / (n - 1);
}

export function extent(x: Float64Array): { min: number; max: number } {
  need('extent', x, 1);
  const n = x.length;
  let lo = x[0]!;
  let hi = lo;
  // One well-predicted test per value: new extremes are rare, and only they take the inner branch.
  for (let i = 1; i < n; i++) {
    const v = x[i]!;
    if (v < lo || v > hi) {
      if (v < lo) lo = v;
      else hi = v;
    }
  }
  return { min: lo, max: hi };
}

/**
 * Historical VaR and CVaR at `confidence` (e.g. 0.95) as positive losses: VaR is minus the
 * (1 − confidence) percentile (linear interpolation, numpy's default), CVaR minus the mean of the
 * values at or below it. Found by bracketed selection, never by sorting; `x` is not modified.
 */
export function historicalVaR(x: Float64Array, confidence: number): { valueAtRisk: number; conditionalValueAtRisk: number } {
  need('historicalVaR', x, 1);
  if (!(confidence > 0 && confidence < 1)) throw new RangeError(`confidence must be in (0, 1), got ${confidence}`);
  const [t] = tailStats(x, [1 - confidence], () => new Float64Array(x.length));
  return { valueAtRisk: -t!.value, conditionalValueAtRisk: -t!.sumAtOrBelow / t!.countAtOrBelow };
}

/** Several percentiles (0..1, linear interpolation) by selection; `x` is not modified. */
export function quantiles(x: Float64Array, probs: readonly number[]): number[] {
  need('quantiles', x, 1);
  return tailStats(x, probs, () => new Float64Array(x.length)).map((t) => t.value);
}
