import type { Timeframe } from '../../../shared/domain/market';
import type { ClassifiedError, ConnectionSpec, ExchangeClient, ExchangeClientFactory, OhlcvRow, RestMethod, TickerData, TradeData, TradingFees } from '../../ports/exchange-client';
import { parseRetryAfter } from '../../core/exchange/backoff';
import { classifyCcxtError } from './ccxt-errors';
import { loadCcxt, type CcxtCtor, type CcxtExchange, type CcxtModule, type CcxtTicker, type CcxtTrade } from './ccxt-types';
import { ALTERNATE_HOSTS, endpointCost, PRO_OPTIONS } from './endpoints';
import { toTradingFees } from './trading-fees';

const SPOT_ONLY = { defaultType: 'spot', fetchMarkets: { types: ['spot'] }, fetchCurrencies: false, fetchMargins: false };

function num(x: unknown): number | null {
  return typeof x === 'number' && Number.isFinite(x) ? x : null;
}

export function toTicker(t: CcxtTicker): TickerData {
  return {
    symbol: t.symbol,
    time: num(t.timestamp) ?? Date.now(),
    last: num(t.last),
    open: num(t.open),
    high: num(t.high),
    low: num(t.low),
    bid: num(t.bid),
    ask: num(t.ask),
    changePct: num(t.percentage),
    baseVolume: num(t.baseVolume),
    quoteVolume: num(t.quoteVolume),
  };
}

export function toTrade(t: CcxtTrade): TradeData {
  return { id: String(t.id ?? ''), time: t.timestamp ?? 0, price: t.price, amount: t.amount, side: t.side === 'buy' || t.side === 'sell' ? t.side : null };
}

function toRow(r: number[]): OhlcvRow {
  return [r[0]!, r[1]!, r[2]!, r[3]!, r[4]!, r[5] ?? 0];
}

function clientConfig(spec: ConnectionSpec, timeout: number): Record<string, unknown> {
  const c = spec.credentials;
  return {
    ...(c ? { apiKey: c.apiKey, secret: c.secret, password: c.password, uid: c.uid } : {}),
    // The hub rate-limits (per account, tightening on 429); ccxt's own throttle would queue twice.
    enableRateLimit: false,
    timeout,
    // Binance (and the venue that speaks its API) loads spot markets only: one exchangeInfo call.
    options: spec.venue || spec.exchangeId === 'binance' ? { ...SPOT_ONLY } : {},
  };
}

/** Replaces `from` with `to` in every URL string of a ccxt `urls.api` tree. */
function rewriteHost(tree: Record<string, unknown>, from: string, to: string): void {
  for (const [k, v] of Object.entries(tree)) {
    if (typeof v === 'string') tree[k] = v.split(`//${from}`).join(`//${to}`);
    else if (v && typeof v === 'object') rewriteHost(v as Record<string, unknown>, from, to);
  }
}

/** Points a ccxt binance instance at a local venue: every REST base and the WebSocket bases. */
function pointAtVenue(ex: CcxtExchange, venue: { url: string; wsUrl: string }): void {
  const api = ex.urls.api;
  // The venue serves Binance's spot API under /api/v3 and its wallet (sapi) endpoints under /sapi/v1.
  for (const key of Object.keys(api)) if (typeof api[key] === 'string') api[key] = key === 'sapi' ? `${venue.url}/sapi/v1` : `${venue.url}/api/v3`;
  api.ws = { spot: `${venue.wsUrl}/ws`, margin: `${venue.wsUrl}/ws`, 'ws-api': { spot: `${venue.wsUrl}/ws-api/v3` } };
}

/** Markets per exchange (and sandbox/venue), loaded once and shared by every instance. */
class MarketsCache {
  private readonly loads = new Map<string, Promise<{ markets: unknown; currencies: unknown }>>();

  async ensure(key: string, ex: CcxtExchange): Promise<void> {
    let p = this.loads.get(key);
    if (!p) {
      p = ex.loadMarkets().then(() => ({ markets: ex.markets, currencies: ex.currencies }));
      this.loads.set(key, p);
      // a failed load must not poison every later connection to the exchange
      p.catch(() => this.loads.delete(key));
    }
    const { markets, currencies } = await p;
    if (ex.markets !== markets) ex.setMarkets(markets, currencies);
  }
}

/**
 * The Retry-After header of the response each rejected request failed on. ccxt keeps only the last
 * response's headers on the instance, and with several requests in flight another response can
 * replace them before the failed one is classified; so the header is tied to the error itself.
 */
const retryAfterOf = new WeakMap<object, string>();

function keepRetryAfter(rest: CcxtExchange): void {
  const handle = rest.handleRestResponse.bind(rest);
  rest.handleRestResponse = (response, ...more) =>
    handle(response, ...more).catch((err: unknown) => {
      const header = rest.getResponseHeaders(response)['Retry-After'];
      if (header !== undefined && typeof err === 'object' && err !== null) retryAfterOf.set(err, header);
      throw err;
    });
}

class CcxtClient implements ExchangeClient {
  private pro: CcxtExchange | null = null;
  private proLoading: Promise<CcxtExchange> | null = null;
  private host = 0;
  private readonly hostList: string[];
  private closed = false;

