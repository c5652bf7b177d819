/**
 * Core market vocabulary shared by every runtime. Timestamps are integer UTC milliseconds;
 * symbols are ccxt unified symbols (`BTC/USDT`) — exchange market ids never leave the adapter.
 */

export type Side = 'buy' | 'sell';
export type OrderType = 'market' | 'limit';
export type MarketType = 'spot' | 'futures';

/** A decimal number carried as a string so that money never passes through float64. */
export type DecimalString = string;

export const TIMEFRAMES = ['1m', '3m', '5m', '15m', '30m', '1h', '2h', '4h', '6h', '8h', '12h', '1d', '3d', '1w'] as const;
export type Timeframe = (typeof TIMEFRAMES)[number];

const UNIT_MS: Record<string, number> = { m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 };

export function timeframeToMs(tf: Timeframe): number {
  const unit = tf.slice(-1);
  const n = Number(tf.slice(0, -1));
  const ms = UNIT_MS[unit];
  if (ms === undefined || !Number.isInteger(n) || n <= 0) throw new Error(`unknown timeframe "${tf}"`);
  return n * ms;
}

export function isTimeframe(value: string): value is Timeframe {
  return (TIMEFRAMES as readonly string[]).includes(value);
}

/** One OHLCV bar; `time` is the bar's open time in UTC ms. */
export interface Candle {
  time: number;
  open: number;
  high: number;
  low: number;
  close: number;
  volume: number;
}

/**
 * Column-oriented candles: the form indicators and the backtester's inner loop consume.
 * All arrays have the same length; `time` holds open times in UTC ms.
 */
export interface CandleSeries {
  time: Float64Array;
  open: Float64Array;
  high: Float64Array;
  low: Float64Array;
  close: Float64Array;
  volume: Float64Array;
}

export function candlesToSeries(candles: readonly Candle[]): CandleSeries {
  const n = candles.length;
  const s: CandleSeries = {
    time: new Float64Array(n),
    open: new Float64Array(n),
    high: new Float64Array(n),
    low: new Float64Array(n),
    close: new Float64Array(n),
    volume: new Float64Array(n),
  };
  for (let i = 0; i < n; i++) {
    const c = candles[i]!;
    s.time[i] = c.time;
    s.open[i] = c.open;
    s.high[i] = c.high;
    s.low[i] = c.low;
    s.close[i] = c.close;
    s.volume[i] = c.volume;
  }
  return s;
}

/** A price level: [price, size]. Float64 is right for books (DESIGN rule 6). */
export type BookLevel = [price: number, size: number];
