import Decimal from 'decimal.js';

/**
 * A private Decimal constructor with enough precision that products of exchange-sized numbers are
 * exact (fees are sums of products of short decimals), and quotients are rounded far below any
 * amount an exchange can represent.
 */
export const D = Decimal.clone({ precision: 64, rounding: Decimal.ROUND_HALF_EVEN, toExpNeg: -100, toExpPos: 100 });
export type Dec = InstanceType<typeof D>;

export type DecimalInput = string | Dec;

const DECIMAL_RE = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;

export function isDecimalString(value: unknown): value is string {
  return typeof value === 'string' && DECIMAL_RE.test(value.trim());
}

/** Parses a decimal input; floats are refused on purpose so binary rounding never reaches a fee. */
export function dec(value: unknown, field: string): Dec {
  if (value instanceof D) return value;
  if (typeof value === 'string' && DECIMAL_RE.test(value.trim())) return new D(value.trim());
  if (typeof value === 'number') throw new FeeInputError(`${field}: pass decimals as strings, got the number ${value}`);
  throw new FeeInputError(`${field}: "${String(value)}" is not a decimal number`);
}

export function positive(value: unknown, field: string): Dec {
  const d = dec(value, field);
  if (!d.gt(0)) throw new FeeInputError(`${field}: must be greater than 0, got ${d.toFixed()}`);
  return d;
}

export function nonNegative(value: unknown, field: string): Dec {
  const d = dec(value, field);
  if (d.lt(0)) throw new FeeInputError(`${field}: must be 0 or more, got ${d.toFixed()}`);
  return d;
}

/** Plain decimal notation, no exponent, no trailing zeros. */
export function str(d: Dec): string {
  return d.toFixed();
}

/** Rounds a derived ratio (never a fee) to a fixed number of places for display. */
export function ratio(d: Dec, places = 12): string {
  return d.toDecimalPlaces(places, D.ROUND_HALF_EVEN).toFixed();
}

/** Bad input from a caller (unknown exchange, bad number, unknown tier): the message names the field and the choices. */
export class FeeInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'FeeInputError';
  }
}
