import { describe, expect, it } from 'vitest';
import { calculateMetricsFromReturns } from './metrics';
import type { MetricsReport } from './report';

/**
 * Expected numbers come from empyrical's published tests (tests/test_stats.py: 8 decimal places)
 * and from hand calculations written out beside each case. empyrical's "mixed" series starts with
 * a NaN that empyrical drops; the 8 remaining values are used where that is what it computed on.
 */
const pct = (xs: number[]): number[] => xs.map((x) => x / 100);
const WEEKLY = pct([0, 1, 10, -4, 2, 3, 2, 1, -10]); // empyrical weekly_returns / monthly_returns
const MIXED = pct([1, 10, -4, 2, 3, 2, 1, -10]); // empyrical mixed_returns without its leading NaN
const POSITIVE = pct([1, 2, 1, 1, 1, 1, 1, 1, 1]);
const NEGATIVE = pct([0, -6, -7, -1, -9, -2, -6, -8, -5]);
const ONE = [-0.00171614, 0.01322056, 0.03063862, -0.01422057, -0.00489779, 0.01268925, -0.03357711, 0.01797036];
const TWO = [0.01846232, 0.00793951, -0.01448395, 0.00422537, -0.00339611, 0.03756813, 0.0151531, 0.03549769];

/** An annual rate whose per-period equivalent at P periods per year is `perPeriod`. */
const annualFromPeriod = (perPeriod: number, P: number): number => (1 + perPeriod) ** P - 1;

function m(report: MetricsReport) {
  return report.metrics;
}