  constructor(
    private readonly ccxt: CcxtModule,
    private readonly spec: ConnectionSpec,
    private readonly rest: CcxtExchange,
    private readonly marketsKey: string,
    private readonly markets: MarketsCache,
  ) {
    this.hostList = spec.venue ? spec.venue.map((v) => v.url) : (ALTERNATE_HOSTS[spec.exchangeId] ?? []);
  }

  get exchangeId(): string {
    return this.spec.exchangeId;
  }

  get rateLimitMs(): number {
    return this.rest.rateLimit;
  }

  get ohlcvLimit(): number {
    // ccxt documents each exchange's page size in `features`; exchanges without it get a cautious 500.
    const f = this.rest.features as { spot?: { fetchOHLCV?: { limit?: unknown } } } | undefined;
    const limit = f?.spot?.fetchOHLCV?.limit;
    return typeof limit === 'number' && limit > 0 ? limit : 500;
  }

  costOf(method: RestMethod, args?: { symbols?: string[]; limit?: number }): number {
    return endpointCost(this.spec.exchangeId, this.rest.api, method, args);
  }

  hosts(): string[] {
    return [...this.hostList];
  }

  activeHost(): number {
    return this.host;
  }

  useHost(index: number): void {
    if (!Number.isInteger(index) || index < 0 || index >= this.hostList.length) throw new Error(`host index ${index} is outside 0..${this.hostList.length - 1} for ${this.spec.exchangeId}`);
    if (index === this.host) return;
    for (const ex of [this.rest, this.pro]) if (ex) this.point(ex, index);
    this.host = index;
  }

  private point(ex: CcxtExchange, index: number): void {
    if (this.spec.venue) pointAtVenue(ex, this.spec.venue[index]!);
    else rewriteHost(ex.urls.api, this.hostList[this.host]!, this.hostList[index]!);
  }

  private async proInstance(): Promise<CcxtExchange> {
    if (this.pro) return this.pro;
    this.proLoading ??= (async () => {
      const Ctor = this.ccxt.pro[this.spec.exchangeId];
      if (typeof Ctor !== 'function') throw new Error(`ccxt has no WebSocket (pro) client for ${this.spec.exchangeId}`);
      const base = clientConfig(this.spec, this.rest.timeout);
      const pro = new Ctor({ ...base, options: { ...(base.options as object), ...PRO_OPTIONS[this.spec.exchangeId] } });
      if (this.spec.sandbox) pro.setSandboxMode(true);
      if (this.spec.venue) pointAtVenue(pro, this.spec.venue[this.host]!);
      else if (this.host > 0) rewriteHost(pro.urls.api, this.hostList[0]!, this.hostList[this.host]!);
      // ccxt.pro needs its proxy agent module loaded before it can open ws:// (plain) sockets
      await pro.loadHttpProxyAgent?.();
      await this.markets.ensure(this.marketsKey, this.rest);
      pro.setMarkets(this.rest.markets, this.rest.currencies);
      this.pro = pro;
      return pro;
    })();
    try {
      return await this.proLoading;
    } catch (err) {
      this.proLoading = null;
      throw err;
    }
  }

  async loadMarkets(): Promise<string[]> {
    await this.markets.ensure(this.marketsKey, this.rest);
    return Object.values(this.rest.markets ?? {})
      .filter((m) => m.active !== false && m.spot !== false)
      .map((m) => m.symbol)
      .sort();
  }

  async priceTick(symbol: string): Promise<number | null> {
    await this.markets.ensure(this.marketsKey, this.rest);
    const step = this.rest.markets?.[symbol]?.precision?.price;
    if (typeof step !== 'number' || !(step > 0) || !Number.isFinite(step)) return null;
    // ccxt states precision as a tick (binance, okx, bybit, bitget) or as a count of decimal places
    const mode = this.rest.precisionMode;
    if (mode === this.ccxt.TICK_SIZE) return step;
    // parsed from text: 10 ** -5 is not the double nearest 0.00001, Number('1e-5') is
    if (mode === this.ccxt.DECIMAL_PLACES && Number.isInteger(step) && step >= 0) return Number(`1e-${step}`);
    return null;
  }

  async fetchTickers(symbols: string[]): Promise<TickerData[]> {
    await this.markets.ensure(this.marketsKey, this.rest);
    const all = await this.rest.fetchTickers(symbols);
    return symbols.filter((s) => all[s]).map((s) => toTicker(all[s]!));
  }

  async fetchOHLCV(symbol: string, timeframe: Timeframe, limit: number, since?: number): Promise<OhlcvRow[]> {
    await this.markets.ensure(this.marketsKey, this.rest);
    return (await this.rest.fetchOHLCV(symbol, timeframe, since, limit)).map(toRow);
  }

  async fetchTrades(symbol: string, limit: number): Promise<TradeData[]> {
    await this.markets.ensure(this.marketsKey, this.rest);
    return (await this.rest.fetchTrades(symbol, undefined, limit)).map(toTrade);
  }

