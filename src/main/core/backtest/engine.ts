import type { CandleSeries } from '../../../shared/domain/market';
import type { ClosedTrade } from '../../../shared/domain/trading';
import type { BarSink } from '../indicators/driver';
import type { BarContext, EntryIntent, Sizing, Strategy } from '../strategy/types';
import { RevealingSetup, ScratchArrays } from './setup';

/**
 * The bar loop. Per bar i (after bar 0): a waiting exit, then a waiting market entry, fill at
 * open[i]; the open position's stop-loss/take-profit are checked against the bar (gaps at the open
 * first, then the range, stop before target); resting limit/stop entries are checked; the account
 * is marked at close[i]; the strategy sees bar i and states intents for bar i+1. A position still
 * open after the last bar closes at the last close. Float64 throughout: this is analysis, not a
 * ledger (DESIGN rule 6), and it is deterministic: the same inputs give bit-identical outputs.
 */

export interface FeeRates {
  /** Resting limit orders (limit entries, take-profit). */
  maker: number;
  /** Market and stop orders. */
  taker: number;
}

export interface SimulationConfig {
  capital: number;
  fees: FeeRates;
  /** Adverse price adjustment for market and stop fills, in basis points. */
  slippageBps: number;
  sizing: Sizing;
  /** Bars between progress callbacks and cancel checks (default 4096). */
  progressEvery?: number;
  onProgress?: (done: number, total: number) => void;
  /** Anything with `aborted` (an AbortSignal fits); checked every `progressEvery` bars. */
  signal?: { readonly aborted: boolean };
  /** Indicator arrays shared between runs over the same series (e.g. by an optimizer), keyed by name + params. */
  indicatorCache?: Map<string, Readonly<Record<string, Float64Array>>>;
}

export interface SimulationResult {
  bars: number;
  finalEquity: number;
  totalFees: number;
  trades: ClosedTrade[];
  /** Equity at each bar's close (times are bar open times). */
  equity: { times: Float64Array; values: Float64Array };
}

export class BacktestAbortedError extends Error {
  constructor(readonly atBar: number) {
    super(`backtest cancelled at bar ${atBar}`);
    this.name = 'BacktestAbortedError';
  }
}

const MARKET = 0;
const LIMIT = 1;
const STOP = 2;

class Engine implements BarContext, BarSink {
  /**
   * Index of the bar the strategy is looking at (-1 before the first). The loop stores this small
   * integer instead of writing `time` and `equity` as double fields every bar: a double field write
   * goes through a boxed heap number, and those two stores cost as much as the rest of the loop.
   */
  bar = -1;
  position = 0;
  entryPrice = NaN;
  // Number fields the constructor sets start as NaN, so V8 types them as double fields from the
  // first store: a bare `cash: number;` compiles to a field first set to undefined, a generic slot
  // that every bar's read must test (small integer or boxed number) and convert.
  cash = NaN;
  hasPendingEntry = false;
  totalFees = 0;
  readonly trades: ClosedTrade[] = [];

  private exitPending = false;
  private orderSide = 0;
  private orderType = MARKET;
  private orderPrice = NaN;
  private orderSl = NaN;
  private orderTp = NaN;
  private orderSizing: Sizing;
  private sl = NaN;
  private tp = NaN;
  private entryTime = 0;
  private entryCashFlow = 0;
  private entryFee = 0;
  private wins = 0;
  private losses = 0;
  private sumWin = 0;
  private sumLoss = 0;
  private readonly slip: number = NaN;

  /**
   * Bars [0, marked) of the equity curve are written. Cash and position change only when an order
   * fills, so the curve is written in runs up to each fill (and to the end) rather than bar by bar:
   * the bar loop then touches neither the curve nor the close, and each run is a tight loop.
   */
  private marked = 0;
  /** The bar `step` is filling at: a fill there ends the run of bars marked with the old state. */
  private stepBar = 0;

  constructor(
    private readonly s: CandleSeries,
    private readonly cfg: SimulationConfig,
    /** The equity curve being filled, one value per bar at its close. */
    private readonly equityValues: Float64Array,
    private readonly strategy: Strategy,
  ) {
    this.cash = cfg.capital;
    this.orderSizing = cfg.sizing;
    this.slip = cfg.slippageBps / 10_000;
  }

