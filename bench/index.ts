/**
 * `npm run bench`: every suite side by side with its peers, medians over several repetitions.
 * Each suite runs in its own Node process so one suite's heap and JIT state cannot skew the next;
 * `npm run bench -- <name>` runs one suite in this process.
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { suites } from './suites';

const only = process.argv[2];
if (only) {
  const suite = suites.find((s) => s.name === only);
  if (!suite) {
    console.error(`no bench suite "${only}"; choose one of: ${suites.map((s) => s.name).join(', ')}`);
    process.exit(2);
  }
  await suite.run();
} else {
  const self = fileURLToPath(import.meta.url);
  for (const suite of suites) {
    const r = spawnSync(process.execPath, ['--import', 'tsx', self, suite.name], { stdio: 'inherit' });
    if (r.status !== 0) process.exit(r.status ?? 1);
  }
}
