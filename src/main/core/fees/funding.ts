/**
 * Funding on perpetual swaps. Convention (Binance, Bybit, OKX, Bitget, BingX alike): when the
 * funding rate is positive, longs pay shorts; when negative, shorts pay longs. Here a positive
 * cost means the position pays, a negative cost means it receives.
 */
import { D, type Dec, type DecimalInput, FeeInputError, dec, positive, ratio, str } from './decimal';
import { checkDirection, type Direction } from './trades';

export interface FundingParams {
  direction: Direction;
  /** Position size in base units. */
  amount: DecimalInput;
  /** Mark price assumed for every period (funding is charged on mark-price notional). */
  markPrice: DecimalInput;
  /** One rate per funding period, in order; or give `rate` and `periods`. */
  rates?: DecimalInput[];
  rate?: DecimalInput;
  periods?: number;
  /** Hours between fundings; 8 is the common interval, some contracts use 4 or 1. */
  intervalHours?: DecimalInput;
}

export interface FundingResult {
  direction: Direction;
  notional: string;
  periods: number;
  intervalHours: string;
  /** Per period: positive = paid. */
  payments: { period: number; rate: string; payment: string }[];
  totalCost: string;
  averageRate: string;
  periodsPerYear: string;
  /** Average rate × periods per year (365-day year); rounded to 12 places. */
  annualizedRate: string;
  annualizedPct: string;
  /** Cost of holding the same notional for a year at the average rate; rounded to 12 places. */
  annualizedCost: string;
  convention: string;
  assumption: string;
}

const HOURS_PER_YEAR = new D(8760);

export function calculateFundingCost(p: FundingParams): FundingResult {
  const direction = checkDirection(p.direction);
  const notional = positive(p.amount, 'amount').times(positive(p.markPrice, 'markPrice'));
  let rates: Dec[];
  if (p.rates !== undefined) {
    if (p.rate !== undefined || p.periods !== undefined) throw new FeeInputError('rates: give either rates, or rate with periods, not both');
    rates = p.rates.map((r, i) => dec(r, `rates[${i}]`));
  } else {
    if (p.rate === undefined || p.periods === undefined) throw new FeeInputError('rates: give rates (one per period), or rate and periods');
    if (!Number.isInteger(p.periods) || p.periods < 1) throw new FeeInputError(`periods: must be a whole number of at least 1, got ${p.periods}`);
    const r = dec(p.rate, 'rate');
    rates = Array.from({ length: p.periods }, () => r);
  }
  if (rates.length === 0) throw new FeeInputError('rates: give at least one funding rate');
  const interval = positive(p.intervalHours ?? '8', 'intervalHours');
  const sign = direction === 'long' ? 1 : -1;
  const payments = rates.map((r, i) => ({ period: i + 1, rate: str(r), payment: str(notional.times(r).times(sign)) }));
  const sum = rates.reduce((a, r) => a.plus(r), new D(0));
  const total = notional.times(sum).times(sign);
  const average = sum.div(rates.length);
  const perYear = HOURS_PER_YEAR.div(interval);
  const annualRate = average.times(perYear);
  return {
    direction,
    notional: str(notional),
    periods: rates.length,
    intervalHours: str(interval),
    payments,
    totalCost: str(total),
    averageRate: ratio(average, 18),
    periodsPerYear: ratio(perYear),
    annualizedRate: ratio(annualRate),
    annualizedPct: ratio(annualRate.times(100)),
    annualizedCost: ratio(notional.times(annualRate).times(sign)),
    convention: 'positive rate: long pays, short receives; positive cost = paid by this position',
    assumption: 'mark price constant over all periods; annualized on a 365-day year at the average rate',
  };
}
