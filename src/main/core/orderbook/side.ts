/**
 * One side of an order book as a sorted array of interleaved [key, size] slots. Keys ascend and the
 * best level sits at the END: most deltas touch the top of the book, so inserts there move only the
 * few slots above them (ccxt's OrderBookSide keeps the best level first and shifts the whole side
 * instead). Bids store key = price and asks key = -price, so one ascending search serves both sides.
 *
 * A removed level leaves its slot behind with size 0 (a vacated slot keeps its key, so the keys still
 * ascend and the search is unchanged) instead of shifting every better level down. An insert takes
 * over a vacated slot right below it, or carries the levels above it up until one absorbs them, so
 * the top of the book, where most deltas land, keeps recycling its own vacated slots. Removing the
 * best level drops its slot and any vacated ones under it, so the top slot is always a level.
 * Vacated slots are squeezed out when, after a removal, they outnumber half the levels by more than
 * VACANT_SLACK. Reads by rank skip them; sums over a range of slots add their zeros, which adds no
 * term (a sum split over alternate slots can still round differently: see bandSum in queries.ts).
 * (Closing the gap of removals near the best instead, so walks from the best meet fewer zeros, cost
 * ~13 ns per delta in the bench: the inserts there then had to carry levels much further.)
 *
 * With the market's tick size known, a tick directory remembers the slot each price was last seen
 * at, indexed by the price in ticks modulo DIRECTORY_SIZE: a size change or a removal, most of an
 * exchange's deltas, then finds its level with one read instead of a search. An entry is only a
 * hint, used when the slot it names still holds that very key (keys are unique), so a level that
 * moved, two prices sharing an entry, a price off the grid or a wrong tick size cost a search, never
 * a wrong answer; and the levels are stored exactly as without it, so every query is unchanged.
 */
import { lowerBound } from './search';

/** Entries in a tick directory (a power of two): prices this many ticks apart share an entry. */
const DIRECTORY_SIZE = 4096;
const DIRECTORY_MASK = DIRECTORY_SIZE - 1;
/**
 * The directory of a side without a tick size. Fields keep one kind of value for their whole life
 * (an Int32Array here, a number for the tick): a field that went from null to an array or a number
 * made V8 deprecate the class's shape and throw away the optimized set() of every side in the process.
 */
const NO_DIRECTORY = new Int32Array(0);

/** Throws a RangeError unless `tickSize` can index a book: a positive finite number. */
export function checkTickSize(tickSize: number): void {
  if (!(tickSize > 0) || !Number.isFinite(tickSize)) throw new RangeError(`tick size must be a positive finite number, got ${tickSize}`);
}

/** Slots an insert carries levels upward looking for a vacated slot before moving the rest in one copyWithin. */
const CARRY = 48;
/** Vacated slots tolerated beyond half the level count before a compaction. */
const VACANT_SLACK = 64;
/** Best levels whose average spacing predicts where a price sits. */
const SPACING_LEVELS = 128;

export class BookSide {
  readonly isBid: boolean;
  private readonly sign: 1 | -1;
  /** Interleaved [key, size] per slot, ascending keys; the first `2 * slots` entries are live. Size 0 marks a vacated slot; the top slot never is one. */
  levels: Float64Array;
  /** The exchange's own `price:size` text per slot (undefined for a vacated slot), kept only when a checksum needs the original strings. */
  texts: (string | undefined)[] | null;
  /** With texts kept: the text of the level the last `set` replaced or removed (undefined when it inserted). */
  replacedText: string | undefined;
  /** Levels on this side. */
  count = 0;
  /** Slots in use: the levels plus the vacated slots between them. */
  slots = 0;
  /**
   * Levels per unit of key over the best slots: the search's starting guess, refreshed when slots come
   * or go. Starts as -0, which the search treats as 0: a double from the start, so the first real
   * value does not change how V8 stores the field (a small-integer field turned double changes every
   * side's shape and throws away the optimized code that has seen the old one).
   */
  private perKey = -0;
  /** Bumped whenever a level comes, goes or moves, so the rank cursor knows to start over. */
  private version = 0;
  /** Rank → slot cache for sequential rank reads (ladders, checksums, copies) over a side with vacated slots. */
  private cursorVersion = -1;
  private cursorRank = 0;
  private cursorSlot = 0;
  /** With a tick size: the slot a price was last seen at, by its tick index modulo DIRECTORY_SIZE. */
  private directory: Int32Array = NO_DIRECTORY;
  /** 1 / tick size; NaN without a directory (a double from the start, as perKey). */
  private perTick = NaN;
  /** The tick size; NaN without a directory. */
  private tick = NaN;

  constructor(isBid: boolean, opts: { capacity?: number; keepText?: boolean } = {}) {
    this.isBid = isBid;
    this.sign = isBid ? 1 : -1;
    const capacity = Math.max(16, opts.capacity ?? 256);
    this.levels = new Float64Array(2 * capacity);
    this.texts = opts.keepText ? [] : null;
  }

