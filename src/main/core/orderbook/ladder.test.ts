import { describe, expect, it } from 'vitest';
import { incrementDecimals, ladderRows } from './ladder';
import { BookSide } from './side';

function side(isBid: boolean, levels: [number, number][]): BookSide {
  const s = new BookSide(isBid);
  s.load(Float64Array.from(levels.flat()));
  return s;
}

describe('ladderRows', () => {
  const bids = side(true, [
    [100.07, 1],
    [100.03, 2],
    [99.98, 0.5],
    [99.91, 4],
    [99.5, 3],
  ]);
  const asks = side(false, [
    [100.11, 1.5],
    [100.19, 1],
    [100.2, 2],
    [100.31, 0.25],
  ]);

  it('lists raw levels best first with a running total', () => {
    expect(ladderRows(bids, 3)).toEqual([
      [100.07, 1, 1],
      [100.03, 2, 3],
      [99.98, 0.5, 3.5],
    ]);
    expect(ladderRows(asks, 10).map((r) => r[2])).toEqual([1.5, 2.5, 4.5, 4.75]);
  });

  it('groups bids down and asks up into price buckets', () => {
    // 0.1 buckets: bids 100.07,100.03 → 100.0; 99.98,99.91 → 99.9; 99.5 → 99.5
    expect(ladderRows(bids, 10, 0.1)).toEqual([
      [100, 3, 3],
      [99.9, 4.5, 7.5],
      [99.5, 3, 10.5],
    ]);
    // asks: 100.11,100.19,100.2 → 100.2 (100.2 is exactly on the bucket); 100.31 → 100.4
    expect(ladderRows(asks, 10, 0.1)).toEqual([
      [100.2, 4.5, 4.5],
      [100.4, 0.25, 4.75],
    ]);
    expect(ladderRows(bids, 2, 1)).toEqual([
      [100, 3, 3],
      [99, 7.5, 10.5],
    ]);
  });

  it('stops after the requested number of buckets and handles an empty side', () => {
    expect(ladderRows(bids, 1, 0.1)).toEqual([[100, 3, 3]]);
    expect(ladderRows(new BookSide(true), 5, 0.1)).toEqual([]);
  });

  it('knows the decimals of an increment', () => {
    expect([0.01, 0.1, 1, 5, 0.5, 2.5e-7, 10].map(incrementDecimals)).toEqual([2, 1, 0, 0, 1, 8, 0]);
    expect(() => incrementDecimals(0)).toThrow(/positive/);
  });
});
