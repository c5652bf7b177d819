import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli';

describe('marketdesk indicator', () => {
  it('rsi as JSON: one row per bar, warm-up as null, values in range', async () => {
    const res = await runCli(['indicator', 'rsi', '--period', '14', '--json']);
    expect(res.code, res.stderr).toBe(0);
    const r = JSON.parse(res.stdout);
    expect(r).toMatchObject({ indicator: 'rsi', params: { period: 14 }, bars: 8747, outputs: ['rsi'] });
    expect(r.values[13].rsi).toBeNull();
    expect(r.values[14].rsi).toBeGreaterThan(0);
    expect(r.values.every((v: { rsi: number | null }) => v.rsi === null || (v.rsi >= 0 && v.rsi <= 100))).toBe(true);
  });

  it('multi-output indicators and a readable table', async () => {
    const res = await runCli(['indicator', 'bollinger', '--period', '20', '--k', '2.5', '--tail', '3']);
    expect(res.code, res.stderr).toBe(0);
    const lines = res.stdout.trim().split('\n');
    expect(lines[1]).toMatch(/middle\s+upper\s+lower/);
    expect(lines).toHaveLength(5);
  });

  it('rejects unknown indicators and parameters that do not belong', async () => {
    const a = await runCli(['indicator', 'foo']);
    expect(a.code).not.toBe(0);
    expect(a.stderr).toMatch(/unknown indicator "foo"/);
    const b = await runCli(['indicator', 'rsi', '--fast', '3']);
    expect(b.stderr).toMatch(/--fast is not a parameter of rsi/);
    const c = await runCli(['indicator', 'rsi', '--period', '0']);
    expect(c.stderr).toMatch(/period.*outside/);
  });
});
