/**
 * One side of an order book as a sorted array of interleaved [key, size] pairs. Keys ascend and the
 * best level sits at the END: most deltas touch the top of the book, so inserts and removals there
 * move only the few levels above them (ccxt's OrderBookSide keeps the best level first and shifts
 * the whole side instead). Bids store key = price and asks key = -price, so one ascending search
 * serves both sides. Key and size share one array so a shift is a single copyWithin: V8 runs
 * copyWithin as a runtime call, and one call over both halves of a level costs half of two.
 */

/** Levels to move below which a plain loop beats copyWithin's fixed call cost (measured crossover ≈ 12). */
const SHORT_SHIFT = 8;
/** Levels next to the guess walked one by one before falling back to a binary search. */
const WALK = 4;
/** Best levels whose average spacing predicts where a price sits. */
const SPACING_LEVELS = 128;

/** First level index in [lo, hi) whose key is ≥ `key`, or `hi`; `a` holds interleaved [key, size]. */
function searchRange(a: Float64Array, lo: number, hi: number, key: number): number {
  let base = lo;
  let len = hi - lo;
  while (len > 1) {
    const half = len >>> 1;
    // Arithmetic instead of a branch: the comparison is a coin toss the predictor always loses.
    base += half * +(a[2 * (base + half)]! < key);
    len -= half;
  }
  return base + +(a[2 * base]! < key);
}

/**
 * First level index whose key is ≥ `key`. Prices sit on a tick grid, so the spacing of the best
 * levels predicts the index of most prices to within a level or two: guess, walk a few levels, and
 * only then binary-search the side of the guess that must hold the answer (so the worst case stays
 * logarithmic however uneven the book is). `perKey` is levels per unit of key near the top, a hint
 * only: a stale or wrong value costs steps, never correctness.
 */
function lowerBound(a: Float64Array, n: number, key: number, perKey: number): number {
  if (n === 0) return 0;
  const top = a[2 * n - 2]!;
  if (key >= top) return key === top ? n - 1 : n;
  if (n === 1) return 0;
  const steps = (top - key) * perKey;
  // steps ≥ 0 here; `| 0` keeps the index a small integer (NaN or a far-off guess lands on 0).
  let i = steps < n ? n - 1 - (steps | 0) : 0;
  if (a[2 * i]! < key) {
    // The answer lies above i and at or below n - 1, because the top key exceeds `key`.
    for (let s = 0; s < WALK; s++) {
      i++;
      if (a[2 * i]! >= key) return i;
    }
    return searchRange(a, i + 1, n - 1, key);
  }
  for (let s = 0; s < WALK; s++) {
    if (i === 0 || a[2 * i - 2]! < key) return i;
    i--;
  }
  return searchRange(a, 0, i, key);
}

export class BookSide {
  readonly isBid: boolean;
  private readonly sign: 1 | -1;
  /** Interleaved [key, size] per level, ascending keys, best level last; the first `2 * count` slots are live. */
  levels: Float64Array;
  /** The exchange's own `price:size` text per level, kept only when a checksum needs the original strings. */
  texts: string[] | null;
  /** With texts kept: the text of the level the last `set` replaced or removed (undefined when it inserted). */
  replacedText: string | undefined;
  count = 0;
  /** Levels per unit of key over the best levels: the search's starting guess, refreshed when levels come or go. */
  private perKey = 0;

  constructor(isBid: boolean, opts: { capacity?: number; keepText?: boolean } = {}) {
    this.isBid = isBid;
    this.sign = isBid ? 1 : -1;
    const capacity = Math.max(16, opts.capacity ?? 256);
    this.levels = new Float64Array(2 * capacity);
    this.texts = opts.keepText ? [] : null;
  }

  clear(): void {
    this.count = 0;
    if (this.texts) this.texts.length = 0;
  }

  /** Price at a rank counted from the best level (0 = best); NaN past the end. */
  priceAt(rank: number): number {
    const i = this.count - 1 - rank;
    return i >= 0 ? this.sign * this.levels[2 * i]! : NaN;
  }

  sizeAt(rank: number): number {
    const i = this.count - 1 - rank;
    return i >= 0 ? this.levels[2 * i + 1]! : NaN;
  }

  textAt(rank: number): string | undefined {
    return this.texts?.[this.count - 1 - rank];
  }

  best(): number {
    return this.count > 0 ? this.sign * this.levels[2 * this.count - 2]! : NaN;
  }

