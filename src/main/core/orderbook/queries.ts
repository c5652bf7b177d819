/**
 * The hot read-side queries of OrderBook (market impact, depth in band), kept as plain functions over
 * the sides' arrays, small enough for V8 to inline into the caller.
 */
import type { Side } from '../../../shared/domain/market';
import type { MarketImpact } from './book';
import type { BookSide } from './side';

/**
 * The last market-impact walk: notional, worst price (NaN when nothing filled), best price and mid
 * (NaN when absent). A typed array so the doubles are never boxed on their way to the report.
 */
export const walked = new Float64Array(4);
export const WALK_NOTIONAL = 0;
export const WALK_WORST = 1;
export const WALK_BEST = 2;
export const WALK_MID = 3;
/** The last depth in band: mid, then size and notional of the bids and of the asks within the band. */
export const depth = new Float64Array(5);
export const DEPTH_MID = 0;
export const DEPTH_BID_SIZE = 1;
export const DEPTH_BID_NOTIONAL = 2;
export const DEPTH_ASK_SIZE = 3;
export const DEPTH_ASK_NOTIONAL = 4;

export function badImpactAmount(amount: number): never {
  throw new RangeError(`market impact: amount must be a positive number, got ${amount}`);
}

/** Walks the side a `side` order takes from into `walked`; returns the amount left unfilled. */
export function sortedImpactWalk(bids: BookSide, asks: BookSide, amount: number, side: Side): number {
  const book = side === 'buy' ? asks : bids;
  walked[WALK_BEST] = book.best();
  walked[WALK_MID] = bids.count > 0 && asks.count > 0 ? (bids.best() + asks.best()) / 2 : NaN;
  return sortedWalk(book, amount, walked);
}

/** The report of the walk in `walked` for anything but a fill against a two-sided book: the absent figures are null. */
export function impactWithNulls(side: Side, amount: number, remaining: number): MarketImpact {
  const notional = walked[WALK_NOTIONAL]!;
  const worstPrice = walked[WALK_WORST]!;
  const bestPrice = walked[WALK_BEST]!;
  const mid = walked[WALK_MID]!;
  const filled = amount - remaining;
  const averagePrice = filled > 0 ? notional / filled : null;
  const hasBest = !Number.isNaN(bestPrice);
  const direction = side === 'buy' ? 1 : -1;
  // The same keys in the same order as the common-case literal in OrderBook, so the same hidden class.
  return {
    side,
    requested: amount,
    filled,
    averagePrice,
    worstPrice: Number.isNaN(worstPrice) ? null : worstPrice,
    bestPrice: hasBest ? bestPrice : null,
    mid: Number.isNaN(mid) ? null : mid,
    notional,
    slippageVsBestPct: averagePrice !== null && hasBest ? ((direction * (averagePrice - bestPrice)) / bestPrice) * 100 : null,
    slippageVsMidPct: averagePrice !== null && mid > 0 ? ((direction * (averagePrice - mid)) / mid) * 100 : null,
    insufficientLiquidity: remaining > 0,
  };
}

/**
 * A market order's walk over a sorted side from its best level: returns the amount left unfilled and
 * writes the notional and the worst price reached (NaN when nothing filled) into out[0] and out[1]. The remaining
 * amount is the loop's serial dependency; every level but the last subtracts its whole size, so the
 * partial fill is a predictable branch instead of a min on that chain. Same arithmetic as
 * `take = min(remaining, size); notional += take·key; remaining −= take`, to the last bit.
 */
export function sortedWalk(book: BookSide, amount: number, out: Float64Array): number {
  let remaining = amount;
  let notional = 0;
  const levels = book.levels;
  // A vacated slot (size 0) adds nothing and cannot end the walk: `remaining` is positive until the break.
  let i = 2 * book.slots - 2;
  for (; i >= 0; i -= 2) {
    const key = levels[i]!;
    const level = levels[i + 1]!;
    if (!(level < remaining)) {
      notional += remaining * key;
      remaining = 0;
      break;
    }
    notional += level * key;
    remaining -= level;
  }
  // The loop stopped on the level that filled the rest, or ran past the worst level (the lowest slot that is not vacated).
  if (i < 0) for (i = 0; i < 2 * book.slots - 2 && levels[i + 1] === 0; i += 2);
  const worstKey = book.count > 0 ? levels[i]! : NaN;
  out[0] = book.isBid ? notional : -notional;
  out[1] = book.isBid ? worstKey : -worstKey;
  return remaining;
}

/** Size [0] and key-weighted notional [1] of the last band sum. */
const band = new Float64Array(2);

/**
 * Sums the sizes and size × key of the slots from `top` (an index into interleaved [key, size]) down
 * while the key stays at or above `limitKey` (a NaN limit passes every slot), into `band`. Two running
 * sums, for alternate levels, so each add waits on the one two levels back: the walk runs at the
 * adder's throughput instead of its latency (one chain made the adds ≈ all of the time). Vacated
 * slots add zeros, but they decide which sum each level below them joins: two sides holding the same
 * levels with vacated slots in different places can differ in the last bit.
 */
function bandSum(k: Float64Array, top: number, limitKey: number): void {
  let size0 = 0;
  let size1 = 0;
  let notional0 = 0;
  let notional1 = 0;
  let i = top;
  // Keys descend from the top, so when the second of a pair is in the band the first is too.
  for (; i >= 2; i -= 4) {
    const key1 = k[i - 2]!;
    if (key1 < limitKey) break;
    const key0 = k[i]!;
    const s0 = k[i + 1]!;
    const s1 = k[i - 1]!;
    size0 += s0;
    notional0 += s0 * key0;
    size1 += s1;
    notional1 += s1 * key1;
  }
  // At most one more slot qualifies: the first of the pair that stopped the loop, or slot 0.
  if (i >= 0 && !(k[i]! < limitKey)) {
    const s = k[i + 1]!;
    size0 += s;
    notional0 += s * k[i]!;
  }
  band[0] = size0 + size1;
  band[1] = notional0 + notional1;
}

/**
 * Depth in band over two sorted sides (interleaved [key, size], best level last; bid keys are
 * prices, ask keys negated prices). Each side is walked from its best level until a level leaves the
 * band. The band sits at the top of the book, so the walk touches only the levels it sums; finding
 * the band's edge by search first cost more than the sums.
 */
export function sortedDepthInBand(bids: BookSide, asks: BookSide, bandBps: number, out: Float64Array): void {
  const b = bids.levels;
  const a = asks.levels;
  const bidTop = 2 * bids.slots - 2;
  const askTop = 2 * asks.slots - 2;
  // bid + (−askKey) as in getMid(); x − y is exactly x + (−y).
  const mid = (b[bidTop]! - a[askTop]!) / 2;
  const offset = (mid * bandBps) / 10_000;
  out[DEPTH_MID] = mid;
  bandSum(b, bidTop, mid - offset);
  out[DEPTH_BID_SIZE] = band[0]!;
  out[DEPTH_BID_NOTIONAL] = band[1]!;
  bandSum(a, askTop, -(mid + offset));
  out[DEPTH_ASK_SIZE] = band[0]!;
  out[DEPTH_ASK_NOTIONAL] = 0 - band[1]!; // 0 − x, not −x: an empty band is +0 on both sides
}
