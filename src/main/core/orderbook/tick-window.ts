import type { BookSide } from './side';
import { tickIndex, tickPrice, type TickGrid } from './tick-grid';

/**
 * The dense part of a tick-indexed side: `span` consecutive keys from `base`, a size per key (0
 * where no level is), the exact price of every key, and a bitmap of occupied slots so the next
 * level down is a few word reads away however sparse the window is. Keys are tick indexes with the
 * sign flipped for asks, so a higher slot is always a better price.
 */
export class TickWindow {
  readonly span: number;
  readonly sign: 1 | -1;
  readonly sizes: Float64Array;
  /** The exact price of every slot, rebuilt when the window moves: no division on the hot path. */
  readonly prices: Float64Array;
  /** Bit s set ⇔ slot s holds a level. */
  readonly bits: Int32Array;
  readonly texts: (string | undefined)[] | null;
  /** Key of slot 0. */
  base = 0;
  /** Highest occupied slot, -1 when empty. */
  top = -1;
  count = 0;
  /** Price of `top`, NaN when empty. */
  bestPrice = NaN;
  /** Bumped whenever levels come or go, so rank caches know to start over. */
  version = 0;
  /** With texts kept: the text of the level the last set replaced or removed (undefined when it inserted). */
  replacedText: string | undefined;

  constructor(
    readonly grid: TickGrid,
    isBid: boolean,
    span: number,
    keepText: boolean,
  ) {
    this.span = span;
    this.sign = isBid ? 1 : -1;
    this.sizes = new Float64Array(span);
    this.prices = new Float64Array(span);
    this.bits = new Int32Array(span >> 5);
    this.texts = keepText ? new Array<string | undefined>(span).fill(undefined) : null;
  }

  clear(): void {
    if (this.count > 0) {
      this.sizes.fill(0);
      this.bits.fill(0);
      this.texts?.fill(undefined);
    }
    this.count = 0;
    this.setTop(-1);
    this.version++;
  }

  /** Sets the level at `slot` (whose price is `price`); size 0 removes. Returns the previous size. */
  setSlot(slot: number, price: number, size: number, text: string | undefined): number {
    const previous = this.sizes[slot]!;
    const texts = this.texts;
    if (previous !== 0) {
      if (texts) this.replacedText = texts[slot];
      if (size === 0) {
        this.sizes[slot] = 0;
        this.bits[slot >> 5]! &= ~(1 << (slot & 31));
        if (texts) texts[slot] = undefined;
        this.count--;
        this.version++;
        if (slot === this.top) this.setTop(this.below(slot));
      } else {
        this.sizes[slot] = size;
        if (texts) texts[slot] = text ?? `${price}:${size}`;
      }
      return previous;
    }
    if (texts) this.replacedText = undefined;
    if (size === 0) return 0;
    this.sizes[slot] = size;
    this.bits[slot >> 5]! |= 1 << (slot & 31);
    if (texts) texts[slot] = text ?? `${price}:${size}`;
    this.count++;
    this.version++;
    if (slot > this.top) this.setTop(slot);
    return 0;
  }

  /** Highest occupied slot below `slot`, or -1: at most span / 32 word reads. */
  below(slot: number): number {
    if (slot <= 0) return -1;
    const i = slot - 1;
    let w = i >> 5;
    // Bits 0..(i & 31) of the word; 2 << 31 wraps to 0 in int32, and 0 - 1 is all bits.
    let m = this.bits[w]! & ((2 << (i & 31)) - 1);
    while (m === 0) {
      if (--w < 0) return -1;
      m = this.bits[w]!;
    }
    return (w << 5) + 31 - Math.clz32(m);
  }

  /** Lowest slot whose price is no worse than `limitPrice` (span when none; 0 for a NaN limit, which every level passes, as in BookSide). */
  bandSlot(limitPrice: number): number {
    const sign = this.sign;
    const limitKey = sign * limitPrice;
    const guess = limitKey * this.grid.perTick - this.base;
    let s = guess > 0 ? (guess < this.span ? Math.ceil(guess) : this.span) : 0;
    // The guess is off by at most a slot either way (rounding in the multiply); settle it on exact prices.
    while (s > 0 && sign * this.prices[s - 1]! >= limitKey) s--;
    while (s < this.span && sign * this.prices[s]! < limitKey) s++;
    return s;
  }

  /** Size and notional of the levels in slots ≥ `stop`, summed best first into out[0] (size) and out[1] (notional). */
  sumFrom(stop: number, out: Float64Array): void {
    let size = 0;
    let notional = 0;
    const { bits, sizes, prices } = this;
    if (this.top >= stop) {
      let w = this.top >> 5;
      let m = bits[w]! & ((2 << (this.top & 31)) - 1);
      const lastWord = stop >> 5;
      for (;;) {
        if (m === 0) {
          if (--w < lastWord) break;
          m = bits[w]!;
          continue;
        }
        const bit = 31 - Math.clz32(m);
        const slot = (w << 5) | bit;
        if (slot < stop) break;
        m ^= 1 << bit;
        size += sizes[slot]!;
        notional += sizes[slot]! * prices[slot]!;
      }
    }
    out[0] = size;
    out[1] = notional;
  }

