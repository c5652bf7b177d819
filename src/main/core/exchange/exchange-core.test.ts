import { describe, expect, it } from 'vitest';
import { backoffCeiling, backoffDelay, parseRetryAfter } from './backoff';
import { classifyHealth, percentile, SlidingWindow, type WindowStats } from './health';
import { isRetryable } from './errors';
import { configFromRateLimit, RateLimiter, TokenBucket } from './token-bucket';

describe('backoff', () => {
  const opts = { baseDelay: 100, maxDelay: 1000 };
  it('doubles from the base and stops at the cap', () => {
    expect([1, 2, 3, 4, 5, 6].map((a) => backoffCeiling(a, opts))).toEqual([100, 200, 400, 800, 1000, 1000]);
    expect(backoffCeiling(2000, opts)).toBe(1000);
  });
  it('jitters within [ceiling/2, ceiling]', () => {
    expect(backoffDelay(3, opts, () => 0)).toBe(200);
    expect(backoffDelay(3, opts, () => 0.5)).toBe(300);
    expect(backoffDelay(3, opts, () => 0.999999)).toBe(400);
  });
  it('never retries before Retry-After, even past the cap', () => {
    expect(backoffDelay(1, opts, () => 0, 2500)).toBe(2500);
    expect(backoffDelay(4, opts, () => 1, 10)).toBe(800);
  });
  it('refuses a bad attempt number', () => {
    expect(() => backoffCeiling(0, opts)).toThrow(/attempt/);
  });
  it('parses Retry-After seconds and dates', () => {
    expect(parseRetryAfter('3', 0)).toBe(3000);
    expect(parseRetryAfter('0.5', 0)).toBe(500);
    expect(parseRetryAfter('Wed, 21 Oct 2015 07:28:10 GMT', Date.UTC(2015, 9, 21, 7, 28, 0))).toBe(10_000);
    expect(parseRetryAfter('Wed, 21 Oct 2015 07:28:10 GMT', Date.UTC(2015, 9, 21, 7, 29, 0))).toBe(0);
    expect(parseRetryAfter('soon', 0)).toBeUndefined();
    expect(parseRetryAfter(undefined, 0)).toBeUndefined();
  });
});

describe('TokenBucket', () => {
  it('starts full, spends, refills at its rate and caps at capacity', () => {
    const b = new TokenBucket(10, 0.01, 0); // 10 tokens, one per 100 ms
    expect(b.canTake(10, 0)).toBe(true);
    b.take(10, 0);
    expect(b.canTake(1, 0)).toBe(false);
    expect(b.timeUntil(1, 0)).toBe(100);
    expect(b.timeUntil(5, 250)).toBe(250);
    expect(b.available(100_000)).toBe(10);
  });
  it('lets a cost above capacity through once the bucket is full', () => {
    const b = new TokenBucket(4, 0.001, 0);
    expect(b.timeUntil(40, 0)).toBe(0);
  });
});

describe('RateLimiter', () => {
  const cfg = { maxRequestsPerMinute: 600, maxOrdersPerSecond: 2, backoffMultiplier: 2, maxBackoffMs: 30_000 };

  it('admits no more than burst + rate·t over any interval', () => {
    const lim = new RateLimiter(cfg, 0);
    let admitted = 0;
    // Hammer it every millisecond for 10 s; budget = burst 60 + 10 per second × 10 s = 160.
    for (let t = 0; t <= 10_000; t++) {
      if (lim.canRequest({ cost: 1 }, t)) {
        lim.recordRequest({ cost: 1 }, t);
        admitted++;
      }
    }
    expect(admitted).toBe(160);
  });

  it('counts orders in their own per-second bucket', () => {
    const lim = new RateLimiter(cfg, 0);
    const order = { cost: 1, isOrder: true };
    lim.recordRequest(order, 0);
    lim.recordRequest(order, 0);
    expect(lim.canRequest(order, 0)).toBe(false);
    expect(lim.getTimeUntilAvailable(order, 0)).toBe(500);
    expect(lim.canRequest({ cost: 1 }, 0)).toBe(true);
  });

  it('pauses for Retry-After after a 429, halves the rate, and relaxes back a step per clean minute', () => {
    const lim = new RateLimiter(cfg, 0);
    lim.recordRateLimited(1000, 5000);
    expect(lim.factor()).toBe(0.5);
    expect(lim.getTimeUntilAvailable({ cost: 1 }, 1000)).toBe(5000);
    expect(lim.canRequest({ cost: 1 }, 5999)).toBe(false);
    // after the pause the bucket (drained to 0) refills at 5/s: one token takes 200 ms
    expect(lim.getTimeUntilAvailable({ cost: 1 }, 6000)).toBe(0);
    lim.recordRateLimited(7000);
    expect(lim.factor()).toBe(0.25);
    // without Retry-After the pause escalates: 1000·2^penalty = 4000
    expect(lim.getTimeUntilAvailable({ cost: 1 }, 7000)).toBe(4000);
    lim.snapshot(67_000);
    expect(lim.factor()).toBe(0.5);
    lim.snapshot(127_000);
    expect(lim.factor()).toBe(1);
  });

  it('derives the budget from ccxt rateLimit', () => {
    expect(configFromRateLimit(50).maxRequestsPerMinute).toBe(1200);
    expect(() => configFromRateLimit(0)).toThrow(/rateLimit/);
    expect(() => new RateLimiter({ ...cfg, backoffMultiplier: 0.5 }, 0)).toThrow(/backoffMultiplier/);
  });
});

