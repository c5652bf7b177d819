/**
 * Fees: shipped, dated, sourced schedules for five exchanges, plus user imports and exchange-
 * reported account rates. Every result names the schedule that priced it (id, date, source,
 * verified). The free functions use a registry of the shipped schedules; hold your own
 * FeeScheduleRegistry (and `createFeeApi`) to add imports or account rates.
 */
import binance from '../../../../resources/fees/binance.json';
import bingx from '../../../../resources/fees/bingx.json';
import bitget from '../../../../resources/fees/bitget.json';
import bybit from '../../../../resources/fees/bybit.json';
import okx from '../../../../resources/fees/okx.json';
import { createFeeApi, type FeeApi } from './api';
import { FeeScheduleRegistry } from './registry';

export const SHIPPED_FEE_FILES: Readonly<Record<string, unknown>> = { binance, bingx, bitget, bybit, okx };

/** A new registry holding the shipped schedules (validated like any import). */
export function createShippedRegistry(): FeeScheduleRegistry {
  const registry = new FeeScheduleRegistry();
  for (const [name, json] of Object.entries(SHIPPED_FEE_FILES)) registry.loadJson(json, 'shipped', `resources/fees/${name}.json`);
  return registry;
}

let defaultApi: FeeApi | undefined;

/** The shipped-schedules API, built on first use. */
export function defaultFees(): FeeApi {
  defaultApi ??= createFeeApi(createShippedRegistry());
  return defaultApi;
}

export const calculateFee: FeeApi['calculateFee'] = (p) => defaultFees().calculateFee(p);
export const getFeeRates: FeeApi['getFeeRates'] = (q) => defaultFees().getFeeRates(q);
export const getVIPTiers: FeeApi['getVIPTiers'] = (...a) => defaultFees().getVIPTiers(...a);
export const getVolumeRequiredForTier: FeeApi['getVolumeRequiredForTier'] = (...a) => defaultFees().getVolumeRequiredForTier(...a);
export const tierForVolume: FeeApi['tierForVolume'] = (...a) => defaultFees().tierForVolume(...a);
export const compareFeesAcrossExchanges: FeeApi['compareFeesAcrossExchanges'] = (...a) => defaultFees().compareFeesAcrossExchanges(...a);
export const calculateRoundTripFee: FeeApi['calculateRoundTripFee'] = (...a) => defaultFees().calculateRoundTripFee(...a);
export const feeOptimizer: FeeApi['feeOptimizer'] = {
  findOptimalExecution: (...a) => defaultFees().feeOptimizer.findOptimalExecution(...a),
  calculateBreakEvenPrice: (...a) => defaultFees().feeOptimizer.calculateBreakEvenPrice(...a),
};

export { createFeeApi, type FeeApi } from './api';
export { FeeInputError } from './decimal';
export { calculateFundingCost, type FundingParams, type FundingResult } from './funding';
export type { BreakEvenOptions, BreakEvenResult, BreakEvenSide, ExecutionOptions, ExecutionPlan } from './optimizer';
export type { CalculateFeeParams, FeeRates, FeeResult, RateQuery } from './rates';
export { type ExchangeRatesInput, FeeScheduleRegistry, type SelectedSchedule } from './registry';
export type { ScheduleOptions, TierForVolumeResult, TierInfo, TierLadder, TierRequirement, VolumeRequirement } from './tiers';
export type { CompareOptions, CompareResult, CompareRow, Direction, RoundTripOptions, RoundTripResult } from './trades';
export * from './types';
export { FeeScheduleValidationError, normalizeTierName, parseFeeScheduleJson } from './validate';
