import ccxt from 'ccxt';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startVenueWithClients, type VenueHarness } from '../helpers/venue';

describe('venue fault injection, observed through real ccxt binance', () => {
  let h: VenueHarness;
  beforeAll(async () => {
    h = await startVenueWithClients({ tickMs: 0, limits: { weightPerMinute: 1_000_000 } }, { timeout: 800 });
    await h.rest.loadMarkets();
  });
  afterEach(() => h.venue.faults.clear());
  afterAll(() => h.close());

  it('429 with Retry-After → DDoSProtection, only for the requests it was set for', async () => {
    h.venue.faults.set({ httpError: { status: 429, retryAfterSec: 7, times: 1 } });
    const res = await fetch(`${h.venue.url}/api/v3/time`);
    expect(res.status).toBe(429);
    expect(res.headers.get('retry-after')).toBe('7');
    expect(await res.json()).toMatchObject({ code: -1003 });
    h.venue.faults.set({ httpError: { status: 429, retryAfterSec: 7, times: 1 } });
    await expect(h.rest.fetchTicker('BTC/USDT')).rejects.toThrow(ccxt.DDoSProtection);
    expect((await h.rest.fetchTicker('BTC/USDT')).symbol).toBe('BTC/USDT');
  });

  it('418 → DDoSProtection, 503 → ExchangeNotAvailable, 504 → RequestTimeout, 500 → -1001; scoped by path', async () => {
    h.venue.faults.set({ httpError: { status: 418, retryAfterSec: 30, path: '/api/v3/depth' } });
    await expect(h.rest.fetchOrderBook('BTC/USDT')).rejects.toThrow(ccxt.DDoSProtection);
    expect((await h.rest.fetchTicker('BTC/USDT')).symbol).toBe('BTC/USDT');
    h.venue.faults.set({ httpError: { status: 503 } });
    await expect(h.rest.fetchTicker('BTC/USDT')).rejects.toThrow(ccxt.ExchangeNotAvailable);
    h.venue.faults.set({ httpError: { status: 504 } });
    await expect(h.rest.fetchTicker('BTC/USDT')).rejects.toThrow(ccxt.RequestTimeout);
    h.venue.faults.set({ httpError: { status: 500 } });
    await expect(h.rest.fetchTicker('BTC/USDT')).rejects.toThrow(/-1001/);
  });

  it('a dropped response → RequestTimeout, while the order was really placed', async () => {
    h.venue.faults.set({ dropResponse: { path: '/api/v3/order', method: 'POST', times: 1 } });
    await expect(h.rest.createOrder('BTC/USDT', 'limit', 'buy', 0.001, 20000, { newClientOrderId: 'lost-answer-1' })).rejects.toThrow(ccxt.RequestTimeout);
    const open = await h.rest.fetchOpenOrders('BTC/USDT');
    expect(open.map((o) => o.clientOrderId)).toContain('lost-answer-1');
    // asking by client id finds it, so a careful client does not place it twice
    const found = await h.rest.fetchOrder(undefined as unknown as string, 'BTC/USDT', { origClientOrderId: 'lost-answer-1' });
    expect(found.status).toBe('open');
    await h.rest.cancelOrder(found.id!, 'BTC/USDT');
  });

  it('added latency delays every answer', async () => {
    h.venue.faults.set({ latencyMs: 250 });
    const t0 = performance.now();
    await h.rest.fetchTime();
    expect(performance.now() - t0).toBeGreaterThanOrEqual(240);
  });

  it('clock skew shows in /time and makes signed requests stale (-1021)', async () => {
    h.venue.faults.set({ clockSkewMs: -60_000 });
    const serverTime = await h.rest.fetchTime();
    expect(Math.abs(serverTime! + 60_000 - Date.now())).toBeLessThan(2_000);
    await expect(h.rest.fetchBalance()).rejects.toThrow(ccxt.InvalidNonce);
  });

  it('is switchable over the admin endpoint', async () => {
    const set = await fetch(`${h.venue.url}/__venue/faults`, { method: 'POST', body: JSON.stringify({ httpError: { status: 502, times: 1 } }) });
    expect(await set.json()).toMatchObject({ httpError: { status: 502, times: 1 } });
    await expect(h.rest.fetchTicker('BTC/USDT')).rejects.toThrow(ccxt.ExchangeNotAvailable);
    expect(((await (await fetch(`${h.venue.url}/__venue/faults`)).json()) as { httpError: unknown }).httpError).toBeNull();
    const bad = await fetch(`${h.venue.url}/__venue/faults`, { method: 'POST', body: JSON.stringify({ latncyMs: 5 }) });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ error: expect.stringContaining('unknown fault "latncyMs"') });
  });
});

describe('venue weight limit', () => {
  it('answers 429 -1003 with Retry-After once a minute’s weight is spent, and counts every request', async () => {
    const h = await startVenueWithClients({ tickMs: 0, limits: { weightPerMinute: 60 } });
    try {
      await h.rest.loadMarkets(); // weight 20
      await h.rest.fetchOrderBook('BTC/USDT', 100); // 5
      await h.rest.fetchOrderBook('BTC/USDT', 500); // 25 → 50 used
      let error: unknown;
      try {
        await h.rest.fetchOrderBook('BTC/USDT', 500); // 75 > 60
      } catch (err) {
        error = err;
      }
      // a minute boundary may fall between the calls; then the budget restarted and no error is due
      if (h.venue.stats.log.at(-1)!.status === 429) expect(error).toBeInstanceOf(ccxt.DDoSProtection);
      expect(h.venue.stats.log.map((r) => r.weight)).toEqual([20, 5, 25, 25]);
      expect(h.venue.stats.endpoint('GET', '/api/v3/depth')).toEqual({ count: 3, weight: 55 });
    } finally {
      await h.close();
    }
  });
});
