import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { OrderBook, type OrderBookOptions } from './book';

const flat = (levels: [number, number][]) => new Float64Array(levels.flat());

/**
 * Every behaviour below holds whether levels are found by search alone or looked up by tick first.
 */
const IMPLEMENTATIONS: [string, (opts: OrderBookOptions) => OrderBook][] = [
  ['search alone', (opts) => new OrderBook(opts)],
  ['tick lookup', (opts) => new OrderBook({ ...opts, tickSize: 0.05 })],
];

describe.each(IMPLEMENTATIONS)('OrderBook with %s', (_name, newBook) => {
  function sample(): OrderBook {
    const book = newBook({});
    book.loadSnapshot(
      flat([
        [100, 2],
        [99, 3],
      ]),
      flat([
        [101, 1],
        [102, 4],
      ]),
    );
    return book;
  }

  describe('OrderBook queries', () => {
    it('reports best prices, spread, mid and imbalance', () => {
      const s = sample().getStats({ levels: 1, bandBps: 100 });
      expect(s.bestBid).toBe(100);
      expect(s.bestAsk).toBe(101);
      expect(s.spread).toBe(1);
      expect(s.mid).toBe(100.5);
      expect(s.spreadBps).toBeCloseTo(99.50248756, 6);
      expect(s.imbalance).toBeCloseTo(1 / 3, 12); // (2 − 1) / (2 + 1)
      expect(s.imbalanceInBand).toBeCloseTo(1 / 3, 12); // only 100 and 101 sit within ±1.005 of 100.5
      expect(s.bidLiquidity).toBe(5);
      expect(s.askLiquidity).toBe(5);
      expect(sample().getStats({ levels: 10 }).imbalance).toBe(0);
    });

    it('measures depth within a basis-point band of mid', () => {
      const d = sample().getDepthInBand(100)!;
      expect(d).toMatchObject({ bidSize: 2, bidNotional: 200, askSize: 1, askNotional: 101 });
      const wide = sample().getDepthInBand(200)!; // ±2.01 → 99 and 102 join
      expect(wide).toMatchObject({ bidSize: 5, bidNotional: 497, askSize: 5, askNotional: 509 });
    });

    it('computes market impact with slippage against best and mid', () => {
      const buy = sample().calculateMarketImpact(3, 'buy');
      expect(buy.filled).toBe(3);
      expect(buy.averagePrice).toBeCloseTo(305 / 3, 10);
      expect(buy.worstPrice).toBe(102);
      expect(buy.slippageVsBestPct).toBeCloseTo(0.660066, 5);
      expect(buy.slippageVsMidPct).toBeCloseTo(1.160862, 5);
      expect(buy.insufficientLiquidity).toBe(false);
      const sell = sample().calculateMarketImpact(4, 'sell');
      expect(sell.averagePrice).toBeCloseTo(398 / 4, 10); // 2@100 + 2@99
      expect(sell.slippageVsBestPct).toBeCloseTo(0.5, 10);
      const thin = sample().calculateMarketImpact(10, 'buy');
      expect(thin).toMatchObject({ filled: 5, insufficientLiquidity: true, worstPrice: 102 });
      expect(() => sample().calculateMarketImpact(-1, 'buy')).toThrow(/positive/);
    });

    it('removes with size 0, ignores removal of a missing level, and grows past its capacity', () => {
      const book = newBook({ capacity: 16 });
      for (let i = 1; i <= 100; i++) book.setLevel(true, i, i);
      expect(book.bids.count).toBe(100);
      expect(book.getBestBid()).toBe(100);
      book.setLevel(true, 100, 0);
      book.setLevel(true, 1000, 0);
      expect(book.getBestBid()).toBe(99);
      expect(book.bids.count).toBe(99);
      expect(book.isConsistent()).toBe(true);
    });

    it('sorts an unsorted snapshot and merges duplicate prices', () => {
      const book = newBook({});
      book.loadSnapshot(
        flat([
          [99, 1],
          [100, 2],
          [99, 5],
          [98, 0],
        ]),
        flat([]),
      );
      expect(book.getTop(5).bids).toEqual([
        [100, 2],
        [99, 5],
      ]);
    });
  });

  /** The obvious reference: a Map per side, sorted on every read. */
  class NaiveBook {
    bids = new Map<number, number>();
    asks = new Map<number, number>();
    set(isBid: boolean, price: number, size: number): void {
      const side = isBid ? this.bids : this.asks;
      if (size === 0) side.delete(price);
      else side.set(price, size);
    }
    get(isBid: boolean, price: number): number {
      return (isBid ? this.bids : this.asks).get(price) ?? 0;
    }
    levels(isBid: boolean): [number, number][] {
      return [...(isBid ? this.bids : this.asks).entries()].sort((a, b) => (isBid ? b[0] - a[0] : a[0] - b[0]));
    }
  }

  const level = fc.tuple(fc.integer({ min: 1, max: 400 }), fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 1000 })));
  const delta = fc.tuple(fc.boolean(), level);

  describe('OrderBook against a naive reference (property)', () => {
    it('keeps the same levels, best prices and query results for any snapshot + delta stream', () => {
      fc.assert(
        fc.property(fc.array(level, { maxLength: 60 }), fc.array(level, { maxLength: 60 }), fc.array(delta, { maxLength: 300 }), (snapBids, snapAsks, deltas) => {
          // Prices on a 0.05 tick, as exchanges send them, so equal strings give equal doubles.
          const px = (n: number) => Number((n * 0.05).toFixed(2));
          const book = newBook({ capacity: 16 });
          const ref = new NaiveBook();
          const bids: [number, number][] = snapBids.map(([p, s]) => [px(p), s]);
          // Asks 400 ticks up, through the same decimal rounding so they stay exactly on the grid.
          const asks: [number, number][] = snapAsks.map(([p, s]) => [px(p + 400), s]);
          book.loadSnapshot(flat(bids), flat(asks));
          for (const [p, s] of bids) ref.set(true, p, s);
          for (const [p, s] of asks) ref.set(false, p, s);
          for (const [isBid, [p, s]] of deltas) {
            book.setLevel(isBid, px(isBid ? p : p + 400), s);
            ref.set(isBid, px(isBid ? p : p + 400), s);
            expect(book.getBestBid()).toBe(ref.levels(true)[0]?.[0] ?? null);
            expect(book.getBestAsk()).toBe(ref.levels(false)[0]?.[0] ?? null);
          }
          const top = book.getTop(1000);
          expect(top.bids).toEqual(ref.levels(true));
          expect(top.asks).toEqual(ref.levels(false));
          expect(book.bids.isValid() && book.asks.isValid()).toBe(true);
          const amount = 1 + (deltas.length % 50) * 7;
          const impact = book.calculateMarketImpact(amount, 'buy');
          let left = amount;
          let notional = 0;
          for (const [p, s] of ref.levels(false)) {
            const take = Math.min(left, s);
            notional += take * p;
            left -= take;
            if (left === 0) break;
          }
          expect(impact.filled).toBeCloseTo(amount - left, 9);
          expect(impact.notional).toBeCloseTo(notional, 6);
          expect(impact.insufficientLiquidity).toBe(left > 0);
        }),
        { numRuns: 300 },
      );
    });
  });

  describe('BookSide search on uneven books (property)', () => {
    // The search starts from a guess based on the spacing of the best levels; books with a dense top
    // and a sparse tail (or the reverse) make that guess wrong by many levels, which must only cost time.
    const price = fc.oneof(fc.integer({ min: 0, max: 40 }).map((n) => 1000 + n * 0.01), fc.integer({ min: 1, max: 5000 }).map((n) => 1000 - n * 0.37));
    const change = fc.tuple(fc.boolean(), price, fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 9 })));
    it('matches a sorted map after any mix of clustered and far-off levels', () => {
      fc.assert(
        fc.property(fc.array(change, { minLength: 100, maxLength: 600, size: 'max' }), (changes) => {
          const book = newBook({ capacity: 16 });
          const ref = new NaiveBook();
          for (const [isBid, p, s] of changes) {
            // Bids get a dense top over a sparse tail; asks (keys negated) get a sparse top over a dense
            // cluster, so the guess lands too deep on one side and too shallow on the other.
            const q = isBid ? p : p + 1000;
            expect(book.setLevel(isBid, q, s)).toBe(ref.get(isBid, q));
            ref.set(isBid, q, s);
          }
          const top = book.getTop(100_000);
          expect(top.bids).toEqual(ref.levels(true));
          expect(top.asks).toEqual(ref.levels(false));
        }),
        { numRuns: 200 },
      );
    });
  });
});
