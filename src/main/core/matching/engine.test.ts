import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FEE_ACCOUNT, MatchingEngine } from './engine';
import type { EngineEvent, OrderRequest } from './types';

const SPEC = {
  symbol: 'BTCUSDT',
  baseAsset: 'BTC',
  quoteAsset: 'USDT',
  tickSize: '0.01',
  stepSize: '0.00001',
  minQty: '0.00001',
  maxQty: '9000',
  minPrice: '0.01',
  maxPrice: '1000000',
  minNotional: '5',
};

function engine() {
  return new MatchingEngine({
    symbols: [SPEC],
    fees: { maker: '0.001', taker: '0.002' },
    accounts: [
      { id: 'alice', balances: { BTC: '1', USDT: '100000' } },
      { id: 'bob', balances: { BTC: '2', USDT: '50000' } },
    ],
  });
}

let cid = 0;
const req = (o: Partial<OrderRequest>): OrderRequest => ({
  account: 'alice',
  symbol: 'BTCUSDT',
  side: 'BUY',
  type: 'LIMIT',
  timeInForce: 'GTC',
  clientOrderId: `c${++cid}`,
  time: 1000,
  ...o,
});

const bal = (e: MatchingEngine, acct: string, asset: string) => e.balances(acct).find((b) => b.asset === asset)!;

