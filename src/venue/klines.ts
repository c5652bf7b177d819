import { TIMEFRAMES, timeframeToMs, type Timeframe } from '../shared/domain/market';

/** A candle as the venue keeps it: Binance's kline fields as numbers. */
export interface Bar {
  openTime: number;
  open: number;
  high: number;
  low: number;
  close: number;
  volume: number;
  quoteVolume: number;
  trades: number;
  takerBuyVolume: number;
  takerBuyQuoteVolume: number;
  firstTradeId: number;
  lastTradeId: number;
}

const WEEK_ALIGN_MS = 4 * 86_400_000; // Binance weeks open on Monday; 1970-01-01 was a Thursday.

export function bucketStart(time: number, tfMs: number): number {
  const align = tfMs === 604_800_000 ? WEEK_ALIGN_MS : 0;
  return Math.floor((time - align) / tfMs) * tfMs + align;
}

export interface TradePrint {
  id: number;
  price: number;
  qty: number;
  time: number;
  buyerIsMaker: boolean;
}

function newBar(openTime: number, t: TradePrint): Bar {
  return { openTime, open: t.price, high: t.price, low: t.price, close: t.price, volume: 0, quoteVolume: 0, trades: 0, takerBuyVolume: 0, takerBuyQuoteVolume: 0, firstTradeId: t.id, lastTradeId: t.id };
}

function addTrade(b: Bar, t: TradePrint): void {
  b.high = Math.max(b.high, t.price);
  b.low = Math.min(b.low, t.price);
  b.close = t.price;
  b.volume += t.qty;
  b.quoteVolume += t.qty * t.price;
  b.trades++;
  b.lastTradeId = t.id;
  if (!t.buyerIsMaker) {
    b.takerBuyVolume += t.qty;
    b.takerBuyQuoteVolume += t.qty * t.price;
  }
}

/**
 * Candles of one symbol: the replayed history at the data's interval, then bars built from the
 * venue's own tape. Larger timeframes aggregate the base bars; smaller ones exist only for the part
 * of the run the tape covers (the data has nothing finer).
 */
export class KlineStore {
  private readonly base: Bar[];
  private readonly fine = new Map<number, Bar[]>();
  private static readonly FINE_CAP = 1500;

  constructor(
    readonly baseMs: number,
    history: Bar[],
  ) {
    this.base = history;
    for (const tf of TIMEFRAMES) {
      const ms = timeframeToMs(tf);
      if (ms < baseMs) this.fine.set(ms, []);
    }
  }

  /** Folds one print of the tape into every series. */
  record(t: TradePrint): void {
    this.fold(this.base, this.baseMs, t, Infinity);
    for (const [ms, bars] of this.fine) this.fold(bars, ms, t, KlineStore.FINE_CAP);
  }

  private fold(bars: Bar[], ms: number, t: TradePrint, cap: number): void {
    const start = bucketStart(t.time, ms);
    const last = bars[bars.length - 1];
    if (!last || last.openTime < start) {
      bars.push(newBar(start, t));
      if (bars.length > cap) bars.splice(0, bars.length - cap);
    }
    addTrade(bars[bars.length - 1]!, t);
  }

  /** Bars of `tf` overlapping [startTime, endTime], oldest first; the newest `limit` unless a start is given. */
  query(tf: Timeframe, opts: { startTime?: number; endTime?: number; limit: number }): Bar[] {
    const ms = timeframeToMs(tf);
    const series = ms < this.baseMs ? (this.fine.get(ms) ?? []) : ms === this.baseMs ? this.base : this.aggregate(ms, opts.startTime, opts.endTime);
    const from = opts.startTime ?? -Infinity;
    const to = opts.endTime ?? Infinity;
    const inRange = series.filter((b) => b.openTime + ms - 1 >= from && b.openTime <= to);
    return opts.startTime !== undefined ? inRange.slice(0, opts.limit) : inRange.slice(-opts.limit);
  }

  /** The bar of `tf` holding `time` (the live one), if any. */
  current(tf: Timeframe, time: number): Bar | undefined {
    const ms = timeframeToMs(tf);
    const start = bucketStart(time, ms);
    return this.query(tf, { startTime: start, endTime: start + ms - 1, limit: 1 })[0];
  }

  private aggregate(ms: number, startTime?: number, endTime?: number): Bar[] {
    const out: Bar[] = [];
    const from = startTime === undefined ? -Infinity : bucketStart(startTime, ms);
    for (const b of this.base) {
      if (b.openTime < from || (endTime !== undefined && b.openTime > endTime)) continue;
      const start = bucketStart(b.openTime, ms);
      const last = out[out.length - 1];
      if (!last || last.openTime !== start) {
        out.push({ ...b, openTime: start });
        continue;
      }
      last.high = Math.max(last.high, b.high);
      last.low = Math.min(last.low, b.low);
      last.close = b.close;
      last.volume += b.volume;
      last.quoteVolume += b.quoteVolume;
      last.trades += b.trades;
      last.takerBuyVolume += b.takerBuyVolume;
      last.takerBuyQuoteVolume += b.takerBuyQuoteVolume;
      last.lastTradeId = b.lastTradeId;
    }
    return out;
  }

  /** Base bars that end after `since`: the 24h ticker's window. */
  baseSince(since: number): Bar[] {
    const out: Bar[] = [];
    for (let i = this.base.length - 1; i >= 0 && this.base[i]!.openTime + this.baseMs > since; i--) out.push(this.base[i]!);
    return out.reverse();
  }
}
