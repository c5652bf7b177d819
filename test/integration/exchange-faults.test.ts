import { afterEach, describe, expect, it } from 'vitest';
import { startVenue, type Venue } from '../../src/venue';
import { CcxtClientFactory } from '../../src/main/adapters/exchange/ccxt-client';
import { ExchangeHub, type HubOptions } from '../../src/main/services/exchange-hub';
import { ExchangeRequestError } from '../../src/main/services/exchange/retry';
import { MarketService } from '../../src/main/services/market-service';
import { VENUE_DATA } from '../helpers/venue';

/** These streams must never end: a network fault is retried, not reported as the end of the stream. */
const noEnd = (err: unknown): never => {
  throw new Error(`the stream ended: ${String(err)}`);
};

/**
 * The hub's behaviour under each fault the venue injects, with real ccxt binance (REST and pro) on
 * the wire. Every count is taken at the venue, not from the hub's own bookkeeping.
 */
let venues: Venue[] = [];
let hubs: ExchangeHub[] = [];
afterEach(async () => {
  await Promise.all(hubs.map((h) => h.close()));
  await Promise.all(venues.map((v) => v.close()));
  hubs = [];
  venues = [];
});

async function setup(extra: Partial<HubOptions> = {}, venueCount = 1, secret?: string) {
  for (let i = 0; i < venueCount; i++) venues.push(await startVenue({ seed: 11 + i, dataFiles: VENUE_DATA, speed: 10, tickMs: 50 }));
  const hub = new ExchangeHub({
    factory: new CcxtClientFactory({ timeoutMs: 800 }),
    credentials: async () => null,
    demoVenue: async () => venues.map((v) => ({ url: v.url, wsUrl: v.wsUrl, credentials: { apiKey: v.apiKey, secret: secret ?? v.secret } })),
    retry: { baseDelay: 20, maxDelay: 400 },
    ...extra,
  });
  hubs.push(hub);
  const conn = await hub.getInstance('binance', 'DEMO', { demo: true });
  await conn.request('loadMarkets', (c) => c.loadMarkets());
  for (const v of venues) v.stats.reset();
  return { venue: venues[0]!, hub, conn };
}

const timeCalls = (v: Venue) => v.stats.log.filter((r) => r.path === '/api/v3/time');

