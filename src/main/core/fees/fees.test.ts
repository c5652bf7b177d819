import Decimal from 'decimal.js';
import { describe, expect, it } from 'vitest';
import {
  calculateFee,
  calculateFundingCost,
  calculateRoundTripFee,
  compareFeesAcrossExchanges,
  createFeeApi,
  createShippedRegistry,
  FeeInputError,
  FeeScheduleValidationError,
  feeOptimizer,
  getFeeRates,
  tierForVolume,
} from './index';

// Independent arithmetic with enough digits that the test's own products are exact.
const Exact = Decimal.clone({ precision: 200 });
type ExactDec = InstanceType<typeof Exact>;
const D = (v: string | number) => new Exact(v);
const btc = { exchange: 'binance', symbol: 'BTC/USDT', amount: '0.5', price: '30000', marketType: 'spot' as const, vipLevel: 'VIP 1' };

describe('calculateFee', () => {
  it('charges market orders as taker and resting limit orders as maker; marketable limits take', () => {
    // VIP 1 spot (2022-06-01): maker 0.09 %, taker 0.10 % of 15,000 USDT.
    const taker = calculateFee({ ...btc, side: 'buy', orderType: 'market' });
    expect(taker).toMatchObject({ feeAmount: '15', feeCurrency: 'USDT', feeRate: '0.001', isMaker: false, notional: '15000' });
    expect(taker.schedule).toMatchObject({ id: 'binance_spot_2022-06-01', effectiveDate: '2022-06-01T08:00:00Z', verified: true, origin: 'shipped' });
    expect(taker.schedule.source).toMatch(/^https:\/\/www\.binance\.com/);
    expect(calculateFee({ ...btc, side: 'sell', orderType: 'limit' })).toMatchObject({ feeAmount: '13.5', feeRate: '0.0009', isMaker: true });
    expect(calculateFee({ ...btc, side: 'sell', orderType: 'limit', marketable: true })).toMatchObject({ feeAmount: '15', isMaker: false });
  });

  it('applies the token discount from the schedule (per-tier BNB column, or the stated multiplier)', () => {
    expect(calculateFee({ ...btc, side: 'buy', orderType: 'limit', payInToken: 'BNB' })).toMatchObject({ feeAmount: '10.125', feeRate: '0.000675', payInToken: 'BNB' });
    // USDⓈ-M futures: 10 % off in BNB: VIP 0 taker 0.05 % → 0.045 %.
    const fut = calculateFee({ exchange: 'binance', symbol: 'BTC/USDT:USDT', side: 'sell', orderType: 'market', amount: '2', price: '25000', marketType: 'futures', payInToken: true });
    expect(fut).toMatchObject({ feeRate: '0.00045', feeAmount: '22.5', feeCurrency: 'USDT', tier: 'VIP 0' });
    expect(fut.schedule.verified).toBe(false);
    // Bitget spot pays in BGB, not BNB; the 2021-12-21 Binance schedule has no captured BNB rates.
    expect(() => calculateFee({ ...btc, exchange: 'bitget', side: 'buy', orderType: 'market', payInToken: 'BNB' })).toThrow(/BGB, not BNB/);
    expect(() => getFeeRates({ exchange: 'binance', marketType: 'spot', at: '2022-01-01', payInToken: true })).toThrow(/no known fee-token discount/);
  });

  it('prices rebates as negative fees', () => {
    const r = calculateFee({ exchange: 'okx', symbol: 'ETH/USDT', side: 'buy', orderType: 'limit', amount: '10', price: '2000', marketType: 'spot', vipLevel: 'VIP7' });
    expect(r).toMatchObject({ feeRate: '-0.00005', feeAmount: '-1' });
  });

  it('accepts tier names as written and compact, and lists valid choices otherwise', () => {
    for (const name of ['VIP 1', 'VIP1', 'vip 1', 'vip_1']) expect(getFeeRates({ exchange: 'binance', marketType: 'spot', vipLevel: name }).tier).toBe('VIP 1');
    for (const name of ['Regular', 'VIP0', 'VIP 0']) expect(getFeeRates({ exchange: 'binance', marketType: 'spot', vipLevel: name }).tier).toBe('Regular');
    expect(getFeeRates({ exchange: 'bitget', marketType: 'spot', vipLevel: 'VIP0', scheduleId: 'bitget_spot_2023-01-13' }).tier).toBe('Non-VIP');
    expect(getFeeRates({ exchange: 'okx', marketType: 'spot', vipLevel: 'Lv1' }).tier).toBe('Lvl 1');
    expect(() => getFeeRates({ exchange: 'binance', marketType: 'spot', vipLevel: 'VIP 10' })).toThrow(/unknown tier "VIP 10".*valid: Regular, VIP 1, .*VIP 9/);
  });

  it('rejects bad input with the field and the valid choices', () => {
    const base = { ...btc, side: 'buy' as const, orderType: 'market' as const };
    expect(() => calculateFee({ ...base, exchange: 'kraken' })).toThrow(/unknown exchange "kraken"; valid: binance, bingx, bitget, bybit, okx/);
    expect(() => calculateFee({ ...base, marketType: 'options' as never })).toThrow(/unknown market "options"; valid: spot, futures/);
    expect(() => calculateFee({ ...base, exchange: 'okx', marketType: 'futures', vipLevel: undefined })).toThrow(/no futures fee schedule for okx.*valid markets for okx: spot/);
    expect(() => calculateFee({ ...base, amount: 0.5 as never })).toThrow(/amount: pass decimals as strings/);
    expect(() => calculateFee({ ...base, price: '-1' })).toThrow(/price: must be greater than 0/);
    expect(() => calculateFee({ ...base, amount: 'abc' })).toThrow(/amount: "abc" is not a decimal/);
    expect(() => calculateFee({ ...base, side: 'long' as never })).toThrow(/side: "long" is not valid; valid: buy, sell/);
    expect(() => calculateFee({ ...base, orderType: 'stop' as never })).toThrow(/orderType: "stop".*valid: market, limit/);
    expect(() => calculateFee({ ...base, symbol: 'BTCUSDT' })).toThrow(/not a unified symbol/);
    expect(() => calculateFee({ ...base, symbol: 'BTC/USD:BTC', marketType: 'futures', vipLevel: undefined })).toThrow(/coin-settled/);
    expect(() => calculateFee({ ...base, at: 'yesterday' })).toThrow(/at: "yesterday" is not a date/);
    expect(() => calculateFee({ ...base, exchange: 'kraken' })).toThrow(FeeInputError);
  });
});

