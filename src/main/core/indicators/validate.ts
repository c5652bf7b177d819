/** Argument checks shared by the batch kernels; they run once per call, never per bar. */

export function checkPeriod(name: string, period: number, label = 'period'): void {
  if (!Number.isInteger(period) || period < 1) throw new RangeError(`${name}: ${label} must be a whole number ≥ 1, got ${period}`);
}

export function checkOut(name: string, n: number, ...outs: Float64Array[]): void {
  for (const out of outs) {
    if (out.length < n) throw new RangeError(`${name}: output array has length ${out.length}, needs at least ${n}`);
  }
}

export function checkSameLength(name: string, ...arrays: ArrayLike<number>[]): number {
  const n = arrays[0]!.length;
  for (const a of arrays) {
    if (a.length !== n) throw new RangeError(`${name}: input arrays differ in length (${n} vs ${a.length})`);
  }
  return n;
}
