import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Throttle } from './throttle';

describe('Throttle', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('emits at most once per interval however many marks arrive, and nothing after stop', () => {
    const start = Date.now();
    const times: number[] = [];
    const t = new Throttle(50, () => times.push(Date.now() - start), () => Date.now());
    for (let i = 0; i < 1000; i++) {
      t.mark();
      vi.advanceTimersByTime(1); // a mark every millisecond, t = 0 … 999, clock ends at 1000
    }
    // emits at 0, 50, 100, …, 1000: the last mark (t = 999) is served at t = 1000
    expect(times).toEqual(Array.from({ length: 21 }, (_, i) => i * 50));
    t.stop();
    t.mark();
    vi.advanceTimersByTime(500);
    expect(times).toHaveLength(21);
  });

  it('emits on the next turn after a quiet period, not before', () => {
    let emits = 0;
    const t = new Throttle(50, () => emits++, () => Date.now());
    t.mark();
    t.mark();
    expect(emits).toBe(0);
    vi.advanceTimersByTime(0);
    expect(emits).toBe(1);
    vi.advanceTimersByTime(200);
    t.mark();
    vi.advanceTimersByTime(0);
    expect(emits).toBe(2);
  });
});
