import { describe, expect, it } from 'vitest';
import type { CandleSeries } from '../../../shared/domain/market';
import { simulate } from '../backtest/engine';
import { createStrategy } from './builtins';
import { resolveParams, param } from './params';

// Closes 10, 10, 9, 12, 13, 8, 7; each open is the previous close. EMA(1) is the close itself;
// EMA(2) (α = 2/3, seeded with the mean of the first two) is 10, 9.33, 11.11, 12.37, 9.46, 7.82 from
// bar 1, so close − EMA(2) is 0, −0.33, +0.89, +0.63, −1.46, −0.82: a downward cross at bar 2,
// upward at bar 3, downward at bar 5.
const closes = [10, 10, 9, 12, 13, 8, 7];
function series(): CandleSeries {
  const n = closes.length;
  const open = closes.map((c, i) => (i === 0 ? c : closes[i - 1]!));
  return {
    time: Float64Array.from(closes, (_, i) => i * 3_600_000),
    open: Float64Array.from(open),
    high: Float64Array.from(closes, (c, i) => Math.max(c, open[i]!)),
    low: Float64Array.from(closes, (c, i) => Math.min(c, open[i]!)),
    close: Float64Array.from(closes),
    volume: new Float64Array(n).fill(1),
  };
}
const cfg = { capital: 1000, fees: { maker: 0, taker: 0 }, slippageBps: 0, sizing: { kind: 'percent', percent: 100 } as const };

describe('ema-cross', () => {
  it('long only: enters after the upward cross, leaves after the downward one, at next opens', () => {
    const r = simulate(series(), createStrategy('ema-cross', { fast: 1, slow: 2 }).strategy, cfg);
    expect(r.trades.map((t) => [t.side, t.entryPrice, t.exitPrice])).toEqual([['long', 12, 8]]);
  });
  it('with shorts: every cross reverses, and the last position closes at the last close', () => {
    const r = simulate(series(), createStrategy('ema-cross', { fast: 1, slow: 2, allowShort: 1 }).strategy, cfg);
    expect(r.trades.map((t) => [t.side, t.entryPrice, t.exitPrice])).toEqual([
      ['short', 9, 12],
      ['long', 12, 8],
      ['short', 8, 7],
    ]);
  });
});

describe('parameter schemas', () => {
  it('fills defaults and rejects non-integers where integers are required', () => {
    const specs = [param('period', 'p', 14, 2, 100), param('k', 'k', 2, 0, 5, false)];
    expect(resolveParams('t', specs, {})).toEqual({ period: 14, k: 2 });
    expect(resolveParams('t', specs, { k: 2.5 })).toEqual({ period: 14, k: 2.5 });
    expect(() => resolveParams('t', specs, { period: 14.5 })).toThrow(/whole number/);
    expect(() => resolveParams('t', specs, { period: '14' })).toThrow(/finite number/);
  });
});
