import { Dec, ZERO, str } from './decimal';
import type { Order } from './types';

/** An order resting on the book with what is left of it. */
export interface Resting {
  order: Order;
  price: Dec;
  remaining: Dec;
}

interface Level {
  price: Dec;
  key: string;
  /** FIFO: the head is the oldest order, which fills first (time priority). */
  queue: Resting[];
  total: Dec;
}

/**
 * One side of a symbol's book of real resting orders. Levels are kept sorted with the best level at
 * the END of the array: quotes churn at the top of the book, and pushing/popping at the end costs
 * nothing. Every change of a level's total is remembered in `dirty` until the depth stream flushes it.
 */
export class SideBook {
  private readonly levels: Level[] = [];
  private readonly dirty = new Map<string, Dec>();

  constructor(readonly side: 'bid' | 'ask') {}

  /** True when `a` is a worse price than `b` for this side (sorts before it). */
  private worse(a: Dec, b: Dec): boolean {
    return this.side === 'bid' ? a.lt(b) : a.gt(b);
  }

  /** Index of the level at `price`, or the bitwise complement of where it would be inserted. */
  private find(price: Dec): number {
    let lo = 0;
    let hi = this.levels.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      const p = this.levels[mid]!.price;
      if (p.eq(price)) return mid;
      if (this.worse(p, price)) lo = mid + 1;
      else hi = mid - 1;
    }
    return ~lo;
  }

  add(r: Resting): void {
    let i = this.find(r.price);
    if (i < 0) {
      i = ~i;
      this.levels.splice(i, 0, { price: r.price, key: str(r.price), queue: [], total: ZERO });
    }
    const level = this.levels[i]!;
    level.queue.push(r);
    level.total = level.total.add(r.remaining);
    this.dirty.set(level.key, level.total);
  }

  /** Removes a resting order (cancel or expiry); false when it is not on this side. */
  remove(r: Resting): boolean {
    const i = this.find(r.price);
    if (i < 0) return false;
    const level = this.levels[i]!;
    const at = level.queue.indexOf(r);
    if (at < 0) return false;
    level.queue.splice(at, 1);
    level.total = level.total.sub(r.remaining);
    this.touch(i);
    return true;
  }

  /** The oldest order at the best price, the next one to trade. */
  bestResting(): Resting | undefined {
    return this.levels[this.levels.length - 1]?.queue[0];
  }

  bestPrice(): Dec | undefined {
    return this.levels[this.levels.length - 1]?.price;
  }

  /** Reduces the best order by a fill of `qty`, dropping it (and an emptied level) when done. */
  fillBest(qty: Dec): void {
    const i = this.levels.length - 1;
    const level = this.levels[i]!;
    const head = level.queue[0]!;
    head.remaining = head.remaining.sub(qty);
    level.total = level.total.sub(qty);
    if (head.remaining.isZero()) level.queue.shift();
    this.touch(i);
  }

  private touch(i: number): void {
    const level = this.levels[i]!;
    this.dirty.set(level.key, level.total);
    if (level.queue.length === 0) this.levels.splice(i, 1);
  }

  /** Quantity available at prices at least as good as `limit` (all of it when limit is null). */
  availableUpTo(limit: Dec | null): Dec {
    let sum = ZERO;
    for (let i = this.levels.length - 1; i >= 0; i--) {
      const l = this.levels[i]!;
      if (limit !== null && this.worse(l.price, limit)) break;
      sum = sum.add(l.total);
    }
    return sum;
  }

  /** Walks levels best-first; the visitor returns false to stop. */
  walk(visit: (price: Dec, total: Dec) => boolean): void {
    for (let i = this.levels.length - 1; i >= 0; i--) {
      const l = this.levels[i]!;
      if (!visit(l.price, l.total)) return;
    }
  }

  /** The best `limit` levels as [price, quantity] strings, best first. */
  depth(limit: number): [string, string][] {
    const out: [string, string][] = [];
    for (let i = this.levels.length - 1; i >= 0 && out.length < limit; i--) {
      const l = this.levels[i]!;
      out.push([l.key, str(l.total)]);
    }
    return out;
  }

  get levelCount(): number {
    return this.levels.length;
  }

  /** Levels changed since the last call, with their new totals ("0" for removed levels). */
  takeDirty(): [string, string][] {
    const out: [string, string][] = [];
    for (const [key, total] of this.dirty) out.push([key, str(total)]);
    this.dirty.clear();
    return out;
  }
}
