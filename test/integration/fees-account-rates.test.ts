import ccxt from 'ccxt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../src/shared/contract';
import { CcxtClientFactory } from '../../src/main/adapters/exchange/ccxt-client';
import type { ConnectionSpec, Credentials, ExchangeClientFactory } from '../../src/main/ports/exchange-client';
import type { FeeScheduleRepository } from '../../src/main/ports/fee-schedules';
import { silentLogger } from '../../src/main/ports/logger';
import type { ApiKeyMetadata } from '../../src/main/ports/storage';
import { AccountFeeRates } from '../../src/main/services/account-fee-rates';
import { ExchangeHub } from '../../src/main/services/exchange-hub';
import { FeeService } from '../../src/main/services/fee-service';
import { hmacHex } from '../../src/venue/auth';
import { startVenue, type Venue } from '../../src/venue';
import { pointAtVenue, VENUE_DATA, venueClientOptions } from '../helpers/venue';

/**
 * Account fee rates end to end: real ccxt binance (fetchTradingFees → GET /sapi/v1/asset/tradeFee,
 * signed) against the local venue configured with fees no shipped schedule has (maker 0.00075,
 * taker 0.00085), so a fee priced at those rates can only have come from the exchange.
 */
const VENUE_FEES = { maker: '0.00075', taker: '0.00085' };
let venue: Venue;
const hubs: ExchangeHub[] = [];

beforeAll(async () => {
  venue = await startVenue({ seed: 11, dataFiles: VENUE_DATA, tickMs: 0, fees: VENUE_FEES });
});
afterAll(async () => {
  await Promise.all(hubs.map((h) => h.close()));
  await venue.close();
});

const memoryFees = (): FeeScheduleRepository => ({ list: () => [], putMany: () => undefined, delete: () => false });

function keysRepo(rows: ApiKeyMetadata[]) {
  return { list: () => [...rows], get: (e: string, l: string) => rows.find((r) => r.exchangeId === e && r.label === l) ?? null, rows };
}

/** Keyed connections normally reach the real exchange; here every connection is pointed at the venue. */
function venueFactory(): ExchangeClientFactory {
  const inner = new CcxtClientFactory({ timeoutMs: 3000 });
  return { create: (spec: ConnectionSpec) => inner.create({ ...spec, venue: [{ url: venue.url, wsUrl: venue.wsUrl }] }) };
}

function setup(opts: { demoCredentials?: Credentials; keys?: ApiKeyMetadata[]; secrets?: Record<string, Credentials>; now?: () => number } = {}) {
  const fees = new FeeService(memoryFees(), silentLogger);
  const hub = new ExchangeHub({
    factory: venueFactory(),
    credentials: async (exchangeId, label) => opts.secrets?.[`${exchangeId}:${label}`] ?? null,
    demoVenue: async () => [{ url: venue.url, wsUrl: venue.wsUrl, credentials: opts.demoCredentials ?? { apiKey: venue.apiKey, secret: venue.secret } }],
    retry: { baseDelay: 10, maxDelay: 50, maxRetries: 1 },
  });
  hubs.push(hub);
  const keys = keysRepo(opts.keys ?? []);
  const rates = new AccountFeeRates({ fees, hub, keys, demoEnabled: true, now: opts.now });
  return { fees, hub, keys, rates };
}

const order = { exchange: 'binance', symbol: 'BTC/USDT', side: 'buy' as const, orderType: 'market' as const, amount: '2', price: '30000', market: 'spot' as const };

