import fs from 'node:fs';
import ccxt from 'ccxt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startVenue } from '../../src/venue';
import { VENUE_DATA, pointAtVenue, startVenueWithClients, venueClientOptions, type VenueHarness } from '../helpers/venue';

/** The CSV rows, parsed here independently of the venue's loader. */
function csvRows(file: string): number[][] {
  return fs
    .readFileSync(file, 'utf8')
    .trim()
    .split('\n')
    .slice(1)
    .map((l) => l.split(',').filter((_, i) => i !== 1).map(Number));
}

describe('venue REST market data through real ccxt binance', () => {
  let h: VenueHarness;
  beforeAll(async () => {
    h = await startVenueWithClients({ tickMs: 0 });
    h.venue.step(300);
  });
  afterAll(() => h.close());

  it('loads spot markets from exchangeInfo alone', async () => {
    const markets = await h.rest.loadMarkets();
    expect(Object.keys(markets).sort()).toEqual(['BTC/USDT', 'ETH/USDT']);
    expect(markets['BTC/USDT']).toMatchObject({ id: 'BTCUSDT', spot: true, base: 'BTC', quote: 'USDT', precision: { price: 0.01, amount: 0.00001 }, limits: { cost: { min: 5 } } });
    expect(Object.keys(h.venue.stats.endpoints())).toEqual(['GET /api/v3/exchangeInfo']);
  });

  it('serves an ordered book with a sequence id', async () => {
    const ob = await h.rest.fetchOrderBook('BTC/USDT', 10);
    expect(ob.bids.length).toBe(10);
    expect(ob.asks.length).toBe(10);
    for (let i = 1; i < 10; i++) {
      expect(ob.bids[i]![0]!).toBeLessThan(ob.bids[i - 1]![0]!);
      expect(ob.asks[i]![0]!).toBeGreaterThan(ob.asks[i - 1]![0]!);
    }
    expect(ob.bids[0]![0]!).toBeLessThan(ob.asks[0]![0]!);
    expect(ob.nonce).toBeGreaterThan(0);
  });

  it('serves the real candles as history, shifted by whole days', async () => {
    const candles = await h.rest.fetchOHLCV('BTC/USDT', '1h', undefined, 50);
    expect(candles.length).toBe(50);
    const history = candles.slice(0, 40);
    const rows = csvRows(VENUE_DATA[0]!);
    const at = rows.findIndex((r) => r[1] === history[0]![1] && r[2] === history[0]![2] && r[3] === history[0]![3] && r[4] === history[0]![4]);
    expect(at).toBeGreaterThan(0);
    history.forEach((c, i) => {
      const row = rows[at + i]!;
      expect(c.slice(1, 6)).toEqual(row.slice(1, 6));
      expect((c[0]! - row[0]!) % 86_400_000).toBe(0);
    });
    const daily = await h.rest.fetchOHLCV('BTC/USDT', '1d', undefined, 5);
    expect(daily.every((c) => c[0]! % 86_400_000 === 0)).toBe(true);
  });

  it('serves the tape and 24h tickers', async () => {
    const trades = await h.rest.fetchTrades('BTC/USDT', undefined, 20);
    expect(trades.length).toBeGreaterThan(0);
    for (const t of trades) {
      expect(t.symbol).toBe('BTC/USDT');
      expect(['buy', 'sell']).toContain(t.side);
      expect(t.amount).toBeGreaterThan(0);
    }
    const ticker = await h.rest.fetchTicker('ETH/USDT');
    expect(ticker.symbol).toBe('ETH/USDT');
    expect(ticker.bid!).toBeLessThan(ticker.ask!);
    expect(ticker.high!).toBeGreaterThanOrEqual(ticker.low!);
    const tickers = await h.rest.fetchTickers(['BTC/USDT', 'ETH/USDT']);
    expect(Object.keys(tickers).sort()).toEqual(['BTC/USDT', 'ETH/USDT']);
    expect(h.venue.stats.endpoint('GET', '/api/v3/ticker/24hr').count).toBe(2);
  });

  it('reports weight in X-MBX-USED-WEIGHT-1M and counts it per endpoint', async () => {
    const before = h.venue.stats.endpoint('GET', '/api/v3/depth');
    await h.rest.fetchOrderBook('BTC/USDT', 500);
    const headers = Object.entries(h.rest.last_response_headers as Record<string, string>);
    const used = Number(headers.find(([k]) => k.toLowerCase() === 'x-mbx-used-weight-1m')?.[1]);
    expect(used).toBeGreaterThanOrEqual(25);
    expect(h.venue.stats.endpoint('GET', '/api/v3/depth')).toEqual({ count: before.count + 1, weight: before.weight + 25 });
  });
});

describe('venue determinism', () => {
  it('gives the same book and tape for the same seed, and another for another seed', async () => {
    const startTime = Date.UTC(2026, 0, 5, 10, 30);
    const snapshot = async (seed: number) => {
      const venue = await startVenue({ seed, dataFiles: VENUE_DATA, tickMs: 0, startTime });
      try {
        venue.step(150);
        const ex = pointAtVenue(new ccxt.binance(venueClientOptions(venue) as never), venue);
        const ob = await ex.fetchOrderBook('BTC/USDT', 20);
        const trades = await ex.fetchTrades('BTC/USDT', undefined, 50);
        return JSON.stringify([ob.bids, ob.asks, trades.map((t) => [t.id, t.price, t.amount, t.side, t.timestamp])]);
      } finally {
        await venue.close();
      }
    };
    const a = await snapshot(7);
    expect(await snapshot(7)).toBe(a);
    expect(await snapshot(8)).not.toBe(a);
  });
});
