import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { OrderBook } from './book';
import { interleavedChecksumText } from './crc32';
import { tickGrid, tickIndex, tickPrice } from './tick-grid';
import { TickBookSide } from './tick-side';

const flat = (levels: [number, number][]) => new Float64Array(levels.flat());
const levelsOf = (side: { count: number; priceAt(r: number): number; sizeAt(r: number): number }): [number, number][] =>
  Array.from({ length: side.count }, (_, r) => [side.priceAt(r), side.sizeAt(r)]);

describe('tickGrid', () => {
  it('holds decimal ticks as integer units over a power of ten and round-trips exact prices', () => {
    expect(tickGrid(0.01)).toMatchObject({ units: 1, scale: 100 });
    expect(tickGrid(0.5)).toMatchObject({ units: 5, scale: 10 });
    expect(tickGrid(2.5e-7)).toMatchObject({ units: 25, scale: 1e8 });
    expect(tickGrid(5)).toMatchObject({ units: 5, scale: 1 });
    const g = tickGrid(0.1);
    expect(3 * 0.1).not.toBe(0.3); // why the grid divides by a power of ten instead of multiplying
    expect(tickPrice(g, 3)).toBe(0.3);
    expect(tickIndex(g, 0.3)).toBe(3);
    expect(tickIndex(g, 0.30000000000000004)).toBeNaN();
    expect(tickIndex(g, 0.35)).toBeNaN();
    expect(tickIndex(g, NaN)).toBeNaN();
    expect(tickIndex(g, Infinity)).toBeNaN();
  });

  it('rejects tick sizes that are not positive finite decimals', () => {
    for (const bad of [0, -0.01, NaN, Infinity, 1e-20]) expect(() => tickGrid(bad)).toThrow(RangeError);
  });
});