describe('venue: GET /sapi/v1/asset/tradeFee', () => {
  async function signed(query: string, secret = venue.secret, apiKey = venue.apiKey) {
    const q = `${query}${query ? '&' : ''}timestamp=${Date.now()}`;
    const res = await fetch(`${venue.url}/sapi/v1/asset/tradeFee?${q}&signature=${hmacHex(secret, q)}`, { headers: { 'X-MBX-APIKEY': apiKey } });
    return { status: res.status, body: (await res.json()) as unknown, weight: res.headers.get('x-mbx-used-weight-1m') };
  }

  it("answers every symbol with the venue's configured rates as decimal strings, like Binance", async () => {
    const before = Number((await signed('')).weight);
    const all = await signed('');
    expect(all.status).toBe(200);
    expect(all.body).toEqual([
      { symbol: 'BTCUSDT', makerCommission: '0.00075', takerCommission: '0.00085' },
      { symbol: 'ETHUSDT', makerCommission: '0.00075', takerCommission: '0.00085' },
    ]);
    // Binance documents weight(IP) 1 for this endpoint.
    expect(Number(all.weight) - before).toBe(1);
    expect((await signed('symbol=ETHUSDT')).body).toEqual([{ symbol: 'ETHUSDT', makerCommission: '0.00075', takerCommission: '0.00085' }]);
    expect(await signed('symbol=DOGEUSDT')).toMatchObject({ status: 400, body: { code: -1121 } });
  });

  it('rejects a bad signature with -1022 and a wrong API key with -2015', async () => {
    expect(await signed('', 'not-the-secret')).toMatchObject({ status: 400, body: { code: -1022, msg: 'Signature for this request is not valid.' } });
    expect(await signed('', venue.secret, 'someoneElsesKey')).toMatchObject({ status: 401, body: { code: -2015 } });
  });

  it('is what real ccxt fetchTradingFees and fetchTradingFee call and parse', async () => {
    const rest = pointAtVenue(new ccxt.binance(venueClientOptions(venue) as never), venue as never);
    const fees = await rest.fetchTradingFees();
    expect(Object.keys(fees).sort()).toEqual(['BTC/USDT', 'ETH/USDT']);
    expect(fees['BTC/USDT']).toMatchObject({ symbol: 'BTC/USDT', maker: 0.00075, taker: 0.00085 });
    expect(await rest.fetchTradingFee('ETH/USDT')).toMatchObject({ symbol: 'ETH/USDT', maker: 0.00075, taker: 0.00085 });
  });
});

