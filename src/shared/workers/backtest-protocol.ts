import type { CandleSeries } from '../domain/market';

/**
 * What crosses the boundary between the backtest service and its worker thread. Generic in the
 * run settings and the result so both sides instantiate it with the core's own types (shared
 * cannot name them), and the compiler checks that they agree.
 */

export interface BacktestJob<Settings> {
  /** Columns are transferred, not copied. */
  series: CandleSeries;
  settings: Settings;
  /** One Int32: the service stores 1 to cancel; the engine reads it every `progressEvery` bars. */
  cancel: SharedArrayBuffer;
  progressEvery: number;
}

export type BacktestWorkerMessage<Result> =
  | { type: 'progress'; done: number; total: number }
  | { type: 'done'; result: Result }
  | { type: 'cancelled'; atBar: number }
  | { type: 'failed'; message: string };

export const CANCEL_INDEX = 0;
