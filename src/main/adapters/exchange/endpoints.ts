import type { RestMethod } from '../../ports/exchange-client';
import type { CcxtApiTree } from './ccxt-types';

/**
 * Which ccxt API endpoint each unified method calls, per exchange, so the limiter can charge the
 * endpoint's real cost (ccxt's `api` tree holds the costs). Exchange differences as data; an
 * exchange or method not listed costs 1.
 */
type Endpoint = [api: string, method: string, path: string];

const ENDPOINTS: Record<string, Partial<Record<RestMethod, Endpoint>>> = {
  binance: {
    loadMarkets: ['public', 'get', 'exchangeInfo'],
    fetchTime: ['public', 'get', 'time'],
    fetchTicker: ['public', 'get', 'ticker/24hr'],
    fetchTickers: ['public', 'get', 'ticker/24hr'],
    fetchOHLCV: ['public', 'get', 'klines'],
    fetchTrades: ['public', 'get', 'trades'],
    fetchOrderBook: ['public', 'get', 'depth'],
    fetchBalance: ['private', 'get', 'account'],
    createOrder: ['private', 'post', 'order'],
    fetchTradingFees: ['sapi', 'get', 'asset/tradeFee'],
  },
};

/**
 * Known alternate API hosts (primary first) where the exchange documents them; ccxt keeps only one
 * host per exchange. Binance lists api1–api4 and api-gcp as equivalents of api.binance.com.
 */
export const ALTERNATE_HOSTS: Record<string, string[]> = {
  binance: ['api.binance.com', 'api1.binance.com', 'api2.binance.com', 'api3.binance.com', 'api-gcp.binance.com'],
  bybit: ['api.bybit.com', 'api.bytick.com'],
};

export function endpointCost(exchangeId: string, api: CcxtApiTree, method: RestMethod, args: { symbols?: string[]; limit?: number } = {}): number {
  const ep = ENDPOINTS[exchangeId]?.[method];
  if (!ep) return 1;
  const entry = api[ep[0]]?.[ep[1]]?.[ep[2]];
  if (entry === undefined) return 1;
  if (typeof entry === 'number') return entry;
  // A ticker request without one symbol is the all-symbols (or many-symbols) variant.
  const oneSymbol = method === 'fetchTicker' || (args.symbols !== undefined && args.symbols.length === 1);
  if (entry.noSymbol !== undefined && !oneSymbol) return entry.noSymbol;
  if (entry.byLimit && args.limit !== undefined) {
    for (const [upTo, cost] of entry.byLimit) if (args.limit <= upTo) return cost;
  }
  return entry.cost ?? 1;
}

/**
 * ccxt.pro options per exchange. Binance's watchTickers defaults to the mini ticker, which has no
 * 24 h change; the watchlist shows the change, so it asks for the full 24 h ticker stream.
 */
export const PRO_OPTIONS: Record<string, Record<string, unknown>> = {
  binance: { watchTickers: { name: 'ticker' } },
};
