import { describe, expect, it } from 'vitest';
import type { ClosedTrade } from '../../../shared/domain/trading';
import { calculateMetrics } from './metrics';

const H = 3_600_000;

function trade(side: 'long' | 'short', entryH: number, exitH: number, entryPrice: number, exitPrice: number, quantity: number, fee: number, pnl: number): ClosedTrade {
  return { side, entryTime: entryH * H, exitTime: exitH * H, entryPrice, exitPrice, quantity, fee, pnl };
}

// Six trades, deliberately not in time order. By exit time: A win, B loss, C win, D even, E loss, F loss.
const A = trade('long', 0, 2, 100, 110, 1, 1, 9);
const B = trade('long', 1, 3, 100, 95, 2, 1, -11);
const C = trade('short', 5, 6, 50, 45, 1, 0.5, 4.5);
const Dt = trade('long', 10, 14, 20, 20, 5, 0, 0);
const E = trade('long', 15, 16, 10, 9, 1, 0, -1);
const F = trade('long', 17, 18, 10, 8, 1, 0, -2);
const TRADES = [C, A, F, B, E, Dt];
// The curve covers 24 hours = 1 day.
const CURVE = { times: [0, 12 * H, 24 * H], values: [1000, 1005, 999.5] };

describe('trade statistics (worked by hand)', () => {
  const m = calculateMetrics(TRADES, CURVE).metrics;

  it('counts, win rate and the pnl split', () => {
    expect(m.totalTrades).toBe(6);
    expect(m.winningTrades).toBe(2);
    expect(m.losingTrades).toBe(3);
    expect(m.winRate).toBeCloseTo(2 / 6, 15);
    expect(m.grossProfit).toBeCloseTo(13.5, 12);
    expect(m.grossLoss).toBeCloseTo(-14, 12);
    expect(m.netProfit).toBeCloseTo(-0.5, 12);
    expect(m.totalFees).toBeCloseTo(2.5, 12);
    expect(m.averageWin).toBeCloseTo(6.75, 12);
    expect(m.averageLoss).toBeCloseTo(-14 / 3, 12);
    expect(m.largestWin).toBe(9);
    expect(m.largestLoss).toBe(-11);
  });

  it('profit factor, risk/reward, expectancy and streaks', () => {
    expect(m.profitFactor).toBeCloseTo(13.5 / 14, 12);
    expect(m.riskRewardRatio).toBeCloseTo(6.75 / (14 / 3), 12);
    // pnl / (entry price × quantity): 9/100, −11/200, 4.5/50, 0/100, −1/10, −2/10
    expect(m.expectancy).toBeCloseTo((0.09 - 0.055 + 0.09 + 0 - 0.1 - 0.2) / 6, 14);
    expect(m.maxConsecutiveWins).toBe(1);
    expect(m.maxConsecutiveLosses).toBe(2);
  });

  it('efficiency: holding time, trades per day, time in the market, exposure', () => {
    expect(m.averageHoldingTime).toBeCloseTo((11 / 6) * H, 6);
    expect(m.tradesPerDay).toBeCloseTo(6, 12);
    expect(m.profitPerTrade).toBeCloseTo(-0.5 / 6, 12);
    // Union of [0,2]∪[1,3] = 3 h, plus 1 + 4 + 1 + 1 = 10 h in the market.
    expect(m.profitPerHour).toBeCloseTo(-0.05, 12);
    expect(m.exposure).toBeCloseTo(10 / 24, 12);
  });

  it('Kelly % and system quality number', () => {
    // W = 1/3, R = 6.75 / 4.6667 = 1.4464 → (1/3 − (2/3)/R) × 100 = −12.7572…
    expect(m.kellyPercentage).toBeCloseTo(-12.757201646090543, 10);
    // √6 · mean / stdev of [9, −11, 4.5, 0, −1, −2] (Python statistics module: −0.030280793…)
    expect(m.systemQualityNumber).toBeCloseTo(-0.03028079362397405, 12);
  });
});

describe('trade edge cases', () => {
  it('one winning trade: loss-based metrics are null with reasons', () => {
    const r = calculateMetrics([A], CURVE);
    expect(r.metrics.winRate).toBe(1);
    expect(r.metrics.averageLoss).toBeNull();
    expect(r.reasons.averageLoss).toBe('no losing trades');
    expect(r.reasons.profitFactor).toMatch(/unbounded/);
    expect(r.metrics.kellyPercentage).toBeNull();
    expect(r.reasons.systemQualityNumber).toMatch(/at least 2 trades/);
    expect(r.metrics.maxConsecutiveWins).toBe(1);
    expect(r.metrics.profitPerHour).toBeCloseTo(9 / 2, 12);
  });

  it('all losing trades: profit factor 0, win rate 0, Kelly null (no winners)', () => {
    const r = calculateMetrics([B, E, F], CURVE);
    expect(r.metrics.winRate).toBe(0);
    expect(r.metrics.profitFactor).toBe(0);
    expect(r.metrics.averageWin).toBeNull();
    expect(r.reasons.kellyPercentage).toMatch(/no winning trades/);
    expect(r.metrics.maxConsecutiveLosses).toBe(3);
  });

  it('identical pnl on every trade: SQN is null (zero standard deviation)', () => {
    const r = calculateMetrics([E, trade('long', 20, 21, 10, 9, 1, 0, -1)], CURVE);
    expect(r.metrics.systemQualityNumber).toBeNull();
    expect(r.reasons.systemQualityNumber).toMatch(/zero standard deviation/);
  });

  it('without timestamps the span runs from the first entry to the last exit', () => {
    const r = calculateMetrics([A, B], { times: [], values: [1000, 998] });
    // 2 trades over 3 hours, in the market the whole time.
    expect(r.metrics.tradesPerDay).toBeCloseTo(2 / (3 / 24), 12);
    expect(r.metrics.exposure).toBe(1);
  });

  it('rejects an invalid trade, naming it and the field', () => {
    expect(() => calculateMetrics([A, { ...B, exitTime: 0 }], CURVE)).toThrow(/trade 2: exitTime 0 is before entryTime/);
    expect(() => calculateMetrics([{ ...A, pnl: Number.NaN }], CURVE)).toThrow(/trade 1: pnl is not a finite number/);
    expect(() => calculateMetrics([{ ...A, quantity: 0 }], CURVE)).toThrow(/trade 1: quantity must be positive/);
  });
});
