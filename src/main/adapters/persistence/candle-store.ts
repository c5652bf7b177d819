import { candlesToSeries, isTimeframe, timeframeToMs, type Candle, type CandleSeries } from '../../../shared/domain/market';
import { CandleImportError, parseCandles, timeframeOfMs } from '../../core/candles';
import { CandleImportRejected, type CandleAppendMeta, type CandleImportOutcome, type CandleImportRequest, type CandleStore, type DatasetOrigin, type SeriesKey, type StoredDataset } from '../../ports/backtest';
import type { Db } from './database';

interface DatasetRow {
  exchange: string;
  symbol: string;
  timeframe: string;
  origin: string;
  source: string;
  provenance: string;
  updated_at: number;
  bars: number;
  first_time: number | null;
  last_time: number | null;
}


const DATASET_SELECT = `
  SELECT d.exchange, d.symbol, d.timeframe, d.origin, d.source, d.provenance, d.updated_at,
         (SELECT COUNT(*) FROM candles c WHERE c.exchange = d.exchange AND c.symbol = d.symbol AND c.timeframe = d.timeframe) AS bars,
         (SELECT MIN(open_time) FROM candles c WHERE c.exchange = d.exchange AND c.symbol = d.symbol AND c.timeframe = d.timeframe) AS first_time,
         (SELECT MAX(open_time) FROM candles c WHERE c.exchange = d.exchange AND c.symbol = d.symbol AND c.timeframe = d.timeframe) AS last_time
  FROM candle_datasets d`;

function toDataset(r: DatasetRow): StoredDataset {
  if (!isTimeframe(r.timeframe)) throw new Error(`stored dataset ${r.exchange}:${r.symbol} has an unknown timeframe "${r.timeframe}"`);
  return {
    exchange: r.exchange,
    symbol: r.symbol,
    timeframe: r.timeframe,
    origin: r.origin as DatasetOrigin,
    source: r.source,
    provenance: r.provenance,
    bars: r.bars,
    firstTime: r.first_time,
    lastTime: r.last_time,
    updatedAt: r.updated_at,
  };
}

/** Candles in SQLite, one row per (exchange, symbol, timeframe, open time). */
export class SqliteCandleStore implements CandleStore {
  constructor(private readonly db: Db) {}

  list(): StoredDataset[] {
    const rows = this.db.prepare(`${DATASET_SELECT} ORDER BY CASE d.origin WHEN 'embedded' THEN 0 ELSE 1 END, d.exchange, d.symbol, d.timeframe`).all() as DatasetRow[];
    return rows.map(toDataset);
  }

  get(key: SeriesKey): StoredDataset | null {
    const row = this.db.prepare(`${DATASET_SELECT} WHERE d.exchange = ? AND d.symbol = ? AND d.timeframe = ?`).get(key.exchange, key.symbol, key.timeframe) as DatasetRow | undefined;
    return row ? toDataset(row) : null;
  }

  importText(text: string, req: CandleImportRequest): CandleImportOutcome {
    // Validation first and whole: the parser throws CandleImportError (source:line: field: reason)
    // before a single row is written.
    const intervalMs = req.timeframe ? timeframeToMs(req.timeframe) : undefined;
    let parsed;
    try {
      parsed = parseCandles(text, { source: req.source, format: req.format, intervalMs });
    } catch (err) {
      if (err instanceof CandleImportError) throw new CandleImportRejected(err.message);
      throw err;
    }
    const { series, report } = parsed;
    const n = series.time.length;
    if (n === 0) throw new CandleImportRejected(`${req.source}: the file has no candles`);
    const timeframe = req.timeframe ?? timeframeOfMs(report.intervalMs);
    if (!timeframe) {
      throw new CandleImportRejected(`${req.source}: the bars are ${report.intervalMs} ms apart, which is not a timeframe Marketdesk knows; give the timeframe explicitly`);
    }
    if (report.irregular > 0) {
      throw new CandleImportRejected(`${req.source}: ${report.irregular} bar spacing(s) are not a whole multiple of ${timeframe}; is this a ${timeframe} file?`);
    }
    const upsertDataset = this.db.prepare(
      `INSERT INTO candle_datasets (exchange, symbol, timeframe, origin, source, provenance, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (exchange, symbol, timeframe) DO UPDATE SET origin = excluded.origin, source = excluded.source, provenance = excluded.provenance, updated_at = excluded.updated_at`,
    );
    const insertBar = this.db.prepare(
      `INSERT INTO candles (exchange, symbol, timeframe, open_time, open, high, low, close, volume) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (exchange, symbol, timeframe, open_time) DO UPDATE SET open = excluded.open, high = excluded.high, low = excluded.low, close = excluded.close, volume = excluded.volume`,
    );
    const { time, open, high, low, close, volume } = series;
    this.db.transaction(() => {
      upsertDataset.run(req.exchange, req.symbol, timeframe, req.origin, req.source, req.provenance, req.now);
      for (let i = 0; i < n; i++) insertBar.run(req.exchange, req.symbol, timeframe, time[i]!, open[i]!, high[i]!, low[i]!, close[i]!, volume[i]!);
    })();
    return { dataset: this.get({ exchange: req.exchange, symbol: req.symbol, timeframe })!, rows: n, format: report.format, header: report.header };
  }

