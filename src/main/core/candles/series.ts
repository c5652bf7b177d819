import type { CandleSeries } from '../../../shared/domain/market';
import { sha256 } from './sha256';

/**
 * The dataset identity recorded in backtest manifests: SHA-256 over the values themselves (bar by
 * bar: time, open, high, low, close, volume as little-endian float64), so the same candles hash the
 * same whether they came from CSV, JSON or SQLite, and any changed value changes the hash.
 */
export function datasetHash(series: CandleSeries): string {
  const n = series.time.length;
  const bytes = new Uint8Array(n * 48);
  const view = new DataView(bytes.buffer);
  const cols = [series.time, series.open, series.high, series.low, series.close, series.volume];
  for (let i = 0; i < n; i++) {
    for (let c = 0; c < 6; c++) view.setFloat64(i * 48 + c * 8, cols[c]![i]!, true);
  }
  return `sha256:${sha256(bytes)}`;
}

/** Bars with `from ≤ time < to` (UTC ms); views, not copies. */
export function sliceSeries(series: CandleSeries, from = -Infinity, to = Infinity): CandleSeries {
  const t = series.time;
  let lo = 0;
  while (lo < t.length && t[lo]! < from) lo++;
  let hi = lo;
  while (hi < t.length && t[hi]! < to) hi++;
  return {
    time: t.subarray(lo, hi),
    open: series.open.subarray(lo, hi),
    high: series.high.subarray(lo, hi),
    low: series.low.subarray(lo, hi),
    close: series.close.subarray(lo, hi),
    volume: series.volume.subarray(lo, hi),
  };
}
