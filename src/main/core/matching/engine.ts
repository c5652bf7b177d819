import { SideBook, type Resting } from './book';
import { Dec, ZERO, floorToStep, str } from './decimal';
import { checkOrderRequest } from './filters';
import { Ledger } from './ledger';
import type { AccountSpec, Balance, EngineEvent, FeeRates, Fill, FillParty, Order, OrderRequest, SymbolSpec } from './types';
import { REJECT } from './types';

/** The account that collects every commission, so fees move money instead of destroying it. */
export const FEE_ACCOUNT = '__fees';
const FEE_SCALE = 8;
const MAX_OPEN_ORDERS = 200;

interface Market {
  spec: SymbolSpec;
  bids: SideBook;
  asks: SideBook;
  nextTradeId: number;
  updateId: number;
  /** First update id not yet flushed to the depth stream. */
  firstUnflushed: number;
}

interface AccountBook {
  orders: Order[];
  fills: Fill[];
  openByClientId: Map<string, Resting>;
}

export interface EngineOptions {
  symbols: SymbolSpec[];
  accounts: AccountSpec[];
  fees: FeeRates;
}

export interface OrderRef {
  orderId?: number;
  origClientOrderId?: string;
}

export interface DepthDiff {
  U: number;
  u: number;
  bids: [string, string][];
  asks: [string, string][];
}

/**
 * A spot matching engine: price-time priority, limit/market/limit-maker orders with GTC/IOC/FOK,
 * partial fills, maker/taker commission on the received asset (Binance's rule without BNB), funds
 * locked while orders rest. Pure: time comes in on each request, changes go out as events.
 */
export class MatchingEngine {
  private readonly markets = new Map<string, Market>();
  private readonly ledger: Ledger;
  private readonly books = new Map<string, AccountBook>();
  private readonly resting = new Map<number, Resting>();
  private readonly reserved = new Map<number, Dec>();
  private readonly listeners: ((e: EngineEvent) => void)[] = [];
  private nextOrderId = 1;
  private readonly fees: FeeRates;

  constructor(opts: EngineOptions) {
    this.fees = opts.fees;
    for (const spec of opts.symbols) this.addSymbol(spec);
    this.ledger = new Ledger([...opts.accounts, { id: FEE_ACCOUNT, balances: {}, keepHistory: false }]);
    for (const a of opts.accounts) if (a.keepHistory !== false) this.books.set(a.id, { orders: [], fills: [], openByClientId: new Map() });
  }

  addSymbol(spec: SymbolSpec): void {
    if (this.markets.has(spec.symbol)) throw new Error(`symbol ${spec.symbol} is listed twice`);
    this.markets.set(spec.symbol, { spec, bids: new SideBook('bid'), asks: new SideBook('ask'), nextTradeId: 1, updateId: 1, firstUnflushed: 2 });
  }

  onEvent(listener: (e: EngineEvent) => void): () => void {
    this.listeners.push(listener);
    return () => this.listeners.splice(this.listeners.indexOf(listener), 1);
  }

  private emit(e: EngineEvent): void {
    for (const l of this.listeners) l(e);
  }

  symbols(): SymbolSpec[] {
    return [...this.markets.values()].map((m) => m.spec);
  }

  market(symbol: string): Market {
    const m = this.markets.get(symbol);
    if (!m) throw REJECT.invalidSymbol();
    return m;
  }

  hasAccount(id: string): boolean {
    return this.ledger.has(id);
  }

