import type { BacktestInput, BacktestReport } from '../core/backtest';
import type { MetricEntry, MetricsSummary } from '../core/metrics';

/** The run settings a worker receives: everything of a BacktestInput that is plain data. */
export type WorkerSettings = Omit<BacktestInput, 'series' | 'onProgress' | 'signal' | 'progressEvery'>;

/** What a finished worker posts back: the report, its graded summary (without a second copy of the report) and the table rows. */
export interface WorkerResult {
  report: BacktestReport;
  summary: Omit<MetricsSummary, 'report'> | null;
  metricRows: MetricEntry[] | null;
}
