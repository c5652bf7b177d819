import { AppError } from '../../shared/contract';
import { timeframeToMs, type Timeframe } from '../../shared/domain/market';
import { CandleImportError, isoUtc, validateRows } from '../core/candles';
import { CandleImportRejected, type CandleStore, type SeriesKey, type StoredDataset } from '../ports/backtest';
import type { OhlcvRow } from '../ports/exchange-client';
import type { Connection } from './exchange-hub';
import { ExchangeRequestError } from './exchange/retry';

/** Which connection of the hub the candles come through. */
export interface DownloadSource {
  exchangeId: string;
  /** API key label; null for public data. */
  account: string | null;
  /** The local demo venue standing in for the exchange. */
  demo: boolean;
}

export interface DownloadRequest {
  source: DownloadSource;
  symbol: string;
  timeframe: Timeframe;
  /** First open time wanted (UTC ms). */
  from: number;
  /** Open times before this (UTC ms); default now. */
  to?: number | null;
}

export interface DownloadStep {
  pages: number;
  bars: number;
  /** Share of the requested-and-missing time range covered so far, 0..100. */
  percent: number;
}

export interface DownloadOutcome extends DownloadStep {
  dataset: StoredDataset | null;
  /** The ranges that were missing from the store and so were fetched, [from, to) each. */
  ranges: [number, number][];
}

export interface DownloadDeps {
  connect: (s: DownloadSource) => Promise<Connection>;
  store: CandleStore;
  now?: () => number;
}

export interface DownloadOptions {
  signal?: AbortSignal;
  onPage?: (step: DownloadStep) => void;
  /** Bars per request; default the exchange's own limit. */
  pageLimit?: number;
}

/** A download stopped by its AbortSignal between two pages; every page before it is stored. */
export class DownloadCancelled extends Error {
  constructor(readonly step: DownloadStep) {
    super(`cancelled after ${step.pages} page(s), ${step.bars} bar(s) stored`);
    this.name = 'DownloadCancelled';
  }
}

/**
 * The store series a download goes to. The demo venue replays shifted history, so its bars must
 * never mix with the real exchange's: they get their own exchange name.
 */
export function downloadKey(s: DownloadSource, symbol: string, timeframe: Timeframe): SeriesKey {
  return { exchange: s.demo ? `${s.exchangeId}-demo` : s.exchangeId, symbol, timeframe };
}

/** The parts of [from, to) the store does not hold yet: before its first bar and after its last. */
export function missingRanges(from: number, to: number, stored: { firstTime: number | null; lastTime: number | null } | null, tfMs: number): [number, number][] {
  if (!stored || stored.firstTime === null || stored.lastTime === null) return from < to ? [[from, to]] : [];
  const out: [number, number][] = [];
  if (from < stored.firstTime) out.push([from, Math.min(to, stored.firstTime)]);
  const tail = Math.max(from, stored.lastTime + tfMs);
  if (tail < to) out.push([tail, to]);
  return out;
}

/**
 * Downloads closed candles into the store through the hub: page after page by `since`, each page
 * one Connection.request (limiter, pool, retries with Retry-After, health), validated by the same
 * rules as an import and appended in its own transaction. Only what the store lacks is fetched.
 */
