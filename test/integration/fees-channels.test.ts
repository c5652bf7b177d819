import fs from 'node:fs';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAppCore, type AppCore } from '../../src/main/composition';
import type { ExchangeCatalog } from '../../src/main/ports/exchanges';
import type { SecretStore } from '../../src/main/ports/secrets';
import { tempDataDir } from '../helpers/core';

/**
 * The fee channels through the contract server, against the real SQLite file: every payload goes
 * through the channel's schema, the service, and back as a Result. Expected figures are worked out
 * by hand from resources/fees (e.g. Binance spot 2022-06-01: Regular maker = taker = 0.001).
 */

// Fee channels never touch the keychain; a store that refuses every call proves it.
const noKeychain: SecretStore = {
  probe: async () => ({ available: false, message: 'not used by fee tests' }),
  get: async () => {
    throw new Error('fee channels must not read secrets');
  },
  set: async () => {
    throw new Error('fee channels must not write secrets');
  },
  delete: async () => {
    throw new Error('fee channels must not delete secrets');
  },
};
const noCatalog: ExchangeCatalog = { list: async () => [] };

const ctx = { sessionId: 'fees-test', transport: 'ws' as const };
let dataDir: string;
let core: AppCore;

function open(): AppCore {
  return createAppCore({ dataDir, mode: 'serve', secrets: noKeychain, catalog: noCatalog });
}

async function call(channel: string, payload: unknown, on: AppCore = core) {
  return on.server.handle(channel, payload, ctx);
}

async function value<T = Record<string, unknown>>(channel: string, payload: unknown, on: AppCore = core): Promise<T> {
  const r = await call(channel, payload, on);
  if (!r.ok) throw new Error(`${channel} failed: ${r.error.code} ${r.error.message}`);
  return r.value as T;
}

