import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Candle } from '../src/shared/domain/market';
import type { ClosedTrade } from '../src/shared/domain/trading';
import { flatFees, runBacktest, simulate } from '../src/main/core/backtest';
import { parseCandles } from '../src/main/core/candles';
import { RsiStream } from '../src/main/core/indicators';
import { createStrategy } from '../src/main/core/strategy';
import { eventDrivenBacktest, type BaselineTrade } from './backtest-baseline';
import { median, printTable, runInRounds } from './harness';
import type { BenchSuite } from './suites';

/**
 * rsi-reversal over the shipped BTC/USDT 1h 2021 bars (8,747): our engine (strategy init with the
 * batch RSI, revealed arrays, fills, equity curve) against a conventional event-driven backtester
 * (bench/backtest-baseline.ts: candle objects through an event queue, a Strategy class on
 * technicalindicators' streaming RSI, a broker and a portfolio), asserted to produce the same trades
 * and final equity. A hand-tuned streaming loop is shown for reference only. Targets (issue 6):
 * ≤ 15 ns/bar and ≥ 25× the event-driven backtester.
 */

const FEE = 0.001;

type Event =
  | { type: 'market'; candle: Candle; index: number }
  | { type: 'close'; candle: Candle; index: number }
  | { type: 'signal'; side: 'buy' | 'sell'; index: number }
  | { type: 'order'; side: 'buy' | 'sell'; index: number }
  | { type: 'fill'; side: 'buy' | 'sell'; price: number; time: number };

/**
 * Reference only, not the target's baseline: a hand-tuned single-function loop with a switch over
 * event literals and our own typed streaming RSI, which no user would write as "an event-driven
 * backtester" but which shows how much of the gap is the framework shape rather than the maths.
 */
function handTunedLoop(candles: Candle[]): number {
  const queue: Event[] = [];
  const rsi = new RsiStream(14);
  const portfolio = { cash: 10_000, quantity: 0, equity: [] as { time: number; value: number }[], trades: [] as { entry: number; exit: number; quantity: number }[] };
  let waiting: { side: 'buy' | 'sell' }[] = [];
  for (let i = 0; i < candles.length; i++) {
    queue.push({ type: 'market', candle: candles[i]!, index: i });
    while (queue.length > 0) {
      const ev = queue.shift()!;
      switch (ev.type) {
        case 'market':
          for (const o of waiting) queue.push({ type: 'fill', side: o.side, price: ev.candle.open, time: ev.candle.time });
          waiting = [];
          queue.push({ type: 'close', candle: ev.candle, index: ev.index });
          break;
        case 'fill':
          if (ev.side === 'buy') {
            const q = portfolio.cash / (ev.price * (1 + FEE));
            portfolio.cash -= q * ev.price * (1 + FEE);
            portfolio.quantity = q;
            portfolio.trades.push({ entry: ev.price, exit: NaN, quantity: q });
          } else {
            portfolio.cash += portfolio.quantity * ev.price * (1 - FEE);
            portfolio.quantity = 0;
            portfolio.trades[portfolio.trades.length - 1]!.exit = ev.price;
          }
          break;
        case 'close': {
          const value = rsi.next(ev.candle.close);
          if (portfolio.quantity === 0 && value < 30) queue.push({ type: 'signal', side: 'buy', index: ev.index });
          else if (portfolio.quantity > 0 && value > 70) queue.push({ type: 'signal', side: 'sell', index: ev.index });
          portfolio.equity.push({ time: ev.candle.time, value: portfolio.cash + portfolio.quantity * ev.candle.close });
          break;
        }
        case 'signal':
          if (ev.index < candles.length - 1) queue.push({ type: 'order', side: ev.side, index: ev.index });
          break;
        case 'order':
          waiting.push({ side: ev.side });
          break;
      }
    }
  }
  if (portfolio.quantity > 0) {
    portfolio.cash += portfolio.quantity * candles[candles.length - 1]!.close * (1 - FEE);
    portfolio.equity[portfolio.equity.length - 1]!.value = portfolio.cash;
  }
  return portfolio.cash;
}

/** Same trades (every field, bit for bit) and the same final equity, or the comparison is meaningless. */
function assertSameRun(trades: readonly ClosedTrade[], equity: number, baseTrades: readonly BaselineTrade[], baseEquity: number): void {
  if (trades.length !== baseTrades.length) throw new Error(`trade counts differ: engine ${trades.length}, baseline ${baseTrades.length}`);
  trades.forEach((t, i) => {
    const b = baseTrades[i]!;
    const same = t.entryTime === b.entryTime && t.exitTime === b.exitTime && t.entryPrice === b.entryPrice && t.exitPrice === b.exitPrice && t.quantity === b.quantity && t.pnl === b.pnl;
    if (!same) throw new Error(`trade ${i} differs: engine ${JSON.stringify(t)}, baseline ${JSON.stringify(b)}`);
  });
  if (equity !== baseEquity) throw new Error(`final equity differs: engine ${equity}, baseline ${baseEquity}`);
}

