import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseCandles } from '../candles/parse';
import { ema } from '../indicators/moving';
import { rsi } from '../indicators/rsi';
import { createStrategy } from '../strategy/builtins';
import type { BarContext, Strategy, StrategySetup } from '../strategy/types';
import { simulate, type SimulationConfig, type SimulationResult } from './engine';

// Without an indicator cache the engine runs its bar loop inside the RSI's driver (the RSI array is
// written bar by bar, no batch pass and no copy); with a cache it computes in batch and copies.
// Both must give the same bits, and the driven array must still never show a later bar.

const csv = fs.readFileSync(path.resolve(import.meta.dirname, '../../../../resources/data/binance_spot_BTCUSDT_1h_2021.csv'), 'utf8');
const series = parseCandles(csv).series;
const n = series.close.length;
const bits = (a: ArrayLike<number>): string => Buffer.from(Float64Array.from(a).buffer).toString('hex');
const snapshot = (r: SimulationResult): string => JSON.stringify({ trades: r.trades, final: r.finalEquity, fees: r.totalFees }) + bits(r.equity.values);
const cfg: SimulationConfig = { capital: 10_000, fees: { maker: 0.0002, taker: 0.001 }, slippageBps: 3, sizing: { kind: 'percent', percent: 100 } };

/** Two RSIs (only the first can be driven), the close and an EMA; every order kind; records what it saw. */
class Mixed implements Strategy {
  readonly seen: { i: number; fast: number; slow: number; nextFast: number; nextClose: number; lastSlow: number; equity: number }[] = [];
  fast!: Float64Array;
  slow!: Float64Array;
  close!: Float64Array;
  trend!: Float64Array;
  init(setup: StrategySetup): void {
    this.fast = setup.indicator('rsi', { period: 7 }).rsi!;
    this.slow = setup.indicator('rsi', { period: 21 }).rsi!;
    this.close = setup.series('close');
    this.trend = setup.indicator('ema', { period: 50 }).ema!;
  }
  onBar(i: number, ctx: BarContext): void {
    const c = this.close[i]!;
    this.seen.push({ i, fast: this.fast[i]!, slow: this.slow[i]!, nextFast: this.fast[i + 1]!, nextClose: this.close[i + 1]!, lastSlow: this.slow[n - 1]!, equity: ctx.equity });
    const r = this.fast[i]!;
    if (ctx.position === 0 && !ctx.hasPendingEntry) {
      if (r < 30 && c > this.trend[i]!) ctx.enterLong({ type: 'limit', price: c * 0.997, stopLoss: c * 0.96, takeProfit: c * 1.04 });
      else if (r > 75 && this.slow[i]! > 60) ctx.enterShort({ type: 'stop', price: c * 0.998, stopLoss: c * 1.03 });
    } else if (ctx.position > 0 && r > 70) ctx.exit();
    else if (ctx.position < 0 && r < 35) ctx.enterLong();
    else if (ctx.hasPendingEntry && i % 11 === 0) ctx.cancelEntry();
  }
}

describe('a driven run', () => {
  it('gives the bits of the batch-and-copy run, for a built-in and for a strategy mixing driven and copied arrays', () => {
    for (const progressEvery of [4096, 97]) {
      for (const make of [() => createStrategy('rsi-reversal').strategy, () => createStrategy('rsi-reversal', { rsiPeriod: 2 }).strategy, () => new Mixed()]) {
        const driven = simulate(series, make(), { ...cfg, progressEvery });
        const batch = simulate(series, make(), { ...cfg, progressEvery, indicatorCache: new Map() });
        expect(driven.trades.length).toBeGreaterThan(5);
        expect(snapshot(driven)).toBe(snapshot(batch));
      }
    }
  });

  it('shows the strategy bar i of every array and nothing later, and reads back the equity curve', () => {
    const s = new Mixed();
    const r = simulate(series, s, cfg);
    const fast = rsi(series.close, 7, new Float64Array(n));
    const slow = rsi(series.close, 21, new Float64Array(n));
    expect(r.trades.some((t) => t.side === 'short') && r.trades.some((t) => t.side === 'long')).toBe(true);
    expect(s.seen).toHaveLength(n);
    for (const v of s.seen) {
      if (!Object.is(v.fast, fast[v.i]) || !Object.is(v.slow, slow[v.i])) throw new Error(`bar ${v.i}: saw ${v.fast}/${v.slow}, batch ${fast[v.i]}/${slow[v.i]}`);
      if (v.i < n - 1 && !(Number.isNaN(v.nextFast) && Number.isNaN(v.nextClose) && Number.isNaN(v.lastSlow))) throw new Error(`bar ${v.i}: a later bar was visible`);
      // ctx.equity is the curve's value for the bar (the last one is restated after the close-out).
      if (v.i < n - 1 && !Object.is(v.equity, r.equity.values[v.i])) throw new Error(`bar ${v.i}: ctx.equity ${v.equity}, curve ${r.equity.values[v.i]}`);
    }
    // Once the run is over every bar has been revealed.
    expect(bits(s.fast)).toBe(bits(fast));
    expect(bits(s.trend)).toBe(bits(ema(series.close, 50, new Float64Array(n))));
  });

  it('marks every bar of the equity curve at its close, flat or not', () => {
    const r = simulate(series, createStrategy('rsi-reversal').strategy, { ...cfg, slippageBps: 0, fees: { maker: 0.001, taker: 0.001 } });
    // Rebuilt from the trades alone: flat bars hold the cash, held bars cash + q·close (all-in, so cash is 0).
    let cash = 10_000;
    let k = 0;
    for (let i = 0; i < n - 1; i++) {
      const t = r.trades[k];
      const holding = t !== undefined && series.time[i]! >= t.entryTime && series.time[i]! < t.exitTime;
      const expected = holding ? t.quantity * series.close[i]! : cash;
      expect(Math.abs(r.equity.values[i]! - expected)).toBeLessThan(1e-6);
      if (t !== undefined && series.time[i + 1] === t.exitTime) {
        cash = t.quantity * t.exitPrice * (1 - 0.001);
        k++;
      }
    }
    expect(r.equity.values[n - 1]).toBe(r.finalEquity);
  });
});
