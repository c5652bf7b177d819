import type { MarketType } from '../../../shared/domain/market';
import { getFeeRates } from '../fees';
import type { FeeRates } from './engine';

/**
 * How a run is priced, as recorded in its manifest: either a flat rate (maker = taker) or a tier
 * of a named fee schedule, with the rates that schedule gave (decimal strings, as the fees module
 * returns them) so a replay can prove the schedule still says the same.
 */
export type FeeSpec =
  | { kind: 'flat'; rate: number }
  | { kind: 'schedule'; scheduleId: string; exchange: string; marketType: MarketType; tier: string; maker: string; taker: string; source: string };

export interface FeeScheduleQuery {
  exchange: string;
  marketType: MarketType;
  /** Tier name as the exchange writes it or compact (`VIP 1`, `VIP1`); omitted = the entry tier. */
  vipLevel?: string;
  scheduleId?: string;
}

export function flatFees(rate: number): FeeSpec {
  if (!Number.isFinite(rate) || rate < 0 || rate >= 1) throw new RangeError(`fee rate must be a fraction in [0, 1), got ${rate}`);
  return { kind: 'flat', rate };
}

/** Resolves a tier through the fees module (shipped schedules). */
export function scheduleFees(q: FeeScheduleQuery): FeeSpec {
  const r = getFeeRates({ exchange: q.exchange, marketType: q.marketType, vipLevel: q.vipLevel, scheduleId: q.scheduleId });
  return {
    kind: 'schedule',
    scheduleId: r.schedule.id,
    exchange: r.schedule.exchange,
    marketType: r.schedule.market,
    tier: r.tier,
    maker: r.maker,
    taker: r.taker,
    source: r.schedule.source,
  };
}

export function feeRatesOf(spec: FeeSpec): FeeRates {
  if (spec.kind === 'flat') return { maker: spec.rate, taker: spec.rate };
  return { maker: Number(spec.maker), taker: Number(spec.taker) };
}

export function feeScheduleId(spec: FeeSpec): string {
  return spec.kind === 'flat' ? `flat:${spec.rate}` : `${spec.scheduleId}#${spec.tier}`;
}

/** Re-resolves a recorded schedule and fails if its rates no longer match the recording. */
export function verifyFeeSpec(spec: FeeSpec): FeeSpec {
  if (spec.kind === 'flat') return flatFees(spec.rate);
  const now = scheduleFees({ exchange: spec.exchange, marketType: spec.marketType, vipLevel: spec.tier, scheduleId: spec.scheduleId });
  if (now.kind === 'schedule' && (now.maker !== spec.maker || now.taker !== spec.taker)) {
    throw new Error(
      `fee schedule ${spec.scheduleId} tier ${spec.tier} now gives maker ${now.maker} / taker ${now.taker}, the manifest recorded ${spec.maker} / ${spec.taker}`,
    );
  }
  return spec;
}
