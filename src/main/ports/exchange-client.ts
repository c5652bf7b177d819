import type { ExchangeErrorKind } from '../core/exchange/errors';
import type { Timeframe } from '../../shared/domain/market';

/**
 * What the exchange hub needs from an exchange library, so that services never import ccxt. The
 * ccxt adapter (`adapters/exchange/ccxt-client.ts`) implements it.
 */
export interface Credentials {
  apiKey: string;
  secret: string;
  password?: string;
  uid?: string;
}

/** A local Binance-compatible venue standing in for the exchange (the demo, paper trading, tests). */
export interface VenueEndpoint {
  /** REST base, e.g. http://127.0.0.1:40123 */
  url: string;
  /** WebSocket base, e.g. ws://127.0.0.1:40123 */
  wsUrl: string;
  /** The venue's own (demo) credentials, so a demo connection can trade on the venue. */
  credentials?: Credentials;
}

export interface ConnectionSpec {
  exchangeId: string;
  /** The API key label, or null for public data only. */
  account: string | null;
  credentials: Credentials | null;
  sandbox: boolean;
  /** Venue hosts in failover order; when set the connection talks to them instead of the exchange. */
  venue: VenueEndpoint[] | null;
}

export interface TickerData {
  symbol: string;
  time: number;
  last: number | null;
  open: number | null;
  high: number | null;
  low: number | null;
  bid: number | null;
  ask: number | null;
  changePct: number | null;
  baseVolume: number | null;
  quoteVolume: number | null;
}

export interface TradeData {
  id: string;
  time: number;
  price: number;
  amount: number;
  side: 'buy' | 'sell' | null;
}

/** [open time ms, open, high, low, close, volume] */
export type OhlcvRow = [number, number, number, number, number, number];

export type RestMethod = 'loadMarkets' | 'fetchTickers' | 'fetchTicker' | 'fetchOHLCV' | 'fetchTrades' | 'fetchOrderBook' | 'fetchBalance' | 'createOrder' | 'fetchTime' | 'fetchTradingFees';

/** The account's fee rates per unified spot symbol, as decimal strings (0.001 = 0.1 %). */
export type TradingFees = Record<string, { maker: string; taker: string }>;

export interface ClassifiedError {
  kind: ExchangeErrorKind;
  message: string;
  /** From the response's Retry-After header, when the exchange sent one. */
  retryAfterMs?: number;
}

export interface ExchangeClient {
  readonly exchangeId: string;
  /** ccxt's `rateLimit`: ms per unit of endpoint cost. */
  readonly rateLimitMs: number;
  /** Most candles one fetchOHLCV call returns (the exchange's documented page size). */
  readonly ohlcvLimit: number;
  /** The endpoint weight a call costs (ccxt's per-endpoint `cost`, with the method's arguments). */
  costOf(method: RestMethod, args?: { symbols?: string[]; limit?: number }): number;
  /** Hosts this connection may use, primary first; more than one means failover is possible. */
  hosts(): string[];
  activeHost(): number;
  useHost(index: number): void;

  loadMarkets(): Promise<string[]>;
  /**
   * The market's price increment (e.g. 0.01) from the exchange's market data, or null when the
   * market is unknown or the exchange states precision in a form that is not a tick.
   */
  priceTick(symbol: string): Promise<number | null>;
  fetchTickers(symbols: string[]): Promise<TickerData[]>;
  /** The newest `limit` bars, or with `since` the first `limit` bars opening at or after it. */
  fetchOHLCV(symbol: string, timeframe: Timeframe, limit: number, since?: number): Promise<OhlcvRow[]>;
  fetchTrades(symbol: string, limit: number): Promise<TradeData[]>;
  fetchTime(): Promise<number>;
  /** Totals per currency (floats: for display; orders and ledgers use decimal strings elsewhere). */
  fetchBalance(): Promise<Record<string, { free: number; used: number; total: number }>>;
  /**
   * The account's own spot maker/taker rates (ccxt fetchTradingFees; fetchTradingFee per symbol of
   * `symbols` where the exchange only reports one market at a time). Needs credentials.
   */
  fetchTradingFees(symbols?: string[]): Promise<TradingFees>;

  watchTickers(symbols: string[]): Promise<TickerData[]>;
  watchOHLCV(symbol: string, timeframe: Timeframe): Promise<OhlcvRow[]>;
  watchTrades(symbol: string): Promise<TradeData[]>;
  /** Ends a watch subscription at the exchange (a pending watch then rejects). */
  unwatch(kind: 'tickers' | 'ohlcv' | 'trades', symbols: string[], timeframe?: Timeframe): Promise<void>;

  classify(err: unknown): ClassifiedError;
  close(): Promise<void>;
}

export interface ExchangeClientFactory {
  create(spec: ConnectionSpec): Promise<ExchangeClient>;
}
