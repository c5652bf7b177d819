import { BookSide } from './side';
import { tickIndex, type TickGrid } from './tick-grid';
import { FarLevels, LOAD_ABOVE, LOAD_OFF_GRID, TickWindow } from './tick-window';

/**
 * One side of an order book for a market whose tick size is known: levels sit in a Float64Array
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
  /** Scratch for load: the levels that fall below the window. */
  private readonly farOut = new FarLevels();
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
    return rank < w.count ? w.levels[2 * this.slotAtRank(rank)]! : this.far.priceAt(rank - w.count);
  }

  sizeAt(rank: number): number {
    const w = this.window;
    return rank < w.count ? w.levels[2 * this.slotAtRank(rank) + 1]! : this.far.sizeAt(rank - w.count);
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
    if (slot >= 0 && slot < w.span && w.levels[2 * slot] === price) return w.setSlot(slot, price, size, text);
    return this.setSlow(price, size, text);
  }

  /**
   * Replaces the side with a snapshot given as interleaved [price, size, …] in exchange order.
   * Later duplicates win and a zero size removes, as with per-level sets. Exchanges send the best
   * level first, so the window is placed from the first level and filled in one pass; it moves only
   * when that level is outside slots [span/2, 7/8 span) (rebuilding its price table costs a division
   * per slot), and a level found above it after all re-anchors on the true best and starts over.
   */
  load(levels: Float64Array, texts?: readonly string[]): void {
    this.clear();
    const w = this.window;
    if (levels.length < 2) return;
    const first = tickIndex(this.grid, levels[0]!);
    if (!Number.isNaN(first)) {
      const slot = this.sign * first - w.base;
      if (slot < w.span >> 1 || slot >= w.span - (w.span >> 3)) w.moveTo(this.anchorBase(this.sign * first), this.far);
    }
    const farOut = this.farOut;
    farOut.reset();
    let outcome = w.loadLevels(levels, texts, farOut);
    if (outcome === LOAD_ABOVE) {
      this.clear();
      farOut.reset();
      w.moveTo(this.anchorBase(this.bestKeyOf(levels)), this.far);
      outcome = w.loadLevels(levels, texts, farOut);
    }
    if (outcome === LOAD_OFF_GRID) return this.loadOffGrid(levels, texts);
    // Levels below the window keep their exchange (best-first) order, which far.load takes in one pass.
    if (farOut.count > 0) this.far.load(farOut.levels.subarray(0, 2 * farOut.count), w.texts ? (farOut.texts as string[]) : undefined);
  }

  /** Sum of sizes over the best `levels` levels (all levels when omitted). */
  volume(levels = this.count): number {
    const w = this.window;
    let left = levels;
    let sum = 0;
    for (let s = w.top; s >= 0 && left > 0; s = w.below(s), left--) sum += w.levels[2 * s + 1]!;
    // One running sum across both parts: the same order of additions as a single sorted side.
    for (let r = 0; r < this.far.count && left > 0; r++, left--) sum += this.far.sizeAt(r);
    return sum;
  }

  /** Size and quote notional of every level priced no worse than `limitPrice`, summed best first. */
  volumeWithin(limitPrice: number): { size: number; notional: number } {
    this.sumWithin(limitPrice, this.sums);
    return { size: this.sums[0]!, notional: this.sums[1]! };
  }

  /** volumeWithin without allocating: size to out[0], notional to out[1]. */
  sumWithin(limitPrice: number, out: Float64Array): void {
    // Only a band that takes every window level can go on below it (off the grid, all levels are there).
    if (this.window.sumWithin(limitPrice, out) && this.far.count > 0) this.sumFar(limitPrice, out);
  }

  /**
   * Fills a market order of `amount` against this side from the best level down. Returns the amount
   * left unfilled and writes the fill's quote notional and worst price (NaN when nothing filled) to `out`.
   */
  walk(amount: number, out: Float64Array): number {
    const left = this.window.walk(amount, out);
    return left > 0 && this.far.count > 0 ? this.walkFar(left, out) : left;
  }

  /** The far levels' part of sumWithin, continuing the window's sums in out. */
  private sumFar(limitPrice: number, out: Float64Array): void {
    const far = this.far;
    const limitKey = this.sign * limitPrice;
    let size = out[0]!;
    let notional = out[1]!;
    for (let r = 0; r < far.count; r++) {
      const price = far.priceAt(r);
      if (this.sign * price < limitKey) break;
      size += far.sizeAt(r);
      notional += far.sizeAt(r) * price;
    }
    out[0] = size;
    out[1] = notional;
  }

  /** The far levels' part of a walk, continuing from the window's notional and worst price in out. */
  private walkFar(amount: number, out: Float64Array): number {
    const far = this.far;
    let left = amount;
    let notional = out[0]!;
    for (let r = 0; r < far.count && left > 0; r++) {
      const take = Math.min(left, far.sizeAt(r));
      notional += take * far.priceAt(r);
      left -= take;
      out[1] = far.priceAt(r);
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
    return this.far.count === 0 || this.sign * this.far.best() < this.sign * this.window.levels[0]!;
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

  /** The highest key among the levels with a size (all on the grid: the caller has checked). */
  private bestKeyOf(levels: Float64Array): number {
    let best = -Infinity;
    for (let j = 0; j < levels.length; j += 2) {
      if (levels[j + 1] === 0) continue;
      const key = this.sign * tickIndex(this.grid, levels[j]!);
      if (key > best) best = key;
    }
    return best;
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
