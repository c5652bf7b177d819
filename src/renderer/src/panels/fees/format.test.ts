import { describe, expect, it } from 'vitest';
import { isDecimalText, pct, percentToFraction } from './format';

describe('fee panel formatting', () => {
  it('shows fractional rates in percent by moving the decimal point', () => {
    expect(pct('0.001')).toBe('0.1%');
    expect(pct('0.00075')).toBe('0.075%');
    expect(pct('0.0675')).toBe('6.75%');
    expect(pct('-0.00025')).toBe('-0.025%');
    expect(pct('0')).toBe('0%');
    expect(pct('1')).toBe('100%');
    expect(pct('0.000000123')).toBe('0.0000123%');
  });

  it('turns a percent typed by the user into the fraction sent to main', () => {
    expect(percentToFraction('0.01')).toBe('0.0001');
    expect(percentToFraction('12.5')).toBe('0.125');
    expect(percentToFraction('150')).toBe('1.5');
    expect(percentToFraction('.5')).toBe('0.005');
    expect(percentToFraction('-0.0375')).toBe('-0.000375');
    expect(percentToFraction('0')).toBe('0');
    expect(percentToFraction('-0')).toBe('0');
  });

  it('accepts only plain decimals as input', () => {
    expect(isDecimalText(' 0.5 ')).toBe(true);
    expect(isDecimalText('.5')).toBe(true);
    for (const bad of ['', '1e3', '1,5', 'abc', '1.2.3']) expect(isDecimalText(bad)).toBe(false);
  });
});
