import { AppError } from '../../shared/contract';
import type { AggregatedBook, BookLadder, LadderQuery, MarketImpactDto } from '../../shared/contract/channels/book';
import type { ConnectionRef } from '../../shared/contract/channels/market';
import { OrderBookManager } from '../core/orderbook';
import { ladderRows } from '../core/orderbook/ladder';
import type { BookEndpoint, BookTransport, LineSinkFactory } from '../ports/book-source';
import type { Logger } from '../ports/logger';
import { LiveBook } from './book/live-book';
import { Throttle } from './book/throttle';

/** At most one event per 50 ms per subscription (≤ 20/s). */
export const BOOK_STREAM_INTERVAL_MS = 50;

export interface BookFeedOptions {
  transport: BookTransport;
  /** Where a market's book lives; `demo` asks for the local venue's hosts. Throws for an unsupported market. */
  endpoint: (exchangeId: string, symbol: string, demo: boolean) => Promise<BookEndpoint>;
  /** The market's price tick (null when unknown): books look levels up by tick once it is known. */
  tickSize?: (exchangeId: string, symbol: string, demo: boolean) => Promise<number | null>;
  /** Opens recording files (under the data folder); without it recording is refused. */
  recordings?: LineSinkFactory;
  logger?: Logger;
  intervalMs?: number;
  /** A socket that sends nothing for this long is treated as dead and reopened. */
  silenceMs?: number;
  snapshotTimeoutMs?: number;
  now?: () => number;
  random?: () => number;
}

interface Entry {
  book: LiveBook;
  refs: number;
}

const feedKey = (demo: boolean, exchangeId: string, symbol: string): string => `${demo ? 'demo' : 'real'}|${exchangeId}|${symbol}`;

/**
 * The live order books behind the ladder, depth and aggregated panels. One LiveBook per (venue,
 * exchange, symbol) is shared by every subscriber and stops with its last one. Demo books live in
 * their own manager so the venue's "binance" never mixes with the real one. Each subscription gets
 * a throttled view built when it fires, so a slow renderer only ever sees fewer, newer states.
 */
export class BookFeedService {
  private readonly entries = new Map<string, Entry>();
  private readonly managers: Record<'demo' | 'real', OrderBookManager>;
  private readonly intervalMs: number;
  private readonly now: () => number;

  constructor(private readonly opts: BookFeedOptions) {
    this.intervalMs = opts.intervalMs ?? BOOK_STREAM_INTERVAL_MS;
    this.now = opts.now ?? Date.now;
    const managerFor = (demo: boolean) => new OrderBookManager({ onResync: (r) => this.entries.get(feedKey(demo, r.exchange, r.symbol))?.book.onResync(r.reason) });
    this.managers = { demo: managerFor(true), real: managerFor(false) };
  }

  private acquire(ref: ConnectionRef, symbol: string): LiveBook {
    const key = feedKey(ref.demo, ref.exchangeId, symbol);
    let entry = this.entries.get(key);
    if (!entry) {
      let book: LiveBook;
      try {
        book = new LiveBook(ref.exchangeId, symbol, ref.demo, {
          manager: this.managers[ref.demo ? 'demo' : 'real'],
          transport: this.opts.transport,
          endpoint: () => this.opts.endpoint(ref.exchangeId, symbol, ref.demo),
          tickSize: this.opts.tickSize && (() => this.opts.tickSize!(ref.exchangeId, symbol, ref.demo)),
          logger: this.opts.logger,
          silenceMs: this.opts.silenceMs ?? 30_000,
          snapshotTimeoutMs: this.opts.snapshotTimeoutMs ?? 10_000,
          random: this.opts.random ?? Math.random,
        });
      } catch (err) {
        throw new AppError('VALIDATION', `order book ${ref.exchangeId} ${symbol}: ${err instanceof Error ? err.message : String(err)}`);
      }
      entry = { book, refs: 0 };
      this.entries.set(key, entry);
    }
    entry.refs++;
    return entry.book;
  }

  private release(book: LiveBook): void {
    const key = feedKey(book.demo, book.exchangeId, book.symbol);
    const entry = this.entries.get(key);
    if (!entry || entry.book !== book) return;
    entry.refs--;
    if (entry.refs > 0) return;
    this.entries.delete(key);
    book.stop().catch((err: unknown) => this.opts.logger?.error('closing a book recording failed', { error: err instanceof Error ? err.message : String(err) }));
  }

  /** Streams the ladder of one book; returns the function that stops it (and the feed, with its last subscriber). */
  watchLadder(query: LadderQuery, emit: (e: BookLadder) => void): () => void {
    const book = this.acquire(query.connection, query.symbol);
    const throttle = new Throttle(this.intervalMs, () => emit(this.ladder(book, query.depth, query.group)), this.now);
    const off = book.listen(() => throttle.mark());
    throttle.mark();
    return () => {
      throttle.stop();
      off();
      this.release(book);
    };
  }

