import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { OrderBook, type DepthInBand, type OrderBookOptions } from './book';

const flat = (levels: [number, number][]) => new Float64Array(levels.flat());
const blank = (): DepthInBand => ({ bandBps: 0, mid: 0, bidSize: 0, bidNotional: 0, askSize: 0, askNotional: 0 });

const IMPLEMENTATIONS: [string, OrderBookOptions][] = [
  ['search alone', {}],
  ['tick lookup', { tickSize: 0.25 }],
];

describe.each(IMPLEMENTATIONS)('depth in band with %s', (_name, opts) => {
  // Bids 100 × 2, 99.5 × 3, 99 × 5; asks 100.5 × 1, 101 × 4, 102 × 6: mid 100.25.
  function book(): OrderBook {
    const b = new OrderBook(opts);
    b.loadSnapshot(
      flat([
        [100, 2],
        [99.5, 3],
        [99, 5],
      ]),
      flat([
        [100.5, 1],
        [101, 4],
        [102, 6],
      ]),
    );
    return b;
  }

  it('sums the levels within the band, edges included', () => {
    // ±80 bps of 100.25 is ±0.802: bids ≥ 99.448 (100, 99.5), asks ≤ 101.052 (100.5, 101).
    expect(book().getDepthInBand(80)).toEqual({ bandBps: 80, mid: 100.25, bidSize: 5, bidNotional: 200 + 298.5, askSize: 5, askNotional: 100.5 + 404 });
    // ±74.8129… bps of 100.25 is exactly ±0.75: 99.5 and 101 sit on the edges and count.
    const edge = book().getDepthInBand((0.75 / 100.25) * 10_000)!;
    expect([edge.bidSize, edge.askSize]).toEqual([5, 5]);
    expect(book().getDepthInBand(1)).toMatchObject({ bidSize: 0, bidNotional: 0, askSize: 0, askNotional: 0 });
  });

  it('fills a caller-supplied object without allocating a new one', () => {
    const b = book();
    const out = blank();
    expect(b.getDepthInBandInto(80, out)).toBe(out);
    expect(out).toEqual(b.getDepthInBand(80));
    expect(b.getDepthInBandInto(1000, out)).toBe(out);
    expect(out).toMatchObject({ bandBps: 1000, bidSize: 10, bidNotional: 993.5, askSize: 11, askNotional: 1116.5 });
  });

  it('returns null for a one-sided book and leaves the output untouched', () => {
    const b = new OrderBook(opts);
    b.loadSnapshot(flat([[100, 2]]), new Float64Array(0));
    const out = blank();
    expect(b.getDepthInBand(50)).toBeNull();
    expect(b.getDepthInBandInto(50, out)).toBeNull();
    expect(out).toEqual(blank());
  });

  it('matches a best-first walk of the levels exactly', () => {
    // Sizes in eighths and prices in quarters keep every partial sum exact, so the order the sums are
    // taken in (the walk keeps two running sums) cannot show: any level missed or added does.
    const level = fc.tuple(fc.integer({ min: 1, max: 200 }), fc.integer({ min: 1, max: 1000 }));
    fc.assert(
      fc.property(fc.uniqueArray(level, { selector: (l) => l[0], minLength: 1, maxLength: 40 }), fc.uniqueArray(level, { selector: (l) => l[0], minLength: 1, maxLength: 40 }), fc.integer({ min: 0, max: 500 }), (bidTicks, askTicks, bps) => {
        // Bids at or below 1000, asks above it, on a 0.25 grid; sizes with fractions.
        const bids = bidTicks.map(([t, s]): [number, number] => [1000 - 0.25 * t, s / 8]).sort((x, y) => y[0] - x[0]);
        const asks = askTicks.map(([t, s]): [number, number] => [1000 + 0.25 * t, s / 8]).sort((x, y) => x[0] - y[0]);
        const b = new OrderBook(opts);
        b.loadSnapshot(flat(bids), flat(asks));
        const mid = (bids[0]![0] + asks[0]![0]) / 2;
        const off = (mid * bps) / 10_000;
        const want = { bandBps: bps, mid, bidSize: 0, bidNotional: 0, askSize: 0, askNotional: 0 };
        for (const [p, s] of bids) {
          if (p < mid - off) break;
          want.bidSize += s;
          want.bidNotional += s * p;
        }
        for (const [p, s] of asks) {
          if (p > mid + off) break;
          want.askSize += s;
          want.askNotional += s * p;
        }
        expect(b.getDepthInBand(bps)).toEqual(want);
        expect(b.getDepthInBandInto(bps, blank())).toEqual(want);
      }),
      { numRuns: 200 },
    );
  });
});
