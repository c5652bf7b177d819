import type { BookSide } from './side';
import { tickIndex, tickPrice, type TickGrid } from './tick-grid';

/** Outcomes of TickWindow.loadLevels. */
export const LOAD_OK = 0;
export const LOAD_OFF_GRID = 1;
export const LOAD_ABOVE = 2;

/** Levels found below the window during a load, in input order, with their texts when kept. */
export class FarLevels {
  levels = new Float64Array(64);
  texts: (string | undefined)[] = [];
  count = 0;

  reset(): void {
    this.count = 0;
    this.texts.length = 0;
  }

  push(price: number, size: number, text: string | undefined): void {
    if (2 * this.count === this.levels.length) {
      const next = new Float64Array(2 * this.levels.length);
      next.set(this.levels);
      this.levels = next;
    }
    this.levels[2 * this.count] = price;
    this.levels[2 * this.count + 1] = size;
    this.texts.push(text);
    this.count++;
  }
}

/**
 * The dense part of a tick-indexed side: `span` consecutive keys from `base`, the exact price of
 * every key and a size per key (0 where no level is), and a bitmap of occupied slots so the next
 * level down is a few word reads away however sparse the window is. Keys are tick indexes with the
 * sign flipped for asks, so a higher slot is always a better price.
 */
export class TickWindow {
  readonly span: number;
  readonly sign: 1 | -1;
  /**
   * Interleaved [price, size] per slot: the exact price of every slot (rebuilt when the window moves,
   * so no division on the hot path) beside its size. One array rather than two halves the checks V8
   * makes per level read in the query loops, and puts a slot's price and size in one cache line.
   */
  readonly levels: Float64Array;
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
    this.levels = new Float64Array(2 * span);
    this.bits = new Int32Array(span >> 5);
    this.texts = keepText ? new Array<string | undefined>(span).fill(undefined) : null;
  }

  clear(): void {
    if (this.count > 0) {
      // Only the words between the lowest and highest occupied slot hold anything: a snapshot reload
      // would otherwise zero the whole window (span doubles) every time.
      const bits = this.bits;
      let lo = 0;
      while (bits[lo] === 0) lo++;
      const hi = (this.top >> 5) + 1;
      const levels = this.levels;
      for (let i = (lo << 6) + 1; i < hi << 6; i += 2) levels[i] = 0;
      bits.fill(0, lo, hi);
      this.texts?.fill(undefined, lo << 5, hi << 5);
    }
    this.count = 0;
    this.setTop(-1);
    this.version++;
  }

  /**
   * Loads levels given best-first as interleaved [price, size, …] into an empty window, with the same
   * outcome as setting them one by one (later duplicates win, a zero size removes). Levels below the
   * window are appended to `farOut` (interleaved, in input order, texts alongside); returns
   * LOAD_OK, or LOAD_OFF_GRID for a price off the grid or out of range, or LOAD_ABOVE for a level
   * better than the window, having stopped there (the caller clears and re-anchors).
   */
  loadLevels(levels: Float64Array, texts: readonly string[] | undefined, farOut: FarLevels): number {
    const { span, levels: a, bits } = this;
    const keep = this.texts;
    const keeping = keep !== null;
    // round(price · perTick) − base as one float expression: adding 1.5·2⁵² rounds to an integer (a
    // double in [2⁵², 2⁵³) has no fraction bits, and every price here is far below 2⁵¹ ticks), and `| 0` takes it to int32 without the overflow and
    // −0 checks V8 otherwise puts on a rounded key. A tie rounds to even instead of up, but a tie is
    // off the grid either way, and a NaN or far-off price wraps to some slot whose price cannot equal it.
    const perTick = this.sign * this.grid.perTick;
    const origin = 6755399441055744 + this.base;
    const end = levels.length & ~1;
    let count = this.count;
    let outcome = LOAD_OK;
    for (let j = 0; j < end; j += 2) {
      const price = levels[j]!;
      const size = levels[j + 1]!;
      // 1.5 · 2⁵² inline: a module constant is read through a hole check on every pass.
      const slot = (price * perTick + 6755399441055744 - origin) | 0;
      const i = slot << 1;
      if (slot >= 0 && slot < span && a[i] === price) {
        const previous = a[i | 1]!;
        a[i | 1] = size;
        if (previous === 0) {
          if (size !== 0) {
            bits[slot >> 5]! |= 1 << (slot & 31);
            count++;
          }
        } else if (size === 0) {
          bits[slot >> 5]! &= ~(1 << (slot & 31));
          count--;
        }
        if (keeping) keep[slot] = size === 0 ? undefined : (texts?.[j >> 1] ?? `${price}:${size}`);
        continue;
      }
      outcome = this.loadOutside(price, size, keeping ? (texts?.[j >> 1] ?? `${price}:${size}`) : undefined, farOut);
      if (outcome !== LOAD_OK) break;
    }
    // Even a load that stopped early leaves count and top true to the bitmap, so clear() can undo it.
    this.count = count;
    let w = span >> 5;
    while (--w >= 0 && bits[w] === 0);
    this.setTop(w < 0 ? -1 : (w << 5) + 31 - Math.clz32(bits[w]!));
    this.version++;
    return outcome;
  }

  /** A loaded level that is not in the window: below it (into `farOut`), above it, or off the grid. */
  private loadOutside(price: number, size: number, text: string | undefined, farOut: FarLevels): number {
    const k = tickIndex(this.grid, price);
    if (Number.isNaN(k)) return LOAD_OFF_GRID;
    if (this.sign * k - this.base >= this.span) {
      // Better than the window: only an insert there matters.
      return size === 0 ? LOAD_OK : LOAD_ABOVE;
    }
    farOut.push(price, size, text);
    return LOAD_OK;
  }

  /** Sets the level at `slot` (whose price is `price`); size 0 removes. Returns the previous size. */
  setSlot(slot: number, price: number, size: number, text: string | undefined): number {
    const a = this.levels;
    const previous = a[2 * slot + 1]!;
    const texts = this.texts;
    if (previous !== 0) {
      if (texts) this.replacedText = texts[slot];
      if (size === 0) {
        a[2 * slot + 1] = 0;
        this.bits[slot >> 5]! &= ~(1 << (slot & 31));
        if (texts) texts[slot] = undefined;
        this.count--;
        this.version++;
        if (slot === this.top) this.setTop(this.below(slot));
      } else {
        a[2 * slot + 1] = size;
        if (texts) texts[slot] = text ?? `${price}:${size}`;
      }
      return previous;
    }
    if (texts) this.replacedText = undefined;
    if (size === 0) return 0;
    a[2 * slot + 1] = size;
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

  /**
   * Size and notional of the levels priced no worse than `limitPrice`, summed best first into out[0]
   * (size) and out[1] (notional); a NaN limit passes every level, as in BookSide. Returns true when
   * every level of the window passed, so the band may go on below it.
   */
  sumWithin(limitPrice: number, out: Float64Array): boolean {
    let size = 0;
    let notional = 0;
    const { bits, levels: a, sign } = this;
    const limitKey = sign * limitPrice;
    const top = this.top;
    let mask = (2 << (top & 31)) - 1;
    let exhausted = true;
    // A loop per bitmap word (see walk). The band is at the top of the book, so testing each level's
    // price as it is summed touches nothing more, where finding the edge first cost a search per side.
    words: for (let w = top >> 5; w >= 0; w--) {
      let m = bits[w]! & mask;
      mask = -1;
      while (m !== 0) {
        const bit = 31 - Math.clz32(m);
        const slot = (w << 5) | bit;
        m ^= 1 << bit;
        const price = a[2 * slot]!;
        if (sign * price < limitKey) {
          exhausted = false;
          break words;
        }
        const s = a[2 * slot + 1]!;
        size += s;
        notional += s * price;
      }
    }
    out[0] = size;
    out[1] = notional;
    return exhausted;
  }

  /**
   * Fills up to `amount` from the best level down; returns what is left and writes the notional to
   * out[0] and the worst price reached to out[1] (NaN when nothing filled). The remaining amount is
   * the loop's only serial dependency: every level but the last subtracts its whole size, so the
   * one level that fills partially is a predictable branch rather than a min on that chain.
   */
  walk(amount: number, out: Float64Array): number {
    let left = amount;
    let notional = 0;
    let last = -1;
    const { bits, levels: a } = this;
    const top = this.top;
    // A loop per bitmap word rather than one loop that also steps words: with the word step inside
    // the same loop, V8 kept `left` boxed once this was inlined into a caller, three times slower.
    let mask = (2 << (top & 31)) - 1;
    words: for (let w = top >> 5; w >= 0; w--) {
      let m = bits[w]! & mask;
      mask = -1;
      while (m !== 0) {
        const bit = 31 - Math.clz32(m);
        const slot = (w << 5) | bit;
        m ^= 1 << bit;
        const level = a[2 * slot + 1]!;
        last = slot;
        if (!(level < left)) {
          notional += left * a[2 * slot]!;
          left = 0;
          break words;
        }
        notional += level * a[2 * slot]!;
        left -= level;
      }
    }
    out[0] = notional;
    out[1] = last >= 0 ? a[2 * last]! : NaN;
    return left;
  }

  /** Writes up to `m` levels best first from the top; returns how many were written. */
  writeTop(m: number, outPrices: Float64Array, outSizes: Float64Array): number {
    const { bits, levels: a } = this;
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
      outPrices[r] = a[2 * slot]!;
      outSizes[r] = a[2 * slot + 1]!;
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
    const { span, levels: a, texts } = this;
    const shift = base - this.base;
    // Sizes move with their slots; every price is rewritten below, so whole pairs are shifted.
    if (shift > 0) {
      const drop = Math.min(shift, span);
      for (let s = 0; s < drop; s++) {
        if (a[2 * s + 1] !== 0) far.set(a[2 * s]!, a[2 * s + 1]!, texts?.[s]);
      }
      a.copyWithin(0, 2 * drop, 2 * span);
      a.fill(0, 2 * (span - drop));
      if (texts) {
        texts.copyWithin(0, drop, span);
        texts.fill(undefined, span - drop);
      }
    } else if (shift < 0) {
      const lift = Math.min(-shift, span);
      a.copyWithin(2 * lift, 0, 2 * (span - lift));
      a.fill(0, 0, 2 * lift);
      if (texts) {
        texts.copyWithin(lift, 0, span - lift);
        texts.fill(undefined, 0, lift);
      }
    }
    this.base = base;
    for (let s = 0; s < span; s++) a[2 * s] = tickPrice(this.grid, this.sign * (base + s));
    // Far's best levels that now fall inside the window move in; far removes at its best end in O(1).
    while (far.count > 0) {
      const price = far.best();
      const slot = this.sign * tickIndex(this.grid, price) - base;
      if (!(slot >= 0)) break;
      a[2 * slot + 1] = far.sizeAt(0);
      if (texts) texts[slot] = far.textAt(0);
      far.set(price, 0);
    }
    this.bits.fill(0);
    let count = 0;
    let top = -1;
    for (let s = 0; s < span; s++) {
      if (a[2 * s + 1] === 0) continue;
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
      const size = this.levels[2 * s + 1]!;
      if (occupied !== (size !== 0)) return false;
      if (!occupied) continue;
      if (!(size > 0) || !Number.isFinite(size)) return false;
      seen++;
      highest = s;
    }
    if (seen !== this.count || highest !== this.top) return false;
    return this.top < 0 ? Number.isNaN(this.bestPrice) : this.bestPrice === this.levels[2 * this.top];
  }

  private setTop(slot: number): void {
    this.top = slot;
    this.bestPrice = slot >= 0 ? this.levels[2 * slot]! : NaN;
  }
}
