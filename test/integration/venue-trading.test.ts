import ccxt from 'ccxt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startVenueWithClients, type VenueHarness } from '../helpers/venue';

const free = async (h: VenueHarness) => {
  const b = await h.rest.fetchBalance();
  const freeOf = b.free as unknown as Record<string, number>;
  const usedOf = b.used as unknown as Record<string, number>;
  return { BTC: freeOf.BTC!, USDT: freeOf.USDT!, lockedUSDT: usedOf.USDT! };
};

describe('venue trading through real ccxt binance (signed endpoints)', () => {
  let h: VenueHarness;
  beforeAll(async () => {
    // a stopped clock: the book only changes through our own orders
    h = await startVenueWithClients({ tickMs: 0, balances: { USDT: '5000000', BTC: '1' } });
    await h.rest.loadMarkets();
  });
  afterAll(() => h.close());

  it('reads the demo balances', async () => {
    const b = await h.rest.fetchBalance();
    expect(b.total).toMatchObject({ USDT: 5000000, BTC: 1 });
  });

  it('rests, finds, lists and cancels a limit order, locking and then releasing its funds', async () => {
    const order = await h.rest.createOrder('BTC/USDT', 'limit', 'buy', 0.01, 20000);
    expect(order).toMatchObject({ status: 'open', amount: 0.01, price: 20000, filled: 0 });
    expect(await free(h)).toMatchObject({ USDT: 4999800, lockedUSDT: 200 });
    expect(await h.rest.fetchOrder(order.id!, 'BTC/USDT')).toMatchObject({ id: order.id, clientOrderId: order.clientOrderId, status: 'open' });
    expect((await h.rest.fetchOpenOrders('BTC/USDT')).map((o) => o.id)).toEqual([order.id]);
    const canceled = await h.rest.cancelOrder(order.id!, 'BTC/USDT');
    expect(canceled.status).toBe('canceled');
    expect(await free(h)).toMatchObject({ USDT: 5000000, lockedUSDT: 0 });
    expect(await h.rest.fetchOpenOrders('BTC/USDT')).toEqual([]);
    await expect(h.rest.cancelOrder(order.id!, 'BTC/USDT')).rejects.toThrow(ccxt.OrderNotFound);
  });

  it('fills a market buy against the book and settles exactly, fee in the received asset', async () => {
    const before = await free(h);
    const ob = await h.rest.fetchOrderBook('BTC/USDT', 5);
    const order = await h.rest.createOrder('BTC/USDT', 'market', 'buy', 0.002);
    expect(order.status).toBe('closed');
    expect(order.filled).toBe(0.002);
    expect(order.average).toBe(ob.asks[0]![0]);
    const after = await free(h);
    // 0.1% taker commission on the 0.002 BTC received = 0.000002 BTC
    expect(after.BTC).toBeCloseTo(before.BTC + 0.002 - 0.000002, 10);
    expect(after.USDT).toBeCloseTo(before.USDT - 0.002 * ob.asks[0]![0]!, 6);
    expect(order.fee).toMatchObject({ currency: 'BTC', cost: 0.000002 });
  });

  it('partially fills a limit order that crosses one level and rests the remainder', async () => {
    const ob = await h.rest.fetchOrderBook('BTC/USDT', 5);
    const [price, size] = ob.asks[0] as [number, number];
    const amount = Number((size + 0.05).toFixed(5));
    const order = await h.rest.createOrder('BTC/USDT', 'limit', 'buy', amount, price);
    expect(order.status).toBe('open');
    expect(order.filled).toBeCloseTo(size, 8);
    expect(order.remaining).toBeCloseTo(0.05, 8);
    const book = await h.rest.fetchOrderBook('BTC/USDT', 5);
    expect(book.bids[0]).toEqual([price, 0.05]);
    expect(book.asks[0]![0]).toBeGreaterThan(price);
    await h.rest.cancelOrder(order.id!, 'BTC/USDT');
  });

  it('rejects a duplicate newClientOrderId of an open order as Binance does (-2010)', async () => {
    const first = await h.rest.createOrder('BTC/USDT', 'limit', 'buy', 0.001, 20000, { newClientOrderId: 'md-dup-1' });
    expect(first.clientOrderId).toBe('md-dup-1');
    await expect(h.rest.createOrder('BTC/USDT', 'limit', 'buy', 0.001, 20000, { newClientOrderId: 'md-dup-1' })).rejects.toThrow(/-2010.*Duplicate order sent/);
    await h.rest.cancelOrder(first.id!, 'BTC/USDT');
  });

  it('pages order and trade history as Binance does: newest by default, forward from a cursor, inside a time window', async () => {
    for (let k = 0; k < 3; k++) await h.rest.createOrder('BTC/USDT', 'market', 'buy', 0.001);
    const orders = await h.rest.fetchOrders('BTC/USDT');
    expect(orders.length).toBeGreaterThanOrEqual(6);
    const ids = orders.map((o) => o.id);
    expect((await h.rest.fetchOrders('BTC/USDT', undefined, 2)).map((o) => o.id)).toEqual(ids.slice(-2));
    expect((await h.rest.fetchOrders('BTC/USDT', undefined, 2, { orderId: ids[1] })).map((o) => o.id)).toEqual(ids.slice(1, 3));

    const trades = await h.rest.fetchMyTrades('BTC/USDT');
    const tradeIds = trades.map((t) => t.id);
    expect(trades.length).toBeGreaterThanOrEqual(3);
    expect((await h.rest.fetchMyTrades('BTC/USDT', undefined, 1)).map((t) => t.id)).toEqual(tradeIds.slice(-1));
    expect((await h.rest.fetchMyTrades('BTC/USDT', undefined, 2, { fromId: tradeIds[0] })).map((t) => t.id)).toEqual(tradeIds.slice(0, 2));
    const lastOrder = trades.at(-1)!.order!;
    expect((await h.rest.fetchMyTrades('BTC/USDT', undefined, undefined, { orderId: lastOrder })).every((t) => t.order === lastOrder)).toBe(true);
    expect(await h.rest.fetchMyTrades('BTC/USDT', trades.at(-1)!.timestamp! + 1)).toEqual([]);
  });

  it('maps order rejections onto ccxt errors', async () => {
    await expect(h.rest.createOrder('BTC/USDT', 'limit', 'buy', 1000, 20000)).rejects.toThrow(ccxt.InsufficientFunds);
    // Binance answers a too-small order with -1013 NOTIONAL, which ccxt classes as BadRequest
    await expect(h.rest.createOrder('BTC/USDT', 'limit', 'buy', 0.0001, 20000)).rejects.toThrow(/-1013.*NOTIONAL/);
    await expect(h.rest.fetchOrder('999999', 'BTC/USDT')).rejects.toThrow(ccxt.OrderNotFound);
  });

  it('rejects a bad signature (-1022), a stale timestamp (-1021) and an unknown key (-2015)', async () => {
    const secret = h.rest.secret;
    h.rest.secret = 'not-the-secret';
    await expect(h.rest.fetchBalance()).rejects.toThrow(/-1022/);
    await expect(h.rest.fetchBalance()).rejects.toThrow(ccxt.AuthenticationError);
    h.rest.secret = secret;

    h.rest.options.timeDifference = 120_000;
    await expect(h.rest.fetchBalance()).rejects.toThrow(ccxt.InvalidNonce);
    await expect(h.rest.fetchBalance()).rejects.toThrow(/-1021.*recvWindow/);
    h.rest.options.timeDifference = 0;

    const key = h.rest.apiKey;
    h.rest.apiKey = 'someoneElsesKey';
    await expect(h.rest.fetchBalance()).rejects.toThrow(/-2015/);
    h.rest.apiKey = key;
    expect((await free(h)).USDT).toBeGreaterThan(0);
  });
});

