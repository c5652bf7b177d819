/**
 * The validation and conversion passes over the inputs, each a small loop function that reports
 * the first bad index (-1 if none) and leaves the error message to its caller. A loop compiled
 * on-stack (OSR) inside a larger function met code after it that had never run, deoptimized there
 * on every call and left the next call's million-element loop in the interpreter, boxing every
 * double; how often that happened depended on JIT timing, so runs were bimodal. These kernels have
 * nothing after their loop but a return, and the priming at the bottom runs every line once.
 */

/**
 * Validation and regularity of timestamps in one pass: `bad` is the first index whose time is not
 * finite or not after the one before it (-1 if none); `regular` whether every gap equals the first
 * (which lets periods-per-year skip the median of the gaps; computed in a separate pass, it cost as
 * much as the validation).
 */
export function scanTimes(times: ArrayLike<number>): { bad: number; regular: boolean } {
  const m = times.length;
  if (m === 0) return { bad: -1, regular: true };
  let prev = times[0]!;
  if (!Number.isFinite(prev)) return { bad: 0, regular: false };
  const first = m >= 2 ? times[1]! - prev : 0;
  let regular = true;
  for (let i = 1; i < m; i++) {
    const t = times[i]!;
    if (!(t > prev && t < Infinity)) return { bad: i, regular: false };
    if (t - prev !== first) regular = false;
    prev = t;
  }
  return { bad: -1, regular };
}

/**
 * Copies `src` into `out` (the kernels take Float64Array only); stops at and returns the first
 * index that is not a finite number, else -1.
 */
export function copyFinite(src: ArrayLike<number>, out: Float64Array): number {
  const n = src.length;
  for (let i = 0; i < n; i++) {
    const x = src[i]!;
    if (!Number.isFinite(x)) return i;
    out[i] = x;
  }
  return -1;
}

// Priming (see the header). V8 allocates a function's feedback vector only after it has run for a
// while (about 8× its bytecode size), and without one nothing is recorded, so the inputs are a few
// hundred points long; values are non-integral so the feedback is "double", not "small integer".
export function primeInputKernels(): void {
  const n = 256;
  const times = new Float64Array(n);
  const values = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    times[i] = 1.5e12 + i * 3.6e6;
    values[i] = 100.5 + Math.sin(i * 1.7);
  }
  const out = new Float64Array(n);
  const list = Array.from(values);
  for (let k = 0; k < 3; k++) {
    scanTimes(times);
    times[n - 1] = times[n - 2]! + 1;
    scanTimes(times);
    times[n - 1] = times[n - 2]! + 3.6e6;
    copyFinite(list, out);
  }
}
