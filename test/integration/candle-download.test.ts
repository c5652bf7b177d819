import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../src/main/adapters/persistence/database';
import { SqliteCandleStore } from '../../src/main/adapters/persistence/candle-store';
import { CcxtClientFactory } from '../../src/main/adapters/exchange/ccxt-client';
import { silentLogger } from '../../src/main/ports/logger';
import { DownloadCancelled, downloadCandles, type DownloadStep } from '../../src/main/services/candle-download';
import { CandleDownloadService } from '../../src/main/services/candle-download-service';
import { ExchangeHub, type Connection } from '../../src/main/services/exchange-hub';
import { startVenue, type Venue } from '../../src/venue';
import type { DownloadProgress } from '../../src/shared/contract/backtest-schemas';
import { tempDataDir } from '../helpers/core';
import { VENUE_DATA } from '../helpers/venue';

/**
 * Downloads through real ccxt inside the hub against the local venue. The expected bars come from
 * the venue's own klines endpoint read over plain HTTP, never from the code under test.
 */

const HOUR = 3_600_000;
const START = Math.floor(Date.now() / HOUR) * HOUR;
const SOURCE = { exchangeId: 'binance', account: null, demo: true };
const KEY = { exchange: 'binance-demo', symbol: 'BTC/USDT', timeframe: '1h' as const };

let venues: Venue[] = [];
let hubs: ExchangeHub[] = [];
const dbs: Db[] = [];
const dirs: string[] = [];
afterEach(async () => {
  await Promise.all(hubs.map((h) => h.close()));
  await Promise.all(venues.map((v) => v.close()));
  for (const db of dbs.splice(0)) db.close();
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
  hubs = [];
  venues = [];
});

async function setup() {
  // The clock is stopped (tickMs 0): the venue serves exactly its 2,500 bars of history before START.
  const venue = await startVenue({ seed: 3, dataFiles: VENUE_DATA, tickMs: 0, historyCandles: 2500, startTime: START });
  venues.push(venue);
  const hub = new ExchangeHub({
    factory: new CcxtClientFactory({ timeoutMs: 3000 }),
    credentials: async () => null,
    demoVenue: async () => [{ url: venue.url, wsUrl: venue.wsUrl }],
    retry: { baseDelay: 20, maxDelay: 2000 },
  });
  hubs.push(hub);
  const dir = tempDataDir();
  dirs.push(dir);
  const db = openDatabase(path.join(dir, 'marketdesk.db'));
  dbs.push(db);
  const store = new SqliteCandleStore(db);
  const connect = () => hub.getInstance('binance', null, { demo: true });
  return { venue, hub, store, deps: { connect, store } };
}

/** The venue's bars opening in [from, to), straight from its HTTP endpoint. */
async function venueBars(venue: Venue, from: number, to: number): Promise<number[][]> {
  const out: number[][] = [];
  for (let since = from; since < to; ) {
    const res = await fetch(`${venue.url}/api/v3/klines?symbol=BTCUSDT&interval=1h&startTime=${since}&limit=1000`);
    const rows = (await res.json()) as (string | number)[][];
    const page = rows.map((r) => [Number(r[0]), Number(r[1]), Number(r[2]), Number(r[3]), Number(r[4]), Number(r[5])]).filter((r) => r[0]! >= since && r[0]! < to);
    if (page.length === 0) break;
    out.push(...page);
    since = page[page.length - 1]![0]! + HOUR;
  }
  return out;
}

function stored(store: SqliteCandleStore, from?: number, to?: number): number[][] {
  const s = store.load(KEY, from, to);
  return Array.from(s.time, (t, i) => [t, s.open[i]!, s.high[i]!, s.low[i]!, s.close[i]!, s.volume[i]!]);
}

const klines = (v: Venue) => v.stats.endpoint('GET', '/api/v3/klines').count;

