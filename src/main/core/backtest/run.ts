import type { CandleSeries } from '../../../shared/domain/market';
import type { ClosedTrade } from '../../../shared/domain/trading';
import { APP_VERSION } from '../../../shared/version';
import { datasetHash } from '../candles/series';
import { inferIntervalMs, timeframeOfMs } from '../candles/gaps';
import { calculateMetrics, type MetricsReport } from '../metrics';
import { createStrategy } from '../strategy/builtins';
import type { Sizing } from '../strategy/types';
import { simulate } from './engine';
import { feeRatesOf, feeScheduleId, type FeeSpec } from './fees';
import type { BacktestManifest } from './manifest';

/**
 * A complete run: strategy from the catalog, simulation, metrics against buy-and-hold, manifest.
 * The result is plain JSON (no typed arrays, no class instances), so it crosses a worker boundary,
 * goes into SQLite or a file as is, and serializes to the same bytes every time.
 */

export const DEFAULT_SIZING: Sizing = { kind: 'percent', percent: 100 };

export interface BacktestInput {
  /** The bars to run (already cut to the requested range). */
  series: CandleSeries;
  /** How the caller names the data (a path, `embedded:<file>`, later `db:…`). */
  datasetSource: string;
  /** The requested range (UTC ms), recorded in the manifest. */
  from?: number | null;
  to?: number | null;
  strategy: string;
  params?: Readonly<Record<string, unknown>>;
  capital: number;
  fees: FeeSpec;
  slippageBps?: number;
  sizing?: Sizing;
  onProgress?: (done: number, total: number) => void;
  signal?: { readonly aborted: boolean };
  progressEvery?: number;
}

export interface BacktestReport {
  manifest: BacktestManifest;
  bars: number;
  initialCapital: number;
  finalEquity: number;
  totalFees: number;
  /** Buy-and-hold over the same bars (first open to last close, no fees), for comparison. */
  buyAndHoldReturn: number;
  trades: ClosedTrade[];
  /** [bar open time (UTC ms), equity at that bar's close]. */
  equity: [number, number][];
  metrics: MetricsReport | null;
  /** Why metrics are null (e.g. equity reached zero), else null. */
  metricsError: string | null;
}

export function buildManifest(input: BacktestInput, params: Record<string, number>): BacktestManifest {
  const s = input.series;
  const n = s.time.length;
  const sizing = input.sizing ?? DEFAULT_SIZING;
  return {
    manifestVersion: 1,
    appVersion: APP_VERSION,
    dataset: {
      source: input.datasetSource,
      hash: datasetHash(s),
      bars: n,
      firstTime: n > 0 ? s.time[0]! : null,
      lastTime: n > 0 ? s.time[n - 1]! : null,
      from: input.from ?? null,
      to: input.to ?? null,
    },
    strategy: { name: input.strategy, params },
    sizing,
    fees: input.fees,
    feeScheduleId: feeScheduleId(input.fees),
    slippageBps: input.slippageBps ?? 0,
    capital: input.capital,
  };
}

export function runBacktest(input: BacktestInput): BacktestReport {
  const s = input.series;
  const n = s.time.length;
  if (n < 2) throw new Error(`a backtest needs at least 2 bars, the data has ${n}`);
  const { params, strategy } = createStrategy(input.strategy, input.params);
  const manifest = buildManifest(input, params);
  const sim = simulate(s, strategy, {
    capital: input.capital,
    fees: feeRatesOf(input.fees),
    slippageBps: manifest.slippageBps,
    sizing: manifest.sizing,
    onProgress: input.onProgress,
    signal: input.signal,
    progressEvery: input.progressEvery,
  });
  const benchmark = new Float64Array(n - 1);
  for (let i = 1; i < n; i++) benchmark[i - 1] = s.close[i]! / s.close[i - 1]! - 1;
  let metrics: MetricsReport | null = null;
  let metricsError: string | null = null;
  try {
    const timeframe = timeframeOfMs(inferIntervalMs(s.time)) ?? undefined;
    metrics = calculateMetrics(sim.trades, sim.equity, { benchmark, timeframe });
  } catch (err) {
    metricsError = err instanceof Error ? err.message : String(err);
  }
  const equity: [number, number][] = new Array(n);
  for (let i = 0; i < n; i++) equity[i] = [sim.equity.times[i]!, sim.equity.values[i]!];
  return {
    manifest,
    bars: n,
    initialCapital: input.capital,
    finalEquity: sim.finalEquity,
    totalFees: sim.totalFees,
    buyAndHoldReturn: s.close[n - 1]! / s.open[0]! - 1,
    trades: sim.trades,
    equity,
    metrics,
    metricsError,
  };
}
