import { describe, expect, it } from 'vitest';
import type { CandleSeries } from '../../../shared/domain/market';
import type { BarContext, Sizing, Strategy, StrategySetup } from '../strategy/types';
import { BacktestAbortedError, simulate, type SimulationConfig } from './engine';

// Hand-worked fills on tiny series. Expected values are written from the rules in the issue
// (next-open fills, intrabar at the order price or the open when gapped, stop before target,
// quantity = equity·pct / (price·(1 + fee))), never taken from the engine's own output.

type Bar = [o: number, h: number, l: number, c: number];
const HOUR = 3_600_000;

function bars(rows: Bar[]): CandleSeries {
  const n = rows.length;
  const s = { time: new Float64Array(n), open: new Float64Array(n), high: new Float64Array(n), low: new Float64Array(n), close: new Float64Array(n), volume: new Float64Array(n) };
  rows.forEach(([o, h, l, c], i) => {
    s.time[i] = i * HOUR;
    s.open[i] = o;
    s.high[i] = h;
    s.low[i] = l;
    s.close[i] = c;
    s.volume[i] = 1;
  });
  return s;
}

/** A strategy that performs scripted actions at given bars. */
function script(actions: Record<number, (ctx: BarContext) => void>): Strategy {
  return { init: () => {}, onBar: (i, ctx) => actions[i]?.(ctx) };
}

const ALL: Sizing = { kind: 'percent', percent: 100 };
const cfg = (over: Partial<SimulationConfig> = {}): SimulationConfig => ({ capital: 1000, fees: { maker: 0.001, taker: 0.001 }, slippageBps: 0, sizing: ALL, ...over });

const SERIES = bars([
  [100, 101, 99, 100],
  [102, 106, 101, 105],
  [104, 108, 103, 107],
  [110, 112, 109, 111],
]);

describe('market orders', () => {
  it('fill at the next open with all equity; proceeds q·open·(1 − fee); marked at each close', () => {
    const r = simulate(SERIES, script({ 0: (c) => c.enterLong(), 1: (c) => c.exit() }), cfg());
    const q = 1000 / (102 * 1.001);
    const proceeds = q * 104 * 0.999;
    expect(r.trades).toHaveLength(1);
    const t = r.trades[0]!;
    expect(t).toMatchObject({ side: 'long', entryTime: HOUR, entryPrice: 102, exitTime: 2 * HOUR, exitPrice: 104 });
    expect(t.quantity).toBeCloseTo(q, 12);
    expect(t.fee).toBeCloseTo(q * 102 * 0.001 + q * 104 * 0.001, 10);
    expect(t.pnl).toBeCloseTo(proceeds - 1000, 9);
    expect(r.equity.values[0]).toBe(1000);
    expect(r.equity.values[1]).toBeCloseTo(q * 105, 9);
    expect(r.equity.values[2]).toBeCloseTo(proceeds, 9);
    expect(r.finalEquity).toBeCloseTo(proceeds, 9);
  });
  it('an intent on the last bar is dropped; an open position closes at the last close with the fee', () => {
    const r = simulate(SERIES, script({ 1: (c) => c.enterLong(), 3: (c) => c.exit() }), cfg());
    const q = 1000 / (104 * 1.001);
    expect(r.trades).toHaveLength(1);
    expect(r.trades[0]).toMatchObject({ entryPrice: 104, exitPrice: 111, exitTime: 3 * HOUR });
    expect(r.finalEquity).toBeCloseTo(q * 111 * 0.999, 9);
    expect(r.equity.values[3]).toBe(r.finalEquity);
  });
  it('slippage moves market fills against the trader', () => {
    const r = simulate(SERIES, script({ 0: (c) => c.enterLong(), 1: (c) => c.exit() }), cfg({ slippageBps: 10 }));
    expect(r.trades[0]!.entryPrice).toBeCloseTo(102 * 1.001, 12);
    expect(r.trades[0]!.exitPrice).toBeCloseTo(104 * 0.999, 12);
  });
  it('short: sells at the next open, buys back at a later open', () => {
    const r = simulate(SERIES, script({ 0: (c) => c.enterShort(), 1: (c) => c.exit() }), cfg());
    const q = 1000 / (102 * 1.001);
    const t = r.trades[0]!;
    expect(t.side).toBe('short');
    expect(t.pnl).toBeCloseTo(q * 102 * 0.999 - q * 104 * 1.001, 9);
    expect(r.equity.values[1]).toBeCloseTo(1000 + q * 102 * 0.999 - q * 105, 9);
    expect(r.finalEquity).toBeCloseTo(1000 + t.pnl, 9);
  });
  it('an opposite entry reverses at the same open', () => {
    const r = simulate(SERIES, script({ 0: (c) => c.enterLong(), 1: (c) => c.enterShort() }), cfg({ fees: { maker: 0, taker: 0 } }));
    expect(r.trades.map((t) => [t.side, t.entryPrice, t.exitPrice])).toEqual([
      ['long', 102, 104],
      ['short', 104, 111],
    ]);
    const q1 = 1000 / 102;
    const q2 = (q1 * 104) / 104;
    expect(r.finalEquity).toBeCloseTo(q1 * 104 + q2 * (104 - 111), 9);
  });
});