  /** The tick size the directory indexes by, or null without one. */
  get tickSize(): number | null {
    return Number.isNaN(this.tick) ? null : this.tick;
  }

  /** Starts (or, with null, stops) looking levels up by tick; the levels stay as they are. */
  useTickSize(tickSize: number | null): void {
    if (tickSize === null) {
      this.directory = NO_DIRECTORY;
      this.perTick = NaN;
      this.tick = NaN;
      return;
    }
    checkTickSize(tickSize);
    this.perTick = 1 / tickSize;
    this.tick = tickSize;
    if (this.directory === NO_DIRECTORY) this.directory = new Int32Array(DIRECTORY_SIZE);
  }

  clear(): void {
    this.count = 0;
    this.slots = 0;
    this.version++;
    if (this.texts) this.texts.length = 0;
  }

  /** Price at a rank counted from the best level (0 = best); NaN past the end. */
  priceAt(rank: number): number {
    return rank < this.count ? this.sign * this.levels[2 * this.slotOf(rank)]! : NaN;
  }

  sizeAt(rank: number): number {
    return rank < this.count ? this.levels[2 * this.slotOf(rank) + 1]! : NaN;
  }

  textAt(rank: number): string | undefined {
    return this.texts !== null && rank < this.count ? this.texts[this.slotOf(rank)] : undefined;
  }

  best(): number {
    return this.slots > 0 ? this.sign * this.levels[2 * this.slots - 2]! : NaN;
  }

  /**
   * Sets one level and returns the size it had before (0 when absent) so a caller can undo.
   * Size 0 removes; removing a missing level is a no-op.
   */
  set(price: number, size: number, text?: string): number {
    const key = this.sign * price;
    const a = this.levels;
    const n = this.slots;
    const directory = this.directory;
    let lo: number;
    let entry = 0;
    if (directory !== NO_DIRECTORY) {
      // round(key / tick) as one float expression: adding 1.5·2⁵² leaves no fraction bits, and `| 0`
      // keeps the low 32 bits of that integer (1.5·2⁵² is a multiple of 2³²). A NaN price lands on some
      // entry whose slot cannot hold its key; a huge one still lands on the same entry every time.
      entry = ((key * this.perTick + 6755399441055744) | 0) & DIRECTORY_MASK;
      const hint = directory[entry]!;
      lo = hint < n && a[2 * hint] === key ? hint : lowerBound(a, n, key, this.perKey);
    } else {
      lo = lowerBound(a, n, key, this.perKey);
    }
    const texts = this.texts;
    if (lo < n && a[2 * lo] === key) {
      if (directory !== NO_DIRECTORY) directory[entry] = lo;
      const previous = a[2 * lo + 1]!;
      a[2 * lo + 1] = size;
      if (texts) {
        this.replacedText = texts[lo];
        texts[lo] = size === 0 ? undefined : (text ?? `${price}:${size}`);
      }
      if (previous === 0) {
        // A vacated slot: setting it is an insert in place, removing it again changes nothing.
        if (size !== 0) {
          this.count++;
          this.version++;
        }
      } else if (size === 0) {
        this.vacate(lo);
      }
      return previous;
    }
    if (texts) this.replacedText = undefined;
    if (size === 0) return 0;
    const slot = this.insert(lo, key, size, texts ? (text ?? `${price}:${size}`) : undefined);
    if (directory !== NO_DIRECTORY) directory[entry] = slot;
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
    this.slots = count;
    this.refreshSpacing();
    if (sorted) return;
    this.clear();
    for (let j = 0; j < n; j++) this.set(levels[2 * j]!, levels[2 * j + 1]!, texts?.[j]);
  }

  /** Sum of sizes over the best `levels` levels (all levels when omitted). */
  volume(levels = this.count): number {
    const a = this.levels;
    let left = levels;
    let sum = 0;
    for (let i = this.slots - 1; i >= 0 && left > 0; i--) {
      const s = a[2 * i + 1]!;
      if (s === 0) continue;
      sum += s;
      left--;
    }
    return sum;
  }

