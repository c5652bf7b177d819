import type { MetricSink } from './report';
import { borrow, ScratchSlot } from './scratch';
import { tailStats, type TailStat } from './select';

/** A return series and the compounded curve it came from (or that was built from it). */
export interface ReturnSeries {
  /** n simple returns, r[i] = wealth[i + 1] / wealth[i] − 1. */
  returns: Float64Array;
  /** n + 1 points; only ratios matter, so the curve may be in any currency or start at 1. */
  wealth: ArrayLike<number>;
  /** n + 1 UTC ms timestamps, or null. */
  times: ArrayLike<number> | null;
}

export interface ReturnContext {
  periodsPerYear: number;
  /** Per-period risk-free rate. */
  rf: number;
  /** n benchmark returns aligned with `returns`, or null. */
  benchmark: ArrayLike<number> | null;
}

/**
 * Every metric that depends only on the return series: two linear passes (the second needs the
 * means) and one bracketed-selection pass that yields the percentiles and the tail sums for CVaR.
 */
export function returnMetrics(series: ReturnSeries, ctx: ReturnContext, out: MetricSink): void {
  const { returns: r, wealth, times } = series;
  const n = r.length;
  const P = ctx.periodsPerYear;
  const rf = ctx.rf;
  const b = ctx.benchmark;
  const noData = n === 0 ? 'no returns (the curve needs at least 2 points)' : null;

  // The passes live in their own functions: a local captured by the metric closures below would
  // be stored in a heap context, boxing every update in the hot loop.
  const walk = walkCurve(r, wealth, b);
  const { best, worst, maxDd, ddSqSum, longest, longestFrom, longestTo } = walk;
  const mean = n > 0 ? walk.sum / n : 0;
  const meanB = n > 0 ? walk.sumB / n : 0;
  const constant = n > 0 && best === worst;
  const mo = centralSums(r, b, mean, meanB, rf);
  // An exactly constant series has zero spread; rounding in the mean must not invent one.
  const m2 = constant ? 0 : mo.m2;
  const m3 = constant ? 0 : mo.m3;
  const m4 = constant ? 0 : mo.m4;
  const varB = walk.minB === walk.maxB ? 0 : mo.varB;
  const varActive = walk.minA === walk.maxA ? 0 : mo.varActive;
  const { downSq, gains, losses, cov } = mo;
  const meanActive = mean - meanB;

  const growth = n > 0 ? wealth[n]! / wealth[0]! : Number.NaN;
  const total = growth - 1;
  out.setOr('totalReturn', noData, () => total);
  out.setOr('totalReturnPercent', noData, () => total * 100);
  out.setOr('annualizedReturn', noData, () => growth ** (P / n) - 1);
  out.setOr('dailyReturn', noData, () => growth ** (P / (365 * n)) - 1);
  out.setOr('monthlyReturn', noData, () => growth ** (P / (12 * n)) - 1);
  out.setOr('bestPeriodReturn', noData, () => best);
  out.setOr('worstPeriodReturn', noData, () => worst);

  const fewForSpread = noData ?? (n < 2 ? 'needs at least 2 returns for a sample standard deviation' : null);
  const sampleVar = n > 1 ? m2 / (n - 1) : 0;
  const std = Math.sqrt(sampleVar);
  out.setOr('volatility', fewForSpread, () => std * Math.sqrt(P));
  out.setOr('variance', fewForSpread, () => sampleVar * P);
  const downside = Math.sqrt(downSq / n) * Math.sqrt(P);
  out.setOr('downsideDeviation', noData, () => downside);

  out.setOr('maxDrawdown', noData, () => maxDd);
  out.setOr('maxDrawdownPercent', noData, () => maxDd * 100);
  out.setOr('maxDrawdownDuration', noData, () => longest);
  out.setOr('maxDrawdownDurationMs', noData ?? (times === null ? 'no timestamps' : null), () =>
    longest === 0 ? 0 : times![longestTo]! - times![longestFrom]!,
  );
  out.setOr('ulcerIndex', noData, () => Math.sqrt(ddSqSum / (n + 1)));

  const excessMean = mean - rf;
  const zeroVol = constant ? 'zero volatility (every return is the same)' : null;
  out.setOr('sharpeRatio', fewForSpread ?? zeroVol, () => (excessMean / std) * Math.sqrt(P));
  out.setOr('sortinoRatio', noData ?? (downSq === 0 ? 'no period below the risk-free rate (downside deviation is 0)' : null), () => (excessMean * P) / downside);
  const annualized = growth ** (P / n) - 1;
  const noDd = maxDd === 0 ? 'no drawdown' : null;
  out.setOr('calmarRatio', noData ?? noDd, () => annualized / maxDd);
  out.setOr('recoveryFactor', noData ?? noDd, () => total / maxDd);
  out.setOr('omegaRatio', noData ?? (losses === 0 ? 'no period below the risk-free rate' : null), () => gains / losses);
  out.setOr('skewness', noData ?? zeroVol, () => m3 / n / (m2 / n) ** 1.5);
  out.setOr('kurtosis', noData ?? zeroVol, () => m4 / n / (m2 / n) ** 2 - 3);

  benchmarkMetrics(out, { n, P, rf, excessMean, meanB, cov, varB, varActive, meanActive, hasBenchmark: b !== null, noData, fewForSpread });

  if (noData !== null) {
    for (const k of ['valueAtRisk95', 'valueAtRisk99', 'conditionalValueAtRisk95', 'conditionalValueAtRisk99', 'tailRatio'] as const) out.undefined(k, noData);
    return;
  }
  const [t1, t5, t95] = tailStats(r, [0.01, 0.05, 0.95], () => borrow(ScratchSlot.Select, n)) as [TailStat, TailStat, TailStat];
  const q5 = t5.value;
  out.set('valueAtRisk95', -q5);
  out.set('valueAtRisk99', -t1.value);
  out.set('conditionalValueAtRisk95', -t5.sumAtOrBelow / t5.countAtOrBelow);
  out.set('conditionalValueAtRisk99', -t1.sumAtOrBelow / t1.countAtOrBelow);
  const q95 = t95.value;
  out.setOr('tailRatio', q5 === 0 ? 'the 5th percentile is 0' : null, () => Math.abs(q95) / Math.abs(q5));
}