describe('stops, targets and resting entries', () => {
  const zero = { fees: { maker: 0.0002, taker: 0.001 } };
  it('a stop-loss fills at its price inside the bar (taker)', () => {
    const s = bars([[100, 101, 99, 100], [102, 106, 101, 105], [104, 105, 99, 103], [103, 104, 102, 103]]);
    const r = simulate(s, script({ 0: (c) => c.enterLong({ stopLoss: 100 }) }), cfg(zero));
    const q = 1000 / (102 * 1.001);
    expect(r.trades[0]).toMatchObject({ exitPrice: 100, exitTime: 2 * HOUR });
    expect(r.finalEquity).toBeCloseTo(q * 100 * 0.999, 9);
  });
  it('a gap through the stop fills at the open', () => {
    const s = bars([[100, 101, 99, 100], [102, 106, 101, 105], [97, 98, 96, 97], [97, 98, 96, 97]]);
    expect(simulate(s, script({ 0: (c) => c.enterLong({ stopLoss: 100 }) }), cfg(zero)).trades[0]!.exitPrice).toBe(97);
  });
  it('stop before target when one bar reaches both', () => {
    const s = bars([[100, 101, 99, 100], [102, 103, 101, 102], [102, 108, 99, 104], [104, 105, 103, 104]]);
    const r = simulate(s, script({ 0: (c) => c.enterLong({ stopLoss: 100, takeProfit: 107 }) }), cfg(zero));
    expect(r.trades[0]!.exitPrice).toBe(100);
  });
  it('a take-profit fills at its price (maker), or at the open when gapped above', () => {
    const hit = bars([[100, 101, 99, 100], [102, 103, 101, 102], [103, 108, 102, 104], [104, 105, 103, 104]]);
    const r = simulate(hit, script({ 0: (c) => c.enterLong({ takeProfit: 107 }) }), cfg(zero));
    const q = 1000 / (102 * 1.001);
    expect(r.trades[0]!.exitPrice).toBe(107);
    expect(r.trades[0]!.fee).toBeCloseTo(q * 102 * 0.001 + q * 107 * 0.0002, 10);
    const gap = bars([[100, 101, 99, 100], [102, 103, 101, 102], [110, 111, 109, 110], [110, 111, 109, 110]]);
    expect(simulate(gap, script({ 0: (c) => c.enterLong({ takeProfit: 107 }) }), cfg(zero)).trades[0]!.exitPrice).toBe(110);
  });
  it('short stop above, short target below', () => {
    const s = bars([[100, 101, 99, 100], [100, 101, 99, 100], [100, 103, 96, 100], [100, 101, 99, 100]]);
    expect(simulate(s, script({ 0: (c) => c.enterShort({ stopLoss: 102, takeProfit: 97 }) }), cfg(zero)).trades[0]!.exitPrice).toBe(102);
    expect(simulate(s, script({ 0: (c) => c.enterShort({ takeProfit: 97 }) }), cfg(zero)).trades[0]!.exitPrice).toBe(97);
  });
  it('a buy limit rests until the range reaches it and pays the maker fee', () => {
    const r = simulate(SERIES, script({ 0: (c) => c.enterLong({ type: 'limit', price: 101 }) }), cfg(zero));
    const q = 1000 / (101 * 1.0002);
    expect(r.trades[0]).toMatchObject({ entryPrice: 101, entryTime: HOUR });
    expect(r.trades[0]!.quantity).toBeCloseTo(q, 12);
    const gapped = bars([[100, 101, 99, 100], [99, 100, 98, 99], [99, 100, 98, 99]]);
    expect(simulate(gapped, script({ 0: (c) => c.enterLong({ type: 'limit', price: 101 }) }), cfg(zero)).trades[0]!.entryPrice).toBe(99);
  });
  it('a limit that is never reached never fills', () => {
    const r = simulate(SERIES, script({ 0: (c) => c.enterLong({ type: 'limit', price: 90 }) }), cfg(zero));
    expect(r.trades).toHaveLength(0);
    expect(r.finalEquity).toBe(1000);
  });
  it('a buy stop fills when the high trades through it (taker), at the open when gapped', () => {
    const r = simulate(SERIES, script({ 0: (c) => c.enterLong({ type: 'stop', price: 107 }) }), cfg(zero));
    expect(r.trades[0]).toMatchObject({ entryPrice: 107, entryTime: 2 * HOUR });
    const r2 = simulate(SERIES, script({ 1: (c) => c.enterLong({ type: 'stop', price: 107 }) }), cfg(zero));
    expect(r2.trades[0]).toMatchObject({ entryPrice: 107, entryTime: 2 * HOUR });
    const r3 = simulate(SERIES, script({ 2: (c) => c.enterLong({ type: 'stop', price: 108 }) }), cfg(zero));
    expect(r3.trades[0]).toMatchObject({ entryPrice: 110, entryTime: 3 * HOUR });
  });
  it('after an intrabar entry only the stop can trigger on the same bar', () => {
    const s = bars([[100, 101, 99, 100], [100, 100.5, 97, 98], [98, 99, 97.5, 98]]);
    const r = simulate(s, script({ 0: (c) => c.enterLong({ type: 'limit', price: 99, stopLoss: 98, takeProfit: 100.2 }) }), cfg(zero));
    expect(r.trades[0]).toMatchObject({ entryPrice: 99, exitPrice: 98, exitTime: HOUR });
  });
});