  get time(): number {
    return this.bar >= 0 ? this.s.time[this.bar]! : NaN;
  }

  get equity(): number {
    // The same expression `mark` will store for this bar, so the strategy reads the curve's value.
    return this.bar >= 0 ? this.cash + this.position * this.s.close[this.bar]! : this.cfg.capital;
  }

  /** Writes the equity of bars [marked, upTo) at their closes with the current cash and position. */
  mark(upTo: number): void {
    const from = this.marked;
    if (upTo <= from) return;
    const cash = this.cash;
    const position = this.position;
    const close = this.s.close;
    const values = this.equityValues;
    for (let k = from; k < upTo; k++) values[k] = cash + position * close[k]!;
    this.marked = upTo;
  }

  /** Bar i, its arrays already revealed: waiting orders fill at its open and range, then the strategy sees its close. */
  barAt(i: number): void {
    // Nothing can be waiting before bar 0 has been seen, so `active` is 0 at i = 0.
    if (this.active !== 0) this.step(i);
    this.bar = i;
    this.strategy.onBar(i, this);
  }

  enterLong(intent?: EntryIntent): void {
    this.place(1, intent);
  }

  enterShort(intent?: EntryIntent): void {
    this.place(-1, intent);
  }

  exit(): void {
    if (this.position === 0) return;
    this.exitPending = true;
    this.active = 1;
  }

  setBracket(stopLoss: number, takeProfit: number): void {
    this.sl = stopLoss;
    this.tp = takeProfit;
    this.active = 1;
  }

  cancelEntry(): void {
    this.orderSide = 0;
    this.hasPendingEntry = false;
  }

  private place(side: number, intent: EntryIntent | undefined): void {
    if (this.position * side > 0) return;
    const type = intent?.type === 'limit' ? LIMIT : intent?.type === 'stop' ? STOP : MARKET;
    const price = intent?.price ?? NaN;
    if (type !== MARKET && !(price > 0)) throw new Error(`${intent!.type} entry needs a positive price, got ${price}`);
    this.orderSide = side;
    this.orderType = type;
    this.orderPrice = price;
    this.orderSl = intent?.stopLoss ?? NaN;
    this.orderTp = intent?.takeProfit ?? NaN;
    this.orderSizing = intent?.sizing ?? this.cfg.sizing;
    this.hasPendingEntry = true;
    this.active = 1;
  }

  private quantity(sizing: Sizing, price: number, rate: number): number {
    if (sizing.kind === 'fixed') return sizing.quantity;
    let fraction: number;
    if (sizing.kind === 'percent') fraction = sizing.percent / 100;
    else if (this.wins + this.losses < sizing.minTrades) fraction = sizing.fallbackPercent / 100;
    else {
      const w = this.wins / (this.wins + this.losses);
      const ratio = this.losses === 0 ? Infinity : this.wins === 0 ? 0 : this.sumWin / this.wins / (this.sumLoss / this.losses);
      const kelly = ratio === Infinity ? w : w - (1 - w) / ratio;
      fraction = kelly < 0 ? 0 : kelly > sizing.cap ? sizing.cap : kelly;
    }
    return (this.cash * fraction) / (price * (1 + rate));
  }

  /** Opens a position from flat; `raw` is the price before slippage. */
  private openAt(side: number, raw: number, rate: number, slipped: boolean, time: number): void {
    this.mark(this.stepBar);
    const price = slipped ? raw * (1 + side * this.slip) : raw;
    const q = this.quantity(this.orderSizing, price, rate);
    this.orderSide = 0;
    this.hasPendingEntry = false;
    if (!(q > 0) || !Number.isFinite(q)) return;
    const fee = q * price * rate;
    const flow = side > 0 ? q * price * (1 + rate) : q * price * (1 - rate);
    this.cash += side > 0 ? -flow : flow;
    this.position = side * q;
    this.entryPrice = price;
    this.entryTime = time;
    this.entryCashFlow = flow;
    this.entryFee = fee;
    this.totalFees += fee;
    this.sl = this.orderSl;
    this.tp = this.orderTp;
  }

