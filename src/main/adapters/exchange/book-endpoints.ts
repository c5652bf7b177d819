import type { BookEndpoint } from '../../ports/book-source';
import type { VenueEndpoint } from '../../ports/exchange-client';

/**
 * Where each exchange publishes its public diff-depth stream and REST depth snapshot, as data
 * (DESIGN rule 8). Market ids are made here and stay in the adapter; the rest of the app speaks
 * unified symbols.
 */
type IdStyle = 'concat' | 'dash' | 'coinm';

interface BookSite {
  idStyle: IdStyle;
  /** Stream URL for a market id (lower-cased where the exchange wants it). */
  ws: (id: string, symbol: string) => string;
  subscribe: (id: string, symbol: string) => string[];
  keepalive: { message: string; everyMs: number; reply: string | null } | null;
  snapshot: ((id: string) => string) | null;
}

const isContract = (symbol: string): boolean => symbol.includes(':');

const SITES: Record<string, BookSite> = {
  binance: {
    idStyle: 'concat',
    ws: (id) => `wss://stream.binance.com:9443/ws/${id.toLowerCase()}@depth@100ms`,
    subscribe: () => [],
    keepalive: null,
    snapshot: (id) => `https://api.binance.com/api/v3/depth?symbol=${id}&limit=1000`,
  },
  binanceus: {
    idStyle: 'concat',
    ws: (id) => `wss://stream.binance.us:9443/ws/${id.toLowerCase()}@depth@100ms`,
    subscribe: () => [],
    keepalive: null,
    snapshot: (id) => `https://api.binance.us/api/v3/depth?symbol=${id}&limit=1000`,
  },
  binanceusdm: {
    idStyle: 'concat',
    ws: (id) => `wss://fstream.binance.com/ws/${id.toLowerCase()}@depth@100ms`,
    subscribe: () => [],
    keepalive: null,
    snapshot: (id) => `https://fapi.binance.com/fapi/v1/depth?symbol=${id}&limit=1000`,
  },
  binancecoinm: {
    idStyle: 'coinm',
    ws: (id) => `wss://dstream.binance.com/ws/${id.toLowerCase()}@depth@100ms`,
    subscribe: () => [],
    keepalive: null,
    snapshot: (id) => `https://dapi.binance.com/dapi/v1/depth?symbol=${id}&limit=1000`,
  },
  okx: {
    idStyle: 'dash',
    ws: () => 'wss://ws.okx.com:8443/ws/v5/public',
    subscribe: (id) => [JSON.stringify({ op: 'subscribe', args: [{ channel: 'books', instId: id }] })],
    // OKX closes a public socket after 30 s without traffic from the client.
    keepalive: { message: 'ping', everyMs: 25_000, reply: 'pong' },
    snapshot: null,
  },
  bybit: {
    idStyle: 'concat',
    ws: (_id, symbol) => `wss://stream.bybit.com/v5/public/${isContract(symbol) ? 'linear' : 'spot'}`,
    subscribe: (id) => [JSON.stringify({ op: 'subscribe', args: [`orderbook.200.${id}`] })],
    keepalive: { message: JSON.stringify({ op: 'ping' }), everyMs: 20_000, reply: null },
    snapshot: null,
  },
  bitget: {
    idStyle: 'concat',
    ws: () => 'wss://ws.bitget.com/v2/ws/public',
    subscribe: (id, symbol) => [JSON.stringify({ op: 'subscribe', args: [{ instType: isContract(symbol) ? 'USDT-FUTURES' : 'SPOT', channel: 'books', instId: id }] })],
    keepalive: { message: 'ping', everyMs: 25_000, reply: 'pong' },
    snapshot: null,
  },
};

export function bookExchanges(): string[] {
  return Object.keys(SITES);
}

/** `BTC/USDT` → `BTCUSDT` (concat), `BTC-USDT` / `BTC-USDT-SWAP` (dash), `BTCUSD_PERP` (coinm). */
export function marketIdOf(style: IdStyle, symbol: string): string {
  const m = /^([A-Z0-9]+)\/([A-Z0-9]+)(?::([A-Z0-9]+))?$/.exec(symbol);
  if (!m) throw new Error(`"${symbol}" is not a unified symbol like BTC/USDT or BTC/USDT:USDT`);
  const [, base, quote, settle] = m as unknown as [string, string, string, string | undefined];
  switch (style) {
    case 'concat':
      return `${base}${quote}`;
    case 'dash':
      return settle ? `${base}-${quote}-SWAP` : `${base}-${quote}`;
    case 'coinm':
      if (!settle) throw new Error(`binancecoinm lists only inverse contracts; "${symbol}" has no settle currency`);
      return `${base}${quote}_PERP`;
  }
}

/**
 * The book endpoint of a market. With `venue` (the local Binance-compatible venue standing in for
 * the exchange) the Binance spot paths are served from the venue's own hosts.
 */
export function resolveBookEndpoint(exchangeId: string, symbol: string, venue?: VenueEndpoint): BookEndpoint {
  if (venue) {
    const id = marketIdOf('concat', symbol);
    return {
      marketId: id,
      wsUrl: `${venue.wsUrl}/ws/${id.toLowerCase()}@depth@100ms`,
      subscribe: [],
      keepalive: null,
      snapshotUrl: `${venue.url}/api/v3/depth?symbol=${id}&limit=1000`,
    };
  }
  const site = SITES[exchangeId];
  if (!site) throw new Error(`no live order book feed for "${exchangeId}" (supported: ${bookExchanges().join(', ')})`);
  const id = marketIdOf(site.idStyle, symbol);
  return {
    marketId: id,
    wsUrl: site.ws(id, symbol),
    subscribe: site.subscribe(id, symbol),
    keepalive: site.keepalive,
    snapshotUrl: site.snapshot ? site.snapshot(id) : null,
  };
}
