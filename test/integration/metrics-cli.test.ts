import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli';

const dir = mkdtempSync(path.join(tmpdir(), 'marketdesk-metrics-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function file(name: string, content: string): string {
  const p = path.join(dir, name);
  writeFileSync(p, content);
  return p;
}

// empyrical's weekly_returns series (its published tests: CAGR 0.24690830513998208 and
// volatility 0.38851569394870583 at 52 periods a year).
const WEEKLY = [0, 1, 10, -4, 2, 3, 2, 1, -10].map((x) => x / 100);

describe('marketdesk metrics', () => {
  it('reads a JSON array of returns and prints camelCase metrics as JSON', async () => {
    const f = file('weekly.json', JSON.stringify(WEEKLY));
    const r = await runCli(['metrics', '--returns', f, '--periods-per-year', '52', '--json']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.metrics.annualizedReturn).toBeCloseTo(0.24690830513998208, 8);
    expect(out.metrics.volatility).toBeCloseTo(0.38851569394870583, 8);
    expect(out.metrics.maxDrawdown).toBeCloseTo(0.1, 12);
    expect(out.metrics.valueAtRisk95).toBeCloseTo(0.076, 12);
    expect(out.metrics.winRate).toBeNull();
    expect(out.reasons.winRate).toBe('no trade list given');
    expect(out.meta).toMatchObject({ periodsPerYear: 52, periodsPerYearSource: 'option', observations: 9 });
    expect(out.summary.grade).toMatch(/^[A-F]$/);
    expect(r.stdout).not.toMatch(/NaN|Infinity/);
  });

  it('reads an equity CSV with a time column, trades and a benchmark price series', async () => {
    const H = 3_600_000;
    const t0 = Date.UTC(2024, 0, 1);
    const eq = file('equity.csv', ['time,equity', ...[1000, 1010, 990, 1020].map((v, i) => `${new Date(t0 + i * H).toISOString()},${v}`)].join('\n') + '\n');
    const bench = file('btc.csv', ['time,close', ...[100, 101, 100, 102].map((v, i) => `${t0 + i * H},${v}`)].join('\n'));
    const trades = file(
      'trades.json',
      JSON.stringify([
        { side: 'long', entryTime: t0, exitTime: t0 + H, entryPrice: 100, exitPrice: 101, quantity: 10, fee: 0, pnl: 10 },
        { side: 'short', entryTime: t0 + H, exitTime: t0 + 2 * H, entryPrice: 101, exitPrice: 103, quantity: 10, fee: 0, pnl: -20 },
      ]),
    );
    const r = await runCli(['metrics', '--equity', eq, '--trades', trades, '--benchmark', bench, '--risk-free', '0.04', '--json']);
    expect(r.stderr).toBe('');
    const out = JSON.parse(r.stdout);
    expect(out.meta).toMatchObject({ periodsPerYear: 8760, periodsPerYearSource: 'spacing', hasBenchmark: true, trades: 2 });
    expect(out.metrics.totalReturn).toBeCloseTo(0.02, 12);
    expect(out.metrics.totalTrades).toBe(2);
    expect(out.metrics.winRate).toBe(0.5);
    expect(out.metrics.profitFactor).toBeCloseTo(0.5, 12);
    expect(typeof out.metrics.beta).toBe('number');
    expect(out.periodReturns.daily).toEqual([{ time: t0, return: expect.closeTo(0.02, 12) }]);
  });

  it('accepts a trades CSV and prints a grouped table without --json', async () => {
    const eq = file('eq.json', JSON.stringify([100, 101, 99, 103]));
    const trades = file('trades.csv', 'side,entryTime,entryPrice,exitTime,exitPrice,quantity,fee,pnl\nlong,0,100,3600000,103,1,0.1,2.9\n');
    const r = await runCli(['metrics', '--equity', eq, '--trades', trades]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Risk-adjusted\n\s+Sharpe ratio/);
    expect(r.stdout).toMatch(/Win rate\s+100\.00 %/);
    expect(r.stdout).toMatch(/Grade: [A-F]/);
  });

  it('rejects a bad file with one line naming the file and the line', async () => {
    const bad = file('bad.csv', 'time,ret\n1,0.01\n2,abc\n');
    const r = await runCli(['metrics', '--returns', bad]);
    expect(r.code).not.toBe(0);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toContain(`${bad}:3: "abc" in column "ret" is not a number`);

    const badJson = file('bad.json', '[0.01,\n 0.02,\n "x"]');
    const j = await runCli(['metrics', '--returns', badJson]);
    expect(j.stderr).toContain(`${badJson}:3: expected a number`);

    const badTrade = file('badtrade.json', '[\n{"side":"long","entryTime":0,"exitTime":1,"entryPrice":1,"exitPrice":1,"quantity":1,"fee":0},\n{"side":"flat"}\n]');
    const t = await runCli(['metrics', '--returns', badJson.replace('bad.json', 'weekly.json'), '--trades', badTrade]);
    expect(t.stderr).toContain(`${badTrade}:2: pnl is not a number`);
  });

  it('errors on a benchmark of a different length, and on missing or doubled inputs', async () => {
    const main = file('r.json', '[0.01, 0.02, -0.01]');
    const b = file('b.json', '[0.01, 0.02]');
    const r = await runCli(['metrics', '--returns', main, '--benchmark', b]);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toMatch(/benchmark has 2 returns but the strategy has 3/);
    expect((await runCli(['metrics'])).stderr).toMatch(/exactly one of --returns FILE or --equity FILE/);
    expect((await runCli(['metrics', '--returns', main, '--equity', main])).stderr).toMatch(/exactly one/);
    expect((await runCli(['metrics', '--returns', main, '--periods-per-year', 'x'])).stderr).toMatch(/--periods-per-year: "x" is not a number/);
  });
});
