import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAppCore, type AppCore } from '../../src/main/composition';
import type { ExchangeCatalog } from '../../src/main/ports/exchanges';
import type { SecretStore } from '../../src/main/ports/secrets';
import type { BacktestProgress, DatasetInfo, RunDetail, RunSummary, StrategyInfo } from '../../src/shared/contract/backtest-schemas';
import { tempDataDir } from '../helpers/core';
import { runCli } from '../helpers/cli';

/**
 * Backtest channels through the contract server against the real SQLite file and a real worker
 * thread. The reference result is the CLI's (`marketdesk backtest --json` on the same embedded
 * data): a separate path through file parsing and an in-process run.
 */

const noKeychain: SecretStore = {
  probe: async () => ({ available: false, message: 'not used by backtest tests' }),
  get: async () => {
    throw new Error('backtests must not read secrets');
  },
  set: async () => {
    throw new Error('backtests must not write secrets');
  },
  delete: async () => {
    throw new Error('backtests must not delete secrets');
  },
};
const noCatalog: ExchangeCatalog = { list: async () => [] };
const ctx = { sessionId: 'backtest-test', transport: 'ws' as const };
const EMBEDDED = { exchange: 'binance', symbol: 'BTC/USDT', timeframe: '1h' };

let dataDir: string;
let core: AppCore;
const open = () => createAppCore({ dataDir, mode: 'serve', secrets: noKeychain, catalog: noCatalog, demo: false });

async function value<T>(channel: string, payload: unknown, on: AppCore = core): Promise<T> {
  const r = await on.server.handle(channel, payload, ctx);
  if (!r.ok) throw new Error(`${channel} failed: ${r.error.code} ${r.error.message}`);
  return r.value as T;
}

/** Subscribes to one run's progress and resolves with every event once it reaches a final state. */
function collect(runIdPromise: Promise<{ runId: string }>): Promise<{ runId: string; events: BacktestProgress[] }> {
  return new Promise((resolve, reject) => {
    const events: BacktestProgress[] = [];
    const subId = `s${Math.random()}`;
    let runId: string | null = null;
    const check = () => {
      const last = events.filter((e) => e.runId === runId).at(-1);
      if (runId && last && last.state !== 'running') {
        core.server.unsubscribe(ctx.sessionId, subId);
        resolve({ runId, events: events.filter((e) => e.runId === runId) });
      }
    };
    core.server.subscribe(ctx, subId, 'backtest.progress', {}, {
      event: (_id, e) => {
        events.push(e as BacktestProgress);
        check();
      },
      end: (_id, err) => err && reject(new Error(err.message)),
    });
    runIdPromise.then((r) => {
      runId = r.runId;
      check();
    }, reject);
  });
}

