import { isTimeframe, timeframeToMs } from '../shared/domain/market';
import { OrderRejected } from '../main/core/matching/types';
import { f8, klineRow, symbolInfo } from './format';
import type { SymbolReplay } from './market';
import type { VenueCore } from './state';

export type Params = Record<string, string>;

/** A route: Binance's weight for the call, whether it is SIGNED, and the handler. */
export interface Route {
  weight: (p: Params) => number;
  security: 'NONE' | 'USER_STREAM' | 'SIGNED';
  handle: (core: VenueCore, p: Params, account: string) => unknown;
}

export function required(p: Params, name: string): string {
  const v = p[name];
  if (v === undefined || v === '') throw new OrderRejected(-1102, `Mandatory parameter '${name}' was not sent, was empty/null, or malformed.`);
  return v;
}

export function intParam(p: Params, name: string, dflt?: number): number | undefined {
  const v = p[name];
  if (v === undefined || v === '') return dflt;
  if (!/^-?\d+$/.test(v)) throw new OrderRejected(-1100, `Illegal characters found in parameter '${name}'; legal range is '^[0-9]{1,20}$'.`);
  return Number(v);
}

export function replayOf(core: VenueCore, p: Params): SymbolReplay {
  const r = core.replays.get(required(p, 'symbol').toUpperCase());
  if (!r) throw new OrderRejected(-1121, 'Invalid symbol.');
  return r;
}

/** `symbol` or `symbols` (a JSON array), or every symbol when neither is sent. */
function selection(core: VenueCore, p: Params): { replays: SymbolReplay[]; single: boolean } {
  if (p.symbol) return { replays: [replayOf(core, p)], single: true };
  if (p.symbols) {
    let ids: unknown;
    try {
      ids = JSON.parse(p.symbols);
    } catch {
      throw new OrderRejected(-1100, "Illegal characters found in parameter 'symbols'; legal range is '^\\[(\"[A-Z0-9-_.]{1,20}\"(,\"[A-Z0-9-_.]{1,20}\"){0,}){0,1}\\]$'.");
    }
    if (!Array.isArray(ids)) throw new OrderRejected(-1100, "Illegal characters found in parameter 'symbols'.");
    return { replays: ids.map((id) => replayOf(core, { symbol: String(id) })), single: false };
  }
  return { replays: [...core.replays.values()], single: false };
}

function limitParam(p: Params, dflt: number, max: number): number {
  const limit = intParam(p, 'limit', dflt)!;
  if (limit <= 0 || limit > max) throw new OrderRejected(-1100, `Illegal characters found in parameter 'limit'; legal range is '1-${max}'.`);
  return limit;
}

function depthWeight(p: Params): number {
  const limit = Number(p.limit ?? 100);
  return limit <= 100 ? 5 : limit <= 500 ? 25 : limit <= 1000 ? 50 : 250;
}

export function ticker24h(core: VenueCore, r: SymbolReplay): Record<string, unknown> {
  const now = core.marketTime();
  const bars = r.klines.baseSince(now - 86_400_000);
  const dp = r.spec.tickSize.split('.')[1]?.length ?? 0;
  const px = (v: number) => v.toFixed(dp);
  const open = bars[0]?.open ?? 0;
  const last = bars[bars.length - 1]?.close ?? 0;
  const volume = bars.reduce((s, b) => s + b.volume, 0);
  const quoteVolume = bars.reduce((s, b) => s + b.quoteVolume, 0);
  const { bid, ask } = core.engine.bestBidAsk(r.spec.symbol);
  const lastTrade = r.tape[r.tape.length - 1];
  return {
    symbol: r.spec.symbol,
    priceChange: px(last - open),
    priceChangePercent: open ? (((last - open) / open) * 100).toFixed(3) : '0.000',
    weightedAvgPrice: volume ? px(quoteVolume / volume) : px(last),
    prevClosePrice: px(bars[0]?.open ?? 0),
    lastPrice: px(last),
    lastQty: lastTrade ? f8(lastTrade.qty) : '0.00000000',
    bidPrice: f8(bid?.[0] ?? '0'),
    bidQty: f8(bid?.[1] ?? '0'),
    askPrice: f8(ask?.[0] ?? '0'),
    askQty: f8(ask?.[1] ?? '0'),
    openPrice: px(open),
    highPrice: px(Math.max(...bars.map((b) => b.high))),
    lowPrice: px(Math.min(...bars.map((b) => b.low))),
    volume: volume.toFixed(8),
    quoteVolume: quoteVolume.toFixed(8),
    openTime: now - 86_400_000,
    closeTime: now,
    firstId: r.tape[0]?.id ?? -1,
    lastId: lastTrade?.id ?? -1,
    count: r.tape.length,
  };
}

function bookTicker(core: VenueCore, r: SymbolReplay): Record<string, unknown> {
  const { bid, ask } = core.engine.bestBidAsk(r.spec.symbol);
  return { symbol: r.spec.symbol, bidPrice: f8(bid?.[0] ?? '0'), bidQty: f8(bid?.[1] ?? '0'), askPrice: f8(ask?.[0] ?? '0'), askQty: f8(ask?.[1] ?? '0') };
}