  /** Fills up to `amount` from the best level down; returns what is left, adding to out[0] (notional) and setting out[1] (worst price). */
  walk(amount: number, out: Float64Array): number {
    let left = amount;
    let notional = out[0]!;
    const { bits, sizes, prices } = this;
    if (this.top >= 0) {
      let w = this.top >> 5;
      let m = bits[w]! & ((2 << (this.top & 31)) - 1);
      while (left > 0) {
        if (m === 0) {
          if (--w < 0) break;
          m = bits[w]!;
          continue;
        }
        const bit = 31 - Math.clz32(m);
        const slot = (w << 5) | bit;
        m ^= 1 << bit;
        const level = sizes[slot]!;
        const take = left < level ? left : level;
        notional += take * prices[slot]!;
        left -= take;
        out[1] = prices[slot]!;
      }
    }
    out[0] = notional;
    return left;
  }

  /** Writes up to `m` levels best first from the top; returns how many were written. */
  writeTop(m: number, outPrices: Float64Array, outSizes: Float64Array): number {
    const { bits, sizes, prices } = this;
    let r = 0;
    if (this.top < 0) return 0;
    let w = this.top >> 5;
    let bitsLeft = bits[w]! & ((2 << (this.top & 31)) - 1);
    while (r < m) {
      if (bitsLeft === 0) {
        if (--w < 0) break;
        bitsLeft = bits[w]!;
        continue;
      }
      const bit = 31 - Math.clz32(bitsLeft);
      const slot = (w << 5) | bit;
      bitsLeft ^= 1 << bit;
      outPrices[r] = prices[slot]!;
      outSizes[r] = sizes[slot]!;
      r++;
    }
    return r;
  }

  /**
   * Moves the window so slot 0 is key `base`. Levels below the new base go to `far` (worst first,
   * so each lands at far's best end); far levels at or above it come in. The caller guarantees no
   * level sits above the new window.
   */
  moveTo(base: number, far: BookSide): void {
    const { span, sizes, texts } = this;
    const shift = base - this.base;
    if (shift > 0) {
      const drop = Math.min(shift, span);
      for (let s = 0; s < drop; s++) {
        if (sizes[s] !== 0) far.set(this.prices[s]!, sizes[s]!, texts?.[s]);
      }
      sizes.copyWithin(0, drop, span);
      sizes.fill(0, span - drop);
      if (texts) {
        texts.copyWithin(0, drop, span);
        texts.fill(undefined, span - drop);
      }
    } else if (shift < 0) {
      const lift = Math.min(-shift, span);
      sizes.copyWithin(lift, 0, span - lift);
      sizes.fill(0, 0, lift);
      if (texts) {
        texts.copyWithin(lift, 0, span - lift);
        texts.fill(undefined, 0, lift);
      }
    }
    this.base = base;
    for (let s = 0; s < span; s++) this.prices[s] = tickPrice(this.grid, this.sign * (base + s));
    // Far's best levels that now fall inside the window move in; far removes at its best end in O(1).
    while (far.count > 0) {
      const price = far.best();
      const slot = this.sign * tickIndex(this.grid, price) - base;
      if (!(slot >= 0)) break;
      sizes[slot] = far.sizeAt(0);
      if (texts) texts[slot] = far.textAt(0);
      far.set(price, 0);
    }
    this.bits.fill(0);
    let count = 0;
    let top = -1;
    for (let s = 0; s < span; s++) {
      if (sizes[s] === 0) continue;
      this.bits[s >> 5]! |= 1 << (s & 31);
      count++;
      top = s;
    }
    this.count = count;
    this.setTop(top);
    this.version++;
  }

  /** True when the bitmap, sizes, count and best agree and every size is positive and finite. */
  isValid(): boolean {
    let seen = 0;
    let highest = -1;
    for (let s = 0; s < this.span; s++) {
      const occupied = (this.bits[s >> 5]! & (1 << (s & 31))) !== 0;
      const size = this.sizes[s]!;
      if (occupied !== (size !== 0)) return false;
      if (!occupied) continue;
      if (!(size > 0) || !Number.isFinite(size)) return false;
      seen++;
      highest = s;
    }
    if (seen !== this.count || highest !== this.top) return false;
    return this.top < 0 ? Number.isNaN(this.bestPrice) : this.bestPrice === this.prices[this.top];
  }

  private setTop(slot: number): void {
    this.top = slot;
    this.bestPrice = slot >= 0 ? this.prices[slot]! : NaN;
  }
}