describe('health', () => {
  it('percentile interpolates between ranks', () => {
    expect(percentile([10, 20, 30, 40, 50], 50)).toBe(30);
    expect(percentile([10, 20, 30, 40], 50)).toBe(25);
    expect(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21], 95)).toBe(20);
    expect(Number.isNaN(percentile([], 50))).toBe(true);
  });

  it('window forgets old samples and counts trailing failures', () => {
    const w = new SlidingWindow(1000);
    w.add({ time: 0, latencyMs: 500, ok: true });
    w.add({ time: 900, latencyMs: 10, ok: true });
    w.add({ time: 950, latencyMs: 0, ok: false });
    w.add({ time: 990, latencyMs: 0, ok: false });
    let s = w.stats(1000);
    expect(s).toMatchObject({ count: 4, errors: 2, errorRate: 0.5, consecutiveErrors: 2, p50: 255 });
    s = w.stats(1500);
    expect(s).toMatchObject({ count: 3, errors: 2, p50: 10, p95: 10 });
  });

  const win = (o: Partial<WindowStats>): WindowStats => ({ count: 10, errors: 0, errorRate: 0, p50: 20, p95: 40, consecutiveErrors: 0, ...o });
  it('classifies up, degraded and down with a reason', () => {
    expect(classifyHealth({ window: win({}), ws: 'open', rateLimitedForMs: 0 })).toEqual({ state: 'up', reason: 'ok' });
    expect(classifyHealth({ window: win({ count: 0, p50: null, p95: null }), ws: 'idle', rateLimitedForMs: 0 }).state).toBe('up');
    expect(classifyHealth({ window: win({ p95: 2500 }), ws: 'open', rateLimitedForMs: 0 })).toEqual({ state: 'degraded', reason: 'slow: p95 latency 2500 ms' });
    expect(classifyHealth({ window: win({ errors: 3, errorRate: 0.3 }), ws: 'open', rateLimitedForMs: 0 })).toEqual({ state: 'degraded', reason: '30% of the last 10 requests failed' });
    expect(classifyHealth({ window: win({}), ws: 'reconnecting', rateLimitedForMs: 0 }).state).toBe('degraded');
    expect(classifyHealth({ window: win({}), ws: 'open', rateLimitedForMs: 2500 }).reason).toBe('rate limited by the exchange for 3 s');
    expect(classifyHealth({ window: win({ errors: 3, errorRate: 0.3, consecutiveErrors: 3 }), ws: 'open', rateLimitedForMs: 0 })).toEqual({ state: 'down', reason: '3 requests failed in a row' });
    expect(classifyHealth({ window: win({ errors: 6, errorRate: 0.6 }), ws: 'open', rateLimitedForMs: 0 }).state).toBe('down');
  });
});

describe('retry policy', () => {
  it('retries network-class failures of idempotent requests only', () => {
    for (const k of ['network', 'timeout', 'rate-limit', 'ddos', 'unavailable'] as const) expect(isRetryable(k, true)).toBe(true);
    for (const k of ['auth', 'invalid-order', 'insufficient-funds', 'bad-request', 'nonce', 'exchange', 'unknown'] as const) expect(isRetryable(k, true)).toBe(false);
  });
  it('retries an order only when it was refused before executing', () => {
    expect(isRetryable('rate-limit', false)).toBe(true);
    expect(isRetryable('timeout', false)).toBe(false);
    expect(isRetryable('unavailable', false)).toBe(false);
  });
});
