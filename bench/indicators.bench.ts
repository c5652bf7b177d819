import { IndicatorsSync } from '@ixjb94/indicators';
import * as ti from 'technicalindicators';
import { ATR as TsATR, BollingerBands as TsBB, EMA as TsEMA, MACD as TsMACD, RSI as TsRSI, SMA as TsSMA } from 'trading-signals';
import { atr, bollinger, ema, macd, rsi, sma } from '../src/main/core/indicators';
import { printTable, runSideBySide, type BenchCase, type BenchResult } from './harness';
import type { BenchSuite } from './suites';

/**
 * The six classic indicators over 1,000,000 bars, side by side with technicalindicators,
 * trading-signals and @ixjb94/indicators, and with a bare typed-array loop (the same arithmetic
 * inlined in one function, no argument checks, no validation) as the floor. Targets (issue 6): each ≥ 10× technicalindicators,
 * ≥ 2× @ixjb94/indicators overall, within 1.5× of the bare loop.
 */

const N = 1_000_000;

function makeBars(n: number) {
  // A deterministic random walk (LCG) so every run measures the same data.
  let seed = 42;
  const rnd = () => ((seed = (seed * 1664525 + 1013904223) >>> 0) / 2 ** 32);
  const close = new Float64Array(n);
  const high = new Float64Array(n);
  const low = new Float64Array(n);
  let p = 30_000;
  for (let i = 0; i < n; i++) {
    const o = p;
    p *= 1 + (rnd() - 0.5) * 0.01;
    close[i] = p;
    high[i] = Math.max(o, p) * (1 + rnd() * 0.003);
    low[i] = Math.min(o, p) * (1 - rnd() * 0.003);
  }
  return { close, high, low };
}

const bare = {
  sma(src: Float64Array, p: number, out: Float64Array) {
    let s = 0;
    for (let i = 0; i < src.length; i++) {
      s += src[i]!;
      if (i >= p) s -= src[i - p]!;
      out[i] = i >= p - 1 ? s / p : NaN;
    }
  },
  ema(src: Float64Array, p: number, out: Float64Array) {
    const a = 2 / (p + 1);
    let s = 0;
    let e = 0;
    for (let i = 0; i < src.length; i++) {
      if (i < p) {
        s += src[i]!;
        out[i] = i === p - 1 ? (e = s / p) : NaN;
      } else out[i] = e += a * (src[i]! - e);
    }
  },
  rsi(src: Float64Array, p: number, out: Float64Array) {
    let g = 0;
    let l = 0;
    const decay = (p - 1) / p;
    const inv = 1 / p;
    out[0] = NaN;
    for (let i = 1; i < src.length; i++) {
      const d = src[i]! - src[i - 1]!;
      if (i <= p) {
        if (d > 0) g += d;
        else l -= d;
        if (i < p) {
          out[i] = NaN;
          continue;
        }
        g /= p;
        l /= p;
      } else {
        g = g * decay + (d > 0 ? d : 0) * inv;
        l = l * decay + (d < 0 ? -d : 0) * inv;
      }
      out[i] = (100 * g) / (g + l);
    }
  },
  macd(src: Float64Array, out: { m: Float64Array; s: Float64Array; h: Float64Array }) {
    bare.ema(src, 12, out.m);
    bare.ema(src, 26, out.h);
    for (let i = 0; i < src.length; i++) out.m[i] = out.m[i]! - out.h[i]!;
    bare.ema(out.m.subarray(25), 9, out.s.subarray(25));
    for (let i = 0; i < src.length; i++) out.h[i] = out.m[i]! - out.s[i]!;
  },
  bollinger(src: Float64Array, p: number, k: number, mid: Float64Array, up: Float64Array, lo: Float64Array) {
    let s = 0;
    let m2 = 0;
    let prevMean = 0;
    for (let i = 0; i < src.length; i++) {
      const x = src[i]!;
      s += x;
      if (i < p - 1) {
        mid[i] = up[i] = lo[i] = NaN;
        continue;
      }
      const m = s / p;
      if (i === p - 1) {
        m2 = 0;
        for (let j = 0; j < p; j++) m2 += (src[j]! - m) ** 2;
      } else {
        const old = src[i - p]!;
        m2 += (x - old) * (x - m + old - prevMean);
      }
      prevMean = m;
      const sd = Math.sqrt(m2 / p);
      mid[i] = m;
      up[i] = m + k * sd;
      lo[i] = m - k * sd;
      s -= src[i - p + 1]!;
    }
  },
  atr(h: Float64Array, l: Float64Array, c: Float64Array, p: number, out: Float64Array) {
    let a = 0;
    const decay = (p - 1) / p;
    const inv = 1 / p;
    out[0] = NaN;
    for (let i = 1; i < c.length; i++) {
      const tr = Math.max(h[i]! - l[i]!, Math.abs(h[i]! - c[i - 1]!), Math.abs(l[i]! - c[i - 1]!));
      if (i <= p) {
        a += tr;
        out[i] = i === p ? (a /= p) : NaN;
      } else out[i] = a = a * decay + tr * inv;
    }
  },
};

function tsRun<T>(make: () => { update(v: T, replace: boolean): unknown }, values: (i: number) => T): () => unknown {
  return () => {
    const ind = make();
    let last: unknown;
    for (let i = 0; i < N; i++) last = ind.update(values(i), false);
    return last;
  };
}

