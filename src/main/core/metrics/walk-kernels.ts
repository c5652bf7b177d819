/**
 * Pass 1 over the input: read it, validate it, produce the return series and walk the curve for
 * the sum, the extremes and the drawdowns, all in one loop. Validating, converting and walking in
 * separate passes streamed the million-point arrays two extra times (≈ 3.5 ms of the 15 ms that the
 * whole returns-only report took), and validating the timestamps apart cost another 1 ms. There is
 * one kernel per kind of input, because a loop that tested which kind it had would be the
 * conditional loop return-kernels.ts warns about (boxed accumulators); the same priming applies.
 *
 * The drawdown of a point below the peak is 1 − w · (1 / peak), the reciprocal taken once per new
 * peak: a division per point bounded the loop (a ≤ 1 ulp difference from 1 − w / peak).
 */

export interface WalkSums {
  /** The first input index that cannot define a return (see the kernels), or -1 if none. */
  bad: number;
  sum: number;
  best: number;
  worst: number;
  maxDd: number;
  ddSqSum: number;
  longest: number;
  longestFrom: number;
  longestTo: number;
}

function invalidAt(i: number): WalkSums {
  return { bad: i, sum: 0, best: 0, worst: 0, maxDd: 0, ddSqSum: 0, longest: 0, longestFrom: 0, longestTo: 0 };
}

/**
 * Pass 1 for simple returns: compounds them from 1 into `wealth` (n + 1 points) while walking it.
 * `bad` is the first index that is not finite or below −1.
 */
export function walkReturns(r: Float64Array, wealth: Float64Array): WalkSums {
  const n = r.length;
  let w = 1;
  wealth[0] = w;
  let sum = 0;
  let best = -Infinity;
  let worst = Infinity;
  let peak = w;
  let invPeak = 1 / peak;
  let peakIdx = 0;
  let maxDd = 0;
  let ddSqSum = 0;
  let longest = 0;
  let longestFrom = 0;
  let longestTo = 0;
  for (let i = 0; i < n; i++) {
    const x = r[i]!;
    if (!(x >= -1 && x < Infinity)) return invalidAt(i);
    w *= 1 + x;
    wealth[i + 1] = w;
    sum += x;
    best = Math.max(best, x);
    worst = Math.min(worst, x);
    if (w >= peak) {
      if (i + 1 - peakIdx > longest && peakIdx < i) {
        longest = i + 1 - peakIdx;
        longestFrom = peakIdx;
        longestTo = i + 1;
      }
      peak = w;
      invPeak = 1 / peak;
      peakIdx = i + 1;
    } else {
      const dd = 1 - w * invPeak;
      if (dd > maxDd) maxDd = dd;
      ddSqSum += dd * dd;
    }
  }
  // A drawdown still open at the end lasts until the last point.
  if (n - peakIdx > longest && w < peak) {
    longest = n - peakIdx;
    longestFrom = peakIdx;
    longestTo = n;
  }
  return { bad: -1, sum, best, worst, maxDd, ddSqSum, longest, longestFrom, longestTo };
}

/**
 * Pass 1 for an equity curve of m points: returns[i − 1] = values[i] / values[i − 1] − 1 while
 * walking the curve. `bad` is the first index whose value cannot define returns (not finite,
 * negative, or 0 before the last point).
 */
export function walkEquity(values: ArrayLike<number>, returns: Float64Array): WalkSums {
  const m = values.length;
  const n = m > 0 ? m - 1 : 0;
  let prev = m > 0 ? values[0]! : 0;
  if (m > 0 && !(prev > 0 && prev < Infinity) && !(prev === 0 && m === 1)) return invalidAt(0);
  let sum = 0;
  let best = -Infinity;
  let worst = Infinity;
  let peak = prev;
  let invPeak = 1 / peak;
  let peakIdx = 0;
  let maxDd = 0;
  let ddSqSum = 0;
  let longest = 0;
  let longestFrom = 0;
  let longestTo = 0;
  for (let i = 0; i < n; i++) {
    const w = values[i + 1]!;
    // Only the last point may reach 0 (a wiped-out account): a return needs a positive value before it.
    if (!(w > 0 && w < Infinity) && !(w === 0 && i === n - 1)) return invalidAt(i + 1);
    const x = w / prev - 1;
    returns[i] = x;
    prev = w;
    sum += x;
    best = Math.max(best, x);
    worst = Math.min(worst, x);
    if (w >= peak) {
      if (i + 1 - peakIdx > longest && peakIdx < i) {
        longest = i + 1 - peakIdx;
        longestFrom = peakIdx;
        longestTo = i + 1;
      }
      peak = w;
      invPeak = 1 / peak;
      peakIdx = i + 1;
    } else {
      const dd = 1 - w * invPeak;
      if (dd > maxDd) maxDd = dd;
      ddSqSum += dd * dd;
    }
  }
  // A drawdown still open at the end lasts until the last point.
  if (n - peakIdx > longest && prev < peak) {
    longest = n - peakIdx;
    longestFrom = peakIdx;
    longestTo = n;
  }
  return { bad: -1, sum, best, worst, maxDd, ddSqSum, longest, longestFrom, longestTo };
}

