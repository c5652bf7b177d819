import fs from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { parseRecordingLine } from '../../src/main/core/orderbook';
import { createAppCore, type AppCore } from '../../src/main/composition';
import type { CallContext } from '../../src/main/ipc/handlers';
import { silentLogger } from '../../src/main/ports/logger';
import type { SecretStore } from '../../src/main/ports/secrets';
import type { BookLadder, MarketImpactDto } from '../../src/shared/contract/channels/book';
import { tempDataDir } from '../helpers/core';

/** The book channels through the real composition and contract server, on the demo venue. */
const memorySecrets = (): SecretStore => {
  const m = new Map<string, string>();
  return { set: async (k, v) => void m.set(k, v), get: async (k) => m.get(k) ?? null, delete: async (k) => m.delete(k), probe: async () => ({ available: true }) };
};
const ctx: CallContext = { sessionId: 's1', transport: 'ws' };
const demo = { exchangeId: 'binance', account: 'DEMO', demo: true };

let core: AppCore | null = null;
let dir = '';
afterEach(async () => {
  await core?.close();
  core = null;
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('book channels', () => {
  it('streams the demo ladder, answers market impact, records the raw feed, and stops with the session', async () => {
    dir = tempDataDir();
    const c = (core = createAppCore({ dataDir: dir, mode: 'serve', secrets: memorySecrets(), logger: silentLogger }));
    const ladders: BookLadder[] = [];
    const ends: unknown[] = [];
    c.server.subscribe(ctx, 'l1', 'book.ladder', { connection: demo, symbol: 'BTC/USDT', depth: 5 }, { event: (_id, e) => ladders.push(e as BookLadder), end: (_id, err) => ends.push(err) });
    await expect.poll(() => ladders.at(-1)?.status, { timeout: 15_000 }).toBe('live');
    const l = ladders.at(-1)!;
    expect(l).toMatchObject({ exchangeId: 'binance', demo: true, symbol: 'BTC/USDT', group: null });
    expect(l.bids).toHaveLength(5);
    expect(l.asks).toHaveLength(5);
    // cumulative column is the running sum of sizes, best level first
    expect(l.bids[4]![2]).toBeCloseTo(l.bids.reduce((s, r) => s + r[1], 0), 9);
    expect(l.stats.spread).toBeCloseTo(l.asks[0]![0] - l.bids[0]![0], 9);
    expect(ends).toEqual([]);
    // the composition looks the market's tick up through the hub (ccxt over the venue's exchangeInfo)
    const feed = c.books.feed(demo, 'BTC/USDT')!;
    await expect.poll(() => feed.synced.tickSize, { timeout: 10_000 }).toBe(0.01);
    expect(feed.synced.book.tickSize).toBe(0.01);

    const impact = await c.server.handle('book.impact', { connection: demo, symbol: 'BTC/USDT', side: 'buy', amount: 0.5 }, ctx);
    expect(impact.ok).toBe(true);
    const v = (impact as { value: MarketImpactDto }).value;
    expect(v.filled).toBeCloseTo(0.5, 12);
    expect(v.averagePrice!).toBeGreaterThanOrEqual(v.bestPrice!);
    expect(v.worstPrice!).toBeGreaterThanOrEqual(v.averagePrice!);

    const on = await c.server.handle('book.record', { connection: demo, symbol: 'BTC/USDT', on: true }, ctx);
    expect(on).toMatchObject({ ok: true, value: { recording: true } });
    await expect.poll(() => c.books.feed(demo, 'BTC/USDT')?.recording()?.lines ?? 0, { timeout: 5000 }).toBeGreaterThan(3);
    const off = await c.server.handle('book.record', { connection: demo, symbol: 'BTC/USDT', on: false }, ctx);
    const rec = (off as { value: { file: string; lines: number } }).value;
    const lines = fs.readFileSync(rec.file, 'utf8').trim().split('\n');
    expect(lines).toHaveLength(rec.lines);
    const first = parseRecordingLine(lines[0]!);
    expect(first).toMatchObject({ ok: true, data: { e: 'depthUpdate', s: 'BTCUSDT' } });

    expect(c.books.activeFeeds()).toBe(1);
    c.server.closeSession('s1');
    expect(c.books.activeFeeds()).toBe(0);
    const afterClose = await c.server.handle('book.impact', { connection: demo, symbol: 'BTC/USDT', side: 'sell', amount: 1 }, ctx);
    expect(afterClose).toMatchObject({ ok: false, error: { code: 'UNAVAILABLE', message: expect.stringContaining('open its order book first') } });
  });

  it('refuses bad parameters and unsupported markets with a clear error', async () => {
    dir = tempDataDir();
    const c = (core = createAppCore({ dataDir: dir, mode: 'serve', secrets: memorySecrets(), logger: silentLogger }));
    const ends: { code: string; message: string }[] = [];
    const sink = { event: () => undefined, end: (_id: string, err?: unknown) => ends.push(err as { code: string; message: string }) };
    c.server.subscribe(ctx, 'a', 'book.ladder', { connection: demo, symbol: 'BTC/USDT', depth: 0 }, sink);
    c.server.subscribe(ctx, 'b', 'book.ladder', { connection: { exchangeId: 'kraken', account: null, demo: false }, symbol: 'BTC/USDT' }, sink);
    c.server.subscribe(ctx, 'c', 'book.aggregated', { connections: [demo, { exchangeId: 'binance', account: null, demo: false }], symbol: 'BTC/USDT' }, sink);
    expect(ends).toEqual([
      { code: 'VALIDATION', message: expect.stringContaining('depth') },
      { code: 'VALIDATION', message: expect.stringContaining('unsupported exchange "kraken"') },
      { code: 'VALIDATION', message: expect.stringContaining('demo venue cannot be aggregated') },
    ]);
    expect(c.books.activeFeeds()).toBe(0);
  });
});
