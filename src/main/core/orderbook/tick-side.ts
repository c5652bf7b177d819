import { BookSide } from './side';
import { tickIndex, tickPrice, type TickGrid } from './tick-grid';
import { TickWindow } from './tick-window';

/**
 * One side of an order book for a market whose tick size is known: sizes sit in a Float64Array
 * indexed by price in integer ticks (a TickWindow), so a delta is one array write instead of a
 * search and a shift. Levels worse than the window live in `far`, an ordinary sorted BookSide
 * (invariant: every key in `far` is below the window's base), so a deep book spread over a wide
 * price range costs nothing in the window. The window re-centres when the market moves out of it.
 * A price off the grid (a wrong tick size, or a tick size change) moves the whole side into `far`
 * until the next snapshot: slower, never wrong. Same semantics as BookSide throughout.
 */
export class TickBookSide {
  readonly isBid: boolean;
  readonly grid: TickGrid;
  private readonly sign: 1 | -1;
  private readonly window: TickWindow;
  /** Levels below the window (and every level while off the grid). */
  private readonly far: BookSide;
  private gridless = false;
  /** Rank → slot cache for sequential rank reads (ladders, checksums); valid while the window's version holds. */
  private cursorVersion = -1;
  private cursorRank = 0;
  private cursorSlot = -1;
  /** Scratch for load: each level's key, worked out once. */
  private loadKeys = new Float64Array(0);
  private readonly sums = new Float64Array(2);

  constructor(isBid: boolean, grid: TickGrid, opts: { span?: number; capacity?: number; keepText?: boolean } = {}) {
    this.isBid = isBid;
    this.grid = grid;
    this.sign = isBid ? 1 : -1;
    const span = Math.ceil(Math.max(64, opts.span ?? 4096) / 32) * 32;
    this.window = new TickWindow(grid, isBid, span, opts.keepText === true);
    this.far = new BookSide(isBid, { capacity: opts.capacity ?? 64, keepText: opts.keepText });
    this.window.moveTo(-(span >> 1), this.far);
  }

  get count(): number {
    return this.window.count + this.far.count;
  }

  /** Window length in ticks. */
  get span(): number {
    return this.window.span;
  }

  /** Levels held in the tick-indexed window (the rest sit below it, in the sorted fallback). */
  get levelsInWindow(): number {
    return this.window.count;
  }

  /** False once an off-grid price has pushed this side onto the sorted fallback (until the next load). */
  get onGrid(): boolean {
    return !this.gridless;
  }

  /** With texts kept: the text of the level the last `set` replaced or removed (undefined when it inserted). */
  get replacedText(): string | undefined {
    return this.window.replacedText;
  }

  clear(): void {
    this.window.clear();
    this.far.clear();
    this.gridless = false;
  }

  best(): number {
    return this.window.top >= 0 ? this.window.bestPrice : this.far.best();
  }

  /** Price at a rank counted from the best level (0 = best); NaN past the end. */
  priceAt(rank: number): number {
    const w = this.window;
    return rank < w.count ? w.prices[this.slotAtRank(rank)]! : this.far.priceAt(rank - w.count);
  }

  sizeAt(rank: number): number {
    const w = this.window;
    return rank < w.count ? w.sizes[this.slotAtRank(rank)]! : this.far.sizeAt(rank - w.count);
  }

  textAt(rank: number): string | undefined {
    const w = this.window;
    if (w.texts === null) return undefined;
    return rank < w.count ? w.texts[this.slotAtRank(rank)] : this.far.textAt(rank - w.count);
  }

  /**
   * Sets one level and returns the size it had before (0 when absent) so a caller can undo.
   * Size 0 removes; removing a missing level is a no-op.
   */
  set(price: number, size: number, text?: string): number {
    const w = this.window;
    if (this.gridless) return this.setFar(price, size, text);
    const slot = this.sign * Math.round(price * this.grid.perTick) - w.base;
    // In the window and exactly the slot's price: the common case, no division and no search.
    if (slot >= 0 && slot < w.span && w.prices[slot] === price) return w.setSlot(slot, price, size, text);
    return this.setSlow(price, size, text);
  }