describe('schedule selection by date', () => {
  it('uses the schedule in force at the date and says which', () => {
    const q = { exchange: 'binance', marketType: 'spot' as const, vipLevel: 'VIP 4' };
    expect(getFeeRates(q)).toMatchObject({ maker: '0.0002', taker: '0.0004', schedule: { id: 'binance_spot_2022-06-01' } });
    expect(getFeeRates({ ...q, at: '2022-06-01T07:59:59Z' })).toMatchObject({ maker: '0.0007', taker: '0.0009', schedule: { id: 'binance_spot_2021-12-21' } });
    expect(getFeeRates({ ...q, at: Date.UTC(2022, 5, 1, 8) })).toMatchObject({ maker: '0.0002', schedule: { id: 'binance_spot_2022-06-01' } });
    const old = getFeeRates({ ...q, at: '2019-03-01' });
    expect(old).toMatchObject({ maker: '0.0006', taker: '0.0008', schedule: { id: 'binance_spot_2018-07-21' } });
    expect(old.schedule.selection).toMatch(/in force at 2019-03-01.*until 2021-12-21/);
    expect(() => getFeeRates({ ...q, at: '2017-12-31' })).toThrow(/no binance spot fee schedule in force at 2017-12-31.*binance_spot_2018-07-21/);
  });

  it('prefers the superseding copy among undated schedules and honours a pinned id', () => {
    expect(getFeeRates({ exchange: 'okx', marketType: 'spot', vipLevel: 'VIP 1' }).schedule.id).toBe('okx_spot_versionB');
    expect(getFeeRates({ exchange: 'okx', marketType: 'spot', vipLevel: 'VIP 1', scheduleId: 'okx_spot_versionA' })).toMatchObject({ maker: '0.0006', taker: '0.0008' });
    expect(() => getFeeRates({ exchange: 'okx', marketType: 'spot', scheduleId: 'nope' })).toThrow(/valid: okx_spot_versionA, okx_spot_versionB/);
  });
});

