import { randomBytes } from 'node:crypto';
import type { EngineOrderType, OrderSide, TimeInForce } from '../main/core/matching/types';
import { OrderRejected } from '../main/core/matching/types';
import { myTradeJson, newOrderJson, orderJson } from './format';
import { intParam, replayOf, required, type Params, type Route } from './rest-public';
import type { VenueCore } from './state';

const CLIENT_ID_RE = /^[.A-Z:/a-z0-9_-]{1,36}$/;

function oneOf<T extends string>(p: Params, name: string, allowed: readonly T[], code: number, msg: string): T | undefined {
  const v = p[name];
  if (v === undefined || v === '') return undefined;
  if (!(allowed as readonly string[]).includes(v)) throw new OrderRejected(code, msg);
  return v as T;
}

function orderRef(p: Params): { orderId?: number; origClientOrderId?: string } {
  const orderId = intParam(p, 'orderId');
  const origClientOrderId = p.origClientOrderId || undefined;
  if (orderId === undefined && origClientOrderId === undefined) throw new OrderRejected(-1102, "Param 'origClientOrderId' or 'orderId' must be sent, but both were empty/null!");
  return { orderId, origClientOrderId };
}

function newClientId(): string {
  return randomBytes(16).toString('base64url').slice(0, 22);
}

function placeOrder(core: VenueCore, p: Params, account: string, test: boolean): unknown {
  const r = replayOf(core, p);
  const side = oneOf<OrderSide>(p, 'side', ['BUY', 'SELL'], -1117, 'Invalid side.');
  if (!side) required(p, 'side');
  const type = oneOf<EngineOrderType>(p, 'type', ['LIMIT', 'MARKET', 'LIMIT_MAKER'], -1116, 'Invalid orderType.');
  if (!type) required(p, 'type');
  const tif = oneOf<TimeInForce>(p, 'timeInForce', ['GTC', 'IOC', 'FOK'], -1115, 'Invalid timeInForce.');
  if (type === 'LIMIT' && !tif) required(p, 'timeInForce');
  if (type !== 'LIMIT' && tif) throw new OrderRejected(-1106, "Parameter 'timeInForce' sent when not required.");
  const clientOrderId = p.newClientOrderId || newClientId();
  if (!CLIENT_ID_RE.test(clientOrderId)) throw new OrderRejected(-1100, "Illegal characters found in parameter 'newClientOrderId'; legal range is '^[\\.A-Z\\:/a-z0-9_-]{1,36}$'.");
  const respType = oneOf(p, 'newOrderRespType', ['ACK', 'RESULT', 'FULL'], -1100, "Illegal characters found in parameter 'newOrderRespType'.") ?? (type === 'LIMIT' || type === 'MARKET' ? 'FULL' : 'ACK');
  if (test) return {};
  const { order, fills } = core.engine.placeOrder({
    account,
    symbol: r.spec.symbol,
    side: side!,
    type: type!,
    timeInForce: tif,
    quantity: p.quantity,
    quoteOrderQty: p.quoteOrderQty,
    price: p.price,
    clientOrderId,
    time: core.marketTime(),
  });
  return newOrderJson(order, fills, respType);
}


/**
 * Binance's paging of account history (allOrders, myTrades): rows oldest first, kept from the id
 * cursor `cursorParam` and inside [startTime, endTime]; at most `limit` (default 500, max 1000),
 * the first ones after a cursor or start time, else the newest.
 */
