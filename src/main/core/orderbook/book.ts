import type { BookLevel, Side } from '../../../shared/domain/market';
import { BookSide } from './side';
import { tickGrid } from './tick-grid';
import { TickBookSide } from './tick-side';

export interface BookStats {
  bestBid: number | null;
  bestAsk: number | null;
  spread: number | null;
  spreadBps: number | null;
  mid: number | null;
  /** (bid − ask) / (bid + ask) volume over the best `levels` levels of each side; null when both are empty. */
  imbalance: number | null;
  /** The same ratio over the levels within ±`bandBps` of mid. */
  imbalanceInBand: number | null;
  bidLiquidity: number;
  askLiquidity: number;
  bidLevels: number;
  askLevels: number;
}

export interface DepthInBand {
  bandBps: number;
  mid: number;
  bidSize: number;
  bidNotional: number;
  askSize: number;
  askNotional: number;
}

export interface MarketImpact {
  side: Side;
  requested: number;
  filled: number;
  /** Volume-weighted fill price; null when nothing could fill. */
  averagePrice: number | null;
  worstPrice: number | null;
  bestPrice: number | null;
  mid: number | null;
  notional: number;
  /** Adverse move of the average price against the best price and against mid, in percent (≥ 0). */
  slippageVsBestPct: number | null;
  slippageVsMidPct: number | null;
  /** The visible book could not fill the whole amount. */
  insufficientLiquidity: boolean;
}

export interface OrderBookOptions {
  capacity?: number;
  keepText?: boolean;
  /** The market's price tick (e.g. 0.01): selects the tick-indexed sides. Omitted: sorted sides. */
  tickSize?: number;
  /** Tick-indexed window length in ticks (default 4096). */
  tickSpan?: number;
}

/** A float64 local order book. Money that leaves the book for an order goes through decimals elsewhere. */
export class OrderBook {
  readonly bids: BookSide | TickBookSide;
  readonly asks: BookSide | TickBookSide;
  /**
   * The sides again when they are sorted, else null. Typed fields that only ever hold a BookSide keep
   * the hot queries' property loads monomorphic when a process also has tick-indexed books.
   */
  private readonly sortedBids: BookSide | null = null;
  private readonly sortedAsks: BookSide | null = null;

  constructor(opts: OrderBookOptions = {}) {
    if (opts.tickSize !== undefined) {
      const grid = tickGrid(opts.tickSize);
      const sideOpts = { span: opts.tickSpan, capacity: opts.capacity, keepText: opts.keepText };
      this.bids = new TickBookSide(true, grid, sideOpts);
      this.asks = new TickBookSide(false, grid, sideOpts);
    } else {
      this.bids = new BookSide(true, opts);
      this.asks = new BookSide(false, opts);
      this.sortedBids = this.bids;
      this.sortedAsks = this.asks;
    }
  }

  /** Replaces both sides from interleaved [price, size, …] arrays in exchange (best-first) order. */
  loadSnapshot(bids: Float64Array, asks: Float64Array, bidTexts?: readonly string[], askTexts?: readonly string[]): void {
    this.bids.load(bids, bidTexts);
    this.asks.load(asks, askTexts);
  }

  /** Applies one level; size 0 removes. Returns the previous size (0 when the level was absent). */
  setLevel(isBid: boolean, price: number, size: number, text?: string): number {
    return (isBid ? this.bids : this.asks).set(price, size, text);
  }

  getBestBid(): number | null {
    return this.bids.count > 0 ? this.bids.best() : null;
  }

  getBestAsk(): number | null {
    return this.asks.count > 0 ? this.asks.best() : null;
  }

  isCrossed(): boolean {
    return this.bids.count > 0 && this.asks.count > 0 && this.bids.best() >= this.asks.best();
  }

  /** Sorted, positive sizes, and not crossed. */
  isConsistent(): boolean {
    return this.bids.isValid() && this.asks.isValid() && !this.isCrossed();
  }

  getMid(): number | null {
    if (this.bids.count === 0 || this.asks.count === 0) return null;
    return (this.bids.best() + this.asks.best()) / 2;
  }

  /** The best `n` levels of each side, best first. */
  getTop(n: number): { bids: BookLevel[]; asks: BookLevel[] } {
    const take = (side: BookSide | TickBookSide): BookLevel[] => {
      const m = Math.min(n, side.count);
      const out: BookLevel[] = new Array(m);
      for (let r = 0; r < m; r++) out[r] = [side.priceAt(r), side.sizeAt(r)];
      return out;
    };
    return { bids: take(this.bids), asks: take(this.asks) };
  }

