import type { Timeframe } from '../../shared/domain/market';
import type { ConnectionRef, MarketConnection, OhlcvRow, Ticker, TradePrint } from '../../shared/contract/channels/market';
import { AppError } from '../../shared/contract';
import type { ApiKeyRepository } from '../ports/storage';
import type { Connection, ConnectionInfo, ExchangeHub } from './exchange-hub';
import { connectionId } from './exchange-hub';
import { appendCapped, Coalescer, mergeByKey } from './exchange/coalescer';
import { Feed } from './exchange/feed';
import { ExchangeRequestError } from './exchange/retry';

/** At most one event per 50 ms per subscription (≤ 20/s), whatever the exchange sends. */
export const STREAM_INTERVAL_MS = 50;
const WATCHLIST_MAX = 12;

interface SharedFeed {
  feed: Feed<unknown>;
  listeners: Set<(data: unknown) => void>;
}

export const DEMO_REF: ConnectionRef = { exchangeId: 'binance', account: 'DEMO', demo: true };

/**
 * Market data over the exchange hub for the panels: which connections exist, symbols, candles and
 * the live streams. One exchange-side watch loop per (connection, stream) is shared by all
 * subscribers; each subscriber gets its own coalesced, bounded event flow.
 */
export class MarketService {
  private readonly feeds = new Map<string, SharedFeed>();

  constructor(
    private readonly hub: ExchangeHub,
    private readonly keys: Pick<ApiKeyRepository, 'list'>,
    /** Whether the demo venue is offered (no keys stored, and the app was started with it). */
    private readonly demoEnabled: boolean,
    private readonly intervalMs = STREAM_INTERVAL_MS,
  ) {}

  private showDemo(): boolean {
    if (!this.demoEnabled) return false;
    // Once started, the demo stays listed for the session; before that, only users without keys get it.
    return this.keys.list().length === 0 || this.hub.list().some((c) => c.demo);
  }

  async connections(): Promise<MarketConnection[]> {
    const live = new Map(this.hub.list().map((c) => [c.id, c]));
    const refs: ConnectionRef[] = this.keys.list().map((k) => ({ exchangeId: k.exchangeId, account: k.label, demo: false }));
    if (this.showDemo()) {
      refs.unshift(DEMO_REF);
      // the first look at the connections starts the demo, so a new user sees data without asking
      await this.connection(DEMO_REF);
      live.clear();
      for (const c of this.hub.list()) live.set(c.id, c);
    }
    return refs.map((r) => toDto(r, live.get(connectionId({ ...r, sandbox: false })) ?? null));
  }

  private async connection(ref: ConnectionRef): Promise<Connection> {
    if (ref.demo && !this.showDemo()) throw new AppError('VALIDATION', 'connection: the demo venue is only offered while no API keys are stored');
    try {
      return await this.hub.getInstance(ref.exchangeId, ref.account, { demo: ref.demo });
    } catch (err) {
      throw new AppError('UNAVAILABLE', `connection ${ref.exchangeId}${ref.account ? `:${ref.account}` : ''}: ${err instanceof Error ? err.message : String(err)}`);
    }
  }

  private async call<T>(ref: ConnectionRef, what: string, fn: (c: Connection) => Promise<T>): Promise<T> {
    const c = await this.connection(ref);
    try {
      return await fn(c);
    } catch (err) {
      if (err instanceof ExchangeRequestError) throw new AppError('UNAVAILABLE', `${what} on ${ref.exchangeId} failed (${err.classified.kind}, ${err.attempts} attempt${err.attempts > 1 ? 's' : ''}): ${err.classified.message.slice(0, 200)}`);
      throw err;
    }
  }

  async symbols(ref: ConnectionRef): Promise<string[]> {
    return this.call(ref, 'loading markets', (c) => c.request('loadMarkets', (x) => x.loadMarkets()));
  }

  /** The watchlist a new user sees: the connection's USDT markets (the demo has only a few). */
  async defaultWatchlist(ref: ConnectionRef): Promise<string[]> {
    const all = await this.symbols(ref);
    const usdt = all.filter((s) => s.endsWith('/USDT'));
    return (usdt.length ? usdt : all).slice(0, WATCHLIST_MAX);
  }

  async candles(ref: ConnectionRef, symbol: string, timeframe: Timeframe, limit: number): Promise<OhlcvRow[]> {
    return this.call(ref, `fetching ${symbol} ${timeframe} candles`, (c) => c.request('fetchOHLCV', (x) => x.fetchOHLCV(symbol, timeframe, limit), { costArgs: { limit } }));
  }

  private subscribeFeed<T>(key: string, c: Connection, make: (onData: (d: unknown) => void) => Feed<unknown>, listener: (data: T) => void): () => void {
    let shared = this.feeds.get(key);
    if (!shared) {
      const listeners = new Set<(data: unknown) => void>();
      const feed = make((d) => {
        for (const l of listeners) l(d);
      });
      shared = { feed, listeners };
      this.feeds.set(key, shared);
    }
    const entry = shared;
    const l = listener as (d: unknown) => void;
    entry.listeners.add(l);
    return () => {
      entry.listeners.delete(l);
      if (entry.listeners.size === 0 && this.feeds.get(key) === entry) {
        this.feeds.delete(key);
        entry.feed.stop();
        c.health.streamState(key, null);
      }
    };
  }

