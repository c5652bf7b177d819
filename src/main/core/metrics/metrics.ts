import type { Timeframe } from '../../../shared/domain/market';
import type { ClosedTrade, EquityCurve } from '../../../shared/domain/trading';
import { METRIC_DEFINITIONS, METRIC_KEYS, type MetricKey } from './definitions';
import { MetricsInputError } from './errors';
import { copyFinite, primeInputKernels } from './input-kernels';
import { calendarReturns, primeCalendar, resolvePeriodsPerYear, validateTimes } from './periods';
import { MetricSink, type MetricsReport } from './report';
import { benchmarkWalk, primeReturnKernels, type BenchmarkWalkSums } from './return-kernels';
import { returnMetrics, type ReturnSeries } from './return-metrics';
import { borrow, ScratchSlot } from './scratch';
import { primeSelectScans } from './select';
import { primeWalkKernels, walkEquity, walkEquityTimed, walkReturns, type WalkSums } from './walk-kernels';
import { tradeMetrics } from './trade-metrics';

export interface MetricsOptions {
  /** Return periods per year; derived when absent (see resolvePeriodsPerYear). */
  periodsPerYear?: number;
  /** The bar timeframe of the curve; used for periods per year when `periodsPerYear` is absent. */
  timeframe?: Timeframe;
  /** Annual risk-free rate as a fraction (0.04 = 4 %); default 0. */
  riskFreeRate?: number;
  /**
   * Benchmark simple returns, one per return period of the strategy (an equity curve of m points
   * has m − 1). The backtester passes buy-and-hold of the same asset. A different length is an error.
   */
  benchmark?: ArrayLike<number>;
  /** Compute UTC daily and monthly returns of the curve (default true; needs timestamps). */
  calendarReturns?: boolean;
}

export interface ReturnsOnlyOptions extends MetricsOptions {
  /**
   * Optional time of each return (when its period ended). The curve's starting point is placed one
   * spacing before the first return.
   */
  times?: ArrayLike<number>;
  /** Closed trades for the trade statistics; without them those metrics are null. */
  trades?: readonly ClosedTrade[];
}

const TRADE_KEYS = METRIC_KEYS.filter((k) => {
  const g = METRIC_DEFINITIONS[k].group;
  return g === 'trades' || g === 'efficiency' || k === 'kellyPercentage' || k === 'systemQualityNumber';
});

let primed = false;

/**
 * Runs every kernel on a few hundred points before the first report (see return-kernels.ts for
 * why), on first use rather than at import: at import it cost about 13 ms on every start of the app
 * and of the CLI, most of which never compute a report. Run on first use, one round of the primers
 * left a report over a million points at ~9.5 ms instead of ~6 ms in 3 of 12 benchmark processes;
 * two rounds did not (0 of 8).
 */
function primeKernels(): void {
  if (primed) return;
  primed = true;
  for (let k = 0; k < 2; k++) {
    primeInputKernels();
    primeWalkKernels();
    primeReturnKernels();
    primeSelectScans();
    primeCalendar();
  }
}

/** Every metric from the closed trades and the equity curve (values in quote currency, any scale). */
export function calculateMetrics(trades: readonly ClosedTrade[], equity: EquityCurve, opts: MetricsOptions = {}): MetricsReport {
  primeKernels();
  const values = equity.values;
  const m = values.length;
  const times = equity.times.length > 0 ? equity.times : null;
  if (times !== null && times.length !== m) throw new MetricsInputError(`equity curve has ${m} values but ${times.length} times`);
  const n = Math.max(0, m - 1);
  const returns = borrow(ScratchSlot.Returns, n);
  // Validation (times too), returns and the drawdown walk in one pass over the curve.
  let walk: WalkSums;
  let regular: boolean | undefined;
  if (times === null) walk = walkEquity(values, returns);
  else {
    const timed = walkEquityTimed(values, times, returns);
    // A bad time is reported before a bad value wherever it is, so the pass, which stopped at the
    // first of either, is followed by a check of every time.
    if (timed.badTime >= 0 || timed.bad >= 0) validateTimes(times, 'equity curve');
    walk = timed;
    regular = timed.regular;
  }
  if (walk.bad >= 0) checkEquityValue(values[walk.bad]!, walk.bad, m);
  return assemble({ returns, wealth: values, times, walk }, trades, opts, regular);
}

function checkEquityValue(v: number, i: number, m: number): void {
  if (!Number.isFinite(v)) throw new MetricsInputError(`equity curve: value at index ${i} is not a finite number (${v})`);
  // A return needs a positive value before it; only the last point may reach 0 (a wiped-out account).
  if (v < 0 || (v === 0 && i < m - 1)) throw new MetricsInputError(`equity curve: value at index ${i} is ${v}; equity must stay positive to define returns`);
}