const klines: Route = {
  weight: () => 2,
  security: 'NONE',
  handle: (core, p) => {
    const r = replayOf(core, p);
    const interval = required(p, 'interval');
    if (!isTimeframe(interval)) throw new OrderRejected(-1120, 'Invalid interval.');
    const limit = limitParam(p, 500, 1000);
    const bars = r.klines.query(interval, { startTime: intParam(p, 'startTime'), endTime: intParam(p, 'endTime'), limit });
    const dp = r.spec.tickSize.split('.')[1]?.length ?? 0;
    return bars.map((b) => klineRow(b, timeframeToMs(interval), dp));
  },
};

export const PUBLIC_ROUTES: Record<string, Route> = {
  'GET /api/v3/ping': { weight: () => 1, security: 'NONE', handle: () => ({}) },
  'GET /api/v3/time': { weight: () => 1, security: 'NONE', handle: (core) => ({ serverTime: core.serverTime() }) },
  'GET /api/v3/exchangeInfo': {
    weight: () => 20,
    security: 'NONE',
    handle: (core, p) => ({
      timezone: 'UTC',
      serverTime: core.serverTime(),
      rateLimits: [
        { rateLimitType: 'REQUEST_WEIGHT', interval: 'MINUTE', intervalNum: 1, limit: core.limits.weightPerMinute },
        { rateLimitType: 'ORDERS', interval: 'SECOND', intervalNum: 10, limit: core.limits.ordersPer10s },
        { rateLimitType: 'ORDERS', interval: 'DAY', intervalNum: 1, limit: 200000 },
        { rateLimitType: 'RAW_REQUESTS', interval: 'MINUTE', intervalNum: 5, limit: 61000 },
      ],
      exchangeFilters: [],
      symbols: selection(core, p).replays.map((r) => symbolInfo(r.spec)),
    }),
  },
  'GET /api/v3/depth': {
    weight: depthWeight,
    security: 'NONE',
    handle: (core, p) => {
      const r = replayOf(core, p);
      const d = core.engine.depth(r.spec.symbol, limitParam(p, 100, 5000));
      return { lastUpdateId: d.lastUpdateId, bids: d.bids.map(([a, b]) => [f8(a), f8(b)]), asks: d.asks.map(([a, b]) => [f8(a), f8(b)]) };
    },
  },
  'GET /api/v3/trades': {
    weight: () => 25,
    security: 'NONE',
    handle: (core, p) => {
      const r = replayOf(core, p);
      return r.tape.slice(-limitParam(p, 500, 1000)).map((t) => ({ id: t.id, price: f8(t.price), qty: f8(t.qty), quoteQty: f8(t.quoteQty), time: t.time, isBuyerMaker: t.isBuyerMaker, isBestMatch: true }));
    },
  },
  'GET /api/v3/aggTrades': {
    weight: () => 4,
    security: 'NONE',
    handle: (core, p) => {
      const r = replayOf(core, p);
      const limit = limitParam(p, 500, 1000);
      const fromId = intParam(p, 'fromId');
      const start = intParam(p, 'startTime');
      const end = intParam(p, 'endTime');
      if (start !== undefined && end !== undefined && end - start > 3_600_000) throw new OrderRejected(-1127, 'More than 1 hours between startTime and endTime.');
      let rows = r.aggs.filter((a) => (fromId === undefined || a.a >= fromId) && (start === undefined || a.T >= start) && (end === undefined || a.T <= end));
      rows = fromId !== undefined || start !== undefined ? rows.slice(0, limit) : rows.slice(-limit);
      return rows.map((a) => ({ a: a.a, p: f8(a.p), q: f8(a.q), f: a.f, l: a.l, T: a.T, m: a.m, M: true }));
    },
  },
  'GET /api/v3/klines': klines,
  'GET /api/v3/uiKlines': klines,
  'GET /api/v3/ticker/24hr': {
    weight: (p) => (p.symbol ? 2 : p.symbols ? 40 : 80),
    security: 'NONE',
    handle: (core, p) => {
      const s = selection(core, p);
      const rows = s.replays.map((r) => ticker24h(core, r));
      return s.single ? rows[0] : rows;
    },
  },
  'GET /api/v3/ticker/bookTicker': {
    weight: (p) => (p.symbol ? 2 : 4),
    security: 'NONE',
    handle: (core, p) => {
      const s = selection(core, p);
      const rows = s.replays.map((r) => bookTicker(core, r));
      return s.single ? rows[0] : rows;
    },
  },
  'GET /api/v3/ticker/price': {
    weight: (p) => (p.symbol ? 2 : 4),
    security: 'NONE',
    handle: (core, p) => {
      const s = selection(core, p);
      const rows = s.replays.map((r) => ({ symbol: r.spec.symbol, price: f8(r.tape[r.tape.length - 1]?.price ?? '0') }));
      return s.single ? rows[0] : rows;
    },
  },
};
