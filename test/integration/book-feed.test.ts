import { afterEach, describe, expect, it } from 'vitest';
import { resolveBookEndpoint } from '../../src/main/adapters/exchange/book-endpoints';
import { WsBookTransport } from '../../src/main/adapters/exchange/book-socket';
import type { BookSocketHandlers, BookTransport } from '../../src/main/ports/book-source';
import { BookFeedService } from '../../src/main/services/book-feed';
import type { BookLadder } from '../../src/shared/contract/channels/book';
import { startVenue, type Venue } from '../../src/venue';
import { VENUE_DATA } from '../helpers/venue';

/**
 * The live book path against the real local venue over real sockets: the feed builds the same book
 * the venue holds, detects a lost diff and rebuilds from a fresh REST snapshot, and the ladder
 * stream is throttled and stops with its subscriber.
 */
const DEMO = { exchangeId: 'binance', account: null, demo: true };
const SYMBOL = 'BTC/USDT';

/** The real transport, counting the sockets it has open. */
function countingTransport(): BookTransport & { open_: number } {
  const real = new WsBookTransport();
  const t = {
    open_: 0,
    open(endpoint: Parameters<BookTransport['open']>[0], handlers: BookSocketHandlers, silenceMs: number) {
      t.open_++;
      let counted = true;
      const settle = () => {
        if (counted) t.open_--;
        counted = false;
      };
      const socket = real.open(endpoint, { ...handlers, onClose: (r) => (settle(), handlers.onClose(r)) }, silenceMs);
      return { close: () => (settle(), socket.close()) };
    },
    fetchJson: (url: string, ms: number) => real.fetchJson(url, ms),
  };
  return t;
}

let venue: Venue | null = null;
let service: BookFeedService | null = null;
afterEach(async () => {
  await service?.close();
  await venue?.close();
  service = null;
  venue = null;
});

async function setup(tickMs: number, tickSize?: () => Promise<number | null>) {
  venue = await startVenue({ seed: 7, dataFiles: VENUE_DATA, speed: 10, tickMs });
  const v = venue;
  const transport = countingTransport();
  service = new BookFeedService({ transport, endpoint: async (ex, sym) => resolveBookEndpoint(ex, sym, { url: v.url, wsUrl: v.wsUrl }), tickSize });
  return { venue: v, service, transport };
}

/** The venue's whole book, straight from its REST endpoint (prices and sizes as numbers). */
async function venueBook(v: Venue): Promise<{ lastUpdateId: number; bids: number[][]; asks: number[][] }> {
  const res = await fetch(`${v.url}/api/v3/depth?symbol=BTCUSDT&limit=5000`);
  const body = (await res.json()) as { lastUpdateId: number; bids: string[][]; asks: string[][] };
  const num = (levels: string[][]) => levels.map(([p, q]) => [Number(p), Number(q)]);
  return { lastUpdateId: body.lastUpdateId, bids: num(body.bids), asks: num(body.asks) };
}

/** Steps the venue, then waits for the feed to reach the venue's update id and compares every level. */
async function expectSameBook(v: Venue, s: BookFeedService, steps: number): Promise<void> {
  v.step(steps);
  const truth = await venueBook(v);
  const feed = s.feed(DEMO, SYMBOL)!;
  await expect.poll(() => feed.synced.lastId, { timeout: 5000 }).toBe(truth.lastUpdateId);
  expect(feed.status()).toBe('live');
  const ours = feed.synced.book.getTop(5000);
  expect(ours.bids).toEqual(truth.bids);
  expect(ours.asks).toEqual(truth.asks);
  expect(feed.synced.book.isConsistent()).toBe(true);
}

