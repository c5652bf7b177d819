/**
 * Metrics over a 1,000,000-point hourly equity curve, side by side with simple-statistics on the
 * statistics both compute: per statistic (our kernel vs simple-statistics' function for the same
 * statistic on the same returns, values asserted equal to 1e-9), a combined row over that subset,
 * and our full set. simple-statistics has no drawdown, VaR or CVaR function: VaR is its `quantile`
 * and CVaR the mean of the values at or below it, the way a user of that library would write them.
 * The curve compounds the real hourly returns of Binance BTC/USDT
 * 2021 (8,746 of them) repeated until it has a million points; a trade opens every 100 bars and
 * closes 50 bars later at the curve's real prices.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as ss from 'simple-statistics';
import type { ClosedTrade } from '../src/shared/domain/trading';
import { calculateMetrics, calculateMetricsFromReturns, summarizeReport } from '../src/main/core/metrics';
import * as stats from '../src/main/core/metrics/stats';
import { printTable, runSideBySide, type BenchCase } from './harness';
import type { BenchSuite } from './suites';

const CSV = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../shared/data/ohlcv/binance_spot_BTCUSDT_1h_2021.csv');
const POINTS = 1_000_000;
const H = 3_600_000;

function realHourlyReturns(): number[] {
  const lines = readFileSync(CSV, 'utf8').trim().split('\n').slice(1);
  const closes = lines.map((l) => Number(l.split(',')[5]));
  const out: number[] = [];
  for (let i = 1; i < closes.length; i++) out.push(closes[i]! / closes[i - 1]! - 1);
  return out;
}

export function buildInputs() {
  const base = realHourlyReturns();
  const times = new Float64Array(POINTS);
  const values = new Float64Array(POINTS);
  const price = new Float64Array(POINTS);
  const t0 = Date.UTC(2021, 0, 1);
  values[0] = 10_000;
  price[0] = 29_000;
  times[0] = t0;
  for (let i = 1; i < POINTS; i++) {
    const r = base[(i - 1) % base.length]!;
    times[i] = t0 + i * H;
    price[i] = price[i - 1]! * (1 + r);
    // The strategy holds half its equity in the asset: a curve that is not just the price.
    values[i] = values[i - 1]! * (1 + 0.5 * r);
  }
  const trades: ClosedTrade[] = [];
  for (let i = 0; i + 50 < POINTS; i += 100) {
    const quantity = 1;
    const pnl = (price[i + 50]! - price[i]!) * quantity - 0.001 * (price[i]! + price[i + 50]!);
    trades.push({ side: 'long', entryTime: times[i]!, exitTime: times[i + 50]!, entryPrice: price[i]!, exitPrice: price[i + 50]!, quantity, fee: 0.001 * (price[i]! + price[i + 50]!), pnl });
  }
  const returns = new Float64Array(POINTS - 1);
  const bench = new Float64Array(POINTS - 1);
  for (let i = 0; i < POINTS - 1; i++) {
    returns[i] = values[i + 1]! / values[i]! - 1;
    bench[i] = price[i + 1]! / price[i]! - 1;
  }
  return { times, values, trades, returns, bench };
}

export const metricsSuite: BenchSuite = {
  name: 'metrics',
  run() {
    const { times, values, trades, returns, bench } = buildInputs();
    const equity = { times, values };
    const returnsArr = Array.from(returns);
    const benchArr = Array.from(bench);
    const cases: BenchCase[] = [
      {
        name: 'marketdesk: full set + summary (equity, trades, bench)',
        units: POINTS,
        run: () => summarizeReport(calculateMetrics(trades, equity, { benchmark: bench })).score,
      },
      {
        name: 'marketdesk: full set (returns only)',
        units: POINTS,
        run: () => calculateMetricsFromReturns(returns, { periodsPerYear: 8760 }).metrics.sharpeRatio,
      },
      {
        name: 'simple-statistics: overlapping subset',
        units: POINTS,
        run: () => [
          ss.mean(returnsArr),
          ss.sampleVariance(returnsArr),
          ss.sampleStandardDeviation(returnsArr),
          ss.sampleSkewness(returnsArr),
          ss.sampleKurtosis(returnsArr),
          ss.sampleCovariance(returnsArr, benchArr),
          ss.sampleVariance(benchArr),
          ss.min(returnsArr),
          ss.max(returnsArr),
          ss.quantile(returnsArr, [0.01, 0.05, 0.95]),
        ],
      },
    ];
    // Eight warm-up rounds: each function runs once per round, and V8 needs a few calls to finish
    // optimizing all of them (steady state is what the backtester and optimizer see).
    const results = runSideBySide(cases, 11, 8);
    printTable(`metrics: ${POINTS.toLocaleString('en-US')}-point equity curve, ${trades.length.toLocaleString('en-US')} trades`, results, 'simple-statistics: overlapping subset');
    const full = results[0]!;
    console.log(`full set median ${full.medianMs.toFixed(1)} ms (ceiling 60 ms): ${full.medianMs <= 60 ? 'within' : 'OVER'}`);
    perStatistic(returns, bench, returnsArr, benchArr);
  },
};

/** [name, ours, simple-statistics] for each statistic both libraries compute. */
type Pair = [string, () => number, () => number];

