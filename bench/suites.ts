import { orderbookSuite } from './orderbook.bench';
import { metricsSuite } from './metrics.bench';
import { feesSuite } from './fees.bench';
import { indicatorsSuite } from './indicators.bench';
import { backtestSuite } from './backtest.bench';

/** The benchmark suites; each module exports `{ name, run }` and is listed here once. */
export interface BenchSuite {
  name: string;
  run: () => Promise<void> | void;
}

export const suites: BenchSuite[] = [orderbookSuite, metricsSuite, feesSuite, indicatorsSuite, backtestSuite];