describe('TickBookSide', () => {
  it('finds the next best level across bitmap words when the best is removed, down to empty', () => {
    // Window of 512 ticks with 1000 at slot 384 (bitmap word 12); 968 and 900 sit in words 11 and 8, 31 below the window.
    const bids = new TickBookSide(true, tickGrid(1), { span: 512 });
    bids.load(flat([[1000, 1], [968, 2], [900, 3], [31, 4]]));
    expect(bids.set(1000, 0)).toBe(1);
    expect(bids.best()).toBe(968);
    bids.set(968, 0);
    expect(bids.best()).toBe(900);
    bids.set(900, 0);
    expect(bids.best()).toBe(31); // 869 ticks down, below the window: from the far levels
    bids.set(31, 0);
    expect(bids.count).toBe(0);
    expect(bids.best()).toBeNaN();
    expect(bids.isValid()).toBe(true);
  });

  it('reports the lowest window level as the worst price of a walk that takes every level, at either end of a bitmap word', () => {
    // Span 512, tick 1: the first level sits at slot 384, so bid slot 0 is 616 and slot 31 (bit 31 of word 0) is 647.
    const out = new Float64Array(2);
    const bids = new TickBookSide(true, tickGrid(1), { span: 512 });
    bids.load(flat([[1000, 1], [647, 2], [616, 3]]));
    expect(bids.walk(100, out)).toBe(94);
    expect([...out]).toEqual([1000 + 2 * 647 + 3 * 616, 616]);
    // Word 0 holding only bit 31 is int32 -2³¹.
    bids.load(flat([[1000, 1], [647, 2]]));
    expect(bids.walk(100, out)).toBe(97);
    expect([...out]).toEqual([1000 + 2 * 647, 647]);
    // Asks: slot 0 is the worst price, 1384; slot 31 is 1353.
    const asks = new TickBookSide(false, tickGrid(1), { span: 512 });
    asks.load(flat([[1000, 1], [1353, 2], [1384, 3]]));
    expect(asks.walk(7, out)).toBe(1);
    expect([...out]).toEqual([1000 + 2 * 1353 + 3 * 1384, 1384]);
    // A fill that stops inside the window reports the level it stopped on; an empty side reports nothing.
    expect(asks.walk(2, out)).toBe(0);
    expect([...out]).toEqual([1000 + 1353, 1353]);
    asks.clear();
    expect(asks.walk(2, out)).toBe(2);
    expect(out[0]).toBe(0);
    expect(out[1]).toBeNaN();
  });

  it('ignores removal of a missing level, on or off the grid, without leaving the grid', () => {
    const asks = new TickBookSide(false, tickGrid(0.01));
    asks.load(flat([[10.01, 1], [10.02, 2]]));
    expect(asks.set(10.03, 0)).toBe(0);
    expect(asks.set(10.015, 0)).toBe(0);
    expect(asks.set(1e9, 0)).toBe(0);
    expect(asks.onGrid).toBe(true);
    expect(levelsOf(asks)).toEqual([[10.01, 1], [10.02, 2]]);
  });

  it('falls back to a sorted side on an off-grid price, keeps every level, and returns to the grid on the next load', () => {
    const bids = new TickBookSide(true, tickGrid(0.01));
    bids.load(flat([[100, 1], [99.99, 2], [99.5, 3]]));
    expect(bids.set(99.995, 7)).toBe(0);
    expect(bids.onGrid).toBe(false);
    expect(levelsOf(bids)).toEqual([[100, 1], [99.995, 7], [99.99, 2], [99.5, 3]]);
    bids.set(100, 0);
    expect(bids.best()).toBe(99.995);
    expect(bids.isValid()).toBe(true);
    bids.load(flat([[50, 1]]));
    expect(bids.onGrid).toBe(true);
    expect(levelsOf(bids)).toEqual([[50, 1]]);
    bids.load(flat([[50, 1], [49.999, 2]]));
    expect(bids.onGrid).toBe(false);
    expect(levelsOf(bids)).toEqual([[50, 1], [49.999, 2]]);
  });

  it('answers depth, impact and stats from the fallback when a snapshot arrives off the grid', () => {
    const book = new OrderBook({ tickSize: 0.01 });
    book.loadSnapshot(flat([[100.005, 7], [100, 1], [99.99, 2]]), flat([[100.02, 3], [100.5, 4]]));
    expect((book.bids as TickBookSide).onGrid).toBe(false);
    // mid 100.0125; ±1 bps is ±0.0100125: bids from 100.0025 up, asks up to 100.0225.
    expect(book.getDepthInBand(1)).toMatchObject({ bidSize: 7, bidNotional: 7 * 100.005, askSize: 3, askNotional: 3 * 100.02 });
    expect(book.calculateMarketImpact(8, 'sell')).toMatchObject({ filled: 8, worstPrice: 100, notional: 7 * 100.005 + 100 });
    expect(book.getStats({ levels: 2 })).toMatchObject({ bidLiquidity: 10, askLiquidity: 7, bidLevels: 3, askLevels: 2 });
  });

  it('re-centres its window as the market moves up and down, keeping levels below it', () => {
    // A 64-tick window puts the best level at slot 48: 48 ticks of room below, 15 above.
    const bids = new TickBookSide(true, tickGrid(1), { span: 64 });
    bids.load(flat([[1000, 1], [990, 2], [960, 3], [900, 4]]));
    bids.set(1030, 5); // above the window: it moves up and 960, 990 drop below it
    bids.set(1100, 6);
    expect(bids.levelsInWindow).toBe(1); // a 70-tick jump: everything else is now below the window
    expect(levelsOf(bids)).toEqual([[1100, 6], [1030, 5], [1000, 1], [990, 2], [960, 3], [900, 4]]);
    for (const p of [1100, 1030, 1000, 990]) bids.set(p, 0);
    bids.set(950, 8); // the window is empty, the market is down here: it moves back down
    bids.set(955, 9);
    expect(bids.levelsInWindow).toBe(3); // 960 came back into the window; 900 stays below it
    expect(levelsOf(bids)).toEqual([[960, 3], [955, 9], [950, 8], [900, 4]]);
    expect(bids.set(960, 0)).toBe(3);
    expect(bids.best()).toBe(955);
    expect(bids.isValid()).toBe(true);
  });

  it('sums size and notional within a price limit into a caller array, across the window and the levels below it', () => {
    // 64-tick window: the best bid 1000 sits at slot 48, so 998 and 990 are in the window and 900 is below it.
    const bids = new TickBookSide(true, tickGrid(1), { span: 64 });
    bids.load(flat([[1000, 1.5], [998, 2], [990, 4], [900, 8]]));
    expect(bids.levelsInWindow).toBe(3);
    const out = new Float64Array(2);
    bids.sumWithin(995, out);
    expect([...out]).toEqual([3.5, 1000 * 1.5 + 998 * 2]);
    bids.sumWithin(900, out);
    expect([...out]).toEqual([15.5, 1500 + 1996 + 3960 + 7200]);
    bids.sumWithin(1001, out);
    expect([...out]).toEqual([0, 0]);
    bids.sumWithin(NaN, out); // every level passes a NaN limit, as with the sorted side
    expect(out[0]).toBe(15.5);
    // Asks on a 0.5 grid: 10 and 10.5 in the window, 40 below it; the limit is the worst price taken.
    const asks = new TickBookSide(false, tickGrid(0.5), { span: 64 });
    asks.load(flat([[10, 1], [10.5, 2], [40, 3]]));
    asks.sumWithin(10.5, out);
    expect([...out]).toEqual([3, 10 + 21]);
    asks.sumWithin(39.5, out);
    expect([...out]).toEqual([3, 31]);
    asks.sumWithin(40, out);
    expect([...out]).toEqual([6, 31 + 120]);
    expect(asks.volumeWithin(40)).toEqual({ size: 6, notional: 151 });
  });

  it('loads an unsorted snapshot with duplicates and zero sizes as per-level sets would, re-anchoring on the true best', () => {
    const bids = new TickBookSide(true, tickGrid(1), { span: 64 });
    // The first level is not the best: 1000 lands above a window placed from 950, so the load starts over.
    bids.load(flat([[950, 1], [1000, 2], [950, 3], [960, 0], [990, 0], [900, 4]]));
    expect(levelsOf(bids)).toEqual([[1000, 2], [950, 3], [900, 4]]);
    expect(bids.best()).toBe(1000);
    expect(bids.isValid()).toBe(true);
    // A reload replaces every level, whether the window stays or moves.
    bids.load(flat([[1001, 5], [999, 6]]));
    expect(levelsOf(bids)).toEqual([[1001, 5], [999, 6]]);
    bids.load(flat([[1030, 7], [700, 8]]));
    expect(levelsOf(bids)).toEqual([[1030, 7], [700, 8]]);
    expect(bids.isValid()).toBe(true);
  });

  it('keeps the exchange text of every level and reports the text a set replaced', () => {
    const asks = new TickBookSide(false, tickGrid(0.1), { span: 64, keepText: true });
    asks.load(flat([[10.1, 1.5], [10.2, 2], [3, 4]]), ['10.1:1.50', '10.2:2.0', '3.0:4']);
    expect([asks.textAt(0), asks.textAt(1), asks.textAt(2)]).toEqual(['3.0:4', '10.1:1.50', '10.2:2.0']);
    asks.set(10.1, 0);
    expect(asks.replacedText).toBe('10.1:1.50');
    asks.set(10.3, 1, '10.30:1');
    expect(asks.replacedText).toBeUndefined();
    expect([asks.textAt(0), asks.textAt(1), asks.textAt(2)]).toEqual(['3.0:4', '10.2:2.0', '10.30:1']);
  });
});

