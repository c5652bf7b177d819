/**
 * Indicators computed inside a consumer's own bar loop. The batch kernels are fastest on their own,
 * but a backtest that reveals their outputs bar by bar pays for a second pass that copies each
 * value across; a driver runs the indicator's recurrence and the consumer's per-bar work in one
 * loop instead, with the indicator's state in locals.
 */

/** Receives each bar once the driven outputs for it (and for no later bar) are written. */
export interface BarSink {
  barAt(i: number): void;
}

export interface IndicatorDriver {
  /**
   * Computes bars [from, to) in order into the outputs it was created with, calling `sink.barAt(i)`
   * right after writing index i. Calls must cover the series in consecutive ranges from bar 0 (each
   * `from` is the previous `to`), so a consumer can stop between ranges to report progress.
   */
  drive(from: number, to: number, sink: BarSink): void;
}
