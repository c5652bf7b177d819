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

/** Prints a table with each case's median and its speed relative to `baseline` (>1 = faster). */
export function printTable(title: string, results: BenchResult[], baseline?: string): void {
  const base = baseline ? results.find((r) => r.name === baseline) : undefined;
  console.log(`\n## ${title}`);
  console.log(`${'case'.padEnd(44)} ${'median ms'.padStart(11)} ${'ns/unit'.padStart(10)} ${base ? `vs ${base.name}`.padStart(18) : ''}`);
  for (const r of results) {
    const ratio = base ? `${(base.medianMs / r.medianMs).toFixed(2)}x` : '';
    console.log(
      `${r.name.padEnd(44)} ${r.medianMs.toFixed(3).padStart(11)} ${(r.nsPerUnit === null ? '-' : r.nsPerUnit.toFixed(1)).padStart(10)} ${ratio.padStart(18)}`,
    );
  }
}
