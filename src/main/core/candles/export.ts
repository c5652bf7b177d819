import type { CandleSeries } from '../../../shared/domain/market';
import { isoUtc } from './timestamps';

/**
 * Series → CSV in the layout of the shipped dataset (`open_time,datetime_utc,open,high,low,close,
 * volume`, epoch ms plus ISO for people), numbers in shortest round-trip form so an import of
 * the export gives back the same float64 values.
 */
export function seriesToCsv(series: CandleSeries): string {
  const { time, open, high, low, close, volume } = series;
  const parts: string[] = ['open_time,datetime_utc,open,high,low,close,volume\n'];
  for (let i = 0; i < time.length; i++) {
    parts.push(`${time[i]},${isoUtc(time[i]!)},${open[i]},${high[i]},${low[i]},${close[i]},${volume[i]}\n`);
  }
  return parts.join('');
}
