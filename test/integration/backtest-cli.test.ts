import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli';
import { SHARED_DATA } from '../helpers/paths';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'md-backtest-'));

describe('marketdesk backtest', () => {
  it('runs rsi-reversal on the embedded dataset as JSON, and a saved manifest reproduces it byte for byte', async () => {
    const manifest = path.join(tmp, 'run.json');
    const first = await runCli(['backtest', '--strategy', 'rsi-reversal', '--fee-rate', '0.001', '--json', '--save-manifest', manifest]);
    expect(first.code, first.stderr).toBe(0);
    const r = JSON.parse(first.stdout);
    expect(r.manifest.dataset.source).toBe('embedded:binance_spot_BTCUSDT_1h_2021.csv');
    expect(r.equity).toHaveLength(8747);
    expect(r.equity[0]).toEqual([1609459200000, 10000]);
    expect(Object.keys(r.trades[0])).toEqual(expect.arrayContaining(['entryTime', 'entryPrice', 'exitTime', 'exitPrice', 'quantity', 'fee', 'pnl']));
    expect(r.finalEquity).toBeCloseTo(r.equity[8746][1], 9);
    expect(typeof r.metrics.metrics.sharpeRatio).toBe('number');
    const again = await runCli(['backtest', '--manifest', manifest, '--json']);
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).toBe(first.stdout);
  });

  it('prices fees from a schedule tier, applies a date range and a file', async () => {
    const res = await runCli([
      'backtest', '--data', path.join(SHARED_DATA, 'ohlcv/binance_spot_ETHUSDT_1h_2021.csv'), '--strategy', 'ema-cross', '--params', '{"fast":9,"slow":21}',
      '--fee-exchange', 'binance', '--fee-market', 'spot', '--fee-tier', 'VIP 1', '--from', '2021-03-01', '--to', '2021-03-31', '--slippage-bps', '5', '--json',
    ]);
    expect(res.code, res.stderr).toBe(0);
    const r = JSON.parse(res.stdout);
    expect(r.manifest.fees).toMatchObject({ kind: 'schedule', exchange: 'binance', tier: 'VIP 1', maker: '0.0009', taker: '0.001' });
    expect(r.bars).toBe(31 * 24 - 1); // March has one real missing bar (2021-03-06T02)
    expect(r.equity[0][0]).toBe(Date.UTC(2021, 2, 1));
    expect(r.manifest.slippageBps).toBe(5);
  });

  it('a strategy file with params and sizing', async () => {
    const file = path.join(tmp, 'strat.json');
    fs.writeFileSync(file, JSON.stringify({ strategy: 'bollinger-reversion', params: { period: 30, stopLossPct: 3 }, sizing: { kind: 'percent', percent: 50 } }));
    const res = await runCli(['backtest', '--strategy', file, '--json']);
    expect(res.code, res.stderr).toBe(0);
    const r = JSON.parse(res.stdout);
    expect(r.manifest.strategy.params).toMatchObject({ period: 30, stopLossPct: 3 });
    expect(r.manifest.sizing).toEqual({ kind: 'percent', percent: 50 });
  });

  it('prints a readable report with a progress line on stderr', async () => {
    const res = await runCli(['backtest', '--strategy', 'macd-cross']);
    expect(res.code, res.stderr).toBe(0);
    expect(res.stdout).toMatch(/Final equity/);
    expect(res.stdout).toMatch(/Dataset hash\s+sha256:/);
    expect(res.stderr).toMatch(/backtest 100%/);
  });

  it('bad input: one line on stderr naming the problem', async () => {
    const bad = path.join(tmp, 'bad.csv');
    fs.writeFileSync(bad, 'time,open,high,low,close,volume\n1609459200000,1,2,0.5,2,1\n1609462800000,1,0.9,0.5,1,1\n');
    const r1 = await runCli(['backtest', '--data', bad]);
    expect(r1.code).not.toBe(0);
    expect(r1.stderr.trim()).toBe(`marketdesk: ${bad}:3: high: 0.9 is below max(open, close) = 1`);
    const r2 = await runCli(['backtest', '--strategy', 'nope']);
    expect(r2.stderr).toMatch(/unknown strategy "nope"/);
    const r3 = await runCli(['backtest', '--fee-rate', '0.001', '--fee-exchange', 'binance']);
    expect(r3.stderr).toMatch(/either --fee-rate or --fee-exchange/);
  });

  it('a manifest over different data is refused', async () => {
    const manifest = path.join(tmp, 'm2.json');
    const first = await runCli(['backtest', '--save-manifest', manifest, '--json']);
    expect(first.code, first.stderr).toBe(0);
    const res = await runCli(['backtest', '--manifest', manifest, '--data', path.join(SHARED_DATA, 'ohlcv/binance_spot_ETHUSDT_1h_2021.csv')]);
    expect(res.code).not.toBe(0);
    expect(res.stderr).toMatch(/data differs from the manifest/);
  });
});
