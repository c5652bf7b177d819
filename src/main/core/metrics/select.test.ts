import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { percentilesInPlace, selectInPlace, tailStats } from './select';

/** numpy's default (linear) percentile on a sorted copy, the reference selection must match. */
function sortedPercentile(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  const pos = p * (s.length - 1);
  const k = Math.floor(pos);
  return k + 1 < s.length ? s[k]! + (pos - k) * (s[k + 1]! - s[k]!) : s[k]!;
}

describe('selection', () => {
  it('puts the k-th smallest value at k with smaller values left and larger right', () => {
    const a = new Float64Array([5, 1, 4, 1, 5, 9, 2, 6, 5, 3]);
    expect(selectInPlace(a, 3)).toBe(3);
    for (let i = 0; i < 3; i++) expect(a[i]).toBeLessThanOrEqual(3);
    for (let i = 4; i < a.length; i++) expect(a[i]).toBeGreaterThanOrEqual(3);
  });

  it('matches sorting for any input and rank, including many duplicates', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -5, max: 5 }), { minLength: 1, maxLength: 200 }), fc.nat(), (xs, r) => {
        const k = r % xs.length;
        const sorted = [...xs].sort((a, b) => a - b);
        expect(selectInPlace(Float64Array.from(xs), k)).toBe(sorted[k]);
      }),
    );
  });

  it('computes several linear-interpolated percentiles at once like numpy', () => {
    // Hand check: sorted [-10,-4,0,1,1,2,2,3,10]; 5th pct at position 0.4 → −10 + 0.4·6 = −7.6.
    const [p5, p1, p95] = percentilesInPlace(Float64Array.from([0, 1, 10, -4, 2, 3, 2, 1, -10]), [0.05, 0.01, 0.95]);
    expect(p5).toBeCloseTo(-7.6, 12);
    expect(p1).toBeCloseTo(-9.52, 12);
    expect(p95).toBeCloseTo(7.2, 12);
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: -1, max: 1, noNaN: true }), { minLength: 1, maxLength: 300 }),
        fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 1, maxLength: 5 }),
        (xs, ps) => {
          const got = percentilesInPlace(Float64Array.from(xs), ps);
          ps.forEach((p, i) => expect(got[i]).toBeCloseTo(sortedPercentile(xs, p), 12));
        },
      ),
    );
  });

  it('returns NaN for an empty buffer and rejects a probability outside [0, 1]', () => {
    expect(percentilesInPlace(new Float64Array(0), [0.05])[0]).toBeNaN();
    expect(() => percentilesInPlace(new Float64Array([1]), [1.5])).toThrow(/outside/);
  });

  it('tail statistics of a large series (sampled brackets) equal the exact sorted values', () => {
    // 120,000 values: a sawtooth with long runs of duplicates, then the same values sorted and
    // reversed (the orders that defeat naive pivots and naive sampling).
    const base = Array.from({ length: 120_000 }, (_, i) => ((i * 7919) % 1000) / 1000 - 0.5 + (i % 3 === 0 ? 0 : 0.25));
    for (const xs of [base, [...base].sort((a, b) => a - b), [...base].sort((a, b) => b - a)]) {
      const x = Float64Array.from(xs);
      const stats = tailStats(x, [0.01, 0.05, 0.95], () => new Float64Array(x.length));
      [0.01, 0.05, 0.95].forEach((p, i) => {
        const q = sortedPercentile(xs, p);
        expect(stats[i]!.value).toBeCloseTo(q, 12);
        const tail = xs.filter((v) => v <= stats[i]!.value);
        expect(stats[i]!.countAtOrBelow).toBe(tail.length);
        expect(stats[i]!.sumAtOrBelow).toBeCloseTo(tail.reduce((a, b) => a + b, 0), 6);
      });
    }
  });

  it('stays exact when most values are tied (a strategy flat most of the time)', () => {
    // 100,000 returns, 90 % exactly 0: the 5th and 95th percentile brackets overlap at 0, the
    // 1st sits in the losses. Then a series where every percentile falls on a run of ties.
    const flat = Array.from({ length: 100_000 }, (_, i) => (i % 10 === 3 ? ((i * 7919) % 2001) / 1000 - 1 : 0));
    const steps = Array.from({ length: 100_000 }, (_, i) => Math.floor(((i * 7919) % 100_000) / 25_000));
    for (const xs of [flat, steps]) {
      const x = Float64Array.from(xs);
      const probs = [0.01, 0.05, 0.5, 0.95];
      const stats = tailStats(x, probs, () => new Float64Array(x.length));
      probs.forEach((p, i) => {
        expect(stats[i]!.value).toBeCloseTo(sortedPercentile(xs, p), 12);
        const tail = xs.filter((v) => v <= stats[i]!.value);
        expect(stats[i]!.countAtOrBelow).toBe(tail.length);
        expect(stats[i]!.sumAtOrBelow).toBeCloseTo(tail.reduce((a, b) => a + b, 0), 6);
      });
      expect(Array.from(x)).toEqual(xs);
    }
  });
});
