import { runCli } from './program';

runCli(process.argv).catch((err: unknown) => {
  process.stderr.write(`marketdesk: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exitCode = 1;
});
