import { afterEach, describe, expect, it } from 'vitest';
import { startVenue, type Venue } from '../../src/venue';
import { CcxtClientFactory } from '../../src/main/adapters/exchange/ccxt-client';
import { ExchangeHub } from '../../src/main/services/exchange-hub';
import { MarketService } from '../../src/main/services/market-service';
import { VENUE_DATA } from '../helpers/venue';

/** Real ccxt binance (REST + pro) inside the hub, against the local venue, with injected faults. */
let venues: Venue[] = [];
let hubs: ExchangeHub[] = [];
afterEach(async () => {
  await Promise.all(hubs.map((h) => h.close()));
  await Promise.all(venues.map((v) => v.close()));
  hubs = [];
  venues = [];
});

async function setup(opts: { hubExtra?: Partial<ConstructorParameters<typeof ExchangeHub>[0]>; venues?: number; tickMs?: number } = {}) {
  for (let i = 0; i < (opts.venues ?? 1); i++) venues.push(await startVenue({ seed: 7 + i, dataFiles: VENUE_DATA, speed: 10, tickMs: opts.tickMs ?? 50 }));
  const hub = new ExchangeHub({
    factory: new CcxtClientFactory({ timeoutMs: 1500 }),
    credentials: async () => null,
    demoVenue: async () => venues.map((v) => ({ url: v.url, wsUrl: v.wsUrl })),
    retry: { baseDelay: 20, maxDelay: 400 },
    ...opts.hubExtra,
  });
  hubs.push(hub);
  const conn = await hub.getInstance('binance', 'DEMO', { demo: true });
  return { venue: venues[0]!, hub, conn };
}

describe('ExchangeHub against the venue', () => {
  it('caches one connection per exchange/account/demo and loads markets once', async () => {
    const { venue, hub, conn } = await setup();
    expect(await hub.getInstance('binance', 'DEMO', { demo: true })).toBe(conn);
    const symbols = await conn.request('loadMarkets', (c) => c.loadMarkets());
    expect(symbols).toEqual(['BTC/USDT', 'ETH/USDT']);
    await conn.request('loadMarkets', (c) => c.loadMarkets());
    const rows = await conn.request('fetchOHLCV', (c) => c.fetchOHLCV('BTC/USDT', '1h', 10));
    expect(rows).toHaveLength(10);
    expect(rows[9]![0] - rows[8]![0]).toBe(3_600_000);
    expect(venue.stats.endpoint('GET', '/api/v3/exchangeInfo').count).toBe(1);
    // another account on the same exchange is a separate connection sharing the loaded markets
    const other = await hub.getInstance('binance', null, { demo: true });
    expect(other).not.toBe(conn);
    expect(await other.request('loadMarkets', (c) => c.loadMarkets())).toEqual(['BTC/USDT', 'ETH/USDT']);
    expect(venue.stats.endpoint('GET', '/api/v3/exchangeInfo').count).toBe(1);
    const info = hub.list().find((c) => c.account === 'DEMO')!;
    expect(info).toMatchObject({ exchangeId: 'binance', account: 'DEMO', demo: true, host: venue.url });
    expect(info.health.state).toBe('up');
    expect(info.health.requests).toBe(3);
  });
});

describe('MarketService streams over the hub', () => {
  it('streams tickers, candles and trades, coalesced, and releases the watchers on stop', async () => {
    const { hub } = await setup();
    const market = new MarketService(hub, { list: () => [] }, true, 50);
    const ref = { exchangeId: 'binance', account: 'DEMO', demo: true };
    const tickers: { symbol: string; changePct: number | null }[][] = [];
    const bars: number[][][] = [];
    const trades: unknown[][] = [];
    const times: number[] = [];
    const ended: unknown[] = [];
    const end = (err: unknown) => ended.push(err);
    const stops = [
      market.watchTickers(ref, ['BTC/USDT', 'ETH/USDT'], (e) => tickers.push(e), end),
      market.watchCandles(
        ref,
        'BTC/USDT',
        '1m',
        (e) => {
          bars.push(e);
          times.push(Date.now());
        },
        end,
      ),
      market.watchTrades(ref, 'BTC/USDT', (e) => trades.push(e), end),
    ];
    await expect.poll(() => tickers.length > 1 && bars.length > 3 && trades.length > 3, { timeout: 10_000 }).toBe(true);
    expect(new Set(tickers.flat().map((t) => t.symbol))).toEqual(new Set(['BTC/USDT', 'ETH/USDT']));
    expect(tickers.flat().every((t) => typeof t.changePct === 'number')).toBe(true);
    // never more than one event per 50 ms per subscription
    for (let i = 1; i < times.length; i++) expect(times[i]! - times[i - 1]!).toBeGreaterThanOrEqual(45);
    expect(market.activeFeeds()).toBe(3);
    expect(ended).toEqual([]);
    for (const s of stops) s();
    expect(market.activeFeeds()).toBe(0);
    const n = bars.length;
    await new Promise((r) => setTimeout(r, 300));
    expect(bars.length).toBe(n);
  });
});