beforeAll(() => {
  dataDir = tempDataDir();
  core = open();
});
afterAll(async () => {
  await core.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe('backtest channels', () => {
  it('lists the embedded dataset on first start, with provenance and its gaps', async () => {
    const list = await value<DatasetInfo[]>('datasets.list', {});
    expect(list[0]).toMatchObject({ ...EMBEDDED, origin: 'embedded', bars: 8747, source: 'binance_spot_BTCUSDT_1h_2021.csv', gaps: { missingBars: 13, gapCount: 6 } });
    expect(list[0]!.provenance).toMatch(/Binance \*\*spot\*\* BTC\/USDT hourly candles for calendar year 2021/);
  });

  it('lists strategies with their parameter schemas', async () => {
    const list = await value<StrategyInfo[]>('strategies.list', {});
    expect(list.map((s) => s.name)).toEqual(expect.arrayContaining(['rsi-reversal', 'ema-cross', 'macd-cross', 'bollinger-reversion']));
    expect(list.find((s) => s.name === 'rsi-reversal')!.params).toEqual(
      expect.arrayContaining([expect.objectContaining({ name: 'rsiPeriod', default: 14, integer: true }), expect.objectContaining({ name: 'oversold', default: 30 })]),
    );
  });

  it('imports a CSV through the contract; a bad one names its line and imports nothing', async () => {
    const T = Date.UTC(2024, 0, 1);
    const rows = (bad: boolean) =>
      ['open_time,open,high,low,close,volume', `${T},10,11,9,10,5`, `${T + 60_000},10,11,9,10.5,5`, bad ? `${T + 120_000},10,11,9,-1,5` : `${T + 120_000},10.5,12,10,11,5`].join('\n');
    const bad = await core.server.handle('datasets.import', { exchange: 'mine', symbol: 'XYZ/USDT', fileName: 'xyz.csv', text: rows(true) }, ctx);
    expect(bad).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    expect(!bad.ok && bad.error.message).toMatch(/^xyz\.csv:4: /);
    expect((await value<DatasetInfo[]>('datasets.list', {})).map((d) => d.exchange)).toEqual(['binance']);

    const good = await value<{ dataset: DatasetInfo; rows: number }>('datasets.import', { exchange: 'mine', symbol: 'XYZ/USDT', fileName: 'xyz.csv', text: rows(false) });
    expect(good).toMatchObject({ rows: 3, dataset: { exchange: 'mine', symbol: 'XYZ/USDT', timeframe: '1m', origin: 'imported', bars: 3 } });
    const candles = await value<{ close: number[] }>('datasets.candles', { exchange: 'mine', symbol: 'XYZ/USDT', timeframe: '1m' });
    expect(candles.close).toEqual([10, 10.5, 11]);
    const exported = await value<{ csv: string }>('datasets.export', { exchange: 'mine', symbol: 'XYZ/USDT', timeframe: '1m', from: T + 60_000 });
    expect(exported.csv.trim().split('\n')).toHaveLength(3);

    const tooBig = await core.server.handle('datasets.import', { exchange: 'mine', symbol: 'XYZ/USDT', fileName: 'big.csv', text: 'x'.repeat(1_000_001) }, ctx);
    expect(tooBig).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    expect(await value('datasets.delete', { exchange: 'mine', symbol: 'XYZ/USDT', timeframe: '1m' })).toEqual({ deleted: true });
  });

  it('runs rsi-reversal in a worker with progress, persists it, and matches the CLI', async () => {
    const { runId, events } = await collect(value('backtest.run', { dataset: EMBEDDED, strategy: 'rsi-reversal', fees: { kind: 'flat', rate: 0.001 }, capital: 10_000 }));
    expect(events.at(-1)).toMatchObject({ state: 'done', done: 8747, total: 8747 });
    expect(events.some((e) => e.state === 'running' && e.done > 0 && e.done < 8747)).toBe(true);

    const run = await value<RunDetail>('backtest.get', { runId });
    const cli = await runCli(['backtest', '--strategy', 'rsi-reversal', '--fee-rate', '0.001', '--capital', '10000', '--json']);
    expect(cli.code).toBe(0);
    const ref = JSON.parse(cli.stdout) as { finalEquity: number; trades: unknown[]; equity: [number, number][]; manifest: { dataset: { hash: string } }; metrics: { metrics: Record<string, number | null> } };
    expect(run.finalEquity).toBe(ref.finalEquity);
    expect(run.trades).toEqual(ref.trades);
    expect(run.equity).toEqual(ref.equity);
    expect(run.datasetHash).toBe(ref.manifest.dataset.hash);
    expect(run.manifest).toMatchObject({ dataset: { source: 'db:binance:BTC/USDT:1h', bars: 8747 }, strategy: { name: 'rsi-reversal', params: { rsiPeriod: 14, oversold: 30, overbought: 70 } } });

    // The table rows carry a definition for the tooltip, and the values equal the CLI's.
    expect(run.metrics.length).toBeGreaterThanOrEqual(30);
    for (const m of run.metrics) {
      expect(m.definition.length, m.key).toBeGreaterThan(10);
      expect(m.value, m.key).toBe(ref.metrics.metrics[m.key]);
    }
    expect(run.metricGroups.map((g) => g.label)).toEqual(['Returns', 'Risk', 'Risk-adjusted', 'Trade statistics', 'Efficiency', 'Advanced']);
    expect(run.summary?.gradeReason).toBeTruthy();

    // Persisted: a restarted core (same SQLite file) lists and returns the same run.
    const again = open();
    try {
      expect((await value<RunSummary[]>('backtest.runs', {}, again)).map((r) => r.id)).toContain(runId);
      expect(await value<RunDetail>('backtest.get', { runId }, again)).toEqual(run);
    } finally {
      await again.close();
    }
  });

  it('cancels a run: the engine stops, nothing is persisted', async () => {
    const before = (await value<RunSummary[]>('backtest.runs', {})).length;
    const started = value<{ runId: string }>('backtest.run', { dataset: EMBEDDED, strategy: 'ema-cross' });
    // Cancel as soon as the id is known: the worker is still starting, so the engine sees the flag at its first check.
    const cancelled = started.then(async (r) => {
      expect(await value('backtest.cancel', r)).toEqual({ cancelled: true });
      return r;
    });
    const { runId, events } = await collect(cancelled);
    expect(events.at(-1)).toMatchObject({ state: 'cancelled' });
    expect(events.at(-1)!.done).toBeLessThan(8747);
    expect((await value<RunSummary[]>('backtest.runs', {})).length).toBe(before);
    expect(await core.server.handle('backtest.get', { runId }, ctx)).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(await value('backtest.cancel', { runId })).toEqual({ cancelled: false });
  });

  it('refuses bad requests before starting a worker, and deletes runs', async () => {
    const unknown = await core.server.handle('backtest.run', { dataset: EMBEDDED, strategy: 'rsi-reversal', params: { rsiPeriode: 3 } }, ctx);
    expect(unknown).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    expect(!unknown.ok && unknown.error.message).toMatch(/unknown parameter "rsiPeriode"/);
    const missing = await core.server.handle('backtest.run', { dataset: { ...EMBEDDED, exchange: 'nowhere' }, strategy: 'rsi-reversal' }, ctx);
    expect(missing).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    const tier = await core.server.handle('backtest.run', { dataset: EMBEDDED, strategy: 'rsi-reversal', fees: { kind: 'schedule', exchange: 'binance', marketType: 'spot', tier: 'VIP 99' } }, ctx);
    expect(tier).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });

    const runs = await value<RunSummary[]>('backtest.runs', {});
    expect(runs.length).toBeGreaterThan(0);
    expect(await value('backtest.delete', { runId: runs[0]!.id })).toEqual({ deleted: true });
    expect((await value<RunSummary[]>('backtest.runs', {})).map((r) => r.id)).not.toContain(runs[0]!.id);
  });
});

