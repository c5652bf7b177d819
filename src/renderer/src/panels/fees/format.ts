/** Exact string formatting for decimal rates: the panel never turns a rate into a float to show it. */

/** Every field a decimal input may hold before it is sent: digits with one optional dot. */
export function isDecimalText(s: string): boolean {
  return /^\s*[+-]?(\d+(\.\d*)?|\.\d+)\s*$/.test(s);
}

/** Rates are fractions ("0.001"); traders read them in percent. String arithmetic keeps them exact. */
export function pct(rate: string): string {
  const neg = rate.startsWith('-');
  const [int = '0', frac = ''] = (neg ? rate.slice(1) : rate).split('.');
  const shifted = shiftDecimal(int, frac, 2);
  return `${neg && shifted !== '0' ? '-' : ''}${shifted}%`;
}

function shiftDecimal(int: string, frac: string, places: number): string {
  const padded = frac.padEnd(places, '0');
  const newInt = (int + padded.slice(0, places)).replace(/^0+(?=\d)/, '');
  const newFrac = padded.slice(places).replace(/0+$/, '');
  return newFrac ? `${newInt}.${newFrac}` : newInt;
}

/** "0.01" (percent) → "0.0001" (fraction), by moving the decimal point: no float rounding. */
export function percentToFraction(p: string): string {
  const neg = p.startsWith('-');
  const body = p.replace(/^[+-]/, '');
  const [int = '0', frac = ''] = body.split('.');
  const digits = int.replace(/^0+/, '');
  const padded = digits.padStart(2, '0');
  const whole = padded.slice(0, -2).replace(/^0+/, '') || '0';
  const fraction = (padded.slice(-2) + frac).replace(/0+$/, '');
  const out = fraction ? `${whole}.${fraction}` : whole;
  return neg && out !== '0' ? `-${out}` : out;
}
