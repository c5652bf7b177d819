import type { MatchingEngine } from '../main/core/matching/engine';
import type { Fill, SymbolSpec } from '../main/core/matching/types';
import type { CandleFile, DataCandle } from './data';
import { KlineStore, type Bar } from './klines';
import { Rng } from './rng';

export const MARKET_MAKER = '__market_maker';
export const MARKET_FLOW = '__market_flow';
const LADDER_LEVELS = 20;
const TAPE_CAP = 5000;

export interface TapeTrade {
  id: number;
  price: string;
  qty: string;
  quoteQty: string;
  time: number;
  isBuyerMaker: boolean;
}

export interface AggTrade {
  a: number;
  p: string;
  q: string;
  f: number;
  l: number;
  T: number;
  m: boolean;
  takerOrderId: number;
}

interface Waypoints {
  candle: DataCandle;
  points: [number, number][];
}

/** Tick and step sizes that suit a price level: cents above 1, finer below; ~0.5 quote per lot. */
export function symbolSpecFor(file: CandleFile): SymbolSpec {
  const price = file.candles[file.candles.length - 1]!.close;
  const tickExp = price >= 1 ? 2 : Math.min(8, 4 - Math.floor(Math.log10(price)));
  const stepExp = Math.max(0, Math.min(8, -Math.floor(Math.log10(0.5 / price))));
  const tick = (10 ** -tickExp).toFixed(tickExp);
  const step = (10 ** -stepExp).toFixed(stepExp);
  return { symbol: file.symbol, baseAsset: file.baseAsset, quoteAsset: file.quoteAsset, tickSize: tick, stepSize: step, minQty: step, maxQty: '9000000', minPrice: tick, maxPrice: '1000000', minNotional: '5' };
}

function decimalsOf(step: string): number {
  const dot = step.indexOf('.');
  return dot < 0 ? 0 : step.length - dot - 1;
}

/**
 * One symbol's replay: walks the real candles (open → one extreme → the other → close, the order
 * and timing drawn from the seeded generator), keeps a market-maker ladder around that price and
 * sends background market orders into it, so the venue's book, tape and candles move like the data.
 */
export class SymbolReplay {
  readonly spec: SymbolSpec;
  readonly klines: KlineStore;
  readonly tape: TapeTrade[] = [];
  readonly aggs: AggTrade[] = [];
  private readonly rng: Rng;
  private readonly tick: number;
  private readonly step: number;
  private readonly priceDp: number;
  private readonly qtyDp: number;
  private readonly startIndex: number;
  /** Added to data times so the replay's first candle opens at the venue's start. */
  readonly timeOffset: number;
  private waypoints: Waypoints | null = null;
  private candleNo = -1;
  private lastMid = 0;
  private nextClientId = 1;

  constructor(
    private readonly engine: MatchingEngine,
    readonly file: CandleFile,
    seed: number,
    private readonly ticksPerCandle: number,
    startTime: number,
    historyCandles: number,
  ) {
    this.spec = symbolSpecFor(file);
    this.rng = new Rng(seed);
    this.tick = Number(this.spec.tickSize);
    this.step = Number(this.spec.stepSize);
    this.priceDp = decimalsOf(this.spec.tickSize);
    this.qtyDp = decimalsOf(this.spec.stepSize);
    const candles = file.candles;
    const day = 86_400_000;
    const alignedStart = Math.floor(startTime / file.intervalMs) * file.intervalMs;
    // start at the first candle with the same time of day, so daily bars stay aligned after the shift
    let start = Math.min(historyCandles, candles.length - 1);
    if (day % file.intervalMs === 0) while (start < candles.length - 1 && (candles[start]!.time - alignedStart) % day !== 0) start++;
    this.startIndex = start;
    this.timeOffset = alignedStart - candles[start]!.time;
    const history: Bar[] = candles.slice(Math.max(0, start - historyCandles), start).map((c) => ({
      openTime: c.time + this.timeOffset,
      open: c.open,
      high: c.high,
      low: c.low,
      close: c.close,
      volume: c.volume,
      // the CSV has no quote volume; base volume at the bar's typical price estimates it
      quoteVolume: (c.volume * (c.high + c.low + c.close)) / 3,
      trades: 0,
      takerBuyVolume: 0,
      takerBuyQuoteVolume: 0,
      firstTradeId: -1,
      lastTradeId: -1,
    }));
    this.klines = new KlineStore(file.intervalMs, history);
  }

  /** The data candle replayed as number `n` of the run; past the end the data loops, rescaled to continue from the last close. */
  private candleAt(n: number): DataCandle {
    const c = this.file.candles;
    const span = c.length - this.startIndex;
    const cycle = Math.floor(n / span);
    const scale = (c[c.length - 1]!.close / c[this.startIndex]!.open) ** cycle;
    const d = c[this.startIndex + (n % span)]!;
    return { time: d.time, open: d.open * scale, high: d.high * scale, low: d.low * scale, close: d.close * scale, volume: d.volume };
  }

  private roundPrice(p: number): string {
    return (Math.round(p / this.tick) * this.tick).toFixed(this.priceDp);
  }

  private roundQty(q: number): string | null {
    const steps = Math.floor(q / this.step + 1e-9);
    return steps > 0 ? (steps * this.step).toFixed(this.qtyDp) : null;
  }

