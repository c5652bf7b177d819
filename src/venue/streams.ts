import { isTimeframe, timeframeToMs, type Timeframe } from '../shared/domain/market';
import type { Balance, EngineEvent, Fill, Order } from '../main/core/matching/types';
import { f8 } from './format';
import type { SymbolReplay } from './market';
import { ticker24h } from './rest-public';
import { USER_ACCOUNT, type VenueCore } from './state';

export type StreamKind = { kind: 'depth' } | { kind: 'trade' } | { kind: 'aggTrade' } | { kind: 'bookTicker' } | { kind: 'ticker' } | { kind: 'kline'; tf: Timeframe };

/** Parses "btcusdt@kline_1m" into its symbol and kind; null for a stream the venue does not serve. */
export function parseStream(core: VenueCore, name: string): { replay: SymbolReplay; stream: StreamKind } | null {
  const [sym, kind, rate] = name.split('@');
  const replay = sym ? core.replays.get(sym.toUpperCase()) : undefined;
  if (!replay || sym !== sym.toLowerCase() || !kind) return null;
  if (kind === 'depth' && (rate === undefined || rate === '100ms' || rate === '1000ms')) return { replay, stream: { kind: 'depth' } };
  if (rate !== undefined) return null;
  if (kind === 'trade' || kind === 'aggTrade' || kind === 'bookTicker' || kind === 'ticker') return { replay, stream: { kind } };
  if (kind.startsWith('kline_') && isTimeframe(kind.slice(6))) return { replay, stream: { kind: 'kline', tf: kind.slice(6) as Timeframe } };
  return null;
}

export type Publish = (stream: string, payload: unknown) => void;
export type PublishUser = (event: Record<string, unknown>) => void;

/**
 * Turns the venue's ticks and engine events into Binance stream payloads. `wanted` tells which
 * streams have a subscriber, so nothing is built for streams nobody watches — except the depth diff,
 * which is taken every tick so update ids stay contiguous.
 */
export function wireStreams(core: VenueCore, wanted: (stream: string) => boolean, publish: Publish, publishUser: PublishUser): void {
  const lastTop = new Map<string, string>();

  core.engine.onEvent((e: EngineEvent) => {
    if (e.kind === 'trade') publishTrade(e.fill);
    else if (e.kind === 'order' && e.order.account === USER_ACCOUNT) publishUser(executionReport(e.order, e.executionType, e.fill));
    else if (e.kind === 'balance' && e.account === USER_ACCOUNT) publishUser(accountPosition(e.balances, e.time));
  });

  function publishTrade(fill: Fill): void {
    const id = fill.symbol.toLowerCase();
    const E = core.marketTime();
    const m = fill.takerSide === 'SELL';
    if (wanted(`${id}@trade`)) publish(`${id}@trade`, { e: 'trade', E, s: fill.symbol, t: fill.tradeId, p: f8(fill.price), q: f8(fill.qty), T: fill.time, m, M: true });
    const agg = core.replays.get(fill.symbol)?.aggs.at(-1);
    if (agg && wanted(`${id}@aggTrade`)) publish(`${id}@aggTrade`, { e: 'aggTrade', E, s: fill.symbol, a: agg.a, p: f8(agg.p), q: f8(agg.q), f: agg.f, l: agg.l, T: agg.T, m: agg.m, M: true });
  }

  core.onTick((time) => {
    for (const r of core.replays.values()) {
      const symbol = r.spec.symbol;
      const id = symbol.toLowerCase();
      const diff = core.engine.takeDepthDiff(symbol);
      const depthNames = [`${id}@depth@100ms`, `${id}@depth`, `${id}@depth@1000ms`].filter(wanted);
      if (diff && depthNames.length > 0) {
        // a lost message, as the skip fault simulates it: the next diff someone receives starts one id
        // late (taken only by a diff that is actually sent, so an unwatched symbol cannot swallow it)
        const U = core.faults.takeDepthSkip() ? diff.U + 1 : diff.U;
        const payload = { e: 'depthUpdate', E: time, s: symbol, U, u: diff.u, b: diff.bids.map(([p, q]) => [f8(p), f8(q)]), a: diff.asks.map(([p, q]) => [f8(p), f8(q)]) };
        for (const name of depthNames) publish(name, payload);
      }
      const { bid, ask } = core.engine.bestBidAsk(symbol);
      const top = `${bid?.join()}|${ask?.join()}`;
      if (top !== lastTop.get(symbol)) {
        lastTop.set(symbol, top);
        if (wanted(`${id}@bookTicker`)) {
          publish(`${id}@bookTicker`, { u: core.engine.depth(symbol, 0).lastUpdateId, s: symbol, b: f8(bid?.[0] ?? '0'), B: f8(bid?.[1] ?? '0'), a: f8(ask?.[0] ?? '0'), A: f8(ask?.[1] ?? '0') });
        }
      }
      if (core.ticks % 10 === 0 && wanted(`${id}@ticker`)) publish(`${id}@ticker`, tickerEvent(core, r, time));
      for (const tf of KLINE_TFS) {
        const name = `${id}@kline_${tf}`;
        if (!wanted(name)) continue;
        const bar = r.klines.current(tf, time);
        if (!bar) continue;
        const ms = timeframeToMs(tf);
        const dp = r.spec.tickSize.split('.')[1]?.length ?? 0;
        publish(name, {
          e: 'kline',
          E: time,
          s: symbol,
          k: { t: bar.openTime, T: bar.openTime + ms - 1, s: symbol, i: tf, f: bar.firstTradeId, L: bar.lastTradeId, o: bar.open.toFixed(dp), c: bar.close.toFixed(dp), h: bar.high.toFixed(dp), l: bar.low.toFixed(dp), v: bar.volume.toFixed(8), n: bar.trades, x: false, q: bar.quoteVolume.toFixed(8), V: bar.takerBuyVolume.toFixed(8), Q: bar.takerBuyQuoteVolume.toFixed(8), B: '0' },
        });
      }
    }
  });
}

