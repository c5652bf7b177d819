import { z } from 'zod';
import { TIMEFRAMES } from '../../domain/market';
import { request, stream } from '../define';
import { Empty } from '../schemas';

/** Market data and exchange connections (the exchange hub), for the Connections/Watchlist/Tape/Chart panels. */

const Name = z.string().min(1).max(64);
export const ConnectionRef = z
  .object({
    exchangeId: Name.regex(/^[a-z0-9_]+$/, 'an exchange id is lower-case letters, digits and _ (ccxt ids)'),
    /** API key label, or null for public data. */
    account: Name.nullable(),
    /** The local demo venue standing in for the exchange. */
    demo: z.boolean().default(false),
  })
  .strict();
const Symbol = z.string().min(3).max(40).regex(/^[A-Z0-9]+\/[A-Z0-9]+(:[A-Z0-9]+)?$/, 'a unified symbol like BTC/USDT');
const Timeframe = z.enum(TIMEFRAMES);

export const MarketConnection = z.object({
  id: z.string(),
  exchangeId: z.string(),
  account: z.string().nullable(),
  demo: z.boolean(),
  /** False until the first request creates the connection. */
  connected: z.boolean(),
  host: z.string().nullable(),
  hosts: z.number().int(),
  state: z.enum(['up', 'degraded', 'down', 'idle']),
  reason: z.string(),
  latencyP50: z.number().nullable(),
  latencyP95: z.number().nullable(),
  errorRate: z.number(),
  ws: z.enum(['idle', 'connecting', 'open', 'reconnecting', 'closed']),
  lastSuccess: z.number().nullable(),
  lastError: z.object({ time: z.number(), kind: z.string(), message: z.string() }).nullable(),
  requests: z.number().int(),
  errors: z.number().int(),
  retries: z.number().int(),
  failovers: z.number().int(),
  wsReconnects: z.number().int(),
  /** 1 = full budget; below 1 after the exchange answered 429. */
  rateLimitFactor: z.number(),
  pausedForMs: z.number(),
});

export const Ticker = z.object({
  symbol: z.string(),
  time: z.number(),
  last: z.number().nullable(),
  open: z.number().nullable(),
  high: z.number().nullable(),
  low: z.number().nullable(),
  bid: z.number().nullable(),
  ask: z.number().nullable(),
  changePct: z.number().nullable(),
  baseVolume: z.number().nullable(),
  quoteVolume: z.number().nullable(),
});

export const TradePrint = z.object({ id: z.string(), time: z.number(), price: z.number(), amount: z.number(), side: z.enum(['buy', 'sell']).nullable() });

/** [open time ms, open, high, low, close, volume] */
export const OhlcvRow = z.tuple([z.number(), z.number(), z.number(), z.number(), z.number(), z.number()]);

export const CandlesQuery = z.object({ connection: ConnectionRef, symbol: Symbol, timeframe: Timeframe, limit: z.number().int().min(1).max(1000).default(300) }).strict();

export const marketRequests = {
  'market.connections': request(Empty, z.array(MarketConnection), 'Exchange connections (the DEMO venue when no keys are stored) with health, latency and errors.'),
  'market.symbols': request(z.object({ connection: ConnectionRef }).strict(), z.array(z.string()), 'Spot symbols of a connection, for the watchlist and symbol pickers.'),
  'market.candles': request(CandlesQuery, z.array(OhlcvRow), 'Recent candles (OHLCV) of one symbol and timeframe, oldest first.'),
};

export const marketStreams = {
  'market.health': stream(Empty, z.array(MarketConnection), 'Every connection with its health, once a second.'),
  'market.tickers': stream(z.object({ connection: ConnectionRef, symbols: z.array(Symbol).min(1).max(50) }).strict(), z.array(Ticker), 'Tickers of the given symbols as they change (at most 20 events/s).'),
  'market.candles.live': stream(z.object({ connection: ConnectionRef, symbol: Symbol, timeframe: Timeframe }).strict(), z.array(OhlcvRow), 'The forming bar (and any bar just closed) of one symbol, live (at most 20 events/s).'),
  'market.trades': stream(z.object({ connection: ConnectionRef, symbol: Symbol }).strict(), z.array(TradePrint), 'New public trades of one symbol, batched (at most 20 events/s).'),
};

export type ConnectionRef = z.output<typeof ConnectionRef>;
export type MarketConnection = z.output<typeof MarketConnection>;
export type Ticker = z.output<typeof Ticker>;
export type TradePrint = z.output<typeof TradePrint>;
export type OhlcvRow = z.output<typeof OhlcvRow>;
