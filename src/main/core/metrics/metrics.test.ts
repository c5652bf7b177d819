import { describe, expect, it } from 'vitest';
import type { ClosedTrade } from '../../../shared/domain/trading';
import { METRIC_KEYS } from './definitions';
import { MetricsInputError } from './errors';
import { calculateMetrics, calculateMetricsFromReturns } from './metrics';
import { metricEntries, type MetricsReport } from './report';

const H = 3_600_000;
const D = 24 * H;

function trade(side: 'long' | 'short', entryH: number, exitH: number, entryPrice: number, exitPrice: number, quantity: number, fee: number, pnl: number): ClosedTrade {
  return { side, entryTime: entryH * H, exitTime: exitH * H, entryPrice, exitPrice, quantity, fee, pnl };
}

/** Every value is a finite number or null, every null has a reason, and JSON round-trips it. */
function expectClean(report: MetricsReport): void {
  for (const k of METRIC_KEYS) {
    const v = report.metrics[k];
    if (v === null) expect(typeof report.reasons[k], `reason for ${k}`).toBe('string');
    else expect(Number.isFinite(v), `${k} = ${v}`).toBe(true);
  }
  expect(JSON.parse(JSON.stringify(report))).toEqual(report);
}

describe('calculateMetrics on an equity curve', () => {
  it('derives returns from the curve and periods per year from the bar spacing', () => {
    const times = [0, 1, 2, 3, 4].map((h) => h * H);
    const values = [100, 110, 99, 99, 108.9];
    const r = calculateMetrics([], { times, values });
    expect(r.meta.periodsPerYear).toBe(8760);
    expect(r.meta.periodsPerYearSource).toBe('spacing');
    expect(r.meta.observations).toBe(4);
    expect(r.metrics.totalReturn).toBeCloseTo(0.089, 12);
    // 110 → 99 is −10 %; the peak 110 is never regained within the curve.
    expect(r.metrics.maxDrawdown).toBeCloseTo(0.1, 12);
    expect(r.metrics.maxDrawdownDuration).toBe(3);
    expect(r.metrics.maxDrawdownDurationMs).toBe(3 * H);
    // 8.9 % in 4 hours compounds to an absurd (but finite) yearly figure: 1.089^(8760/4) − 1.
    expect(r.metrics.annualizedReturn! / (1.089 ** 2190 - 1)).toBeCloseTo(1, 12);
    expectClean(r);
  });

  it('takes periods per year from the option, then the timeframe; crypto days are 365 a year', () => {
    const curve = { times: [0, D, 2 * D], values: [1, 1.1, 1.21] };
    expect(calculateMetrics([], curve).meta.periodsPerYear).toBe(365);
    expect(calculateMetrics([], curve, { timeframe: '1h' }).meta).toMatchObject({ periodsPerYear: 8760, periodsPerYearSource: 'timeframe' });
    expect(calculateMetrics([], curve, { periodsPerYear: 52 }).meta).toMatchObject({ periodsPerYear: 52, periodsPerYearSource: 'option' });
    expect(calculateMetrics([], { times: [], values: [1, 1.1] }).meta).toMatchObject({ periodsPerYear: 365, periodsPerYearSource: 'default' });
    // A missing bar (exchange downtime) does not change the median spacing.
    expect(calculateMetrics([], { times: [0, H, 2 * H, 5 * H, 6 * H], values: [1, 1, 1, 1, 1] }).meta.periodsPerYear).toBe(8760);
  });

  it('converts the annual risk-free rate to a per-period rate by compounding', () => {
    const r = calculateMetrics([], { times: [0, D, 2 * D], values: [1, 1.01, 1.02] }, { riskFreeRate: 0.05 });
    expect(r.meta.riskFreePerPeriod).toBeCloseTo(1.05 ** (1 / 365) - 1, 15);
  });

  it('reports UTC daily and monthly returns of a timestamped curve', () => {
    const jan31 = Date.UTC(2024, 0, 31);
    const times = [jan31, jan31 + 12 * H, jan31 + D, jan31 + D + 12 * H];
    const r = calculateMetrics([], { times, values: [100, 105, 110, 99] });
    expect(r.periodReturns.daily).toEqual([
      { time: jan31, return: 105 / 100 - 1 },
      { time: jan31 + D, return: 99 / 105 - 1 },
    ]);
    expect(r.periodReturns.monthly).toEqual([
      { time: Date.UTC(2024, 0, 1), return: 105 / 100 - 1 },
      { time: Date.UTC(2024, 1, 1), return: 99 / 105 - 1 },
    ]);
  });

  it('rejects a bad curve naming the index, and a benchmark of a different length', () => {
    expect(() => calculateMetrics([], { times: [0, 1], values: [1, Number.NaN] })).toThrow(/index 1 is not a finite number/);
    expect(() => calculateMetrics([], { times: [0, 1, 2], values: [1, 0, 1] })).toThrow(/index 1 is 0/);
    expect(() => calculateMetrics([], { times: [0, 2, 1], values: [1, 1, 1] })).toThrow(/times must increase.*index 2/);
    expect(() => calculateMetrics([], { times: [0, 1], values: [1, 2, 3] })).toThrow(/3 values but 2 times/);
    const err = (() => {
      try {
        calculateMetrics([], { times: [0, H, 2 * H], values: [1, 1.1, 1.2] }, { benchmark: [0.01] });
      } catch (e) {
        return e;
      }
      return null;
    })();
    expect(err).toBeInstanceOf(MetricsInputError);
    expect((err as Error).message).toMatch(/benchmark has 1 returns but the strategy has 2/);
    expect(() => calculateMetricsFromReturns([0.1, -1.5])).toThrow(/index 1 is -1.5/);
  });

  it('reports a bad time before a bad value, wherever each is', () => {
    expect(() => calculateMetrics([], { times: [0, H, 2 * H, 2 * H], values: [1, Number.NaN, 1, 1] })).toThrow(/times must increase, but index 3/);
    expect(() => calculateMetrics([], { times: [Number.NaN, H, 2 * H], values: [-1, 1, 1] })).toThrow(/time at index 0 is not a finite number/);
    expect(() => calculateMetrics([], { times: [0, H, Number.POSITIVE_INFINITY], values: [1, 1, 1] })).toThrow(/time at index 2 is not a finite number \(Infinity\)/);
    expect(() => calculateMetrics([], { times: Float64Array.from([0, H, 2 * H]), values: Float64Array.from([1, 2, -1]) })).toThrow(/value at index 2 is -1/);
  });

  it('names the bad index whether the inputs are arrays or Float64Arrays (read in place)', () => {
    for (const wrap of [(xs: number[]) => xs, (xs: number[]) => Float64Array.from(xs)]) {
      expect(() => calculateMetricsFromReturns(wrap([0.1, 0.2, Number.NaN]))).toThrow(/returns: value at index 2 is not a finite number \(NaN\)/);
      expect(() => calculateMetricsFromReturns(wrap([0.1, Number.POSITIVE_INFINITY]))).toThrow(/index 1 is not a finite number \(Infinity\)/);
      expect(() => calculateMetricsFromReturns(wrap([0.1, 0.2, -2]))).toThrow(/index 2 is -2; a simple return cannot be below/);
      expect(() => calculateMetricsFromReturns(wrap([0.1, 0.2, 0.3]), { benchmark: wrap([0.1, Number.NaN, 0.3]) })).toThrow(/benchmark: value at index 1 is not a finite number \(NaN\)/);
      expect(() => calculateMetricsFromReturns(wrap([0.1, 0.2, 0.3]), { benchmark: wrap([0.1, 0.2, Number.NEGATIVE_INFINITY]) })).toThrow(/benchmark: value at index 2 is not a finite number \(-Infinity\)/);
    }
    // The caller's Float64Array is read, never written.
    const r = Float64Array.from([0.01, -0.02, 0.03, 0.005]);
    calculateMetricsFromReturns(r, { benchmark: Float64Array.from([0.02, -0.01, 0.01, 0]) });
    expect(Array.from(r)).toEqual([0.01, -0.02, 0.03, 0.005]);
  });

  it('gives the same report for a number[] and a Float64Array of the same values', () => {
    const xs = [0.01, -0.02, 0.03, 0.005, -0.04, 0.02, 0.011];
    const bench = [0.02, -0.01, 0.01, 0, -0.03, 0.01, 0.004];
    const times = xs.map((_, i) => (i + 1) * H);
    const a = calculateMetricsFromReturns(xs, { benchmark: bench, times });
    const b = calculateMetricsFromReturns(Float64Array.from(xs), { benchmark: Float64Array.from(bench), times: Float64Array.from(times) });
    expect(b).toEqual(a);
    expect(a.meta.periodsPerYear).toBe(8760);
  });

  it('derives periods per year from the median gap when the spacing is irregular', () => {
    // Gaps 1h, 1h, 3h, 1h: median 1h although the first and last points are 6h apart.
    const r = calculateMetrics([], { times: [0, H, 2 * H, 5 * H, 6 * H], values: [1, 1.01, 1.02, 1.0, 1.03] });
    expect(r.meta.periodsPerYear).toBe(8760);
    expect(r.meta.periodsPerYearSource).toBe('spacing');
    // Every gap 2h: regular, the first gap is the spacing.
    expect(calculateMetrics([], { times: [0, 2 * H, 4 * H], values: [1, 1.01, 1.02] }).meta.periodsPerYear).toBe(4380);
  });
});

