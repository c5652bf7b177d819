import type { CandleSeries } from '../../../shared/domain/market';
import { computeIndicator } from '../indicators/catalog';
import type { PriceField, StrategySetup } from '../strategy/types';

/**
 * The backtest's StrategySetup. Indicators are computed once over the whole series (fast batch
 * kernels, all causal), but the strategy only ever receives copies that the engine fills bar by bar,
 * so nothing beyond the current bar is readable: look-ahead is impossible rather than merely
 * discouraged. The copy costs one store per requested array per bar.
 */
export class RevealingSetup implements StrategySetup {
  readonly length: number;
  private readonly src: Float64Array[] = [];
  private readonly dst: Float64Array[] = [];
  private readonly columns = new Map<PriceField, Float64Array>();
  private readonly indicators = new Map<string, Readonly<Record<string, Float64Array>>>();

  constructor(
    private readonly s: CandleSeries,
    private readonly cache?: Map<string, Readonly<Record<string, Float64Array>>>,
  ) {
    this.length = s.time.length;
  }

  private hidden(full: Float64Array): Float64Array {
    const visible = new Float64Array(this.length).fill(NaN);
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
    let full = this.cache?.get(key);
    if (!full) {
      full = computeIndicator(name, this.s, params).outputs;
      this.cache?.set(key, full);
    }
    const out: Record<string, Float64Array> = {};
    for (const [k, arr] of Object.entries(full)) out[k] = this.hidden(arr);
    visible = out;
    this.indicators.set(key, visible);
    return visible;
  }

  /** The hidden/visible array pairs, for the engine's bar loop to copy bar i across. */
  pairs(): { src: Float64Array[]; dst: Float64Array[] } {
    return { src: this.src, dst: this.dst };
  }
}
