/**
 * The unified forms every exchange's book messages are normalized into. Levels are interleaved
 * [price, size, price, size, …] in the exchange's order (best first); strings are parsed once.
 */
export interface BookUpdate {
  /** ccxt exchange id (`binance`, `okx`, …). */
  exchange: string;
  /** Unified symbol (`BTC/USDT`, `XRP/USDT:USDT`). */
  symbol: string;
  kind: 'snapshot' | 'delta';
  bids: Float64Array;
  asks: Float64Array;
  /** The original `price:size` text per level; present only where the exchange's checksum needs it. */
  bidTexts?: string[];
  askTexts?: string[];
  /** First update id covered by this message (Binance `U`). */
  firstId?: number;
  /** Last update id covered (Binance `u`, OKX `seqId`, Bybit `u`, REST `lastUpdateId`). */
  lastId?: number;
  /** The id the previous message must have ended on (Binance futures `pu`, OKX `prevSeqId`). */
  prevId?: number;
  /** Exchange checksum as a signed 32-bit integer. */
  checksum?: number;
  /** Exchange event time, UTC ms. */
  time?: number;
}

/** A best bid/offer published separately from the book (bookTicker, ticker) used to cross-check it. */
export interface BestQuote {
  exchange: string;
  symbol: string;
  bid: number;
  ask: number;
  /** The book update id this quote reflects (Binance `u`). */
  id?: number;
  /** Exchange time, UTC ms, for exchanges whose quotes line up with the book by timestamp. */
  time?: number;
}

export type NormalizedMessage =
  | { type: 'book'; update: BookUpdate }
  | { type: 'quote'; quote: BestQuote }
  /** A message of a channel the book does not use (trades, candles, subscription acks). */
  | { type: 'other'; channel: string }
  | { type: 'invalid'; reason: string }
  | { type: 'unknown-symbol'; marketId: string };
