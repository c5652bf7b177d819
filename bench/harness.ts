/**
 * A tiny side-by-side benchmark harness: every case runs `reps` times in alternation with its
 * peers (so drift hits all equally), and we report medians and the ratio to a named baseline.
 */

export interface BenchCase {
  name: string;
  /** Runs the work once; returns a value that is checked so the JIT cannot drop the work. */
  run: () => unknown;
  /** Units of work per run (e.g. deltas, bars) for a per-unit figure. */
  units?: number;
}

export interface BenchResult {
  name: string;
  medianMs: number;
  nsPerUnit: number | null;
  samplesMs: number[];
  /** Fastest and slowest sample (per run), when the suite reports the spread. */
  minMs?: number;
  maxMs?: number;
}

export let blackhole: unknown;

export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

export function runSideBySide(cases: BenchCase[], reps = 7, warmup = 2): BenchResult[] {
  const samples = cases.map(() => [] as number[]);
  for (let r = 0; r < warmup + reps; r++) {
    cases.forEach((c, i) => {
      const t0 = process.hrtime.bigint();
      blackhole = c.run();
      const ms = Number(process.hrtime.bigint() - t0) / 1e6;
      if (r >= warmup) samples[i]!.push(ms);
    });
  }
  return cases.map((c, i) => {
    const med = median(samples[i]!);
    return { name: c.name, medianMs: med, nsPerUnit: c.units ? (med * 1e6) / c.units : null, samplesMs: samples[i]! };
  });
}

export interface RoundsOptions {
  /** Groups per case; the cases take turns group by group, so drift and neighbours' load hit all. */
  rounds: number;
  /** Samples per group. */
  samples: number;
  /** Target length of one sample: each case gets as many runs per sample as fill it (at least one). */
  sampleMs: number;
}

/**
 * Steady-state per-run time of cases whose runs differ a lot in length and in garbage. Timing a
 * single short run measures it between collections and on its own; timing a single long run that
 * allocates per event includes whatever collection and scheduler slice lands in it. Here every
 * sample of every case is a batch of runs lasting about `sampleMs`, so each sample carries its
 * case's own collection work at its own rate, and the median over all groups discards outlying
 * samples on every side alike. Warm-up runs first, per case, so every case is measured as
 * optimized code.
 *
 * No forced collection between groups: measured here, one made the next 250 backtests ~60 µs
 * slower each (~146 against ~85 µs), far more than the collection it replaced, which penalized the
 * case that allocates off-heap arrays and measured a state no long-running process is in.
 *
 * Wall-clock time: process CPU time was tried and, on this shared VM, rose with the neighbours'
 * load as much as wall time did (about 3x on both sides), so it buys nothing. Under load every
 * case slows alike as they take turns: the ratio holds, the absolute figures rise (see min ms).
 */
export function runInRounds(cases: (BenchCase & { warmup: number })[], opts: RoundsOptions): BenchResult[] {
  const batch = cases.map((c) => {
    for (let w = 0; w < c.warmup; w++) blackhole = c.run();
    const t0 = process.hrtime.bigint();
    let runs = 0;
    do {
      blackhole = c.run();
      runs++;
    } while (Number(process.hrtime.bigint() - t0) / 1e6 < opts.sampleMs / 4);
    const perRunMs = Number(process.hrtime.bigint() - t0) / 1e6 / runs;
    return Math.max(1, Math.round(opts.sampleMs / perRunMs));
  });
  const samples = cases.map(() => [] as number[]);
  for (let r = 0; r < opts.rounds; r++) {
    cases.forEach((c, i) => {
      const k = batch[i]!;
      for (let s = 0; s < opts.samples; s++) {
        const t0 = process.hrtime.bigint();
        for (let j = 0; j < k; j++) blackhole = c.run();
        samples[i]!.push(Number(process.hrtime.bigint() - t0) / 1e6 / k);
      }
    });
  }
  return cases.map((c, i) => {
    const xs = samples[i]!;
    const med = median(xs);
    return { name: c.name, medianMs: med, nsPerUnit: c.units ? (med * 1e6) / c.units : null, samplesMs: xs, minMs: Math.min(...xs), maxMs: Math.max(...xs) };
  });
}

/** Prints a table with each case's median and its speed relative to `baseline` (>1 = faster). */
export function printTable(title: string, results: BenchResult[], baseline?: string): void {
  const base = baseline ? results.find((r) => r.name === baseline) : undefined;
  console.log(`\n## ${title}`);
  const spread = results.some((r) => r.minMs !== undefined);
  const head = `${'case'.padEnd(44)} ${'median ms'.padStart(11)} ${'ns/unit'.padStart(10)}`;
  console.log(`${head}${spread ? ` ${'min ms'.padStart(10)} ${'max ms'.padStart(10)}` : ''} ${base ? `vs ${base.name}`.padStart(18) : ''}`);
  for (const r of results) {
    const ratio = base ? `${(base.medianMs / r.medianMs).toFixed(2)}x` : '';
    const range = spread ? ` ${(r.minMs?.toFixed(3) ?? '-').padStart(10)} ${(r.maxMs?.toFixed(3) ?? '-').padStart(10)}` : '';
    console.log(
      `${r.name.padEnd(44)} ${r.medianMs.toFixed(3).padStart(11)} ${(r.nsPerUnit === null ? '-' : r.nsPerUnit.toFixed(1)).padStart(10)}${range} ${ratio.padStart(18)}`,
    );
  }
}
