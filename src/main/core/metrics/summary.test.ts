import { describe, expect, it } from 'vitest';
import type { ClosedTrade } from '../../../shared/domain/trading';
import { calculateMetricsFromReturns } from './metrics';
import { calculateSummary, summarizeReport } from './summary';

const H = 3_600_000;
const D = 24 * H;

function trades(pnls: number[]): ClosedTrade[] {
  return pnls.map((pnl, i) => ({ side: 'long', entryTime: i * D, exitTime: i * D + H, entryPrice: 100, exitPrice: 100 + pnl, quantity: 1, fee: 0.1, pnl }));
}

function curve(values: number[]) {
  return { times: values.map((_, i) => i * D), values };
}

describe('grade', () => {
  it('a steady, strongly profitable curve with a good edge grades A', () => {
    // +1 % a day with one −0.5 % day: CAGR huge, Sharpe high, drawdown 0.5 %.
    const values = [100];
    for (let i = 1; i <= 60; i++) values.push(values[i - 1]! * (i === 30 ? 0.995 : 1.01));
    const pnl = Array.from({ length: 40 }, (_, i) => (i % 4 === 0 ? -1 : 3));
    const s = calculateSummary(trades(pnl), curve(values));
    // Criteria: CAGR 4, Sharpe 4, drawdown 4, Calmar 4, profit factor 90/10 → 4, SQN ≫ 3 → 4.
    expect(s.score).toBe(100);
    expect(s.grade).toBe('A');
    expect(s.assessments.performance.level).toBe('strong');
    expect(s.assessments.risk.level).toBe('strong');
    expect(s.assessments.efficiency.level).toBe('strong');
  });

  it('scores each criterion by the documented thresholds', () => {
    // CAGR 10 % (2 points), Sharpe 0.7 (2), drawdown 25 % (2), Calmar 0.4 (1) → 7/16 = 43.75 → D.
    const report = calculateMetricsFromReturns([0.01, -0.02]);
    report.metrics.annualizedReturn = 0.1;
    report.metrics.totalReturn = 0.05;
    report.metrics.sharpeRatio = 0.7;
    report.metrics.maxDrawdown = 0.25;
    report.metrics.calmarRatio = 0.4;
    const s = summarizeReport(report);
    expect(s.score).toBeCloseTo(43.75, 12);
    expect(s.grade).toBe('D');
    expect(s.assessments.efficiency.level).toBe('insufficient data');
    expect(s.gradeReason).toMatch(/4 of 6 criteria/);
  });

  it('caps a losing strategy at D and does not grade fewer than 2 returns', () => {
    const report = calculateMetricsFromReturns([0.01, -0.02]);
    Object.assign(report.metrics, { annualizedReturn: 0.5, sharpeRatio: 3, maxDrawdown: 0.05, calmarRatio: 5, totalReturn: -0.01 });
    const s = summarizeReport(report);
    expect(s.score).toBe(100);
    expect(s.grade).toBe('D');
    expect(s.gradeReason).toMatch(/capped at D/);
    const none = summarizeReport(calculateMetricsFromReturns([0.01]));
    expect(none.grade).toBeNull();
    expect(none.gradeReason).toMatch(/fewer than 2 returns/);
  });
});

describe('recommendations', () => {
  const rules = (s: { recommendations: { rule: string }[] }) => s.recommendations.map((r) => r.rule);

  it('flags a thin edge over many trades, a deep drawdown and a negative Sharpe', () => {
    // 42 trades with profit factor 1.1: 22 wins of 1, 20 losses of −1 → PF = 22/20 = 1.1.
    const pnl = [...Array.from({ length: 22 }, () => 1), ...Array.from({ length: 20 }, () => -1)];
    const values = [100, 60, 55, 58, 50];
    const s = calculateSummary(trades(pnl), curve(values));
    expect(rules(s)).toEqual(expect.arrayContaining(['edge-vs-fees', 'deep-drawdown', 'negative-sharpe']));
    expect(s.recommendations.find((r) => r.rule === 'edge-vs-fees')!.message).toMatch(/1\.10 below 1\.2 over 42 trades/);
    expect(s.recommendations[0]!.severity).toBe('critical');
  });

  it('says so when there are no trades or few trades', () => {
    expect(rules(calculateSummary([], curve([100, 101, 102])))).toContain('no-trades');
    expect(rules(calculateSummary(trades([1, -1, 2]), curve([100, 101, 102])))).toContain('few-trades');
  });

  it('warns about negative Kelly and fees that dominate', () => {
    const report = calculateMetricsFromReturns([0.01, 0.02, -0.01]);
    Object.assign(report.metrics, { kellyPercentage: -5, totalFees: 30, grossProfit: 40, netProfit: 20, totalTrades: 50 });
    expect(rules(summarizeReport(report))).toEqual(expect.arrayContaining(['negative-kelly', 'fees-dominate']));
  });

  it('gives no advice rule for a healthy report', () => {
    const report = calculateMetricsFromReturns([0.01, 0.02, -0.005, 0.01]);
    expect(summarizeReport(report).recommendations).toEqual([]);
  });
});
