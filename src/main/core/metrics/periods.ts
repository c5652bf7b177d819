import { timeframeToMs, type Timeframe } from '../../../shared/domain/market';
import { MetricsInputError } from './errors';
import type { PeriodReturn, PeriodsPerYearSource } from './report';
import { borrow, ScratchSlot } from './scratch';
import { tailStats } from './select';

const DAY_MS = 86_400_000;
/** Crypto trades every day: a year is 365 days of bars (1h → 8,760, 1d → 365). */
export const YEAR_MS = 365 * DAY_MS;
export const DEFAULT_PERIODS_PER_YEAR = 365;

/**
 * Periods per year: the explicit option, else the timeframe, else the median spacing of the
 * timestamps (the median ignores the odd gap from exchange downtime), else daily.
 */
export function resolvePeriodsPerYear(
  opts: { periodsPerYear?: number; timeframe?: Timeframe },
  times: ArrayLike<number> | null,
): { value: number; source: PeriodsPerYearSource } {
  if (opts.periodsPerYear !== undefined) {
    if (!(Number.isFinite(opts.periodsPerYear) && opts.periodsPerYear > 0)) throw new MetricsInputError(`periodsPerYear must be a positive number, got ${opts.periodsPerYear}`);
    return { value: opts.periodsPerYear, source: 'option' };
  }
  if (opts.timeframe !== undefined) return { value: YEAR_MS / timeframeToMs(opts.timeframe), source: 'timeframe' };
  if (times !== null && times.length >= 2) {
    const spacing = medianSpacing(times);
    if (!(spacing > 0)) throw new MetricsInputError('cannot derive periods per year: the median spacing of the timestamps is 0');
    return { value: YEAR_MS / spacing, source: 'spacing' };
  }
  return { value: DEFAULT_PERIODS_PER_YEAR, source: 'default' };
}

/** Median gap between timestamps; regular bars (every gap equal) skip the selection. */
function medianSpacing(times: ArrayLike<number>): number {
  const m = times.length - 1;
  const first = times[1]! - times[0]!;
  let regular = true;
  for (let i = 1; i < m && regular; i++) regular = times[i + 1]! - times[i]! === first;
  if (regular) return first;
  const gaps = borrow(ScratchSlot.Gaps, m);
  for (let i = 0; i < m; i++) gaps[i] = times[i + 1]! - times[i]!;
  return tailStats(gaps, [0.5], () => borrow(ScratchSlot.Select, m))[0]!.value;
}

/** Checks that timestamps are finite and strictly increasing; names the first bad index. */
export function validateTimes(times: ArrayLike<number>, what: string): void {
  for (let i = 0; i < times.length; i++) {
    const t = times[i]!;
    if (!Number.isFinite(t)) throw new MetricsInputError(`${what}: time at index ${i} is not a finite number (${t})`);
    if (i > 0 && !(t > times[i - 1]!)) throw new MetricsInputError(`${what}: times must increase, but index ${i} (${t}) is not after index ${i - 1} (${times[i - 1]})`);
  }
}

/**
 * Calendar returns (UTC days and months) of a timestamped curve: each bucket's last value over the
 * last value before the bucket (the first bucket is measured from the first point).
 */
export function calendarReturns(times: ArrayLike<number>, wealth: ArrayLike<number>): { daily: PeriodReturn[]; monthly: PeriodReturn[] } {
  const daily: PeriodReturn[] = [];
  const monthly: PeriodReturn[] = [];
  const m = times.length;
  if (m < 2) return { daily, monthly };
  let dayStart = Math.floor(times[0]! / DAY_MS) * DAY_MS;
  let nextDay = dayStart + DAY_MS;
  let monthStart = utcMonthStart(dayStart);
  let nextMonth = utcNextMonth(monthStart);
  let dayBase = wealth[0]!;
  let monthBase = dayBase;
  let i = 1;
  while (i < m) {
    // Skip to the first point of the next day; points at the exact boundary open the new bucket.
    while (i < m && times[i]! < nextDay) i++;
    if (i >= m) break;
    const close = wealth[i - 1]!;
    daily.push({ time: dayStart, return: close / dayBase - 1 });
    dayBase = close;
    dayStart = Math.floor(times[i]! / DAY_MS) * DAY_MS;
    nextDay = dayStart + DAY_MS;
    if (dayStart >= nextMonth) {
      monthly.push({ time: monthStart, return: close / monthBase - 1 });
      monthBase = close;
      monthStart = utcMonthStart(dayStart);
      nextMonth = utcNextMonth(monthStart);
    }
  }
  const last = wealth[m - 1]!;
  daily.push({ time: dayStart, return: last / dayBase - 1 });
  monthly.push({ time: monthStart, return: last / monthBase - 1 });
  return { daily, monthly };
}

function utcMonthStart(t: number): number {
  const d = new Date(t);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1);
}

function utcNextMonth(monthStart: number): number {
  const d = new Date(monthStart);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1);
}