describe('retries under injected faults', () => {
  for (const status of [429, 418] as const) {
    it(`${status}: retried after Retry-After, and the limiter tightens`, async () => {
      const { venue, conn } = await setup();
      venue.faults.set({ httpError: { status, retryAfterSec: 1, times: 2, path: '/api/v3/time' } });
      const delays: number[] = [];
      const started = Date.now();
      const t = await conn.request('fetchTime', (c) => c.fetchTime(), { onRetry: (i) => delays.push(i.delayMs) });
      expect(typeof t).toBe('number');
      const calls = timeCalls(venue);
      expect(calls.map((c) => c.status)).toEqual([status, status, 200]);
      // Retry-After (1 s) is a floor under the 20 ms backoff, and is honoured on the wire
      expect(delays).toHaveLength(2);
      for (const d of delays) expect(d).toBeGreaterThanOrEqual(1000);
      expect(calls[1]!.time - calls[0]!.time).toBeGreaterThanOrEqual(990);
      expect(calls[2]!.time - calls[1]!.time).toBeGreaterThanOrEqual(990);
      expect(Date.now() - started).toBeGreaterThanOrEqual(2000);
      expect(conn.info().limiter.factor).toBe(0.25);
      expect(conn.info().health.retries).toBe(2);
    });
  }

  it('a 429 keeps its own Retry-After even when another response lands before it is classified', async () => {
    const v = await startVenue({ seed: 5, dataFiles: VENUE_DATA, speed: 10, tickMs: 50 });
    venues.push(v);
    const client = await new CcxtClientFactory({ timeoutMs: 800 }).create({ exchangeId: 'binance', account: null, credentials: null, sandbox: false, venue: [{ url: v.url, wsUrl: v.wsUrl }] });
    try {
      v.faults.set({ httpError: { status: 429, retryAfterSec: 7, times: 1, path: '/api/v3/time' } });
      const limited = await client.fetchTime().catch((e: unknown) => e);
      // a concurrent request's answer (no Retry-After) arrives in between, as it can with 4 in flight
      await client.fetchTime();
      const c = client.classify(limited);
      expect(c.kind).toBe('ddos');
      expect(c.retryAfterMs).toBeGreaterThan(6000);
      expect(c.retryAfterMs).toBeLessThanOrEqual(7000);
    } finally {
      await client.close();
    }
  });

  it('5xx: retried with growing backoff, up to maxRetries', async () => {
    const { venue, conn } = await setup({ random: () => 0.5 });
    venue.faults.set({ httpError: { status: 503, path: '/api/v3/time' } });
    const delays: number[] = [];
    const err = await conn.request('fetchTime', (c) => c.fetchTime(), { maxRetries: 3, baseDelay: 50, maxDelay: 1000, onRetry: (i) => delays.push(i.delayMs) }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ExchangeRequestError);
    expect((err as ExchangeRequestError).classified.kind).toBe('unavailable');
    expect((err as ExchangeRequestError).attempts).toBe(4);
    // ceilings 50, 100, 200 with jitter fixed at the middle of [c/2, c]: 37.5→38, 75, 150
    expect(delays).toEqual([38, 75, 150]);
    const calls = timeCalls(venue);
    expect(calls.map((c) => c.status)).toEqual([503, 503, 503, 503]);
    expect(calls[3]!.time - calls[2]!.time).toBeGreaterThan(calls[1]!.time - calls[0]!.time);
  });

  it('500 (-1001) is not retried: ccxt ranks it OperationFailed, outside the network errors', async () => {
    const { venue, conn } = await setup();
    venue.faults.set({ httpError: { status: 500, times: 1, path: '/api/v3/time' } });
    const err = await conn.request('fetchTime', (c) => c.fetchTime()).catch((e: unknown) => e);
    expect((err as ExchangeRequestError).classified).toMatchObject({ kind: 'exchange', message: expect.stringContaining('-1001') });
    expect(timeCalls(venue).map((c) => c.status)).toEqual([500]);
    expect(conn.info().health.lastError?.kind).toBe('exchange');
  });

  it('a dropped response is retried for a read, never for a request with effects', async () => {
    const { venue, conn } = await setup();
    venue.faults.set({ dropResponse: { times: 1, path: '/api/v3/time' } });
    await conn.request('fetchTime', (c) => c.fetchTime());
    expect(timeCalls(venue)).toHaveLength(2);

    venue.stats.reset();
    venue.faults.set({ dropResponse: { times: 1, path: '/api/v3/time' } });
    const err = await conn.request('fetchTime', (c) => c.fetchTime(), { idempotent: false }).catch((e: unknown) => e);
    expect((err as ExchangeRequestError).classified.kind).toBe('timeout');
    expect(timeCalls(venue)).toHaveLength(1);
  });

  it('a bad signature (-1022) and a stale timestamp (-1021) are not retried', async () => {
    const bad = await setup({}, 1, 'not-the-venue-secret');
    const err = await bad.conn.request('fetchBalance', (c) => c.fetchBalance()).catch((e: unknown) => e);
    expect((err as ExchangeRequestError).classified.kind).toBe('auth');
    expect((err as ExchangeRequestError).classified.message).toContain('-1022');
    expect(bad.venue.stats.endpoint('GET', '/api/v3/account').count).toBe(1);

    const { venue, conn } = await setup();
    expect((await conn.request('fetchBalance', (c) => c.fetchBalance())).USDT!.total).toBe(100000);
    venue.stats.reset();
    venue.faults.set({ clockSkewMs: 120_000 });
    const stale = await conn.request('fetchBalance', (c) => c.fetchBalance()).catch((e: unknown) => e);
    expect((stale as ExchangeRequestError).classified.kind).toBe('nonce');
    expect((stale as ExchangeRequestError).classified.message).toContain('-1021');
    expect(venue.stats.endpoint('GET', '/api/v3/account').count).toBe(1);
  });
});

describe('rate limiter', () => {
  it('never lets more than its budget reach the venue', async () => {
    // 60 cost units a minute: a burst of 6, then 1 per second. ccxt rates Binance's /time at 0.2,
    // so that is a burst of 30 requests, then 5 a second.
    const { venue, conn } = await setup({ limits: { maxRequestsPerMinute: 60 }, poolSize: 8 });
    expect(conn.client.costOf('fetchTime')).toBe(0.2);
    const started = Date.now();
    await Promise.all(Array.from({ length: 45 }, () => conn.request('fetchTime', (c) => c.fetchTime())));
    const calls = timeCalls(venue);
    expect(calls).toHaveLength(45);
    // the 15 requests beyond the burst take about 3 s at 5 a second
    expect(Date.now() - started).toBeGreaterThanOrEqual(2700);
    for (let i = 0; i < calls.length; i++) {
      for (let j = i; j < calls.length; j++) {
        const budget = 30 + (5 * (calls[j]!.time - calls[i]!.time)) / 1000;
        expect(j - i + 1).toBeLessThanOrEqual(Math.floor(budget) + 1);
      }
    }
  });
});