describe('sizing', () => {
  it('fixed quantity and percent of equity', () => {
    const fixed = simulate(SERIES, script({ 0: (c) => c.enterLong() }), cfg({ sizing: { kind: 'fixed', quantity: 2 } }));
    expect(fixed.trades[0]!.quantity).toBe(2);
    expect(fixed.equity.values[1]).toBeCloseTo(1000 - 2 * 102 * 1.001 + 2 * 105, 9);
    const half = simulate(SERIES, script({ 0: (c) => c.enterLong() }), cfg({ sizing: { kind: 'percent', percent: 50 } }));
    expect(half.trades[0]!.quantity).toBeCloseTo(500 / (102 * 1.001), 12);
  });
  it('capped Kelly from the run’s own trades, fallback before minTrades', () => {
    // fee 0. Trades: win (100→110), loss (110→105), win (105→115), then a Kelly-sized fourth entry.
    const s = bars([[100, 100, 100, 100], [100, 100, 100, 100], [110, 110, 110, 110], [105, 105, 105, 105], [105, 105, 105, 105], [115, 115, 115, 115], [120, 120, 120, 120], [120, 120, 120, 120]]);
    const strat = script({ 0: (c) => c.enterLong(), 1: (c) => c.enterShort(), 2: (c) => c.exit(), 3: (c) => c.enterLong(), 4: (c) => c.exit(), 5: (c) => c.enterLong() });
    const sizing: Sizing = { kind: 'kelly', cap: 0.9, minTrades: 3, fallbackPercent: 10 };
    const r = simulate(s, strat, cfg({ fees: { maker: 0, taker: 0 }, sizing }));
    // Fewer than 3 closed trades: fallback 10 % of cash. Trade 1: q = 1000·0.1/100 = 1, 100 → 110,
    // pnl +10. Trade 2 (short): q = 1010·0.1/110 = 101/110, 110 → 105, a win. Trade 3: q = cash·0.1/105,
    // 105 → 115, a win. Three wins, no loss: R = ∞, f = W = 1, capped at 0.9 for trade 4.
    expect(r.trades.slice(0, 3).map((t) => t.quantity)).toEqual([1, expect.closeTo(101 / 110, 12), expect.any(Number)]);
    const cash3 = 1000 + r.trades.slice(0, 3).reduce((a, t) => a + t.pnl, 0);
    expect(r.trades[2]!.quantity).toBeCloseTo(((1000 + 10 + (101 / 110) * 5) * 0.1) / 105, 10);
    expect(r.trades[3]!.quantity).toBeCloseTo((cash3 * 0.9) / 120, 10);
  });
});

