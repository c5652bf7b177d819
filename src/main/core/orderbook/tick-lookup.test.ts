import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { OrderBook } from './book';
import { interleavedChecksumText } from './crc32';
import { BookSide } from './side';

const flat = (levels: [number, number][]) => new Float64Array(levels.flat());
const levelsOf = (side: { count: number; priceAt(r: number): number; sizeAt(r: number): number }): [number, number][] =>
  Array.from({ length: side.count }, (_, r) => [side.priceAt(r), side.sizeAt(r)]);

describe('tick lookup', () => {
  it('takes only positive finite tick sizes, and can be turned off again', () => {
    for (const bad of [0, -0.01, NaN, Infinity]) {
      expect(() => new OrderBook({ tickSize: bad })).toThrow(RangeError);
      expect(() => new BookSide(true).useTickSize(bad)).toThrow(/tick size must be a positive finite number/);
    }
    const book = new OrderBook({ tickSize: 0.01 });
    expect(book.tickSize).toBe(0.01);
    book.useTickSize(null);
    expect(book.tickSize).toBeNull();
    expect(() => book.useTickSize(-1)).toThrow(RangeError);
    expect(book.tickSize).toBeNull(); // a refused tick changes nothing
  });

  it('finds a level again after inserts have moved it, and after the side was compacted or reloaded', () => {
    const bids = new BookSide(true);
    bids.useTickSize(1);
    bids.load(flat([[1000, 1], [999, 2], [998, 3], [997, 4]]));
    expect(bids.set(998, 5)).toBe(3); // remembered at its slot
    bids.set(999, 0); // vacated
    bids.set(998.5, 1); // takes over 999's vacated slot, the next one up
    bids.set(1001, 7); // a new best: appended
    bids.set(996, 1); // below everything: carries every level up one slot
    expect(bids.set(998, 6)).toBe(5); // its remembered slot now holds 997: found by search instead
    expect(levelsOf(bids)).toEqual([[1001, 7], [1000, 1], [998.5, 1], [998, 6], [997, 4], [996, 1]]);
    bids.load(flat([[2000, 1], [1998, 2]]));
    expect(bids.set(998, 0)).toBe(0); // gone with the reload, whatever the directory remembered
    expect(bids.set(1998, 3)).toBe(2);
    expect(bids.isValid()).toBe(true);
  });
});

/** Random walks of a two-sided book over a drifting market, some of it off the tick. */
const step = fc.record({
  isBid: fc.boolean(),
  /** Ticks away from the current mid: mostly near it, some far enough that prices share directory entries. */
  distance: fc.oneof(fc.integer({ min: 1, max: 20 }), fc.integer({ min: 1, max: 600 }), fc.integer({ min: 4000, max: 20_000 })),
  size: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 50 })),
  drift: fc.integer({ min: -3, max: 3 }),
  offGrid: fc.integer({ min: 0, max: 199 }),
});
const cents = (n: number) => Number((n / 100).toFixed(2));

describe('a book that looks levels up by tick against one that only searches (property)', () => {
  it('agrees level for level, text for text, and in every query, whatever the drift, the odd off-grid price or a wrong tick size', () => {
    fc.assert(
      fc.property(fc.array(step, { minLength: 50, maxLength: 500 }), fc.boolean(), fc.constantFrom(0.01, 0.01, 0.03, 0.001), (steps, allowOffGrid, tickSize) => {
        const sorted = new OrderBook({ keepText: true });
        const tick = new OrderBook({ keepText: true, tickSize });
        let mid = 100_000; // in cents
        const snapBids: [number, number][] = [];
        const snapAsks: [number, number][] = [];
        for (let i = 1; i <= 40; i++) {
          snapBids.push([cents(mid - 3 * i), i]);
          snapAsks.push([cents(mid + 3 * i), i]);
        }
        sorted.loadSnapshot(flat(snapBids), flat(snapAsks));
        tick.loadSnapshot(flat(snapBids), flat(snapAsks));
        for (const s of steps) {
          mid += s.drift;
          const bestBid = sorted.getBestBid();
          const bestAsk = sorted.getBestAsk();
          let price = cents(s.isBid ? mid - s.distance : mid + s.distance);
          if (allowOffGrid && s.offGrid === 0) price += 0.005;
          if (!(price > 0)) continue;
          // Keep the book uncrossed, as the sync layer does.
          if (s.isBid && bestAsk !== null && price >= bestAsk) continue;
          if (!s.isBid && bestBid !== null && price <= bestBid) continue;
          const text = `${price}:${s.size}`;
          expect(tick.setLevel(s.isBid, price, s.size, text)).toBe(sorted.setLevel(s.isBid, price, s.size, text));
          expect((s.isBid ? tick.bids : tick.asks).replacedText).toBe((s.isBid ? sorted.bids : sorted.asks).replacedText);
          expect(tick.getBestBid()).toBe(sorted.getBestBid());
          expect(tick.getBestAsk()).toBe(sorted.getBestAsk());
        }
        expect(levelsOf(tick.bids)).toEqual(levelsOf(sorted.bids));
        expect(levelsOf(tick.asks)).toEqual(levelsOf(sorted.asks));
        expect(interleavedChecksumText(tick.bids, tick.asks, 25)).toBe(interleavedChecksumText(sorted.bids, sorted.asks, 25));
        expect(tick.isConsistent()).toBe(true);
        expect(tick.getDepthInBand(30)).toEqual(sorted.getDepthInBand(30));
        expect(tick.getStats({ levels: 7, bandBps: 5 })).toEqual(sorted.getStats({ levels: 7, bandBps: 5 }));
        for (const side of ['buy', 'sell'] as const) {
          expect(tick.calculateMarketImpact(250, side)).toEqual(sorted.calculateMarketImpact(250, side));
        }
      }),
      { numRuns: 150 },
    );
  });
});