describe('health', () => {
  it('moves up → degraded → down on failures and back to up', async () => {
    const { venue, conn } = await setup({ healthWindowMs: 1500 });
    for (let i = 0; i < 4; i++) await conn.request('fetchTime', (c) => c.fetchTime());
    expect(conn.info().health.state).toBe('up');
    venue.faults.set({ httpError: { status: 502, path: '/api/v3/time' } });
    for (let i = 0; i < 2; i++) await conn.request('fetchTime', (c) => c.fetchTime(), { maxRetries: 0 }).catch(() => undefined);
    // loadMarkets in setup + 4 + 2 failures: 2 of 7
    expect(conn.info().health).toMatchObject({ state: 'degraded', reason: '29% of the last 7 requests failed' });
    await conn.request('fetchTime', (c) => c.fetchTime(), { maxRetries: 0 }).catch(() => undefined);
    expect(conn.info().health).toMatchObject({ state: 'down', reason: '3 requests failed in a row' });
    expect(conn.info().health.lastError?.kind).toBe('unavailable');
    venue.faults.clear();
    await new Promise((r) => setTimeout(r, 1600));
    await conn.request('fetchTime', (c) => c.fetchTime());
    expect(conn.info().health.state).toBe('up');
  });

  it('fails over to the next venue host after repeated failures of the primary', async () => {
    const { conn } = await setup({}, 2);
    const [primary, secondary] = venues;
    primary!.faults.set({ httpError: { status: 503 } });
    await conn.request('fetchTime', (c) => c.fetchTime(), { maxRetries: 5 });
    expect(timeCalls(primary!)).toHaveLength(3);
    expect(timeCalls(secondary!)).toHaveLength(1);
    expect(conn.info()).toMatchObject({ host: secondary!.url, hosts: 2 });
    expect(conn.info().health.failovers).toBe(1);
  });
});

describe('streams', () => {
  it('reconnect and re-subscribe after the venue drops every WebSocket', async () => {
    const { venue, hub, conn } = await setup();
    const market = new MarketService(hub, { list: () => [] }, true, 50);
    const ref = { exchangeId: 'binance', account: 'DEMO', demo: true };
    const got: { at: number; n: number }[] = [];
    const stop = market.watchTrades(ref, 'BTC/USDT', (e) => got.push({ at: Date.now(), n: e.length }), noEnd);
    await expect.poll(() => conn.info().health.ws, { timeout: 5000 }).toBe('open');
    await expect.poll(() => got.length, { timeout: 5000 }).toBeGreaterThan(2);
    const states: string[] = [];
    const probe = setInterval(() => states.push(conn.info().health.ws), 5);
    const dropped = Date.now();
    venue.faults.disconnectWebSockets();
    await expect.poll(() => got.filter((g) => g.at > dropped + 100).length, { timeout: 8000 }).toBeGreaterThan(2);
    clearInterval(probe);
    expect(states).toContain('reconnecting');
    expect(conn.info().health.ws).toBe('open');
    expect(conn.info().health.wsReconnects).toBeGreaterThanOrEqual(1);
    stop();
    expect(market.activeFeeds()).toBe(0);
  });

  it('fail over to the next host when the primary keeps refusing the stream', async () => {
    const { hub, conn } = await setup({}, 2);
    const [primary, secondary] = venues;
    const market = new MarketService(hub, { list: () => [] }, true, 50);
    const ref = { exchangeId: 'binance', account: 'DEMO', demo: true };
    const got: number[] = [];
    const stop = market.watchTrades(ref, 'BTC/USDT', () => got.push(Date.now()), noEnd);
    await expect.poll(() => got.length, { timeout: 5000 }).toBeGreaterThan(1);
    // The primary goes away for good: every reconnect is refused until the feed moves host.
    await primary!.close();
    venues = venues.filter((v) => v !== primary);
    const gone = Date.now();
    await expect.poll(() => got.filter((t) => t > gone + 50).length, { timeout: 15_000 }).toBeGreaterThan(2);
    expect(conn.info()).toMatchObject({ host: secondary!.url, hosts: 2 });
    expect(conn.info().health.failovers).toBe(1);
    stop();
  });
});