describe('progress, cancel and look-ahead', () => {
  const long = bars(Array.from({ length: 100 }, (_, i): Bar => [100 + i, 101 + i, 99 + i, 100.5 + i]));
  it('reports progress every N bars and stops on abort', () => {
    const seen: number[] = [];
    simulate(long, script({}), cfg({ progressEvery: 30, onProgress: (d, t) => seen.push(d / t) }));
    expect(seen).toEqual([0.3, 0.6, 0.9, 1]);
    const signal = { aborted: false };
    expect(() => simulate(long, script({}), cfg({ progressEvery: 30, signal, onProgress: (d) => (signal.aborted = d >= 60) }))).toThrow(BacktestAbortedError);
  });

  /** Buys when the NEXT bar closes above its open, sells one bar later: a perfect oracle. */
  class Peeker implements Strategy {
    open!: Float64Array;
    close!: Float64Array;
    rsiNext: number[] = [];
    rsi!: Float64Array;
    constructor(private readonly raw?: CandleSeries) {}
    init(setup: StrategySetup): void {
      this.open = this.raw ? this.raw.open : setup.series('open');
      this.close = this.raw ? this.raw.close : setup.series('close');
      this.rsi = setup.indicator('rsi', { period: 3 }).rsi!;
    }
    onBar(i: number, ctx: BarContext): void {
      if (i + 1 < this.rsi.length) this.rsiNext.push(this.rsi[i + 1]!);
      if (ctx.position > 0) ctx.exit();
      else if (this.close[i + 1]! > this.open[i + 1]!) ctx.enterLong();
    }
  }
  const zigzag = bars(Array.from({ length: 200 }, (_, i): Bar => (i % 2 ? [100, 111, 99, 110] : [110, 111, 99, 100])));

  it('a strategy peeking at the next bar sees NaN and cannot profit', () => {
    const p = new Peeker();
    const r = simulate(zigzag, p, cfg({ fees: { maker: 0, taker: 0 } }));
    expect(r.trades).toHaveLength(0);
    expect(r.finalEquity).toBe(1000);
    expect(p.rsiNext.every((v) => Number.isNaN(v))).toBe(true);
  });
  it('the same oracle handed the raw arrays would profit (so the guard is what stops it)', () => {
    const r = simulate(zigzag, new Peeker(zigzag), cfg({ fees: { maker: 0, taker: 0 } }));
    expect(r.finalEquity).toBeGreaterThan(1000 * 1.09 ** 50);
  });
});

describe('what the strategy sees', () => {
  it('reads the closing bar time and the equity marked at its close', () => {
    const seen: [number, number, number][] = [];
    const strategy: Strategy = {
      init: () => {},
      onBar: (i, ctx) => {
        seen.push([ctx.time, ctx.equity, ctx.cash]);
        if (i === 0) ctx.enterLong();
      },
    };
    simulate(SERIES, strategy, cfg());
    // Bought at bar 1's open 102 with all 1000: q = 1000 / (102 · 1.001), cash 0 afterwards.
    const q = 1000 / (102 * 1.001);
    expect(seen.map(([t]) => t)).toEqual([0, HOUR, 2 * HOUR, 3 * HOUR]);
    expect(seen[0]![1]).toBe(1000);
    expect(seen[1]![1]).toBeCloseTo(q * 105, 9);
    expect(seen[2]![1]).toBeCloseTo(q * 107, 9);
    expect(seen[3]![1]).toBeCloseTo(q * 111, 9);
    expect(seen[1]![2]).toBeCloseTo(0, 9);
  });
});
