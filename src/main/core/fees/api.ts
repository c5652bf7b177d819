/** The fee functions bound to one registry, so the app can price against shipped + imported + exchange schedules. */
import type { MarketType } from '../../../shared/domain/market';
import type { DecimalInput } from './decimal';
import { type BreakEvenOptions, calculateBreakEvenPrice, type ExecutionOptions, findOptimalExecution } from './optimizer';
import { type CalculateFeeParams, calculateFee, getFeeRates, type RateQuery } from './rates';
import type { FeeScheduleRegistry } from './registry';
import { getVIPTiers, getVolumeRequiredForTier, type ScheduleOptions, tierForVolume } from './tiers';
import { type CompareOptions, calculateRoundTripFee, compareFeesAcrossExchanges, type RoundTripOptions } from './trades';

export function createFeeApi(registry: FeeScheduleRegistry) {
  return {
    registry,
    calculateFee: (p: CalculateFeeParams) => calculateFee(registry, p),
    getFeeRates: (q: Omit<RateQuery, 'symbol'>) => getFeeRates(registry, q),
    getVIPTiers: (exchange: string, marketType: MarketType, opts?: ScheduleOptions) => getVIPTiers(registry, exchange, marketType, opts),
    getVolumeRequiredForTier: (exchange: string, tier: string, marketType: MarketType, opts?: ScheduleOptions) => getVolumeRequiredForTier(registry, exchange, tier, marketType, opts),
    tierForVolume: (exchange: string, volume30d: DecimalInput, marketType: MarketType, balance?: DecimalInput | Record<string, DecimalInput>, opts?: ScheduleOptions) =>
      tierForVolume(registry, exchange, volume30d, marketType, balance, opts),
    compareFeesAcrossExchanges: (
      exchanges: string[],
      symbol: string,
      amount: DecimalInput,
      price: DecimalInput,
      marketType: MarketType,
      tiers?: string | Record<string, string>,
      opts?: CompareOptions,
    ) => compareFeesAcrossExchanges(registry, exchanges, symbol, amount, price, marketType, tiers, opts),
    calculateRoundTripFee: (
      exchange: string,
      symbol: string,
      amount: DecimalInput,
      entryPrice: DecimalInput,
      exitPrice: DecimalInput,
      marketType: MarketType,
      opts?: RoundTripOptions,
    ) => calculateRoundTripFee(registry, exchange, symbol, amount, entryPrice, exitPrice, marketType, opts),
    feeOptimizer: {
      findOptimalExecution: (exchange: string, symbol: string, amount: DecimalInput, price: DecimalInput, marketType: MarketType, opts?: ExecutionOptions) =>
        findOptimalExecution(registry, exchange, symbol, amount, price, marketType, opts),
      calculateBreakEvenPrice: (exchange: string, symbol: string, amount: DecimalInput, entryPrice: DecimalInput, marketType: MarketType, opts?: BreakEvenOptions) =>
        calculateBreakEvenPrice(registry, exchange, symbol, amount, entryPrice, marketType, opts),
    },
  };
}

export type FeeApi = ReturnType<typeof createFeeApi>;