  /** Size and notional on each side within ±`bandBps` basis points of mid; null without a two-sided book. */
  getDepthInBand(bandBps: number): DepthInBand | null {
    const sb = this.sortedBids;
    const sa = this.sortedAsks;
    if (sb !== null && sa !== null) {
      if (sb.count === 0 || sa.count === 0) return null;
      // NaN, not 0: the fields start as doubles, so V8 never has to widen this object's layout.
      return sortedDepthInBand(sb, sa, bandBps, { bandBps: NaN, mid: NaN, bidSize: NaN, bidNotional: NaN, askSize: NaN, askNotional: NaN });
    }
    const bids = this.bids;
    const asks = this.asks;
    if (bids.count === 0 || asks.count === 0) return null;
    const mid = (bids.best() + asks.best()) / 2;
    return depthFromSides(bids, asks, bandBps, mid, (mid * bandBps) / 10_000);
  }

  /**
   * getDepthInBand without allocating, for callers that poll it (a depth panel, a strategy): fills
   * and returns `out`; returns null and leaves `out` untouched without a two-sided book.
   */
  getDepthInBandInto(bandBps: number, out: DepthInBand): DepthInBand | null {
    const sb = this.sortedBids;
    const sa = this.sortedAsks;
    if (sb !== null && sa !== null) return sb.count === 0 || sa.count === 0 ? null : sortedDepthInBand(sb, sa, bandBps, out);
    const bids = this.bids;
    const asks = this.asks;
    if (bids.count === 0 || asks.count === 0) return null;
    const mid = (bids.best() + asks.best()) / 2;
    const d = depthFromSides(bids, asks, bandBps, mid, (mid * bandBps) / 10_000);
    out.bandBps = d.bandBps;
    out.mid = d.mid;
    out.bidSize = d.bidSize;
    out.bidNotional = d.bidNotional;
    out.askSize = d.askSize;
    out.askNotional = d.askNotional;
    return out;
  }

  getStats(opts: { levels?: number; bandBps?: number } = {}): BookStats {
    const levels = opts.levels ?? 10;
    const bestBid = this.getBestBid();
    const bestAsk = this.getBestAsk();
    const mid = this.getMid();
    const spread = bestBid !== null && bestAsk !== null ? bestAsk - bestBid : null;
    const ratio = (b: number, a: number): number | null => (b + a > 0 ? (b - a) / (b + a) : null);
    const band = this.getDepthInBand(opts.bandBps ?? 10);
    return {
      bestBid,
      bestAsk,
      spread,
      spreadBps: spread !== null && mid !== null && mid > 0 ? (spread / mid) * 10_000 : null,
      mid,
      imbalance: ratio(this.bids.volume(levels), this.asks.volume(levels)),
      imbalanceInBand: band ? ratio(band.bidSize, band.askSize) : null,
      bidLiquidity: this.bids.volume(),
      askLiquidity: this.asks.volume(),
      bidLevels: this.bids.count,
      askLevels: this.asks.count,
    };
  }

  /** Walks the opposite side for a market order of `amount` base units. */
  calculateMarketImpact(amount: number, side: Side): MarketImpact {
    if (!(amount > 0) || !Number.isFinite(amount)) throw new RangeError(`market impact: amount must be a positive number, got ${amount}`);
    // The sorted walk reads the monomorphic sorted-side fields (see sortedDepthInBand).
    const sorted = side === 'buy' ? this.sortedAsks : this.sortedBids;
    if (sorted !== null) {
      const sb = this.sortedBids!;
      const sa = this.sortedAsks!;
      const remaining = sortedWalk(sorted, amount, walked);
      const mid = sb.count > 0 && sa.count > 0 ? (sideBest(sb) + sideBest(sa)) / 2 : null;
      return impactOfWalk(side, amount, remaining, sorted.count > 0 ? sideBest(sorted) : null, mid);
    }
    const book = (side === 'buy' ? this.asks : this.bids) as TickBookSide;
    const remaining = book.walk(amount, walked);
    return impactOfWalk(side, amount, remaining, book.count > 0 ? book.best() : null, this.getMid());
  }
}

/** Notional [0] and worst price [1] of the last walk; a typed array so the doubles are never boxed. */
const walked = new Float64Array(2);

