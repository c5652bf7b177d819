/** The benchmark suites; each module exports `{ name, run }` and is listed here once. */
export interface BenchSuite {
  name: string;
  run: () => Promise<void> | void;
}

/**
 * Loaded on demand: each suite runs in its own process, which should hold only that suite's code
 * and peers. Importing every suite up front put ccxt (≈ 60 MB of heap, from the fees and order book
 * suites) into the backtest process too, where it made every major collection of the
 * allocation-heavy baseline slower.
 */
export const suites: { name: string; load: () => Promise<BenchSuite> }[] = [
  { name: 'orderbook', load: async () => (await import('./orderbook.bench')).orderbookSuite },
  { name: 'metrics', load: async () => (await import('./metrics.bench')).metricsSuite },
  { name: 'fees', load: async () => (await import('./fees.bench')).feesSuite },
  { name: 'indicators', load: async () => (await import('./indicators.bench')).indicatorsSuite },
  { name: 'backtest', load: async () => (await import('./backtest.bench')).backtestSuite },
];
