/**
 * The linear passes behind the return metrics. Each loop is a separate small function over
 * Float64Arrays with no optional input, so V8 compiles it once to a loop of unboxed doubles:
 * - a `b !== null` test inside a loop made V8 keep the accumulators it guarded boxed, allocating a
 *   heap number per update;
 * - code after a loop that had never run when the loop was compiled on-stack (OSR) carries no type
 *   feedback, and the cached OSR code then deoptimized at the end of every call, leaving most of
 *   the next call in the interpreter. The priming at the bottom runs every line once at load.
 * Splitting the passes keeps each accumulator's order of additions, so the sums are bit-identical.
 */

export interface WalkSums {
  sum: number;
  best: number;
  worst: number;
  maxDd: number;
  ddSqSum: number;
  longest: number;
  longestFrom: number;
  longestTo: number;
}

/** Pass 1: sum, extremes and the drawdown walk over the compounded curve. */
export function walkCurve(r: Float64Array, wealth: ArrayLike<number>): WalkSums {
  const n = r.length;
  let sum = 0;
  let best = -Infinity;
  let worst = Infinity;
  let peak = wealth[0] ?? 0;
  let peakIdx = 0;
  let maxDd = 0;
  let ddSqSum = 0;
  let longest = 0;
  let longestFrom = 0;
  let longestTo = 0;
  for (let i = 0; i < n; i++) {
    const x = r[i]!;
    sum += x;
    best = Math.max(best, x);
    worst = Math.min(worst, x);
    const w = wealth[i + 1]!;
    if (w >= peak) {
      if (i + 1 - peakIdx > longest && peakIdx < i) {
        longest = i + 1 - peakIdx;
        longestFrom = peakIdx;
        longestTo = i + 1;
      }
      peak = w;
      peakIdx = i + 1;
    } else {
      const dd = 1 - w / peak;
      maxDd = Math.max(maxDd, dd);
      ddSqSum += dd * dd;
    }
  }
  // A drawdown still open at the end lasts until the last point.
  if (n - peakIdx > longest && wealth[n]! < peak) {
    longest = n - peakIdx;
    longestFrom = peakIdx;
    longestTo = n;
  }
  return { sum, best, worst, maxDd, ddSqSum, longest, longestFrom, longestTo };
}

export interface BenchmarkWalkSums {
  sumB: number;
  minB: number;
  maxB: number;
  /** Extremes of the active return r − b. */
  minA: number;
  maxA: number;
}

/** Pass 1 for the benchmark: its sum and extremes, and those of the active return. */
export function benchmarkWalk(r: Float64Array, b: Float64Array): BenchmarkWalkSums {
  const n = r.length;
  let sumB = 0;
  let minB = Infinity;
  let maxB = -Infinity;
  let minA = Infinity;
  let maxA = -Infinity;
  for (let i = 0; i < n; i++) {
    const y = b[i]!;
    sumB += y;
    minB = Math.min(minB, y);
    maxB = Math.max(maxB, y);
    const a = r[i]! - y;
    minA = Math.min(minA, a);
    maxA = Math.max(maxA, a);
  }
  return { sumB, minB, maxB, minA, maxA };
}

export interface CentralSums {
  m2: number;
  m3: number;
  m4: number;
  downSq: number;
  gains: number;
  losses: number;
}

/** Pass 2: central moments and the sums that need the mean. */
export function centralSums(r: Float64Array, mean: number, rf: number): CentralSums {
  const n = r.length;
  let m2 = 0;
  let m3 = 0;
  let m4 = 0;
  let downSq = 0;
  let gains = 0;
  let losses = 0;
  for (let i = 0; i < n; i++) {
    const x = r[i]!;
    const c = x - mean;
    const c2 = c * c;
    m2 += c2;
    m3 += c2 * c;
    m4 += c2 * c2;
    // Branch-free split: signs of returns are a coin flip, so a branch here mispredicts half the time.
    const ex = x - rf;
    const down = Math.min(ex, 0);
    downSq += down * down;
    losses -= down;
    gains += ex - down;
  }
  return { m2, m3, m4, downSq, gains, losses };
}

export interface BenchmarkCentralSums {
  cov: number;
  varB: number;
  varActive: number;
}

/** Pass 2 for the benchmark: covariance, its central sum of squares and the active return's. */
export function benchmarkCentral(r: Float64Array, b: Float64Array, mean: number, meanB: number): BenchmarkCentralSums {
  const n = r.length;
  const meanActive = mean - meanB;
  let cov = 0;
  let varB = 0;
  let varActive = 0;
  for (let i = 0; i < n; i++) {
    const x = r[i]!;
    const y = b[i]!;
    const cb = y - meanB;
    cov += (x - mean) * cb;
    varB += cb * cb;
    const ca = x - y - meanActive;
    varActive += ca * ca;
  }
  return { cov, varB, varActive };
}

// Priming (see the header). V8 allocates a function's feedback vector only after it has run for a
// while (about 8× its bytecode size), and without one nothing is recorded, so the inputs are a few
// hundred points long. Values are non-integral so the feedback is "double", not "small integer", and
// the curve has new peaks, drawdowns and a drawdown still open at the end.
{
  const n = 256;
  const r = new Float64Array(n);
  const b = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    r[i] = 0.01 * Math.sin(i * 1.7) + 0.0005;
    b[i] = 0.01 * Math.cos(i * 0.9);
  }
  r[n - 1] = -0.05;
  const wealth = new Float64Array(n + 1);
  wealth[0] = 1.5;
  for (let i = 0; i < n; i++) wealth[i + 1] = wealth[i]! * (1 + r[i]!);
  for (let k = 0; k < 3; k++) {
    walkCurve(r, wealth);
    benchmarkWalk(r, b);
    centralSums(r, 0.0005, 0.0001);
    benchmarkCentral(r, b, 0.0005, 0.0001);
  }
}
