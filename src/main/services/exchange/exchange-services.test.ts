import { describe, expect, it } from 'vitest';
import type { ClassifiedError } from '../../ports/exchange-client';
import type { ExchangeErrorKind } from '../../core/exchange/errors';
import { appendCapped, Coalescer, mergeByKey } from './coalescer';
import { Feed } from './feed';
import { ConnectionPool } from './pool';
import { ExchangeRequestError, executeRequest } from './retry';

class KindError extends Error {
  constructor(
    readonly kind: ExchangeErrorKind,
    readonly retryAfterMs?: number,
  ) {
    super(kind);
  }
}
const classify = (e: unknown): ClassifiedError => ({ kind: (e as KindError).kind, message: String(e), retryAfterMs: (e as KindError).retryAfterMs });

function failing(kinds: (ExchangeErrorKind | 'ok')[], retryAfterMs?: number) {
  let calls = 0;
  return {
    fn: async () => {
      const k = kinds[Math.min(calls++, kinds.length - 1)]!;
      if (k === 'ok') return 'done';
      throw new KindError(k, retryAfterMs);
    },
    calls: () => calls,
  };
}

describe('executeRequest', () => {
  const opts = { maxRetries: 4, baseDelay: 100, maxDelay: 1000 };
  const noSleep = async () => undefined;

  it('retries network-class failures with growing delays until success', async () => {
    const f = failing(['timeout', 'unavailable', 'network', 'ok']);
    const waits: number[] = [];
    const got = await executeRequest(f.fn, opts, { classify, sleep: async (ms) => void waits.push(ms), random: () => 1 });
    expect(got).toBe('done');
    expect(f.calls()).toBe(4);
    expect(waits).toEqual([100, 200, 400]);
  });

  it('gives up after maxRetries with the last classification', async () => {
    const f = failing(['network']);
    const err = await executeRequest(f.fn, { ...opts, maxRetries: 2 }, { classify, sleep: noSleep }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ExchangeRequestError);
    expect((err as ExchangeRequestError).attempts).toBe(3);
    expect(f.calls()).toBe(3);
  });

  for (const kind of ['invalid-order', 'insufficient-funds', 'auth', 'bad-request'] as const) {
    it(`never retries ${kind}`, async () => {
      const f = failing([kind, 'ok']);
      await expect(executeRequest(f.fn, opts, { classify, sleep: noSleep })).rejects.toMatchObject({ classified: { kind } });
      expect(f.calls()).toBe(1);
    });
  }

  it('waits at least Retry-After and reports each retry', async () => {
    const f = failing(['rate-limit', 'ok'], 3000);
    const seen: number[] = [];
    await executeRequest(f.fn, { ...opts, onRetry: (i) => seen.push(i.delayMs) }, { classify, sleep: noSleep, random: () => 0 });
    expect(seen).toEqual([3000]);
  });

  it('resends a non-idempotent request only when it was refused before executing', async () => {
    const limited = failing(['rate-limit', 'ok']);
    expect(await executeRequest(limited.fn, opts, { classify, idempotent: false, sleep: noSleep })).toBe('done');
    const timedOut = failing(['timeout', 'ok']);
    await expect(executeRequest(timedOut.fn, opts, { classify, idempotent: false, sleep: noSleep })).rejects.toBeInstanceOf(ExchangeRequestError);
    expect(timedOut.calls()).toBe(1);
  });
});

describe('ConnectionPool', () => {
  it('bounds concurrency and serves waiters in order', async () => {
    const pool = new ConnectionPool(2);
    let active = 0;
    let peak = 0;
    const order: number[] = [];
    await Promise.all(
      Array.from({ length: 6 }, (_, i) =>
        pool.run(async () => {
          active++;
          peak = Math.max(peak, active);
          order.push(i);
          await new Promise((r) => setTimeout(r, 5));
          active--;
        }),
      ),
    );
    expect(peak).toBe(2);
    expect(order).toEqual([0, 1, 2, 3, 4, 5]);
    expect(pool.stats()).toEqual({ active: 0, waiting: 0, size: 2 });
    expect(() => pool.release()).toThrow(/without a matching acquire/);
  });
});

describe('Coalescer', () => {
  it('emits at most once per interval with the merged state, and nothing after stop', async () => {
    const out: number[][] = [];
    const c = new Coalescer<number[]>(40, appendCapped(3), (s) => out.push(s));
    c.push([1]);
    c.push([2]);
    c.push([3, 4, 5]);
    expect(out).toEqual([[1]]);
    await new Promise((r) => setTimeout(r, 60));
    expect(out).toEqual([[1], [3, 4, 5]]);
    c.push([6]);
    c.stop();
    await new Promise((r) => setTimeout(r, 60));
    expect(out).toHaveLength(2);
  });

  it('mergeByKey keeps the latest per key', () => {
    const m = mergeByKey((x: { k: string; v: number }) => x.k, 10);
    expect(m([{ k: 'a', v: 1 }], [{ k: 'a', v: 2 }, { k: 'b', v: 3 }])).toEqual([{ k: 'a', v: 2 }, { k: 'b', v: 3 }]);
  });
});

describe('Feed', () => {
  it('watches again after a failure (reconnect), and stop ends it at once', async () => {
    let n = 0;
    const states: string[] = [];
    const data: number[] = [];
    let unwatched = 0;
    const feed = new Feed<number>({
      watch: async () => {
        n++;
        await new Promise((r) => setTimeout(r, 2));
        if (n === 3) throw new Error('socket closed');
        return n;
      },
      unwatch: async () => void unwatched++,
      onData: (d) => data.push(d),
      onState: (s) => states.push(s),
      baseDelay: 10,
      maxDelay: 10,
      random: () => 0,
    });
    await new Promise((r) => setTimeout(r, 60));
    feed.stop();
    await feed.done;
    expect(data.slice(0, 3)).toEqual([1, 2, 4]);
    expect(states.slice(0, 4)).toEqual(['connecting', 'open', 'reconnecting', 'open']);
    expect(states.at(-1)).toBe('closed');
    expect(unwatched).toBe(1);
  });
});