/** The impact report of the walk just written into `walked`. */
function impactOfWalk(side: Side, amount: number, remaining: number, bestPrice: number | null, mid: number | null): MarketImpact {
  const notional = walked[0]!;
  const filled = amount - remaining;
  const averagePrice = filled > 0 ? notional / filled : null;
  // Adverse move in percent: paying up for a buy, giving up for a sell.
  const direction = side === 'buy' ? 1 : -1;
  return {
    side,
    requested: amount,
    filled,
    averagePrice,
    worstPrice: Number.isNaN(walked[1]) ? null : walked[1]!,
    bestPrice,
    mid,
    notional,
    slippageVsBestPct: averagePrice !== null && bestPrice !== null ? ((direction * (averagePrice - bestPrice)) / bestPrice) * 100 : null,
    slippageVsMidPct: averagePrice !== null && mid !== null && mid > 0 ? ((direction * (averagePrice - mid)) / mid) * 100 : null,
    insufficientLiquidity: remaining > 0,
  };
}

/** The best price of a sorted side (bid keys are prices, ask keys negated prices). */
function sideBest(side: BookSide): number {
  const key = side.levels[2 * side.count - 2]!;
  return side.isBid ? key : -key;
}

/**
 * A market order's walk over a sorted side from its best level: returns the amount left unfilled and
 * writes the notional and the worst price reached (NaN when nothing filled) into `out`.
 */
function sortedWalk(book: BookSide, amount: number, out: Float64Array): number {
  let remaining = amount;
  let notional = 0;
  // NaN rather than null keeps the loop's doubles unboxed.
  let worstKey = NaN;
  const levels = book.levels;
  for (let i = 2 * book.count - 2; i >= 0 && remaining > 0; i -= 2) {
    const key = levels[i]!;
    const level = levels[i + 1]!;
    const take = remaining < level ? remaining : level;
    notional += take * key;
    remaining -= take;
    worstKey = key;
  }
  out[0] = book.isBid ? notional : -notional;
  out[1] = Number.isNaN(worstKey) ? NaN : book.isBid ? worstKey : -worstKey;
  return remaining;
}

/** Depth in band through the sides' own band sums, for tick-indexed sides (same order of additions as the sorted walk). */
function depthFromSides(bids: BookSide | TickBookSide, asks: BookSide | TickBookSide, bandBps: number, mid: number, offset: number): DepthInBand {
  const b = bids.volumeWithin(mid - offset);
  const a = asks.volumeWithin(mid + offset);
  return { bandBps, mid, bidSize: b.size, bidNotional: b.notional, askSize: a.size, askNotional: a.notional };
}

/**
 * Depth in band over two sorted sides (interleaved [key, size], best level last; bid keys are
 * prices, ask keys negated prices). Each side is walked from its best level until a level leaves the
 * band. The band sits at the top of the book, so the walk touches only the levels it sums; finding
 * the band's edge by search first, through calls on the (polymorphic) sides, cost more than the sums.
 * Each side still adds best level first, so the results are the same to the last bit.
 */
function sortedDepthInBand(bids: BookSide, asks: BookSide, bandBps: number, out: DepthInBand): DepthInBand {
  const b = bids.levels;
  const a = asks.levels;
  const bidTop = 2 * bids.count - 2;
  const askTop = 2 * asks.count - 2;
  // bid + (−askKey) as in getMid(); x − y is exactly x + (−y).
  const mid = (b[bidTop]! - a[askTop]!) / 2;
  const offset = (mid * bandBps) / 10_000;
  const bidLimit = mid - offset;
  const askLimit = -(mid + offset);
  let bidSize = 0;
  let bidNotional = 0;
  for (let i = bidTop; i >= 0; i -= 2) {
    const key = b[i]!;
    if (key < bidLimit) break;
    const size = b[i + 1]!;
    bidSize += size;
    bidNotional += size * key;
  }
  let askSize = 0;
  let askNotional = 0;
  for (let j = askTop; j >= 0; j -= 2) {
    const key = a[j]!;
    if (key < askLimit) break;
    const size = a[j + 1]!;
    askSize += size;
    askNotional -= size * key;
  }
  out.bandBps = bandBps;
  out.mid = mid;
  out.bidSize = bidSize;
  out.bidNotional = bidNotional;
  out.askSize = askSize;
  out.askNotional = askNotional;
  return out;
}
