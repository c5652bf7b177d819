#!/usr/bin/env node
// `npm start`: build, then launch the desktop app. Where no Electron binary can be had (an offline
// machine: electron downloads its binary on first launch), say so in one line and serve the same UI
// in the browser instead, so the start command always gives a working terminal.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

const build = spawnSync(npm, ['run', '--silent', 'build'], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
if (build.status !== 0) {
  process.stderr.write('marketdesk: the build failed (see above)\n');
  process.exit(build.status ?? 1);
}

function electronBinary() {
  const dir = path.join(root, 'node_modules', 'electron');
  const pathFile = path.join(dir, 'path.txt');
  if (!fs.existsSync(pathFile)) return null;
  const bin = path.join(dir, 'dist', fs.readFileSync(pathFile, 'utf8').trim());
  return fs.existsSync(bin) ? bin : null;
}

function run(cmd, args) {
  const child = spawn(cmd, args, { cwd: root, stdio: 'inherit' });
  for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig));
  child.on('exit', (code) => process.exit(code ?? 0));
}

const binary = electronBinary();
if (!binary || process.argv.includes('--serve')) {
  if (!binary) process.stderr.write('Electron is not available on this machine (its binary could not be downloaded); starting serve mode instead — open the URL below.\n');
  run(process.execPath, [path.join(root, 'bin', 'marketdesk.js'), 'serve', ...process.argv.slice(2).filter((a) => a !== '--serve')]);
} else {
  // Native modules are built for Node by `npm install`; Electron has its own ABI. Rebuild once per Electron version.
  const electronVersion = JSON.parse(fs.readFileSync(path.join(root, 'node_modules', 'electron', 'package.json'), 'utf8')).version;
  const stamp = path.join(root, 'node_modules', '.marketdesk-electron-abi');
  if (!fs.existsSync(stamp) || fs.readFileSync(stamp, 'utf8') !== electronVersion) {
    process.stderr.write(`Rebuilding native modules (better-sqlite3, keytar) for Electron ${electronVersion}…\n`);
    const rebuild = spawnSync('npx', ['--yes', '@electron/rebuild@4.0.1', '-v', electronVersion, '-f', '-w', 'better-sqlite3,keytar'], { cwd: root, stdio: 'inherit' });
    if (rebuild.status !== 0) {
      process.stderr.write('marketdesk: rebuilding native modules for Electron failed; `npm start -- --serve` runs the browser UI instead\n');
      process.exit(1);
    }
    fs.writeFileSync(stamp, electronVersion);
  }
  run(binary, [root]);
}