  /**
   * Replaces the side with a snapshot given as interleaved [price, size, …] in exchange order.
   * Later duplicates win and a zero size removes, as with per-level sets.
   */
  load(levels: Float64Array, texts?: readonly string[]): void {
    this.clear();
    const w = this.window;
    const n = levels.length >> 1;
    if (this.loadKeys.length < n) this.loadKeys = new Float64Array(n);
    const keys = this.loadKeys;
    const { perTick, maxIndex } = this.grid;
    let bestKey = -Infinity;
    // Keys by rounding only; each is checked against the exact price table (or the grid) below.
    for (let j = 0; j < n; j++) {
      const k = Math.round(levels[2 * j]! * perTick);
      if (!(Math.abs(k) <= maxIndex)) return this.loadOffGrid(levels, texts);
      keys[j] = this.sign * k;
      if (levels[2 * j + 1] !== 0 && keys[j]! > bestKey) bestKey = keys[j]!;
    }
    // Both parts are empty now, so moving the window is only a new price table (and none when it stays put).
    if (bestKey > -Infinity && this.anchorBase(bestKey) !== w.base) w.moveTo(this.anchorBase(bestKey), this.far);
    // Levels below the window keep their exchange (best-first) order, which far.load takes in one pass.
    const farLevels: number[] = [];
    const farTexts: string[] = [];
    for (let j = 0; j < n; j++) {
      const price = levels[2 * j]!;
      const size = levels[2 * j + 1]!;
      const slot = keys[j]! - w.base;
      if (slot >= 0 && slot < w.span) {
        if (w.prices[slot] !== price) return this.loadOffGrid(levels, texts);
        w.setSlot(slot, price, size, texts?.[j]);
      } else if (tickPrice(this.grid, this.sign * keys[j]!) !== price) {
        return this.loadOffGrid(levels, texts);
      } else if (slot < 0) {
        farLevels.push(price, size);
        if (w.texts) farTexts.push(texts?.[j] ?? `${price}:${size}`);
      }
      // Above the window is only ever a zero size, a removal of nothing.
    }
    if (farLevels.length > 0) this.far.load(Float64Array.from(farLevels), w.texts ? farTexts : undefined);
  }

  /** Sum of sizes over the best `levels` levels (all levels when omitted). */
  volume(levels = this.count): number {
    const w = this.window;
    let left = levels;
    let sum = 0;
    for (let s = w.top; s >= 0 && left > 0; s = w.below(s), left--) sum += w.sizes[s]!;
    // One running sum across both parts: the same order of additions as a single sorted side.
    for (let r = 0; r < this.far.count && left > 0; r++, left--) sum += this.far.sizeAt(r);
    return sum;
  }

  /** Size and quote notional of every level priced no worse than `limitPrice`, summed best first. */
  volumeWithin(limitPrice: number): { size: number; notional: number } {
    // The band's edge is found once on the exact price table, so the summing loop carries no price test.
    const stop = this.window.bandSlot(limitPrice);
    this.window.sumFrom(stop, this.sums);
    let size = this.sums[0]!;
    let notional = this.sums[1]!;
    // Only a band reaching past the bottom of the window can take levels from below it (off the grid, all levels are there).
    if (stop === 0 || this.gridless) {
      const limitKey = this.sign * limitPrice;
      for (let r = 0; r < this.far.count; r++) {
        const price = this.far.priceAt(r);
        if (this.sign * price < limitKey) break;
        size += this.far.sizeAt(r);
        notional += this.far.sizeAt(r) * price;
      }
    }
    return { size, notional };
  }

