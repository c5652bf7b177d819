/**
 * Vocabulary of the venue's matching engine. Quantities and prices are decimal strings (money, DESIGN
 * rule 6); the names follow Binance's spot API because the engine backs a Binance-compatible venue.
 */

export type OrderSide = 'BUY' | 'SELL';
export type EngineOrderType = 'LIMIT' | 'MARKET' | 'LIMIT_MAKER';
export type TimeInForce = 'GTC' | 'IOC' | 'FOK';
export type OrderStatus = 'NEW' | 'PARTIALLY_FILLED' | 'FILLED' | 'CANCELED' | 'EXPIRED' | 'REJECTED';

/** Trading rules of one symbol, as `exchangeInfo` publishes them. */
export interface SymbolSpec {
  symbol: string;
  baseAsset: string;
  quoteAsset: string;
  tickSize: string;
  stepSize: string;
  minQty: string;
  maxQty: string;
  minPrice: string;
  maxPrice: string;
  minNotional: string;
}

export interface FeeRates {
  maker: string;
  taker: string;
}

export interface AccountSpec {
  id: string;
  /** Starting balances per asset. */
  balances: Record<string, string>;
  /**
   * A liquidity account (the venue's own market maker and background flow) may go negative: it
   * stands for the rest of the market. Its balances still count, so totals stay conserved.
   */
  unlimited?: boolean;
  /** Keep finished orders and fills for queries (false for the market maker, which places thousands). */
  keepHistory?: boolean;
  fees?: FeeRates;
}

export interface OrderRequest {
  account: string;
  symbol: string;
  side: OrderSide;
  type: EngineOrderType;
  timeInForce?: TimeInForce;
  quantity?: string;
  quoteOrderQty?: string;
  price?: string;
  clientOrderId: string;
  /** Server time of the request (UTC ms). */
  time: number;
}

export interface Order {
  orderId: number;
  clientOrderId: string;
  account: string;
  symbol: string;
  side: OrderSide;
  type: EngineOrderType;
  timeInForce: TimeInForce;
  price: string;
  origQty: string;
  origQuoteOrderQty: string;
  executedQty: string;
  cummulativeQuoteQty: string;
  status: OrderStatus;
  time: number;
  updateTime: number;
  /** Set once the order has rested on the book (it is then a maker). */
  isWorking: boolean;
}

/** One match between a taker and a resting maker order. */
export interface Fill {
  tradeId: number;
  symbol: string;
  price: string;
  qty: string;
  quoteQty: string;
  time: number;
  takerSide: OrderSide;
  buyer: FillParty;
  seller: FillParty;
}

export interface FillParty {
  account: string;
  orderId: number;
  clientOrderId: string;
  isMaker: boolean;
  commission: string;
  commissionAsset: string;
}

export interface Balance {
  asset: string;
  free: string;
  locked: string;
}

/** What the engine reports after each change, for streams and queries. */
export type EngineEvent =
  | { kind: 'order'; order: Order; fill?: Fill; executionType: 'NEW' | 'TRADE' | 'CANCELED' | 'EXPIRED' }
  | { kind: 'trade'; fill: Fill }
  | { kind: 'balance'; account: string; time: number; balances: Balance[] };

/** A Binance-style rejection: the venue answers it as `{ "code": code, "msg": msg }`. */
export class OrderRejected extends Error {
  constructor(
    readonly code: number,
    readonly msg: string,
  ) {
    super(`${code}: ${msg}`);
    this.name = 'OrderRejected';
  }
}

/** Binance's rejection codes and messages used by the engine. */
export const REJECT = {
  insufficientBalance: () => new OrderRejected(-2010, 'Account has insufficient balance for requested action.'),
  duplicateOrder: () => new OrderRejected(-2010, 'Duplicate order sent.'),
  wouldTake: () => new OrderRejected(-2010, 'Order would immediately match and take.'),
  unknownOrderCancel: () => new OrderRejected(-2011, 'Unknown order sent.'),
  orderDoesNotExist: () => new OrderRejected(-2013, 'Order does not exist.'),
  invalidSymbol: () => new OrderRejected(-1121, 'Invalid symbol.'),
  filter: (name: string) => new OrderRejected(-1013, `Filter failure: ${name}`),
  precision: () => new OrderRejected(-1111, 'Precision is over the maximum defined for this asset.'),
  mandatory: (param: string) => new OrderRejected(-1102, `Mandatory parameter '${param}' was not sent, was empty/null, or malformed.`),
  notRequired: (param: string) => new OrderRejected(-1106, `Parameter '${param}' sent when not required.`),
  illegalChars: (param: string) => new OrderRejected(-1100, `Illegal characters found in parameter '${param}'; legal range is '^([0-9]{1,20})(\\.[0-9]{1,20})?$'.`),
  tooManyOrders: () => new OrderRejected(-2010, 'Account has too many open orders on the symbol.'),
  quantityZero: () => new OrderRejected(-1013, 'Invalid quantity.'),
} as const;