  /** Price at tick `k` of the run: the candle path plus seeded noise, always inside the candle's range. */
  private priceAt(k: number): { price: number; candle: DataCandle } {
    const n = Math.floor(k / this.ticksPerCandle);
    if (n !== this.candleNo) {
      this.candleNo = n;
      const candle = this.candleAt(n);
      const lowFirst = this.rng.next() < (candle.close >= candle.open ? 0.7 : 0.3);
      const a = this.rng.between(0.15, 0.45);
      const b = this.rng.between(0.55, 0.85);
      const [e1, e2] = lowFirst ? [candle.low, candle.high] : [candle.high, candle.low];
      this.waypoints = { candle, points: [[0, candle.open], [a, e1], [b, e2], [1, candle.close]] };
    }
    const { candle, points } = this.waypoints!;
    const frac = (k % this.ticksPerCandle) / this.ticksPerCandle;
    let i = 1;
    while (points[i]![0] < frac) i++;
    const [t0, p0] = points[i - 1]!;
    const [t1, p1] = points[i]!;
    const onPath = p0 + ((p1 - p0) * (frac - t0)) / (t1 - t0);
    const noise = (candle.high - candle.low) * 0.06 * (this.rng.next() - 0.5);
    const atWaypoint = points.some(([t]) => Math.abs(t - frac) < 0.5 / this.ticksPerCandle);
    const price = atWaypoint ? onPath : Math.min(candle.high, Math.max(candle.low, onPath + noise));
    return { price, candle };
  }

  /** Advances the replay by one tick at market time `time`. */
  advance(k: number, time: number): void {
    const { price, candle } = this.priceAt(k);
    const mid = Math.max(this.tick * (LADDER_LEVELS + 2), price);
    const halfSpread = Math.max(this.tick, mid * 0.00005);
    const gap = Math.max(this.tick, mid * 0.00004);
    const levelSize = Math.max(this.step * 20, candle.volume / 80);

    this.engine.cancelAll(MARKET_MAKER, this.spec.symbol, time);
    for (let i = 0; i < LADDER_LEVELS; i++) {
      for (const side of ['BUY', 'SELL'] as const) {
        const p = side === 'BUY' ? mid - halfSpread - i * gap : mid + halfSpread + i * gap;
        const qty = this.roundQty(levelSize * this.rng.between(0.3, 1.7));
        if (qty === null || p <= this.tick) continue;
        this.place(side, 'LIMIT', { price: this.roundPrice(p), quantity: qty }, time);
      }
    }

    // background flow leans with the path's direction, sized from the candle's real volume
    const direction = Math.sign(price - this.lastMid);
    this.lastMid = price;
    const draw = this.rng.next();
    const orders = draw < 0.45 ? 1 : draw < 0.6 ? 2 : 0;
    for (let i = 0; i < orders; i++) {
      const side = this.rng.next() < 0.5 + 0.3 * direction ? 'BUY' : 'SELL';
      const qty = this.roundQty(Math.max(this.step, this.rng.exponential(candle.volume / this.ticksPerCandle / 0.75)));
      if (qty !== null) this.place(side, 'MARKET', { quantity: qty }, time);
    }
  }

  private place(side: 'BUY' | 'SELL', type: 'LIMIT' | 'MARKET', q: { price?: string; quantity: string }, time: number): void {
    const account = type === 'LIMIT' ? MARKET_MAKER : MARKET_FLOW;
    try {
      this.engine.placeOrder({ account, symbol: this.spec.symbol, side, type, timeInForce: type === 'LIMIT' ? 'GTC' : undefined, ...q, clientOrderId: `sim${this.nextClientId++}`, time });
    } catch (err) {
      // a filter may refuse an extreme quote (minNotional on tiny sizes): the market just skips it
      if (!(err instanceof Error && 'code' in err)) throw err;
    }
  }

  /** Records a fill of this symbol into the tape, the aggregate tape and the candles. */
  record(fill: Fill): void {
    const isBuyerMaker = fill.takerSide === 'SELL';
    const t: TapeTrade = { id: fill.tradeId, price: fill.price, qty: fill.qty, quoteQty: fill.quoteQty, time: fill.time, isBuyerMaker };
    this.tape.push(t);
    if (this.tape.length > TAPE_CAP) this.tape.splice(0, this.tape.length - TAPE_CAP);
    const takerOrderId = fill.takerSide === 'BUY' ? fill.buyer.orderId : fill.seller.orderId;
    const last = this.aggs[this.aggs.length - 1];
    // Binance aggregates fills of one taker order at one price into one aggregate trade
    if (last && last.takerOrderId === takerOrderId && last.p === fill.price && last.T === fill.time) {
      last.q = (Number(last.q) + Number(fill.qty)).toFixed(this.qtyDp);
      last.l = fill.tradeId;
    } else {
      this.aggs.push({ a: (last?.a ?? 0) + 1, p: fill.price, q: fill.qty, f: fill.tradeId, l: fill.tradeId, T: fill.time, m: isBuyerMaker, takerOrderId });
      if (this.aggs.length > TAPE_CAP) this.aggs.splice(0, this.aggs.length - TAPE_CAP);
    }
    this.klines.record({ id: fill.tradeId, price: Number(fill.price), qty: Number(fill.qty), time: fill.time, buyerIsMaker: isBuyerMaker });
  }
}
