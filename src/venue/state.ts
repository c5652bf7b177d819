import { MatchingEngine } from '../main/core/matching/engine';
import type { FeeRates } from '../main/core/matching/types';
import type { CandleFile } from './data';
import { Faults } from './faults';
import { MARKET_FLOW, MARKET_MAKER, SymbolReplay } from './market';
import { VenueStats } from './stats';

export interface VenueCoreOptions {
  files: CandleFile[];
  seed: number;
  /** Wall-clock seconds over which one data candle is replayed. */
  secondsPerCandle: number;
  tickMs: number;
  apiKey: string;
  secret: string;
  balances: Record<string, string>;
  fees: FeeRates;
  historyCandles: number;
  startTime: number;
  limits: VenueLimits;
}

/** Binance's published spot limits, enforced like Binance does (429 with Retry-After). */
export interface VenueLimits {
  weightPerMinute: number;
  ordersPer10s: number;
}

/** Account id of the demo user inside the engine. */
export const USER_ACCOUNT = 'demo';

/**
 * The venue's state without any I/O: engine, replays, clocks, faults and counters. The HTTP and
 * WebSocket fronts read and drive it.
 */
export class VenueCore {
  readonly engine: MatchingEngine;
  readonly replays = new Map<string, SymbolReplay>();
  readonly faults = new Faults();
  readonly stats = new VenueStats();
  readonly listenKeys = new Set<string>();
  private tickIndex = 0;
  private readonly marketStart: number;
  private readonly tickMarketMs: number;
  private readonly tickListeners: ((time: number) => void)[] = [];

  get limits(): VenueLimits {
    return this.opts.limits;
  }

  constructor(readonly opts: VenueCoreOptions) {
    if (opts.files.length === 0) throw new Error('the venue needs at least one candle file');
    const ids = new Set<string>();
    for (const f of opts.files) {
      if (ids.has(f.symbol)) throw new Error(`two data files replay ${f.symbol}`);
      ids.add(f.symbol);
      if (f.intervalMs !== opts.files[0]!.intervalMs) throw new Error(`${f.symbol}: candle interval ${f.intervalMs} ms differs from ${opts.files[0]!.symbol}'s ${opts.files[0]!.intervalMs} ms; replay files of one interval together`);
    }
    const ticksPerCandle = Math.max(1, Math.round((opts.secondsPerCandle * 1000) / opts.tickMs));
    const specs: SymbolReplay[] = [];
    this.engine = new MatchingEngine({
      symbols: [],
      fees: opts.fees,
      accounts: [
        { id: USER_ACCOUNT, balances: opts.balances },
        { id: MARKET_MAKER, balances: {}, unlimited: true, keepHistory: false },
        { id: MARKET_FLOW, balances: {}, unlimited: true, keepHistory: false },
      ],
    });
    for (const [i, f] of opts.files.entries()) {
      const r = new SymbolReplay(this.engine, f, (opts.seed * 1_000_003 + i * 7919) >>> 0, ticksPerCandle, opts.startTime, opts.historyCandles);
      specs.push(r);
      this.replays.set(f.symbol, r);
      this.engine.addSymbol(r.spec);
    }
    const first = specs[0]!;
    this.marketStart = Math.floor(opts.startTime / first.file.intervalMs) * first.file.intervalMs;
    this.tickMarketMs = first.file.intervalMs / ticksPerCandle;
    this.engine.onEvent((e) => {
      if (e.kind === 'trade') this.replays.get(e.fill.symbol)?.record(e.fill);
    });
    this.step(1);
  }

  /** Server clock (UTC ms) used for timestamps, recvWindow checks and /time; fault-skewable. */
  serverTime(): number {
    return Date.now() + this.faults.clockSkewMs;
  }

  /** Market clock: where the replay is; runs secondsPerCandle-compressed relative to the wall clock. */
  marketTime(): number {
    return Math.round(this.marketStart + this.tickIndex * this.tickMarketMs);
  }

  get ticks(): number {
    return this.tickIndex;
  }

  onTick(fn: (time: number) => void): void {
    this.tickListeners.push(fn);
  }

  /** Advances the market by `n` ticks; each tick moves every symbol and then notifies the streams. */
  step(n = 1): void {
    for (let i = 0; i < n; i++) {
      const time = this.marketTime();
      for (const r of this.replays.values()) r.advance(this.tickIndex, time);
      this.tickIndex++;
      for (const l of this.tickListeners) l(time);
    }
  }
}