describe('edge cases have defined values', () => {
  it('no returns at all: every return metric is null with a reason', () => {
    const r = calculateMetrics([], { times: [0], values: [100] });
    expect(r.metrics.totalReturn).toBeNull();
    expect(r.reasons.totalReturn).toMatch(/no returns/);
    expect(r.metrics.valueAtRisk95).toBeNull();
    expectClean(r);
  });

  it('one return: no spread, so volatility and Sharpe are null; VaR is that return', () => {
    const r = calculateMetricsFromReturns([0.02]);
    expect(r.metrics.totalReturn).toBeCloseTo(0.02, 15);
    expect(r.metrics.volatility).toBeNull();
    expect(r.reasons.sharpeRatio).toMatch(/at least 2 returns/);
    expect(r.metrics.valueAtRisk95).toBeCloseTo(-0.02, 15);
    expectClean(r);
  });

  it('zero volatility: Sharpe, skewness and kurtosis are null, volatility is 0', () => {
    const r = calculateMetricsFromReturns([0.01, 0.01, 0.01, 0.01, 0.01, 0.01, 0.01, 0.01, 0.01]);
    expect(r.metrics.volatility).toBe(0);
    expect(r.metrics.sharpeRatio).toBeNull();
    expect(r.reasons.sharpeRatio).toMatch(/zero volatility/);
    expect(r.metrics.skewness).toBeNull();
    expectClean(r);
  });

  it('no losing period: Sortino, Calmar, omega and recovery factor are null, drawdown 0', () => {
    const r = calculateMetricsFromReturns([0.01, 0.02, 0.01, 0.01]);
    expect(r.metrics.maxDrawdown).toBe(0);
    expect(r.reasons.sortinoRatio).toMatch(/no period below the risk-free rate/);
    expect(r.reasons.calmarRatio).toMatch(/no drawdown/);
    expect(r.metrics.omegaRatio).toBeNull();
    expect(r.metrics.recoveryFactor).toBeNull();
    expect(r.metrics.maxDrawdownDuration).toBe(0);
    expectClean(r);
  });

  it('all losses: every metric is defined except those needing a gain', () => {
    const r = calculateMetricsFromReturns([-0.01, -0.02, -0.03], { periodsPerYear: 365 });
    expect(r.metrics.totalReturn).toBeCloseTo(0.99 * 0.98 * 0.97 - 1, 14);
    expect(r.metrics.maxDrawdown).toBeCloseTo(1 - 0.99 * 0.98 * 0.97, 14);
    expect(r.metrics.maxDrawdownDuration).toBe(3);
    expect(r.metrics.omegaRatio).toBe(0);
    expect(r.metrics.sharpeRatio).toBeLessThan(0);
    expectClean(r);
  });

  it('a curve that ends at zero (wiped out) is allowed: total return −100 %', () => {
    const r = calculateMetrics([], { times: [0, D, 2 * D], values: [100, 50, 0] });
    expect(r.metrics.totalReturn).toBe(-1);
    expect(r.metrics.maxDrawdown).toBe(1);
    expect(r.metrics.annualizedReturn).toBe(-1);
    expectClean(r);
  });

  it('without a trade list the trade metrics say so; with an empty one counts are 0', () => {
    const a = calculateMetricsFromReturns([0.01, -0.01]);
    expect(a.metrics.totalTrades).toBeNull();
    expect(a.reasons.winRate).toBe('no trade list given');
    const b = calculateMetrics([], { times: [0, D, 2 * D], values: [1, 1.01, 1] });
    expect(b.metrics.totalTrades).toBe(0);
    expect(b.metrics.netProfit).toBe(0);
    expect(b.metrics.tradesPerDay).toBe(0);
    expect(b.metrics.exposure).toBe(0);
    expect(b.reasons.winRate).toBe('no closed trades');
    expect(b.reasons.profitFactor).toBe('no closed trades');
    expectClean(b);
  });
});

