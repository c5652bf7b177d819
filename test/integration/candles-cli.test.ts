import fs from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli';
import { tempDataDir } from '../helpers/core';

/** `marketdesk candles download|list|export` from source, against the in-process demo venue. */
const dir = tempDataDir();
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
const HOUR = 3_600_000;

describe('marketdesk candles', () => {
  it('downloads closed demo bars with --json, resumes, lists and exports them', async () => {
    const from = Math.floor(Date.now() / HOUR) * HOUR - 30 * HOUR;
    const args = ['candles', 'download', '--exchange', 'binance', '--demo', '--symbol', 'BTC/USDT', '--timeframe', '1h', '--from', String(from), '--data-dir', dir, '--json'];
    const first = await runCli(args, { timeoutMs: 60_000 });
    expect(first.code, first.stderr).toBe(0);
    const out = JSON.parse(first.stdout) as { dataset: string; pages: number; bars: number; stored: { firstTime: number; lastTime: number } };
    expect(out.dataset).toBe('db:binance-demo:BTC/USDT:1h');
    expect(out.pages).toBe(1);
    expect(out.stored.firstTime).toBeGreaterThanOrEqual(from);
    // The bar holding "now" is still open and never stored.
    expect(out.stored.lastTime + HOUR).toBeLessThanOrEqual(Date.now());
    expect(first.stderr).toMatch(/downloading BTC\/USDT 1h 100%/);

    const list = await runCli(['candles', 'list', '--data-dir', dir, '--json']);
    const sets = JSON.parse(list.stdout) as { name: string; origin: string; bars: number }[];
    expect(sets.find((s) => s.name === 'db:binance-demo:BTC/USDT:1h')).toMatchObject({ origin: 'downloaded', bars: out.bars });

    const csv = await runCli(['candles', 'export', '--data', 'db:binance-demo:BTC/USDT:1h', '--data-dir', dir]);
    const lines = csv.stdout.trim().split('\n');
    expect(lines[0]).toBe('open_time,datetime_utc,open,high,low,close,volume');
    expect(lines).toHaveLength(out.bars + 1);
    expect(Number(lines[1]!.split(',')[0])).toBe(out.stored.firstTime);
  }, 120_000);

  it('names a bad option', async () => {
    const r = await runCli(['candles', 'download', '--exchange', 'binance', '--demo', '--symbol', 'BTC/USDT', '--timeframe', '7h', '--from', '2024-01-01', '--data-dir', dir]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('marketdesk: --timeframe 7h: not a timeframe Marketdesk knows (1m … 1w)\n');
  });
});