export interface TimedWalkSums extends WalkSums {
  /** The first index whose time is not finite or not increasing, or -1 if none. */
  badTime: number;
  /** Whether every gap between the times equals the first. */
  regular: boolean;
}

function invalidTimed(badTime: number, bad: number): TimedWalkSums {
  return { bad, badTime, regular: false, sum: 0, best: 0, worst: 0, maxDd: 0, ddSqSum: 0, longest: 0, longestFrom: 0, longestTo: 0 };
}

/**
 * walkEquity for a timestamped curve (m ≥ 1 times), validating the times in the same loop:
 * `badTime` is the first index whose time is not finite or not after the one before it, and
 * `regular` whether every gap equals the first. The loop stops at the first bad time or value;
 * the caller, which reports a bad time before a bad value, checks the remaining times itself.
 */
export function walkEquityTimed(values: ArrayLike<number>, times: ArrayLike<number>, returns: Float64Array): TimedWalkSums {
  const m = values.length;
  let prevT = times[0]!;
  if (!(prevT > -Infinity && prevT < Infinity)) return invalidTimed(0, -1);
  const gap = m >= 2 ? times[1]! - prevT : 0;
  let regular = true;
  const n = m > 0 ? m - 1 : 0;
  let prev = m > 0 ? values[0]! : 0;
  if (m > 0 && !(prev > 0 && prev < Infinity) && !(prev === 0 && m === 1)) return invalidTimed(-1, 0);
  let sum = 0;
  let best = -Infinity;
  let worst = Infinity;
  let peak = prev;
  let invPeak = 1 / peak;
  let peakIdx = 0;
  let maxDd = 0;
  let ddSqSum = 0;
  let longest = 0;
  let longestFrom = 0;
  let longestTo = 0;
  for (let i = 0; i < n; i++) {
    const t = times[i + 1]!;
    if (!(t > prevT && t < Infinity)) return invalidTimed(i + 1, -1);
    if (t - prevT !== gap) regular = false;
    prevT = t;
    const w = values[i + 1]!;
    // Only the last point may reach 0 (a wiped-out account): a return needs a positive value before it.
    if (!(w > 0 && w < Infinity) && !(w === 0 && i === n - 1)) return invalidTimed(-1, i + 1);
    const x = w / prev - 1;
    returns[i] = x;
    prev = w;
    sum += x;
    best = Math.max(best, x);
    worst = Math.min(worst, x);
    if (w >= peak) {
      if (i + 1 - peakIdx > longest && peakIdx < i) {
        longest = i + 1 - peakIdx;
        longestFrom = peakIdx;
        longestTo = i + 1;
      }
      peak = w;
      invPeak = 1 / peak;
      peakIdx = i + 1;
    } else {
      const dd = 1 - w * invPeak;
      if (dd > maxDd) maxDd = dd;
      ddSqSum += dd * dd;
    }
  }
  // A drawdown still open at the end lasts until the last point.
  if (n - peakIdx > longest && prev < peak) {
    longest = n - peakIdx;
    longestFrom = peakIdx;
    longestTo = n;
  }
  return { bad: -1, badTime: -1, regular, sum, best, worst, maxDd, ddSqSum, longest, longestFrom, longestTo };
}

// Priming (see return-kernels.ts): every line runs once before the first report on a few hundred non-integral
// points, with new peaks, drawdowns and a drawdown still open at the end.
export function primeWalkKernels(): void {
  const n = 256;
  const r = new Float64Array(n);
  for (let i = 0; i < n; i++) r[i] = 0.01 * Math.sin(i * 1.7) + 0.0005;
  r[n - 1] = -0.05;
  const wealth = new Float64Array(n + 1);
  const times = new Float64Array(n + 1);
  for (let i = 0; i <= n; i++) times[i] = 1.5e12 + i * 3.6e6;
  const out = new Float64Array(n);
  for (let k = 0; k < 3; k++) {
    walkReturns(r, wealth);
    const values = wealth.map((w) => w * 250.5);
    walkEquity(values, out);
    walkEquityTimed(values, times, out);
    times[n] += 1;
    walkEquityTimed(values, times, out);
    times[n] -= 1;
  }
}
