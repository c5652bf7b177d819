import { describe, expect, it } from 'vitest';
import { adx, atr, bollinger, ema, macd, roc, rsi, RsiStream, sma, stochastic, vwap } from './index';

// Every expected value below is worked out by hand (exact fractions in the comments) or is a
// published textbook figure; none is produced by the code under test.

const f = (n: number) => new Float64Array(n);
const close = (a: Float64Array, b: number[], digits = 10) => {
  expect(a.length).toBeGreaterThanOrEqual(b.length);
  b.forEach((v, i) => (Number.isNaN(v) ? expect(a[i]).toBeNaN() : expect(a[i]).toBeCloseTo(v, digits)));
};

// Bars (high, low, close) for the range-based indicators.
const H = [10, 11, 12, 11.5, 15, 14.8];
const L = [8, 9, 9.5, 10, 14, 12];
const C = [9, 10, 11, 10.5, 14.5, 12.5];

describe('moving averages', () => {
  it('SMA(3) of 1..5', () => close(sma([1, 2, 3, 4, 5], 3, f(5)), [NaN, NaN, 2, 3, 4]));
  it('EMA(3) is SMA-seeded then α = 1/2', () => {
    // seed (2+4+6)/3 = 4; 4 + (8−4)/2 = 6; 6 + (12−6)/2 = 9; 9 + (4−9)/2 = 6.5
    close(ema([2, 4, 6, 8, 12, 4], 3, f(6)), [NaN, NaN, 4, 6, 9, 6.5]);
  });
  it('series shorter than the period is all NaN', () => close(sma([1, 2], 3, f(2)), [NaN, NaN]));
  it('rejects a bad period and a short output', () => {
    expect(() => sma([1, 2, 3], 0, f(3))).toThrow(/period/);
    expect(() => ema([1, 2, 3], 2, f(2))).toThrow(/output array/);
  });
});

describe('RSI (Wilder)', () => {
  it('hand-worked period 3', () => {
    // changes +1, −0.5, +1.5, −1, +0.5. i=3: avgG 2.5/3, avgL 0.5/3 → RS 5 → 83.33…
    // i=4: avgG (5/6·2)/3 = 5/9, avgL (1/6·2 + 1)/3 = 4/9 → RS 1.25 → 55.55…
    // i=5: avgG (10/9 + 0.5)/3 = 29/54, avgL (8/9)/3 = 16/54 → RS 29/16 → 2900/45
    close(rsi([10, 11, 10.5, 12, 11, 11.5], 3, f(6)), [NaN, NaN, NaN, 500 / 6, 500 / 9, 2900 / 45]);
  });
  it("matches the published Wilder RSI(14) example (StockCharts ChartSchool's table)", () => {
    const closes = [
      44.34, 44.09, 44.15, 43.61, 44.33, 44.83, 45.1, 45.42, 45.84, 46.08, 45.89, 46.03, 45.61, 46.28, 46.28, 46.0, 46.03, 46.41, 46.22, 45.64, 46.21,
      46.25, 45.71, 46.45, 45.78, 45.35, 44.03, 44.18, 44.22, 44.57, 43.42, 42.66, 43.13,
    ];
    const published = [70.46, 66.25, 66.48, 69.35, 66.29, 57.92, 62.88, 63.21, 56.01, 62.34, 54.67, 50.39, 40.02, 41.49, 41.9, 45.5, 37.32, 33.09, 37.79];
    const out = rsi(closes, 14, f(closes.length));
    for (let i = 0; i < 14; i++) expect(out[i]).toBeNaN();
    published.forEach((v, k) => expect(Math.abs(out[14 + k]! - v)).toBeLessThanOrEqual(0.005 + 1e-9));
  });
  it('no losses reads 100, no movement reads 50', () => {
    close(rsi([1, 2, 3, 4], 2, f(4)), [NaN, NaN, 100, 100]);
    close(rsi([5, 5, 5, 5], 2, f(4)), [NaN, NaN, 50, 50]);
  });
  it('a missing (NaN) close is not read as "no change": every value from there on is NaN, batch and stream alike', () => {
    const closes = [1, 2, 1.5, 2.5, NaN, 3, 3.5, 4];
    const batch = rsi(closes, 2, f(closes.length));
    // i=2: changes +1, −0.5 → 1/1.5 of the movement up; i=3: avgG (0.5 + 1)/2 = 0.75, avgL 0.125
    close(batch, [NaN, NaN, 200 / 3, 600 / 7, NaN, NaN, NaN, NaN]);
    const stream = new RsiStream(2);
    closes.forEach((c, i) => expect(Object.is(stream.next(c), batch[i])).toBe(true));
  });
});