  /**
   * Sets one level and returns the size it had before (0 when absent) so a caller can undo.
   * Size 0 removes; removing a missing level is a no-op.
   */
  set(price: number, size: number, text?: string): number {
    const key = this.sign * price;
    let a = this.levels;
    const n = this.count;
    const lo = lowerBound(a, n, key, this.perKey);
    if (lo < n && a[2 * lo] === key) {
      const previous = a[2 * lo + 1]!;
      if (this.texts) this.replacedText = this.texts[lo];
      if (size === 0) {
        if (n - 1 - lo < SHORT_SHIFT) {
          for (let j = 2 * lo; j < 2 * n - 2; j++) a[j] = a[j + 2]!;
        } else {
          a.copyWithin(2 * lo, 2 * lo + 2, 2 * n);
        }
        if (this.texts) this.texts.splice(lo, 1);
        this.count = n - 1;
        this.refreshSpacing();
      } else {
        a[2 * lo + 1] = size;
        if (this.texts) this.texts[lo] = text ?? `${price}:${size}`;
      }
      return previous;
    }
    if (this.texts) this.replacedText = undefined;
    if (size === 0) return 0;
    if (2 * n === a.length) {
      this.grow(2 * n);
      a = this.levels;
    }
    if (n - lo < SHORT_SHIFT) {
      for (let j = 2 * n + 1; j > 2 * lo + 1; j--) a[j] = a[j - 2]!;
    } else {
      a.copyWithin(2 * lo + 2, 2 * lo, 2 * n);
    }
    a[2 * lo] = key;
    a[2 * lo + 1] = size;
    if (this.texts) this.texts.splice(lo, 0, text ?? `${price}:${size}`);
    this.count = n + 1;
    this.refreshSpacing();
    return 0;
  }

  /**
   * Replaces the side with a snapshot given as interleaved [price, size, …] in exchange order.
   * Exchanges send each side best-first, which is our order reversed, so the common case is one
   * linear pass; anything unsorted, duplicated or zero-sized falls back to per-level sets (last one wins).
   */
  load(levels: Float64Array, texts?: readonly string[]): void {
    this.clear();
    const n = levels.length >> 1;
    if (n > this.levels.length >> 1) this.grow(n);
    const a = this.levels;
    const sign = this.sign;
    let count = 0;
    let sorted = true;
    for (let j = n - 1; j >= 0; j--) {
      const size = levels[2 * j + 1]!;
      const key = sign * levels[2 * j]!;
      // A zero size in a snapshot only means something next to a duplicate price: take the careful path.
      if (size === 0 || (count > 0 && key <= a[2 * count - 2]!)) {
        sorted = false;
        break;
      }
      a[2 * count] = key;
      a[2 * count + 1] = size;
      if (this.texts) this.texts.push(texts?.[j] ?? `${levels[2 * j]}:${size}`);
      count++;
    }
    this.count = count;
    this.refreshSpacing();
    if (sorted) return;
    this.clear();
    for (let j = 0; j < n; j++) this.set(levels[2 * j]!, levels[2 * j + 1]!, texts?.[j]);
  }

  /** Index of the worst level priced no worse than `limitPrice` (levels from there to the end qualify). */
  bandStart(limitPrice: number): number {
    return lowerBound(this.levels, this.count, this.sign * limitPrice, this.perKey);
  }

  /** Sum of sizes over the best `levels` levels (all levels when omitted). */
  volume(levels = this.count): number {
    const stop = Math.max(0, this.count - levels);
    const a = this.levels;
    let sum = 0;
    for (let i = this.count - 1; i >= stop; i--) sum += a[2 * i + 1]!;
    return sum;
  }

  /** Size and quote notional of every level priced no worse than `limitPrice`. */
  volumeWithin(limitPrice: number): { size: number; notional: number } {
    const sign = this.sign;
    const a = this.levels;
    const limitKey = sign * limitPrice;
    let size = 0;
    let keyNotional = 0;
    for (let i = 2 * this.count - 2; i >= 0; i -= 2) {
      const key = a[i]!;
      if (key < limitKey) break;
      const s = a[i + 1]!;
      size += s;
      keyNotional += s * key;
    }
    return { size, notional: sign * keyNotional };
  }

  /** Writes the best `n` levels best-first into the output arrays and returns how many were written. */
  writeTop(n: number, prices: Float64Array, sizes: Float64Array): number {
    const m = Math.min(n, this.count, prices.length, sizes.length);
    const a = this.levels;
    for (let r = 0; r < m; r++) {
      const i = 2 * (this.count - 1 - r);
      prices[r] = this.sign * a[i]!;
      sizes[r] = a[i + 1]!;
    }
    return m;
  }

  /** True when keys strictly ascend and every size is positive and finite. */
  isValid(): boolean {
    const a = this.levels;
    for (let i = 0; i < this.count; i++) {
      const s = a[2 * i + 1]!;
      if (!(s > 0) || !Number.isFinite(s) || !Number.isFinite(a[2 * i]!)) return false;
      if (i > 0 && !(a[2 * i - 2]! < a[2 * i]!)) return false;
    }
    return this.texts === null || this.texts.length === this.count;
  }

  private refreshSpacing(): void {
    const n = this.count;
    const m = n > SPACING_LEVELS ? SPACING_LEVELS : n - 1;
    // A multiply in the search instead of a divide: the divide sat on every delta's critical path.
    this.perKey = m > 0 ? m / (this.levels[2 * n - 2]! - this.levels[2 * (n - 1 - m)]!) : 0;
  }

  /** `capacity` in levels. */
  private grow(capacity: number): void {
    const next = new Float64Array(2 * capacity);
    next.set(this.levels.subarray(0, 2 * this.count));
    this.levels = next;
  }
}