describe('registry: imports and exchange-reported rates', () => {
  const userFile = {
    format: 'marketdesk.fee-schedules/1',
    schedules: [
      {
        id: 'my_binance_spot',
        exchange: 'binance',
        market: 'spot',
        effectiveFrom: null,
        verified: false,
        source: { kind: 'my negotiated rates', url: null },
        tiers: [{ name: 'Regular', maker: '0.0005', taker: '0.0007' }],
      },
    ],
  };

  it('lets an imported schedule win over shipped ones', () => {
    const api = createFeeApi(createShippedRegistry());
    api.registry.loadJson(userFile, 'imported', 'my.json');
    const r = api.getFeeRates({ exchange: 'binance', marketType: 'spot' });
    expect(r).toMatchObject({ maker: '0.0005', taker: '0.0007', schedule: { id: 'my_binance_spot', origin: 'imported', sourceKind: 'my negotiated rates' } });
  });

  it('uses exchange-reported rates (labelled) when no tier is named and from their fetch time on', () => {
    const api = createFeeApi(createShippedRegistry());
    const fetchedAt = Date.UTC(2026, 10, 1);
    api.registry.addExchangeRates({ exchange: 'bybit', marketType: 'spot', fetchedAt, maker: '0.0004', taker: '0.0006', symbols: { 'ETH/USDT': { maker: '0.0001', taker: '0.0003' } }, method: 'ccxt fetchTradingFees' });
    const fee = api.calculateFee({ exchange: 'bybit', symbol: 'BTC/USDT', side: 'buy', orderType: 'market', amount: '1', price: '100', marketType: 'spot' });
    expect(fee).toMatchObject({ feeRate: '0.0006', feeAmount: '0.06', schedule: { origin: 'exchange', sourceKind: 'exchange-reported account rates (ccxt fetchTradingFees)' } });
    expect(api.calculateFee({ exchange: 'bybit', symbol: 'ETH/USDT', side: 'buy', orderType: 'limit', amount: '1', price: '100', marketType: 'spot' }).feeRate).toBe('0.0001');
    expect(api.getFeeRates({ exchange: 'bybit', marketType: 'spot', vipLevel: 'VIP 2' }).schedule.origin).toBe('shipped');
    expect(api.getFeeRates({ exchange: 'bybit', marketType: 'spot', at: fetchedAt - 1 }).schedule.origin).toBe('shipped');
    expect(() => api.registry.addExchangeRates({ exchange: 'bybit', marketType: 'spot', fetchedAt, maker: 0.001 as never, taker: '0.001' })).toThrow(/maker must be a decimal string/);
  });

  it('rejects a malformed import naming every bad field path', () => {
    const reg = createShippedRegistry();
    const bad = structuredClone(userFile) as { schedules: Record<string, unknown>[] };
    bad.schedules[0]!.tiers = [{ name: 'Regular', maker: 0.001, taker: '0.1%' }];
    bad.schedules[0]!.market = 'margin';
    try {
      reg.loadJson(bad, 'imported', 'bad.json');
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(FeeScheduleValidationError);
      const issues = (err as FeeScheduleValidationError).issues;
      expect(issues).toContain('schedules[0].market: expected "spot" or "futures", got "margin" (string)');
      expect(issues).toContain('schedules[0].tiers[0].maker: expected a decimal string like "0.001", got 0.001 (number)');
      expect(issues).toContain('schedules[0].tiers[0].taker: expected a decimal string like "0.001", got "0.1%" (string)');
      expect((err as Error).message).toMatch(/^bad\.json: invalid fee schedule: /);
    }
    expect(() => reg.loadJson({ ...userFile, schedules: [{ ...userFile.schedules[0], id: 'binance_spot_2022-06-01' }] }, 'imported', 'x.json')).toThrow(/already used by a shipped schedule/);
    expect(() => reg.loadJson({ nothing: true }, 'imported', 'y.json')).toThrow(/y\.json: invalid fee schedule: \(root\): expected a fee schedule file/);
  });
});