const KLINE_TFS: Timeframe[] = ['1m', '3m', '5m', '15m', '30m', '1h', '2h', '4h', '6h', '8h', '12h', '1d', '3d', '1w'];

function tickerEvent(core: VenueCore, r: SymbolReplay, time: number): Record<string, unknown> {
  const t = ticker24h(core, r) as Record<string, string | number>;
  return { e: '24hrTicker', E: time, s: t.symbol, p: t.priceChange, P: t.priceChangePercent, w: t.weightedAvgPrice, x: t.prevClosePrice, c: t.lastPrice, Q: t.lastQty, b: t.bidPrice, B: t.bidQty, a: t.askPrice, A: t.askQty, o: t.openPrice, h: t.highPrice, l: t.lowPrice, v: t.volume, q: t.quoteVolume, O: t.openTime, C: t.closeTime, F: t.firstId, L: t.lastId, n: t.count };
}

function executionReport(o: Order, x: string, fill?: Fill): Record<string, unknown> {
  const mine = fill ? (o.side === 'BUY' ? fill.buyer : fill.seller) : undefined;
  return {
    e: 'executionReport',
    E: o.updateTime,
    s: o.symbol,
    c: o.clientOrderId,
    S: o.side,
    o: o.type,
    f: o.timeInForce,
    q: f8(o.origQty),
    p: f8(o.price),
    P: '0.00000000',
    F: '0.00000000',
    g: -1,
    C: x === 'CANCELED' ? o.clientOrderId : '',
    x,
    X: o.status,
    r: 'NONE',
    i: o.orderId,
    l: f8(fill?.qty ?? '0'),
    z: f8(o.executedQty),
    L: f8(fill?.price ?? '0'),
    n: f8(mine?.commission ?? '0'),
    N: mine?.commissionAsset ?? null,
    T: fill?.time ?? o.updateTime,
    t: fill?.tradeId ?? -1,
    I: o.orderId * 2 + (fill ? 1 : 0),
    w: o.status === 'NEW' || o.status === 'PARTIALLY_FILLED' ? o.isWorking || x === 'NEW' : false,
    m: mine?.isMaker ?? false,
    M: false,
    O: o.time,
    Z: f8(o.cummulativeQuoteQty),
    Y: f8(fill?.quoteQty ?? '0'),
    Q: f8(o.origQuoteOrderQty),
    W: o.time,
    V: 'NONE',
  };
}

function accountPosition(balances: Balance[], time: number): Record<string, unknown> {
  return { e: 'outboundAccountPosition', E: time, u: time, B: balances.map((b) => ({ a: b.asset, f: b.free, l: b.locked })) };
}