  placeOrder(req: OrderRequest): { order: Order; fills: Fill[] } {
    const m = this.market(req.symbol);
    const checked = checkOrderRequest(req, m.spec);
    const history = this.books.get(req.account);
    if (!this.ledger.has(req.account)) throw new Error(`unknown account "${req.account}"`);
    if (history?.openByClientId.has(req.clientOrderId)) throw REJECT.duplicateOrder();
    if (history && req.type !== 'MARKET' && this.openOrders(req.account, req.symbol).length >= MAX_OPEN_ORDERS) throw REJECT.filter('MAX_NUM_ORDERS');

    const buy = req.side === 'BUY';
    const own = buy ? m.bids : m.asks;
    const opposite = buy ? m.asks : m.bids;
    const limit = checked.price;
    const crosses = (p: Dec) => limit === null || (buy ? p.lte(limit) : p.gte(limit));
    const best = opposite.bestPrice();
    if (req.type === 'LIMIT_MAKER' && best !== undefined && crosses(best)) throw REJECT.wouldTake();

    const quoteMode = checked.quantity === null;
    const reservation = this.reservationFor(m, req, checked.quantity, checked.quoteOrderQty, limit);
    this.ledger.lock(req.account, buy ? m.spec.quoteAsset : m.spec.baseAsset, reservation);

    const order: Order = {
      orderId: this.nextOrderId++,
      clientOrderId: req.clientOrderId,
      account: req.account,
      symbol: req.symbol,
      side: req.side,
      type: req.type,
      timeInForce: req.type === 'MARKET' ? 'GTC' : (req.timeInForce ?? 'GTC'),
      price: limit ? str(limit) : '0',
      origQty: checked.quantity ? str(checked.quantity) : '0',
      origQuoteOrderQty: checked.quoteOrderQty ? str(checked.quoteOrderQty) : '0',
      executedQty: '0',
      cummulativeQuoteQty: '0',
      status: 'NEW',
      time: req.time,
      updateTime: req.time,
      isWorking: false,
    };
    this.reserved.set(order.orderId, reservation);
    history?.orders.push(order);
    this.emit({ kind: 'order', order: { ...order }, executionType: 'NEW' });
    const touched = new Set<string>([req.account]);

    const fok = order.timeInForce === 'FOK' && checked.quantity !== null && opposite.availableUpTo(limit).lt(checked.quantity);
    let remaining = checked.quantity ?? ZERO;
    let remainingQuote = checked.quoteOrderQty ?? ZERO;
    let exhausted = false;
    const fills: Fill[] = [];
    while (!fok) {
      const maker = opposite.bestResting();
      if (!maker || !crosses(maker.price)) {
        exhausted = maker === undefined;
        break;
      }
      let qty: Dec;
      if (quoteMode) {
        qty = Dec.min(maker.remaining, floorToStep(remainingQuote.div(maker.price), m.spec.stepSize));
        if (qty.isZero()) break;
      } else {
        if (remaining.isZero()) break;
        qty = Dec.min(remaining, maker.remaining);
      }
      const fill = this.execute(m, order, maker, qty, req.time);
      fills.push(fill);
      touched.add(maker.order.account);
      remaining = remaining.sub(qty);
      remainingQuote = remainingQuote.sub(fill.quoteQty);
    }

    const rests = order.type !== 'MARKET' && order.timeInForce === 'GTC' && remaining.gt(0);
    if (rests) {
      order.isWorking = true;
      const r: Resting = { order, price: limit!, remaining };
      own.add(r);
      m.updateId++;
      this.resting.set(order.orderId, r);
      history?.openByClientId.set(order.clientOrderId, r);
    } else {
      // a quote-sized market order is complete once the rest cannot buy one lot; it expires only
      // when the book ran dry before that
      const complete = order.type === 'MARKET' ? (quoteMode ? fills.length > 0 && !exhausted : remaining.isZero()) : remaining.isZero();
      this.finish(order, complete ? 'FILLED' : 'EXPIRED', req.time);
    }
    this.emitBalances(m, touched, req.time);
    return { order: { ...order }, fills };
  }

  /** What the order must lock up front: quote for buys, base for sells, from a walk of the book. */
  private reservationFor(m: Market, req: OrderRequest, quantity: Dec | null, quoteQty: Dec | null, limit: Dec | null): Dec {
    const buy = req.side === 'BUY';
    if (req.type !== 'MARKET') return buy ? limit!.mul(quantity!) : quantity!;
    if (buy && quoteQty !== null) return quoteQty;
    if (!buy && quantity !== null) return quantity;
    // market buy by quantity: the cost of walking the asks; market sell by quote: the base needed.
    let acc = ZERO;
    let left = buy ? quantity! : quoteQty!;
    (buy ? m.asks : m.bids).walk((price, total) => {
      if (buy) {
        const q = Dec.min(left, total);
        acc = acc.add(q.mul(price));
        left = left.sub(q);
      } else {
        const q = Dec.min(total, floorToStep(left.div(price), m.spec.stepSize));
        acc = acc.add(q);
        left = left.sub(q.mul(price));
        if (q.lt(total)) left = ZERO;
      }
      return left.gt(0);
    });
    return acc;
  }