describe('candle download through the hub', () => {
  it('pages by since at the exchange limit and stores exactly the venue klines of the range', async () => {
    const { venue, store, deps } = await setup();
    const from = START - 2400 * HOUR;
    const to = START - 100 * HOUR;
    const steps: DownloadStep[] = [];
    const out = await downloadCandles(deps, { source: SOURCE, symbol: 'BTC/USDT', timeframe: '1h', from, to }, { onPage: (s) => steps.push(s) });
    // 2,300 hours at Binance's 1,000 bars per request: three requests, the last one reaching past `to`.
    expect(klines(venue)).toBe(3);
    const expected = await venueBars(venue, from, to);
    // the real 2021 data has a few missing hours (reported as gaps, never filled)
    expect(expected.length).toBeGreaterThan(2290);
    expect(stored(store)).toEqual(expected);
    const n = expected.length;
    expect(out).toMatchObject({ pages: 3, bars: n, percent: 100, ranges: [[from, to]] });
    expect(store.get(KEY)).toMatchObject({ origin: 'downloaded', bars: n, firstTime: from, lastTime: to - HOUR });
    for (let i = 1; i < steps.length; i++) {
      expect(steps[i]!.percent).toBeGreaterThanOrEqual(steps[i - 1]!.percent);
      expect(steps[i]!.bars).toBeGreaterThanOrEqual(steps[i - 1]!.bars);
    }
    expect(steps.map((s) => s.bars)).toEqual([1000, 2000, n]);
  });

  it('resumes where the store ends, and fills before where it starts, fetching only what is missing', async () => {
    const { venue, store, deps } = await setup();
    const req = { source: SOURCE, symbol: 'BTC/USDT', timeframe: '1h' as const };
    const a = START - 2000 * HOUR;
    const b = START - 1500 * HOUR;
    const c = START - 10 * HOUR;
    await downloadCandles(deps, { ...req, from: b, to: START - 1000 * HOUR });
    expect(klines(venue)).toBe(1); // 500 hours: one request
    const tail = await downloadCandles(deps, { ...req, from: b, to: c });
    // [b, START-1000h) was stored: only the 990 hours after it are asked for, in one page.
    expect(tail.ranges).toEqual([[START - 1000 * HOUR, c]]);
    expect(klines(venue)).toBe(2);
    const head = await downloadCandles(deps, { ...req, from: a, to: c });
    expect(head.ranges).toEqual([[a, b]]);
    expect(klines(venue)).toBe(3);
    const again = await downloadCandles(deps, { ...req, from: a, to: c });
    expect(again).toMatchObject({ pages: 0, bars: 0, ranges: [] });
    expect(klines(venue)).toBe(3);
    expect(tail).toMatchObject({ pages: 1, bars: (await venueBars(venue, START - 1000 * HOUR, c)).length });
    expect(head).toMatchObject({ pages: 1, bars: (await venueBars(venue, a, b)).length });
    expect(stored(store)).toEqual(await venueBars(venue, a, c));
  });

  it('honours a 429 Retry-After through the hub limiter and loses or duplicates no bar', async () => {
    const { venue, hub, store, deps } = await setup();
    const from = START - 1500 * HOUR;
    const to = START - 200 * HOUR;
    venue.faults.set({ httpError: { status: 429, retryAfterSec: 1, times: 1, path: '/api/v3/klines' } });
    const t0 = Date.now();
    const out = await downloadCandles(deps, { source: SOURCE, symbol: 'BTC/USDT', timeframe: '1h', from, to });
    expect(Date.now() - t0).toBeGreaterThanOrEqual(950);
    const log = venue.stats.log.filter((r) => r.path === '/api/v3/klines');
    expect(log.map((r) => r.status)).toEqual([429, 200, 200]);
    expect(log[1]!.time - log[0]!.time).toBeGreaterThanOrEqual(950);
    const conn = hub.list().find((c) => c.demo)!;
    expect(conn.health.retries).toBe(1);
    const expected = await venueBars(venue, from, to);
    expect(out.bars).toBe(expected.length);
    expect(stored(store)).toEqual(expected);
  });

  it('never stores the still-open bar', async () => {
    const { venue, store, deps } = await setup();
    const now = START - 5.5 * HOUR;
    await downloadCandles({ ...deps, now: () => now }, { source: SOURCE, symbol: 'BTC/USDT', timeframe: '1h', from: START - 50 * HOUR });
    // The bar opening at START-6h closes at START-5h, after `now`: the last stored one opens at START-7h.
    expect(store.get(KEY)).toMatchObject({ bars: 44, lastTime: START - 7 * HOUR });
    expect(stored(store)).toEqual(await venueBars(venue, START - 50 * HOUR, START - 6 * HOUR));
  });
});

