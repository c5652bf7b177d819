import type { BookLevel, Side } from '../../../shared/domain/market';
import { BookSide } from './side';

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

/** A float64 local order book. Money that leaves the book for an order goes through decimals elsewhere. */
export class OrderBook {
  readonly bids: BookSide;
  readonly asks: BookSide;

  constructor(opts: { capacity?: number; keepText?: boolean } = {}) {
    this.bids = new BookSide(true, opts);
    this.asks = new BookSide(false, opts);
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
    const mid = this.getMid();
    if (mid === null) return null;
    const offset = (mid * bandBps) / 10_000;
    // Sums from the best level of each side over interleaved [key, size]; bid keys are prices, ask
    // keys negated prices. The band's edge is found by search first, so the summing loops carry no
    // price test, and the two sides advance in one loop: each side's sums are chains of dependent
    // additions, and running both together keeps twice as many in flight without changing the
    // order in which either side adds.
    const b = this.bids.levels;
    const a = this.asks.levels;
    const bidStop = 2 * this.bids.bandStart(mid - offset);
    const askStop = 2 * this.asks.bandStart(mid + offset);
    let bidSize = 0;
    let bidNotional = 0;
    let askSize = 0;
    let askNotional = 0;
    let i = 2 * this.bids.count - 2;
    let j = 2 * this.asks.count - 2;
    for (; i >= bidStop && j >= askStop; i -= 2, j -= 2) {
      bidSize += b[i + 1]!;
      bidNotional += b[i + 1]! * b[i]!;
      askSize += a[j + 1]!;
      askNotional -= a[j + 1]! * a[j]!;
    }
    for (; i >= bidStop; i -= 2) {
      bidSize += b[i + 1]!;
      bidNotional += b[i + 1]! * b[i]!;
    }
    for (; j >= askStop; j -= 2) {
      askSize += a[j + 1]!;
      askNotional -= a[j + 1]! * a[j]!;
    }
    return { bandBps, mid, bidSize, bidNotional, askSize, askNotional };
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
    const book = side === 'buy' ? this.asks : this.bids;
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
    if (!book.isBid) notional = -notional;
    const worst = Number.isNaN(worstKey) ? null : book.isBid ? worstKey : -worstKey;
    const filled = amount - remaining;
    const averagePrice = filled > 0 ? notional / filled : null;
    const bestPrice = book.count > 0 ? book.best() : null;
    const mid = this.getMid();
    // Adverse move in percent: paying up for a buy, giving up for a sell.
    const direction = side === 'buy' ? 1 : -1;
    const slippageVsBestPct = averagePrice !== null && bestPrice !== null ? ((direction * (averagePrice - bestPrice)) / bestPrice) * 100 : null;
    const slippageVsMidPct = averagePrice !== null && mid !== null && mid > 0 ? ((direction * (averagePrice - mid)) / mid) * 100 : null;
    return {
      side,
      requested: amount,
      filled,
      averagePrice,
      worstPrice: worst,
      bestPrice,
      mid,
      notional,
      slippageVsBestPct,
      slippageVsMidPct,
      insufficientLiquidity: remaining > 0,
    };
  }
}