interface BenchmarkSums {
  n: number;
  P: number;
  rf: number;
  excessMean: number;
  meanB: number;
  cov: number;
  varB: number;
  varActive: number;
  meanActive: number;
  hasBenchmark: boolean;
  noData: string | null;
  fewForSpread: string | null;
}

function benchmarkMetrics(out: MetricSink, s: BenchmarkSums): void {
  const keys = ['alpha', 'beta', 'treynorRatio', 'informationRatio'] as const;
  if (!s.hasBenchmark) {
    for (const k of keys) out.undefined(k, 'no benchmark returns given');
    return;
  }
  const base = s.fewForSpread;
  if (base !== null) {
    for (const k of keys) out.undefined(k, base);
    return;
  }
  const beta = s.cov / s.varB;
  const flatBench = s.varB === 0 ? 'the benchmark has zero variance' : null;
  out.setOr('beta', flatBench, () => beta);
  // mean(r − rf − β(b − rf)) = mean(r) − rf − β(mean(b) − rf)
  out.setOr('alpha', flatBench, () => (1 + s.excessMean - beta * (s.meanB - s.rf)) ** s.P - 1);
  out.setOr('treynorRatio', flatBench ?? (beta === 0 ? 'beta is 0' : null), () => (s.excessMean * s.P) / beta);
  const trackingStd = Math.sqrt(s.varActive / (s.n - 1));
  out.setOr('informationRatio', s.varActive === 0 ? 'zero tracking error (returns minus benchmark are constant)' : null, () => (s.meanActive / trackingStd) * Math.sqrt(s.P));
}

interface WalkSums {
  sum: number;
  sumB: number;
  minB: number;
  maxB: number;
  minA: number;
  maxA: number;
  best: number;
  worst: number;
  maxDd: number;
  ddSqSum: number;
  longest: number;
  longestFrom: number;
  longestTo: number;
}

/** Pass 1: sums, extremes and the drawdown walk over the compounded curve. */
function walkCurve(r: Float64Array, wealth: ArrayLike<number>, b: ArrayLike<number> | null): WalkSums {
  const n = r.length;
  let sum = 0;
  let sumB = 0;
  let minB = Infinity;
  let maxB = -Infinity;
  let minA = Infinity;
  let maxA = -Infinity;
  let best = -Infinity;
  let worst = Infinity;
  let peak = wealth[0] ?? 0;
  let peakIdx = 0;
  let maxDd = 0;
  let ddSqSum = 0;
  let longest = 0;
  let longestFrom = 0;
  let longestTo = 0;
  for (let i = 0; i < n; i++) {
    const x = r[i]!;
    sum += x;
    best = Math.max(best, x);
    worst = Math.min(worst, x);
    if (b !== null) {
      const y = b[i]!;
      sumB += y;
      minB = Math.min(minB, y);
      maxB = Math.max(maxB, y);
      const a = x - y;
      minA = Math.min(minA, a);
      maxA = Math.max(maxA, a);
    }
    const w = wealth[i + 1]!;
    if (w >= peak) {
      if (i + 1 - peakIdx > longest && peakIdx < i) {
        longest = i + 1 - peakIdx;
        longestFrom = peakIdx;
        longestTo = i + 1;
      }
      peak = w;
      peakIdx = i + 1;
    } else {
      const dd = 1 - w / peak;
      maxDd = Math.max(maxDd, dd);
      ddSqSum += dd * dd;
    }
  }
  // A drawdown still open at the end lasts until the last point.
  if (n - peakIdx > longest && wealth[n]! < peak) {
    longest = n - peakIdx;
    longestFrom = peakIdx;
    longestTo = n;
  }
  return { sum, sumB, minB, maxB, minA, maxA, best, worst, maxDd, ddSqSum, longest, longestFrom, longestTo };
}

interface CentralSums {
  m2: number;
  m3: number;
  m4: number;
  downSq: number;
  gains: number;
  losses: number;
  cov: number;
  varB: number;
  varActive: number;
}

/** Pass 2: central moments and the sums that need the means. */
function centralSums(r: Float64Array, b: ArrayLike<number> | null, mean: number, meanB: number, rf: number): CentralSums {
  const n = r.length;
  const meanActive = mean - meanB;
  let m2 = 0;
  let m3 = 0;
  let m4 = 0;
  let downSq = 0;
  let gains = 0;
  let losses = 0;
  let cov = 0;
  let varB = 0;
  let varActive = 0;
  for (let i = 0; i < n; i++) {
    const x = r[i]!;
    const c = x - mean;
    const c2 = c * c;
    m2 += c2;
    m3 += c2 * c;
    m4 += c2 * c2;
    // Branch-free split: signs of returns are a coin flip, so a branch here mispredicts half the time.
    const ex = x - rf;
    const down = Math.min(ex, 0);
    downSq += down * down;
    losses -= down;
    gains += ex - down;
    if (b !== null) {
      const cb = b[i]! - meanB;
      cov += c * cb;
      varB += cb * cb;
      const ca = x - b[i]! - meanActive;
      varActive += ca * ca;
    }
  }
  return { m2, m3, m4, downSq, gains, losses, cov, varB, varActive };
}
