import type { BookSide } from './side';

/** One ladder row: price, size at that price (or price bucket), and size summed from the best level. */
export type LadderRow = [price: number, size: number, cumulative: number];

/** Decimal places of a grouping increment (0.01 → 2, 5 → 0, 2.5e-7 → 7), so bucket prices print exactly. */
export function incrementDecimals(increment: number): number {
  if (!(increment > 0) || !Number.isFinite(increment)) throw new RangeError(`grouping increment must be a positive number, got ${increment}`);
  for (let d = 0; d <= 12; d++) {
    const scaled = increment * 10 ** d;
    if (Math.abs(scaled - Math.round(scaled)) < 1e-9 * Math.max(1, scaled)) return d;
  }
  return 12;
}

/**
 * The best `rows` rows of one side, best first. With an increment, levels are summed into price
 * buckets: bids round down and asks round up, so a bucket never shows a better price than any
 * level inside it and the grouped book cannot look crossed. Walks only as deep as the rows need.
 */
export function ladderRows(side: Pick<BookSide, 'isBid' | 'count' | 'priceAt' | 'sizeAt'>, rows: number, increment: number | null = null): LadderRow[] {
  const out: LadderRow[] = [];
  let cumulative = 0;
  if (increment === null) {
    const n = Math.min(rows, side.count);
    for (let r = 0; r < n; r++) {
      const size = side.sizeAt(r);
      cumulative += size;
      out.push([side.priceAt(r), size, cumulative]);
    }
    return out;
  }
  const decimals = incrementDecimals(increment);
  const factor = 10 ** decimals;
  // bucket arithmetic in integer units of the increment avoids 0.1 + 0.2 drift
  const step = Math.round(increment * factor);
  let bucketKey = NaN;
  let bucketSize = 0;
  for (let r = 0; r < side.count; r++) {
    const units = side.priceAt(r) * factor;
    const key = side.isBid ? Math.floor(units / step + 1e-9) : Math.ceil(units / step - 1e-9);
    if (key !== bucketKey) {
      if (!Number.isNaN(bucketKey)) {
        cumulative += bucketSize;
        out.push([(bucketKey * step) / factor, bucketSize, cumulative]);
        if (out.length === rows) return out;
      }
      bucketKey = key;
      bucketSize = 0;
    }
    bucketSize += side.sizeAt(r);
  }
  if (!Number.isNaN(bucketKey) && out.length < rows) {
    cumulative += bucketSize;
    out.push([(bucketKey * step) / factor, bucketSize, cumulative]);
  }
  return out;
}
