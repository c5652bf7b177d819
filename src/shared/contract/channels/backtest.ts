import { z } from 'zod';
import * as B from '../backtest-schemas';
import { request, stream } from '../define';
import * as S from '../schemas';

/**
 * Backtesting: the candle store (datasets, import, export, bars for the chart), the strategy
 * catalog, and runs (started in a worker, progress streamed, results persisted).
 */
export const backtestRequests = {
  'datasets.list': request(S.Empty, z.array(B.DatasetInfo), 'Candle datasets in the store (the embedded default first), with provenance and gaps.'),
  'datasets.import': request(B.DatasetImportInput, B.DatasetImport, 'Validate and import a CSV or JSON candle file in one transaction; a bad row names its line and nothing is imported.'),
  'datasets.export': request(B.DatasetRangeInput, B.DatasetExport, 'A dataset (or a range of it) as CSV.'),
  'datasets.candles': request(B.DatasetRangeInput, B.CandleColumns, 'OHLCV columns of a dataset range, for charts.'),
  'datasets.delete': request(B.DatasetRef, z.object({ deleted: z.boolean() }), 'Delete an imported dataset and its bars (the embedded one cannot be deleted).'),
  'datasets.download': request(B.DownloadInput, B.DownloadJob, 'Start downloading closed candles through the exchange hub (only what the store lacks); progress on datasets.downloadProgress.'),
  'datasets.downloadCancel': request(B.DownloadJob, z.object({ cancelled: z.boolean() }), 'Stop a download between two pages; the pages already stored stay.'),
  'strategies.list': request(S.Empty, z.array(B.StrategyInfo), 'Built-in strategies with their parameter schemas.'),
  'backtest.run': request(B.BacktestRunInput, B.RunId, 'Start a backtest in a worker thread; progress arrives on backtest.progress, the result is persisted.'),
  'backtest.cancel': request(B.RunId, z.object({ cancelled: z.boolean() }), 'Cancel a running backtest (nothing is persisted for it).'),
  'backtest.runs': request(S.Empty, z.array(B.RunSummary), 'Persisted runs, newest first.'),
  'backtest.get': request(B.RunId, B.RunDetail, 'One persisted run: manifest, trades, equity, metrics and the graded summary.'),
  'backtest.delete': request(B.RunId, z.object({ deleted: z.boolean() }), 'Delete a persisted run.'),
};

export const backtestStreams = {
  'datasets.downloadProgress': stream(z.object({ jobId: z.string().max(64).optional() }).strict(), B.DownloadProgress, 'Pages, bars and % of candle downloads (one job, or all), then done, failed or cancelled.'),
  'backtest.progress': stream(z.object({ runId: z.string().max(64).optional() }).strict(), B.BacktestProgress, 'Progress, completion, failure and cancellation of backtests (one run, or all).'),
};
