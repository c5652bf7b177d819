/** What every section prices: one order on one exchange, market and tier. */
export interface FeeContext {
  exchange: string;
  market: 'spot' | 'futures';
  tier: string;
  symbol: string;
  amount: string;
  price: string;
  payInToken: boolean;
  /** YYYY-MM-DD: price with the schedule in force then; empty = newest. */
  at: string;
  /** True when amount and price are decimals, so requests can be sent. */
  ready: boolean;
}

/** The schedule-choosing fields every priced request shares; blanks are left out so main applies its defaults. */
export function pricing(ctx: FeeContext): { exchange: string; market: 'spot' | 'futures'; tier?: string; payInToken?: boolean; at?: string } {
  return {
    exchange: ctx.exchange,
    market: ctx.market,
    ...(ctx.tier ? { tier: ctx.tier } : {}),
    ...(ctx.payInToken ? { payInToken: true } : {}),
    ...(ctx.at ? { at: ctx.at } : {}),
  };
}
