import fs from 'node:fs';
import path from 'node:path';
import type { Candle } from '../shared/domain/market';

export type DataCandle = Candle;

export interface CandleFile {
  symbol: string;
  baseAsset: string;
  quoteAsset: string;
  intervalMs: number;
  candles: DataCandle[];
}

/** A data file and, when its name does not say, which market it is. */
export interface DataFileSpec {
  path: string;
  symbol?: string;
  baseAsset?: string;
  quoteAsset?: string;
}

const QUOTES = ['USDT', 'USDC', 'FDUSD', 'BUSD', 'TUSD', 'BTC', 'ETH', 'BNB', 'EUR', 'TRY'];

/** "binance_spot_BTCUSDT_1h_2021.csv" → BTC/USDT: the file naming used in resources/data. */
export function marketFromFileName(file: string): { symbol: string; baseAsset: string; quoteAsset: string } | null {
  const id = path.basename(file).split(/[_.-]/).find((part) => /^[A-Z0-9]{5,}$/.test(part) && QUOTES.some((q) => part.endsWith(q) && part.length > q.length));
  if (!id) return null;
  const quoteAsset = QUOTES.find((q) => id.endsWith(q))!;
  return { symbol: id, baseAsset: id.slice(0, -quoteAsset.length), quoteAsset };
}

/**
 * Reads a candle CSV with a header naming open_time (or time/timestamp), open, high, low, close and
 * volume. Errors name the file, the line and the field that is wrong.
 */
export function loadCandleFile(spec: DataFileSpec | string): CandleFile {
  const s = typeof spec === 'string' ? { path: spec } : spec;
  let text: string;
  try {
    text = fs.readFileSync(s.path, 'utf8');
  } catch (err) {
    throw new Error(`cannot read candle file ${s.path}: ${(err as Error).message}`);
  }
  const lines = text.split(/\r?\n/).filter((l) => l.trim() !== '');
  const header = (lines[0] ?? '').split(',').map((h) => h.trim().toLowerCase());
  const col = (names: string[]) => {
    const i = header.findIndex((h) => names.includes(h));
    if (i < 0) throw new Error(`${s.path}:1: header has no ${names[0]} column (found: ${header.join(', ')})`);
    return i;
  };
  const idx = { time: col(['open_time', 'time', 'timestamp']), open: col(['open']), high: col(['high']), low: col(['low']), close: col(['close']), volume: col(['volume']) };
  const candles: DataCandle[] = [];
  for (let n = 1; n < lines.length; n++) {
    const cells = lines[n]!.split(',');
    const c = {} as DataCandle;
    for (const [field, i] of Object.entries(idx) as [keyof DataCandle, number][]) {
      const v = Number(cells[i]);
      if (cells[i] === undefined || cells[i]!.trim() === '' || !Number.isFinite(v)) throw new Error(`${s.path}:${n + 1}: field ${field} is "${cells[i] ?? ''}", not a number`);
      c[field] = v;
    }
    if (c.high < Math.max(c.open, c.close) || c.low > Math.min(c.open, c.close) || c.low <= 0) throw new Error(`${s.path}:${n + 1}: high/low do not bound open/close`);
    if (candles.length && c.time <= candles[candles.length - 1]!.time) throw new Error(`${s.path}:${n + 1}: open_time ${c.time} is not after the previous row`);
    candles.push(c);
  }
  if (candles.length < 2) throw new Error(`${s.path}: needs at least two candles, found ${candles.length}`);
  const intervalMs = candles[1]!.time - candles[0]!.time;
  const named = marketFromFileName(s.path);
  const symbol = s.symbol ?? named?.symbol;
  const baseAsset = s.baseAsset ?? named?.baseAsset;
  const quoteAsset = s.quoteAsset ?? named?.quoteAsset;
  if (!symbol || !baseAsset || !quoteAsset) throw new Error(`${s.path}: cannot tell the market from the file name; pass symbol, baseAsset and quoteAsset`);
  return { symbol, baseAsset, quoteAsset, intervalMs, candles };
}

/** The shipped default dataset inside a resources folder (BTC/USDT and ETH/USDT, 1h, 2021), those present. */
export function defaultDataFiles(resourcesDir: string): string[] {
  const files = ['binance_spot_BTCUSDT_1h_2021.csv', 'binance_spot_ETHUSDT_1h_2021.csv'].map((f) => path.join(resourcesDir, 'data', f)).filter((f) => fs.existsSync(f));
  if (files.length === 0) throw new Error(`no default candle data in ${path.join(resourcesDir, 'data')}; pass --data FILE`);
  return files;
}