describe('tiers', () => {
  it('finds the tier for a volume, listing requirements it could not check', () => {
    const r = tierForVolume('binance', '20000000', 'spot');
    expect(r).toMatchObject({ tier: 'VIP 3', certain: true, assumedMet: ['BNB balance >= 250 BNB'] });
    expect(r.nextTier).toMatchObject({ name: 'VIP 4', volumeShortfall: '100000000' });
    expect(tierForVolume('binance', '20000000', 'spot', '100').tier).toBe('VIP 2');
    expect(tierForVolume('binance', '999999.99', 'spot', '1000').tier).toBe('Regular');
    // OKX: assets OR volume.
    expect(tierForVolume('okx', '0', 'spot', '2000000').tier).toBe('VIP 3');
    expect(tierForVolume('okx', '0', 'spot', { okbHolding: '1500' }, { scheduleId: 'okx_spot_versionA' }).tier).toBe('Lv4');
  });

  it('says when unknown thresholds make the answer uncertain', () => {
    expect(tierForVolume('bybit', '1000000000', 'spot')).toMatchObject({ tier: 'VIP 0', certain: false });
    expect(tierForVolume('bitget', '1', 'spot').tier).toBeNull();
    expect(tierForVolume('bingx', '4000000', 'spot')).toMatchObject({ tier: 'VIP 3', certain: false });
  });
});

describe('round trip and break-even', () => {
  it('round trip: total = entry + exit fee, net = gross − total', () => {
    const r = calculateRoundTripFee('binance', 'BTC/USDT', '0.3', '40000', '41000', 'spot', { vipLevel: 'VIP 2', entryOrderType: 'limit' });
    // entry maker 0.08 % of 12,000 = 9.6; exit taker 0.1 % of 12,300 = 12.3.
    expect(r).toMatchObject({ totalFee: '21.9', grossPnl: '300', netPnl: '278.1', totalPctOfEntryNotional: '0.1825' });
    expect(r.entry).toMatchObject({ side: 'buy', isMaker: true, feeAmount: '9.6' });
    expect(r.exit).toMatchObject({ side: 'sell', isMaker: false, feeAmount: '12.3' });
    const short = calculateRoundTripFee('binance', 'BTC/USDT', '0.3', '40000', '41000', 'spot', { direction: 'short' });
    expect(short).toMatchObject({ grossPnl: '-300', totalFee: '24.3', netPnl: '-324.3' });
    expect(short.entry.side).toBe('sell');
  });

  for (const [label, exchange, market, opts] of [
    ['binance spot taker/taker', 'binance', 'spot', {}],
    ['okx rebate exit', 'okx', 'spot', { vipLevel: 'VIP 8', exitOrderType: 'limit' }],
    ['binance futures VIP 9 maker 0', 'binance', 'futures', { vipLevel: 'VIP 9', exitOrderType: 'limit' }],
  ] as const) {
    it(`break-even PnL is exactly zero at the exact price (${label})`, () => {
      const symbol = market === 'futures' ? 'BTC/USDT:USDT' : 'BTC/USDT';
      const A = D('0.37');
      const E = D('27123.45');
      const be = feeOptimizer.calculateBreakEvenPrice(exchange, symbol, '0.37', '27123.45', market, { ...opts, tickSize: '0.01' });
      const re = D(be.entryRate);
      const rx = D(be.exitRate);
      for (const dir of ['long', 'short'] as const) {
        const s = be[dir];
        const num = D(s.exact.numerator);
        const den = D(s.exact.denominator);
        const pnl = (X: ExactDec) => (dir === 'long' ? A.times(X.minus(E)) : A.times(E.minus(X))).minus(A.times(E).times(re)).minus(A.times(X).times(rx));
        // PnL at X = num/den, multiplied through by den so it stays exact in decimal.
        const scaled = (dir === 'long' ? A.times(num.minus(E.times(den))) : A.times(E.times(den).minus(num))).minus(A.times(E).times(re).times(den)).minus(A.times(num).times(rx));
        expect(scaled.isZero(), `${dir} exact`).toBe(true);
        const X = D(s.price);
        expect(pnl(X).gte(0), `${dir} decimal price never loses`).toBe(true);
        if (s.isExact) expect(pnl(X).isZero()).toBe(true);
        const tick = D(s.tickPrice!);
        expect(pnl(tick).gte(0)).toBe(true);
        expect(pnl(dir === 'long' ? tick.minus('0.01') : tick.plus('0.01')).lt(0), `${dir} one tick worse loses`).toBe(true);
      }
    });
  }

  it('break-even with a zero exit rate is an exact decimal, and a round trip there nets exactly 0', () => {
    const be = feeOptimizer.calculateBreakEvenPrice('binance', 'BTC/USDT:USDT', '2', '30000', 'futures', { vipLevel: 'VIP 9', exitOrderType: 'limit' });
    // taker 0.017 % in, maker 0 out: X = 30000 × 1.00017.
    expect(be.long).toMatchObject({ isExact: true, price: '30005.1', requiredMovePct: '0.017' });
    const rt = calculateRoundTripFee('binance', 'BTC/USDT:USDT', '2', '30000', be.long.price, 'futures', { vipLevel: 'VIP 9', exitOrderType: 'limit' });
    expect(rt.netPnl).toBe('0');
  });
});

