import { spawn } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli';
import { REPO_ROOT } from '../helpers/paths';
import { VENUE_DATA } from '../helpers/venue';

describe('marketdesk venue', () => {
  it('prints one line with its URL, serves Binance paths, and exits cleanly on SIGINT', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(REPO_ROOT, 'src/main/cli/main.ts'), 'venue', '--port', '0', '--seed', '5', '--data', VENUE_DATA[1]!], { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const line = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no URL line; stderr: ${stderr}`)), 20_000);
      child.stdout.on('data', (d: Buffer) => {
        stdout += d.toString();
        if (stdout.includes('\n')) {
          clearTimeout(timer);
          resolve(stdout.split('\n')[0]!);
        }
      });
    });
    const url = /(http:\/\/127\.0\.0\.1:\d+)/.exec(line)?.[1];
    expect(url).toBeDefined();
    expect(line).toContain('ETHUSDT');
    const info = (await (await fetch(`${url}/api/v3/exchangeInfo`)).json()) as { symbols: { symbol: string }[] };
    expect(info.symbols.map((s) => s.symbol)).toEqual(['ETHUSDT']);
    const code = await new Promise<number | null>((resolve) => {
      child.on('close', resolve);
      child.kill('SIGINT');
    });
    expect(code).toBe(0);
    expect(stdout.trim().split('\n')).toHaveLength(1);
  });

  it('refuses a missing data file with one line naming it', async () => {
    const run = await runCli(['venue', '--data', '/nonexistent/candles.csv'], { timeoutMs: 20_000 });
    expect(run.code).not.toBe(0);
    expect(run.stderr.trim()).toBe('marketdesk: --data: no such file /nonexistent/candles.csv');
  });
});
