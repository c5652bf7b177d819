/**
 * Rate resolution and per-order fees. A fee is notional × rate in the quote currency, computed in
 * decimal; negative rates (rebates) give negative fees.
 */
import type { MarketType, OrderType, Side } from '../../../shared/domain/market';
import { type Dec, D, type DecimalInput, FeeInputError, positive, str } from './decimal';
import type { FeeScheduleRegistry } from './registry';
import type { FeeTier, RegisteredSchedule, ScheduleRef } from './types';

export interface RateQuery {
  exchange: string;
  marketType: MarketType;
  /** Tier as the exchange writes it ("VIP 1", "Regular") or compact ("VIP1", "VIP0"); omitted = account rates if the exchange reported them, else the entry tier. */
  vipLevel?: string;
  /** true = the schedule's discount token; or the token's symbol ("BNB"), which must match. */
  payInToken?: boolean | string;
  /** UTC ms or ISO date: use the schedule in force then (default: newest). */
  at?: number | string;
  scheduleId?: string;
  /** Looks up exchange-reported per-symbol rates. */
  symbol?: string;
}

export interface ResolvedRates {
  maker: Dec;
  taker: Dec;
  tier: FeeTier;
  token: string | null;
  schedule: RegisteredSchedule;
  ref: ScheduleRef;
}

export function resolveRates(registry: FeeScheduleRegistry, q: RateQuery): ResolvedRates {
  const ladderOnly = q.vipLevel !== undefined && q.vipLevel.trim() !== '';
  const { schedule, ref } = registry.select({ exchange: q.exchange, marketType: q.marketType, at: q.at, scheduleId: q.scheduleId, ladderOnly });
  const tier = schedule.origin === 'exchange' ? schedule.tiers[0]! : registry.resolveTier(schedule, q.vipLevel);
  const perSymbol = q.symbol !== undefined ? tier.symbolRates?.[q.symbol] : undefined;
  let maker = new D(perSymbol?.maker ?? tier.maker);
  let taker = new D(perSymbol?.taker ?? tier.taker);
  let token: string | null = null;
  if (q.payInToken !== undefined && q.payInToken !== false) {
    const discount = schedule.tokenDiscount;
    if (!discount) throw new FeeInputError(`payInToken: schedule ${schedule.id} (${schedule.exchange} ${schedule.market}) has no known fee-token discount`);
    if (typeof q.payInToken === 'string' && q.payInToken.toUpperCase() !== discount.token.toUpperCase()) {
      throw new FeeInputError(`payInToken: ${schedule.exchange} ${schedule.market} discounts fees paid in ${discount.token}, not ${q.payInToken}`);
    }
    token = discount.token;
    if (tier.tokenMaker !== undefined && tier.tokenTaker !== undefined) {
      maker = new D(tier.tokenMaker);
      taker = new D(tier.tokenTaker);
    } else if (discount.multiplier !== null) {
      // Rebates stay rebates: the discount only shrinks what is paid.
      const m = new D(discount.multiplier);
      maker = maker.gt(0) ? maker.times(m) : maker;
      taker = taker.gt(0) ? taker.times(m) : taker;
    } else {
      throw new FeeInputError(`payInToken: schedule ${schedule.id} lists no ${discount.token} rate for tier ${tier.name}`);
    }
  }
  return { maker, taker, tier, token, schedule, ref };
}

export interface FeeRates {
  maker: string;
  taker: string;
  tier: string;
  payInToken: string | null;
  schedule: ScheduleRef;
}

export function getFeeRates(registry: FeeScheduleRegistry, q: Omit<RateQuery, 'symbol'>): FeeRates {
  const r = resolveRates(registry, q);
  return { maker: str(r.maker), taker: str(r.taker), tier: r.tier.name, payInToken: r.token, schedule: r.ref };
}

export interface ParsedSymbol {
  base: string;
  quote: string;
  settle: string | null;
}

export function parseSymbol(symbol: unknown): ParsedSymbol {
  const m = typeof symbol === 'string' ? /^([A-Za-z0-9]+)\/([A-Za-z0-9]+)(?::([A-Za-z0-9]+))?$/.exec(symbol.trim()) : null;
  if (!m) throw new FeeInputError(`symbol: "${String(symbol)}" is not a unified symbol like BTC/USDT or BTC/USDT:USDT`);
  return { base: m[1]!.toUpperCase(), quote: m[2]!.toUpperCase(), settle: m[3]?.toUpperCase() ?? null };
}

/** Fees here are notional × rate in the quote currency, so inverse (coin-settled) contracts are refused rather than mispriced. */
export function feeCurrencyOf(symbol: ParsedSymbol): string {
  if (symbol.settle !== null && symbol.settle !== symbol.quote) {
    throw new FeeInputError(`symbol: ${symbol.base}/${symbol.quote}:${symbol.settle} is coin-settled (inverse); only linear (quote-settled) markets are priced`);
  }
  return symbol.quote;
}

export interface CalculateFeeParams {
  exchange: string;
  symbol: string;
  side: Side;
  orderType: OrderType;
  /** Base-asset quantity. */
  amount: DecimalInput;
  /** Quote per base. */
  price: DecimalInput;
  marketType: MarketType;
  vipLevel?: string;
  payInToken?: boolean | string;
  /** A limit order that crosses the book on arrival: it takes liquidity. */
  marketable?: boolean;
  at?: number | string;
  scheduleId?: string;
}

export interface FeeResult {
  /** Fee value in feeCurrency; negative = rebate. When paid in a token this is the quote-currency value before conversion. */
  feeAmount: string;
  feeCurrency: string;
  feeRate: string;
  isMaker: boolean;
  notional: string;
  side: Side;
  tier: string;
  payInToken: string | null;
  schedule: ScheduleRef;
}

export function isMakerOrder(orderType: unknown, marketable: boolean | undefined): boolean {
  if (orderType !== 'market' && orderType !== 'limit') throw new FeeInputError(`orderType: "${String(orderType)}" is not valid; valid: market, limit`);
  return orderType === 'limit' && marketable !== true;
}

export function checkSide(side: unknown): Side {
  if (side !== 'buy' && side !== 'sell') throw new FeeInputError(`side: "${String(side)}" is not valid; valid: buy, sell`);
  return side;
}

export function calculateFee(registry: FeeScheduleRegistry, p: CalculateFeeParams): FeeResult {
  const sym = parseSymbol(p.symbol);
  const feeCurrency = feeCurrencyOf(sym);
  const side = checkSide(p.side);
  const isMaker = isMakerOrder(p.orderType, p.marketable);
  const amount = positive(p.amount, 'amount');
  const price = positive(p.price, 'price');
  const r = resolveRates(registry, { ...p, symbol: p.symbol });
  const rate = isMaker ? r.maker : r.taker;
  const notional = amount.times(price);
  return {
    feeAmount: str(notional.times(rate)),
    feeCurrency,
    feeRate: str(rate),
    isMaker,
    notional: str(notional),
    side,
    tier: r.tier.name,
    payInToken: r.token,
    schedule: r.ref,
  };
}

