import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { APP_VERSION } from '../../src/shared/version';
import { runCli } from '../helpers/cli';
import { tempDataDir } from '../helpers/core';
import { REPO_ROOT } from '../helpers/paths';

describe('marketdesk CLI', () => {
  it('lists its commands', async () => {
    const r = await runCli(['--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/serve/);
    expect(r.stdout).toMatch(/keys/);
  });

  it('reports the package version', async () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as { version: string };
    expect(APP_VERSION).toBe(pkg.version);
    expect((await runCli(['--version'])).stdout.trim()).toBe(pkg.version);
  });

  it('rejects bad input with one line on stderr and a non-zero exit', async () => {
    const r = await runCli(['serve', '--port', 'abc']);
    expect(r.code).not.toBe(0);
    expect(r.stdout).toBe('');
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/--port: "abc" is not a number/);
    const unknown = await runCli(['frobnicate']);
    expect(unknown.code).not.toBe(0);
    expect(unknown.stderr).toMatch(/unknown command/);
  });

  it('serve prints exactly one line with the URL and stops on SIGTERM', async () => {
    const dataDir = tempDataDir();
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(REPO_ROOT, 'src/main/cli/main.ts'), 'serve', '--port', '0', '--data-dir', dataDir], {
      cwd: REPO_ROOT,
    });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    await new Promise<void>((resolve, reject) => {
      const t = setTimeout(() => reject(new Error('serve printed nothing')), 20_000);
      child.stdout.on('data', () => {
        if (out.includes('\n')) {
          clearTimeout(t);
          resolve();
        }
      });
    });
    expect(out).toMatch(/^Marketdesk serving at http:\/\/127\.0\.0\.1:\d+\/\?token=[A-Za-z0-9_-]{32}\n$/);
    const url = out.trim().split(' ').pop()!;
    expect((await fetch(url)).status).toBe(200);
    const code = await new Promise<number | null>((resolve) => {
      child.on('exit', resolve);
      child.kill('SIGTERM');
    });
    expect(code).toBe(0);
    expect(out.split('\n').filter(Boolean)).toHaveLength(1);
    fs.rmSync(dataDir, { recursive: true, force: true });
  });
});