  appendBars(key: SeriesKey, bars: CandleSeries, meta: CandleAppendMeta): StoredDataset {
    const n = bars.time.length;
    const name = `${key.exchange}:${key.symbol}:${key.timeframe}`;
    if (n === 0) throw new CandleImportRejected(`${name}: nothing to append`);
    const tfMs = timeframeToMs(key.timeframe);
    const t = bars.time;
    for (let i = 1; i < n; i++) {
      const d = t[i]! - t[i - 1]!;
      if (!(d > 0) || d % tfMs !== 0) throw new CandleImportRejected(`${name}: bar ${i + 1} opens ${d} ms after the previous one, not a whole multiple of ${key.timeframe}`);
    }
    return this.db.transaction(() => {
      // Read inside the transaction, so the span checked is the span written against.
      const span = this.db
        .prepare('SELECT MIN(open_time) AS first, MAX(open_time) AS last FROM candles WHERE exchange = ? AND symbol = ? AND timeframe = ?')
        .get(key.exchange, key.symbol, key.timeframe) as { first: number | null; last: number | null };
      if (span.first !== null && span.last !== null) {
        const after = t[0]! > span.last;
        const before = t[n - 1]! < span.first;
        if (!after && !before) throw new CandleImportRejected(`${name}: bars ${t[0]}..${t[n - 1]} overlap the stored ${span.first}..${span.last}; stored bars are never replaced by an append`);
        const d = after ? t[0]! - span.last : span.first - t[n - 1]!;
        if (d % tfMs !== 0) throw new CandleImportRejected(`${name}: the new bars are ${d} ms from the stored ones, not a whole multiple of ${key.timeframe}`);
      }
      this.db
        .prepare(
          `INSERT INTO candle_datasets (exchange, symbol, timeframe, origin, source, provenance, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)
           ON CONFLICT (exchange, symbol, timeframe) DO UPDATE SET source = excluded.source, provenance = excluded.provenance, updated_at = excluded.updated_at`,
        )
        .run(key.exchange, key.symbol, key.timeframe, meta.origin, meta.source, meta.provenance, meta.now);
      const insert = this.db.prepare('INSERT INTO candles (exchange, symbol, timeframe, open_time, open, high, low, close, volume) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)');
      for (let i = 0; i < n; i++) insert.run(key.exchange, key.symbol, key.timeframe, t[i]!, bars.open[i]!, bars.high[i]!, bars.low[i]!, bars.close[i]!, bars.volume[i]!);
      return this.get(key)!;
    })();
  }

  load(key: SeriesKey, from?: number | null, to?: number | null): CandleSeries {
    const rows = this.db
      .prepare(
        `SELECT open_time AS time, open, high, low, close, volume FROM candles
         WHERE exchange = ? AND symbol = ? AND timeframe = ? AND open_time >= ? AND open_time < ? ORDER BY open_time`,
      )
      .all(key.exchange, key.symbol, key.timeframe, from ?? Number.MIN_SAFE_INTEGER, to ?? Number.MAX_SAFE_INTEGER) as Candle[];
    return candlesToSeries(rows);
  }

  delete(key: SeriesKey): boolean {
    // The candles go with their dataset row (ON DELETE CASCADE).
    return this.db.prepare('DELETE FROM candle_datasets WHERE exchange = ? AND symbol = ? AND timeframe = ?').run(key.exchange, key.symbol, key.timeframe).changes > 0;
  }
}
