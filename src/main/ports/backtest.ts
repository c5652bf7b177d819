import type { CandleSeries, Timeframe } from '../../shared/domain/market';
import type { ClosedTrade } from '../../shared/domain/trading';

/** A series in the candle store: one exchange, one unified symbol, one timeframe. */
export interface SeriesKey {
  exchange: string;
  symbol: string;
  timeframe: Timeframe;
}

export type DatasetOrigin = 'embedded' | 'imported' | 'downloaded';

export interface StoredDataset extends SeriesKey {
  origin: DatasetOrigin;
  source: string;
  provenance: string;
  bars: number;
  firstTime: number | null;
  lastTime: number | null;
  updatedAt: number;
}

export interface CandleImportRequest {
  exchange: string;
  symbol: string;
  /** Omitted: taken from the bar spacing, which must then be a known timeframe. */
  timeframe?: Timeframe;
  /** File name, used in error messages (`name:line: field: reason`) and recorded as the source. */
  source: string;
  format?: 'csv' | 'json';
  origin: DatasetOrigin;
  provenance: string;
  now: number;
}

export interface CandleAppendMeta {
  origin: DatasetOrigin;
  source: string;
  provenance: string;
  now: number;
}

export interface CandleImportOutcome {
  dataset: StoredDataset;
  rows: number;
  format: 'csv' | 'json';
  header: boolean;
}

export interface CandleStore {
  list(): StoredDataset[];
  get(key: SeriesKey): StoredDataset | null;
  /**
   * Parses and validates the whole file, then writes every bar in one transaction: a bad row throws
   * (naming its line) before anything is written, and a failed write rolls back, so either all
   * bars are stored or none. Bars already stored at the same open time are replaced.
   */
  importText(text: string, req: CandleImportRequest): CandleImportOutcome;
  /**
   * Adds validated bars (one downloaded page) to a series in one transaction, creating the dataset
   * when new. Append-only: every bar must lie wholly before the stored first bar or after the last,
   * on the timeframe's spacing from its stored neighbour; anything else is refused
   * (CandleImportRejected) with nothing written.
   */
  appendBars(key: SeriesKey, bars: CandleSeries, meta: CandleAppendMeta): StoredDataset;
  /** Bars with from ≤ open time < to, in time order. */
  load(key: SeriesKey, from?: number | null, to?: number | null): CandleSeries;
  delete(key: SeriesKey): boolean;
}

/** A finished run as persisted. JSON-safe throughout (it came back from a worker as plain data). */
export interface StoredRun {
  id: string;
  createdAt: number;
  dataset: string;
  datasetHash: string;
  strategy: string;
  params: Record<string, number>;
  manifest: Record<string, unknown>;
  bars: number;
  initialCapital: number;
  finalEquity: number;
  totalFees: number;
  buyAndHoldReturn: number;
  grade: string | null;
  trades: ClosedTrade[];
  equity: [number, number][];
  /** The metrics report as the core produced it, null when metrics could not be computed. */
  metrics: unknown;
  metricsError: string | null;
  /** The graded summary without its embedded report, null without metrics. */
  summary: unknown;
}

export type StoredRunSummary = Omit<StoredRun, 'manifest' | 'trades' | 'equity' | 'metrics' | 'metricsError' | 'summary' | 'totalFees' | 'buyAndHoldReturn'> & { tradeCount: number };

export interface BacktestRunStore {
  insert(run: StoredRun): void;
  /** Newest first. */
  list(): StoredRunSummary[];
  get(id: string): StoredRun | null;
  delete(id: string): boolean;
}

/** A candle file the store refuses (bad row, unknown spacing): the message says what and where. */
export class CandleImportRejected extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CandleImportRejected';
  }
}
