import type { CandleSeries } from '../../../shared/domain/market';
import { param, resolveParams, type ParamSpec, type ParamValues } from '../strategy/params';
import { adx } from './adx';
import { atr } from './atr';
import { bollinger } from './bollinger';
import type { IndicatorDriver } from './driver';
import { macd } from './macd';
import { ema, sma } from './moving';
import { roc } from './roc';
import { rsi, RsiDriver } from './rsi';
import { stochastic } from './stochastic';
import { vwap } from './vwap';

/**
 * The indicators as data: name, parameter schema and output names, so the CLI, the chart panel and
 * strategy builders list and run them without a switch per indicator.
 */
export interface IndicatorSpec {
  name: string;
  title: string;
  params: readonly ParamSpec[];
  outputs: readonly string[];
  /** Fills `out` (one array per output name, each at least series length) from the series. */
  compute(series: CandleSeries, p: ParamValues, out: Record<string, Float64Array>): void;
  /** Optional: the same values written bar by bar inside a consumer's loop (see driver.ts). */
  driver?(series: CandleSeries, p: ParamValues, out: Record<string, Float64Array>): IndicatorDriver;
}

const period = (def: number) => param('period', 'look-back in bars', def, 1, 10_000);

export const INDICATORS: readonly IndicatorSpec[] = [
  { name: 'sma', title: 'Simple moving average of close', params: [period(20)], outputs: ['sma'], compute: (s, p, o) => void sma(s.close, p.period!, o.sma!) },
  { name: 'ema', title: 'Exponential moving average of close', params: [period(20)], outputs: ['ema'], compute: (s, p, o) => void ema(s.close, p.period!, o.ema!) },
  {
    name: 'rsi',
    title: "Wilder's relative strength index",
    params: [period(14)],
    outputs: ['rsi'],
    compute: (s, p, o) => void rsi(s.close, p.period!, o.rsi!),
    driver: (s, p, o) => new RsiDriver(s.close, p.period!, o.rsi!),
  },
  {
    name: 'macd',
    title: 'MACD line, signal and histogram',
    params: [param('fast', 'fast EMA period', 12, 1, 1000), param('slow', 'slow EMA period', 26, 2, 1000), param('signal', 'signal EMA period', 9, 1, 1000)],
    outputs: ['macd', 'signal', 'histogram'],
    compute: (s, p, o) => void macd(s.close, p.fast!, p.slow!, p.signal!, { macd: o.macd!, signal: o.signal!, histogram: o.histogram! }),
  },
  {
    name: 'bollinger',
    title: 'Bollinger Bands (SMA ± k population σ)',
    params: [period(20), param('k', 'band width in standard deviations', 2, 0, 10, false, 0.1)],
    outputs: ['middle', 'upper', 'lower'],
    compute: (s, p, o) => void bollinger(s.close, p.period!, p.k!, { middle: o.middle!, upper: o.upper!, lower: o.lower! }),
  },
  { name: 'atr', title: "Wilder's average true range", params: [period(14)], outputs: ['atr'], compute: (s, p, o) => void atr(s.high, s.low, s.close, p.period!, o.atr!) },
  {
    name: 'stochastic',
    title: 'Stochastic oscillator %K/%D',
    params: [param('kPeriod', '%K look-back', 14, 1, 10_000), param('smooth', '%K smoothing (1 = fast)', 1, 1, 1000), param('dPeriod', '%D period', 3, 1, 1000)],
    outputs: ['k', 'd'],
    compute: (s, p, o) => void stochastic(s.high, s.low, s.close, p.kPeriod!, p.smooth!, p.dPeriod!, { k: o.k!, d: o.d! }),
  },
  {
    name: 'adx',
    title: "Wilder's ADX with +DI/−DI",
    params: [period(14)],
    outputs: ['adx', 'plusDI', 'minusDI'],
    compute: (s, p, o) => void adx(s.high, s.low, s.close, p.period!, { adx: o.adx!, plusDI: o.plusDI!, minusDI: o.minusDI! }),
  },
  {
    name: 'vwap',
    title: 'Volume-weighted average price',
    params: [param('sessionHours', 'session length in hours (0 = cumulative, 24 = daily UTC)', 0, 0, 24 * 365)],
    outputs: ['vwap'],
    compute: (s, p, o) => void vwap(s.time, s.high, s.low, s.close, s.volume, p.sessionHours! * 3_600_000, o.vwap!),
  },
  { name: 'roc', title: 'Rate of change (%)', params: [period(10)], outputs: ['roc'], compute: (s, p, o) => void roc(s.close, p.period!, o.roc!) },
];

export function findIndicator(name: string): IndicatorSpec {
  const spec = INDICATORS.find((i) => i.name === name.toLowerCase());
  if (!spec) throw new Error(`unknown indicator "${name}" (valid: ${INDICATORS.map((i) => i.name).join(', ')})`);
  return spec;
}

const fresh = (length: number): Float64Array => new Float64Array(length);

/**
 * Resolves parameters and computes every output, into freshly allocated arrays unless `allocate`
 * says where (the backtester passes scratch arrays it reuses between runs). Every kernel writes
 * each element below the series length, so an array that held anything before is fine.
 */
export function computeIndicator(
  name: string,
  series: CandleSeries,
  given: Readonly<Record<string, unknown>> = {},
  allocate: (length: number) => Float64Array = fresh,
): { params: ParamValues; outputs: Record<string, Float64Array> } {
  const spec = findIndicator(name);
  const { params, outputs } = prepare(spec, series, given, allocate);
  spec.compute(series, params, outputs);
  return { params, outputs };
}

/** Resolves the parameters and allocates one array per output, series length each. */
function prepare(
  spec: IndicatorSpec,
  series: CandleSeries,
  given: Readonly<Record<string, unknown>>,
  allocate: (length: number) => Float64Array,
): { params: ParamValues; outputs: Record<string, Float64Array> } {
  const params = resolveParams(`indicator ${spec.name}`, spec.params, given);
  const n = series.close.length;
  const outputs: Record<string, Float64Array> = {};
  for (const o of spec.outputs) outputs[o] = allocate(n);
  return { params, outputs };
}

/**
 * Like computeIndicator, but nothing is computed yet: the returned driver writes the outputs bar by
 * bar as the consumer's loop reaches them. Null when the indicator has no driver.
 */
export function indicatorDriver(
  name: string,
  series: CandleSeries,
  given: Readonly<Record<string, unknown>> = {},
  allocate: (length: number) => Float64Array = fresh,
): { params: ParamValues; outputs: Record<string, Float64Array>; driver: IndicatorDriver } | null {
  const spec = findIndicator(name);
  if (!spec.driver) return null;
  const { params, outputs } = prepare(spec, series, given, allocate);
  return { params, outputs, driver: spec.driver(series, params, outputs) };
}
