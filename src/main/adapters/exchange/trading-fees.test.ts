import { describe, expect, it } from 'vitest';
import { rateToDecimalString, toTradingFees } from './trading-fees';

describe('ccxt fee numbers → decimal strings', () => {
  it('gives back the decimal the exchange sent, without float arithmetic', () => {
    expect(rateToDecimalString(0.001, 'x')).toBe('0.001');
    expect(rateToDecimalString(0.00075, 'x')).toBe('0.00075');
    // parseFloat("0.00000010") prints as 1e-7; the plain form is what a schedule stores
    expect(rateToDecimalString(parseFloat('0.00000010'), 'x')).toBe('0.0000001');
    expect(rateToDecimalString(-0.0001, 'x')).toBe('-0.0001');
    expect(rateToDecimalString(0, 'x')).toBe('0');
  });

  it('refuses values whose decimal form is not certain, naming where', () => {
    expect(() => rateToDecimalString(0.1 + 0.2, 'binance BTC/USDT maker')).toThrow('binance BTC/USDT maker: rate 0.30000000000000004 has more than 15 significant digits');
    expect(() => rateToDecimalString(undefined, 'okx taker')).toThrow('okx taker: the exchange reported no numeric rate (got nothing)');
    expect(() => rateToDecimalString(Number.NaN, 'okx taker')).toThrow(/no numeric rate/);
  });

  it('keeps spot symbols only', () => {
    expect(toTradingFees('binance', { 'BTC/USDT': { symbol: 'BTC/USDT', maker: 0.001, taker: 0.001 }, 'BTC/USDT:USDT': { symbol: 'BTC/USDT:USDT', maker: 0.0002, taker: 0.0005 }, WEIRDID: { symbol: 'WEIRDID', maker: 0, taker: 0 } })).toEqual({
      'BTC/USDT': { maker: '0.001', taker: '0.001' },
    });
  });
});
