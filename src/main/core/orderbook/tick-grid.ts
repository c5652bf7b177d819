/**
 * A price grid of integer ticks. A tick of 0.01 is held as 1 / 10², so the price of tick index k is
 * the integer k·1 divided by the power of ten 10²: one correctly rounded division of two exact
 * doubles, which yields exactly the double that parsing the decimal string gives. That is what lets
 * a tick-indexed book return the very price an exchange sent and test membership with `===`.
 */
export interface TickGrid {
  readonly tickSize: number;
  /** tickSize = units / scale, both exact integers, scale a power of ten. */
  readonly units: number;
  readonly scale: number;
  /** scale / units: multiplying a price by it gives its (unrounded) tick index. */
  readonly perTick: number;
  /** Largest |tick index| whose price arithmetic stays exact in a double. */
  readonly maxIndex: number;
}

/** Enough for every tick size exchanges publish (the finest seen are 1e-10 on meme coins). */
const MAX_DECIMALS = 15;

/** Builds the grid for a tick size such as 0.01, 0.5 or 2.5e-7; throws RangeError for anything else. */
export function tickGrid(tickSize: number): TickGrid {
  if (!(tickSize > 0) || !Number.isFinite(tickSize)) throw new RangeError(`tick size must be a positive finite number, got ${tickSize}`);
  for (let d = 0; d <= MAX_DECIMALS; d++) {
    const scale = 10 ** d;
    const units = Math.round(tickSize * scale);
    // Exact only when the decimal really ends here: dividing back must return the same double.
    if (units >= 1 && units / scale === tickSize) {
      return { tickSize, units, scale, perTick: scale / units, maxIndex: Math.floor(2 ** 52 / units) };
    }
  }
  throw new RangeError(`tick size ${tickSize} is not a decimal with at most ${MAX_DECIMALS} places`);
}

/** The exact price of tick index `k` (k within ±maxIndex). */
export function tickPrice(grid: TickGrid, k: number): number {
  return (k * grid.units) / grid.scale;
}

/** The tick index of `price`, or NaN when the price is not exactly on the grid (or not finite). */
export function tickIndex(grid: TickGrid, price: number): number {
  const k = Math.round(price * grid.perTick);
  return Math.abs(k) <= grid.maxIndex && (k * grid.units) / grid.scale === price ? k : NaN;
}