  private execute(m: Market, taker: Order, maker: Resting, qty: Dec, time: number): Fill {
    const price = maker.price;
    const quoteQty = price.mul(qty);
    const { baseAsset, quoteAsset } = m.spec;
    const takerBuys = taker.side === 'BUY';
    const buyOrder = takerBuys ? taker : maker.order;
    const sellOrder = takerBuys ? maker.order : taker;

    (takerBuys ? m.asks : m.bids).fillBest(qty);
    m.updateId++;

    // The seller's base leaves its lock; the buyer's quote leaves its lock. A limit buy locked its
    // own price, so a better execution price hands the difference back to free funds.
    this.ledger.transferLocked(sellOrder.account, buyOrder.account, baseAsset, qty);
    this.consumeReservation(sellOrder.orderId, qty);
    this.ledger.transferLocked(buyOrder.account, sellOrder.account, quoteAsset, quoteQty);
    if (buyOrder.type === 'MARKET') {
      this.consumeReservation(buyOrder.orderId, quoteQty);
    } else {
      const lockedAtLimit = new Dec(buyOrder.price).mul(qty);
      this.ledger.unlock(buyOrder.account, quoteAsset, lockedAtLimit.sub(quoteQty));
      this.consumeReservation(buyOrder.orderId, lockedAtLimit);
    }

    const party = (o: Order, isMaker: boolean, asset: string, received: Dec): FillParty => {
      const rate = new Dec(isMaker ? this.ledger.fees(o.account, this.fees).maker : this.ledger.fees(o.account, this.fees).taker);
      const commission = received.mul(rate).toDecimalPlaces(FEE_SCALE, Dec.ROUND_UP);
      if (commission.gt(0)) this.ledger.transferFree(o.account, FEE_ACCOUNT, asset, commission);
      return { account: o.account, orderId: o.orderId, clientOrderId: o.clientOrderId, isMaker, commission: str(commission), commissionAsset: asset };
    };
    const fill: Fill = {
      tradeId: m.nextTradeId++,
      symbol: m.spec.symbol,
      price: str(price),
      qty: str(qty),
      quoteQty: str(quoteQty),
      time,
      takerSide: taker.side,
      buyer: party(buyOrder, !takerBuys, baseAsset, qty),
      seller: party(sellOrder, takerBuys, quoteAsset, quoteQty),
    };

    for (const o of [taker, maker.order]) {
      o.executedQty = str(new Dec(o.executedQty).add(qty));
      o.cummulativeQuoteQty = str(new Dec(o.cummulativeQuoteQty).add(quoteQty));
      o.updateTime = time;
      const full = o.type === 'MARKET' ? false : new Dec(o.executedQty).eq(o.origQty);
      o.status = full ? 'FILLED' : 'PARTIALLY_FILLED';
      this.books.get(o.account)?.fills.push(fill);
    }
    if (maker.remaining.isZero()) this.closeResting(maker.order, time);
    this.emit({ kind: 'trade', fill });
    for (const o of [maker.order, taker]) this.emit({ kind: 'order', order: { ...o }, fill, executionType: 'TRADE' });
    return fill;
  }

  private consumeReservation(orderId: number, amount: Dec): void {
    this.reserved.set(orderId, this.reserved.get(orderId)!.sub(amount));
  }

  /** A maker fully filled: forget it and return whatever of its lock is left. */
  private closeResting(order: Order, time: number): void {
    this.resting.delete(order.orderId);
    this.books.get(order.account)?.openByClientId.delete(order.clientOrderId);
    this.releaseReservation(order);
    order.updateTime = time;
  }

  private releaseReservation(order: Order): void {
    const left = this.reserved.get(order.orderId);
    if (left === undefined) return;
    const m = this.market(order.symbol);
    if (left.gt(0)) this.ledger.unlock(order.account, order.side === 'BUY' ? m.spec.quoteAsset : m.spec.baseAsset, left);
    this.reserved.delete(order.orderId);
  }

  /** Ends an order that no longer rests: returns what is left of its lock and reports the outcome. */
  private finish(order: Order, status: 'FILLED' | 'EXPIRED' | 'CANCELED', time: number): void {
    order.status = status;
    order.updateTime = time;
    this.releaseReservation(order);
    if (status !== 'FILLED') this.emit({ kind: 'order', order: { ...order }, executionType: status });
  }

