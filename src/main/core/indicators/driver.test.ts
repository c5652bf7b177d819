import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseCandles } from '../candles/parse';
import { indicatorDriver } from './catalog';
import { RsiDriver, rsi } from './rsi';

// A driver must leave its outputs exactly as the batch kernel does (the batch kernels have their
// own hand-worked tests), write index i no earlier than the moment bar i is handed over, and pick
// up where its previous range stopped.

const csv = fs.readFileSync(path.resolve(import.meta.dirname, '../../../../resources/data/binance_spot_BTCUSDT_1h_2021.csv'), 'utf8');
const close = parseCandles(csv).series.close;
const n = close.length;
const bits = (a: ArrayLike<number>): string => Buffer.from(Float64Array.from(a).buffer).toString('hex');
/** A value no RSI takes, so an untouched slot is recognisable. */
const SENTINEL = -7;

/** Drives `d` over `ranges` (consecutive [from, to) pairs), checking at every bar what is written so far. */
function driveChecked(d: RsiDriver, out: Float64Array, expected: Float64Array, ranges: [number, number][]): number[] {
  const seen: number[] = [];
  const sink = {
    barAt(i: number): void {
      seen.push(i);
      if (!Object.is(out[i], expected[i])) throw new Error(`bar ${i}: driven ${out[i]}, batch ${expected[i]}`);
      if (i + 1 < out.length && out[i + 1] !== SENTINEL) throw new Error(`bar ${i}: index ${i + 1} was already written`);
    },
  };
  for (const [from, to] of ranges) d.drive(from, to, sink);
  return seen;
}

describe('RsiDriver', () => {
  it.each([1, 2, 14, 50])('period %i: the batch values bit for bit, each written just before its bar is handed over', (period) => {
    const expected = rsi(close, period, new Float64Array(n));
    const out = new Float64Array(n).fill(SENTINEL);
    // Uneven ranges, some inside the warm-up, one empty, as a caller reporting progress makes them.
    const cuts = [0, 1, period - 1 > 1 ? period - 1 : 2, period + 1, period + 1, 4000, n];
    const ranges = cuts.slice(1).map((to, k): [number, number] => [cuts[k]!, to]);
    const seen = driveChecked(new RsiDriver(close, period, out), out, expected, ranges);
    expect(seen).toEqual(Array.from({ length: n }, (_, i) => i));
    expect(bits(out)).toBe(bits(expected));
  });

  it('series no longer than the period: NaN throughout, like the batch kernel', () => {
    for (const len of [0, 1, 5, 14]) {
      const c = close.subarray(0, len);
      const out = new Float64Array(len).fill(SENTINEL);
      driveChecked(new RsiDriver(c, 14, out), out, rsi(c, 14, new Float64Array(len)), [[0, len]]);
      expect(Array.from(out).every(Number.isNaN)).toBe(true);
    }
  });

  it('a NaN close makes every later value NaN, as in the batch kernel', () => {
    const c = Float64Array.from(close.subarray(0, 200));
    c[60] = NaN;
    const out = new Float64Array(200).fill(SENTINEL);
    driveChecked(new RsiDriver(c, 14, out), out, rsi(c, 14, new Float64Array(200)), [[0, 200]]);
    expect(out[59]).not.toBeNaN();
    expect(Array.from(out.subarray(60)).every(Number.isNaN)).toBe(true);
  });

  it('refuses ranges that skip or repeat bars, run past the series, or an output that is too short', () => {
    const sink = { barAt: () => {} };
    const d = new RsiDriver(close, 14, new Float64Array(n));
    expect(() => d.drive(1, 10, sink)).toThrow(/start at bar 1, the next bar is 0/);
    d.drive(0, 10, sink);
    expect(() => d.drive(5, 20, sink)).toThrow(/start at bar 5, the next bar is 10/);
    expect(() => d.drive(10, n + 1, sink)).toThrow(/from bar 10 to bar 8748, the series has 8747/);
    expect(() => d.drive(10, 9, sink)).toThrow(/from bar 10 to bar 9/);
    expect(() => new RsiDriver(close, 14, new Float64Array(n - 1))).toThrow(/output array has length 8746/);
    expect(() => new RsiDriver(close, 0, new Float64Array(n))).toThrow(/period must be a whole number/);
  });
});

describe('indicatorDriver', () => {
  const series = parseCandles(csv).series;
  it('resolves parameters and hands out the arrays the driver fills', () => {
    const d = indicatorDriver('RSI', series, { period: 9 })!;
    expect(d.params).toEqual({ period: 9 });
    expect(Object.keys(d.outputs)).toEqual(['rsi']);
    d.driver.drive(0, n, { barAt: () => {} });
    expect(bits(d.outputs.rsi!)).toBe(bits(rsi(close, 9, new Float64Array(n))));
  });
  it('null for an indicator without a driver; the same errors as computeIndicator otherwise', () => {
    expect(indicatorDriver('sma', series)).toBeNull();
    expect(() => indicatorDriver('nope', series)).toThrow(/unknown indicator "nope"/);
    expect(() => indicatorDriver('rsi', series, { period: 2.5 })).toThrow(/whole number/);
  });
});
