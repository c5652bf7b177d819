import { z } from 'zod';
import { request, stream } from '../define';
import { ConnectionRef } from './market';

/** Live order books (issue 4): the ladder and depth chart of one market, the cross-exchange view, market impact, raw-feed recording. */

const Symbol = z.string().min(3).max(40).regex(/^[A-Z0-9]+\/[A-Z0-9]+(:[A-Z0-9]+)?$/, 'a unified symbol like BTC/USDT');
const Depth = z.number().int().min(1).max(200);

/** live: in step with the exchange; resyncing: waiting for a snapshot after a start, reconnect or gap; stale: the socket is down. */
export const BookStatus = z.enum(['live', 'stale', 'resyncing']);

/** [price, size, cumulative size from the best level] */
export const LadderRow = z.tuple([z.number(), z.number(), z.number()]);

export const BookStatsDto = z.object({
  bestBid: z.number().nullable(),
  bestAsk: z.number().nullable(),
  spread: z.number().nullable(),
  spreadBps: z.number().nullable(),
  mid: z.number().nullable(),
  /** (bid − ask) / (bid + ask) size over the best 10 levels of each side, in [-1, 1]. */
  imbalance: z.number().nullable(),
  /** The same ratio within ±10 bps of mid. */
  imbalanceInBand: z.number().nullable(),
  bidLiquidity: z.number(),
  askLiquidity: z.number(),
  bidLevels: z.number().int(),
  askLevels: z.number().int(),
});

export const BookCounters = z.object({
  /** Raw frames received on the socket. */
  messages: z.number().int(),
  deltasApplied: z.number().int(),
  snapshots: z.number().int(),
  gaps: z.number().int(),
  resyncs: z.number().int(),
  staleDropped: z.number().int(),
  checksumMismatches: z.number().int(),
  /** Frames that were not JSON or not a valid book message. */
  invalid: z.number().int(),
  reconnects: z.number().int(),
});

export const BookLadder = z.object({
  exchangeId: z.string(),
  demo: z.boolean(),
  symbol: z.string(),
  status: BookStatus,
  /** Why the book is not live (socket error, gap detail), or the last problem met. */
  reason: z.string().nullable(),
  /** Grouping increment applied to the rows; null for raw levels. */
  group: z.number().nullable(),
  /** Exchange time of the last applied message, and when main received the last frame (UTC ms). */
  time: z.number().nullable(),
  receivedAt: z.number().nullable(),
  lastId: z.number().nullable(),
  bids: z.array(LadderRow),
  asks: z.array(LadderRow),
  stats: BookStatsDto,
  counters: BookCounters,
  recording: z.string().nullable(),
});

export const AggregatedLevelDto = z.object({ price: z.number(), size: z.number(), byExchange: z.record(z.string(), z.number()) });
const BestDto = z.object({ price: z.number(), size: z.number(), exchange: z.string() }).nullable();

export const AggregatedBook = z.object({
  symbol: z.string(),
  demo: z.boolean(),
  bestBid: BestDto,
  bestAsk: BestDto,
  bids: z.array(AggregatedLevelDto),
  asks: z.array(AggregatedLevelDto),
  included: z.array(z.string()),
  excluded: z.array(z.object({ exchange: z.string(), reason: z.string() })),
});

export const MarketImpactDto = z.object({
  side: z.enum(['buy', 'sell']),
  requested: z.number(),
  filled: z.number(),
  averagePrice: z.number().nullable(),
  worstPrice: z.number().nullable(),
  bestPrice: z.number().nullable(),
  mid: z.number().nullable(),
  notional: z.number(),
  slippageVsBestPct: z.number().nullable(),
  slippageVsMidPct: z.number().nullable(),
  insufficientLiquidity: z.boolean(),
});

const Market = { connection: ConnectionRef, symbol: Symbol };

export const LadderQuery = z
  .object({ ...Market, depth: Depth.default(25), group: z.number().positive().finite().nullable().default(null) })
  .strict();

export const bookRequests = {
  'book.impact': request(
    z.object({ ...Market, side: z.enum(['buy', 'sell']), amount: z.number().positive().finite() }).strict(),
    MarketImpactDto,
    'Average and worst fill price, slippage and filled amount of a market order of `amount` base units against the live book (an open ladder keeps the book live).',
  ),
  'book.record': request(
    z.object({ ...Market, on: z.boolean() }).strict(),
    z.object({ recording: z.boolean(), file: z.string().nullable(), lines: z.number().int() }),
    'Starts or stops recording the raw depth feed of an open book to JSONL under the data folder (the format `book replay` reads).',
  ),
};

export const bookStreams = {
  'book.ladder': stream(LadderQuery, BookLadder, 'The top levels of one live book with spread, mid, imbalance, sync status and counters (at most 20 events/s, latest state only).'),
  'book.aggregated': stream(
    z.object({ connections: z.array(ConnectionRef).min(1).max(10), symbol: Symbol, depth: Depth.default(20) }).strict(),
    AggregatedBook,
    'Best bid/ask across the given connections (with who has it) and a ladder merged by price (at most 20 events/s).',
  ),
};

export type BookStatus = z.output<typeof BookStatus>;
export type LadderRow = z.output<typeof LadderRow>;
export type BookLadder = z.output<typeof BookLadder>;
export type BookCounters = z.output<typeof BookCounters>;
export type AggregatedBook = z.output<typeof AggregatedBook>;
export type MarketImpactDto = z.output<typeof MarketImpactDto>;
export type LadderQuery = z.output<typeof LadderQuery>;