function historyPage<T>(rows: readonly T[], p: Params, cursorParam: string, idOf: (row: T) => number, timeOf: (row: T) => number): T[] {
  const limit = Math.min(1000, intParam(p, 'limit', 500)!);
  const start = intParam(p, 'startTime');
  const end = intParam(p, 'endTime');
  const from = intParam(p, cursorParam);
  const kept = rows.filter((r) => (from === undefined || idOf(r) >= from) && (start === undefined || timeOf(r) >= start) && (end === undefined || timeOf(r) <= end));
  return from !== undefined || start !== undefined ? kept.slice(0, limit) : kept.slice(-limit);
}
export const PRIVATE_ROUTES: Record<string, Route> = {
  'GET /api/v3/account': {
    weight: () => 20,
    security: 'SIGNED',
    handle: (core, p, account) => {
      const fees = core.opts.fees;
      const bps = (rate: string) => Math.round(Number(rate) * 10_000);
      const omitZero = p.omitZeroBalances === 'true';
      return {
        makerCommission: bps(fees.maker),
        takerCommission: bps(fees.taker),
        buyerCommission: 0,
        sellerCommission: 0,
        commissionRates: { maker: fees.maker, taker: fees.taker, buyer: '0.00000000', seller: '0.00000000' },
        canTrade: true,
        canWithdraw: false,
        canDeposit: false,
        brokered: false,
        requireSelfTradePrevention: false,
        preventSor: false,
        updateTime: core.marketTime(),
        accountType: 'SPOT',
        balances: core.engine.balances(account).filter((b) => !omitZero || Number(b.free) + Number(b.locked) > 0),
        permissions: ['SPOT'],
        uid: 1,
      };
    },
  },
  // Binance's "Trade Fee (USER_DATA)": GET /sapi/v1/asset/tradeFee, weight(IP) 1, SIGNED, optional
  // symbol; one row per symbol with the rates as decimal strings. The venue charges every symbol the
  // same configured rates, so each row carries them.
  'GET /sapi/v1/asset/tradeFee': {
    weight: () => 1,
    security: 'SIGNED',
    handle: (core, p) => {
      const replays = p.symbol ? [replayOf(core, p)] : [...core.replays.values()];
      return replays.map((r) => ({ symbol: r.spec.symbol, makerCommission: core.opts.fees.maker, takerCommission: core.opts.fees.taker }));
    },
  },
  'POST /api/v3/order': { weight: () => 1, security: 'SIGNED', handle: (core, p, account) => placeOrder(core, p, account, false) },
  'POST /api/v3/order/test': { weight: () => 1, security: 'SIGNED', handle: (core, p, account) => placeOrder(core, p, account, true) },
  'GET /api/v3/order': {
    weight: () => 4,
    security: 'SIGNED',
    handle: (core, p, account) => orderJson(core.engine.getOrder(account, replayOf(core, p).spec.symbol, orderRef(p))),
  },
  'DELETE /api/v3/order': {
    weight: () => 1,
    security: 'SIGNED',
    handle: (core, p, account) => {
      const o = core.engine.cancelOrder(account, replayOf(core, p).spec.symbol, orderRef(p), core.marketTime());
      const { stopPrice: _s, icebergQty: _i, time: _t, updateTime: _u, isWorking: _w, workingTime: _wt, origQuoteOrderQty: _q, ...rest } = orderJson(o);
      return { ...rest, origClientOrderId: o.clientOrderId, clientOrderId: p.newClientOrderId || newClientId(), transactTime: o.updateTime };
    },
  },
  'GET /api/v3/openOrders': {
    weight: (p) => (p.symbol ? 6 : 80),
    security: 'SIGNED',
    handle: (core, p, account) => core.engine.openOrders(account, p.symbol ? replayOf(core, p).spec.symbol : undefined).map(orderJson),
  },
  'DELETE /api/v3/openOrders': {
    weight: () => 1,
    security: 'SIGNED',
    handle: (core, p, account) => {
      const symbol = replayOf(core, p).spec.symbol;
      if (core.engine.openOrders(account, symbol).length === 0) throw new OrderRejected(-2011, 'Unknown order sent.');
      return core.engine.cancelAll(account, symbol, core.marketTime()).map((o) => ({ ...orderJson(o), origClientOrderId: o.clientOrderId }));
    },
  },
  'GET /api/v3/allOrders': {
    weight: () => 20,
    security: 'SIGNED',
    handle: (core, p, account) =>
      historyPage(
        core.engine.allOrders(account, replayOf(core, p).spec.symbol),
        p,
        'orderId',
        (o) => o.orderId,
        (o) => o.time,
      ).map(orderJson),
  },
  'GET /api/v3/myTrades': {
    weight: () => 20,
    security: 'SIGNED',
    handle: (core, p, account) => {
      const orderId = intParam(p, 'orderId');
      const trades = core.engine
        .myTrades(account, replayOf(core, p).spec.symbol)
        .map((f) => myTradeJson(f, account))
        .filter((t) => orderId === undefined || t.orderId === orderId);
      return historyPage(
        trades,
        p,
        'fromId',
        (t) => t.id as number,
        (t) => t.time as number,
      );
    },
  },
  'POST /api/v3/userDataStream': {
    weight: () => 2,
    security: 'USER_STREAM',
    handle: (core) => {
      const listenKey = randomBytes(30).toString('base64url').slice(0, 60);
      core.listenKeys.add(listenKey);
      return { listenKey };
    },
  },
  'PUT /api/v3/userDataStream': {
    weight: () => 2,
    security: 'USER_STREAM',
    handle: (core, p) => {
      if (!core.listenKeys.has(required(p, 'listenKey'))) throw new OrderRejected(-1125, 'This listenKey does not exist.');
      return {};
    },
  },
  'DELETE /api/v3/userDataStream': {
    weight: () => 2,
    security: 'USER_STREAM',
    handle: (core, p) => {
      if (!core.listenKeys.delete(required(p, 'listenKey'))) throw new OrderRejected(-1125, 'This listenKey does not exist.');
      return {};
    },
  },
};