/** Every metric from a series of simple per-period returns (compounded from 1). */
export function calculateMetricsFromReturns(returns: ArrayLike<number>, opts: ReturnsOnlyOptions = {}): MetricsReport {
  primeKernels();
  const n = returns.length;
  // A Float64Array is read in place (nothing here writes to the returns); anything else is
  // copied once so the kernels see one element type.
  let r: Float64Array;
  let bad = -1;
  if (returns instanceof Float64Array) r = returns;
  else {
    r = borrow(ScratchSlot.Returns, n);
    bad = copyFinite(returns, r);
  }
  const wealth = borrow(ScratchSlot.Wealth, n + 1);
  const walk = bad >= 0 ? null : walkReturns(r, wealth);
  if (walk === null || walk.bad >= 0) {
    if (walk !== null) bad = walk.bad;
    const x = returns[bad]!;
    if (!Number.isFinite(x)) throw new MetricsInputError(`returns: value at index ${bad} is not a finite number (${x})`);
    throw new MetricsInputError(`returns: value at index ${bad} is ${x}; a simple return cannot be below −1 (−100 %)`);
  }
  let times: Float64Array | null = null;
  // The start time added below repeats the first gap, so the spacing stays regular if it was.
  let regular: boolean | undefined;
  if (opts.times !== undefined && opts.times.length > 0) {
    if (opts.times.length !== n) throw new MetricsInputError(`returns: ${n} values but ${opts.times.length} times`);
    regular = validateTimes(opts.times, 'returns');
    times = new Float64Array(n + 1);
    for (let i = 0; i < n; i++) times[i + 1] = opts.times[i]!;
    const step = n >= 2 ? opts.times[1]! - opts.times[0]! : 0;
    times[0] = opts.times[0]! - step;
    if (n < 2) times = null; // one return gives no spacing: a start time would be invented
  }
  return assemble({ returns: r, wealth, times, walk }, opts.trades ?? null, opts, regular);
}

/** The benchmark as a Float64Array (read in place when it is one) with its validating pass 1. */
function checkedBenchmark(b: ArrayLike<number>, r: Float64Array): { returns: Float64Array; walk: BenchmarkWalkSums } {
  const n = r.length;
  if (b.length !== n) throw new MetricsInputError(`benchmark has ${b.length} returns but the strategy has ${n}; they must cover the same periods`);
  let bf: Float64Array;
  let bad = -1;
  if (b instanceof Float64Array) bf = b;
  else {
    bf = borrow(ScratchSlot.Benchmark, n);
    bad = copyFinite(b, bf);
  }
  const walk = bad >= 0 ? null : benchmarkWalk(r, bf);
  if (walk === null || walk.bad >= 0) {
    if (walk !== null) bad = walk.bad;
    throw new MetricsInputError(`benchmark: value at index ${bad} is not a finite number (${b[bad]})`);
  }
  return { returns: bf, walk };
}

function assemble(
  series: ReturnSeries,
  trades: readonly ClosedTrade[] | null,
  opts: MetricsOptions,
  regularTimes: boolean | undefined,
): MetricsReport {
  const n = series.returns.length;
  const riskFreeRate = opts.riskFreeRate ?? 0;
  if (!(Number.isFinite(riskFreeRate) && riskFreeRate > -1)) throw new MetricsInputError(`riskFreeRate must be a number above −1, got ${riskFreeRate}`);
  const benchmark = opts.benchmark === undefined ? null : checkedBenchmark(opts.benchmark, series.returns);
  const P = resolvePeriodsPerYear(opts, series.times, regularTimes);
  const rf = (1 + riskFreeRate) ** (1 / P.value) - 1;

  const sink = new MetricSink();
  returnMetrics(series, { periodsPerYear: P.value, rf, benchmark }, sink);
  const times = series.times;
  const span = times !== null && times.length >= 2 ? { start: times[0]!, end: times[times.length - 1]! } : null;
  if (trades !== null) tradeMetrics(trades, span, sink);
  else sink.fillMissing(TRADE_KEYS, 'no trade list given');
  const { metrics, reasons } = sink.ordered();

  return {
    metrics,
    reasons,
    meta: {
      periodsPerYear: P.value,
      periodsPerYearSource: P.source,
      riskFreeRate,
      riskFreePerPeriod: rf,
      observations: n,
      trades: trades?.length ?? 0,
      start: span?.start ?? null,
      end: span?.end ?? null,
      hasBenchmark: benchmark !== null,
    },
    periodReturns: times !== null && opts.calendarReturns !== false ? calendarReturns(times, series.wealth) : { daily: [], monthly: [] },
  };
}

export type { MetricKey };