  cancelOrder(account: string, symbol: string, ref: OrderRef, time: number): Order {
    const m = this.market(symbol);
    const r = this.findResting(account, symbol, ref);
    if (!r) throw REJECT.unknownOrderCancel();
    (r.order.side === 'BUY' ? m.bids : m.asks).remove(r);
    m.updateId++;
    this.resting.delete(r.order.orderId);
    this.books.get(account)?.openByClientId.delete(r.order.clientOrderId);
    this.finish(r.order, 'CANCELED', time);
    this.emitBalances(m, [account], time);
    return { ...r.order };
  }

  /** Cancels every open order of an account on a symbol (Binance's DELETE /openOrders). */
  cancelAll(account: string, symbol: string, time: number, orderIds?: number[]): Order[] {
    const ids = orderIds ?? [...this.resting.values()].filter((r) => r.order.account === account && r.order.symbol === symbol).map((r) => r.order.orderId);
    return ids.map((orderId) => this.cancelOrder(account, symbol, { orderId }, time));
  }

  private findResting(account: string, symbol: string, ref: OrderRef): Resting | undefined {
    let r: Resting | undefined;
    if (ref.orderId !== undefined) r = this.resting.get(ref.orderId);
    else if (ref.origClientOrderId !== undefined) r = this.books.get(account)?.openByClientId.get(ref.origClientOrderId);
    if (!r || r.order.account !== account || r.order.symbol !== symbol) return undefined;
    if (ref.origClientOrderId !== undefined && r.order.clientOrderId !== ref.origClientOrderId) return undefined;
    return r;
  }

  getOrder(account: string, symbol: string, ref: OrderRef): Order {
    this.market(symbol);
    const orders = this.books.get(account)?.orders ?? [];
    // the newest order with a reused client id is the one Binance reports
    for (let i = orders.length - 1; i >= 0; i--) {
      const o = orders[i]!;
      if (o.symbol !== symbol) continue;
      if (ref.orderId !== undefined ? o.orderId === ref.orderId && (ref.origClientOrderId === undefined || o.clientOrderId === ref.origClientOrderId) : o.clientOrderId === ref.origClientOrderId) return { ...o };
    }
    throw REJECT.orderDoesNotExist();
  }

  openOrders(account: string, symbol?: string): Order[] {
    const out: Order[] = [];
    for (const r of this.resting.values()) if (r.order.account === account && (symbol === undefined || r.order.symbol === symbol)) out.push({ ...r.order });
    return out.sort((a, b) => a.orderId - b.orderId);
  }

  allOrders(account: string, symbol: string): Order[] {
    this.market(symbol);
    return (this.books.get(account)?.orders ?? []).filter((o) => o.symbol === symbol).map((o) => ({ ...o }));
  }

  myTrades(account: string, symbol: string): Fill[] {
    this.market(symbol);
    return (this.books.get(account)?.fills ?? []).filter((f) => f.symbol === symbol);
  }

  balances(account: string): Balance[] {
    return this.ledger.balances(account);
  }

  /** Exact sum of an asset over all accounts; constant whatever trades happen. */
  totalOf(asset: string): string {
    return str(this.ledger.total(asset));
  }

  depth(symbol: string, limit: number): { lastUpdateId: number; bids: [string, string][]; asks: [string, string][] } {
    const m = this.market(symbol);
    return { lastUpdateId: m.updateId, bids: m.bids.depth(limit), asks: m.asks.depth(limit) };
  }

  bestBidAsk(symbol: string): { bid: [string, string] | undefined; ask: [string, string] | undefined } {
    const m = this.market(symbol);
    return { bid: m.bids.depth(1)[0], ask: m.asks.depth(1)[0] };
  }

  /** Level changes since the previous call with the update-id range they cover; null when none. */
  takeDepthDiff(symbol: string): DepthDiff | null {
    const m = this.market(symbol);
    const bids = m.bids.takeDirty();
    const asks = m.asks.takeDirty();
    if (m.updateId < m.firstUnflushed) return null;
    const diff = { U: m.firstUnflushed, u: m.updateId, bids, asks };
    m.firstUnflushed = m.updateId + 1;
    return diff;
  }

  private emitBalances(m: Market, accounts: Iterable<string>, time: number): void {
    for (const account of new Set(accounts)) {
      if (!this.books.has(account)) continue;
      this.emit({ kind: 'balance', account, time, balances: this.ledger.balances(account, [m.spec.baseAsset, m.spec.quoteAsset]) });
    }
  }
}
