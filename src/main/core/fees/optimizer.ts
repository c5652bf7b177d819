/** Fee-aware execution choices: maker/taker split and the break-even exit price. */
import type { MarketType, OrderType } from '../../../shared/domain/market';
import { D, type Dec, type DecimalInput, FeeInputError, nonNegative, positive, ratio, str } from './decimal';
import { feeCurrencyOf, isMakerOrder, parseSymbol, resolveRates } from './rates';
import type { FeeScheduleRegistry } from './registry';
import { checkDirection, type Direction, type RoundTripOptions } from './trades';
import type { ScheduleRef } from './types';

export interface ExecutionOptions {
  vipLevel?: string;
  /** Expected share of the order that fills passively as maker, in [0, 1]; default 1. */
  makerFillRatio?: DecimalInput;
  payInToken?: boolean | string;
  at?: number | string;
  scheduleId?: string;
}

export interface ExecutionPlan {
  strategy: 'all-maker' | 'all-taker' | 'split';
  makerAmount: string;
  takerAmount: string;
  makerRate: string;
  takerRate: string;
  estimatedFee: string;
  allTakerFee: string;
  allMakerFee: string;
  savingsVsAllTaker: string;
  /** savings / all-taker fee × 100, rounded to 12 places; null when the all-taker fee is 0. */
  savingsPct: string | null;
  feeCurrency: string;
  tier: string;
  assumption: string;
  schedule: ScheduleRef;
}

export function findOptimalExecution(
  registry: FeeScheduleRegistry,
  exchange: string,
  symbol: string,
  amount: DecimalInput,
  price: DecimalInput,
  marketType: MarketType,
  opts: ExecutionOptions = {},
): ExecutionPlan {
  const feeCurrency = feeCurrencyOf(parseSymbol(symbol));
  const qty = positive(amount, 'amount');
  const notional = qty.times(positive(price, 'price'));
  const p = opts.makerFillRatio === undefined ? new D(1) : nonNegative(opts.makerFillRatio, 'makerFillRatio');
  if (p.gt(1)) throw new FeeInputError(`makerFillRatio: must be between 0 and 1, got ${str(p)}`);
  const r = resolveRates(registry, { exchange, marketType, vipLevel: opts.vipLevel, payInToken: opts.payInToken, at: opts.at, scheduleId: opts.scheduleId, symbol });
  const allTaker = notional.times(r.taker);
  const allMaker = notional.times(r.maker);
  // Resting orders only pay off when the maker rate is strictly lower.
  const makerShare = r.maker.lt(r.taker) ? p : new D(0);
  const makerAmount = qty.times(makerShare);
  const takerAmount = qty.minus(makerAmount);
  const estimated = notional.times(makerShare).times(r.maker).plus(notional.times(new D(1).minus(makerShare)).times(r.taker));
  const savings = allTaker.minus(estimated);
  const strategy = makerShare.eq(1) ? 'all-maker' : makerShare.eq(0) ? 'all-taker' : 'split';
  const assumption = r.maker.lt(r.taker)
    ? `limit orders fill at the quoted price for ${ratio(p.times(100))}% of the amount and the rest is taken at the same price; no slippage, queue risk or price drift is priced in`
    : `maker rate (${str(r.maker)}) is not below taker rate (${str(r.taker)}): waiting for a passive fill saves nothing`;
  return {
    strategy,
    makerAmount: str(makerAmount),
    takerAmount: str(takerAmount),
    makerRate: str(r.maker),
    takerRate: str(r.taker),
    estimatedFee: str(estimated),
    allTakerFee: str(allTaker),
    allMakerFee: str(allMaker),
    savingsVsAllTaker: str(savings),
    savingsPct: allTaker.isZero() ? null : ratio(savings.div(allTaker).times(100)),
    feeCurrency,
    tier: r.tier.name,
    assumption,
    schedule: r.ref,
  };
}

/** The same trade description as a round trip, plus how the break-even price is rounded. */
export interface BreakEvenOptions extends RoundTripOptions {
  /** Significant digits of the decimal price (default 30); rounded so that PnL there is never negative. */
  significantDigits?: number;
  /** Also give the nearest tradable price on this tick grid that does not lose money. */
  tickSize?: DecimalInput;
}