  closeAt(raw: number, rate: number, slipped: boolean, time: number): void {
    this.mark(this.stepBar);
    const long = this.position > 0;
    const q = long ? this.position : -this.position;
    const price = slipped ? raw * (long ? 1 - this.slip : 1 + this.slip) : raw;
    const fee = q * price * rate;
    let pnl: number;
    if (long) {
      const proceeds = q * price * (1 - rate);
      this.cash += proceeds;
      pnl = proceeds - this.entryCashFlow;
    } else {
      const cost = q * price * (1 + rate);
      this.cash -= cost;
      pnl = this.entryCashFlow - cost;
    }
    this.totalFees += fee;
    this.trades.push({ side: long ? 'long' : 'short', entryTime: this.entryTime, entryPrice: this.entryPrice, exitTime: time, exitPrice: price, quantity: q, fee: this.entryFee + fee, pnl });
    if (pnl > 0) {
      this.wins++;
      this.sumWin += pnl;
    } else {
      this.losses++;
      this.sumLoss -= pnl;
    }
    this.position = 0;
    this.entryPrice = NaN;
    this.sl = NaN;
    this.tp = NaN;
    this.exitPending = false;
  }

  /** Stop-loss and take-profit of the open position against bar (o, h, l); true when it closed. */
  private bracket(o: number, h: number, l: number, time: number, stopOnly: boolean): boolean {
    const sl = this.sl;
    const tp = this.tp;
    const { maker, taker } = this.cfg.fees;
    if (this.position > 0) {
      if (!stopOnly && o <= sl) return this.closeAt(o, taker, true, time), true;
      if (!stopOnly && o >= tp) return this.closeAt(o, maker, false, time), true;
      if (l <= sl) return this.closeAt(sl, taker, true, time), true;
      if (!stopOnly && h >= tp) return this.closeAt(tp, maker, false, time), true;
    } else {
      if (!stopOnly && o >= sl) return this.closeAt(o, taker, true, time), true;
      if (!stopOnly && o <= tp) return this.closeAt(o, maker, false, time), true;
      if (h >= sl) return this.closeAt(sl, taker, true, time), true;
      if (!stopOnly && l <= tp) return this.closeAt(tp, maker, false, time), true;
    }
    return false;
  }

  private fillEntry(side: number, raw: number, rate: number, slipped: boolean, time: number): void {
    if (this.position !== 0) this.closeAt(raw, rate, slipped, time);
    this.openAt(side, raw, rate, slipped, time);
  }

  /** Resting limit/stop entry against bar (o, h, l). */
  private resting(o: number, h: number, l: number, time: number): void {
    const side = this.orderSide;
    const p = this.orderPrice;
    const { maker, taker } = this.cfg.fees;
    const limit = this.orderType === LIMIT;
    const rate = limit ? maker : taker;
    let atOpen: boolean;
    // A limit fills at the open when the bar opens beyond it, else at its price when the range
    // reaches it; a stop is the mirror image (and pays taker + slippage).
    if (limit ? (side > 0 ? o <= p : o >= p) : side > 0 ? o >= p : o <= p) {
      this.fillEntry(side, o, rate, !limit, time);
      atOpen = true;
    } else if (limit ? (side > 0 ? l <= p : h >= p) : side > 0 ? h >= p : l <= p) {
      this.fillEntry(side, p, rate, !limit, time);
      atOpen = false;
    } else return;
    // Filled inside the bar: the rest of the range may come before or after the fill, so only the
    // stop is checked (the pessimistic reading); a fill at the open sees the whole bar.
    if (this.position !== 0) this.bracket(o, h, l, time, !atOpen);
  }

  /**
   * 0 while nothing can happen on the next bar (no waiting order, no stop or target), so the bar
   * loop skips `step` with one field load: most bars of most strategies are quiet. A small integer
   * rather than a boolean: the optimizer compares it directly instead of a generic truthiness test.
   */
  active = 0;

