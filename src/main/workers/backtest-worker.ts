import { parentPort, workerData } from 'node:worker_threads';
import type { BacktestJob, BacktestWorkerMessage } from '../../shared/workers/backtest-protocol';
import { CANCEL_INDEX } from '../../shared/workers/backtest-protocol';
import { BacktestAbortedError, runBacktest } from '../core/backtest';
import { metricEntries, summarizeReport } from '../core/metrics';
import type { WorkerSettings, WorkerResult } from './backtest-job';

/**
 * One backtest per thread: run, grade, post the plain-data result, exit. The bar loop is
 * synchronous, so cancel cannot arrive as a message; it arrives through shared memory instead.
 */

const port = parentPort;
if (!port) throw new Error('backtest-worker must run as a worker thread');
const job = workerData as BacktestJob<WorkerSettings>;
const flag = new Int32Array(job.cancel);
const post = (m: BacktestWorkerMessage<WorkerResult>) => port.postMessage(m);

try {
  const report = runBacktest({
    ...job.settings,
    series: job.series,
    progressEvery: job.progressEvery,
    onProgress: (done, total) => post({ type: 'progress', done, total }),
    signal: {
      get aborted() {
        return Atomics.load(flag, CANCEL_INDEX) === 1;
      },
    },
  });
  const summary = report.metrics ? summarizeReport(report.metrics) : null;
  post({
    type: 'done',
    result: {
      report,
      summary: summary ? { grade: summary.grade, score: summary.score, gradeReason: summary.gradeReason, assessments: summary.assessments, recommendations: summary.recommendations } : null,
      metricRows: report.metrics ? metricEntries(report.metrics) : null,
    },
  });
} catch (err) {
  if (err instanceof BacktestAbortedError) post({ type: 'cancelled', atBar: err.atBar });
  else post({ type: 'failed', message: err instanceof Error ? err.message : String(err) });
}
