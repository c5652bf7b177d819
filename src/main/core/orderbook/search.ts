/** The search a BookSide starts every set from: a guess from the spacing of the best levels, then a short walk or a binary search. */

/** Levels next to the guess walked one by one before falling back to a binary search. */
const WALK = 4;

/** First level index in [lo, hi) whose key is ≥ `key`, or `hi`; `a` holds interleaved [key, size]. */
function searchRange(a: Float64Array, lo: number, hi: number, key: number): number {
  let base = lo;
  let len = hi - lo;
  while (len > 1) {
    const half = len >>> 1;
    // Arithmetic instead of a branch: the comparison is a coin toss the predictor always loses.
    base += half * +(a[2 * (base + half)]! < key);
    len -= half;
  }
  return base + +(a[2 * base]! < key);
}

/**
 * First level index whose key is ≥ `key`. Prices sit on a tick grid, so the spacing of the best
 * levels predicts the index of most prices to within a level or two: guess, walk a few levels, and
 * only then binary-search the side of the guess that must hold the answer (so the worst case stays
 * logarithmic however uneven the book is). `perKey` is levels per unit of key near the top, a hint
 * only: a stale or wrong value costs steps, never correctness.
 */
export function lowerBound(a: Float64Array, n: number, key: number, perKey: number): number {
  if (n === 0) return 0;
  const top = a[2 * n - 2]!;
  if (key >= top) return key === top ? n - 1 : n;
  if (n === 1) return 0;
  const steps = (top - key) * perKey;
  // steps ≥ 0 here; `| 0` keeps the index a small integer (NaN or a far-off guess lands on 0).
  let i = steps < n ? n - 1 - (steps | 0) : 0;
  if (a[2 * i]! < key) {
    // The answer lies above i and at or below n - 1, because the top key exceeds `key`.
    for (let s = 0; s < WALK; s++) {
      i++;
      if (a[2 * i]! >= key) return i;
    }
    return searchRange(a, i + 1, n - 1, key);
  }
  for (let s = 0; s < WALK; s++) {
    if (i === 0 || a[2 * i - 2]! < key) return i;
    i--;
  }
  return searchRange(a, 0, i, key);
}