describe('returns metrics against empyrical', () => {
  it('annual return (CAGR), volatility and Calmar for weekly and monthly series', () => {
    const w = m(calculateMetricsFromReturns(WEEKLY, { periodsPerYear: 52 }));
    expect(w.annualizedReturn).toBeCloseTo(0.24690830513998208, 8);
    expect(w.volatility).toBeCloseTo(0.38851569394870583, 8);
    expect(w.calmarRatio).toBeCloseTo(2.4690830513998208, 8);
    expect(w.downsideDeviation).toBeCloseTo(0.25888650451930134, 8);
    expect(w.sortinoRatio).toBeCloseTo(1.1158901056866439, 8);
    const mo = m(calculateMetricsFromReturns(WEEKLY, { periodsPerYear: 12 }));
    expect(mo.annualizedReturn).toBeCloseTo(0.052242061386048144, 8);
    expect(mo.volatility).toBeCloseTo(0.18663690238892558, 8);
    expect(mo.calmarRatio).toBeCloseTo(0.52242061386048144, 8);
    expect(mo.downsideDeviation).toBeCloseTo(0.1243650540411842, 8);
    expect(mo.sortinoRatio).toBeCloseTo(0.53605626741889756, 8);
  });

  it('CAGR of a single return and of a flat 3 % yearly series', () => {
    expect(m(calculateMetricsFromReturns([0.01], { periodsPerYear: 252 })).annualizedReturn).toBeCloseTo(11.274002099240244, 8);
    expect(m(calculateMetricsFromReturns([0.03, 0.03, 0.03], { periodsPerYear: 1 })).annualizedReturn).toBeCloseTo(0.03, 12);
  });

  it('Sharpe ratio (rf 0 and a 1 % per-period risk-free rate)', () => {
    // empyrical's current published value for mixed_returns (its NaN dropped).
    expect(m(calculateMetricsFromReturns(MIXED, { periodsPerYear: 252 })).sharpeRatio).toBeCloseTo(1.7238613961706866, 8);
    expect(m(calculateMetricsFromReturns(POSITIVE, { periodsPerYear: 252 })).sharpeRatio).toBeCloseTo(52.915026221291804, 8);
    expect(m(calculateMetricsFromReturns(NEGATIVE, { periodsPerYear: 252 })).sharpeRatio).toBeCloseTo(-24.406808633910085, 8);
    const withRf = m(calculateMetricsFromReturns(MIXED, { periodsPerYear: 252, riskFreeRate: annualFromPeriod(0.01, 252) }));
    // mean(MIXED) = 0.00625 (5 % / 8); a 1 % rf scales the numerator by (0.00625 − 0.01) / 0.00625.
    expect(withRf.sharpeRatio).toBeCloseTo(1.7238613961706866 * (-0.00375 / 0.00625), 8);
  });

  it('Sortino ratio and downside deviation', () => {
    expect(m(calculateMetricsFromReturns(NEGATIVE, { periodsPerYear: 252 })).sortinoRatio).toBeCloseTo(-13.532743075043401, 8);
    const one = m(calculateMetricsFromReturns(ONE, { periodsPerYear: 252 }));
    expect(one.sortinoRatio).toBeCloseTo(3.0639640966566306, 8);
    expect(one.downsideDeviation).toBeCloseTo(0.20671788246185202, 8);
    const two = m(calculateMetricsFromReturns(TWO, { periodsPerYear: 252 }));
    expect(two.sortinoRatio).toBeCloseTo(38.090963117002495, 8);
    expect(two.downsideDeviation).toBeCloseTo(0.083495680595704475, 8);
    expect(m(calculateMetricsFromReturns(ONE, { periodsPerYear: 52 })).sortinoRatio).toBeCloseTo(1.3918264112070571, 8);
  });

  it('max drawdown as a positive fraction', () => {
    expect(m(calculateMetricsFromReturns(NEGATIVE)).maxDrawdown).toBeCloseTo(0.36590730349873601, 8);
    expect(m(calculateMetricsFromReturns(pct([10, -10, 10]))).maxDrawdown).toBeCloseTo(0.1, 12);
    expect(m(calculateMetricsFromReturns(MIXED)).maxDrawdown).toBeCloseTo(0.1, 12);
    expect(m(calculateMetricsFromReturns(POSITIVE)).maxDrawdown).toBe(0);
    // The starting value is a peak: a first loss is a drawdown.
    expect(m(calculateMetricsFromReturns([-0.05, 0.01])).maxDrawdown).toBeCloseTo(0.05, 12);
  });

  it('alpha and beta against a benchmark', () => {
    const bench = pct([-6, -7, -1, -9, -2, -6, -8, -5]);
    const r = m(calculateMetricsFromReturns(MIXED, { periodsPerYear: 252, benchmark: bench }));
    expect(r.beta).toBeCloseTo(-0.71296296296296291, 8);
    // empyrical's test gives alpha −8.3066666666666666 annualized linearly (mean × 252); the
    // compounded form of the issue is (1 + mean)^252 − 1 of the same daily mean.
    expect(r.alpha).toBeCloseTo((1 - 8.3066666666666666 / 252) ** 252 - 1, 8);
    const self = m(calculateMetricsFromReturns(MIXED, { periodsPerYear: 252, benchmark: MIXED }));
    expect(self.beta).toBeCloseTo(1, 12);
    expect(self.alpha).toBeCloseTo(0, 12);
    const inverse = m(calculateMetricsFromReturns(MIXED, { periodsPerYear: 252, benchmark: MIXED.map((x) => -x) }));
    expect(inverse.beta).toBeCloseTo(-1, 12);
    expect(inverse.alpha).toBeCloseTo(0, 12);
  });

  it('information ratio', () => {
    // Against a constant 1 % benchmark, std(r − b) = std(r), so IR = Sharpe scaled as above.
    const flat = MIXED.map(() => 0.01);
    const r = calculateMetricsFromReturns(MIXED, { periodsPerYear: 252, benchmark: flat });
    expect(r.metrics.informationRatio).toBeCloseTo(1.7238613961706866 * (-0.00375 / 0.00625), 8);
    expect(r.metrics.beta).toBeNull();
    expect(r.reasons.beta).toMatch(/zero variance/);
    const same = calculateMetricsFromReturns(MIXED, { periodsPerYear: 252, benchmark: MIXED });
    expect(same.metrics.informationRatio).toBeNull();
    expect(same.reasons.informationRatio).toMatch(/tracking error/);
  });

  it('Treynor ratio = annualized excess mean / beta', () => {
    // r = 2b exactly: beta 2; mean(r) = 2·mean(b) = 2·0.01 → 0.02 × 12 / 2 = 0.12.
    const b = [0.01, 0.03, -0.01, 0.01];
    const r = b.map((x) => 2 * x);
    const t = m(calculateMetricsFromReturns(r, { periodsPerYear: 12, benchmark: b }));
    expect(t.beta).toBeCloseTo(2, 12);
    expect(t.treynorRatio).toBeCloseTo(0.12, 12);
  });

  it('omega ratio with the threshold at the risk-free rate', () => {
    expect(m(calculateMetricsFromReturns(POSITIVE, { periodsPerYear: 252, riskFreeRate: annualFromPeriod(0.011, 252) })).omegaRatio).toBeCloseTo(1.125, 8);
    expect(m(calculateMetricsFromReturns(POSITIVE, { periodsPerYear: 252, riskFreeRate: annualFromPeriod(0.02, 252) })).omegaRatio).toBeCloseTo(0, 8);
    expect(m(calculateMetricsFromReturns(NEGATIVE, { periodsPerYear: 252, riskFreeRate: annualFromPeriod(0.01, 252) })).omegaRatio).toBeCloseTo(0, 8);
    // Hand: gains 1+10+2+3+2+1 = 19, losses 4+10 = 14.
    expect(m(calculateMetricsFromReturns(WEEKLY)).omegaRatio).toBeCloseTo(19 / 14, 12);
  });
});

