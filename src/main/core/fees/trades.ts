/** Multi-fee views built on calculateFee: cross-exchange comparison and the round trip of one position. */
import type { MarketType, OrderType } from '../../../shared/domain/market';
import { D, type DecimalInput, FeeInputError, positive, ratio, str } from './decimal';
import { calculateFee, type FeeResult, feeCurrencyOf, parseSymbol } from './rates';
import type { FeeScheduleRegistry } from './registry';
import type { ScheduleRef } from './types';

export type Direction = 'long' | 'short';

export function checkDirection(d: unknown): Direction {
  if (d !== 'long' && d !== 'short') throw new FeeInputError(`direction: "${String(d)}" is not valid; valid: long, short`);
  return d;
}

export interface CompareOptions {
  at?: number | string;
  /** Pay in each exchange's fee token where it has one. */
  payInToken?: boolean;
}

export interface CompareRow {
  exchange: string;
  tier: string;
  makerRate: string;
  takerRate: string;
  makerFee: string;
  takerFee: string;
  feeCurrency: string;
  payInToken: string | null;
  schedule: ScheduleRef;
}

export interface CompareResult {
  symbol: string;
  notional: string;
  feeCurrency: string;
  sortedBy: 'takerFee, then makerFee';
  rows: CompareRow[];
  /** Exchanges that could not be priced (no schedule for the market, or no such tier), with the reason. */
  unavailable: { exchange: string; reason: string }[];
}

/** `tiers`: one tier name for all exchanges, or one per exchange; default = each entry tier. */
export function compareFeesAcrossExchanges(
  registry: FeeScheduleRegistry,
  exchanges: string[],
  symbol: string,
  amount: DecimalInput,
  price: DecimalInput,
  marketType: MarketType,
  tiers?: string | Record<string, string>,
  opts: CompareOptions = {},
): CompareResult {
  if (!Array.isArray(exchanges) || exchanges.length === 0) throw new FeeInputError(`exchanges: give at least one; valid: ${registry.exchanges().join(', ')}`);
  const known = registry.exchanges();
  for (const e of exchanges) if (!known.includes(e)) throw new FeeInputError(`unknown exchange "${e}"; valid: ${known.join(', ')}`);
  const feeCurrency = feeCurrencyOf(parseSymbol(symbol));
  const notional = positive(amount, 'amount').times(positive(price, 'price'));
  const rows: CompareRow[] = [];
  const unavailable: CompareResult['unavailable'] = [];
  for (const exchange of exchanges) {
    const vipLevel = typeof tiers === 'string' ? tiers : tiers?.[exchange];
    const base = { exchange, symbol, side: 'buy' as const, amount, price, marketType, vipLevel, at: opts.at };
    try {
      const token = opts.payInToken ? registry.select({ exchange, marketType, at: opts.at, ladderOnly: vipLevel !== undefined }).schedule.tokenDiscount?.token : undefined;
      const maker = calculateFee(registry, { ...base, orderType: 'limit', payInToken: token });
      const taker = calculateFee(registry, { ...base, orderType: 'market', payInToken: token });
      rows.push({
        exchange,
        tier: taker.tier,
        makerRate: maker.feeRate,
        takerRate: taker.feeRate,
        makerFee: maker.feeAmount,
        takerFee: taker.feeAmount,
        feeCurrency,
        payInToken: taker.payInToken,
        schedule: taker.schedule,
      });
    } catch (err) {
      if (!(err instanceof FeeInputError)) throw err;
      unavailable.push({ exchange, reason: err.message });
    }
  }
  rows.sort((a, b) => new D(a.takerFee).comparedTo(b.takerFee) || new D(a.makerFee).comparedTo(b.makerFee) || a.exchange.localeCompare(b.exchange));
  return { symbol, notional: str(notional), feeCurrency, sortedBy: 'takerFee, then makerFee', rows, unavailable };
}

export interface RoundTripOptions {
  direction?: Direction;
  vipLevel?: string;
  entryOrderType?: OrderType;
  exitOrderType?: OrderType;
  entryMarketable?: boolean;
  exitMarketable?: boolean;
  payInToken?: boolean | string;
  at?: number | string;
  scheduleId?: string;
}

export interface RoundTripResult {
  direction: Direction;
  entry: FeeResult;
  exit: FeeResult;
  totalFee: string;
  feeCurrency: string;
  /** totalFee / entry notional × 100, rounded to 12 places (a ratio, not a fee). */
  totalPctOfEntryNotional: string;
  grossPnl: string;
  netPnl: string;
  schedule: ScheduleRef;
}

/** Defaults: long, market orders both ways (taker in and out) — the conservative cost. */
export function calculateRoundTripFee(
  registry: FeeScheduleRegistry,
  exchange: string,
  symbol: string,
  amount: DecimalInput,
  entryPrice: DecimalInput,
  exitPrice: DecimalInput,
  marketType: MarketType,
  opts: RoundTripOptions = {},
): RoundTripResult {
  const direction = checkDirection(opts.direction ?? 'long');
  const common = { exchange, symbol, amount, marketType, vipLevel: opts.vipLevel, payInToken: opts.payInToken, at: opts.at, scheduleId: opts.scheduleId };
  const entry = calculateFee(registry, {
    ...common,
    side: direction === 'long' ? 'buy' : 'sell',
    orderType: opts.entryOrderType ?? 'market',
    marketable: opts.entryMarketable,
    price: entryPrice,
  });
  const exit = calculateFee(registry, {
    ...common,
    side: direction === 'long' ? 'sell' : 'buy',
    orderType: opts.exitOrderType ?? 'market',
    marketable: opts.exitMarketable,
    price: exitPrice,
  });
  const total = new D(entry.feeAmount).plus(exit.feeAmount);
  const move = new D(exit.notional).minus(entry.notional);
  const gross = direction === 'long' ? move : move.neg();
  return {
    direction,
    entry,
    exit,
    totalFee: str(total),
    feeCurrency: entry.feeCurrency,
    totalPctOfEntryNotional: ratio(total.div(entry.notional).times(100)),
    grossPnl: str(gross),
    netPnl: str(gross.minus(total)),
    schedule: entry.schedule,
  };
}
