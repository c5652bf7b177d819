/**
 * Fee schedule vocabulary. Rates are fractions of notional carried as decimal strings
 * ("0.001" = 0.1 %, negative = rebate). A `null` threshold or rate field means "not known from the
 * source", never zero: callers must be able to tell an unknown from a free tier.
 */
import type { DecimalString, MarketType } from '../../../shared/domain/market';

export const FEE_SCHEDULE_FORMAT = 'marketdesk.fee-schedules/1';

/** Where a schedule came from; decides precedence (exchange > imported > shipped). */
export type ScheduleOrigin = 'exchange' | 'imported' | 'shipped';

export interface Threshold {
  /** Lower bound only: upper bounds are implied by the next tier. */
  op: '>=' | '>';
  value: DecimalString;
}

/**
 * `volume` is the 30-day trading volume a tier lookup keys on; `balance` is the holding an
 * exchange asks for alongside (BNB balance, assets); `other` criteria are shown but only checked
 * when the caller supplies them by key.
 */
export interface QualificationCriterion {
  key: string;
  role: 'volume' | 'balance' | 'other';
  label: string;
  unit: string | null;
}

export interface Qualification {
  /** all = every criterion; any = whichever is met (OKX, Bybit "higher of"); unknown = the source does not say. */
  combine: 'all' | 'any' | 'unknown';
  criteria: QualificationCriterion[];
  note: string | null;
}

export interface FeeTier {
  name: string;
  aliases?: string[];
  maker: DecimalString;
  taker: DecimalString;
  /** Rates when paying in the schedule's discount token, where the source lists them per tier. */
  tokenMaker?: DecimalString;
  tokenTaker?: DecimalString;
  /**
   * Keyed by qualification criterion. A missing key = this criterion is not a route to this tier
   * (OKX Lv tiers go by OKB only); null = it is, but the source does not give the number.
   * The first tier of a ladder is the entry tier: everyone qualifies.
   */
  thresholds: Record<string, Threshold | null>;
  /** Per-symbol rates (exchange-reported schedules): these win over the tier's own rates. */
  symbolRates?: Record<string, { maker: DecimalString; taker: DecimalString }>;
  note?: string;
}

export interface TokenDiscount {
  token: string;
  /** Applied to the tier rate when the tier has no tokenMaker/tokenTaker; null = only per-tier rates are known. */
  multiplier: DecimalString | null;
  note: string | null;
}

export interface ScheduleSource {
  kind: string;
  url: string | null;
  title: string | null;
  dataset?: string;
  related?: { url: string; title: string | null }[];
}

export interface FeeSchedule {
  id: string;
  exchange: string;
  market: MarketType;
  marketDescription: string | null;
  /** ISO-8601 UTC instant the schedule took effect, or null when the source gives no date. */
  effectiveFrom: string | null;
  /** For recorded API responses: when the exchange was seen returning these rates. */
  observedAt: string | null;
  /** True only for rates that came from the exchange itself (page, announcement, API) with a date. */
  verified: boolean;
  source: ScheduleSource;
  /** Undated schedules this one replaces (for choosing among undated copies). */
  supersedes: string[];
  qualification: Qualification | null;
  tokenDiscount: TokenDiscount | null;
  notes: string | null;
  tiers: FeeTier[];
}

/** A schedule as held by the registry: the file content plus where it was loaded from. */
export interface RegisteredSchedule extends FeeSchedule {
  origin: ScheduleOrigin;
  /** Parsed effectiveFrom in UTC ms (null when undated). */
  effectiveMs: number | null;
}

export interface FeeScheduleFile {
  format: typeof FEE_SCHEDULE_FORMAT;
  caution?: string;
  rateUnits?: string;
  schedules: FeeSchedule[];
}

/** What every fee result carries so a user can see which schedule priced it and how much to trust it. */
export interface ScheduleRef {
  id: string;
  exchange: string;
  market: MarketType;
  effectiveDate: string | null;
  observedAt: string | null;
  source: string;
  sourceKind: string;
  verified: boolean;
  origin: ScheduleOrigin;
  /** How the schedule was chosen among the candidates, in words. */
  selection: string;
}

export interface ScheduleQuery {
  exchange: string;
  marketType: MarketType;
  /** UTC ms or an ISO date string; default = the newest schedule. */
  at?: number | string;
  /** Pin one schedule by id (must match exchange and market). */
  scheduleId?: string;
  /** Skip exchange-reported account rates (tier ladders only). */
  ladderOnly?: boolean;
}
