#!/usr/bin/env node
// The `marketdesk` command. It runs the built CLI (`npm run build` produces out/main/cli.js).
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const cli = join(dirname(fileURLToPath(import.meta.url)), '..', 'out', 'main', 'cli.js');
if (!existsSync(cli)) {
  process.stderr.write('marketdesk: the app is not built yet; run `npm run build` (or `npm start`) first\n');
  process.exit(1);
}
await import(pathToFileURL(cli).href);