describe('self-describing output', () => {
  it('lists every metric with group, label, format and definition, in table order', () => {
    const rows = metricEntries(calculateMetricsFromReturns([0.01, -0.02, 0.03]));
    expect(rows.length).toBeGreaterThanOrEqual(30);
    expect(rows[0]).toMatchObject({ key: 'totalReturn', group: 'returns', format: 'fraction' });
    for (const row of rows) {
      expect(row.definition.length).toBeGreaterThan(10);
      expect(row.value === null ? row.reason : null).toSatisfy((x: unknown) => row.value !== null || typeof x === 'string');
    }
    const keys = rows.map((x) => x.key);
    for (const k of ['totalReturn', 'annualizedReturn', 'volatility', 'maxDrawdown', 'valueAtRisk95', 'conditionalValueAtRisk95', 'sharpeRatio', 'sortinoRatio', 'calmarRatio', 'winRate', 'profitFactor', 'kellyPercentage', 'alpha', 'beta']) {
      expect(keys).toContain(k);
    }
  });

  it('includes the trades in the report when given', () => {
    const r = calculateMetrics([trade('long', 0, 2, 100, 110, 1, 1, 9)], { times: [0, 24 * H], values: [1000, 1009] });
    expect(r.meta.trades).toBe(1);
    expect(r.metrics.totalTrades).toBe(1);
  });
});