// The store file is the real one the app uses.
it('keeps everything in the data folder’s marketdesk.db', () => {
  expect(fs.existsSync(path.join(dataDir, 'marketdesk.db'))).toBe(true);
});

describe('marketdesk backtest --data db:…', () => {
  it('runs on the candle store and gives the same result as the embedded file', async () => {
    const env = { MARKETDESK_DATA_DIR: dataDir };
    const fromDb = await runCli(['backtest', '--data', 'db:binance:BTC/USDT:1h', '--json'], { env });
    expect(fromDb.stderr).toBe('');
    const fromFile = await runCli(['backtest', '--json']);
    const a = JSON.parse(fromDb.stdout) as { finalEquity: number; manifest: { dataset: { source: string; hash: string } } };
    const b = JSON.parse(fromFile.stdout) as typeof a;
    expect(a.manifest.dataset.source).toBe('db:binance:BTC/USDT:1h');
    expect(a.manifest.dataset.hash).toBe(b.manifest.dataset.hash);
    expect(a.finalEquity).toBe(b.finalEquity);
    const missing = await runCli(['backtest', '--data', 'db:kraken:ETH/USD:1h'], { env });
    expect(missing.code).not.toBe(0);
    expect(missing.stderr).toMatch(/no dataset db:kraken:ETH\/USD:1h in the candle store/);
  });
});
