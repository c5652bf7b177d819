/**
 * The validation and conversion passes over the inputs, each a small loop function that reports
 * the first bad index (-1 if none) and leaves the error message to its caller. A loop compiled
 * on-stack (OSR) inside a larger function met code after it that had never run, deoptimized there
 * on every call and left the next call's million-element loop in the interpreter, boxing every
 * double; how often that happened depended on JIT timing, so runs were bimodal. These kernels have
 * nothing after their loop but a return, and the priming at the bottom runs every line once.
 */

/** First index whose time is not finite or not after the one before it, else -1. */
export function firstBadTime(times: ArrayLike<number>): number {
  const m = times.length;
  let prev = -Infinity;
  for (let i = 0; i < m; i++) {
    const t = times[i]!;
    if (!Number.isFinite(t) || (i > 0 && !(t > prev))) return i;
    prev = t;
  }
  return -1;
}

/** First index whose value is not a finite number, else -1. */
export function firstNonFinite(x: ArrayLike<number>): number {
  const n = x.length;
  for (let i = 0; i < n; i++) if (!Number.isFinite(x[i]!)) return i;
  return -1;
}

/**
 * returns[i − 1] = values[i] / values[i − 1] − 1 for the whole curve; stops at and returns the first
 * index whose value cannot define returns (not finite, negative, or 0 before the last point).
 */
export function equityReturns(values: ArrayLike<number>, returns: Float64Array): number {
  const m = values.length;
  if (m === 0) return -1;
  let prev = values[0]!;
  if (!Number.isFinite(prev) || prev < 0 || (prev === 0 && m > 1)) return 0;
  for (let i = 1; i < m; i++) {
    const v = values[i]!;
    if (!Number.isFinite(v) || v < 0 || (v === 0 && i < m - 1)) return i;
    returns[i - 1] = v / prev - 1;
    prev = v;
  }
  return -1;
}

/**
 * Copies simple returns into `r` and compounds them from 1 into `wealth` (n + 1 points); stops at
 * and returns the first index that is not finite or below −1.
 */
export function compoundReturns(returns: ArrayLike<number>, r: Float64Array, wealth: Float64Array): number {
  const n = returns.length;
  wealth[0] = 1;
  for (let i = 0; i < n; i++) {
    const x = returns[i]!;
    if (!Number.isFinite(x) || x < -1) return i;
    r[i] = x;
    wealth[i + 1] = wealth[i]! * (1 + x);
  }
  return -1;
}

/** Whether every gap between consecutive times equals the first (m ≥ 2). */
export function regularSpacing(times: ArrayLike<number>): boolean {
  const m = times.length - 1;
  const first = times[1]! - times[0]!;
  for (let i = 1; i < m; i++) if (times[i + 1]! - times[i]! !== first) return false;
  return true;
}

// Priming (see the header). V8 allocates a function's feedback vector only after it has run for a
// while (about 8× its bytecode size), and without one nothing is recorded, so the inputs are a few
// hundred points long; values are non-integral so the feedback is "double", not "small integer".
{
  const n = 256;
  const times = new Float64Array(n);
  const values = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    times[i] = 1.5e12 + i * 3.6e6;
    values[i] = 100.5 + Math.sin(i * 1.7);
  }
  const r = new Float64Array(n - 1);
  const w = new Float64Array(n);
  for (let k = 0; k < 3; k++) {
    firstBadTime(times);
    firstNonFinite(values);
    equityReturns(values, r);
    compoundReturns(r, new Float64Array(n - 1), w);
    regularSpacing(times);
  }
}
