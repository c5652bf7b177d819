/**
 * Single statistics over a Float64Array, each in one pass where the classic formula needs two.
 * Moments are accumulated about a shift K taken as the mean of a small leading sample: sums of
 * (x − K)^p convert exactly (in real arithmetic) to central sums, and with K within a fraction of a
 * standard deviation of the mean the conversion loses no meaningful precision (the "shifted data"
 * algorithm), unlike the textbook Σx² − (Σx)²/n.
 *
 * The loops are bound by floating-point work and add latency, not by memory (touching every cache
 * line of a million values takes a quarter of the time a plain sum does): a lone sum waits several
 * cycles per element on the addition before it. The kernels therefore read four (the mean: eight)
 * values per step and add them as a tree into each sum, or into four sums for the mean; more
 * accumulators than that spilled registers in V8 and ran slower. This only reassociates additions.
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
  ready();
  need('mean', x, 1);
  const n = x.length;
  let a = 0;
  let b = 0;
  let c = 0;
  let d = 0;
  let i = 0;
  for (; i + 7 < n; i += 8) {
    a += x[i]! + x[i + 4]!;
    b += x[i + 1]! + x[i + 5]!;
    c += x[i + 2]! + x[i + 6]!;
    d += x[i + 3]! + x[i + 7]!;
  }
  for (; i < n; i++) a += x[i]!;
  return (a + b + (c + d)) / n;
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
  ready();
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
  ready();
  need('sampleVariance', x, 2);
  const n = x.length;
  const k = shiftOf(x);
  let s1 = 0;
  let s2 = 0;
  let i = 0;
  for (; i + 3 < n; i += 4) {
    const d = x[i]! - k;
    const e = x[i + 1]! - k;
    const f = x[i + 2]! - k;
    const g = x[i + 3]! - k;
    s1 += d + e + (f + g);
    s2 += d * d + e * e + (f * f + g * g);
  }
  for (; i < n; i++) {
    const d = x[i]! - k;
    s1 += d;
    s2 += d * d;
  }
  return Math.max(0, s2 - (s1 * s1) / n) / (n - 1);
}

export function sampleStandardDeviation(x: Float64Array): number {
  ready();
  return Math.sqrt(sampleVariance(x));
}

/**
 * Σ(x − K)^p for p = 1..3 (skewness) or 1..4 (kurtosis) in one pass, four values per step added
 * as a tree into each sum; only the sums the statistic needs, because the pass is bound by
 * floating-point throughput. Two kernels rather than a `p` test in the loop.
 */
function shiftedCubes(x: Float64Array, k: number): [number, number, number] {
  const n = x.length;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  let i = 0;
  for (; i + 3 < n; i += 4) {
    const d = x[i]! - k;
    const e = x[i + 1]! - k;
    const f = x[i + 2]! - k;
    const g = x[i + 3]! - k;
    const d2 = d * d;
    const e2 = e * e;
    const f2 = f * f;
    const g2 = g * g;
    s1 += d + e + (f + g);
    s2 += d2 + e2 + (f2 + g2);
    s3 += d2 * d + e2 * e + (f2 * f + g2 * g);
  }
  for (; i < n; i++) {
    const d = x[i]! - k;
    s1 += d;
    s2 += d * d;
    s3 += d * d * d;
  }
  return [s1, s2, s3];
}

function shiftedFourths(x: Float64Array, k: number): [number, number, number, number] {
  const n = x.length;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  let s4 = 0;
  let i = 0;
  for (; i + 3 < n; i += 4) {
    const d = x[i]! - k;
    const e = x[i + 1]! - k;
    const f = x[i + 2]! - k;
    const g = x[i + 3]! - k;
    const d2 = d * d;
    const e2 = e * e;
    const f2 = f * f;
    const g2 = g * g;
    s1 += d + e + (f + g);
    s2 += d2 + e2 + (f2 + g2);
    s3 += d2 * d + e2 * e + (f2 * f + g2 * g);
    s4 += d2 * d2 + e2 * e2 + (f2 * f2 + g2 * g2);
  }
  for (; i < n; i++) {
    const d = x[i]! - k;
    const d2 = d * d;
    s1 += d;
    s2 += d2;
    s3 += d2 * d;
    s4 += d2 * d2;
  }
  return [s1, s2, s3, s4];
}

/** Skewness; `biased` gives the population coefficient (the metrics' and scipy's default), otherwise the adjusted Fisher–Pearson one. */
export function skewness(x: Float64Array, biased = true): number {
  ready();
  need('skewness', x, 3);
  const n = x.length;
  const [s1, s2, s3] = shiftedCubes(x, shiftOf(x));
  const u = s1 / n;
  const m2 = Math.max(0, s2 - s1 * u);
  const m3 = s3 - 3 * u * s2 + 2 * u * u * s1;
  if (biased) return m3 / n / (m2 / n) ** 1.5;
  const s = Math.sqrt(m2 / (n - 1));
  return (n * m3) / ((n - 1) * (n - 2) * s * s * s);
}