describe('MatchingEngine', () => {
  it('rests a limit order and locks price × quantity of quote', () => {
    const e = engine();
    const { order, fills } = e.placeOrder(req({ price: '30000', quantity: '0.5' }));
    expect(fills).toEqual([]);
    expect(order.status).toBe('NEW');
    expect(bal(e, 'alice', 'USDT')).toEqual({ asset: 'USDT', free: '85000.00000000', locked: '15000.00000000' });
    expect(e.depth('BTCUSDT', 5).bids).toEqual([['30000', '0.5']]);
  });

  it('fills by price then time priority, at the maker price, with maker/taker commission', () => {
    const e = engine();
    const first = e.placeOrder(req({ account: 'bob', side: 'SELL', price: '30010', quantity: '0.3' })).order;
    const second = e.placeOrder(req({ account: 'bob', side: 'SELL', price: '30010', quantity: '0.3' })).order;
    const better = e.placeOrder(req({ account: 'bob', side: 'SELL', price: '30005', quantity: '0.1' })).order;
    const { order, fills } = e.placeOrder(req({ side: 'BUY', price: '30020', quantity: '0.5' }));
    expect(fills.map((f) => [f.buyer.orderId, f.seller.orderId, f.price, f.qty])).toEqual([
      [order.orderId, better.orderId, '30005', '0.1'],
      [order.orderId, first.orderId, '30010', '0.3'],
      [order.orderId, second.orderId, '30010', '0.1'],
    ]);
    expect(order.status).toBe('FILLED');
    // cost 0.1×30005 + 0.4×30010 = 3000.5 + 12004 = 15004.5; taker commission 0.002 × 0.5 BTC = 0.001 BTC
    expect(bal(e, 'alice', 'USDT')).toEqual({ asset: 'USDT', free: '84995.50000000', locked: '0.00000000' });
    expect(bal(e, 'alice', 'BTC').free).toBe('1.49900000');
    // bob received 15004.5 USDT less 0.1% maker commission 15.0045; still has 0.2 BTC locked in `second`
    expect(bal(e, 'bob', 'USDT').free).toBe('64989.49550000');
    expect(bal(e, 'bob', 'BTC')).toEqual({ asset: 'BTC', free: '1.30000000', locked: '0.20000000' });
    expect(e.getOrder('bob', 'BTCUSDT', { orderId: second.orderId })).toMatchObject({ status: 'PARTIALLY_FILLED', executedQty: '0.1' });
    expect(bal(e, FEE_ACCOUNT, 'BTC').free).toBe('0.00100000');
  });

  it('rests the unfilled part of a crossing GTC order and expires it for IOC', () => {
    const e = engine();
    e.placeOrder(req({ account: 'bob', side: 'SELL', price: '30000', quantity: '0.2' }));
    const gtc = e.placeOrder(req({ price: '30000', quantity: '0.5' })).order;
    expect(gtc.status).toBe('PARTIALLY_FILLED');
    expect(e.depth('BTCUSDT', 5)).toMatchObject({ bids: [['30000', '0.3']], asks: [] });
    e.placeOrder(req({ account: 'bob', side: 'BUY', price: '29000', quantity: '0.1' }));
    const ioc = e.placeOrder(req({ side: 'SELL', type: 'LIMIT', timeInForce: 'IOC', price: '30500', quantity: '0.1' })).order;
    expect(ioc).toMatchObject({ status: 'EXPIRED', executedQty: '0' });
  });

  it('fills a market order across levels and a quote-sized market buy spends no more than asked', () => {
    const e = engine();
    e.placeOrder(req({ account: 'bob', side: 'SELL', price: '100', quantity: '1' }));
    e.placeOrder(req({ account: 'bob', side: 'SELL', price: '200', quantity: '1' }));
    const mkt = e.placeOrder(req({ type: 'MARKET', timeInForce: undefined, quantity: '1.5' }));
    expect(mkt.order).toMatchObject({ status: 'FILLED', executedQty: '1.5', cummulativeQuoteQty: '200' });
    const quote = e.placeOrder(req({ type: 'MARKET', timeInForce: undefined, quoteOrderQty: '50' }));
    expect(quote.order).toMatchObject({ status: 'FILLED', executedQty: '0.25', cummulativeQuoteQty: '50' });
    expect(bal(e, 'alice', 'USDT')).toEqual({ asset: 'USDT', free: '99750.00000000', locked: '0.00000000' });
  });

  it('rejects like Binance: duplicate open client id, insufficient funds, filters, unknown cancel', () => {
    const e = engine();
    e.placeOrder(req({ clientOrderId: 'dup', price: '100', quantity: '1' }));
    expect(() => e.placeOrder(req({ clientOrderId: 'dup', price: '100', quantity: '1' }))).toThrow(expect.objectContaining({ code: -2010, msg: 'Duplicate order sent.' }));
    expect(() => e.placeOrder(req({ price: '100000', quantity: '2' }))).toThrow(expect.objectContaining({ code: -2010, msg: 'Account has insufficient balance for requested action.' }));
    expect(() => e.placeOrder(req({ price: '100.001', quantity: '1' }))).toThrow(expect.objectContaining({ code: -1013, msg: 'Filter failure: PRICE_FILTER' }));
    expect(() => e.placeOrder(req({ price: '100', quantity: '0.000001' }))).toThrow(expect.objectContaining({ code: -1013, msg: 'Filter failure: LOT_SIZE' }));
    expect(() => e.placeOrder(req({ price: '1', quantity: '1' }))).toThrow(expect.objectContaining({ code: -1013, msg: 'Filter failure: NOTIONAL' }));
    expect(() => e.cancelOrder('alice', 'BTCUSDT', { orderId: 999 }, 1)).toThrow(expect.objectContaining({ code: -2011 }));
    expect(() => e.getOrder('alice', 'BTCUSDT', { orderId: 999 })).toThrow(expect.objectContaining({ code: -2013 }));
    // once the first "dup" is canceled, the id is free again (Binance checks open orders only)
    e.cancelOrder('alice', 'BTCUSDT', { origClientOrderId: 'dup' }, 2);
    expect(e.placeOrder(req({ clientOrderId: 'dup', price: '100', quantity: '1' })).order.status).toBe('NEW');
  });

  it('reports depth changes with contiguous update ids', () => {
    const e = engine();
    e.takeDepthDiff('BTCUSDT');
    const { lastUpdateId } = e.depth('BTCUSDT', 10);
    const o = e.placeOrder(req({ price: '100', quantity: '1' })).order;
    e.placeOrder(req({ price: '101', quantity: '1' }));
    const d1 = e.takeDepthDiff('BTCUSDT')!;
    expect(d1).toEqual({ U: lastUpdateId + 1, u: lastUpdateId + 2, bids: [['100', '1'], ['101', '1']], asks: [] });
    e.cancelOrder('alice', 'BTCUSDT', { orderId: o.orderId }, 5);
    expect(e.takeDepthDiff('BTCUSDT')).toEqual({ U: d1.u + 1, u: d1.u + 1, bids: [['100', '0']], asks: [] });
    expect(e.takeDepthDiff('BTCUSDT')).toBeNull();
  });

  it('emits order, trade and balance events', () => {
    const e = engine();
    const events: EngineEvent['kind'][] = [];
    e.onEvent((ev) => events.push(ev.kind));
    e.placeOrder(req({ account: 'bob', side: 'SELL', price: '100', quantity: '1' }));
    e.placeOrder(req({ price: '100', quantity: '1' }));
    expect(events).toEqual(['order', 'balance', 'order', 'trade', 'order', 'order', 'balance', 'balance']);
  });

  it('conserves every asset and never lets an ordinary account go negative (property)', () => {
    const action = fc.record({
      account: fc.constantFrom('alice', 'bob'),
      side: fc.constantFrom('BUY' as const, 'SELL' as const),
      kind: fc.constantFrom('LIMIT', 'MARKET', 'IOC', 'QUOTE', 'CANCEL'),
      price: fc.integer({ min: 9000, max: 11000 }),
      qty: fc.integer({ min: 1, max: 40000 }),
    });
    fc.assert(
      fc.property(fc.array(action, { maxLength: 60 }), (actions) => {
        const e = engine();
        const start = { BTC: e.totalOf('BTC'), USDT: e.totalOf('USDT') };
        for (const a of actions) {
          try {
            if (a.kind === 'CANCEL') {
              const open = e.openOrders(a.account, 'BTCUSDT');
              if (open.length) e.cancelOrder(a.account, 'BTCUSDT', { orderId: open[0]!.orderId }, 1);
              continue;
            }
            const qty = (a.qty / 100000).toString();
            const price = (a.price / 100).toFixed(2);
            if (a.kind === 'MARKET') e.placeOrder(req({ account: a.account, side: a.side, type: 'MARKET', timeInForce: undefined, quantity: qty }));
            else if (a.kind === 'QUOTE') e.placeOrder(req({ account: a.account, side: a.side, type: 'MARKET', timeInForce: undefined, quoteOrderQty: (a.qty / 1000).toFixed(2) }));
            else e.placeOrder(req({ account: a.account, side: a.side, timeInForce: a.kind === 'IOC' ? 'IOC' : 'GTC', price, quantity: qty }));
          } catch (err) {
            if (!(err instanceof Error && 'code' in err)) throw err;
          }
          expect(e.totalOf('BTC')).toBe(start.BTC);
          expect(e.totalOf('USDT')).toBe(start.USDT);
          for (const acct of ['alice', 'bob']) for (const b of e.balances(acct)) expect(Number(b.free) >= 0 && Number(b.locked) >= 0).toBe(true);
        }
        // with nothing open, nothing may stay locked
        for (const acct of ['alice', 'bob']) for (const o of e.openOrders(acct, 'BTCUSDT')) e.cancelOrder(acct, 'BTCUSDT', { orderId: o.orderId }, 2);
        for (const acct of ['alice', 'bob']) for (const b of e.balances(acct)) expect(b.locked).toBe('0.00000000');
      }),
      { numRuns: 150 },
    );
  });
});