  private startFeed<T>(c: Connection, key: string, watch: () => Promise<T>, unwatch: () => Promise<void>) {
    return (onData: (d: unknown) => void) =>
      new Feed<T>({
        watch,
        unwatch,
        onData: (d) => {
          c.health.wsSuccess();
          c.streamRecovered();
          onData(d);
        },
        onState: (state) => c.health.streamState(key, state === 'closed' ? null : state),
        onFailure: () => c.streamFailed(),
      }) as Feed<unknown>;
  }

  /**
   * Starts a stream for one subscriber; returns its stop function at once (the connection and the
   * first snapshot arrive asynchronously). A connection that cannot be made (a key gone from the
   * keychain, an exchange ccxt does not know) ends the stream with that error through `end`; once
   * connected, exchange errors end nothing: the feed keeps retrying and the connection's health
   * shows why.
   */
  private stream<T>(
    ref: ConnectionRef,
    emit: (e: T[]) => void,
    end: (error: unknown) => void,
    merge: (p: T[] | null, n: T[]) => T[],
    start: (c: Connection, push: (items: T[]) => void) => Promise<() => void>,
  ): () => void {
    const out = new Coalescer<T[]>(this.intervalMs, merge, emit);
    let stopped = false;
    let stopFeed: (() => void) | null = null;
    void this.connection(ref)
      .then((c) => start(c, (items) => out.push(items)))
      .then(
        (stop) => {
          if (stopped) stop();
          else stopFeed = stop;
        },
        (err: unknown) => {
          if (!stopped) end(err);
        },
      );
    return () => {
      stopped = true;
      out.stop();
      stopFeed?.();
    };
  }

  watchTickers(ref: ConnectionRef, symbols: string[], emit: (e: Ticker[]) => void, end: (error: unknown) => void): () => void {
    const uniq = [...new Set(symbols)].sort();
    return this.stream<Ticker>(ref, emit, end, mergeByKey((t) => t.symbol, 50), async (c, push) => {
      const key = `${c.id}|tickers|${uniq.join(',')}`;
      const stop = this.subscribeFeed<Ticker[]>(key, c, this.startFeed(c, key, () => c.client.watchTickers(uniq), () => c.client.unwatch('tickers', uniq)), push);
      // a REST snapshot first, so the watchlist fills before the first ticker event
      c.request('fetchTickers', (x) => x.fetchTickers(uniq), { costArgs: { symbols: uniq } }).then(push, () => undefined);
      return stop;
    });
  }

  watchCandles(ref: ConnectionRef, symbol: string, timeframe: Timeframe, emit: (e: OhlcvRow[]) => void, end: (error: unknown) => void): () => void {
    return this.stream<OhlcvRow>(ref, emit, end, mergeByKey((r) => r[0], 5), async (c, push) => {
      const key = `${c.id}|ohlcv|${symbol}|${timeframe}`;
      // ccxt returns its whole cache on each update; only the last two bars can have changed
      return this.subscribeFeed<OhlcvRow[]>(key, c, this.startFeed(c, key, () => c.client.watchOHLCV(symbol, timeframe), () => c.client.unwatch('ohlcv', [symbol], timeframe)), (rows) => push(rows.slice(-2)));
    });
  }

  watchTrades(ref: ConnectionRef, symbol: string, emit: (e: TradePrint[]) => void, end: (error: unknown) => void): () => void {
    return this.stream<TradePrint>(ref, emit, end, appendCapped(200), async (c, push) => {
      const key = `${c.id}|trades|${symbol}`;
      const stop = this.subscribeFeed<TradePrint[]>(key, c, this.startFeed(c, key, () => c.client.watchTrades(symbol), () => c.client.unwatch('trades', [symbol])), push);
      c.request('fetchTrades', (x) => x.fetchTrades(symbol, 50), { costArgs: { limit: 50 } }).then(push, () => undefined);
      return stop;
    });
  }

  /** The connections with health, once per `intervalMs`. */
  watchHealth(emit: (e: MarketConnection[]) => void, intervalMs = 1000): () => void {
    let stopped = false;
    const tick = () => {
      this.connections().then(
        (list) => {
          if (!stopped) emit(list);
        },
        () => undefined,
      );
    };
    tick();
    const timer = setInterval(tick, intervalMs);
    return () => {
      stopped = true;
      clearInterval(timer);
    };
  }

  /** Live feeds (for tests and the status of the app). */
  activeFeeds(): number {
    return this.feeds.size;
  }
}

function toDto(ref: ConnectionRef, c: ConnectionInfo | null): MarketConnection {
  const base = { id: connectionId({ ...ref, sandbox: false }), exchangeId: ref.exchangeId, account: ref.account, demo: ref.demo };
  if (!c) {
    return { ...base, connected: false, host: null, hosts: 0, state: 'idle', reason: 'not connected yet', latencyP50: null, latencyP95: null, errorRate: 0, ws: 'idle', lastSuccess: null, lastError: null, requests: 0, errors: 0, retries: 0, failovers: 0, wsReconnects: 0, rateLimitFactor: 1, pausedForMs: 0 };
  }
  const h = c.health;
  return {
    ...base,
    connected: true,
    host: c.host,
    hosts: c.hosts,
    state: h.state,
    reason: h.reason,
    latencyP50: h.window.p50,
    latencyP95: h.window.p95,
    errorRate: h.window.errorRate,
    ws: h.ws,
    lastSuccess: h.lastSuccess,
    lastError: h.lastError,
    requests: h.requests,
    errors: h.errors,
    retries: h.retries,
    failovers: h.failovers,
    wsReconnects: h.wsReconnects,
    rateLimitFactor: c.limiter.factor,
    pausedForMs: c.limiter.pausedForMs,
  };
}
