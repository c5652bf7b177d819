import type { backtestRequests, backtestStreams } from '../../../shared/contract/channels/backtest';
import type { BacktestService } from '../../services/backtest-service';
import type { CandleDownloadService } from '../../services/candle-download-service';
import type { DatasetService } from '../../services/dataset-service';
import type { RequestHandlers, StreamHandlers } from '../handlers';

export interface BacktestRouteDeps {
  datasets: DatasetService;
  backtests: BacktestService;
  downloads: CandleDownloadService;
}

export function backtestRoutes(d: BacktestRouteDeps): Pick<RequestHandlers, keyof typeof backtestRequests> {
  return {
    'datasets.list': () => d.datasets.list(),
    'datasets.import': (input) => d.datasets.importText(input),
    'datasets.export': ({ from, to, ...ref }) => d.datasets.exportCsv(ref, from, to),
    'datasets.candles': ({ from, to, ...ref }) => d.datasets.candles(ref, from, to),
    'datasets.delete': (ref) => d.datasets.delete(ref),
    'datasets.download': (input) => d.downloads.start(input),
    'datasets.downloadCancel': ({ jobId }) => d.downloads.cancel(jobId),
    'strategies.list': () => d.backtests.strategies(),
    'backtest.run': (input) => d.backtests.run(input),
    'backtest.cancel': ({ runId }) => d.backtests.cancel(runId),
    'backtest.runs': () => d.backtests.list(),
    'backtest.get': ({ runId }) => d.backtests.get(runId),
    'backtest.delete': ({ runId }) => d.backtests.delete(runId),
  };
}

export function backtestStreamRoutes(d: BacktestRouteDeps): Pick<StreamHandlers, keyof typeof backtestStreams> {
  return {
    'backtest.progress': ({ runId }, emit) => d.backtests.watch(runId, emit),
    'datasets.downloadProgress': ({ jobId }, emit) => d.downloads.watch(jobId, emit),
  };
}