export async function downloadCandles(deps: DownloadDeps, req: DownloadRequest, opts: DownloadOptions = {}): Promise<DownloadOutcome> {
  const now = deps.now ?? Date.now;
  const tfMs = timeframeToMs(req.timeframe);
  const key = downloadKey(req.source, req.symbol, req.timeframe);
  const name = `${key.exchange} ${key.symbol} ${key.timeframe}`;
  const to = Math.min(req.to ?? now(), now());
  if (!Number.isInteger(req.from) || req.from < 0) throw new AppError('VALIDATION', `from: ${req.from} is not a UTC millisecond time`);
  if (!(req.from < to)) throw new AppError('VALIDATION', `from (${isoUtc(req.from)}) must be before to (${isoUtc(to)}) and before now`);
  const existing = deps.store.get(key);
  if (existing && existing.origin !== 'downloaded') {
    throw new AppError('CONFLICT', `${name} is an ${existing.origin} dataset; downloads only extend downloaded datasets (delete it first, or keep it)`);
  }
  const ranges = missingRanges(req.from, to, existing, tfMs);
  const span = ranges.reduce((s, [a, b]) => s + (b - a), 0);
  const step: DownloadStep = { pages: 0, bars: 0, percent: 0 };
  if (ranges.length === 0) {
    step.percent = 100;
    return { ...step, dataset: existing, ranges };
  }
  const conn = await deps.connect(req.source);
  const limit = opts.pageLimit ?? conn.client.ohlcvLimit;
  if (!Number.isInteger(limit) || limit < 1) throw new AppError('VALIDATION', `pageLimit must be a whole number ≥ 1, got ${limit}`);
  const provenance = `Downloaded with ccxt fetchOHLCV from ${req.source.demo ? `the local demo venue standing in for ${req.source.exchangeId}` : req.source.exchangeId}; closed bars only, validated (ascending times, OHLC consistency, volume ≥ 0), gaps reported, never filled`;
  let done = 0;
  let dataset = existing;
  for (const [a, b] of ranges) {
    let since = a;
    while (since < b) {
      if (opts.signal?.aborted) throw new DownloadCancelled({ ...step });
      const raw = await fetchPage(conn, req, limit, since, name);
      const closedBy = now();
      const rows = raw.filter((r) => r[0] >= since && r[0] < b && r[0] + tfMs <= closedBy);
      if (rows.length > 0) {
        const page = step.pages + 1;
        let bars;
        try {
          bars = validateRows(rows, `${name} page ${page} (since ${isoUtc(since)}), row`);
          dataset = deps.store.appendBars(key, bars, { origin: 'downloaded', source: `ccxt fetchOHLCV ${req.source.exchangeId}${req.source.demo ? ' (demo venue)' : ''}`, provenance, now: closedBy });
        } catch (err) {
          if (err instanceof CandleImportError || err instanceof CandleImportRejected) {
            throw new AppError('VALIDATION', `${err.message}; the ${step.pages} page(s) before it are stored`);
          }
          throw err;
        }
        step.pages = page;
        step.bars += rows.length;
        since = rows[rows.length - 1]![0] + tfMs;
      }
      const last = raw[raw.length - 1];
      if (rows.length === 0 && last !== undefined && last[0] < since) {
        // Only the bar holding an off-grid `since` came back: step to the next bar's open. A last bar
        // that ends before `since` means the exchange ignored `since`, which would loop forever.
        if (last[0] + tfMs <= since) {
          throw new AppError('UNAVAILABLE', `${name}: the exchange answered bars before ${isoUtc(since)} when asked for bars since then; the ${step.pages} page(s) before it are stored`);
        }
        since = last[0] + tfMs;
      }
      // Nothing more to ask for: the exchange has nothing newer, or reached the range's end or the open bar.
      const exhausted = last === undefined || last[0] + tfMs > closedBy || last[0] >= b || (rows.length === 0 && raw.every((r) => r[0] >= since));
      step.percent = Math.min(100, ((done + (Math.min(since, b) - a)) / span) * 100);
      if (exhausted) break;
      opts.onPage?.({ ...step });
    }
    done += b - a;
    step.percent = Math.min(100, (done / span) * 100);
  }
  step.percent = 100;
  opts.onPage?.({ ...step });
  return { ...step, dataset, ranges };
}

async function fetchPage(conn: Connection, req: DownloadRequest, limit: number, since: number, name: string): Promise<OhlcvRow[]> {
  try {
    return await conn.request('fetchOHLCV', (c) => c.fetchOHLCV(req.symbol, req.timeframe, limit, since), { costArgs: { limit } });
  } catch (err) {
    if (err instanceof ExchangeRequestError) {
      throw new AppError('UNAVAILABLE', `${name}: fetching bars since ${isoUtc(since)} failed (${err.classified.kind}, ${err.attempts} attempt${err.attempts > 1 ? 's' : ''}): ${err.classified.message.slice(0, 200)}`);
    }
    throw err;
  }
}
