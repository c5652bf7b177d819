import { describe, expect, it } from 'vitest';
import { extent, historicalVaR, kurtosis, mean, quantiles, sampleCovariance, sampleStandardDeviation, sampleVariance, skewness } from './stats';

// Worked by hand for x = [1, 2, 3, 4, 10]: mean 4; deviations −3, −2, −1, 0, 6; Σd² = 50, Σd³ = 180,
// Σd⁴ = 1394.
const X = new Float64Array([1, 2, 3, 4, 10]);

/** Textbook two-pass central sum, written independently of the kernels under test. */
function twoPass(x: number[], p: number): number {
  const m = x.reduce((a, b) => a + b, 0) / x.length;
  return x.reduce((a, v) => a + (v - m) ** p, 0);
}

describe('single statistics', () => {
  it('mean, sample variance and standard deviation', () => {
    expect(mean(X)).toBe(4);
    expect(sampleVariance(X)).toBeCloseTo(12.5, 12);
    expect(sampleStandardDeviation(X)).toBeCloseTo(Math.sqrt(12.5), 12);
  });

  it('skewness, population and adjusted', () => {
    // 36 / 10^1.5 and 5·180 / (4·3·12.5^1.5)
    expect(skewness(X)).toBeCloseTo(36 / 10 ** 1.5, 12);
    expect(skewness(X, false)).toBeCloseTo(900 / (12 * 12.5 ** 1.5), 12);
  });

  it('excess kurtosis, population and sample', () => {
    expect(kurtosis(X)).toBeCloseTo(278.8 / 100 - 3, 12);
    expect(kurtosis(X, false)).toBeCloseTo((4 / 6) * ((30 * 1394) / 2500 - 12), 12);
  });

  it('covariance, extent, percentiles, VaR and CVaR', () => {
    expect(sampleCovariance(X, new Float64Array([2, 4, 6, 8, 20]))).toBeCloseTo(25, 12);
    expect(extent(new Float64Array([3, -1, 7, 2, 7, -1, 0]))).toEqual({ min: -1, max: 7 });
    expect(extent(new Float64Array([5]))).toEqual({ min: 5, max: 5 });
    // Sorted [1, 2, 3, 4, 10]; p = 0.05 sits at position 0.2: 1 + 0.2·(2 − 1).
    expect(quantiles(X, [0.25, 0.05, 1])).toEqual([2, 1.2, 10]);
    const v = historicalVaR(X, 0.95);
    expect(v.valueAtRisk).toBeCloseTo(-1.2, 12);
    expect(v.conditionalValueAtRisk).toBe(-1);
  });

  it('keeps precision far from zero and when the leading values are unrepresentative', () => {
    // Large offset: the naive Σx² − (Σx)²/n loses every digit here.
    const big = Array.from({ length: 1001 }, (_, i) => 1e9 + (i % 7) * 0.5);
    // The first 64 values (the shift sample) sit far below the rest.
    const skewed = Array.from({ length: 5000 }, (_, i) => (i < 64 ? -500 : 1000 + Math.sin(i) * 3));
    for (const xs of [big, skewed]) {
      const x = new Float64Array(xs);
      const n = xs.length;
      expect(sampleVariance(x) / (twoPass(xs, 2) / (n - 1))).toBeCloseTo(1, 9);
      const m2 = twoPass(xs, 2) / n;
      expect(skewness(x)).toBeCloseTo(twoPass(xs, 3) / n / m2 ** 1.5, 7);
      expect(kurtosis(x)).toBeCloseTo(twoPass(xs, 4) / n / m2 ** 2 - 3, 7);
    }
  });

  it('refuses inputs too short for the statistic', () => {
    expect(() => sampleVariance(new Float64Array([1]))).toThrow(/sampleVariance needs at least 2 values, got 1/);
    expect(() => kurtosis(new Float64Array(3))).toThrow(/kurtosis needs at least 4/);
    expect(() => sampleCovariance(X, new Float64Array(4))).toThrow(/equal lengths/);
    expect(() => historicalVaR(X, 1)).toThrow(/confidence must be in \(0, 1\)/);
  });
});
