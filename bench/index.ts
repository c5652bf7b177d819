/**
 * `npm run bench`: every suite side by side with its peers, medians over several repetitions.
 * Each suite runs in its own Node process so one suite's heap and JIT state cannot skew the next;
 * `npm run bench -- <name>` runs one suite, also in a child process, for the same reason and so it
 * gets the same allocator settings.
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { suites } from './suites';

/**
 * glibc malloc settings for every suite. Typed-array backing stores live in malloc memory and V8
 * frees them only when external-memory pressure forces a collection (every ~30 MB). With glibc's
 * defaults the freed heap top is trimmed back to the kernel, so the next ~30 MB arrive as fresh
 * pages: on this VM (virtio-balloon free-page reporting) each first touch costs ~17 µs, i.e. ~50
 * faults and ~0.9 ms per 8,747-bar backtest, and whether a process trims or reuses depends on heap
 * layout, which made the same command report 10 or 115 ns/bar. Keeping freed memory in the process
 * (as any long-running host does in steady state) measures the code instead of the page allocator;
 * it is applied to every suite and every case alike.
 */
const ALLOCATOR_ENV = {
  MALLOC_TRIM_THRESHOLD_: String(1 << 30),
  MALLOC_TOP_PAD_: String(64 << 20),
  MALLOC_MMAP_THRESHOLD_: String(32 << 20),
};
const CHILD_MARK = 'MARKETDESK_BENCH_CHILD';

const self = fileURLToPath(import.meta.url);

function runInChild(name: string): number {
  const r = spawnSync(process.execPath, ['--import', 'tsx', self, name], {
    stdio: 'inherit',
    env: { ...process.env, ...ALLOCATOR_ENV, [CHILD_MARK]: '1' },
  });
  return r.status ?? 1;
}

const only = process.argv[2];
if (only) {
  const suite = suites.find((s) => s.name === only);
  if (!suite) {
    console.error(`no bench suite "${only}"; choose one of: ${suites.map((s) => s.name).join(', ')}`);
    process.exit(2);
  }
  if (process.env[CHILD_MARK] === '1') await (await suite.load()).run();
  else process.exit(runInChild(only));
} else {
  for (const suite of suites) {
    const status = runInChild(suite.name);
    if (status !== 0) process.exit(status);
  }
}
