import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { OrderBook } from './book';
import { BookSide } from './side';

/** A side as a plain sorted list, best first, with the exchange's text per level. */
class Reference {
  readonly levels = new Map<number, { size: number; text: string }>();
  constructor(readonly isBid: boolean) {}
  set(price: number, size: number, text: string): void {
    if (size === 0) this.levels.delete(price);
    else this.levels.set(price, { size, text });
  }
  sorted(): [number, number, string][] {
    return [...this.levels.entries()].map(([p, l]): [number, number, string] => [p, l.size, l.text]).sort((a, b) => (this.isBid ? b[0] - a[0] : a[0] - b[0]));
  }
}

const px = (n: number) => Number((n * 0.01).toFixed(2));
const flat = (levels: [number, number][]) => new Float64Array(levels.flat());

describe('BookSide with vacated slots', () => {
  // Removals vacate slots; the stream below removes and re-inserts around the top, deep in the side
  // and past the worst level, so vacated slots appear everywhere, get revived, absorb inserts and
  // get squeezed out. After every change the side must read exactly like the reference.
  const change = fc.tuple(fc.integer({ min: 1, max: 300 }), fc.oneof(fc.constant(0), fc.constant(0), fc.integer({ min: 1, max: 50 })));
  for (const isBid of [true, false]) {
    it(`${isBid ? 'bids' : 'asks'}: every rank, text, volume and top-N read matches a sorted list after each change`, () => {
      fc.assert(
        // size 'max': fast-check's default size keeps arrays near minLength (snapshots of ≤ 10 levels),
        // and books that small never carry levels past CARRY slots into the copyWithin path.
        fc.property(fc.array(fc.integer({ min: 1, max: 300 }), { maxLength: 200, size: 'max' }), fc.array(change, { minLength: 50, maxLength: 300, size: 'max' }), (snap, changes) => {
          const side = new BookSide(isBid, { capacity: 16, keepText: true });
          const ref = new Reference(isBid);
          const snapLevels = [...new Set(snap)].map((n) => [px(n), 1 + (n % 7)] as [number, number]).sort((a, b) => (isBid ? b[0] - a[0] : a[0] - b[0]));
          side.load(
            flat(snapLevels),
            snapLevels.map(([p, s]) => `s${p}:${s}`),
          );
          for (const [p, s] of snapLevels) ref.set(p, s, `s${p}:${s}`);
          let step = 0;
          for (const [n, size] of changes) {
            const price = px(n);
            const before = ref.levels.get(price);
            // Leave the rank cursor somewhere before the change and read at or past it first afterwards:
            // a cursor that survived a change it should not have would answer from the old layout.
            const q = side.count > 0 ? (step * 7) % side.count : 0;
            side.priceAt(q);
            const text = `t${step++}`;
            expect(side.set(price, size, text)).toBe(before?.size ?? 0);
            expect(side.replacedText).toBe(before?.text);
            ref.set(price, size, text);
            const want = ref.sorted();
            expect(side.isValid()).toBe(true);
            expect(side.count).toBe(want.length);
            expect(side.best()).toBe(want[0]?.[0] ?? NaN);
            const q2 = q + (step % 3);
            if (q2 < want.length) expect([side.priceAt(q2), side.textAt(q2)]).toEqual([want[q2]![0], want[q2]![2]]);
            // Ranks read in order (the cursor), then one out of order (a fresh walk).
            const got: [number, number, string | undefined][] = [];
            for (let r = 0; r < want.length; r++) got.push([side.priceAt(r), side.sizeAt(r), side.textAt(r)]);
            expect(got).toEqual(want);
            if (want.length > 2) expect(side.priceAt(want.length >> 1)).toBe(want[want.length >> 1]![0]);
            expect(side.priceAt(want.length)).toBeNaN();
            const k = 1 + (step % 9);
            expect(side.volume(k)).toBe(want.slice(0, k).reduce((a, l) => a + l[1], 0));
            const prices = new Float64Array(k);
            const sizes = new Float64Array(k);
            expect(side.writeTop(k, prices, sizes)).toBe(Math.min(k, want.length));
            for (let r = 0; r < Math.min(k, want.length); r++) expect([prices[r], sizes[r]]).toEqual([want[r]![0], want[r]![1]]);
            // Vacated slots never pile up: at most half the levels plus the slack, after every change.
            expect(side.slots).toBeLessThanOrEqual(side.count + (side.count >> 1) + 64);
          }
        }),
        { numRuns: 80 },
      );
    });
  }

  it('a walk past every level reports the worst level, not a vacated slot below it', () => {
    // Asks 101 … 140 (size 1 each); removing any but the best leaves a vacated slot.
    const asks: [number, number][] = [];
    for (let p = 101; p <= 140; p++) asks.push([p, 1]);
    const book = new OrderBook();
    book.loadSnapshot(flat([[99, 1], [98, 1]]), flat(asks));
    for (let p = 121; p <= 140; p++) book.setLevel(false, p, 0); // the worst 20 asks
    expect(book.asks.slots).toBe(40);
    expect(book.asks.count).toBe(20);
    const impact = book.calculateMarketImpact(100, 'buy');
    const notional = (20 * (101 + 120)) / 2;
    expect(impact).toMatchObject({ filled: 20, worstPrice: 120, notional, insufficientLiquidity: true });
    // Depth bands sum over the vacated slots and must not count them.
    expect(book.getDepthInBand(5000)).toMatchObject({ askSize: 20, askNotional: notional, bidSize: 2, bidNotional: 197 });
    expect(book.getTop(100).asks).toEqual(asks.slice(0, 20));
  });

  it('removing the best level drops the vacated slots under it, so the best is always a level', () => {
    const levels: [number, number][] = [];
    for (let p = 40; p >= 1; p--) levels.push([p, 1]);
    const side = new BookSide(true);
    side.load(flat(levels));
    for (let p = 2; p <= 20; p++) side.set(p, 0); // vacated
    expect(side.slots).toBe(40);
    for (let p = 40; p >= 22; p--) side.set(p, 0); // the best, one by one
    expect([side.count, side.slots, side.best()]).toEqual([2, 21, 21]);
    side.set(21, 0); // the best: its slot goes, and the vacated ones under it with it
    expect([side.count, side.slots, side.best()]).toEqual([1, 1, 1]);
    side.set(1, 0);
    expect([side.count, side.slots, side.best()]).toEqual([0, 0, NaN]);
    expect(side.isValid()).toBe(true);
  });

  it('removing the best levels one by one still squeezes out the vacated slots deep in the side', () => {
    const levels: [number, number][] = [];
    for (let p = 1000; p >= 1; p--) levels.push([p, 1]);
    const side = new BookSide(true);
    side.load(flat(levels));
    // 300 of the worst levels vacate (under the bound: 300 ≤ 700 / 2 + 64), then a falling market
    // takes the best 600 levels one at a time, each of them the top slot.
    for (let p = 1; p <= 300; p++) side.set(p, 0);
    expect([side.count, side.slots]).toEqual([700, 1000]);
    for (let p = 1000; p > 400; p--) side.set(p, 0);
    expect(side.count).toBe(100);
    expect(side.slots).toBeLessThanOrEqual(100 + 50 + 64);
    expect(side.isValid()).toBe(true);
    expect([side.priceAt(0), side.priceAt(99), side.volume()]).toEqual([400, 301, 100]);
  });

  it('a read at a fractional or negative rank leaves the ranks after it where they were', () => {
    const side = new BookSide(true);
    side.load(flat([[10, 1], [9, 2], [8, 3], [7, 4], [6, 5], [5, 6]]));
    side.set(8, 0); // a vacated slot, so ranks past 0 are read through the cursor
    side.priceAt(1.5);
    expect([side.priceAt(2), side.sizeAt(2)]).toEqual([7, 4]);
    side.priceAt(-1);
    expect([side.priceAt(1), side.priceAt(3)]).toEqual([9, 6]);
  });

  it('a compaction keeps every text with its level, and the side keeps working after it', () => {
    const levels: [number, number][] = [];
    for (let p = 400; p >= 1; p--) levels.push([p, p % 5 || 5]);
    const side = new BookSide(false, { keepText: true });
    side.load(
      flat(levels),
      levels.map(([p, s]) => `a${p}:${s}`),
    );
    // Asks: the best is the lowest price, so removing the dear ones never touches the top slot.
    const left = new Map(levels.map(([p, s]) => [p, `a${p}:${s}`]));
    for (let p = 400; p > 0 && side.slots === 400; p -= 2) {
      side.set(p, 0);
      left.delete(p);
    }
    expect(side.slots).toBe(side.count); // squeezed out, all of them
    side.set(399.5, 2, 'new'); // between two levels the compaction moved
    left.set(399.5, 'new');
    side.set(3, 0);
    left.delete(3);
    const want = [...left.entries()].sort((a, b) => a[0] - b[0]);
    expect(side.isValid()).toBe(true);
    expect(Array.from({ length: side.count }, (_, r) => [side.priceAt(r), side.textAt(r)])).toEqual(want);
  });

  it('a thinning book squeezes its vacated slots out', () => {
    const levels: [number, number][] = [];
    for (let i = 0; i < 1000; i++) levels.push([1000 - i, 1]);
    const side = new BookSide(true);
    side.load(flat(levels));
    // Remove every level but the best, from the second best down: none of them is the top slot.
    for (let i = 1; i < 1000; i++) side.set(1000 - i, 0);
    expect(side.count).toBe(1);
    expect(side.slots).toBeLessThanOrEqual(1 + 64);
    expect(side.isValid()).toBe(true);
    expect(side.priceAt(0)).toBe(1000);
  });
});