  async fetchTime(): Promise<number> {
    const t = await this.rest.fetchTime();
    if (typeof t !== 'number') throw new Error(`${this.spec.exchangeId} does not report its server time`);
    return t;
  }

  async fetchBalance(): Promise<Record<string, { free: number; used: number; total: number }>> {
    await this.markets.ensure(this.marketsKey, this.rest);
    const b = await this.rest.fetchBalance();
    const out: Record<string, { free: number; used: number; total: number }> = {};
    for (const [cur, total] of Object.entries(b.total ?? {})) out[cur] = { free: b.free?.[cur] ?? 0, used: b.used?.[cur] ?? 0, total };
    return out;
  }

  async fetchTradingFees(symbols: string[] = []): Promise<TradingFees> {
    await this.markets.ensure(this.marketsKey, this.rest);
    const id = this.spec.exchangeId;
    if (this.rest.has.fetchTradingFees === true) return toTradingFees(id, await this.rest.fetchTradingFees({ type: 'spot' }));
    if (this.rest.has.fetchTradingFee !== true) throw new Error(`${id}: ccxt cannot fetch this exchange's account fee rates (neither fetchTradingFees nor fetchTradingFee is supported)`);
    if (symbols.length === 0) throw new Error(`${id} reports account fee rates one market at a time (ccxt fetchTradingFee): name the symbols to fetch`);
    const raw: Record<string, Awaited<ReturnType<CcxtExchange['fetchTradingFee']>>> = {};
    for (const s of symbols) raw[s] = { ...(await this.rest.fetchTradingFee(s)), symbol: s };
    return toTradingFees(id, raw);
  }

  async watchTickers(symbols: string[]): Promise<TickerData[]> {
    const pro = await this.proInstance();
    const got = await pro.watchTickers(symbols);
    return Object.values(got).map(toTicker);
  }

  async watchOHLCV(symbol: string, timeframe: Timeframe): Promise<OhlcvRow[]> {
    const pro = await this.proInstance();
    return (await pro.watchOHLCV(symbol, timeframe)).map(toRow);
  }

  async watchTrades(symbol: string): Promise<TradeData[]> {
    const pro = await this.proInstance();
    return (await pro.watchTrades(symbol)).map(toTrade);
  }

  async unwatch(kind: 'tickers' | 'ohlcv' | 'trades', symbols: string[], timeframe?: Timeframe): Promise<void> {
    const pro = this.pro;
    if (!pro || this.closed) return;
    if (kind === 'tickers' && pro.unWatchTickers) await pro.unWatchTickers(symbols);
    else if (kind === 'ohlcv' && pro.unWatchOHLCV && timeframe) await pro.unWatchOHLCV(symbols[0]!, timeframe);
    else if (kind === 'trades' && pro.unWatchTrades) await pro.unWatchTrades(symbols[0]!);
  }

  classify(err: unknown): ClassifiedError {
    const c = classifyCcxtError(this.ccxt, err);
    if (c.kind === 'rate-limit' || c.kind === 'ddos') {
      const header = typeof err === 'object' && err !== null ? retryAfterOf.get(err) : undefined;
      const retryAfterMs = parseRetryAfter(header, Date.now());
      if (retryAfterMs !== undefined) return { ...c, retryAfterMs };
    }
    return c;
  }

  async close(): Promise<void> {
    this.closed = true;
    const pro = this.pro ?? (this.proLoading ? await this.proLoading.catch(() => null) : null);
    await pro?.close().catch(() => undefined);
    await this.rest.close().catch(() => undefined);
  }
}

export interface CcxtFactoryOptions {
  /** Request timeout for every instance, ms (ccxt's default is 10 s). */
  timeoutMs?: number;
}

/** Creates ccxt-backed clients; one factory per hub, so markets are shared between its connections. */
export class CcxtClientFactory implements ExchangeClientFactory {
  private readonly markets = new MarketsCache();

  constructor(private readonly opts: CcxtFactoryOptions = {}) {}

  async create(spec: ConnectionSpec): Promise<ExchangeClient> {
    const ccxt = await loadCcxt();
    const Ctor = ccxt[spec.exchangeId] as CcxtCtor | undefined;
    if (typeof Ctor !== 'function' || !ccxt.exchanges.includes(spec.exchangeId)) throw new Error(`"${spec.exchangeId}" is not an exchange ccxt supports`);
    if (spec.venue && spec.exchangeId !== 'binance') throw new Error(`the local venue speaks Binance's API; it cannot stand in for ${spec.exchangeId}`);
    if (spec.venue && spec.venue.length === 0) throw new Error('a venue connection needs at least one venue host');
    const rest = new Ctor(clientConfig(spec, this.opts.timeoutMs ?? 10_000));
    if (spec.sandbox) rest.setSandboxMode(true);
    if (spec.venue) pointAtVenue(rest, spec.venue[0]!);
    keepRetryAfter(rest);
    const key = `${spec.exchangeId}|${spec.sandbox ? 'sandbox' : 'live'}|${spec.venue ? spec.venue[0]!.url : 'exchange'}`;
    return new CcxtClient(ccxt, spec, rest, key, this.markets);
  }
}
