import type { CandleSeries } from '../../../shared/domain/market';
import { computeIndicator, indicatorDriver } from '../indicators/catalog';
import type { IndicatorDriver } from '../indicators/driver';
import type { PriceField, StrategySetup } from '../strategy/types';

/**
 * Full-length indicator outputs that only the engine ever reads, kept for the next run. A run
 * allocates its equity curve and the strategy's revealed arrays fresh (both leave the engine), but
 * the hidden arrays behind the reveal die with the run; allocating them anew every time made a
 * third of each run's memory traffic and of the collections it triggers. An array is lent to one
 * run at a time (a nested run takes others), so nothing handed out can alias one that is reused.
 */
export class ScratchArrays {
  private readonly free: Float64Array[] = [];
  private pooled = 0;

  /** Keeps at most this many elements (8 bytes each) between runs, so a long run's arrays are not held forever. */
  constructor(private readonly maxPooled = 1 << 21) {}

  /** An array of at least `length` elements, contents undefined. */
  take(length: number): Float64Array {
    let best = -1;
    for (let k = 0; k < this.free.length; k++) {
      const len = this.free[k]!.length;
      if (len >= length && (best < 0 || len < this.free[best]!.length)) best = k;
    }
    if (best < 0) return new Float64Array(length);
    const arr = this.free[best]!;
    this.free[best] = this.free[this.free.length - 1]!;
    this.free.pop();
    this.pooled -= arr.length;
    return arr;
  }

  /** Takes back arrays from `take`; the caller must not use them afterwards. */
  giveBack(arrays: readonly Float64Array[]): void {
    for (const arr of arrays) {
      if (this.pooled + arr.length > this.maxPooled) continue;
      this.free.push(arr);
      this.pooled += arr.length;
    }
  }
}

/**
 * A strategy-visible array: every bar reads NaN until the engine reaches it. A module function
 * rather than an arrow-function field, which would be a new closure (named at run time under
 * esbuild's keepNames) for every run.
 */
function unrevealed(length: number): Float64Array {
  return new Float64Array(length).fill(NaN);
}

/**
 * The backtest's StrategySetup. Indicators are computed once over the whole series (fast batch
 * kernels, all causal), but the strategy only ever receives copies that the engine fills bar by bar,
 * so nothing beyond the current bar is readable: look-ahead is impossible rather than merely
 * discouraged. The copy costs one store per requested array per bar.
 *
 * One indicator per run, when the catalog has a driver for it and no cache wants the whole array,
 * skips the copy: its driver writes the strategy's array itself, bar i just before the engine
 * handles bar i, so the same guarantee holds without the batch pass and the second array.
 */
export class RevealingSetup implements StrategySetup {
  readonly length: number;
  private readonly src: Float64Array[] = [];
  private readonly dst: Float64Array[] = [];
  private readonly columns = new Map<PriceField, Float64Array>();
  private readonly indicators = new Map<string, Readonly<Record<string, Float64Array>>>();
  private driven: IndicatorDriver | null = null;
  /** Arrays lent by `scratch` for this run's hidden outputs, returned by `release`. */
  private readonly lent: Float64Array[] = [];

  constructor(
    private readonly s: CandleSeries,
    private readonly cache?: Map<string, Readonly<Record<string, Float64Array>>>,
    /** Where hidden outputs come from when there is no cache (cached arrays outlive the run, so they are always fresh). */
    private readonly scratch?: ScratchArrays,
  ) {
    this.length = s.time.length;
  }

  private borrow(length: number): Float64Array {
    const arr = this.scratch!.take(length);
    this.lent.push(arr);
    return arr.length === length ? arr : arr.subarray(0, length);
  }

  private hidden(full: Float64Array): Float64Array {
    const visible = unrevealed(this.length);
    this.src.push(full);
    this.dst.push(visible);
    return visible;
  }

  series(field: PriceField): Float64Array {
    let col = this.columns.get(field);
    if (!col) {
      const full = this.s[field];
      if (!full) throw new Error(`unknown price field "${field}" (valid: time, open, high, low, close, volume)`);
      col = this.hidden(full);
      this.columns.set(field, col);
    }
    return col;
  }

  indicator(name: string, params: Readonly<Record<string, number>> = {}): Readonly<Record<string, Float64Array>> {
    const key = `${name.toLowerCase()}:${JSON.stringify(Object.entries(params).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))}`;
    let visible = this.indicators.get(key);
    if (visible) return visible;
    // A cached indicator is reused by later runs, so it must be complete: computed in batch.
    if (!this.cache && this.driven === null) {
      const d = indicatorDriver(name, this.s, params, unrevealed);
      if (d) {
        this.driven = d.driver;
        visible = d.outputs;
        this.indicators.set(key, visible);
        return visible;
      }
    }
    let full = this.cache?.get(key);
    if (!full) {
      full = computeIndicator(name, this.s, params, this.cache || !this.scratch ? undefined : (length) => this.borrow(length)).outputs;
      this.cache?.set(key, full);
    }
    const out: Record<string, Float64Array> = {};
    for (const [k, arr] of Object.entries(full)) out[k] = this.hidden(arr);
    visible = out;
    this.indicators.set(key, visible);
    return visible;
  }

  /** The indicator the bar loop runs inside its driver, if any. */
  driver(): IndicatorDriver | null {
    return this.driven;
  }

  /** The hidden/visible array pairs, for the engine's bar loop to copy bar i across. */
  pairs(): { src: Float64Array[]; dst: Float64Array[] } {
    return { src: this.src, dst: this.dst };
  }

  /** Returns the lent scratch arrays once the run is over; the hidden arrays must not be read afterwards. */
  release(): void {
    this.scratch?.giveBack(this.lent);
    this.lent.length = 0;
  }
}
