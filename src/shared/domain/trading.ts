import type { Side } from './market';

/**
 * A round trip as the backtester (and later live trading) reports it to the metrics module.
 * Times are UTC ms; prices and amounts are float64 (analysis, not a ledger).
 */
export interface ClosedTrade {
  side: 'long' | 'short';
  entryTime: number;
  entryPrice: number;
  exitTime: number;
  exitPrice: number;
  quantity: number;
  /** Total fees paid on entry and exit, in quote currency. */
  fee: number;
  /** Net profit in quote currency after fees. */
  pnl: number;
}

/** Equity over time: parallel arrays of UTC ms and account value. */
export interface EquityCurve {
  times: ArrayLike<number>;
  values: ArrayLike<number>;
}

export type { Side };