  ladder(book: LiveBook, depth: number, group: number | null): BookLadder {
    const synced = book.synced;
    const c = synced.counters;
    const stats = synced.book.getStats({ levels: 10, bandBps: 10 });
    return {
      exchangeId: book.exchangeId,
      demo: book.demo,
      symbol: book.symbol,
      status: book.status(),
      reason: book.reason,
      group,
      time: synced.lastTime ?? null,
      receivedAt: book.receivedAt,
      lastId: synced.lastId ?? null,
      bids: ladderRows(synced.book.bids, depth, group),
      asks: ladderRows(synced.book.asks, depth, group),
      stats,
      counters: {
        messages: book.counters.messages,
        deltasApplied: c.deltasApplied,
        snapshots: c.snapshotsApplied,
        gaps: c.gaps,
        resyncs: c.resyncRequests,
        staleDropped: c.staleDropped,
        checksumMismatches: c.checksumMismatches,
        invalid: book.counters.invalid,
        reconnects: book.counters.reconnects,
      },
      recording: book.recording()?.file ?? null,
    };
  }

  /** Streams best bid/ask and a merged ladder across connections (all demo, or all real). */
  watchAggregated(refs: ConnectionRef[], symbol: string, depth: number, emit: (e: AggregatedBook) => void): () => void {
    const demo = refs[0]!.demo;
    if (refs.some((r) => r.demo !== demo)) throw new AppError('VALIDATION', 'book.aggregated: the demo venue cannot be aggregated with real exchanges');
    // accounts share public books: one feed per exchange
    const exchanges = [...new Set(refs.map((r) => r.exchangeId))];
    const books: LiveBook[] = [];
    try {
      for (const exchangeId of exchanges) books.push(this.acquire({ exchangeId, account: null, demo }, symbol));
    } catch (err) {
      for (const b of books) this.release(b);
      throw err;
    }
    const manager = this.managers[demo ? 'demo' : 'real'];
    const build = (): AggregatedBook => {
      const live = books.filter((b) => b.status() === 'live');
      const view = manager.getAggregatedView(symbol, live.map((b) => b.exchangeId), depth);
      return {
        symbol,
        demo,
        bestBid: view.bestBid,
        bestAsk: view.bestAsk,
        bids: view.bids,
        asks: view.asks,
        included: view.included,
        excluded: books.filter((b) => b.status() !== 'live').map((b) => ({ exchange: b.exchangeId, reason: b.status() })),
      };
    };
    const throttle = new Throttle(this.intervalMs, () => emit(build()), this.now);
    const offs = books.map((b) => b.listen(() => throttle.mark()));
    throttle.mark();
    return () => {
      throttle.stop();
      for (const off of offs) off();
      for (const b of books) this.release(b);
    };
  }

  private liveBook(ref: ConnectionRef, symbol: string, what: string): LiveBook {
    const book = this.entries.get(feedKey(ref.demo, ref.exchangeId, symbol))?.book;
    if (!book) throw new AppError('UNAVAILABLE', `${what}: no ${ref.exchangeId} ${symbol} book is open; open its order book first`);
    return book;
  }

  impact(ref: ConnectionRef, symbol: string, side: 'buy' | 'sell', amount: number): MarketImpactDto {
    const book = this.liveBook(ref, symbol, 'market impact');
    const status = book.status();
    if (status !== 'live') throw new AppError('UNAVAILABLE', `market impact: the ${ref.exchangeId} ${symbol} book is ${status}${book.reason ? ` (${book.reason})` : ''}`);
    return book.synced.book.calculateMarketImpact(amount, side);
  }

  async record(ref: ConnectionRef, symbol: string, on: boolean): Promise<{ recording: boolean; file: string | null; lines: number }> {
    const book = this.liveBook(ref, symbol, 'recording');
    if (!on) {
      const done = await book.stopRecording();
      return { recording: false, file: done?.file ?? null, lines: done?.lines ?? 0 };
    }
    const current = book.recording();
    if (current) return { recording: true, ...current };
    if (!this.opts.recordings) throw new AppError('UNAVAILABLE', 'recording is not available in this app');
    const stamp = new Date(this.now()).toISOString().replace(/[:.]/g, '-');
    const name = `${book.exchangeId}${book.demo ? '-demo' : ''}_${symbol.replace(/[/:]/g, '-')}_${stamp}.jsonl`;
    book.startRecording(this.opts.recordings(name));
    return { recording: true, ...book.recording()! };
  }

  /** Open feeds (for tests and status). */
  activeFeeds(): number {
    return this.entries.size;
  }

  /** The live book of a feed, for tests that compare it with the exchange. */
  feed(ref: Pick<ConnectionRef, 'exchangeId' | 'demo'>, symbol: string): LiveBook | undefined {
    return this.entries.get(feedKey(ref.demo, ref.exchangeId, symbol))?.book;
  }

  async close(): Promise<void> {
    const all = [...this.entries.values()];
    this.entries.clear();
    await Promise.allSettled(all.map((e) => e.book.stop()));
  }
}
