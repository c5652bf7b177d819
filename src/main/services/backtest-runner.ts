import fs from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { CandleSeries } from '../../shared/domain/market';
import { CANCEL_INDEX, type BacktestJob, type BacktestWorkerMessage } from '../../shared/workers/backtest-protocol';
import type { BacktestInput, BacktestReport } from '../core/backtest';
import type { MetricEntry, MetricsSummary } from '../core/metrics';

/** Mirrors src/main/workers/backtest-job.ts (services may not import workers; both build from the core's types). */
export type WorkerSettings = Omit<BacktestInput, 'series' | 'onProgress' | 'signal' | 'progressEvery'>;
export interface WorkerResult {
  report: BacktestReport;
  summary: Omit<MetricsSummary, 'report'> | null;
  metricRows: MetricEntry[] | null;
}
export type WorkerMessage = BacktestWorkerMessage<WorkerResult>;

export interface WorkerRun {
  /** Asks the engine to stop at its next check (every `progressEvery` bars). */
  cancel(): void;
  /** Ends the thread at once (shutdown); no further messages arrive. */
  terminate(): Promise<void>;
}

export interface WorkerEntry {
  /** A file URL of the built worker (.js), or of the TypeScript source when running from source. */
  url: URL;
  fromSource: boolean;
}

/**
 * Finds the worker entry: the built `backtest-worker.js` beside (or one level above, for code
 * split into a chunks folder) the bundle this runner ended up in, or the TypeScript source when
 * this file itself runs from source (tsx, vitest).
 */
export function resolveWorkerEntry(here: string = import.meta.url): WorkerEntry {
  if (here.endsWith('.ts')) return { url: new URL('../workers/backtest-worker.ts', here), fromSource: true };
  for (const rel of ['./backtest-worker.js', '../backtest-worker.js']) {
    const url = new URL(rel, here);
    if (fs.existsSync(fileURLToPath(url))) return { url, fromSource: false };
  }
  throw new Error(`the backtest worker was not found next to ${fileURLToPath(here)}; rebuild the app`);
}

function spawn(entry: WorkerEntry, job: BacktestJob<WorkerSettings>): Worker {
  const transferList = [job.series.time, job.series.open, job.series.high, job.series.low, job.series.close, job.series.volume].map((a) => a.buffer as ArrayBuffer);
  if (!entry.fromSource) return new Worker(entry.url, { workerData: job, transferList });
  // From source the thread needs tsx's loader before it can import a .ts file; Node 20 does not
  // carry the parent's loader hooks into workers, so register them first, then load the entry.
  const tsxApi = pathToFileURL(createRequire(import.meta.url).resolve('tsx/esm/api')).href;
  const code = `import(${JSON.stringify(tsxApi)}).then((m) => { m.register(); return import(${JSON.stringify(entry.url.href)}); })`;
  return new Worker(code, { eval: true, workerData: job, transferList });
}

/** Copies the columns into fresh buffers so the transfer never detaches memory the caller still uses. */
function ownColumns(s: CandleSeries): CandleSeries {
  return { time: s.time.slice(), open: s.open.slice(), high: s.high.slice(), low: s.low.slice(), close: s.close.slice(), volume: s.volume.slice() };
}

/**
 * Runs one backtest in its own thread. `onMessage` receives progress, then exactly one terminal
 * message (done, cancelled or failed), also when the thread dies without saying why.
 */
export function startBacktestWorker(
  series: CandleSeries,
  settings: WorkerSettings,
  onMessage: (m: WorkerMessage) => void,
  opts: { entry?: WorkerEntry; progressEvery?: number } = {},
): WorkerRun {
  const cancel = new SharedArrayBuffer(4);
  const flag = new Int32Array(cancel);
  const n = series.time.length;
  // About a hundred progress steps whatever the length, but not so fine that messages dominate.
  const progressEvery = opts.progressEvery ?? Math.max(256, Math.ceil(n / 100));
  const worker = spawn(opts.entry ?? resolveWorkerEntry(), { series: ownColumns(series), settings, cancel, progressEvery });
  let finished = false;
  const finish = (m: WorkerMessage) => {
    if (finished) return;
    finished = true;
    onMessage(m);
  };
  worker.on('message', (m: WorkerMessage) => {
    if (m.type === 'progress') {
      if (!finished) onMessage(m);
    } else finish(m);
  });
  worker.on('error', (err) => finish({ type: 'failed', message: `the backtest worker crashed: ${err.message}` }));
  worker.on('exit', (code) => finish({ type: 'failed', message: `the backtest worker exited (code ${code}) without a result` }));
  return {
    cancel: () => Atomics.store(flag, CANCEL_INDEX, 1),
    terminate: async () => {
      finished = true;
      await worker.terminate();
    },
  };
}
