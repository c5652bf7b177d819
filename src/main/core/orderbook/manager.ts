import type { BookLevel } from '../../../shared/domain/market';
import type { BookStats } from './book';
import { ruleFor } from './rules';
import { SyncedBook, type ApplyOutcome, type BookState } from './sync';
import type { BestQuote, BookUpdate } from './types';

export interface BookEvent {
  exchange: string;
  symbol: string;
  outcome: ApplyOutcome;
  state: BookState;
  lastId: number | undefined;
  time: number | undefined;
}

export type BookListener = (event: BookEvent) => void;

export interface ResyncRequest {
  exchange: string;
  symbol: string;
  reason: string;
}

/** A copy of a book's top levels, safe to hand to another thread or a renderer. */
export interface BookView {
  exchange: string;
  symbol: string;
  state: BookState;
  lastId: number | undefined;
  time: number | undefined;
  bids: BookLevel[];
  asks: BookLevel[];
  stats: BookStats;
}

export interface AggregatedLevel {
  price: number;
  size: number;
  byExchange: Record<string, number>;
}

export interface AggregatedView {
  symbol: string;
  bestBid: { price: number; size: number; exchange: string } | null;
  bestAsk: { price: number; size: number; exchange: string } | null;
  bids: AggregatedLevel[];
  asks: AggregatedLevel[];
  included: string[];
  excluded: { exchange: string; reason: BookState | 'no book' }[];
}

const key = (exchange: string, symbol: string): string => `${exchange}\u0000${symbol}`;

/**
 * Every local book, keyed by (exchange, symbol). Listeners hear about each applied message; they
 * should coalesce and pull views on their own schedule (a panel at ~20 Hz), never do work inline.
 */
export class OrderBookManager {
  private readonly books = new Map<string, SyncedBook>();
  private readonly listeners = new Map<string, Set<BookListener>>();
  /** Deltas for (exchange, symbol) pairs nobody tracks. */
  unknownSymbol = 0;

  constructor(
    private readonly opts: {
      onResync?: (request: ResyncRequest) => void;
      maxBuffer?: number;
      /**
       * The market's price tick (ccxt `market.precision.price` where the exchange's precision mode
       * is TICK_SIZE, as for binance, okx, bybit and bitget); undefined keeps the sorted book.
       */
      tickSizeOf?: (exchange: string, symbol: string) => number | undefined;
    } = {},
  ) {}

  /**
   * Starts a book that waits for its REST snapshot; deltas arriving before it are buffered, as
   * Binance's procedure requires (open the stream first, then fetch the snapshot).
   */
  track(exchange: string, symbol: string): SyncedBook {
    const k = key(exchange, symbol);
    let book = this.books.get(k);
    if (!book) {
      book = new SyncedBook(exchange, symbol, ruleFor(exchange), (reason) => this.opts.onResync?.({ exchange, symbol, reason }), this.opts.maxBuffer, this.opts.tickSizeOf?.(exchange, symbol));
      this.books.set(k, book);
    }
    return book;
  }

  /**
   * Gives a tracked book its market's price tick once it is known (markets load after the stream
   * opens): the book starts looking levels up by tick, its levels untouched. False when the pair is not
   * tracked or the tick is not a positive finite number (nothing changes then).
   */
  useTickSize(exchange: string, symbol: string, tickSize: number): boolean {
    return this.books.get(key(exchange, symbol))?.useTickSize(tickSize) ?? false;
  }

  /** Loads a REST depth snapshot and bridges any buffered deltas onto it. */
  initializeBook(snapshot: BookUpdate): ApplyOutcome {
    if (snapshot.kind !== 'snapshot') throw new Error(`initializeBook: expected a snapshot, got a ${snapshot.kind}`);
    const book = this.track(snapshot.exchange, snapshot.symbol);
    return this.emit(book, book.applySnapshot(snapshot, 'rest'));
  }

