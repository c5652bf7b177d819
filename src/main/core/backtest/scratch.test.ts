import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CandleSeries } from '../../../shared/domain/market';
import { parseCandles } from '../candles/parse';
import { sliceSeries } from '../candles/series';
import { computeIndicator, INDICATORS } from '../indicators/catalog';
import { createStrategy } from '../strategy/builtins';
import type { BarContext, Strategy, StrategySetup } from '../strategy/types';
import { simulate, type SimulationConfig, type SimulationResult } from './engine';
import { ScratchArrays } from './setup';

// The engine reuses the hidden arrays behind the reveal from run to run. What must hold: a reused
// array's old contents never reach an output, and nothing handed out (equity curve, trades, the
// strategy's revealed arrays) is ever one of the reused arrays.

const csv = fs.readFileSync(path.resolve(import.meta.dirname, '../../../../resources/data/binance_spot_BTCUSDT_1h_2021.csv'), 'utf8');
const full = parseCandles(csv).series;
const cfg: SimulationConfig = { capital: 10_000, fees: { maker: 0.0002, taker: 0.001 }, slippageBps: 3, sizing: { kind: 'percent', percent: 100 } };

const bits = (a: ArrayLike<number>): string => Buffer.from(Float64Array.from(a).buffer).toString('hex');

function snapshot(r: SimulationResult): string {
  return JSON.stringify({ trades: r.trades, final: r.finalEquity, fees: r.totalFees, values: bits(r.equity.values), times: bits(r.equity.times) });
}

/** Wraps a built-in strategy so the test can keep the arrays it was handed. */
function keeping(name: string, params: Record<string, number> = {}): { strategy: Strategy; seen: Float64Array[] } {
  const inner = createStrategy(name, params).strategy;
  const seen: Float64Array[] = [];
  const strategy: Strategy = {
    init(setup) {
      const spy: StrategySetup = {
        length: setup.length,
        series: (f) => {
          const a = setup.series(f);
          seen.push(a);
          return a;
        },
        indicator: (n, p) => {
          const o = setup.indicator(n, p);
          seen.push(...Object.values(o));
          return o;
        },
      };
      inner.init(spy);
    },
    onBar: (i, ctx) => inner.onBar(i, ctx),
  };
  return { strategy, seen };
}

describe('ScratchArrays', () => {
  it('lends a new array when it holds none, and the smallest that fits once given back', () => {
    const pool = new ScratchArrays();
    const a = pool.take(10);
    expect(a.length).toBe(10);
    const big = new Float64Array(100);
    const mid = new Float64Array(20);
    pool.giveBack([big, mid, a]);
    expect(pool.take(15)).toBe(mid);
    expect(pool.take(5)).toBe(a);
    expect(pool.take(50)).toBe(big);
    expect(pool.take(5)).not.toBe(a);
  });
  it('keeps no more elements than its limit', () => {
    const pool = new ScratchArrays(30);
    const a = new Float64Array(20);
    const b = new Float64Array(20);
    pool.giveBack([a, b]);
    expect(pool.take(20)).toBe(a);
    expect(pool.take(20)).not.toBe(b);
  });
});

describe('indicator kernels into used arrays', () => {
  it('every catalog indicator writes every element, so stale contents never show', () => {
    const s = sliceSeries(full, full.time[0]!, full.time[499]!);
    for (const spec of INDICATORS) {
      const clean = computeIndicator(spec.name, s).outputs;
      // Longer than the series and full of a value no kernel produces, as a reused array would be.
      const dirty = computeIndicator(spec.name, s, {}, (n) => new Float64Array(n + 7).fill(-123456.789).subarray(0, n)).outputs;
      for (const key of spec.outputs) expect(bits(dirty[key]!), `${spec.name}.${key}`).toBe(bits(clean[key]!));
    }
  });
});

describe('simulate with reused scratch arrays', () => {
  const names: [string, Record<string, number>][] = [
    ['rsi-reversal', {}],
    ['macd-cross', { allowShort: 1 }],
    ['bollinger-reversion', { stopLossPct: 2 }],
  ];

  it('gives bit-identical results whether its scratch arrays are new or reused, and earlier results stay untouched', () => {
    const other: CandleSeries = { ...full, close: full.close.map((c, i) => c * (1 + 0.01 * Math.sin(i))) };
    for (const [name, params] of names) {
      const first = keeping(name, params);
      const a = simulate(full, first.strategy, cfg);
      const before = snapshot(a);
      const revealed = first.seen.map(bits);
      // Runs over other prices reuse (and overwrite) the scratch arrays the first run gave back.
      for (const s of [other, full, other]) simulate(s, createStrategy(name, params).strategy, cfg);
      const again = simulate(full, createStrategy(name, params).strategy, cfg);
      expect(snapshot(again), name).toBe(before);
      expect(snapshot(a), `${name}: the first result changed`).toBe(before);
      expect(first.seen.map(bits), `${name}: the first run's revealed arrays changed`).toEqual(revealed);
    }
  });

  it('a run started inside another run does not disturb it', () => {
    const plain = snapshot(simulate(full, createStrategy('rsi-reversal').strategy, cfg));
    const inner = createStrategy('rsi-reversal').strategy;
    let nested: string | null = null;
    const outer: Strategy = {
      init: (setup) => inner.init(setup),
      onBar(i: number, ctx: BarContext) {
        if (i === 4000) nested = snapshot(simulate(full, createStrategy('rsi-reversal', { rsiPeriod: 9 }).strategy, cfg));
        inner.onBar(i, ctx);
      },
    };
    expect(snapshot(simulate(full, outer, cfg))).toBe(plain);
    expect(nested).toBe(snapshot(simulate(full, createStrategy('rsi-reversal', { rsiPeriod: 9 }).strategy, cfg)));
  });

  it('hands out fresh arrays when an indicator cache keeps them beyond the run', () => {
    const cache = new Map<string, Readonly<Record<string, Float64Array>>>();
    const a = simulate(full, createStrategy('rsi-reversal').strategy, { ...cfg, indicatorCache: cache });
    const cached = bits(cache.values().next().value!.rsi!);
    for (let k = 0; k < 3; k++) simulate(full, createStrategy('rsi-reversal', { rsiPeriod: 20 }).strategy, cfg);
    expect(bits(cache.values().next().value!.rsi!)).toBe(cached);
    expect(snapshot(simulate(full, createStrategy('rsi-reversal').strategy, { ...cfg, indicatorCache: cache }))).toBe(snapshot(a));
  });
});
