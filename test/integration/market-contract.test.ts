import fs from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { createAppCore, type AppCore } from '../../src/main/composition';
import type { CallContext } from '../../src/main/ipc/handlers';
import { silentLogger } from '../../src/main/ports/logger';
import type { SecretStore } from '../../src/main/ports/secrets';
import { tempDataDir } from '../helpers/core';

/** The market channels through the real contract server and composition: the demo venue on a first start. */
const memorySecrets = (): SecretStore => {
  const m = new Map<string, string>();
  return {
    set: async (k, v) => void m.set(k, v),
    get: async (k) => m.get(k) ?? null,
    delete: async (k) => m.delete(k),
    probe: async () => ({ available: true }),
  };
};
const ctx: CallContext = { sessionId: 's1', transport: 'ws' };

let core: AppCore | null = null;
let dir = '';
afterEach(async () => {
  await core?.close();
  core = null;
  fs.rmSync(dir, { recursive: true, force: true });
});

function start(demo?: boolean) {
  dir = tempDataDir();
  core = createAppCore({ dataDir: dir, mode: 'serve', secrets: memorySecrets(), logger: silentLogger, demo });
  return core;
}

describe('market channels', () => {
  it('does not start the venue until market data is asked for', () => {
    const c = start();
    expect(c.demo.venue()).toBeNull();
  });

  it('offers the DEMO connection with no keys, serves candles and streams, and closes the venue', async () => {
    const c = start();
    const list = await c.server.handle('market.connections', {}, ctx);
    expect(list).toMatchObject({ ok: true, value: [{ exchangeId: 'binance', account: 'DEMO', demo: true }] });
    const venue = c.demo.venue()!;
    expect(venue.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const demo = { exchangeId: 'binance', account: 'DEMO', demo: true };
    const symbols = await c.server.handle('market.symbols', { connection: demo }, ctx);
    expect(symbols.ok && (symbols.value as string[])[0]).toBe('BTC/USDT');
    const candles = await c.server.handle('market.candles', { connection: demo, symbol: 'BTC/USDT', timeframe: '1h', limit: 24 }, ctx);
    expect(candles.ok && candles.value).toHaveLength(24);
    // the requests went through real ccxt to the in-process venue
    expect(venue.stats.endpoint('GET', '/api/v3/klines').count).toBe(1);

    const events: unknown[][] = [];
    c.server.subscribe(ctx, 'sub1', 'market.trades', { connection: demo, symbol: 'BTC/USDT' }, { event: (_id, e) => events.push(e as unknown[]), end: () => undefined });
    await expect.poll(() => events.length, { timeout: 8000 }).toBeGreaterThan(1);
    expect(c.market.activeFeeds()).toBe(1);
    c.server.closeSession('s1');
    expect(c.market.activeFeeds()).toBe(0);

    const invalid = await c.server.handle('market.candles', { connection: demo, symbol: 'btc-usdt', timeframe: '1h' }, ctx);
    expect(invalid).toMatchObject({ ok: false, error: { code: 'VALIDATION', message: expect.stringContaining('symbol') } });
  });

  it('a stream whose connection cannot be made ends with the reason, and its subscription is released', async () => {
    const c = start();
    const ends: unknown[] = [];
    const events: unknown[] = [];
    // an account with no key in the keychain: nothing to connect with
    const ghost = { exchangeId: 'binance', account: 'gone', demo: false };
    c.server.subscribe(ctx, 'sub2', 'market.trades', { connection: ghost, symbol: 'BTC/USDT' }, { event: (_id, e) => events.push(e), end: (id, err) => ends.push({ id, err }) });
    expect(c.server.activeSubscriptions()).toBe(1);
    await expect.poll(() => ends.length, { timeout: 5000 }).toBe(1);
    expect(ends[0]).toEqual({ id: 'sub2', err: { code: 'UNAVAILABLE', message: expect.stringMatching(/^connection binance:gone: .*key/i) } });
    expect(events).toEqual([]);
    expect(c.server.activeSubscriptions()).toBe(0);
    expect(c.market.activeFeeds()).toBe(0);
    // ending twice, or unsubscribing after the end, does nothing
    expect(c.server.unsubscribe('s1', 'sub2')).toBe(false);
  });

  it('offers no demo when started with demo: false', async () => {
    const c = start(false);
    expect(await c.server.handle('market.connections', {}, ctx)).toEqual({ ok: true, value: [] });
    const r = await c.server.handle('market.symbols', { connection: { exchangeId: 'binance', account: 'DEMO', demo: true } }, ctx);
    expect(r).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    expect(c.demo.venue()).toBeNull();
  });
});