  /** Applies a streamed message: an in-stream snapshot rebuilds the book, a delta goes through the sequence rules. */
  applyDelta(update: BookUpdate): ApplyOutcome | 'unknown-symbol' {
    const k = key(update.exchange, update.symbol);
    let book = this.books.get(k);
    if (!book && update.kind === 'snapshot') book = this.track(update.exchange, update.symbol);
    if (!book) {
      this.unknownSymbol++;
      return 'unknown-symbol';
    }
    const outcome = update.kind === 'snapshot' ? book.applySnapshot(update, 'stream') : book.applyDelta(update);
    return this.emit(book, outcome);
  }

  checkQuote(quote: BestQuote): boolean {
    const book = this.books.get(key(quote.exchange, quote.symbol));
    if (!book) return false;
    book.checkQuote(quote);
    return true;
  }

  getBook(exchange: string, symbol: string): SyncedBook | undefined {
    return this.books.get(key(exchange, symbol));
  }

  getStats(exchange: string, symbol: string, opts?: { levels?: number; bandBps?: number }): BookStats | undefined {
    return this.getBook(exchange, symbol)?.book.getStats(opts);
  }

  getView(exchange: string, symbol: string, depth: number, opts?: { levels?: number; bandBps?: number }): BookView | undefined {
    const synced = this.getBook(exchange, symbol);
    if (!synced) return undefined;
    const top = synced.book.getTop(depth);
    return {
      exchange,
      symbol,
      state: synced.state,
      lastId: synced.lastId,
      time: synced.lastTime,
      bids: top.bids,
      asks: top.asks,
      stats: synced.book.getStats(opts),
    };
  }

  subscribe(exchange: string, symbol: string, listener: BookListener): () => void {
    const k = key(exchange, symbol);
    let set = this.listeners.get(k);
    if (!set) {
      set = new Set();
      this.listeners.set(k, set);
    }
    set.add(listener);
    return () => {
      const current = this.listeners.get(k);
      current?.delete(listener);
      if (current && current.size === 0) this.listeners.delete(k);
    };
  }

  /** Best bid/ask across exchanges (with who has it) and a ladder merged by exact price; only live books count. */
  getAggregatedView(symbol: string, exchanges: readonly string[], depth = 20): AggregatedView {
    const view: AggregatedView = { symbol, bestBid: null, bestAsk: null, bids: [], asks: [], included: [], excluded: [] };
    const bidLevels = new Map<number, AggregatedLevel>();
    const askLevels = new Map<number, AggregatedLevel>();
    const merge = (into: Map<number, AggregatedLevel>, levels: BookLevel[], exchange: string): void => {
      for (const [price, size] of levels) {
        let level = into.get(price);
        if (!level) {
          level = { price, size: 0, byExchange: {} };
          into.set(price, level);
        }
        level.size += size;
        level.byExchange[exchange] = (level.byExchange[exchange] ?? 0) + size;
      }
    };
    for (const exchange of exchanges) {
      const synced = this.getBook(exchange, symbol);
      if (!synced || synced.state !== 'live') {
        view.excluded.push({ exchange, reason: synced ? synced.state : 'no book' });
        continue;
      }
      view.included.push(exchange);
      const top = synced.book.getTop(depth);
      const bid = top.bids[0];
      const ask = top.asks[0];
      if (bid && (view.bestBid === null || bid[0] > view.bestBid.price)) view.bestBid = { price: bid[0], size: bid[1], exchange };
      if (ask && (view.bestAsk === null || ask[0] < view.bestAsk.price)) view.bestAsk = { price: ask[0], size: ask[1], exchange };
      merge(bidLevels, top.bids, exchange);
      merge(askLevels, top.asks, exchange);
    }
    view.bids = [...bidLevels.values()].sort((a, b) => b.price - a.price).slice(0, depth);
    view.asks = [...askLevels.values()].sort((a, b) => a.price - b.price).slice(0, depth);
    return view;
  }

  private emit(book: SyncedBook, outcome: ApplyOutcome): ApplyOutcome {
    const set = this.listeners.get(key(book.exchange, book.symbol));
    if (set && set.size > 0) {
      const event: BookEvent = { exchange: book.exchange, symbol: book.symbol, outcome, state: book.state, lastId: book.lastId, time: book.lastTime };
      for (const listener of set) listener(event);
    }
    return outcome;
  }
}
