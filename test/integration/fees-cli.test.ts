import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'fees-cli-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

function json(stdout: string): Record<string, unknown> {
  return JSON.parse(stdout) as Record<string, unknown>;
}

const scheduleShape = {
  id: expect.any(String),
  exchange: expect.any(String),
  market: expect.stringMatching(/^(spot|futures)$/),
  source: expect.any(String),
  sourceKind: expect.any(String),
  verified: expect.any(Boolean),
  selection: expect.any(String),
};

describe('marketdesk fees', () => {
  it('calc --json: exactly one JSON document with the fee and its schedule', async () => {
    const r = await runCli(['fees', 'calc', '--exchange', 'binance', '--tier', 'VIP1', '--type', 'limit', '--amount', '0.5', '--price', '30000', '--bnb', '--json']);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    const out = json(r.stdout);
    expect(out).toMatchObject({ feeAmount: '10.125', feeCurrency: 'USDT', feeRate: '0.000675', isMaker: true, payInToken: 'BNB', schedule: { ...scheduleShape, id: 'binance_spot_2022-06-01', effectiveDate: '2022-06-01T08:00:00Z', verified: true } });
  });

  it('calc --at picks the older schedule and text output names it', async () => {
    const r = await runCli(['fees', 'calc', '--exchange', 'binance', '--tier', 'VIP 4', '--amount', '1', '--price', '10000', '--at', '2022-01-15']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/taker fee: 9 USDT \(rate 0\.09%, tier VIP 4\)/);
    expect(r.stdout).toMatch(/schedule: binance_spot_2021-12-21 \(shipped, effective 2021-12-21T06:00:00Z, verified\)/);
    expect(r.stdout).toMatch(/source: official — https:\/\/www\.binance\.com/);
  });

  it('tiers --volume --json: the ladder plus the lookup', async () => {
    const r = await runCli(['fees', 'tiers', '--exchange', 'binance', '--volume', '6000000', '--balance', '150', '--json']);
    expect(r.code).toBe(0);
    const out = json(r.stdout) as { tiers: { name: string }[]; lookup: { tier: string; certain: boolean }; schedule: unknown };
    expect(out.tiers.map((t) => t.name)).toEqual(['Regular', ...Array.from({ length: 9 }, (_, i) => `VIP ${i + 1}`)]);
    expect(out.lookup).toMatchObject({ tier: 'VIP 2', certain: true });
    expect(out.schedule).toMatchObject(scheduleShape);
  });

  it('compare --json: rows cheapest first, each with its schedule; unpriced exchanges listed', async () => {
    const r = await runCli(['fees', 'compare', '--market', 'futures', '--symbol', 'BTC/USDT:USDT', '--amount', '1', '--price', '40000', '--json']);
    expect(r.code).toBe(0);
    const out = json(r.stdout) as { rows: { exchange: string; takerFee: string; schedule: unknown }[]; unavailable: { exchange: string }[] };
    const fees = out.rows.map((x) => Number(x.takerFee));
    expect([...fees].sort((a, b) => a - b)).toEqual(fees);
    for (const row of out.rows) expect(row.schedule).toMatchObject(scheduleShape);
    expect(out.unavailable.map((u) => u.exchange)).toEqual(['okx']);
  });

  it('round-trip, funding, optimize and break-even --json', async () => {
    const rt = json((await runCli(['fees', 'round-trip', '--exchange', 'okx', '--tier', 'VIP 1', '--amount', '2', '--entry', '100', '--exit', '105', '--json'])).stdout);
    // OKX (version B) VIP 1 taker 0.05 %: 0.1 + 0.105.
    expect(rt).toMatchObject({ totalFee: '0.205', grossPnl: '10', netPnl: '9.795', schedule: { id: 'okx_spot_versionB', verified: false } });
    const f = json((await runCli(['fees', 'funding', '--direction', 'long', '--amount', '1', '--price', '20000', '--rates', '0.0001,-0.0003', '--json'])).stdout);
    expect(f).toMatchObject({ totalCost: '-4', periods: 2 });
    const o = json((await runCli(['fees', 'optimize', '--exchange', 'bybit', '--tier', 'VIP 1', '--amount', '1', '--price', '1000', '--json'])).stdout);
    expect(o).toMatchObject({ strategy: 'all-maker', estimatedFee: '0.675', allTakerFee: '0.8', assumption: expect.any(String) });
    const b = json((await runCli(['fees', 'break-even', '--exchange', 'binance', '--market', 'futures', '--tier', 'VIP 9', '--exit-type', 'limit', '--entry', '30000', '--json'])).stdout);
    expect(b).toMatchObject({ long: { price: '30005.1', isExact: true }, schedule: { id: 'binance_usdm_futures_thirdparty', verified: false } });
  });

  it('imports a user schedule with --schedule and reports a bad one by field path', async () => {
    const good = path.join(tmp, 'mine.json');
    fs.writeFileSync(good, JSON.stringify({ format: 'marketdesk.fee-schedules/1', schedules: [{ id: 'mine', exchange: 'okx', market: 'futures', effectiveFrom: '2025-01-01', verified: false, source: { kind: 'my account page' }, tiers: [{ name: 'Regular', maker: '0.0002', taker: '0.0005' }] }] }));
    const r = await runCli(['fees', 'calc', '--exchange', 'okx', '--market', 'futures', '--amount', '1', '--price', '1000', '--schedule', good, '--json']);
    expect(r.code).toBe(0);
    expect(json(r.stdout)).toMatchObject({ feeAmount: '0.5', schedule: { id: 'mine', origin: 'imported', effectiveDate: '2025-01-01' } });

    const bad = path.join(tmp, 'bad.json');
    fs.writeFileSync(bad, JSON.stringify({ schedules: [{ id: 'b', exchange: 'okx', market: 'spot', verified: false, source: { kind: 'x' }, tiers: [{ name: 'R', maker: 0.001, taker: '0.001' }] }] }));
    const e = await runCli(['fees', 'calc', '--exchange', 'okx', '--amount', '1', '--price', '1', '--schedule', bad]);
    expect(e.code).not.toBe(0);
    expect(e.stdout).toBe('');
    expect(e.stderr.trim().split('\n')).toHaveLength(1);
    expect(e.stderr).toContain('schedules[0].tiers[0].maker: expected a decimal string');
  });

  it.each([
    [['fees', 'calc', '--exchange', 'kraken', '--amount', '1', '--price', '1'], /unknown exchange "kraken"; valid: binance, bingx, bitget, bybit, okx/],
    [['fees', 'calc', '--exchange', 'binance', '--tier', 'VIP 42', '--amount', '1', '--price', '1'], /unknown tier "VIP 42".*valid: Regular, VIP 1/],
    [['fees', 'calc', '--exchange', 'binance', '--market', 'margin', '--amount', '1', '--price', '1'], /--market: "margin" is not valid; valid: spot, futures/],
    [['fees', 'calc', '--exchange', 'binance', '--amount', '1'], /--price is required/],
    [['fees', 'calc', '--exchange', 'binance', '--amount', 'x', '--price', '1', '--json'], /amount: "x" is not a decimal number/],
    [['fees', 'tiers', '--exchange', 'okx', '--market', 'futures'], /no futures fee schedule for okx/],
    [['fees', 'funding', '--amount', '1', '--price', '1', '--rate', '0.001', '--periods', '1.5'], /--periods: "1.5" is not a whole number/],
    [['fees', 'calc', '--exchange', 'binance', '--amount', '1', '--price', '1', '--at', '2010-01-01'], /no binance spot fee schedule in force at 2010-01-01/],
  ])('bad input %j → one line on stderr, non-zero exit', async (args, message) => {
    const r = await runCli(args);
    expect(r.code).not.toBe(0);
    expect(r.stdout).toBe('');
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(message);
  });
});
