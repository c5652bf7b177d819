import { describe, expect, it } from 'vitest';
import { accountLevelRates } from './account-fee-rates';

describe('account-level rate from per-symbol rates', () => {
  it('takes the pair most symbols share; a tie goes to the dearer pair', () => {
    expect(accountLevelRates({ A: { maker: '0', taker: '0' }, B: { maker: '0.001', taker: '0.001' }, C: { maker: '0.0010', taker: '0.001' } })).toEqual({ maker: '0.001', taker: '0.001' });
    expect(accountLevelRates({ A: { maker: '0', taker: '0' }, B: { maker: '0.0002', taker: '0.0004' } })).toEqual({ maker: '0.0002', taker: '0.0004' });
  });
});