describe('funding', () => {
  it('long pays when the rate is positive, short receives; negative rates reverse it', () => {
    const long = calculateFundingCost({ direction: 'long', amount: '1', markPrice: '30000', rate: '0.0001', periods: 3 });
    expect(long).toMatchObject({ totalCost: '9', notional: '30000', annualizedRate: '0.1095', annualizedCost: '3285', periodsPerYear: '1095' });
    expect(calculateFundingCost({ direction: 'short', amount: '1', markPrice: '30000', rate: '0.0001', periods: 3 }).totalCost).toBe('-9');
    const neg = calculateFundingCost({ direction: 'long', amount: '1', markPrice: '30000', rates: ['-0.0002', '0.0001'] });
    expect(neg.payments.map((p) => p.payment)).toEqual(['-6', '3']);
    expect(neg.totalCost).toBe('-3');
    expect(calculateFundingCost({ direction: 'long', amount: '1', markPrice: '100', rate: '0.0001', periods: 1, intervalHours: '4' }).periodsPerYear).toBe('2190');
    expect(() => calculateFundingCost({ direction: 'long', amount: '1', markPrice: '100', rate: '0.0001', periods: 0 })).toThrow(/periods: must be a whole number/);
  });
});

describe('compare and optimizer', () => {
  it('compares across exchanges cheapest first and reports those it cannot price', () => {
    const r = compareFeesAcrossExchanges(['okx', 'binance', 'bybit', 'bitget', 'bingx'], 'BTC/USDT', '1', '10000', 'spot', 'VIP 3');
    const takers = r.rows.map((row) => [row.exchange, row.takerFee]);
    // VIP 3 spot takers: okx 0.04 %, bingx 0.045 %, bitget (2023) 0.04 %, bybit 0.075 %, binance 0.1 %.
    expect(takers).toEqual([['bitget', '4'], ['okx', '4'], ['bingx', '4.5'], ['bybit', '7.5'], ['binance', '10']]);
    expect(r.rows.every((row) => row.schedule.id.length > 0)).toBe(true);
    const fut = compareFeesAcrossExchanges(['okx', 'binance'], 'BTC/USDT:USDT', '1', '10000', 'futures');
    expect(fut.unavailable).toEqual([{ exchange: 'okx', reason: expect.stringMatching(/no futures fee schedule for okx/) }]);
    expect(() => compareFeesAcrossExchanges(['ftx'], 'BTC/USDT', '1', '1', 'spot')).toThrow(/unknown exchange "ftx"/);
  });

  it('finds the cheapest execution and states its assumption', () => {
    const all = feeOptimizer.findOptimalExecution('binance', 'BTC/USDT', '2', '20000', 'spot', { vipLevel: 'VIP 1' });
    expect(all).toMatchObject({ strategy: 'all-maker', estimatedFee: '36', allTakerFee: '40', savingsVsAllTaker: '4', savingsPct: '10' });
    expect(all.assumption).toMatch(/no slippage/);
    const split = feeOptimizer.findOptimalExecution('binance', 'BTC/USDT', '2', '20000', 'spot', { vipLevel: 'VIP 1', makerFillRatio: '0.25' });
    expect(split).toMatchObject({ strategy: 'split', makerAmount: '0.5', takerAmount: '1.5', estimatedFee: '39', savingsVsAllTaker: '1' });
    // Regular: maker = taker, so waiting saves nothing.
    expect(feeOptimizer.findOptimalExecution('binance', 'BTC/USDT', '2', '20000', 'spot')).toMatchObject({ strategy: 'all-taker', savingsVsAllTaker: '0' });
    expect(() => feeOptimizer.findOptimalExecution('binance', 'BTC/USDT', '2', '20000', 'spot', { makerFillRatio: '1.5' })).toThrow(/between 0 and 1/);
  });
});