describe('fees.refreshAccountRates through the exchange hub', () => {
  it("makes fees.calc use the exchange-reported rates, labelled, while a named tier keeps the published ladder", async () => {
    const fetchedAt = Date.UTC(2030, 0, 2, 3, 4, 5);
    const { fees, hub, rates } = setup({ now: () => fetchedAt });
    expect(fees.calc(order).schedule.origin).toBe('shipped');
    const callsBefore = venue.stats.endpoint('GET', '/sapi/v1/asset/tradeFee').count;

    const r = await rates.refresh({ exchangeId: 'binance', label: 'DEMO' });
    expect(r).toMatchObject({ status: 'applied', demo: true, maker: '0.00075', taker: '0.00085', symbolCount: 2, fetchedAt, error: null });
    expect(r.symbols).toEqual([
      { symbol: 'BTC/USDT', maker: '0.00075', taker: '0.00085' },
      { symbol: 'ETH/USDT', maker: '0.00075', taker: '0.00085' },
    ]);

    // 2 × 30000 = 60000 notional; × 0.00085 = 51, × 0.00075 = 45.
    const taker = fees.calc(order);
    expect(taker).toMatchObject({ feeRate: '0.00085', feeAmount: '51', isMaker: false, schedule: { id: 'binance_spot_account', origin: 'exchange', sourceKind: 'exchange-reported account rates (ccxt fetchTradingFees)' } });
    expect(taker.schedule.source).toBe('exchange-reported (ccxt fetchTradingFees) for binance:DEMO (local demo venue), fetched at 2030-01-02T03:04:05.000Z');
    expect(fees.calc({ ...order, orderType: 'limit' })).toMatchObject({ feeRate: '0.00075', feeAmount: '45', isMaker: true });

    // A named tier is a question about the published ladder: Binance spot 2022-06-01, VIP 1 maker 0.0009.
    expect(fees.calc({ ...order, orderType: 'limit', tier: 'VIP 1' })).toMatchObject({ feeRate: '0.0009', feeAmount: '54', schedule: { id: 'binance_spot_2022-06-01', origin: 'shipped' } });

    expect(rates.list().accounts[0]).toMatchObject({ exchangeId: 'binance', label: 'DEMO', status: 'applied', schedule: { id: 'binance_spot_account', origin: 'exchange' } });
    // The call went through the hub's connection (limiter, health), not around it.
    expect(hub.list().find((c) => c.demo)!.health).toMatchObject({ requests: 1, errors: 0 });
    expect(venue.stats.endpoint('GET', '/sapi/v1/asset/tradeFee').count - callsBefore).toBe(1);
  });

  it('on an authentication failure leaves the published schedules in force and says why', async () => {
    const { fees, rates } = setup({ demoCredentials: { apiKey: venue.apiKey, secret: 'a-wrong-secret' } });
    const err = await rates.refresh({ exchangeId: 'binance', label: 'DEMO' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).code).toBe('UNAVAILABLE');
    expect((err as AppError).message).toMatch(/^fees\.refreshAccountRates: binance:DEMO \(local demo venue\): the exchange refused the API key \(authentication failed.*Signature for this request is not valid.*; the published schedules stay in force$/);
    expect(fees.calc(order)).toMatchObject({ feeRate: '0.001', schedule: { id: 'binance_spot_2022-06-01', origin: 'shipped' } });
    expect(rates.list().accounts[0]).toMatchObject({ status: 'failed', error: (err as AppError).message, schedule: null });
  });

  it("fetches a stored key's rates once on first fee use, and drops them when the key is deleted", async () => {
    const main = { exchangeId: 'binance', label: 'main', createdAt: 1 };
    const { fees, keys, rates } = setup({ keys: [main], secrets: { 'binance:main': { apiKey: venue.apiKey, secret: venue.secret } } });
    await expect(rates.refresh({ exchangeId: 'binance', label: 'nope' })).rejects.toThrow(/no API key labelled "nope" is stored for binance; valid: binance:DEMO, binance:main/);

    rates.onFeeUse('binance');
    rates.onFeeUse('binance');
    // The background fetch is the one in flight; asking again joins it.
    const r = await rates.refresh({ exchangeId: 'binance', label: 'main' });
    expect(r).toMatchObject({ demo: false, status: 'applied', taker: '0.00085' });
    expect(fees.calc(order).schedule.source).toMatch(/^exchange-reported \(ccxt fetchTradingFees\) for binance:main, fetched at \d{4}-/);

    keys.rows.splice(0, 1);
    rates.forget({ exchangeId: 'binance', label: 'main' });
    expect(fees.calc(order)).toMatchObject({ feeRate: '0.001', schedule: { origin: 'shipped' } });
    expect(fees.schedules({ origin: 'exchange' }).schedules).toEqual([]);
  });
});

describe('fees.accountRates / fees.refreshAccountRates channels', () => {
  it('lists the demo venue, fetches its rates through the contract and prices with them', async () => {
    const { createAppCore } = await import('../../src/main/composition');
    const { tempDataDir } = await import('../helpers/core');
    const store = new Map<string, string>();
    const core = createAppCore({
      dataDir: tempDataDir(),
      mode: 'serve',
      secrets: { probe: async () => ({ available: true, message: 'memory' }), get: async (k) => store.get(k) ?? null, set: async (k, v) => void store.set(k, v), delete: async (k) => store.delete(k) },
      catalog: { list: async () => [] },
      logger: silentLogger,
    });
    const ctx = { sessionId: 'account-rates', transport: 'ws' as const };
    try {
      const listed = await core.server.handle('fees.accountRates', {}, ctx);
      expect(listed).toMatchObject({ ok: true, value: { accounts: [{ exchangeId: 'binance', label: 'DEMO', demo: true, status: 'not-fetched', schedule: null }] } });
      const bad = await core.server.handle('fees.refreshAccountRates', { exchangeId: 'binance', label: '' }, ctx);
      expect(bad).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
      const r = await core.server.handle('fees.refreshAccountRates', { exchangeId: 'binance', label: 'DEMO' }, ctx);
      // The demo venue charges Binance's default 0.1 %.
      expect(r).toMatchObject({ ok: true, value: { status: 'applied', maker: '0.001', taker: '0.001', schedule: { id: 'binance_spot_account', origin: 'exchange' } } });
      const calc = await core.server.handle('fees.calc', order, ctx);
      expect(calc).toMatchObject({ ok: true, value: { feeAmount: '60', schedule: { origin: 'exchange', sourceKind: 'exchange-reported account rates (ccxt fetchTradingFees)' } } });
    } finally {
      core.server.closeAll();
      core.db.close();
      await core.hub.close();
      await core.demo.close();
    }
  });
});