describe('returns metrics by hand', () => {
  const w = calculateMetricsFromReturns(WEEKLY, { periodsPerYear: 52 });

  it('total return, best and worst period', () => {
    // ∏(1 + r) = 1·1.01·1.1·0.96·1.02·1.03·1.02·1.01·0.9
    const growth = 1.01 * 1.1 * 0.96 * 1.02 * 1.03 * 1.02 * 1.01 * 0.9;
    expect(w.metrics.totalReturn).toBeCloseTo(growth - 1, 14);
    expect(w.metrics.totalReturnPercent).toBeCloseTo((growth - 1) * 100, 12);
    expect(w.metrics.bestPeriodReturn).toBe(0.1);
    expect(w.metrics.worstPeriodReturn).toBe(-0.1);
    expect(w.metrics.recoveryFactor).toBeCloseTo((growth - 1) / 0.1, 10);
  });

  it('variance is the square of volatility (sample, annualized)', () => {
    // mean 5/900; squared deviations sum from the values in hundredths: Σx² = 235, n·mean² = 25/9, in units of 1e-4
    expect(w.metrics.variance).toBeCloseTo(((235 - 25 / 9) / 8) * 1e-4 * 52, 12);
  });

  it('VaR and CVaR at 95 % and 99 % by linear interpolation', () => {
    // Sorted: −10, −4, 0, 1, 1, 2, 2, 3, 10 (%); positions 0.4 and 0.08.
    expect(w.metrics.valueAtRisk95).toBeCloseTo(0.076, 12);
    expect(w.metrics.valueAtRisk99).toBeCloseTo(0.0952, 12);
    expect(w.metrics.conditionalValueAtRisk95).toBeCloseTo(0.1, 12);
    expect(w.metrics.conditionalValueAtRisk99).toBeCloseTo(0.1, 12);
    // 20 returns 1..20 %: 5th pct at position 0.95 → 1.95 %; at or below: 1 % only.
    const lin = calculateMetricsFromReturns(Array.from({ length: 20 }, (_, i) => (i + 1) / 100));
    expect(lin.metrics.valueAtRisk95).toBeCloseTo(-0.0195, 12);
    expect(lin.metrics.conditionalValueAtRisk95).toBeCloseTo(-0.01, 12);
    // 101 returns −50..50 %: 5th pct is exactly −45 %, CVaR the mean of −50..−45 = −47.5 %.
    const sym = calculateMetricsFromReturns(Array.from({ length: 101 }, (_, i) => (i - 50) / 100));
    expect(sym.metrics.valueAtRisk95).toBeCloseTo(0.45, 12);
    expect(sym.metrics.conditionalValueAtRisk95).toBeCloseTo(0.475, 12);
    expect(sym.metrics.valueAtRisk99).toBeCloseTo(0.49, 12);
    expect(sym.metrics.conditionalValueAtRisk99).toBeCloseTo(0.495, 12);
  });

  it('VaR, CVaR, tail ratio and moments of a long series (sampled brackets inside pass 2)', () => {
    // 100,001 returns −50.000..50.000 % in steps of 0.001 %, shuffled by a fixed stride: the 5th
    // percentile sits at position 5,000 exactly, −45 %, and CVaR 95 is the mean of −50..−45 %,
    // −47.5 %; the 1st at position 1,000, −49 %, CVaR 99 −49.5 %; the 95th +45 %, tail ratio 1.
    // Symmetric about 0: mean 0, skewness 0; the population excess kurtosis of a discrete uniform
    // of N points is −6(N² + 1) / (5(N² − 1)).
    const N = 100_001;
    const xs = Array.from({ length: N }, (_, i) => ((((i * 7919) % N) - 50_000) / 100_000) * 0.5 * 2);
    for (const input of [xs, Float64Array.from(xs)]) {
      const m = calculateMetricsFromReturns(input, { periodsPerYear: 365 }).metrics;
      expect(m.valueAtRisk95).toBeCloseTo(0.45, 12);
      expect(m.conditionalValueAtRisk95).toBeCloseTo(0.475, 12);
      expect(m.valueAtRisk99).toBeCloseTo(0.49, 12);
      expect(m.conditionalValueAtRisk99).toBeCloseTo(0.495, 12);
      expect(m.tailRatio).toBeCloseTo(1, 12);
      expect(m.skewness).toBeCloseTo(0, 10);
      expect(m.kurtosis).toBeCloseTo((-6 * (N * N + 1)) / (5 * (N * N - 1)), 10);
      expect(m.bestPeriodReturn).toBe(0.5);
      expect(m.worstPeriodReturn).toBe(-0.5);
    }
  });

  it('VaR and CVaR of a long series that is flat most of the time (overlapping brackets)', () => {
    // 60,000 returns, 90 % exactly 0 and every tenth one of −3, −2, −1, +1, +2, +3 % in turn: 1,000
    // of each. Sorted, positions 0..999 are −3 %, 1,000..1,999 −2 %, 2,000..2,999 −1 %, then 54,000
    // zeros, +1 % from 57,000: the 1st percentile (position 599.99) is −3 %; the 5th (2,999.95) is
    // −1 % + 0.95 · 1 % = −0.05 %, and the values at or below it are the 3,000 losses, mean −2 %;
    // the 95th (56,999.05) is 0 + 0.05 · 1 % = +0.05 %.
    const steps = [-0.03, -0.02, -0.01, 0.01, 0.02, 0.03];
    const xs = Array.from({ length: 60_000 }, (_, i) => (i % 10 === 0 ? steps[(i / 10) % 6]! : 0));
    const m = calculateMetricsFromReturns(Float64Array.from(xs), { periodsPerYear: 365 }).metrics;
    expect(m.valueAtRisk99).toBeCloseTo(0.03, 12);
    expect(m.conditionalValueAtRisk99).toBeCloseTo(0.03, 12);
    expect(m.valueAtRisk95).toBeCloseTo(0.0005, 12);
    expect(m.conditionalValueAtRisk95).toBeCloseTo(0.02, 12);
    // 1 in exact arithmetic; numpy's interpolation weights (position − rank) carry the rounding of
    // 0.05 · 59,999 and 0.95 · 59,999, so the reference is written the way numpy evaluates it.
    const w5 = 0.05 * 59_999 - 2_999;
    const w95 = 0.95 * 59_999 - 56_999;
    expect(m.tailRatio).toBeCloseTo((w95 * 0.01) / Math.abs(-0.01 + w5 * 0.01), 12);
  });

  it('tail ratio, drawdown duration and ulcer index', () => {
    expect(w.metrics.tailRatio).toBeCloseTo(7.2 / 7.6, 12);
    // Peak 1.111 at point 3, back above at point 6 → 3 periods.
    expect(w.metrics.maxDrawdownDuration).toBe(3);
    // Drawdowns below the peak: 4 %, 2.08 %, 10 %, over 10 points of the curve.
    expect(w.metrics.ulcerIndex).toBeCloseTo(Math.sqrt((0.04 ** 2 + 0.0208 ** 2 + 0.1 ** 2) / 10), 12);
  });

  it('skewness and excess kurtosis (population moments)', () => {
    // [0, 0, 0, 4] %: m2 = 3e-4, m3 = 6e-6, m4 = 2.1e-7 → skew 2/√3, kurtosis 21/9 − 3.
    const s = m(calculateMetricsFromReturns([0, 0, 0, 0.04]));
    expect(s.skewness).toBeCloseTo(2 / Math.sqrt(3), 10);
    expect(s.kurtosis).toBeCloseTo(21 / 9 - 3, 10);
  });

  it('average daily and monthly return compound the CAGR over 365 days and 12 months', () => {
    const r = m(calculateMetricsFromReturns([0.1, -0.05], { periodsPerYear: 365 }));
    expect(r.dailyReturn).toBeCloseTo(Math.sqrt(1.045) - 1, 12);
    expect(r.monthlyReturn).toBeCloseTo(1.045 ** (365 / 24) - 1, 12);
  });
});
