import { TIMEFRAMES, timeframeToMs, type Timeframe } from '../../../shared/domain/market';

/** A hole in the series: bars that should exist between two present bars but do not. */
export interface CandleGap {
  /** Open time of the last bar before the hole (UTC ms). */
  after: number;
  /** Open time of the first bar after the hole (UTC ms). */
  before: number;
  missingBars: number;
}

export interface GapReport {
  /** Bar spacing used (given, or the most common spacing in the data). */
  intervalMs: number;
  timeframe: Timeframe | null;
  gaps: CandleGap[];
  missingBars: number;
  /** Spacings that are not a whole multiple of the interval (a mixed or misaligned file). */
  irregular: number;
}

/** The most frequent spacing between consecutive bars; ties go to the smaller spacing. */
export function inferIntervalMs(time: ArrayLike<number>): number {
  const counts = new Map<number, number>();
  for (let i = 1; i < time.length; i++) {
    const d = time[i]! - time[i - 1]!;
    counts.set(d, (counts.get(d) ?? 0) + 1);
  }
  let best = 0;
  let bestCount = 0;
  for (const [d, c] of counts) {
    if (c > bestCount || (c === bestCount && d < best)) {
      best = d;
      bestCount = c;
    }
  }
  return best;
}

export function timeframeOfMs(ms: number): Timeframe | null {
  return TIMEFRAMES.find((tf) => timeframeToMs(tf) === ms) ?? null;
}

/** Gaps are reported, never filled: inventing bars would invent prices. */
export function findGaps(time: ArrayLike<number>, intervalMs = inferIntervalMs(time)): GapReport {
  const gaps: CandleGap[] = [];
  let missing = 0;
  let irregular = 0;
  if (intervalMs > 0) {
    for (let i = 1; i < time.length; i++) {
      const d = time[i]! - time[i - 1]!;
      if (d % intervalMs !== 0) irregular++;
      if (d > intervalMs) {
        const m = Math.ceil(d / intervalMs) - 1;
        gaps.push({ after: time[i - 1]!, before: time[i]!, missingBars: m });
        missing += m;
      }
    }
  }
  return { intervalMs, timeframe: timeframeOfMs(intervalMs), gaps, missingBars: missing, irregular };
}
