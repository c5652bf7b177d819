import type { marketRequests, marketStreams } from '../../../shared/contract/channels/market';
import type { MarketService } from '../../services/market-service';
import type { RequestHandlers, StreamHandlers } from '../handlers';

export function marketRoutes(d: { market: MarketService }): Pick<RequestHandlers, keyof typeof marketRequests> {
  return {
    'market.connections': () => d.market.connections(),
    'market.symbols': ({ connection }) => d.market.defaultWatchlist(connection),
    'market.candles': ({ connection, symbol, timeframe, limit }) => d.market.candles(connection, symbol, timeframe, limit),
  };
}

export function marketStreamRoutes(d: { market: MarketService; healthIntervalMs?: number }): Pick<StreamHandlers, keyof typeof marketStreams> {
  return {
    'market.health': (_p, emit) => d.market.watchHealth(emit, d.healthIntervalMs),
    'market.tickers': ({ connection, symbols }, emit, _ctx, end) => d.market.watchTickers(connection, symbols, emit, end),
    'market.candles.live': ({ connection, symbol, timeframe }, emit, _ctx, end) => d.market.watchCandles(connection, symbol, timeframe, emit, end),
    'market.trades': ({ connection, symbol }, emit, _ctx, end) => d.market.watchTrades(connection, symbol, emit, end),
  };
}
