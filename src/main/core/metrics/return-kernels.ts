/**
 * The linear passes behind the return metrics. Each loop is a separate small function over
 * Float64Arrays with no optional input, so V8 compiles it once to a loop of unboxed doubles:
 * - a `b !== null` test inside a loop made V8 keep the accumulators it guarded boxed, allocating a
 *   heap number per update;
 * - code after a loop that had never run when the loop was compiled on-stack (OSR) carries no type
 *   feedback, and the cached OSR code then deoptimized at the end of every call, leaving most of
 *   the next call in the interpreter. The priming at the bottom runs every line once before the
 *   first report (metrics.ts calls it on first use).
 * The benchmark passes take two values per step and add them in pairs, which halves the wait on
 * each sum's add latency (a reassociation: results move in the last bits). Pass 1 over the input
 * itself, with the validation and the drawdown walk, is in walk-kernels.ts.
 */

export interface BenchmarkWalkSums {
  /** The first index whose benchmark return is not finite, or -1 if none. */
  bad: number;
  sumB: number;
  /** Whether every benchmark return is the same (zero variance, exactly). */
  flatB: boolean;
  /** Whether every active return r − b is the same (zero tracking error, exactly). */
  flatActive: boolean;
}

/**
 * Pass 1 for the benchmark: validation, its sum, and whether it and the active return are
 * constant. Constancy is a comparison with the first value, a branch that stops being taken at
 * the first difference; tracking minimum and maximum instead cost four Math.min/max dependency
 * chains and half again this pass's time.
 */
export function benchmarkWalk(r: Float64Array, b: Float64Array): BenchmarkWalkSums {
  const n = r.length;
  const b0 = n > 0 ? b[0]! : 0;
  const a0 = n > 0 ? r[0]! - b0 : 0;
  let sumB = 0;
  let variesB = false;
  let variesA = false;
  let i = 0;
  // Two values per step, added in pairs: one sum over every value waits on the add latency.
  for (; i + 1 < n; i += 2) {
    const y = b[i]!;
    const z = b[i + 1]!;
    if (!(y > -Infinity && y < Infinity && z > -Infinity && z < Infinity)) return invalidBenchmark(y > -Infinity && y < Infinity ? i + 1 : i);
    sumB += y + z;
    if (y !== b0 || z !== b0) variesB = true;
    if (r[i]! - y !== a0 || r[i + 1]! - z !== a0) variesA = true;
  }
  if (i < n) {
    const y = b[i]!;
    if (!(y > -Infinity && y < Infinity)) return invalidBenchmark(i);
    sumB += y;
    if (y !== b0) variesB = true;
    if (r[i]! - y !== a0) variesA = true;
  }
  return { bad: -1, sumB, flatB: !variesB, flatActive: !variesA };
}

function invalidBenchmark(i: number): BenchmarkWalkSums {
  return { bad: i, sumB: 0, flatB: false, flatActive: false };
}

export interface CentralSums {
  m2: number;
  m3: number;
  m4: number;
  downSq: number;
  gains: number;
  losses: number;
}

/**
 * Pass 2: central moments and the sums that need the mean. Six sums already make six independent
 * chains; taking two values per step (as the benchmark passes do) measured 15 % slower here,
 * spilling registers.
 */
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

export interface CentralTailSums extends CentralSums {
  /** Values <= lowEdge were copied to tails[0, lowEnd), values >= highEdge to tails[highStart, n). */
  lowEnd: number;
  highStart: number;
}

/**
 * Pass 2 with the tail compaction of the percentile brackets (see select.ts) folded in: the moment
 * sums leave the core idle between dependent additions, and the compaction's compares and stores
 * fill those cycles. Measured 1.8 ms against 2.85 ms for the two passes apart. lowEdge < highEdge.
 */
export function centralSumsWithTails(r: Float64Array, mean: number, rf: number, tails: Float64Array, lowEdge: number, highEdge: number): CentralTailSums {
  const n = r.length;
  let m2 = 0;
  let m3 = 0;
  let m4 = 0;
  let downSq = 0;
  let gains = 0;
  let losses = 0;
  let l = 0;
  let h = n - 1;
  for (let i = 0; i < n; i++) {
    const x = r[i]!;
    const c = x - mean;
    const c2 = c * c;
    m2 += c2;
    m3 += c2 * c;
    m4 += c2 * c2;
    const ex = x - rf;
    const down = Math.min(ex, 0);
    downSq += down * down;
    losses -= down;
    gains += ex - down;
    if (x <= lowEdge) tails[l++] = x;
    else if (x >= highEdge) tails[h--] = x;
  }
  return { m2, m3, m4, downSq, gains, losses, lowEnd: l, highStart: h + 1 };
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
  let i = 0;
  // Two values per step, added in pairs (see centralSums).
  for (; i + 1 < n; i += 2) {
    const x = r[i]!;
    const y = b[i]!;
    const u = r[i + 1]!;
    const v = b[i + 1]!;
    const cb = y - meanB;
    const cv = v - meanB;
    cov += (x - mean) * cb + (u - mean) * cv;
    varB += cb * cb + cv * cv;
    const ca = x - y - meanActive;
    const cu = u - v - meanActive;
    varActive += ca * ca + cu * cu;
  }
  if (i < n) {
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
// hundred points long (odd, so the remainder after the two-value steps runs too). Values are
// non-integral so the feedback is "double", not "small integer".
export function primeReturnKernels(): void {
  const n = 257;
  const r = new Float64Array(n);
  const b = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    r[i] = 0.01 * Math.sin(i * 1.7) + 0.0005;
    b[i] = 0.01 * Math.cos(i * 0.9);
  }
  const out = new Float64Array(n);
  for (let k = 0; k < 3; k++) {
    benchmarkWalk(r, b);
    centralSums(r, 0.0005, 0.0001);
    centralSumsWithTails(r, 0.0005, 0.0001, out, -0.008, 0.008);
    benchmarkCentral(r, b, 0.0005, 0.0001);
  }
}