/** Random walks of a two-sided book over a drifting market, some of it off the grid. */
const step = fc.record({
  isBid: fc.boolean(),
  /** Ticks away from the current mid, mostly near it. */
  distance: fc.oneof(fc.integer({ min: 1, max: 20 }), fc.integer({ min: 1, max: 600 })),
  size: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 50 })),
  drift: fc.integer({ min: -3, max: 3 }),
  offGrid: fc.integer({ min: 0, max: 199 }),
});
const cents = (n: number) => Number((n / 100).toFixed(2));

describe('tick-indexed book against the sorted book (property)', () => {
  it('agrees level for level, text for text, and in every query, whatever the drift and the odd off-grid price', () => {
    fc.assert(
      fc.property(fc.array(step, { minLength: 50, maxLength: 500 }), fc.boolean(), (steps, allowOffGrid) => {
        const sorted = new OrderBook({ keepText: true });
        const tick = new OrderBook({ keepText: true, tickSize: 0.01, tickSpan: 64 });
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
        if (!allowOffGrid) expect((tick.bids as TickBookSide).onGrid && (tick.asks as TickBookSide).onGrid).toBe(true);
        // Same levels summed in the same order: the queries agree exactly, not just closely.
        expect(tick.getDepthInBand(30)).toEqual(sorted.getDepthInBand(30));
        expect(tick.getStats({ levels: 7, bandBps: 5 })).toEqual(sorted.getStats({ levels: 7, bandBps: 5 }));
        for (const side of ['buy', 'sell'] as const) {
          expect(tick.calculateMarketImpact(250, side)).toEqual(sorted.calculateMarketImpact(250, side));
        }
        const n = 30;
        const [tp, ts, sp, ss] = [new Float64Array(n), new Float64Array(n), new Float64Array(n), new Float64Array(n)];
        expect(tick.bids.writeTop(n, tp, ts)).toBe(sorted.bids.writeTop(n, sp, ss));
        expect([tp, ts]).toEqual([sp, ss]);
      }),
      { numRuns: 150 },
    );
  });
});
