import type { BookLevel, Side } from '../../../shared/domain/market';
import { BookSide, checkTickSize } from './side';
import {
  badImpactAmount,
  depth,
  DEPTH_ASK_NOTIONAL,
  DEPTH_ASK_SIZE,
  DEPTH_BID_NOTIONAL,
  DEPTH_BID_SIZE,
  DEPTH_MID,
  impactWithNulls,
  sortedDepthInBand,
  sortedImpactWalk,
  WALK_BEST,
  WALK_MID,
  WALK_NOTIONAL,
  WALK_WORST,
  walked,
} from './queries';

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
  /** The market's price tick (e.g. 0.01): levels are then looked up by tick before any search. */
  tickSize?: number;
}

/** A float64 local order book. Money that leaves the book for an order goes through decimals elsewhere. */
export class OrderBook {
  readonly bids: BookSide;
  readonly asks: BookSide;

  constructor(opts: OrderBookOptions = {}) {
    this.bids = new BookSide(true, opts);
    this.asks = new BookSide(false, opts);
    if (opts.tickSize !== undefined) this.useTickSize(opts.tickSize);
  }

  /** The tick size levels are looked up by, or null when they are found by search alone. */
  get tickSize(): number | null {
    return this.bids.tickSize;
  }

  /**
   * Looks levels up by `tickSize` from now on (null: by search alone). The levels stay where they
   * are, so nothing is copied and every result stays the same. Throws RangeError for a tick size
   * that is not a positive finite number.
   */
  useTickSize(tickSize: number | null): void {
    if (tickSize !== null) checkTickSize(tickSize);
    this.bids.useTickSize(tickSize);
    this.asks.useTickSize(tickSize);
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
    const take = (side: BookSide): BookLevel[] => {
      const m = Math.min(n, side.count);
      const out: BookLevel[] = new Array(m);
      for (let r = 0; r < m; r++) out[r] = [side.priceAt(r), side.sizeAt(r)];
      return out;
    };
    return { bids: take(this.bids), asks: take(this.asks) };
  }

  /** Size and notional on each side within ±`bandBps` basis points of mid; null without a two-sided book. */
  getDepthInBand(bandBps: number): DepthInBand | null {
    if (!this.depthToScratch(bandBps)) return null;
    // Built here from plain numbers: inlined into a caller, V8 can drop the object and box nothing.
    return { bandBps, mid: depth[DEPTH_MID]!, bidSize: depth[DEPTH_BID_SIZE]!, bidNotional: depth[DEPTH_BID_NOTIONAL]!, askSize: depth[DEPTH_ASK_SIZE]!, askNotional: depth[DEPTH_ASK_NOTIONAL]! };
  }

  /**
   * getDepthInBand without allocating, for callers that poll it (a depth panel, a strategy): fills
   * and returns `out`; returns null and leaves `out` untouched without a two-sided book.
   */
  getDepthInBandInto(bandBps: number, out: DepthInBand): DepthInBand | null {
    if (!this.depthToScratch(bandBps)) return null;
    out.bandBps = bandBps;
    out.mid = depth[DEPTH_MID]!;
    out.bidSize = depth[DEPTH_BID_SIZE]!;
    out.bidNotional = depth[DEPTH_BID_NOTIONAL]!;
    out.askSize = depth[DEPTH_ASK_SIZE]!;
    out.askNotional = depth[DEPTH_ASK_NOTIONAL]!;
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

  /** Depth in band into the `depth` scratch; false without a two-sided book. */
  private depthToScratch(bandBps: number): boolean {
    if (this.bids.count === 0 || this.asks.count === 0) return false;
    sortedDepthInBand(this.bids, this.asks, bandBps, depth);
    return true;
  }

  /** Walks the opposite side for a market order of `amount` base units. */
  calculateMarketImpact(amount: number, side: Side): MarketImpact {
    if (!(amount > 0) || !Number.isFinite(amount)) badImpactAmount(amount);
    const remaining = sortedImpactWalk(this.bids, this.asks, amount, side);
    const filled = amount - remaining;
    const mid = walked[WALK_MID]!;
    if (!(filled > 0 && mid > 0)) return impactWithNulls(side, amount, remaining);
    // The common case, a fill against a two-sided book, builds its report right here from plain
    // numbers: inlined into a caller, V8 can then drop the object and box nothing.
    const notional = walked[WALK_NOTIONAL]!;
    const bestPrice = walked[WALK_BEST]!;
    const averagePrice = notional / filled;
    // Adverse move in percent: paying up for a buy, giving up for a sell.
    const direction = side === 'buy' ? 1 : -1;
    return {
      side,
      requested: amount,
      filled,
      averagePrice,
      worstPrice: walked[WALK_WORST]!,
      bestPrice,
      mid,
      notional,
      slippageVsBestPct: ((direction * (averagePrice - bestPrice)) / bestPrice) * 100,
      slippageVsMidPct: ((direction * (averagePrice - mid)) / mid) * 100,
      insufficientLiquidity: remaining > 0,
    };
  }
}
