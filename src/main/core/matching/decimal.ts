import DecimalJs from 'decimal.js';

/** The engine's own Decimal: 40 significant digits so no fee or notional on a spot market rounds. */
export const Dec = DecimalJs.clone({ precision: 40, rounding: DecimalJs.ROUND_HALF_UP, toExpNeg: -30, toExpPos: 40 });
export type Dec = InstanceType<typeof Dec>;

export const ZERO = new Dec(0);

const DECIMAL_RE = /^([0-9]{1,20})(\.[0-9]{1,20})?$/;

/** Parses a client-sent decimal the way Binance accepts it; null when it is not a plain decimal. */
export function parseDecimal(raw: string): Dec | null {
  return DECIMAL_RE.test(raw) ? new Dec(raw) : null;
}

/** Plain notation without exponent or trailing zeros ("0.001", "42"). */
export function str(d: Dec): string {
  return d.toFixed();
}

/** Fixed-scale notation as Binance prints amounts ("0.00100000"). */
export function fixed(d: Dec | string, scale = 8): string {
  return new Dec(d).toFixed(scale);
}

/** Number of decimals a step such as "0.00001000" allows. */
export function stepScale(step: string): number {
  return new Dec(step).decimalPlaces();
}

/** Largest multiple of `step` not above `value`. */
export function floorToStep(value: Dec, step: string): Dec {
  const s = new Dec(step);
  return value.div(s).floor().mul(s);
}

export function isMultipleOf(value: Dec, step: string): boolean {
  const s = new Dec(step);
  return s.isZero() || value.mod(s).isZero();
}