describe('MACD', () => {
  it('hand-worked fast 2 / slow 3 / signal 2', () => {
    // fast EMA(α 2/3): 3, 19/3, 43/9, 151/27, 691/81; slow EMA(α 1/2): 14/3, 13/3, 31/6, 91/12
    // line: 5/3, 4/9, 23/54, 307/324; signal (seed mean of 5/3, 4/9): 19/18, 103/162, 205/243
    const out = macd([2, 4, 8, 4, 6, 10], 2, 3, 2, { macd: f(6), signal: f(6), histogram: f(6) });
    close(out.macd, [NaN, NaN, 5 / 3, 4 / 9, 23 / 54, 307 / 324]);
    close(out.signal, [NaN, NaN, NaN, 19 / 18, 103 / 162, 205 / 243]);
    close(out.histogram, [NaN, NaN, NaN, 4 / 9 - 19 / 18, 23 / 54 - 103 / 162, 101 / 972]);
  });
  it('requires fast < slow', () => expect(() => macd([1, 2, 3], 3, 3, 2, { macd: f(3), signal: f(3), histogram: f(3) })).toThrow(/shorter/));
});

describe('Bollinger', () => {
  it('period 3, k 2, population σ', () => {
    // [1,2,3]: mean 2, var 2/3; [2,3,5]: mean 10/3, var 14/9
    const out = bollinger([1, 2, 3, 5], 3, 2, { middle: f(4), upper: f(4), lower: f(4) });
    close(out.middle, [NaN, NaN, 2, 10 / 3]);
    close(out.upper, [NaN, NaN, 2 + 2 * Math.sqrt(2 / 3), 10 / 3 + (2 * Math.sqrt(14)) / 3]);
    close(out.lower, [NaN, NaN, 2 - 2 * Math.sqrt(2 / 3), 10 / 3 - (2 * Math.sqrt(14)) / 3]);
  });
});

describe('ATR (Wilder)', () => {
  it('hand-worked period 2 including a gap', () => {
    // TR: 2, 2.5, 1.5, 4.5 (gap from 10.5 to 15), 2.8. ATR2 = 2.25, then (a + tr)/2.
    close(atr(H, L, C, 2, f(6)), [NaN, NaN, 2.25, 1.875, 3.1875, 2.99375]);
  });
});

describe('Stochastic', () => {
  it('fast %K(3) and %D(2)', () => {
    // i2: (11−8)/(12−8) = 75; i3: (10.5−9)/(12−9) = 50; i4: (14.5−9.5)/(15−9.5); i5: (12.5−10)/(15−10) = 50
    const k4 = 500 / 5.5;
    const out = stochastic(H, L, C, 3, 1, 2, { k: f(6), d: f(6) });
    close(out.k, [NaN, NaN, 75, 50, k4, 50]);
    close(out.d, [NaN, NaN, NaN, 62.5, (50 + k4) / 2, (k4 + 50) / 2]);
  });
  it('slow stochastic smooths %K first', () => {
    const k4 = 500 / 5.5;
    const out = stochastic(H, L, C, 3, 2, 2, { k: f(6), d: f(6) });
    close(out.k, [NaN, NaN, NaN, 62.5, (50 + k4) / 2, (k4 + 50) / 2]);
    close(out.d, [NaN, NaN, NaN, NaN, (62.5 + (50 + k4) / 2) / 2, ((50 + k4) / 2 + (k4 + 50) / 2) / 2]);
  });
  it('a flat window reads 50', () => close(stochastic([1, 1, 1], [1, 1, 1], [1, 1, 1], 2, 1, 1, { k: f(3), d: f(3) }).k, [NaN, 50, 50]));
});

describe('ADX (Wilder)', () => {
  it('hand-worked period 2', () => {
    // +DM 1, 1, 0, 3.5, 0; −DM 0, 0, 0, 0, 2; TR 2, 2.5, 1.5, 4.5, 2.8
    // i2: sums TR 4.5, +DM 2 → +DI 400/9, DX 100; i3: TR 3.75, +DM 1 → DX 100, ADX (100+100)/2
    // i4: TR 6.375, +DM 4 → +DI 400/6.375, DX 100, ADX 100; i5: TR 5.9875, +DM 2, −DM 2 → DX 0, ADX 50
    const out = adx(H, L, C, 2, { adx: f(6), plusDI: f(6), minusDI: f(6) });
    close(out.plusDI, [NaN, NaN, 400 / 9, 100 / 3.75, 400 / 6.375, 200 / 5.9875]);
    close(out.minusDI, [NaN, NaN, 0, 0, 0, 200 / 5.9875]);
    close(out.adx, [NaN, NaN, NaN, 100, 100, 50]);
  });
});

describe('VWAP', () => {
  const time = [0, 1, 2, 3];
  const hi = [12, 13, 11, 14];
  const lo = [9, 10, 8, 11];
  const cl = [9, 10, 8, 11]; // typical prices 10, 11, 9, 12
  const vol = [1, 3, 0, 2];
  it('cumulative', () => close(vwap(time, hi, lo, cl, vol, 0, f(4)), [10, 43 / 4, 43 / 4, 67 / 6]));
  it('resets each session', () => close(vwap(time, hi, lo, cl, vol, 2, f(4)), [10, 43 / 4, NaN, 12]));
});

describe('ROC', () => {
  it('percent change over the period', () => close(roc([10, 20, 15, 12], 2, f(4)), [NaN, NaN, 50, -40]));
});
