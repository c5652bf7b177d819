/**
 * The shipped schedules against the raw shared recording, read here independently: every tier of
 * every schedule must come back with exactly the source's maker/taker (and token) rates and
 * volume thresholds.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Decimal from 'decimal.js';
import { describe, expect, it } from 'vitest';
import { createShippedRegistry, getFeeRates, getVolumeRequiredForTier } from './index';

const here = path.dirname(fileURLToPath(import.meta.url));
const raw = JSON.parse(fs.readFileSync(path.resolve(here, '../../../../../shared/data/fees/fee_schedules.json'), 'utf8')) as {
  schedules: { id: string; tiers: Record<string, unknown>[] }[];
};
const rawById = new Map(raw.schedules.map((s) => [s.id, s]));

interface Mapping {
  raw: string;
  shipped: string;
  exchange: string;
  market: 'spot' | 'futures';
  maker: string;
  taker: string;
  token?: { maker: string; taker: string } | { multiplier: string };
  volume?: string;
  tiers?: (name: string) => boolean;
}

const MAPPINGS: Mapping[] = [
  { raw: 'binance_spot_2022-06-01', shipped: 'binance_spot_2022-06-01', exchange: 'binance', market: 'spot', maker: 'maker', taker: 'taker', token: { maker: 'maker_bnb', taker: 'taker_bnb' }, volume: 'min_30d_volume_busd' },
  { raw: 'binance_spot_2022-06-01', shipped: 'binance_spot_2021-12-21', exchange: 'binance', market: 'spot', maker: 'maker_prev', taker: 'taker_prev' },
  { raw: 'binance_spot_2018-07-21', shipped: 'binance_spot_2018-07-21', exchange: 'binance', market: 'spot', maker: 'maker', taker: 'taker', token: { multiplier: '0.75' }, volume: 'min_30d_volume_btc' },
  { raw: 'binance_usdm_futures_thirdparty', shipped: 'binance_usdm_futures_thirdparty', exchange: 'binance', market: 'futures', maker: 'maker', taker: 'taker', token: { multiplier: '0.9' } },
  { raw: 'okx_spot_versionA', shipped: 'okx_spot_versionA', exchange: 'okx', market: 'spot', maker: 'maker', taker: 'taker', volume: 'volume_30d_usd' },
  { raw: 'okx_spot_versionB', shipped: 'okx_spot_versionB', exchange: 'okx', market: 'spot', maker: 'maker', taker: 'taker', volume: 'volume_30d_usd' },
  { raw: 'bybit_vip_rates', shipped: 'bybit_vip_rates_spot', exchange: 'bybit', market: 'spot', maker: 'spot_maker', taker: 'spot_taker' },
  { raw: 'bybit_vip_rates', shipped: 'bybit_vip_rates_derivatives', exchange: 'bybit', market: 'futures', maker: 'derivatives_maker', taker: 'derivatives_taker' },
  { raw: 'bybit_api_symbols_2021-04-17', shipped: 'bybit_api_symbols_2021-04-17', exchange: 'bybit', market: 'futures', maker: 'maker', taker: 'taker' },
  { raw: 'bitget_spot_feepage', shipped: 'bitget_spot_feepage', exchange: 'bitget', market: 'spot', maker: 'maker', taker: 'taker', token: { maker: 'maker_bgb', taker: 'taker_bgb' }, volume: 'spot_volume_30d_usdt' },
  { raw: 'bitget_spot_2023-01-13', shipped: 'bitget_spot_2023-01-13', exchange: 'bitget', market: 'spot', maker: 'maker', taker: 'taker', token: { maker: 'maker_bgb', taker: 'taker_bgb' } },
  { raw: 'bitget_api_2022-04-07', shipped: 'bitget_api_2022-04-07_spot', exchange: 'bitget', market: 'spot', maker: 'maker', taker: 'taker', tiers: (n) => n.includes('spot') },
  { raw: 'bitget_api_2022-04-07', shipped: 'bitget_api_2022-04-07_futures', exchange: 'bitget', market: 'futures', maker: 'maker', taker: 'taker', tiers: (n) => n.includes('futures') },
  { raw: 'bingx_spot_2023-11-24', shipped: 'bingx_spot_2023-11-24', exchange: 'bingx', market: 'spot', maker: 'maker', taker: 'taker', volume: 'spot_volume_30d_usdt' },
];

/** Raw threshold forms: a number (>=), ">=N", ">N", "<N" (upper bound, no threshold), with optional "(note)". */
function rawThreshold(v: unknown): { op: string; value: string } | null | 'none' {
  if (v === null || v === undefined) return null;
  if (typeof v === 'number') return { op: '>=', value: String(v) };
  const m = /^(>=|>|<)(\d+)/.exec(String(v));
  if (!m) throw new Error(`unparsed raw threshold ${String(v)}`);
  return m[1] === '<' ? 'none' : { op: m[1]!, value: m[2]! };
}