export interface BreakEvenSide {
  /** Exact break-even as a fraction: price = numerator / denominator. */
  exact: { numerator: string; denominator: string };
  /** True when the decimal price below equals the fraction exactly (PnL exactly zero there). */
  isExact: boolean;
  price: string;
  tickPrice: string | null;
  /** Move needed from the entry price, in % (up for long, down for short); rounded to 12 places. */
  requiredMovePct: string;
}

export interface BreakEvenResult {
  entryPrice: string;
  amount: string;
  entryRate: string;
  exitRate: string;
  long: BreakEvenSide;
  short: BreakEvenSide;
  /** The side asked for in `direction` (default long). */
  direction: Direction;
  formula: string;
  schedule: ScheduleRef;
}

/**
 * Long: A·(X − E) − A·E·re − A·X·rx = 0  ⇒  X = E·(1 + re) / (1 − rx).
 * Short: A·(E − X) − A·E·re − A·X·rx = 0 ⇒  X = E·(1 − re) / (1 + rx).
 * The quotient rarely terminates in decimal, so the exact answer is returned as a fraction and
 * the decimal is rounded away from a loss (up for long, down for short).
 */
export function calculateBreakEvenPrice(
  registry: FeeScheduleRegistry,
  exchange: string,
  symbol: string,
  amount: DecimalInput,
  entryPrice: DecimalInput,
  marketType: MarketType,
  opts: BreakEvenOptions = {},
): BreakEvenResult {
  feeCurrencyOf(parseSymbol(symbol));
  const direction = checkDirection(opts.direction ?? 'long');
  const qty = positive(amount, 'amount');
  const entry = positive(entryPrice, 'entryPrice');
  const digits = opts.significantDigits ?? 30;
  if (!Number.isInteger(digits) || digits < 1 || digits > 60) throw new FeeInputError(`significantDigits: must be a whole number from 1 to 60, got ${digits}`);
  const tick = opts.tickSize === undefined ? null : positive(opts.tickSize, 'tickSize');
  const r = resolveRates(registry, { exchange, marketType, vipLevel: opts.vipLevel, payInToken: opts.payInToken, at: opts.at, scheduleId: opts.scheduleId, symbol });
  const rateOf = (t: OrderType | undefined, marketable: boolean | undefined): Dec => (isMakerOrder(t ?? 'market', marketable) ? r.maker : r.taker);
  const re = rateOf(opts.entryOrderType, opts.entryMarketable);
  const rx = rateOf(opts.exitOrderType, opts.exitMarketable);
  const side = (dir: Direction): BreakEvenSide => {
    const num = dir === 'long' ? entry.times(new D(1).plus(re)) : entry.times(new D(1).minus(re));
    const den = dir === 'long' ? new D(1).minus(rx) : new D(1).plus(rx);
    if (!den.gt(0)) throw new FeeInputError(`exit rate ${str(rx)} leaves no break-even price for a ${dir} position`);
    const roundAway = dir === 'long' ? D.ROUND_UP : D.ROUND_DOWN;
    let price = num.div(den).toSignificantDigits(digits, roundAway);
    // PnL at X is A·(X·den − num) for long and A·(num − X·den) for short; the quotient was rounded
    // once already, so step one unit in the last place if that put it on the losing side.
    const ulp = new D(10).pow(price.e - digits + 1);
    if (dir === 'long' && price.times(den).lt(num)) price = price.plus(ulp);
    if (dir === 'short' && price.times(den).gt(num)) price = price.minus(ulp);
    const isExact = price.times(den).eq(num);
    const safe = price;
    let tickPrice: string | null = null;
    if (tick) {
      const steps = safe.div(tick);
      const n = dir === 'long' ? steps.ceil() : steps.floor();
      const candidate = n.times(tick);
      // The tick grid can only land on the fraction or on its safe side.
      tickPrice = str(dir === 'long' ? (candidate.times(den).lt(num) ? candidate.plus(tick) : candidate) : candidate.times(den).gt(num) ? candidate.minus(tick) : candidate);
    }
    const move = dir === 'long' ? num.minus(entry.times(den)) : entry.times(den).minus(num);
    return { exact: { numerator: str(num), denominator: str(den) }, isExact, price: str(safe), tickPrice, requiredMovePct: ratio(move.div(entry.times(den)).times(100)) };
  };
  return {
    entryPrice: str(entry),
    amount: str(qty),
    entryRate: str(re),
    exitRate: str(rx),
    long: side('long'),
    short: side('short'),
    direction,
    formula: 'long: E·(1+re)/(1−rx); short: E·(1−re)/(1+rx)',
    schedule: r.ref,
  };
}
