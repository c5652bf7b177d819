import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseCandles } from '../candles/parse';
import { rsi } from '../indicators/rsi';
import { BUILTIN_STRATEGIES, createStrategy } from '../strategy/builtins';
import { flatFees, scheduleFees, verifyFeeSpec } from './fees';
import { parseManifest } from './manifest';
import { runBacktest } from './run';

const csv = fs.readFileSync(path.resolve(import.meta.dirname, '../../../../resources/data/binance_spot_BTCUSDT_1h_2021.csv'), 'utf8');
const series = parseCandles(csv).series;
const n = series.close.length;

/**
 * rsi-reversal written out directly from the text, as a plain loop with no engine: flat and
 * RSI < 30 at a close → buy at the next open with all equity, q = equity/(open·(1+fee)); long and
 * RSI > 70 → sell at the next open, proceeds q·open·(1−fee); close at the last close with the fee.
 */
function referenceRsiReversal(fee: number) {
  const r = rsi(series.close, 14, new Float64Array(n));
  let cash = 10_000;
  let q = 0;
  let pending: 'buy' | 'sell' | null = null;
  const trades: { entryPrice: number; exitPrice: number }[] = [];
  const equity: number[] = [];
  for (let i = 0; i < n; i++) {
    const o = series.open[i]!;
    if (pending === 'buy') {
      q = cash / (o * (1 + fee));
      cash = 0;
      trades.push({ entryPrice: o, exitPrice: NaN });
    } else if (pending === 'sell') {
      cash = q * o * (1 - fee);
      q = 0;
      trades[trades.length - 1]!.exitPrice = o;
    }
    pending = null;
    equity.push(q > 0 ? q * series.close[i]! : cash);
    if (q === 0 && r[i]! < 30 && i < n - 1) pending = 'buy';
    else if (q > 0 && r[i]! > 70 && i < n - 1) pending = 'sell';
  }
  if (q > 0) {
    cash = q * series.close[n - 1]! * (1 - fee);
    trades[trades.length - 1]!.exitPrice = series.close[n - 1]!;
    equity[n - 1] = cash;
  }
  return { finalEquity: cash, trades, equity };
}

describe('rsi-reversal on the shipped BTC/USDT 1h 2021 data', () => {
  const report = runBacktest({ series, datasetSource: 'embedded:test', strategy: 'rsi-reversal', capital: 10_000, fees: flatFees(0.001) });
  const ref = referenceRsiReversal(0.001);

  it('follows the issue’s definition trade for trade and bar for bar', () => {
    expect(report.trades.length).toBe(ref.trades.length);
    expect(report.trades.length).toBeGreaterThan(10);
    report.trades.forEach((t, k) => {
      expect(t.entryPrice).toBe(ref.trades[k]!.entryPrice);
      expect(t.exitPrice).toBe(ref.trades[k]!.exitPrice);
    });
    expect(Math.abs(report.finalEquity - ref.finalEquity)).toBeLessThan(1e-9 * ref.finalEquity);
    report.equity.forEach(([t, v], i) => {
      expect(t).toBe(series.time[i]);
      expect(Math.abs(v - ref.equity[i]!)).toBeLessThan(1e-9 * ref.equity[i]!);
    });
  });

  it('reports metrics against buy-and-hold, and a manifest', () => {
    expect(report.metricsError).toBeNull();
    expect(report.metrics!.metrics.totalReturn).toBeCloseTo(report.finalEquity / 10_000 - 1, 12);
    expect(report.metrics!.metrics.beta).not.toBeNull();
    expect(report.manifest).toMatchObject({
      strategy: { name: 'rsi-reversal', params: { rsiPeriod: 14, oversold: 30, overbought: 70 } },
      feeScheduleId: 'flat:0.001',
      capital: 10_000,
      slippageBps: 0,
      sizing: { kind: 'percent', percent: 100 },
    });
    expect(report.manifest.dataset.hash).toMatch(/^sha256:[0-9a-f]{64}$/);
  });

  it('is deterministic to the byte, and its manifest parses back unchanged', () => {
    const again = runBacktest({ series, datasetSource: 'embedded:test', strategy: 'rsi-reversal', capital: 10_000, fees: flatFees(0.001) });
    expect(JSON.stringify(again)).toBe(JSON.stringify(report));
    expect(parseManifest(JSON.parse(JSON.stringify(report.manifest)))).toEqual(report.manifest);
  });
});

describe('strategies and fee resolution', () => {
  it('every built-in runs and states a schema with defaults inside [min, max]', () => {
    for (const def of BUILTIN_STRATEGIES) {
      for (const p of def.params) expect(p.default >= p.min && p.default <= p.max).toBe(true);
      const r = runBacktest({ series, datasetSource: 'x', strategy: def.name, capital: 1000, fees: flatFees(0.001) });
      expect(r.trades.length).toBeGreaterThan(0);
      expect(r.equity).toHaveLength(n);
    }
  });
  it('bad parameters are named', () => {
    expect(() => createStrategy('rsi-reversal', { rsiPeriode: 3 })).toThrow(/unknown parameter "rsiPeriode"/);
    expect(() => createStrategy('rsi-reversal', { oversold: 80 })).toThrow(/outside \[1, 50\]/);
    expect(() => createStrategy('ema-cross', { fast: 30, slow: 20 })).toThrow(/shorter/);
    expect(() => createStrategy('nope')).toThrow(/valid: rsi-reversal, ema-cross, macd-cross, bollinger-reversion/);
  });
  it('a schedule tier prices maker and taker from the fees module and is re-verified on replay', () => {
    const spec = scheduleFees({ exchange: 'binance', marketType: 'spot', vipLevel: 'VIP1' });
    expect(spec).toMatchObject({ kind: 'schedule', exchange: 'binance', tier: 'VIP 1' });
    expect(verifyFeeSpec(spec)).toEqual(spec);
    if (spec.kind === 'schedule') expect(() => verifyFeeSpec({ ...spec, taker: '0.5' })).toThrow(/recorded/);
  });
  it('manifest errors name the field', () => {
    expect(() => parseManifest({ manifestVersion: 2 })).toThrow(/manifestVersion/);
    const r = runBacktest({ series, datasetSource: 'x', strategy: 'rsi-reversal', capital: 1000, fees: flatFees(0) });
    expect(() => parseManifest({ ...r.manifest, sizing: { kind: 'percent', percent: 150 } })).toThrow(/sizing.percent/);
  });
});
