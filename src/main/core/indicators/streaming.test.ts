import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseCandles } from '../candles/parse';
import {
  AdxStream,
  AtrStream,
  BollingerStream,
  EmaStream,
  MacdStream,
  RocStream,
  RsiStream,
  SmaStream,
  StochasticStream,
  VwapStream,
  adx,
  atr,
  bollinger,
  ema,
  macd,
  roc,
  rsi,
  sma,
  stochastic,
  vwap,
} from './index';

const csv = fs.readFileSync(path.resolve(import.meta.dirname, '../../../../resources/data/binance_spot_BTCUSDT_1h_2021.csv'), 'utf8');
const s = parseCandles(csv).series;
const n = s.close.length;
const f = () => new Float64Array(n);

/** Bit-identical, NaN included. */
function same(batch: Float64Array, stream: number[]): void {
  expect(stream.length).toBe(batch.length);
  for (let i = 0; i < n; i++) if (!Object.is(batch[i], stream[i])) throw new Error(`index ${i}: batch ${batch[i]} stream ${stream[i]}`);
}

function run<T>(make: () => T, step: (st: T, i: number) => number[]): number[][] {
  const st = make();
  const cols: number[][] = [];
  for (let i = 0; i < n; i++) step(st, i).forEach((v, k) => (cols[k] ??= []).push(v));
  return cols;
}

describe('streaming versions equal the batch kernels bit for bit (real BTC/USDT 1h 2021)', () => {
  it('SMA, EMA, RSI, ROC', () => {
    same(sma(s.close, 20, f()), run(() => new SmaStream(20), (st, i) => [st.next(s.close[i]!)])[0]!);
    same(ema(s.close, 20, f()), run(() => new EmaStream(20), (st, i) => [st.next(s.close[i]!)])[0]!);
    same(rsi(s.close, 14, f()), run(() => new RsiStream(14), (st, i) => [st.next(s.close[i]!)])[0]!);
    same(roc(s.close, 10, f()), run(() => new RocStream(10), (st, i) => [st.next(s.close[i]!)])[0]!);
  });
  it('MACD', () => {
    const b = macd(s.close, 12, 26, 9, { macd: f(), signal: f(), histogram: f() });
    const [m, sig, h] = run(() => new MacdStream(12, 26, 9), (st, i) => [st.next(s.close[i]!), st.signal, st.histogram]);
    same(b.macd, m!);
    same(b.signal, sig!);
    same(b.histogram, h!);
  });
  it('Bollinger (through several exact re-syncs)', () => {
    const b = bollinger(s.close, 20, 2, { middle: f(), upper: f(), lower: f() });
    const [m, u, l] = run(() => new BollingerStream(20, 2), (st, i) => [st.next(s.close[i]!), st.upper, st.lower]);
    same(b.middle, m!);
    same(b.upper, u!);
    same(b.lower, l!);
  });
  it('ATR, Stochastic, ADX, VWAP', () => {
    same(atr(s.high, s.low, s.close, 14, f()), run(() => new AtrStream(14), (st, i) => [st.next(s.high[i]!, s.low[i]!, s.close[i]!)])[0]!);
    const sb = stochastic(s.high, s.low, s.close, 14, 3, 3, { k: f(), d: f() });
    const [k, d] = run(() => new StochasticStream(14, 3, 3), (st, i) => [st.next(s.high[i]!, s.low[i]!, s.close[i]!), st.d]);
    same(sb.k, k!);
    same(sb.d, d!);
    const ab = adx(s.high, s.low, s.close, 14, { adx: f(), plusDI: f(), minusDI: f() });
    const [a, p, mi] = run(() => new AdxStream(14), (st, i) => [st.next(s.high[i]!, s.low[i]!, s.close[i]!), st.plusDI, st.minusDI]);
    same(ab.adx, a!);
    same(ab.plusDI, p!);
    same(ab.minusDI, mi!);
    same(vwap(s.time, s.high, s.low, s.close, s.volume, 86_400_000, f()), run(() => new VwapStream(86_400_000), (st, i) => [st.next(s.time[i]!, s.high[i]!, s.low[i]!, s.close[i]!, s.volume[i]!)])[0]!);
  });
});

describe('long series against a naive recomputation of the definition', () => {
  it('SMA and Bollinger stay within 1e-9 relative over 8,747 bars', () => {
    const mid = sma(s.close, 50, f());
    const bb = bollinger(s.close, 50, 2, { middle: f(), upper: f(), lower: f() });
    for (let i = 49; i < n; i++) {
      let sum = 0;
      for (let j = i - 49; j <= i; j++) sum += s.close[j]!;
      const mean = sum / 50;
      let ss = 0;
      for (let j = i - 49; j <= i; j++) ss += (s.close[j]! - mean) ** 2;
      const sd = Math.sqrt(ss / 50);
      expect(Math.abs(mid[i]! - mean) / mean).toBeLessThan(1e-12);
      expect(Math.abs(bb.upper[i]! - (mean + 2 * sd))).toBeLessThan(1e-9 * mean);
    }
  });
  it('Stochastic extremes equal a window scan', () => {
    const out = stochastic(s.high, s.low, s.close, 14, 1, 3, { k: f(), d: f() });
    for (let i = 13; i < n; i++) {
      let hh = -Infinity;
      let ll = Infinity;
      for (let j = i - 13; j <= i; j++) {
        hh = Math.max(hh, s.high[j]!);
        ll = Math.min(ll, s.low[j]!);
      }
      expect(out.k[i]).toBe((100 * (s.close[i]! - ll)) / (hh - ll));
    }
  });
});