/** Ratio of the two cases' medians within each round (`samples` consecutive samples per round). */
function roundRatios(slow: number[], fast: number[], samples: number): number[] {
  const out: number[] = [];
  for (let k = 0; k + samples <= slow.length; k += samples) out.push(median(slow.slice(k, k + samples)) / median(fast.slice(k, k + samples)));
  return out;
}

export const backtestSuite: BenchSuite = {
  name: 'backtest',
  run() {
    const file = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../resources/data/binance_spot_BTCUSDT_1h_2021.csv');
    const { series } = parseCandles(fs.readFileSync(file, 'utf8'));
    const n = series.close.length;
    const candles: Candle[] = Array.from({ length: n }, (_, i) => ({ time: series.time[i]!, open: series.open[i]!, high: series.high[i]!, low: series.low[i]!, close: series.close[i]!, volume: series.volume[i]! }));
    const config = { capital: 10_000, fees: { maker: FEE, taker: FEE }, slippageBps: 0, sizing: { kind: 'percent', percent: 100 } as const };
    const ours = simulate(series, createStrategy('rsi-reversal').strategy, config);
    const baseline = eventDrivenBacktest(candles, config.capital, FEE);
    assertSameRun(ours.trades, ours.finalEquity, baseline.trades, baseline.finalEquity);
    const tuned = handTunedLoop(candles);
    if (tuned !== ours.finalEquity) throw new Error(`the hand-tuned loop disagrees: ${tuned} vs ${ours.finalEquity}`);
    // Our engine, the baseline and the reference take turns in rounds of batched samples of
    // ~25 ms each (bench/harness.ts runInRounds explains why): one 8,747-bar run of ours takes
    // ~0.07 ms and allocates two 70 KB arrays, one of the baseline takes ~2 ms and allocates an
    // object per event, so timing single runs put each side's collections and the machine's other
    // tenants into the samples at very different rates, and the baseline's median alone swung
    // between ~2.1 and ~6.9 ms from one invocation to the next. Warm-up first so every loop is
    // measured as optimized code and, for simulate, past the first external-memory collection.
    const res = runInRounds(
      [
        { name: 'marketdesk simulate (rsi-reversal)', units: n, warmup: 600, run: () => simulate(series, createStrategy('rsi-reversal').strategy, config).finalEquity },
        { name: 'event-driven backtester (baseline)', units: n, warmup: 100, run: () => eventDrivenBacktest(candles, config.capital, FEE).finalEquity },
        { name: 'hand-tuned streaming loop (reference)', units: n, warmup: 100, run: () => handTunedLoop(candles) },
      ],
      { rounds: 9, samples: 5, sampleMs: 25 },
    );
    // Measured apart: its allocations (metrics, JSON-ready equity pairs) would trigger collections
    // that land in the neighbouring cases' time slots.
    res.push(...runInRounds([{ name: 'marketdesk runBacktest (+metrics, hash)', units: n, warmup: 20, run: () => runBacktest({ series, datasetSource: 'bench', strategy: 'rsi-reversal', capital: 10_000, fees: flatFees(FEE) }).finalEquity }], { rounds: 3, samples: 3, sampleMs: 25 }));
    const ourEquity = ours.finalEquity;
    printTable(`rsi-reversal backtest over ${n.toLocaleString('en')} bars (${ours.trades.length} trades, final equity ${ourEquity.toFixed(2)}, identical in engine and baseline)`, res, 'marketdesk simulate (rsi-reversal)');
    const [sim, ev] = res;
    // The ratio of medians is the target; the per-round ratios show how much it moves within a run.
    const perRound = roundRatios(ev!.samplesMs, sim!.samplesMs, 5);
    console.log(`\n## Targets\nsimulate ${sim!.nsPerUnit!.toFixed(1)} ns/bar (need ≤ 15); ${(ev!.medianMs / sim!.medianMs).toFixed(1)}x the event-driven backtester (need ≥ 25)`);
    console.log(`ratio per round ${perRound.map((r) => r.toFixed(1)).join(', ')}; of the fastest samples ${(ev!.minMs! / sim!.minMs!).toFixed(1)}x`);
  },
};