  step(i: number): void {
    this.stepBar = i;
    const s = this.s;
    const t = s.time[i]!;
    const o = s.open[i]!;
    const taker = this.cfg.fees.taker;
    if (this.exitPending) {
      this.exitPending = false;
      if (this.position !== 0) this.closeAt(o, taker, true, t);
    }
    if (this.orderSide !== 0 && this.orderType === MARKET) this.fillEntry(this.orderSide, o, taker, true, t);
    if (this.position !== 0 && (this.sl === this.sl || this.tp === this.tp)) this.bracket(o, s.high[i]!, s.low[i]!, t, false);
    if (this.orderSide !== 0 && this.orderType !== MARKET) this.resting(o, s.high[i]!, s.low[i]!, t);
    this.active = this.exitPending || this.orderSide !== 0 || (this.position !== 0 && (this.sl === this.sl || this.tp === this.tp)) ? 1 : 0;
  }
}

/**
 * A driver's sink when the strategy also reads copied arrays: reveals bar i of those, then hands
 * the bar on. A separate object rather than a check in Engine.barAt, so runs with nothing to copy
 * (the common case) pay nothing for it per bar.
 */
class RevealThenBar implements BarSink {
  constructor(
    private readonly src: Float64Array[],
    private readonly dst: Float64Array[],
    private readonly engine: Engine,
  ) {}

  barAt(i: number): void {
    const src = this.src;
    const dst = this.dst;
    for (let k = 0; k < src.length; k++) dst[k]![i] = src[k]![i]!;
    this.engine.barAt(i);
  }
}

/** The bar loop, then the close-out of a position still open after the last bar. */
function run(series: CandleSeries, config: SimulationConfig, engine: Engine, setup: RevealingSetup, values: Float64Array): void {
  const n = series.time.length;
  const every = Math.max(1, config.progressEvery ?? 4096);
  const { src, dst } = setup.pairs();
  const pairs = src.length;
  const driver = setup.driver();
  const sink: BarSink = pairs > 0 ? new RevealThenBar(src, dst, engine) : engine;
  // Most strategies read one or two arrays; keeping the first in locals saves the array walk.
  const src0 = pairs > 0 ? src[0]! : values;
  const dst0 = pairs > 0 ? dst[0]! : values;
  for (let start = 0; start < n; start += every) {
    if (config.signal?.aborted) throw new BacktestAbortedError(start);
    const end = start + every < n ? start + every : n;
    // With a driver the loop is the driver's: it writes bar i of its indicator, then calls sink.barAt(i).
    if (driver !== null) driver.drive(start, end, sink);
    else {
      for (let i = start; i < end; i++) {
        // Revealed before the fills: step reads only the series, so the order is free, and the
        // store further ahead of onBar's load of the same element measured a little faster.
        if (pairs > 0) {
          dst0[i] = src0[i]!;
          for (let k = 1; k < pairs; k++) dst[k]![i] = src[k]![i]!;
        }
        engine.barAt(i);
      }
    }
    config.onProgress?.(end, n);
  }
  engine.mark(n);
  if (n > 0 && engine.position !== 0) {
    engine.closeAt(series.close[n - 1]!, config.fees.taker, true, series.time[n - 1]!);
    values[n - 1] = engine.cash;
  }
}

/** The engine's hidden indicator arrays, reused run after run (see ScratchArrays). */
const scratch = new ScratchArrays();

export function simulate(series: CandleSeries, strategy: Strategy, config: SimulationConfig): SimulationResult {
  const n = series.time.length;
  if (!(config.capital > 0)) throw new RangeError(`capital must be positive, got ${config.capital}`);
  const values = new Float64Array(n);
  const engine = new Engine(series, config, values, strategy);
  const setup = new RevealingSetup(series, config.indicatorCache, scratch);
  try {
    strategy.init(setup);
    run(series, config, engine, setup, values);
  } finally {
    setup.release();
  }
  const times = series.time;
  // The caller's time array is shared when it owns its whole buffer; a view into a larger buffer
  // (a date range cut from a file) is copied so a structured clone does not carry the whole file.
  const ownBuffer = times.byteOffset === 0 && times.byteLength === times.buffer.byteLength;
  return {
    bars: n,
    finalEquity: n > 0 ? values[n - 1]! : config.capital,
    totalFees: engine.totalFees,
    trades: engine.trades,
    equity: { times: ownBuffer ? times : times.slice(), values },
  };
}