/** Excess kurtosis; `biased` gives the population value (the metrics' default), otherwise the usual unbiased sample estimator. */
export function kurtosis(x: Float64Array, biased = true): number {
  ready();
  need('kurtosis', x, 4);
  const n = x.length;
  const [s1, s2, s3, s4] = shiftedFourths(x, shiftOf(x));
  // Raw sums about K to sums about the mean, as in centralMoments.
  const u = s1 / n;
  const m2 = Math.max(0, s2 - s1 * u);
  const m4 = s4 - 4 * u * s3 + 6 * u * u * s2 - 3 * u * u * u * s1;
  if (biased) return m4 / n / (m2 / n) ** 2 - 3;
  return ((n - 1) / ((n - 2) * (n - 3))) * ((n * (n + 1) * m4) / (m2 * m2) - 3 * (n - 1));
}

export function sampleCovariance(x: Float64Array, y: Float64Array): number {
  ready();
  if (x.length !== y.length) throw new RangeError(`sampleCovariance needs equal lengths, got ${x.length} and ${y.length}`);
  need('sampleCovariance', x, 2);
  const n = x.length;
  const kx = shiftOf(x);
  const ky = shiftOf(y);
  let sx = 0;
  let sy = 0;
  let sxy = 0;
  let i = 0;
  for (; i + 3 < n; i += 4) {
    const d = x[i]! - kx;
    const e = y[i]! - ky;
    const f = x[i + 1]! - kx;
    const g = y[i + 1]! - ky;
    const h = x[i + 2]! - kx;
    const j = y[i + 2]! - ky;
    const l = x[i + 3]! - kx;
    const m = y[i + 3]! - ky;
    sx += d + f + (h + l);
    sy += e + g + (j + m);
    sxy += d * e + f * g + (h * j + l * m);
  }
  for (; i < n; i++) {
    const d = x[i]! - kx;
    const e = y[i]! - ky;
    sx += d;
    sy += e;
    sxy += d * e;
  }
  return (sxy - (sx * sy) / n) / (n - 1);
}

export function extent(x: Float64Array): { min: number; max: number } {
  ready();
  need('extent', x, 1);
  const n = x.length;
  let lo = x[0]!;
  let hi = lo;
  let i = 1;
  // One well-predicted test per four values: new extremes are rare, and only they take the branch.
  for (; i + 3 < n; i += 4) {
    const u = x[i]!;
    const v = x[i + 1]!;
    const w = x[i + 2]!;
    const z = x[i + 3]!;
    if (u < lo || v < lo || w < lo || z < lo || u > hi || v > hi || w > hi || z > hi) {
      // Comparisons, not Math.min/max, so a NaN is skipped here as it is by the test above.
      lo = u < lo ? u : lo;
      lo = v < lo ? v : lo;
      lo = w < lo ? w : lo;
      lo = z < lo ? z : lo;
      hi = u > hi ? u : hi;
      hi = v > hi ? v : hi;
      hi = w > hi ? w : hi;
      hi = z > hi ? z : hi;
    }
  }
  for (; i < n; i++) {
    const v = x[i]!;
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  return { min: lo, max: hi };
}

/**
 * Historical VaR and CVaR at `confidence` (e.g. 0.95) as positive losses: VaR is minus the
 * (1 − confidence) percentile (linear interpolation, numpy's default), CVaR minus the mean of the
 * values at or below it. Found by bracketed selection, never by sorting; `x` is not modified.
 */
export function historicalVaR(x: Float64Array, confidence: number): { valueAtRisk: number; conditionalValueAtRisk: number } {
  ready();
  need('historicalVaR', x, 1);
  if (!(confidence > 0 && confidence < 1)) throw new RangeError(`confidence must be in (0, 1), got ${confidence}`);
  const [t] = tailStats(x, [1 - confidence], () => new Float64Array(x.length));
  return { valueAtRisk: -t!.value, conditionalValueAtRisk: -t!.sumAtOrBelow / t!.countAtOrBelow };
}

/** Several percentiles (0..1, linear interpolation) by selection; `x` is not modified. */
export function quantiles(x: Float64Array, probs: readonly number[]): number[] {
  ready();
  need('quantiles', x, 1);
  return tailStats(x, probs, () => new Float64Array(x.length)).map((t) => t.value);
}

// Priming, as in return-kernels: a kernel whose loop is first compiled on-stack (OSR) during a
// million-value call has no type feedback for the code after the loop, and its cached OSR code then
// deoptimized at the end of every call, leaving most of the next call in the interpreter (the same
// kernel measured 1 ms or 4 ms depending on which ran first). Running every line once before the
// first statistic is asked for, on a few hundred non-integral values with a remainder after the
// unrolled steps, records feedback. On first use, not at import: importing it must cost nothing.
let statsPrimed = false;

function ready(): void {
  if (statsPrimed) return;
  statsPrimed = true;
  primeStats();
}

function primeStats(): void {
  const n = 515;
  const x = new Float64Array(n);
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    x[i] = 0.01 * Math.sin(i * 1.7) + 0.0005;
    y[i] = 0.01 * Math.cos(i * 0.9);
  }
  for (let k = 0; k < 3; k++) {
    mean(x);
    sampleVariance(x);
    skewness(x, k === 0);
    kurtosis(x, k !== 0);
    centralMoments(x);
    sampleCovariance(x, y);
    extent(x);
  }
}
