/**
 * `npm run bench`: every suite side by side with its peers, medians over several repetitions.
 * Run one suite with `npm run bench -- <name>`.
 */
import { suites } from './suites';

const only = process.argv[2];
for (const suite of suites) {
  if (only && suite.name !== only) continue;
  await suite.run();
}
