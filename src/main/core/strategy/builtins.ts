import { param, resolveParams, type ParamValues } from './params';
import type { BarContext, Strategy, StrategyDefinition, StrategySetup } from './types';

/**
 * The built-in strategies. Each reads only index ≤ i of arrays obtained in init, and states intents;
 * fills, fees and sizing are the engine's business, so the same code runs unchanged in live trading.
 */

const allowShort = param('allowShort', '1 = reverse into a short on the opposite signal, 0 = long only', 0, 0, 1);

class RsiReversal implements Strategy {
  private rsi: Float64Array = new Float64Array(0);
  // Thresholds as own number fields: onBar runs once per bar and is the hot path of an optimizer.
  // They start as NaN so V8 types them as double fields from the first store; a bare declaration
  // compiles to a field first set to undefined, which leaves a generic slot that every bar must
  // test (small integer or boxed number) and convert before comparing.
  private readonly oversold: number = NaN;
  private readonly overbought: number = NaN;
  constructor(private readonly p: ParamValues) {
    this.oversold = p.oversold!;
    this.overbought = p.overbought!;
  }

  init(setup: StrategySetup): void {
    this.rsi = setup.indicator('rsi', { period: this.p.rsiPeriod! }).rsi!;
  }

  onBar(i: number, ctx: BarContext): void {
    const r = this.rsi[i]!;
    if (ctx.position === 0) {
      if (r < this.oversold) ctx.enterLong();
    } else if (r > this.overbought) ctx.exit();
  }
}

/** Shared by the two crossover strategies: long on an upward cross of a over b, exit or reverse on a downward one. */
class Crossover implements Strategy {
  private a!: Float64Array;
  private b!: Float64Array;
  constructor(
    private readonly pick: (setup: StrategySetup) => [Float64Array, Float64Array],
    private readonly short: boolean,
  ) {}

  init(setup: StrategySetup): void {
    [this.a, this.b] = this.pick(setup);
  }

  onBar(i: number, ctx: BarContext): void {
    if (i === 0) return;
    const diff = this.a[i]! - this.b[i]!;
    const prev = this.a[i - 1]! - this.b[i - 1]!;
    if (prev <= 0 && diff > 0) {
      if (ctx.position <= 0) ctx.enterLong();
    } else if (prev >= 0 && diff < 0) {
      if (this.short) ctx.enterShort();
      else if (ctx.position > 0) ctx.exit();
    }
  }
}

class BollingerReversion implements Strategy {
  private close!: Float64Array;
  private band!: Readonly<Record<string, Float64Array>>;
  constructor(private readonly p: ParamValues) {}

  init(setup: StrategySetup): void {
    this.close = setup.series('close');
    this.band = setup.indicator('bollinger', { period: this.p.period!, k: this.p.k! });
  }

  onBar(i: number, ctx: BarContext): void {
    const c = this.close[i]!;
    const mid = this.band.middle![i]!;
    const stop = this.p.stopLossPct! / 100;
    if (ctx.position === 0) {
      // The stop is set from this close: the entry price (next open) is not known yet.
      if (c < this.band.lower![i]!) ctx.enterLong(stop > 0 ? { stopLoss: c * (1 - stop) } : undefined);
      else if (this.p.allowShort === 1 && c > this.band.upper![i]!) ctx.enterShort(stop > 0 ? { stopLoss: c * (1 + stop) } : undefined);
    } else if (ctx.position > 0 ? c >= mid : c <= mid) {
      ctx.exit();
    }
  }
}

export const BUILTIN_STRATEGIES: readonly StrategyDefinition[] = [
  {
    name: 'rsi-reversal',
    title: 'RSI reversal',
    description: 'Long only: buy at the next open when RSI closes below oversold, sell at the next open when it closes above overbought.',
    params: [
      param('rsiPeriod', 'RSI look-back in bars', 14, 2, 500),
      param('oversold', 'buy below this RSI', 30, 1, 50, false, 1),
      param('overbought', 'sell above this RSI', 70, 50, 99, false, 1),
    ],
    create: (p) => new RsiReversal(p),
  },
  {
    name: 'ema-cross',
    title: 'EMA crossover',
    description: 'Long when the fast EMA crosses above the slow EMA; exit (or reverse short) when it crosses below.',
    params: [param('fast', 'fast EMA period', 12, 1, 500), param('slow', 'slow EMA period', 26, 2, 1000), allowShort],
    create: (p) => {
      if (p.fast! >= p.slow!) throw new Error(`ema-cross: fast (${p.fast}) must be shorter than slow (${p.slow})`);
      return new Crossover((s) => [s.indicator('ema', { period: p.fast! }).ema!, s.indicator('ema', { period: p.slow! }).ema!], p.allowShort === 1);
    },
  },
  {
    name: 'macd-cross',
    title: 'MACD signal cross',
    description: 'Long when the MACD line crosses above its signal line; exit (or reverse short) when it crosses below.',
    params: [param('fast', 'fast EMA period', 12, 1, 500), param('slow', 'slow EMA period', 26, 2, 1000), param('signal', 'signal EMA period', 9, 1, 500), allowShort],
    create: (p) => {
      if (p.fast! >= p.slow!) throw new Error(`macd-cross: fast (${p.fast}) must be shorter than slow (${p.slow})`);
      return new Crossover((s) => {
        const m = s.indicator('macd', { fast: p.fast!, slow: p.slow!, signal: p.signal! });
        return [m.macd!, m.signal!];
      }, p.allowShort === 1);
    },
  },
  {
    name: 'bollinger-reversion',
    title: 'Bollinger mean reversion',
    description: 'Long when the close falls below the lower band (short above the upper band if allowed); exit at the middle band; optional stop-loss.',
    params: [
      param('period', 'SMA look-back', 20, 2, 1000),
      param('k', 'band width in standard deviations', 2, 0.5, 5, false, 0.1),
      param('stopLossPct', 'stop-loss distance from the signal close in % (0 = none)', 0, 0, 50, false, 0.5),
      allowShort,
    ],
    create: (p) => new BollingerReversion(p),
  },
];

export function findStrategy(name: string): StrategyDefinition {
  const def = BUILTIN_STRATEGIES.find((s) => s.name === name);
  if (!def) throw new Error(`unknown strategy "${name}" (valid: ${BUILTIN_STRATEGIES.map((s) => s.name).join(', ')})`);
  return def;
}

/** Resolves parameters against the definition's schema and builds the strategy. */
export function createStrategy(name: string, given: Readonly<Record<string, unknown>> = {}): { definition: StrategyDefinition; params: ParamValues; strategy: Strategy } {
  const definition = findStrategy(name);
  const params = resolveParams(`strategy ${name}`, definition.params, given);
  return { definition, params, strategy: definition.create(params) };
}
