import { describe, expect, it } from 'vitest';
import { barStyle, depthSeries, fmtImbalance, groupDecimals, groupOptions, maxSize } from './ladder-view';

describe('ladder view helpers', () => {
  it('offers grouping increments scaled to the price', () => {
    expect(groupOptions(34_167.1)).toEqual([0.1, 0.5, 1, 5, 10, 50, 100]);
    expect(groupOptions(2_345)).toEqual([0.01, 0.05, 0.1, 0.5, 1, 5, 10]);
    expect(groupOptions(0.5)).toEqual([0.000001, 0.000005, 0.00001, 0.00005, 0.0001, 0.0005, 0.001]);
    expect(groupOptions(null)).toEqual([]);
  });

  it('counts the decimals of an increment', () => {
    expect([5, 0.5, 0.05, 0.000001, 100].map(groupDecimals)).toEqual([0, 1, 2, 6, 0]);
  });

  it('scales bars to the largest level of both sides', () => {
    expect(maxSize([[1, 2, 2]], [[2, 8, 8], [3, 1, 9]])).toBe(8);
    expect(barStyle(2, 8, 'red').background).toBe('linear-gradient(to left, red 25.0%, transparent 25.0%)');
    expect(barStyle(1, 0, 'red').background).toContain('0.0%');
  });

  it('formats imbalance as a signed percentage', () => {
    expect(fmtImbalance(0.25)).toBe('+25.0%');
    expect(fmtImbalance(-0.1234)).toBe('-12.3%');
    expect(fmtImbalance(null)).toBe('—');
  });

  it('orders depth series by ascending price with cumulative sizes', () => {
    const s = depthSeries(
      [
        [100, 1, 1],
        [99, 2, 3],
      ],
      [
        [101, 4, 4],
        [102, 1, 5],
      ],
    );
    expect(s.bids).toEqual([
      [99, 3],
      [100, 1],
    ]);
    expect(s.asks).toEqual([
      [101, 4],
      [102, 5],
    ]);
  });
});