describe('CandleDownloadService jobs', () => {
  it('cancels between pages, keeping whole pages, with monotonic progress events', async () => {
    const { venue, hub, store } = await setup();
    const svc = new CandleDownloadService(hub, store, silentLogger, { pageLimit: 100 });
    const events: DownloadProgress[] = [];
    let jobId = '';
    svc.watch(undefined, (e) => {
      events.push(e);
      if (e.state === 'running' && e.pages === 2) svc.cancel(jobId);
    });
    jobId = svc.start({ exchangeId: 'binance', account: null, demo: true, symbol: 'BTC/USDT', timeframe: '1h', from: START - 1000 * HOUR, to: START }).jobId;
    await expect.poll(() => events.at(-1)?.state, { timeout: 10_000 }).toBe('cancelled');
    expect(events.at(-1)).toMatchObject({ jobId, pages: 2, bars: 200, dataset: KEY });
    expect(events.map((e) => e.pages)).toEqual([0, 1, 2, 2]);
    for (let i = 1; i < events.length; i++) expect(events[i]!.percent).toBeGreaterThanOrEqual(events[i - 1]!.percent);
    expect(klines(venue)).toBe(2);
    const kept = stored(store);
    expect(kept).toHaveLength(200);
    expect(kept).toEqual(await venueBars(venue, START - 1000 * HOUR, kept.at(-1)![0]! + HOUR));
    expect(svc.cancel(jobId)).toEqual({ cancelled: false });
  });

  it('refuses a second download of the same series while one runs, and reports failures', async () => {
    const { hub, store } = await setup();
    const svc = new CandleDownloadService(hub, store, silentLogger);
    const input = { exchangeId: 'binance', account: null, demo: true, symbol: 'BTC/USDT', timeframe: '1h' as const, from: START - 100 * HOUR, to: START };
    const { jobId } = svc.start(input);
    expect(() => svc.start(input)).toThrow(/already running/);
    const events: DownloadProgress[] = [];
    svc.watch(jobId, (e) => events.push(e));
    await expect.poll(() => events.at(-1)?.state, { timeout: 10_000 }).toBe('done');
    const bad = svc.start({ ...input, symbol: 'NOPE/USDT' });
    const failed: DownloadProgress[] = [];
    svc.watch(bad.jobId, (e) => failed.push(e));
    await expect.poll(() => failed.at(-1)?.state, { timeout: 10_000 }).toBe('failed');
    expect(failed.at(-1)!.message).toMatch(/NOPE\/USDT/);
  });
});

describe('a bad page', () => {
  it('stops with the row and field named, keeping the whole pages before it', async () => {
    const { store } = await setup();
    const T = Date.UTC(2024, 0, 1);
    const bar = (t: number, high = 11): [number, number, number, number, number, number] => [t, 10, high, 9, 10.5, 1];
    const pages = [
      [bar(T), bar(T + HOUR)],
      [bar(T + 2 * HOUR), bar(T + 3 * HOUR, 10.2)],
    ];
    let call = 0;
    const client = { ohlcvLimit: 2, fetchOHLCV: async () => pages[call++] ?? [] };
    const conn = { client, request: (_m: string, fn: (c: unknown) => Promise<unknown>) => fn(client) } as unknown as Connection;
    const run = downloadCandles({ connect: async () => conn, store, now: () => T + 10 * HOUR }, { source: SOURCE, symbol: 'BTC/USDT', timeframe: '1h', from: T, to: T + 4 * HOUR });
    await expect(run).rejects.toThrow('binance-demo BTC/USDT 1h page 2 (since 2024-01-01T02:00:00Z), row:2: high: 10.2 is below max(open, close) = 10.5; the 1 page(s) before it are stored');
    expect(stored(store).map((r) => r[0])).toEqual([T, T + HOUR]);
  });

  it('an aborted signal stops before the first page', async () => {
    const { venue, deps } = await setup();
    const c = new AbortController();
    c.abort();
    await expect(downloadCandles(deps, { source: SOURCE, symbol: 'BTC/USDT', timeframe: '1h', from: START - 10 * HOUR }, { signal: c.signal })).rejects.toBeInstanceOf(DownloadCancelled);
    expect(klines(venue)).toBe(0);
  });
});