describe('shipped fee schedules', () => {
  const registry = createShippedRegistry();

  it('covers every shipped schedule in this test, and every raw schedule with tiers', () => {
    expect(new Set(registry.list().map((s) => s.id))).toEqual(new Set([...MAPPINGS.map((m) => m.shipped), 'bingx_futures_thirdparty_quote']));
    const rawWithTiers = raw.schedules.filter((s) => s.tiers.length > 0).map((s) => s.id);
    expect(new Set(MAPPINGS.map((m) => m.raw))).toEqual(new Set(rawWithTiers));
  });

  for (const m of MAPPINGS) {
    it(`${m.shipped}: every tier's rates${m.volume ? ' and volume thresholds' : ''} match ${m.raw}`, () => {
      const source = rawById.get(m.raw)!;
      const tiers = source.tiers.filter((t) => (m.tiers ? m.tiers(String(t.tier)) : true));
      expect(tiers.length).toBeGreaterThan(0);
      expect(registry.get(m.shipped)!.tiers.length).toBe(m.tiers ? 1 : tiers.length);
      for (const t of tiers) {
        const name = m.tiers ? undefined : String(t.tier);
        const q = { exchange: m.exchange, marketType: m.market, scheduleId: m.shipped, vipLevel: name };
        const rates = getFeeRates(q);
        expect(rates.maker, `${name} maker`).toBe(t[m.maker]);
        expect(rates.taker, `${name} taker`).toBe(t[m.taker]);
        expect(rates.schedule.id).toBe(m.shipped);
        if (m.token) {
          const tok = getFeeRates({ ...q, payInToken: true });
          if ('multiplier' in m.token) {
            const discounted = (r: string) => (new Decimal(r).gt(0) ? new Decimal(r).times(m.token && 'multiplier' in m.token ? m.token.multiplier : 1) : new Decimal(r));
            expect(new Decimal(tok.maker).eq(discounted(String(t[m.maker]))), `${name} token maker`).toBe(true);
            expect(new Decimal(tok.taker).eq(discounted(String(t[m.taker]))), `${name} token taker`).toBe(true);
          } else {
            expect(tok.maker, `${name} token maker`).toBe(t[m.token.maker]);
            expect(tok.taker, `${name} token taker`).toBe(t[m.token.taker]);
          }
        }
        if (m.volume && name !== undefined) {
          const expected = rawThreshold(t[m.volume]);
          const got = getVolumeRequiredForTier(m.exchange, name, m.market, { scheduleId: m.shipped });
          const isEntry = source.tiers.indexOf(t) === 0;
          if (isEntry) expect(got.volume?.value).toBe(expected && expected !== 'none' ? expected.value : '0');
          else if (expected === 'none') expect(got.volume).toBeNull();
          else if (expected === null) expect(got.volume).toBeNull();
          else expect({ op: got.volume?.op, value: got.volume?.value }, `${name} volume`).toEqual(expected);
        }
      }
    });
  }

  it('marks only dated sources from the exchange itself as verified', () => {
    const verified = registry.list().filter((s) => s.verified).map((s) => s.id).sort();
    expect(verified).toEqual(['binance_spot_2018-07-21', 'binance_spot_2021-12-21', 'binance_spot_2022-06-01', 'bingx_spot_2023-11-24', 'bitget_api_2022-04-07_futures', 'bitget_api_2022-04-07_spot', 'bitget_spot_2023-01-13', 'bybit_api_symbols_2021-04-17']);
    for (const s of registry.list()) expect(s.verified ? s.effectiveFrom ?? s.observedAt : 'n/a').not.toBeNull();
    expect(registry.get('binance_usdm_futures_thirdparty')!.source.kind).toContain('third-party');
  });

  it('keeps thresholds the sources do not give as unknown (null), never zero', () => {
    const futures = getVolumeRequiredForTier('binance', 'VIP 3', 'futures');
    expect(futures.volume).toBeNull();
    expect(futures.note).toMatch(/does not give/);
    const prev = getVolumeRequiredForTier('binance', 'VIP 2', 'spot', { at: '2022-01-01' });
    expect(prev.schedule.id).toBe('binance_spot_2021-12-21');
    expect(prev.volume).toBeNull();
    expect(getVolumeRequiredForTier('binance', 'VIP 1', 'spot', { at: '2022-01-01' }).volume?.value).toBe('1000000');
  });
});
