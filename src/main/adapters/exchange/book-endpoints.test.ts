import { describe, expect, it } from 'vitest';
import { marketIdOf, resolveBookEndpoint } from './book-endpoints';

describe('book endpoints', () => {
  it('turns unified symbols into each exchange’s market id', () => {
    expect(marketIdOf('concat', 'BTC/USDT')).toBe('BTCUSDT');
    expect(marketIdOf('concat', 'BTC/USDT:USDT')).toBe('BTCUSDT');
    expect(marketIdOf('dash', 'ETH/USDT')).toBe('ETH-USDT');
    expect(marketIdOf('dash', 'BTC/USDT:USDT')).toBe('BTC-USDT-SWAP');
    expect(marketIdOf('coinm', 'BTC/USD:BTC')).toBe('BTCUSD_PERP');
    expect(() => marketIdOf('coinm', 'BTC/USD')).toThrow(/inverse/);
    expect(() => marketIdOf('concat', 'btc-usdt')).toThrow(/unified symbol/);
  });

  it('uses Binance’s documented diff-depth stream and REST snapshot', () => {
    expect(resolveBookEndpoint('binance', 'BTC/USDT')).toEqual({
      marketId: 'BTCUSDT',
      wsUrl: 'wss://stream.binance.com:9443/ws/btcusdt@depth@100ms',
      subscribe: [],
      keepalive: null,
      snapshotUrl: 'https://api.binance.com/api/v3/depth?symbol=BTCUSDT&limit=1000',
    });
    expect(resolveBookEndpoint('binanceusdm', 'ETH/USDT:USDT').snapshotUrl).toBe('https://fapi.binance.com/fapi/v1/depth?symbol=ETHUSDT&limit=1000');
  });

  it('subscribes by message where the exchange wants it, with its keep-alive', () => {
    const okx = resolveBookEndpoint('okx', 'BTC/USDT');
    expect(okx.snapshotUrl).toBeNull();
    expect(JSON.parse(okx.subscribe[0]!)).toEqual({ op: 'subscribe', args: [{ channel: 'books', instId: 'BTC-USDT' }] });
    expect(okx.keepalive).toEqual({ message: 'ping', everyMs: 25_000, reply: 'pong' });
    expect(resolveBookEndpoint('bybit', 'BTC/USDT:USDT').wsUrl).toBe('wss://stream.bybit.com/v5/public/linear');
  });

  it('serves the demo from the venue’s hosts, and refuses unknown exchanges', () => {
    const e = resolveBookEndpoint('binance', 'ETH/USDT', { url: 'http://127.0.0.1:4000', wsUrl: 'ws://127.0.0.1:4000' });
    expect(e.wsUrl).toBe('ws://127.0.0.1:4000/ws/ethusdt@depth@100ms');
    expect(e.snapshotUrl).toBe('http://127.0.0.1:4000/api/v3/depth?symbol=ETHUSDT&limit=1000');
    expect(() => resolveBookEndpoint('kraken', 'BTC/USDT')).toThrow(/no live order book feed for "kraken"/);
  });
});
