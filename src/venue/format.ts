import { fixed } from '../main/core/matching/decimal';
import type { Fill, Order, SymbolSpec } from '../main/core/matching/types';
import type { Bar } from './klines';

/** Binance prints every amount with eight decimals. */
const f8 = (v: string | number) => fixed(String(v), 8);

export function symbolInfo(spec: SymbolSpec): Record<string, unknown> {
  return {
    symbol: spec.symbol,
    status: 'TRADING',
    baseAsset: spec.baseAsset,
    baseAssetPrecision: 8,
    quoteAsset: spec.quoteAsset,
    quotePrecision: 8,
    quoteAssetPrecision: 8,
    baseCommissionPrecision: 8,
    quoteCommissionPrecision: 8,
    orderTypes: ['LIMIT', 'LIMIT_MAKER', 'MARKET'],
    icebergAllowed: false,
    ocoAllowed: false,
    otoAllowed: false,
    quoteOrderQtyMarketAllowed: true,
    allowTrailingStop: false,
    cancelReplaceAllowed: false,
    amendAllowed: false,
    isSpotTradingAllowed: true,
    isMarginTradingAllowed: false,
    filters: [
      { filterType: 'PRICE_FILTER', minPrice: f8(spec.minPrice), maxPrice: f8(spec.maxPrice), tickSize: f8(spec.tickSize) },
      { filterType: 'LOT_SIZE', minQty: f8(spec.minQty), maxQty: f8(spec.maxQty), stepSize: f8(spec.stepSize) },
      { filterType: 'MARKET_LOT_SIZE', minQty: '0.00000000', maxQty: f8(spec.maxQty), stepSize: '0.00000000' },
      { filterType: 'NOTIONAL', minNotional: f8(spec.minNotional), applyMinToMarket: true, maxNotional: '9000000.00000000', applyMaxToMarket: false, avgPriceMins: 5 },
      { filterType: 'MAX_NUM_ORDERS', maxNumOrders: 200 },
    ],
    permissions: [],
    permissionSets: [['SPOT']],
    defaultSelfTradePreventionMode: 'NONE',
    allowedSelfTradePreventionModes: ['NONE'],
  };
}

export function orderJson(o: Order): Record<string, unknown> {
  return {
    symbol: o.symbol,
    orderId: o.orderId,
    orderListId: -1,
    clientOrderId: o.clientOrderId,
    price: f8(o.price),
    origQty: f8(o.origQty),
    executedQty: f8(o.executedQty),
    cummulativeQuoteQty: f8(o.cummulativeQuoteQty),
    status: o.status,
    timeInForce: o.timeInForce,
    type: o.type,
    side: o.side,
    stopPrice: '0.00000000',
    icebergQty: '0.00000000',
    time: o.time,
    updateTime: o.updateTime,
    isWorking: o.isWorking,
    workingTime: o.time,
    origQuoteOrderQty: f8(o.origQuoteOrderQty),
    selfTradePreventionMode: 'NONE',
  };
}

/** The answer to POST /api/v3/order for each newOrderRespType. */
export function newOrderJson(o: Order, fills: Fill[], respType: string): Record<string, unknown> {
  const ack = { symbol: o.symbol, orderId: o.orderId, orderListId: -1, clientOrderId: o.clientOrderId, transactTime: o.time };
  if (respType === 'ACK') return ack;
  const result = {
    ...ack,
    price: f8(o.price),
    origQty: f8(o.origQty),
    executedQty: f8(o.executedQty),
    origQuoteOrderQty: f8(o.origQuoteOrderQty),
    cummulativeQuoteQty: f8(o.cummulativeQuoteQty),
    status: o.status,
    timeInForce: o.timeInForce,
    type: o.type,
    side: o.side,
    workingTime: o.time,
    selfTradePreventionMode: 'NONE',
  };
  if (respType === 'RESULT') return result;
  return {
    ...result,
    fills: fills.map((fl) => {
      const mine = o.side === 'BUY' ? fl.buyer : fl.seller;
      return { price: f8(fl.price), qty: f8(fl.qty), commission: f8(mine.commission), commissionAsset: mine.commissionAsset, tradeId: fl.tradeId };
    }),
  };
}

export function myTradeJson(fl: Fill, account: string): Record<string, unknown> {
  const isBuyer = fl.buyer.account === account;
  const mine = isBuyer ? fl.buyer : fl.seller;
  return {
    symbol: fl.symbol,
    id: fl.tradeId,
    orderId: mine.orderId,
    orderListId: -1,
    price: f8(fl.price),
    qty: f8(fl.qty),
    quoteQty: f8(fl.quoteQty),
    commission: f8(mine.commission),
    commissionAsset: mine.commissionAsset,
    time: fl.time,
    isBuyer,
    isMaker: mine.isMaker,
    isBestMatch: true,
  };
}

/** A kline row: [openTime, o, h, l, c, v, closeTime, quoteVolume, trades, takerBuyBase, takerBuyQuote, "0"]. */
export function klineRow(b: Bar, tfMs: number, priceDp: number): (string | number)[] {
  const p = (v: number) => v.toFixed(priceDp);
  return [b.openTime, p(b.open), p(b.high), p(b.low), p(b.close), b.volume.toFixed(8), b.openTime + tfMs - 1, b.quoteVolume.toFixed(8), b.trades, b.takerBuyVolume.toFixed(8), b.takerBuyQuoteVolume.toFixed(8), '0'];
}

export { f8 };