export const indicatorsSuite: BenchSuite = {
  name: 'indicators',
  run() {
    const { close, high, low } = makeBars(N);
    const closeArr = Array.from(close);
    const highArr = Array.from(high);
    const lowArr = Array.from(low);
    const o1 = new Float64Array(N);
    const o2 = new Float64Array(N);
    const o3 = new Float64Array(N);
    const ix = new IndicatorsSync();
    const hlc = (i: number) => ({ high: high[i]!, low: low[i]!, close: close[i]! });
    const groups: [string, BenchCase[]][] = [
      ['SMA(20)', [
        { name: 'marketdesk', run: () => sma(close, 20, o1) },
        { name: 'bare loop', run: () => bare.sma(close, 20, o2) },
        { name: '@ixjb94/indicators', run: () => ix.sma(closeArr, 20) },
        { name: 'trading-signals', run: tsRun(() => new TsSMA(20), (i) => close[i]!) },
        { name: 'technicalindicators', run: () => ti.SMA.calculate({ period: 20, values: closeArr }) },
      ]],
      ['EMA(20)', [
        { name: 'marketdesk', run: () => ema(close, 20, o1) },
        { name: 'bare loop', run: () => bare.ema(close, 20, o2) },
        { name: '@ixjb94/indicators', run: () => ix.ema(closeArr, 20) },
        { name: 'trading-signals', run: tsRun(() => new TsEMA(20), (i) => close[i]!) },
        { name: 'technicalindicators', run: () => ti.EMA.calculate({ period: 20, values: closeArr }) },
      ]],
      ['RSI(14)', [
        { name: 'marketdesk', run: () => rsi(close, 14, o1) },
        { name: 'bare loop', run: () => bare.rsi(close, 14, o2) },
        { name: '@ixjb94/indicators', run: () => ix.rsi(closeArr, 14) },
        { name: 'trading-signals', run: tsRun(() => new TsRSI(14), (i) => close[i]!) },
        { name: 'technicalindicators', run: () => ti.RSI.calculate({ period: 14, values: closeArr }) },
      ]],
      ['MACD(12,26,9)', [
        { name: 'marketdesk', run: () => macd(close, 12, 26, 9, { macd: o1, signal: o2, histogram: o3 }) },
        { name: 'bare loop', run: () => bare.macd(close, { m: o1, s: o2, h: o3 }) },
        { name: '@ixjb94/indicators', run: () => ix.macd(closeArr, 12, 26, 9) },
        { name: 'trading-signals', run: tsRun(() => new TsMACD(new TsEMA(12), new TsEMA(26), new TsEMA(9)), (i) => close[i]!) },
        { name: 'technicalindicators', run: () => ti.MACD.calculate({ values: closeArr, fastPeriod: 12, slowPeriod: 26, signalPeriod: 9, SimpleMAOscillator: false, SimpleMASignal: false }) },
      ]],
      ['Bollinger(20, 2)', [
        { name: 'marketdesk', run: () => bollinger(close, 20, 2, { middle: o1, upper: o2, lower: o3 }) },
        { name: 'bare loop', run: () => bare.bollinger(close, 20, 2, o1, o2, o3) },
        { name: '@ixjb94/indicators', run: () => ix.bbands(closeArr, 20, 2) },
        { name: 'trading-signals', run: tsRun(() => new TsBB(20, 2), (i) => close[i]!) },
        { name: 'technicalindicators', run: () => ti.BollingerBands.calculate({ period: 20, values: closeArr, stdDev: 2 }) },
      ]],
      ['ATR(14)', [
        { name: 'marketdesk', run: () => atr(high, low, close, 14, o1) },
        { name: 'bare loop', run: () => bare.atr(high, low, close, 14, o2) },
        { name: '@ixjb94/indicators', run: () => ix.atr(highArr, lowArr, closeArr, 14) },
        { name: 'trading-signals', run: tsRun(() => new TsATR(14), hlc) },
        { name: 'technicalindicators', run: () => ti.ATR.calculate({ high: highArr, low: lowArr, close: closeArr, period: 14 }) },
      ]],
    ];
    const totals = new Map<string, number>();
    const checks: string[] = [];
    for (const [title, cases] of groups) {
      for (const c of cases) c.units = N;
      // The fast pair gets many rounds (it is compared within 1.5x); the slow peers a few, since one
      // technicalindicators run takes seconds.
      const fast = runSideBySide(cases.slice(0, 2), 21, 3);
      const peers = runSideBySide([cases[0]!, ...cases.slice(2)], 3, 1);
      const res: BenchResult[] = [...fast, ...peers.slice(1)];
      printTable(`${title} over ${N.toLocaleString('en')} bars`, res, 'marketdesk');
      const get = (name: string) => res.find((r) => r.name === name)!.medianMs;
      for (const r of res) totals.set(r.name, (totals.get(r.name) ?? 0) + r.medianMs);
      const ours = get('marketdesk');
      checks.push(
        `${title.padEnd(18)} vs technicalindicators ${(get('technicalindicators') / ours).toFixed(1)}x (need ≥ 10)   vs bare loop ${(ours / get('bare loop')).toFixed(2)}x slower (need ≤ 1.5)`,
      );
    }
    console.log('\n## Targets');
    for (const line of checks) console.log(line);
    const ours = totals.get('marketdesk')!;
    console.log(`all six: marketdesk ${ours.toFixed(1)} ms, @ixjb94/indicators ${totals.get('@ixjb94/indicators')!.toFixed(1)} ms → ${(totals.get('@ixjb94/indicators')! / ours).toFixed(2)}x (need ≥ 2)`);
    console.log(`all six: trading-signals ${totals.get('trading-signals')!.toFixed(1)} ms, technicalindicators ${totals.get('technicalindicators')!.toFixed(1)} ms`);
  },
};