beforeAll(() => {
  dataDir = tempDataDir();
  core = open();
});
afterAll(() => {
  core.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

/** A user's schedule: Binance spot at 0.05 % / 0.07 %, effective 2030 (newer than any shipped one). */
function mySchedule(overrides: Record<string, unknown> = {}) {
  return {
    format: 'marketdesk.fee-schedules/1',
    schedules: [
      {
        id: 'my_binance_spot',
        exchange: 'binance',
        market: 'spot',
        effectiveFrom: '2030-01-01T00:00:00Z',
        observedAt: null,
        verified: false,
        source: { kind: 'user', url: null, title: 'my account page' },
        supersedes: [],
        qualification: null,
        tokenDiscount: null,
        tiers: [{ name: 'Regular', maker: '0.0005', taker: '0.0007', thresholds: {} }],
        ...overrides,
      },
    ],
  };
}

describe('fee channels through the contract', () => {
  it('fees.calc prices a market order as taker and a resting limit as maker, with its schedule', async () => {
    const taker = await value('fees.calc', { exchange: 'binance', symbol: 'BTC/USDT', side: 'buy', orderType: 'market', amount: '0.5', price: '30000', market: 'spot' });
    // 0.5 × 30000 = 15000 notional × 0.001 = 15 USDT
    expect(taker).toMatchObject({ feeAmount: '15', feeCurrency: 'USDT', feeRate: '0.001', isMaker: false, notional: '15000', tier: 'Regular' });
    expect(taker.schedule).toMatchObject({ id: 'binance_spot_2022-06-01', effectiveDate: '2022-06-01T08:00:00Z', verified: true, origin: 'shipped' });
    expect(String((taker.schedule as { source: string }).source)).toContain('binance.com');

    const maker = await value('fees.calc', { exchange: 'binance', symbol: 'BTC/USDT', side: 'sell', orderType: 'limit', amount: '0.5', price: '30000', tier: 'VIP1' });
    // VIP 1 maker 0.0009 × 15000 = 13.5
    expect(maker).toMatchObject({ feeAmount: '13.5', feeRate: '0.0009', isMaker: true, tier: 'VIP 1' });

    const bnb = await value('fees.calc', { exchange: 'binance', symbol: 'BTC/USDT', side: 'buy', orderType: 'market', amount: '0.5', price: '30000', payInToken: true });
    // Regular BNB taker 0.00075 × 15000 = 11.25
    expect(bnb).toMatchObject({ feeAmount: '11.25', payInToken: 'BNB' });

    const old = await value('fees.calc', { exchange: 'binance', symbol: 'BTC/USDT', side: 'buy', orderType: 'market', amount: '1', price: '100', at: '2022-01-15' });
    expect((old.schedule as { id: string }).id).toBe('binance_spot_2021-12-21');
  });

  it('rejects bad input with the field named: numbers instead of strings, unknown exchange and tier', async () => {
    const num = await call('fees.calc', { exchange: 'binance', symbol: 'BTC/USDT', side: 'buy', orderType: 'market', amount: 0.5, price: '30000' });
    expect(num).toMatchObject({ ok: false, error: { code: 'VALIDATION', message: expect.stringContaining('amount') } });
    const unknown = await call('fees.calc', { exchange: 'nope', symbol: 'BTC/USDT', side: 'buy', orderType: 'market', amount: '1', price: '1' });
    expect(unknown).toMatchObject({ ok: false, error: { code: 'VALIDATION', message: expect.stringMatching(/unknown exchange "nope".*binance.*bybit/) } });
    const tier = await call('fees.calc', { exchange: 'binance', symbol: 'BTC/USDT', side: 'buy', orderType: 'market', amount: '1', price: '1', tier: 'VIP 42' });
    expect(tier).toMatchObject({ ok: false, error: { code: 'VALIDATION', message: expect.stringMatching(/unknown tier "VIP 42".*VIP 9/) } });
    const okxFutures = await call('fees.calc', { exchange: 'okx', symbol: 'BTC/USDT:USDT', side: 'buy', orderType: 'market', amount: '1', price: '1', market: 'futures' });
    expect(okxFutures).toMatchObject({ ok: false, error: { code: 'VALIDATION', message: expect.stringContaining('no futures fee schedule for okx') } });
  });

  it('fees.compare sorts cheapest taker first and lists exchanges it cannot price', async () => {
    const cmp = await value<{ rows: { exchange: string; takerFee: string; makerFee: string; schedule: { id: string } }[]; unavailable: { exchange: string }[] }>('fees.compare', {
      symbol: 'BTC/USDT:USDT',
      amount: '1',
      price: '30000',
      market: 'futures',
    });
    const fees = cmp.rows.map((r) => Number(r.takerFee));
    expect(fees).toEqual([...fees].sort((a, b) => a - b));
    // Binance USDⓈ-M VIP 0 (third-party): maker 0.0002, taker 0.0005 on 30000 notional.
    expect(cmp.rows.find((r) => r.exchange === 'binance')).toMatchObject({ takerFee: '15', makerFee: '6', schedule: { id: 'binance_usdm_futures_thirdparty' } });
    expect(cmp.unavailable.map((u) => u.exchange)).toEqual(['okx']);
    expect(cmp.rows.map((r) => r.exchange).sort()).toEqual(['binance', 'bingx', 'bitget', 'bybit']);
  });

  it('fees.roundTrip, fees.breakEven, fees.optimize and fees.funding', async () => {
    const rt = await value('fees.roundTrip', { exchange: 'binance', symbol: 'BTC/USDT', amount: '1', entryPrice: '20000', exitPrice: '22000' });
    // entry 20000 × 0.001 = 20, exit 22000 × 0.001 = 22; 42 / 20000 = 0.21 %; gross 2000, net 1958
    expect(rt).toMatchObject({ totalFee: '42', totalPctOfEntryNotional: '0.21', grossPnl: '2000', netPnl: '1958', direction: 'long' });

    const be = await value<{ long: { price: string; exact: { numerator: string; denominator: string } }; short: { price: string } }>('fees.breakEven', {
      exchange: 'binance',
      symbol: 'BTC/USDT',
      amount: '1',
      entryPrice: '20000',
    });
    // Long: X = 20000 × 1.001 / 0.999 = 20040.04004…; short: 20000 × 0.999 / 1.001 = 19960.03996…
    expect(be.long.exact).toEqual({ numerator: '20020', denominator: '0.999' });
    expect(be.long.price.startsWith('20040.04004004')).toBe(true);
    expect(be.short.price.startsWith('19960.03996003')).toBe(true);

    const opt = await value('fees.optimize', { exchange: 'binance', symbol: 'BTC/USDT', amount: '1', price: '30000', tier: 'VIP 1', makerFillRatio: '0.5' });
    // VIP 1: maker 0.0009, taker 0.001 on 30000: all taker 30; half maker 13.5 + half taker 15 = 28.5
    expect(opt).toMatchObject({ strategy: 'split', allTakerFee: '30', estimatedFee: '28.5', savingsVsAllTaker: '1.5' });

    const long = await value('fees.funding', { direction: 'long', amount: '1', markPrice: '30000', rate: '0.0001', periods: 3 });
    // 30000 × 0.0001 × 3 = 9 paid; 0.0001 × 3 × 365 = 0.1095 a year
    expect(long).toMatchObject({ totalCost: '9', annualizedRate: '0.1095', annualizedPct: '10.95' });
    const short = await value('fees.funding', { direction: 'short', amount: '1', markPrice: '30000', rates: ['0.0001', '-0.0003'] });
    // short receives 3 then pays 9: 30000 × (0.0001 − 0.0003) × −1 = 6 paid
    expect(short).toMatchObject({ totalCost: '6' });
  });

  it('fees.exchanges and fees.tierForVolume give the ladder with thresholds and the volume for the next tier', async () => {
    const ex = await value<{ exchanges: { id: string; markets: { market: string; ladder: { tiers: { name: string; requirements: { key: string; threshold: { value: string } | null }[] }[] } | null; schedules: { id: string; verified: boolean; effectiveFrom: string | null }[] }[] }[] }>(
      'fees.exchanges',
      {},
    );
    expect(ex.exchanges.map((e) => e.id)).toEqual(['binance', 'bingx', 'bitget', 'bybit', 'okx']);
    const spot = ex.exchanges.find((e) => e.id === 'binance')!.markets.find((m) => m.market === 'spot')!;
    const vip1 = spot.ladder!.tiers.find((t) => t.name === 'VIP 1')!;
    expect(vip1.requirements.find((r) => r.key === 'volume30d')!.threshold).toEqual({ op: '>=', value: '1000000' });
    expect(spot.schedules.map((s) => s.id)).toEqual(['binance_spot_2022-06-01', 'binance_spot_2021-12-21', 'binance_spot_2018-07-21']);

    const tier = await value('fees.tierForVolume', { exchange: 'binance', market: 'spot', volume30d: '2000000', balance: '30' });
    // VIP 1 (≥ 1M and ≥ 25 BNB); VIP 2 needs 5M: 3M short
    expect(tier).toMatchObject({ tier: 'VIP 1', nextTier: { name: 'VIP 2', volumeShortfall: '3000000' } });
  });

  it('exchange-reported account rates win and are labelled as such', async () => {
    core.fees.applyExchangeRates({ exchange: 'bybit', marketType: 'spot', fetchedAt: Date.UTC(2025, 0, 1), maker: '0.0006', taker: '0.0008' });
    try {
      const r = await value('fees.calc', { exchange: 'bybit', symbol: 'ETH/USDT', side: 'buy', orderType: 'market', amount: '2', price: '1000' });
      expect(r).toMatchObject({ feeAmount: '1.6', feeRate: '0.0008' });
      expect(r.schedule).toMatchObject({ origin: 'exchange', sourceKind: expect.stringContaining('exchange-reported') });
    } finally {
      expect(core.fees.clearExchangeRates('bybit', 'spot')).toBe(true);
    }
    const back = await value('fees.calc', { exchange: 'bybit', symbol: 'ETH/USDT', side: 'buy', orderType: 'market', amount: '2', price: '1000' });
    expect(back.schedule).toMatchObject({ origin: 'shipped' });
  });
});

describe('imported schedules', () => {
  it('are validated, imported, win over shipped ones, survive a restart and can be removed', async () => {
    const imported = await value<{ imported: { id: string; origin: string; label: string }[]; replaced: string[] }>('fees.importSchedule', {
      json: JSON.stringify(mySchedule()),
      label: 'mine.json',
    });
    expect(imported).toMatchObject({ imported: [{ id: 'my_binance_spot', origin: 'imported', label: 'mine.json' }], replaced: [] });

    const calc = { exchange: 'binance', symbol: 'BTC/USDT', side: 'buy', orderType: 'market', amount: '1', price: '10000' };
    // 10000 × 0.0007 = 7
    expect(await value('fees.calc', calc)).toMatchObject({ feeAmount: '7', schedule: { id: 'my_binance_spot', origin: 'imported', verified: false } });

    core.close();
    core = open();
    expect(await value('fees.calc', calc)).toMatchObject({ feeAmount: '7', schedule: { id: 'my_binance_spot', origin: 'imported' } });
    const listed = await value<{ schedules: { id: string; label: string | null; importedAt: number | null }[] }>('fees.schedules', { origin: 'imported' });
    expect(listed.schedules).toEqual([expect.objectContaining({ id: 'my_binance_spot', label: 'mine.json', importedAt: expect.any(Number) })]);

    // Re-importing the same id replaces it.
    const again = await value<{ replaced: string[] }>('fees.importSchedule', { json: JSON.stringify(mySchedule({ tiers: [{ name: 'Regular', maker: '0.0001', taker: '0.0002', thresholds: {} }] })) });
    expect(again.replaced).toEqual(['my_binance_spot']);
    expect(await value('fees.calc', calc)).toMatchObject({ feeAmount: '2' });

    expect(await call('fees.removeSchedule', { id: 'binance_spot_2022-06-01' })).toMatchObject({ ok: false, error: { code: 'VALIDATION', message: expect.stringContaining('shipped') } });
    expect(await value('fees.removeSchedule', { id: 'my_binance_spot' })).toEqual({ removed: true });
    expect(await call('fees.removeSchedule', { id: 'my_binance_spot' })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    core.close();
    core = open();
    expect(await value('fees.calc', calc)).toMatchObject({ feeAmount: '10', schedule: { id: 'binance_spot_2022-06-01', origin: 'shipped' } });
  });

  it('a bad document is rejected with the field path and nothing is imported', async () => {
    const doc = mySchedule();
    const bad = {
      ...doc,
      schedules: [
        { ...doc.schedules[0]!, id: 'ok_one', exchange: 'okx' },
        { ...doc.schedules[0]!, id: 'bad_one', tiers: [{ name: 'Regular', maker: 'abc', taker: '0.001', thresholds: {} }] },
      ],
    };
    const r = await call('fees.importSchedule', { json: JSON.stringify(bad), label: 'bad.json' });
    expect(r).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    const message = (r as { error: { message: string } }).error.message;
    expect(message).toContain('schedules[1].tiers[0].maker');
    expect(message).toContain('nothing was imported');

    const notJson = await call('fees.importSchedule', { json: '{"format": ', label: 'broken.json' });
    expect(notJson).toMatchObject({ ok: false, error: { code: 'VALIDATION', message: expect.stringContaining('broken.json is not valid JSON') } });

    const clash = await call('fees.importSchedule', { json: JSON.stringify(mySchedule({ id: 'binance_spot_2022-06-01' })) });
    expect(clash).toMatchObject({ ok: false, error: { code: 'CONFLICT', message: expect.stringContaining('binance_spot_2022-06-01') } });

    expect(await value('fees.schedules', { origin: 'imported' })).toEqual({ schedules: [], rejectedStored: [] });
    const raw = new Database(core.dbFile, { readonly: true });
    expect(raw.prepare('SELECT COUNT(*) AS n FROM fee_schedules').get()).toEqual({ n: 0 });
    raw.close();
  });

  it('a stored import that no longer validates is listed, not used, and does not stop the app', async () => {
    const db = new Database(core.dbFile);
    db.prepare('INSERT INTO fee_schedules (id, exchange, market, label, document, imported_at) VALUES (?, ?, ?, ?, ?, ?)').run('broken', 'binance', 'spot', 'old.json', '{"id":"broken","tiers":[]}', 1);
    db.close();
    core.close();
    core = open();
    const listed = await value<{ rejectedStored: { id: string; message: string }[] }>('fees.schedules', {});
    expect(listed.rejectedStored).toEqual([{ id: 'broken', message: expect.stringContaining('tiers') }]);
    expect(await value('fees.removeSchedule', { id: 'broken' })).toEqual({ removed: true });
    expect(await value('fees.schedules', { origin: 'imported' })).toEqual({ schedules: [], rejectedStored: [] });
  });
});
