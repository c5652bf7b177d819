import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../src/main/adapters/persistence/database';
import { SqliteCandleStore } from '../../src/main/adapters/persistence/candle-store';
import { SqliteBacktestRuns } from '../../src/main/adapters/persistence/backtest-runs';
import { datasetHash, parseCandles } from '../../src/main/core/candles';
import { CandleImportRejected, type StoredRun } from '../../src/main/ports/backtest';
import { silentLogger } from '../../src/main/ports/logger';
import { DatasetService } from '../../src/main/services/dataset-service';
import { tempDataDir } from '../helpers/core';
import { RESOURCES } from '../helpers/paths';

/**
 * The candle store against the real SQLite file. Expected figures come from resources/data/README.md
 * (8,747 bars, 13 missing in 6 gaps, the recorded dataset hash), not from the code under test.
 */

const EMBEDDED = path.join(RESOURCES, 'data', 'binance_spot_BTCUSDT_1h_2021.csv');
const README_HASH = 'sha256:bf23494896b5c0f3d646613d3163357bb7a965dce605a43cd03d7ba0d0bd5f75';
const HOUR = 3_600_000;
const T0 = Date.UTC(2024, 0, 1);

const dirs: string[] = [];
const dbs: Db[] = [];
function freshDb(): Db {
  const d = tempDataDir();
  dirs.push(d);
  const db = openDatabase(path.join(d, 'marketdesk.db'));
  dbs.push(db);
  return db;
}
afterEach(() => {
  for (const db of dbs.splice(0)) db.close();
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

const req = (over: Record<string, unknown> = {}) => ({ exchange: 'test', symbol: 'ABC/USDT', source: 'bars.csv', origin: 'imported' as const, provenance: 'unit test', now: 1, ...over });

/** rows: [open, high, low, close, volume] one hour apart from T0. */
function csv(rows: number[][]): string {
  return ['time,open,high,low,close,volume', ...rows.map((r, i) => [T0 + i * HOUR, ...r].join(','))].join('\n') + '\n';
}

function barCount(db: Db): number {
  return (db.prepare('SELECT COUNT(*) AS n FROM candles').get() as { n: number }).n;
}

describe('SqliteCandleStore', () => {
  it('imports the embedded dataset whole: 8,747 bars, the README hash, provenance kept', () => {
    const store = new SqliteCandleStore(freshDb());
    const r = store.importText(fs.readFileSync(EMBEDDED, 'utf8'), { ...req({ exchange: 'binance', symbol: 'BTC/USDT', source: 'embedded.csv' }), timeframe: '1h' });
    expect(r.rows).toBe(8747);
    expect(r.dataset).toMatchObject({ bars: 8747, timeframe: '1h', firstTime: Date.UTC(2021, 0, 1), lastTime: Date.UTC(2021, 11, 31, 23), provenance: 'unit test' });
    const loaded = store.load({ exchange: 'binance', symbol: 'BTC/USDT', timeframe: '1h' });
    expect(datasetHash(loaded)).toBe(README_HASH);
    expect(loaded.open[0]).toBe(28923.63);
    expect(loaded.volume[0]).toBe(2311.811445);
  });

  it('reports the six real outages as gaps (13 bars) and does not fill them', () => {
    const db = freshDb();
    const svc = new DatasetService(new SqliteCandleStore(db), { file: EMBEDDED, exchange: 'binance', symbol: 'BTC/USDT', timeframe: '1h', provenance: 'shipped' }, silentLogger);
    const [d] = svc.list();
    expect(d).toMatchObject({ origin: 'embedded', bars: 8747, provenance: 'shipped', gaps: { missingBars: 13, gapCount: 6, intervalMs: HOUR } });
    expect(d!.gaps.gaps[0]).toEqual({ after: Date.UTC(2021, 1, 11, 3), before: Date.UTC(2021, 1, 11, 5), missingBars: 1 });
    expect(barCount(db)).toBe(8747); // 8,760 hours in 2021 minus the 13 missing: nothing invented
  });

  it('a bad row fails the import with its line number and nothing is written', () => {
    const db = freshDb();
    const store = new SqliteCandleStore(db);
    store.importText(csv([[10, 11, 9, 10, 1], [10, 12, 9, 11, 1]]), req());
    // Line 1 is the header, so the 4th bar (high 9 < open 10) is on line 5.
    const bad = csv([[20, 21, 19, 20, 1], [20, 22, 19, 21, 1], [21, 23, 20, 22, 1], [10, 9, 8, 9, 1], [9, 10, 8, 9, 1]]);
    let error: unknown;
    try {
      store.importText(bad, { ...req(), source: 'bad.csv' });
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(CandleImportRejected);
    expect((error as Error).message).toMatch(/^bad\.csv:5: high/);
    // The earlier bars are untouched: none of the bad file's first three rows replaced them.
    const kept = store.load({ exchange: 'test', symbol: 'ABC/USDT', timeframe: '1h' });
    expect(Array.from(kept.open)).toEqual([10, 10]);
    expect(barCount(db)).toBe(2);
  });

  it('a write that fails half-way rolls the whole import back (one transaction)', () => {
    const db = freshDb();
    const store = new SqliteCandleStore(db);
    // Make SQLite itself refuse the 3rd bar, after the dataset row and two bars were written.
    db.exec(`CREATE TRIGGER refuse_third BEFORE INSERT ON candles WHEN NEW.open_time = ${T0 + 2 * HOUR} BEGIN SELECT RAISE(ABORT, 'disk says no'); END`);
    expect(() => store.importText(csv([[1, 2, 1, 1, 0], [1, 2, 1, 1, 0], [1, 2, 1, 1, 0], [1, 2, 1, 1, 0]]), req())).toThrow(/disk says no/);
    expect(barCount(db)).toBe(0);
    expect(store.list()).toEqual([]);
  });

  it('refuses spacing that does not fit the timeframe asked for, and unknown spacing without one', () => {
    const store = new SqliteCandleStore(freshDb());
    expect(() => store.importText(csv([[1, 2, 1, 1, 0], [1, 2, 1, 1, 0], [1, 2, 1, 1, 0]]), { ...req(), timeframe: '4h' })).toThrow(/not a whole multiple of 4h/);
    const odd = ['time,open,high,low,close,volume', `${T0},1,2,1,1,0`, `${T0 + 7000},1,2,1,1,0`, `${T0 + 14000},1,2,1,1,0`].join('\n');
    expect(() => store.importText(odd, req())).toThrow(/7000 ms apart/);
  });

  it('exports CSV that imports back to the same values (round trip through SQLite)', () => {
    const db = freshDb();
    const svc = new DatasetService(new SqliteCandleStore(db), { file: EMBEDDED, exchange: 'binance', symbol: 'BTC/USDT', timeframe: '1h', provenance: 'shipped' }, silentLogger);
    const ref = { exchange: 'binance', symbol: 'BTC/USDT', timeframe: '1h' as const };
    const out = svc.exportCsv(ref);
    expect(out.fileName).toBe('binance_BTCUSDT_1h.csv');
    expect(out.bars).toBe(8747);
    expect(out.csv.split('\n')[0]).toBe('open_time,datetime_utc,open,high,low,close,volume');
    expect(datasetHash(parseCandles(out.csv).series)).toBe(README_HASH);
    // Re-import under another name: the stored values hash the same again.
    const back = svc.importText({ exchange: 'roundtrip', symbol: 'BTC/USDT', fileName: out.fileName, text: out.csv });
    expect(back.dataset).toMatchObject({ origin: 'imported', bars: 8747, timeframe: '1h' });
    expect(datasetHash(svc.load({ ...ref, exchange: 'roundtrip' }))).toBe(README_HASH);
    // A range export: [from, to) of the first day = 24 bars.
    expect(svc.exportCsv(ref, Date.UTC(2021, 0, 1), Date.UTC(2021, 0, 2)).bars).toBe(24);
  });

  it('keeps the embedded dataset safe from overwrite and delete', () => {
    const svc = new DatasetService(new SqliteCandleStore(freshDb()), { file: EMBEDDED, exchange: 'binance', symbol: 'BTC/USDT', timeframe: '1h', provenance: 'shipped' }, silentLogger);
    expect(() => svc.importText({ exchange: 'binance', symbol: 'BTC/USDT', fileName: 'x.csv', text: csv([[1, 2, 1, 1, 0], [1, 2, 1, 1, 0]]) })).toThrow(/embedded dataset/);
    expect(() => svc.delete({ exchange: 'binance', symbol: 'BTC/USDT', timeframe: '1h' })).toThrow(/cannot be deleted/);
  });
});

describe('SqliteBacktestRuns', () => {
  it('stores a run and reads it back whole; lists newest first; deletes', () => {
    const runs = new SqliteBacktestRuns(freshDb());
    const run = (id: string, createdAt: number): StoredRun => ({
      id,
      createdAt,
      dataset: 'db:binance:BTC/USDT:1h',
      datasetHash: 'sha256:00',
      strategy: 'rsi-reversal',
      params: { rsiPeriod: 14, oversold: 30, overbought: 70 },
      manifest: { manifestVersion: 1, capital: 10_000 },
      bars: 3,
      initialCapital: 10_000,
      finalEquity: 10_500.25,
      totalFees: 20.5,
      buyAndHoldReturn: 0.1,
      grade: 'C',
      trades: [{ side: 'long', entryTime: 1, entryPrice: 100, exitTime: 2, exitPrice: 105, quantity: 99.9, fee: 20.5, pnl: 500.25 }],
      equity: [[0, 10_000], [1, 10_000], [2, 10_500.25]],
      metrics: { metrics: { totalReturn: 0.050025 } },
      metricsError: null,
      summary: { grade: 'C' },
    });
    runs.insert(run('a', 100));
    runs.insert(run('b', 200));
    expect(runs.list().map((r) => r.id)).toEqual(['b', 'a']);
    expect(runs.list()[0]).toMatchObject({ tradeCount: 1, finalEquity: 10_500.25, grade: 'C', params: { rsiPeriod: 14 } });
    expect(runs.get('a')).toEqual(run('a', 100));
    expect(runs.get('zzz')).toBeNull();
    expect(runs.delete('a')).toBe(true);
    expect(runs.delete('a')).toBe(false);
    expect(runs.list().map((r) => r.id)).toEqual(['b']);
  });
});