describe('venue user-data stream through real ccxt.pro', () => {
  let h: VenueHarness;
  beforeAll(async () => {
    h = await startVenueWithClients({ tickMs: 0 });
    await h.rest.loadMarkets();
    await h.pro.loadMarkets();
  });
  afterAll(() => h.close());

  it('watchOrders sees a new order, its fill and a cancel', async () => {
    const first = h.pro.watchOrders('BTC/USDT');
    // let the WebSocket-API subscription settle before trading
    await new Promise((r) => setTimeout(r, 300));
    const placed = await h.rest.createOrder('BTC/USDT', 'limit', 'buy', 0.01, 20000);
    const seen = await first;
    expect(seen.map((o) => [o.id, o.status])).toContainEqual([placed.id, 'open']);
    const cancelWatch = h.pro.watchOrders('BTC/USDT');
    await h.rest.cancelOrder(placed.id!, 'BTC/USDT');
    expect((await cancelWatch).map((o) => [o.id, o.status])).toContainEqual([placed.id, 'canceled']);
    const fillWatch = h.pro.watchOrders('BTC/USDT');
    const market = await h.rest.createOrder('BTC/USDT', 'market', 'sell', 0.003);
    const filled = (await fillWatch).find((o) => o.id === market.id);
    expect(filled).toBeDefined();
    expect(filled!.filled! > 0).toBe(true);
  });
});