describe('book feed against the local venue', () => {
  it('builds the venue’s book from snapshot + diffs, and resyncs from a new REST snapshot after a lost diff', async () => {
    const { venue: v, service: s } = await setup(0);
    const events: BookLadder[] = [];
    const stop = s.watchLadder({ connection: DEMO, symbol: SYMBOL, depth: 10, group: null }, (e) => events.push(e));
    const feed = s.feed(DEMO, SYMBOL)!;
    await expect.poll(() => feed.socketState, { timeout: 5000 }).toBe('open');
    await expect.poll(() => feed.status(), { timeout: 5000 }).toBe('live');
    for (let i = 0; i < 4; i++) await expectSameBook(v, s, 3);
    expect(feed.synced.counters.deltasApplied).toBeGreaterThanOrEqual(4);
    expect(feed.synced.counters.gaps).toBe(0);

    const snapshotsBefore = v.stats.endpoint('GET', '/api/v3/depth').count;
    v.faults.set({ skipDepthIds: 1 });
    v.step(1);
    await expect.poll(() => feed.synced.counters.gaps, { timeout: 5000 }).toBe(1);
    // a fresh REST snapshot was fetched and the book is live again, equal to the venue's
    await expect.poll(() => feed.synced.counters.resyncsCompleted, { timeout: 5000 }).toBe(1);
    expect(v.stats.endpoint('GET', '/api/v3/depth').count).toBeGreaterThan(snapshotsBefore);
    for (let i = 0; i < 3; i++) await expectSameBook(v, s, 2);
    expect(feed.synced.counters.gaps).toBe(1);

    // the ladder shows what happened: the gap, the resync, and live again
    await expect.poll(() => events.at(-1)?.counters.gaps, { timeout: 2000 }).toBe(1);
    // the throttle sends the latest state within one interval
    await expect.poll(() => events.at(-1)?.lastId, { timeout: 2000 }).toBe(feed.synced.lastId);
    const last = events.at(-1)!;
    expect(last.status).toBe('live');
    expect(last.counters.resyncs).toBe(1);
    expect(last.bids[0]![0]).toBe(feed.synced.book.getBestBid());
    expect(last.asks[0]![0]).toBe(feed.synced.book.getBestAsk());
    expect(last.bids[0]![0]).toBeLessThan(last.asks[0]![0]);
    stop();
  });

  it('throttles the ladder to ≤ 20 events/s of the latest state, and stops the feed with the last subscriber', async () => {
    // a tick every 10 ms: up to 100 diffs a second, five times what a panel may receive
    const { service: s, transport } = await setup(10);
    const events: { at: number; lastId: number | null; current: number | undefined }[] = [];
    const stop = s.watchLadder({ connection: DEMO, symbol: SYMBOL, depth: 20, group: 10 }, (e) => {
      events.push({ at: Date.now(), lastId: e.lastId, current: s.feed(DEMO, SYMBOL)?.synced.lastId });
      // a slow consumer: 30 ms per event must not make main queue states for it
      const until = Date.now() + 30;
      while (Date.now() < until);
    });
    const feed = s.feed(DEMO, SYMBOL)!;
    await expect.poll(() => feed.status(), { timeout: 5000 }).toBe('live');
    const deltasAt = feed.synced.counters.deltasApplied;
    const from = events.length;
    const t0 = Date.now();
    await new Promise((r) => setTimeout(r, 2000));
    const window = events.slice(from);
    const seconds = (Date.now() - t0) / 1000;
    const deltas = feed.synced.counters.deltasApplied - deltasAt;
    expect(deltas).toBeGreaterThan(window.length * 1.5);
    expect(window.length / seconds).toBeLessThanOrEqual(21);
    expect(window.length).toBeGreaterThan(10);
    for (let i = 1; i < window.length; i++) expect(window[i]!.at - window[i - 1]!.at).toBeGreaterThanOrEqual(45);
    // every event carries the book as it was when sent, never an older queued state
    for (const e of window) expect(e.lastId).toBe(e.current);

    const second = s.watchLadder({ connection: DEMO, symbol: SYMBOL, depth: 5, group: null }, () => undefined);
    expect(s.activeFeeds()).toBe(1);
    expect(transport.open_).toBe(1);
    stop();
    expect(s.activeFeeds()).toBe(1);
    second();
    expect(s.activeFeeds()).toBe(0);
    expect(transport.open_).toBe(0);
    const n = events.length;
    await new Promise((r) => setTimeout(r, 300));
    expect(events.length).toBe(n);
  });

  it('looks levels up by tick once the market tick arrives, and keeps the book equal to the venue’s', async () => {
    let release: (tick: number | null) => void = () => undefined;
    const tick = new Promise<number | null>((r) => (release = r));
    const { venue: v, service: s } = await setup(0, () => tick);
    const stop = s.watchLadder({ connection: DEMO, symbol: SYMBOL, depth: 10, group: null }, () => undefined);
    const feed = s.feed(DEMO, SYMBOL)!;
    await expect.poll(() => feed.status(), { timeout: 5000 }).toBe('live');
    await expectSameBook(v, s, 2);
    expect(feed.synced.book.tickSize).toBeNull();
    // the venue's BTCUSDT PRICE_FILTER tick, as its exchangeInfo states it
    release(0.01);
    await expect.poll(() => feed.synced.tickSize, { timeout: 2000 }).toBe(0.01);
    expect(feed.synced.book.tickSize).toBe(0.01);
    for (let i = 0; i < 3; i++) await expectSameBook(v, s, 2);
    expect(feed.synced.counters.gaps).toBe(0);
    stop();
  });

  it('a market tick that cannot be had leaves the sorted book serving', async () => {
    const { venue: v, service: s } = await setup(0, () => Promise.reject(new Error('markets unreachable')));
    const stop = s.watchLadder({ connection: DEMO, symbol: SYMBOL, depth: 10, group: null }, () => undefined);
    const feed = s.feed(DEMO, SYMBOL)!;
    await expect.poll(() => feed.status(), { timeout: 5000 }).toBe('live');
    await expectSameBook(v, s, 2);
    expect(feed.synced.tickSize).toBeUndefined();
    expect(feed.synced.book.tickSize).toBeNull();
    stop();
  });

  it('reconnects after the venue drops the socket and rebuilds the book', async () => {
    const { venue: v, service: s } = await setup(0);
    const stop = s.watchLadder({ connection: DEMO, symbol: SYMBOL, depth: 10, group: null }, () => undefined);
    const feed = s.feed(DEMO, SYMBOL)!;
    await expect.poll(() => feed.status(), { timeout: 5000 }).toBe('live');
    v.faults.disconnectWebSockets();
    await expect.poll(() => feed.counters.reconnects, { timeout: 5000 }).toBe(1);
    await expect.poll(() => feed.status(), { timeout: 8000 }).toBe('live');
    await expectSameBook(v, s, 2);
    stop();
  });
});
