import type { ParamSpec, ParamValues } from './params';

/**
 * The one Strategy interface. Built-in strategies implement it now, compiled bot-builder graphs
 * will implement it later, and the same object runs in the backtester, paper and live trading.
 *
 * Lifecycle:
 *  1. `init(setup)` once. The strategy asks for the price columns and indicators it needs and keeps
 *     the returned arrays. In a backtest the indicators are computed over the whole run with the
 *     batch kernels (fast); in live trading the runner fills the same arrays bar by bar with the
 *     streaming versions, which produce identical values.
 *  2. `onBar(i, ctx)` after bar i has closed. The strategy reads index ≤ i of its arrays and states
 *     order intents through `ctx`. Intents act from bar i+1 on: market orders fill at the next
 *     open, resting orders when a later bar's range reaches them.
 *
 * No look-ahead, by construction: every array handed out by `setup` is revealed bar by bar — at
 * `onBar(i)` indices above i hold NaN — so a strategy that peeks at the next bar sees nothing.
 */
export interface Strategy {
  init(setup: StrategySetup): void;
  onBar(i: number, ctx: BarContext): void;
}

export type PriceField = 'time' | 'open' | 'high' | 'low' | 'close' | 'volume';

export interface StrategySetup {
  /** Number of bars the arrays can hold (the run's length in a backtest, a capacity in live use). */
  readonly length: number;
  /** A price column, revealed bar by bar. */
  series(field: PriceField): Float64Array;
  /** An indicator from the catalog (`rsi`, `macd`, …) by name and parameters; one array per output, revealed bar by bar. */
  indicator(name: string, params?: Readonly<Record<string, number>>): Readonly<Record<string, Float64Array>>;
}

/** How much to trade when an entry fills. */
export type Sizing =
  | { kind: 'fixed'; quantity: number }
  /** Commit this % of equity, fee included: quantity = equity·pct/100 / (price·(1 + feeRate)). */
  | { kind: 'percent'; percent: number }
  /**
   * Kelly fraction f = W − (1 − W)/R from the run's own closed trades (W win rate, R average win /
   * average loss), clamped to [0, cap]; `fallbackPercent` of equity until `minTrades` have closed.
   */
  | { kind: 'kelly'; cap: number; minTrades: number; fallbackPercent: number };

export interface EntryIntent {
  /** market (default): next bar's open; limit: at `price` or better; stop: once the price trades through `price`. */
  type?: 'market' | 'limit' | 'stop';
  price?: number;
  /** Protective stop for the position this entry opens (absolute price). */
  stopLoss?: number;
  /** Profit target for the position this entry opens (absolute price, a resting limit). */
  takeProfit?: number;
  /** Overrides the run's sizing for this entry. */
  sizing?: Sizing;
}

export interface BarContext {
  /** Open time (UTC ms) of the bar that just closed. */
  readonly time: number;
  /** Signed position quantity: > 0 long, < 0 short, 0 flat. */
  readonly position: number;
  /** Average entry price of the open position (NaN when flat). */
  readonly entryPrice: number;
  readonly cash: number;
  /** Cash + position marked at this bar's close. */
  readonly equity: number;
  /** True while an entry order waits (to fill at the next open, or resting). */
  readonly hasPendingEntry: boolean;
  /**
   * Go long. Flat: opens a position. Short: the fill closes the short and opens the long at the
   * same price. Already long: ignored (no pyramiding). Replaces any waiting entry order.
   */
  enterLong(intent?: EntryIntent): void;
  /** Go short; mirror of enterLong. */
  enterShort(intent?: EntryIntent): void;
  /** Close the position with a market order at the next open. */
  exit(): void;
  /** Move the open position's stop-loss / take-profit (NaN removes one); effective from the next bar. */
  setBracket(stopLoss: number, takeProfit: number): void;
  /** Withdraw a waiting entry order. */
  cancelEntry(): void;
}

/** A strategy as the catalog, the CLI, the optimizer and the UI see it. */
export interface StrategyDefinition {
  name: string;
  title: string;
  description: string;
  params: readonly ParamSpec[];
  create(params: ParamValues): Strategy;
}