function perStatistic(r: Float64Array, b: Float64Array, ra: number[], ba: number[]): void {
  const cvarSs = (p: number): number => {
    const q = ss.quantile(ra, p);
    return -ss.mean(ra.filter((x) => x <= q));
  };
  const pairs: Pair[] = [
    ['mean', () => stats.mean(r), () => ss.mean(ra)],
    ['sample variance', () => stats.sampleVariance(r), () => ss.sampleVariance(ra)],
    ['sample standard deviation', () => stats.sampleStandardDeviation(r), () => ss.sampleStandardDeviation(ra)],
    ['skewness (population)', () => stats.skewness(r, true), () => ss.sampleSkewness(ra, true)],
    ['kurtosis (sample, excess)', () => stats.kurtosis(r, false), () => ss.sampleKurtosis(ra)],
    ['sample covariance (vs benchmark)', () => stats.sampleCovariance(r, b), () => ss.sampleCovariance(ra, ba)],
    ['min and max', () => { const e = stats.extent(r); return e.max - e.min; }, () => ss.max(ra) - ss.min(ra)],
    ['VaR 95 (5th percentile)', () => stats.historicalVaR(r, 0.95).valueAtRisk, () => -ss.quantile(ra, 0.05)],
    ['CVaR 95', () => stats.historicalVaR(r, 0.95).conditionalValueAtRisk, () => cvarSs(0.05)],
    ['VaR 99 (1st percentile)', () => stats.historicalVaR(r, 0.99).valueAtRisk, () => -ss.quantile(ra, 0.01)],
    ['CVaR 99', () => stats.historicalVaR(r, 0.99).conditionalValueAtRisk, () => cvarSs(0.01)],
  ];
  for (const [name, ours, theirs] of pairs) {
    const a = ours();
    const c = theirs();
    if (!(Math.abs(a - c) <= 1e-9 * Math.abs(c))) throw new Error(`${name}: ours ${a} vs simple-statistics ${c} are not the same statistic`);
  }
  console.log('\n## per statistic, same 999,999 returns (ours: Float64Array kernel; simple-statistics: number[]); values agree to 1e-9');
  console.log(`${'statistic'.padEnd(34)} ${'simple-stat ms'.padStart(15)} ${'ours ms'.padStart(9)} ${'speed-up'.padStart(9)}`);
  let sumOurs = 0;
  let sumTheirs = 0;
  for (const [name, ours, theirs] of pairs) {
    const [t, o] = runSideBySide([{ name: 'ss', run: theirs }, { name: 'ours', run: ours }], 11, 8);
    sumOurs += o!.medianMs;
    sumTheirs += t!.medianMs;
    console.log(`${name.padEnd(34)} ${t!.medianMs.toFixed(3).padStart(15)} ${o!.medianMs.toFixed(3).padStart(9)} ${`${(t!.medianMs / o!.medianMs).toFixed(2)}x`.padStart(9)}`);
  }
  console.log(`${'combined (sum of the rows above)'.padEnd(34)} ${sumTheirs.toFixed(3).padStart(15)} ${sumOurs.toFixed(3).padStart(9)} ${`${(sumTheirs / sumOurs).toFixed(2)}x`.padStart(9)}`);
}
