/**
 * One side of an order book as a sorted structure of arrays. Keys ascend and the best level sits at
 * the END: most deltas touch the top of the book, so inserts and removals there shift only a few
 * slots (ccxt's OrderBookSide keeps the best level first and shifts the whole side instead).
 * Bids store key = price and asks key = -price, so one ascending search serves both sides.
 */
const TOP_WINDOW = 64;

/**
 * First index whose key is ≥ `key`. Most deltas land near the best level (the end), so the top
 * window is tried first; the loop is branch-free (a select, not a jump) because mispredicted
 * branches, not memory, dominate a search over a few thousand doubles.
 */
function lowerBound(keys: Float64Array, n: number, key: number): number {
  if (n === 0) return 0;
  let base = 0;
  let len = n;
  if (n > TOP_WINDOW && keys[n - TOP_WINDOW]! <= key) {
    base = n - TOP_WINDOW;
    len = TOP_WINDOW;
  }
  while (len > 1) {
    const half = len >>> 1;
    base = keys[base + half]! < key ? base + half : base;
    len -= half;
  }
  return keys[base]! < key ? base + 1 : base;
}

export class BookSide {
  readonly isBid: boolean;
  private readonly sign: 1 | -1;
  keys: Float64Array;
  sizes: Float64Array;
  /** The exchange's own `price:size` text per level, kept only when a checksum needs the original strings. */
  texts: string[] | null;
  /** With texts kept: the text of the level the last `set` replaced or removed (undefined when it inserted). */
  replacedText: string | undefined;
  count = 0;

  constructor(isBid: boolean, opts: { capacity?: number; keepText?: boolean } = {}) {
    this.isBid = isBid;
    this.sign = isBid ? 1 : -1;
    const capacity = Math.max(16, opts.capacity ?? 256);
    this.keys = new Float64Array(capacity);
    this.sizes = new Float64Array(capacity);
    this.texts = opts.keepText ? [] : null;
  }

  clear(): void {
    this.count = 0;
    if (this.texts) this.texts.length = 0;
  }

  /** Price at a rank counted from the best level (0 = best); NaN past the end. */
  priceAt(rank: number): number {
    const i = this.count - 1 - rank;
    return i >= 0 ? this.sign * this.keys[i]! : NaN;
  }

  sizeAt(rank: number): number {
    const i = this.count - 1 - rank;
    return i >= 0 ? this.sizes[i]! : NaN;
  }

  textAt(rank: number): string | undefined {
    return this.texts?.[this.count - 1 - rank];
  }

  best(): number {
    return this.count > 0 ? this.sign * this.keys[this.count - 1]! : NaN;
  }

  /**
   * Sets one level and returns the size it had before (0 when absent) so a caller can undo.
   * Size 0 removes; removing a missing level is a no-op.
   */
  set(price: number, size: number, text?: string): number {
    const key = this.sign * price;
    const keys = this.keys;
    const n = this.count;
    const lo = lowerBound(keys, n, key);
    if (lo < n && keys[lo] === key) {
      const previous = this.sizes[lo]!;
      if (this.texts) this.replacedText = this.texts[lo];
      if (size === 0) {
        const sizes = this.sizes;
        // Top-of-book moves are short; a plain loop beats copyWithin's call overhead there.
        if (n - lo < 64) {
          for (let i = lo + 1; i < n; i++) {
            keys[i - 1] = keys[i]!;
            sizes[i - 1] = sizes[i]!;
          }
        } else {
          keys.copyWithin(lo, lo + 1, n);
          sizes.copyWithin(lo, lo + 1, n);
        }
        if (this.texts) this.texts.splice(lo, 1);
        this.count = n - 1;
      } else {
        this.sizes[lo] = size;
        if (this.texts) this.texts[lo] = text ?? `${price}:${size}`;
      }
      return previous;
    }
    if (this.texts) this.replacedText = undefined;
    if (size === 0) return 0;
    if (n === keys.length) this.grow(n * 2);
    const k = this.keys;
    const sizes = this.sizes;
    if (n - lo < 64) {
      for (let i = n; i > lo; i--) {
        k[i] = k[i - 1]!;
        sizes[i] = sizes[i - 1]!;
      }
    } else {
      k.copyWithin(lo + 1, lo, n);
      sizes.copyWithin(lo + 1, lo, n);
    }
    k[lo] = key;
    sizes[lo] = size;
    if (this.texts) this.texts.splice(lo, 0, text ?? `${price}:${size}`);
    this.count = n + 1;
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
    if (n > this.keys.length) this.grow(n);
    const keys = this.keys;
    const sizes = this.sizes;
    let count = 0;
    let sorted = true;
    for (let j = n - 1; j >= 0; j--) {
      const size = levels[2 * j + 1]!;
      const key = this.sign * levels[2 * j]!;
      // A zero size in a snapshot only means something next to a duplicate price: take the careful path.
      if (size === 0 || (count > 0 && key <= keys[count - 1]!)) {
        sorted = false;
        break;
      }
      keys[count] = key;
      sizes[count] = size;
      if (this.texts) this.texts.push(texts?.[j] ?? `${levels[2 * j]}:${size}`);
      count++;
    }
    this.count = count;
    if (sorted) return;
    this.clear();
    for (let j = 0; j < n; j++) this.set(levels[2 * j]!, levels[2 * j + 1]!, texts?.[j]);
  }

  /** Sum of sizes over the best `levels` levels (all levels when omitted). */
  volume(levels = this.count): number {
    const stop = Math.max(0, this.count - levels);
    let sum = 0;
    for (let i = this.count - 1; i >= stop; i--) sum += this.sizes[i]!;
    return sum;
  }

  /** Size and quote notional of every level priced no worse than `limitPrice`. */
  volumeWithin(limitPrice: number): { size: number; notional: number } {
    const sign = this.sign;
    const keys = this.keys;
    const sizes = this.sizes;
    const limitKey = sign * limitPrice;
    let size = 0;
    let keyNotional = 0;
    for (let i = this.count - 1; i >= 0; i--) {
      const key = keys[i]!;
      if (key < limitKey) break;
      const s = sizes[i]!;
      size += s;
      keyNotional += s * key;
    }
    return { size, notional: sign * keyNotional };
  }

  /** Writes the best `n` levels best-first into the output arrays and returns how many were written. */
  writeTop(n: number, prices: Float64Array, sizes: Float64Array): number {
    const m = Math.min(n, this.count, prices.length, sizes.length);
    for (let r = 0; r < m; r++) {
      const i = this.count - 1 - r;
      prices[r] = this.sign * this.keys[i]!;
      sizes[r] = this.sizes[i]!;
    }
    return m;
  }

  /** True when keys strictly ascend and every size is positive and finite. */
  isValid(): boolean {
    for (let i = 0; i < this.count; i++) {
      const s = this.sizes[i]!;
      if (!(s > 0) || !Number.isFinite(s) || !Number.isFinite(this.keys[i]!)) return false;
      if (i > 0 && !(this.keys[i - 1]! < this.keys[i]!)) return false;
    }
    return this.texts === null || this.texts.length === this.count;
  }

  private grow(capacity: number): void {
    const keys = new Float64Array(capacity);
    const sizes = new Float64Array(capacity);
    keys.set(this.keys.subarray(0, this.count));
    sizes.set(this.sizes.subarray(0, this.count));
    this.keys = keys;
    this.sizes = sizes;
  }
}