  /** Size and quote notional of every level priced no worse than `limitPrice`. */
  volumeWithin(limitPrice: number): { size: number; notional: number } {
    const sign = this.sign;
    const a = this.levels;
    const limitKey = sign * limitPrice;
    let size = 0;
    let keyNotional = 0;
    // Vacated slots add zeros, which change neither sum.
    for (let i = 2 * this.slots - 2; i >= 0; i -= 2) {
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
    const sign = this.sign;
    let i = 2 * this.slots - 2;
    for (let r = 0; r < m; i -= 2) {
      const s = a[i + 1]!;
      if (s === 0) continue;
      prices[r] = sign * a[i]!;
      sizes[r] = s;
      r++;
    }
    return m;
  }

  /** True when keys strictly ascend, every level's size is positive and finite, and the slot bookkeeping agrees. */
  isValid(): boolean {
    const a = this.levels;
    const n = this.slots;
    let levels = 0;
    for (let i = 0; i < n; i++) {
      const s = a[2 * i + 1]!;
      if (!Number.isFinite(a[2 * i]!) || !Number.isFinite(s) || s < 0) return false;
      if (i > 0 && !(a[2 * i - 2]! < a[2 * i]!)) return false;
      if (s === 0) {
        if (this.texts !== null && this.texts[i] !== undefined) return false;
        continue;
      }
      if (this.texts !== null && typeof this.texts[i] !== 'string') return false;
      levels++;
    }
    if (levels !== this.count || (n > 0 && !(a[2 * n - 1]! > 0))) return false;
    return this.texts === null || this.texts.length === n;
  }

  /** The slot of the level at `rank` (0 = best); the caller keeps rank below count. */
  private slotOf(rank: number): number {
    const n = this.slots;
    if (n === this.count || rank === 0) return n - 1 - rank;
    const a = this.levels;
    let r = 0;
    let s = n - 1;
    if (this.cursorVersion === this.version && rank >= this.cursorRank) {
      r = this.cursorRank;
      s = this.cursorSlot;
    }
    while (r < rank) {
      s--;
      while (a[2 * s + 1] === 0) s--;
      r++;
    }
    this.cursorVersion = this.version;
    // r, not rank: the pair must name the same level even for a rank that is negative or fractional
    // (r stops at the first whole rank at or past it), or every later read would come out shifted.
    this.cursorRank = r;
    this.cursorSlot = s;
    return s;
  }

  /** The level at slot `lo` has just been set to size 0. */
  private vacate(lo: number): void {
    this.count--;
    this.version++;
    const a = this.levels;
    if (lo === this.slots - 1) {
      // The best level went: drop its slot and any vacated ones under it, so the top slot stays a level.
      let n = lo;
      while (n > 0 && a[2 * n - 1] === 0) n--;
      this.slots = n;
      if (this.texts) this.texts.length = n;
      // The level count fell, so the bound on vacated slots did too: a falling market removing its
      // best levels one by one would otherwise leave deep vacated slots that no later removal squeezes out.
      if (n - this.count > (this.count >> 1) + VACANT_SLACK) this.compact();
      else this.refreshSpacing();
    } else if (this.slots - this.count > (this.count >> 1) + VACANT_SLACK) {
      this.compact();
    }
  }

  /**
   * Puts a new level at slot `lo` (the first slot whose key is above it). A vacated slot just below
   * takes it as it is; otherwise the levels from `lo` up are carried one slot up until a vacated
   * slot absorbs them, and past CARRY slots without one the rest move up together. Returns the new level's slot.
   */
  private insert(lo: number, key: number, size: number, text: string | undefined): number {
    this.count++;
    this.version++;
    let a = this.levels;
    const texts = this.texts;
    if (lo > 0 && a[2 * lo - 1] === 0) {
      a[2 * lo - 2] = key;
      a[2 * lo - 1] = size;
      if (texts) texts[lo - 1] = text;
      return lo - 1;
    }
    const n = this.slots;
    if (2 * n === a.length) {
      this.grow(2 * n);
      a = this.levels;
    }
    let carryKey = key;
    let carrySize = size;
    const stop = n - lo > CARRY ? lo + CARRY : n;
    let j = lo;
    for (; j < stop; j++) {
      const k = a[2 * j]!;
      const s = a[2 * j + 1]!;
      a[2 * j] = carryKey;
      a[2 * j + 1] = carrySize;
      if (s === 0) {
        if (texts) {
          texts.copyWithin(lo + 1, lo, j);
          texts[lo] = text;
        }
        return lo;
      }
      carryKey = k;
      carrySize = s;
    }
    if (j < n) a.copyWithin(2 * j + 2, 2 * j, 2 * n);
    a[2 * j] = carryKey;
    a[2 * j + 1] = carrySize;
    if (texts) texts.splice(lo, 0, text);
    this.slots = n + 1;
    this.refreshSpacing();
    return lo;
  }

  /** Squeezes the vacated slots out, keeping the order. */
  private compact(): void {
    const a = this.levels;
    const texts = this.texts;
    let w = 0;
    for (let i = 0; i < this.slots; i++) {
      const s = a[2 * i + 1]!;
      if (s === 0) continue;
      a[2 * w] = a[2 * i]!;
      a[2 * w + 1] = s;
      if (texts) texts[w] = texts[i];
      w++;
    }
    this.slots = w;
    if (texts) texts.length = w;
    this.version++;
    this.refreshSpacing();
  }

  private refreshSpacing(): void {
    const n = this.slots;
    const m = n > SPACING_LEVELS ? SPACING_LEVELS : n - 1;
    // A multiply in the search instead of a divide: the divide sat on every delta's critical path.
    this.perKey = m > 0 ? m / (this.levels[2 * n - 2]! - this.levels[2 * (n - 1 - m)]!) : -0;
  }

  /** `capacity` in slots. */
  private grow(capacity: number): void {
    const next = new Float64Array(2 * capacity);
    next.set(this.levels.subarray(0, 2 * this.slots));
    this.levels = next;
  }
}
