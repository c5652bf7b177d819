import type { MetricSink } from './report';
import { benchmarkCentral, centralSums, centralSumsWithTails, type BenchmarkWalkSums, type CentralSums } from './return-kernels';
import { borrow, ScratchSlot } from './scratch';
import { finishTails, planTails, SAMPLED_MIN, tailStats, type TailStat } from './select';
import type { WalkSums } from './walk-kernels';

/** A return series and the compounded curve it came from (or that was built from it). */
export interface ReturnSeries {
  /** n simple returns, r[i] = wealth[i + 1] / wealth[i] − 1. */
  returns: Float64Array;
  /** n + 1 points; only ratios matter, so the curve may be in any currency or start at 1. */
  wealth: ArrayLike<number>;
  /** n + 1 UTC ms timestamps, or null. */
  times: ArrayLike<number> | null;
  /** Pass 1 over the series, done while the input was read and validated. */
  walk: WalkSums;
}

export interface ReturnContext {
  periodsPerYear: number;
  /** Per-period risk-free rate. */
  rf: number;
  /** n validated benchmark returns aligned with `returns` and their pass 1, or null. */
  benchmark: { returns: Float64Array; walk: BenchmarkWalkSums } | null;
}

/**
 * Every metric that depends only on the return series: pass 1 (done by the caller while reading
 * the input), pass 2 that needs the mean and also gathers the tails of the series, and a
 * bracketed selection on those tails for the percentiles and the tail sums behind CVaR.
 */
export function returnMetrics(series: ReturnSeries, ctx: ReturnContext, out: MetricSink): void {
  const { returns: r, wealth, times, walk } = series;
  const n = r.length;
  const P = ctx.periodsPerYear;
  const rf = ctx.rf;
  const b = ctx.benchmark;
  const noData = n === 0 ? 'no returns (the curve needs at least 2 points)' : null;

  // The passes live in their own functions: a local captured by the metric closures below would
  // be stored in a heap context, boxing every update in the hot loop.
  // The benchmark gets passes of its own rather than a `b !== null` test inside the strategy's
  // loops: with that test V8 kept the conditionally updated accumulators boxed (a heap number per
  // update, ~100 MB of garbage per million points) and the timing depended on GC luck.
  const bf = b === null ? null : b.returns;
  const bw = b === null ? null : b.walk;
  const { best, worst, maxDd, ddSqSum, longest, longestFrom, longestTo } = walk;
  const mean = n > 0 ? walk.sum / n : 0;
  const meanB = n > 0 && bw !== null ? bw.sumB / n : 0;
  const constant = n > 0 && best === worst;
  const { mo, tails } = centralPass(r, mean, rf, walk.sum);
  const bc = bf === null ? null : benchmarkCentral(r, bf, mean, meanB);
  // An exactly constant series has zero spread; rounding in the mean must not invent one.
  const m2 = constant ? 0 : mo.m2;
  const m3 = constant ? 0 : mo.m3;
  const m4 = constant ? 0 : mo.m4;
  const varB = bw === null || bc === null || bw.flatB ? 0 : bc.varB;
  const varActive = bw === null || bc === null || bw.flatActive ? 0 : bc.varActive;
  const cov = bc === null ? 0 : bc.cov;
  const { downSq, gains, losses } = mo;
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
  const [t1, t5, t95] = tails() as [TailStat, TailStat, TailStat];
  const q5 = t5.value;
  out.set('valueAtRisk95', -q5);
  out.set('valueAtRisk99', -t1.value);
  out.set('conditionalValueAtRisk95', -t5.sumAtOrBelow / t5.countAtOrBelow);
  out.set('conditionalValueAtRisk99', -t1.sumAtOrBelow / t1.countAtOrBelow);
  const q95 = t95.value;
  out.setOr('tailRatio', q5 === 0 ? 'the 5th percentile is 0' : null, () => Math.abs(q95) / Math.abs(q5));
}

const TAIL_PROBS = [0.01, 0.05, 0.95];

/**
 * Pass 2 and the percentiles behind VaR, CVaR and the tail ratio. For a long series the tails are
 * compacted inside pass 2 (see centralSumsWithTails); the selection itself runs when `tails` is
 * called. `sum` is Σr from pass 1 (tailStats needs it only for the sums below the 95th percentile).
 */
function centralPass(r: Float64Array, mean: number, rf: number, sum: number): { mo: CentralSums; tails: () => TailStat[] } {
  const n = r.length;
  const copy = (): Float64Array => borrow(ScratchSlot.Select, n);
  if (n < SAMPLED_MIN) return { mo: centralSums(r, mean, rf), tails: () => tailStats(r, TAIL_PROBS, copy) };
  const plan = planTails(r, TAIL_PROBS);
  if (!plan.split) return { mo: centralSums(r, mean, rf), tails: () => finishTails(r, plan, r, { lowEnd: n, highStart: 0, total: sum }, copy) };
  const buf = borrow(ScratchSlot.Tails, n);
  const mo = centralSumsWithTails(r, mean, rf, buf, plan.lowEdge, plan.highEdge);
  return { mo, tails: () => finishTails(r, plan, buf, { lowEnd: mo.lowEnd, highStart: mo.highStart, total: sum }, copy) };
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
