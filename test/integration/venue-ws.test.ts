import ccxt from 'ccxt';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { startVenueWithClients, type VenueHarness } from '../helpers/venue';

let h: VenueHarness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

/** Collects JSON messages from a raw WebSocket until `count` arrived. */
function collect(ws: WebSocket, count: number): Promise<Record<string, unknown>[]> {
  const got: Record<string, unknown>[] = [];
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`only ${got.length} of ${count} messages arrived`)), 5_000);
    ws.on('message', (d) => {
      got.push(JSON.parse(d.toString()) as Record<string, unknown>);
      if (got.length === count) {
        clearTimeout(timer);
        resolve(got);
      }
    });
  });
}

describe('venue WebSocket streams through real ccxt.pro', () => {
  it('watchOrderBook syncs snapshot + diffs and keeps updating', async () => {
    h = await startVenueWithClients();
    const first = await h.pro.watchOrderBook('BTC/USDT');
    expect(first.bids.length).toBeGreaterThan(5);
    expect(first.bids[0]![0]!).toBeLessThan(first.asks[0]![0]!);
    const n1 = first.nonce!;
    const next = await h.pro.watchOrderBook('BTC/USDT');
    expect(next.nonce!).toBeGreaterThan(n1);
    expect(next.bids[0]![0]!).toBeLessThan(next.asks[0]![0]!);
    // the REST snapshot it synced from was counted at the venue
    expect(h.venue.stats.endpoint('GET', '/api/v3/depth').count).toBeGreaterThan(0);
  });

  it('watchTrades and watchOHLCV deliver the live tape and candle', async () => {
    h = await startVenueWithClients();
    const trades = await h.pro.watchTrades('ETH/USDT');
    expect(trades.length).toBeGreaterThan(0);
    expect(trades[0]!.symbol).toBe('ETH/USDT');
    const candles = await h.pro.watchOHLCV('ETH/USDT', '1h');
    const last = candles[candles.length - 1]!;
    expect(last[2]!).toBeGreaterThanOrEqual(last[3]!);
  });

  it('a skipped diff sequence id makes ccxt reject the book (it must resync)', async () => {
    h = await startVenueWithClients();
    // the first watch can resolve from the REST snapshot alone; a gap in the first diff after it is
    // legitimately bridged (Binance's rule: U <= lastUpdateId+1 <= u), so wait until a diff has been
    // applied and the book is in the continuous phase, where U must equal the previous u + 1
    const synced = await h.pro.watchOrderBook('BTC/USDT');
    const syncedNonce = synced.nonce!;
    while ((await h.pro.watchOrderBook('BTC/USDT')).nonce! <= syncedNonce);
    h.venue.faults.set({ skipDepthIds: 1 });
    let error: unknown;
    for (let i = 0; i < 20 && !error; i++) {
      try {
        await h.pro.watchOrderBook('BTC/USDT');
      } catch (err) {
        error = err;
      }
    }
    expect(error).toBeInstanceOf(ccxt.InvalidNonce);
    // after the gap, a new watch resubscribes and syncs again
    const again = await h.pro.watchOrderBook('BTC/USDT');
    expect(again.bids.length).toBeGreaterThan(0);
  });

  it('a forced disconnect rejects pending watches; watching again reconnects and resubscribes', async () => {
    h = await startVenueWithClients();
    await h.pro.watchTrades('BTC/USDT');
    const pending = h.pro.watchTrades('BTC/USDT');
    h.venue.faults.disconnectWebSockets();
    await expect(pending).rejects.toThrow(ccxt.NetworkError);
    const trades = await h.pro.watchTrades('BTC/USDT');
    expect(trades.length).toBeGreaterThan(0);
  });
});

describe('venue raw WebSocket protocol', () => {
  it('serves combined streams and SUBSCRIBE/LIST_SUBSCRIPTIONS messages', async () => {
    h = await startVenueWithClients();
    const combined = new WebSocket(`${h.venue.wsUrl}/stream?streams=btcusdt@depth@100ms/btcusdt@bookTicker`);
    const msgs = await collect(combined, 4);
    combined.close();
    for (const m of msgs) expect(['btcusdt@depth@100ms', 'btcusdt@bookTicker']).toContain(m.stream);
    const depth = msgs.filter((m) => m.stream === 'btcusdt@depth@100ms').map((m) => m.data as { U: number; u: number; e: string });
    for (let i = 1; i < depth.length; i++) expect(depth[i]!.U).toBe(depth[i - 1]!.u + 1);

    const raw = new WebSocket(`${h.venue.wsUrl}/ws`);
    await new Promise((r) => raw.once('open', r));
    const replies = collect(raw, 3);
    raw.send(JSON.stringify({ method: 'SUBSCRIBE', params: ['ethusdt@trade', 'nosuch@trade'], id: 1 }));
    raw.send(JSON.stringify({ method: 'SUBSCRIBE', params: ['ethusdt@kline_1m'], id: 2 }));
    raw.send(JSON.stringify({ method: 'LIST_SUBSCRIPTIONS', id: 3 }));
    const [bad, ok, list] = await replies;
    raw.close();
    expect(bad).toMatchObject({ id: 1, error: { code: 2 } });
    expect(ok).toEqual({ result: null, id: 2 });
    expect(list).toEqual({ result: ['ethusdt@kline_1m'], id: 3 });
  });
});
