import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '../../shared/contract';
import type { CandleColumns, DatasetInfo, DatasetRef } from '../../shared/contract/backtest-schemas';
import { timeframeToMs, type CandleSeries, type Timeframe } from '../../shared/domain/market';
import { findGaps, seriesToCsv } from '../core/candles';
import { CandleImportRejected, type CandleStore, type SeriesKey, type StoredDataset } from '../ports/backtest';
import type { Logger } from '../ports/logger';

/** The shipped default dataset: a file in resources/ and the series it is stored as. */
export interface EmbeddedDataset extends SeriesKey {
  file: string;
  /** Read from the dataset's README, shown in the panel. */
  provenance: string;
}

const MAX_LISTED_GAPS = 50;

export function seriesName(key: SeriesKey): string {
  return `db:${key.exchange}:${key.symbol}:${key.timeframe}`;
}

/** `db:EXCHANGE:SYMBOL:TF` → key (the symbol itself may not contain a colon here). */
export function parseSeriesName(name: string): SeriesKey | null {
  const m = /^db:([^:]+):([^:]+):([^:]+)$/.exec(name);
  if (!m) return null;
  return { exchange: m[1]!, symbol: m[2]!, timeframe: m[3]! as Timeframe };
}

/**
 * Datasets in the candle store. The embedded default is imported on first start (one
 * transaction), so a new user can backtest at once and every dataset is served the same way.
 */
export class DatasetService {
  constructor(
    private readonly store: CandleStore,
    private readonly embedded: EmbeddedDataset | null,
    private readonly log: Logger,
    private readonly now: () => number = Date.now,
  ) {
    this.ensureEmbedded();
  }

  /** Imports the shipped dataset when the store does not have it yet. */
  ensureEmbedded(): void {
    const e = this.embedded;
    if (!e || this.store.get(e)) return;
    try {
      const text = fs.readFileSync(e.file, 'utf8');
      const r = this.store.importText(text, { ...e, source: path.basename(e.file), origin: 'embedded', provenance: e.provenance, now: this.now() });
      this.log.info('embedded dataset imported', { series: seriesName(e), bars: r.rows });
    } catch (err) {
      this.log.error('embedded dataset could not be imported', { file: e.file, error: err instanceof Error ? err.message : String(err) });
    }
  }

  list(): DatasetInfo[] {
    return this.store.list().map((d) => this.info(d));
  }

  importText(input: { exchange: string; symbol: string; timeframe?: Timeframe; fileName: string; format?: 'csv' | 'json'; text: string }) {
    const e = this.embedded;
    if (e && e.exchange === input.exchange && e.symbol === input.symbol && (input.timeframe === undefined || input.timeframe === e.timeframe)) {
      const existing = this.store.get(e);
      if (existing?.origin === 'embedded') {
        throw new AppError('CONFLICT', `${seriesName(e)} is the embedded dataset and cannot be overwritten; import under another exchange name (e.g. "${e.exchange}-import")`);
      }
    }
    try {
      const r = this.store.importText(input.text, {
        exchange: input.exchange,
        symbol: input.symbol,
        timeframe: input.timeframe,
        source: input.fileName,
        format: input.format,
        origin: 'imported',
        provenance: `Imported by the user from ${input.fileName}`,
        now: this.now(),
      });
      this.log.info('candles imported', { series: seriesName(r.dataset), rows: r.rows });
      return { dataset: this.info(r.dataset), rows: r.rows, format: r.format, header: r.header };
    } catch (err) {
      if (err instanceof CandleImportRejected) throw new AppError('VALIDATION', err.message);
      throw err;
    }
  }

  /** The dataset's bars in [from, to); NOT_FOUND for an unknown series. */
  load(ref: DatasetRef, from?: number | null, to?: number | null): CandleSeries {
    this.require(ref);
    return this.store.load(ref, from, to);
  }

  exportCsv(ref: DatasetRef, from?: number | null, to?: number | null) {
    const s = this.load(ref, from, to);
    const fileName = `${ref.exchange}_${ref.symbol.replace(/[/:]/g, '')}_${ref.timeframe}.csv`;
    return { fileName, csv: seriesToCsv(s), bars: s.time.length };
  }

  candles(ref: DatasetRef, from?: number | null, to?: number | null): CandleColumns {
    const s = this.load(ref, from, to);
    return { time: Array.from(s.time), open: Array.from(s.open), high: Array.from(s.high), low: Array.from(s.low), close: Array.from(s.close), volume: Array.from(s.volume) };
  }

  delete(ref: DatasetRef): { deleted: boolean } {
    const d = this.store.get(ref);
    if (d?.origin === 'embedded') throw new AppError('CONFLICT', `${seriesName(ref)} is the embedded dataset and cannot be deleted`);
    return { deleted: this.store.delete(ref) };
  }

  require(ref: SeriesKey): StoredDataset {
    const d = this.store.get(ref);
    if (!d) throw new AppError('NOT_FOUND', `no dataset ${seriesName(ref)} in the candle store`);
    return d;
  }

  private info(d: StoredDataset): DatasetInfo {
    // Gaps are reported, never filled: the report comes from the stored bars each time.
    const time = this.store.load(d).time;
    const g = findGaps(time, timeframeToMs(d.timeframe));
    return {
      ...d,
      gaps: { intervalMs: g.intervalMs, missingBars: g.missingBars, irregular: g.irregular, gaps: g.gaps.slice(0, MAX_LISTED_GAPS), gapCount: g.gaps.length },
    };
  }
}