  /**
   * Fills a market order of `amount` against this side from the best level down. Returns the amount
   * left unfilled and writes the fill's quote notional and worst price (NaN when nothing filled) to `out`.
   */
  walk(amount: number, out: Float64Array): number {
    out[0] = 0;
    out[1] = NaN;
    let left = this.window.walk(amount, out);
    let notional = out[0]!;
    for (let r = 0; r < this.far.count && left > 0; r++) {
      const level = this.far.sizeAt(r);
      const take = left < level ? left : level;
      notional += take * this.far.priceAt(r);
      left -= take;
      out[1] = this.far.priceAt(r);
    }
    out[0] = notional;
    return left;
  }

  /** Writes the best `n` levels best-first into the output arrays and returns how many were written. */
  writeTop(n: number, prices: Float64Array, sizes: Float64Array): number {
    const m = Math.min(n, this.count, prices.length, sizes.length);
    let r = this.window.writeTop(m, prices, sizes);
    for (let f = 0; r < m; f++, r++) {
      prices[r] = this.far.priceAt(f);
      sizes[r] = this.far.sizeAt(f);
    }
    return m;
  }

  /** True when both parts are valid and every level below the window is worse than the window's first slot. */
  isValid(): boolean {
    if (!this.window.isValid() || !this.far.isValid()) return false;
    if (this.gridless) return this.window.count === 0;
    return this.far.count === 0 || this.sign * this.far.best() < this.sign * this.window.prices[0]!;
  }

  /** Prices outside the window, or off the grid. */
  private setSlow(price: number, size: number, text: string | undefined): number {
    const w = this.window;
    const k = tickIndex(this.grid, price);
    if (Number.isNaN(k)) {
      // No level can sit at an off-grid price, so removing one changes nothing; anything else leaves the grid.
      if (size === 0) {
        w.replacedText = undefined;
        return 0;
      }
      this.leaveGrid();
      return this.setFar(price, size, text);
    }
    const key = this.sign * k;
    if (key - w.base >= w.span) {
      // Better than the whole window: nothing is stored there, so only an insert matters.
      if (size === 0) {
        w.replacedText = undefined;
        return 0;
      }
      w.moveTo(this.anchorBase(key), this.far);
    } else if (key < w.base && size !== 0 && w.top < w.span >> 2) {
      // A level below a window whose levels have drifted into its bottom quarter (or gone): the market moved down.
      const farBest = this.far.count > 0 ? this.sign * tickIndex(this.grid, this.far.best()) : -Infinity;
      const bestKey = Math.max(key, farBest, w.top >= 0 ? w.base + w.top : -Infinity);
      w.moveTo(this.anchorBase(bestKey), this.far);
    }
    const slot = key - w.base;
    return slot >= 0 ? w.setSlot(slot, price, size, text) : this.setFar(price, size, text);
  }

  private setFar(price: number, size: number, text: string | undefined): number {
    const previous = this.far.set(price, size, text);
    this.window.replacedText = this.far.replacedText;
    this.window.version++;
    return previous;
  }

  private loadOffGrid(levels: Float64Array, texts: readonly string[] | undefined): void {
    this.clear();
    this.gridless = true;
    this.far.load(levels, texts);
  }

  /** Base that puts `bestKey` three quarters of the way up, leaving room for the market to improve. */
  private anchorBase(bestKey: number): number {
    const span = this.window.span;
    return bestKey - (span - (span >> 2));
  }

  /** Every window level into `far`; from now until the next load this side is a plain sorted side. */
  private leaveGrid(): void {
    this.window.moveTo(this.window.base + this.window.span, this.far);
    this.gridless = true;
  }

  private slotAtRank(rank: number): number {
    const w = this.window;
    let r = 0;
    let s = w.top;
    if (this.cursorVersion === w.version && rank >= this.cursorRank) {
      r = this.cursorRank;
      s = this.cursorSlot;
    }
    for (; r < rank; r++) s = w.below(s);
    this.cursorVersion = w.version;
    this.cursorRank = rank;
    this.cursorSlot = s;
    return s;
  }
}
