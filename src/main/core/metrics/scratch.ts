/**
 * Reusable work buffers. Allocating a fresh multi-megabyte Float64Array costs more than every
 * metric together (the engine maps new zeroed pages for each large ArrayBuffer: ≈ 60 ms for 8 MB on
 * the build machines, against 0.5 ms to refill a buffer that exists), so each slot keeps its
 * largest buffer and hands out views. Callers use a view only synchronously and never let it
 * escape into a result.
 */
export enum ScratchSlot {
  Returns = 0,
  Wealth = 1,
  Select = 2,
  Gaps = 3,
  Benchmark = 4,
  /** The two tails of a series compacted by tailStats. */
  Tails = 5,
  /** One percentile's bracket contents in tailStats. */
  Bucket = 6,
  Sample = 7,
}

const pool: (Float64Array | undefined)[] = [];

export function borrow(slot: ScratchSlot, n: number): Float64Array {
  let buf = pool[slot];
  if (buf === undefined || buf.length < n) {
    buf = new Float64Array(Math.max(n, Math.ceil((buf?.length ?? 0) * 1.5)));
    pool[slot] = buf;
  }
  return buf.subarray(0, n);
}

/** Drops the buffers (e.g. after analysing one unusually long curve). */
export function releaseScratch(): void {
  pool.length = 0;
}
