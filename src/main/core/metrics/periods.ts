import { timeframeToMs, type Timeframe } from '../../../shared/domain/market';
import { MetricsInputError } from './errors';
import { scanTimes } from './input-kernels';
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
  /** Whether every gap of `times` is equal, when validateTimes already found out. */
  regular?: boolean,
): { value: number; source: PeriodsPerYearSource } {
  if (opts.periodsPerYear !== undefined) {
    if (!(Number.isFinite(opts.periodsPerYear) && opts.periodsPerYear > 0)) throw new MetricsInputError(`periodsPerYear must be a positive number, got ${opts.periodsPerYear}`);
    return { value: opts.periodsPerYear, source: 'option' };
  }
  if (opts.timeframe !== undefined) return { value: YEAR_MS / timeframeToMs(opts.timeframe), source: 'timeframe' };
  if (times !== null && times.length >= 2) {
    const spacing = medianSpacing(times, regular ?? scanTimes(times).regular);
    if (!(spacing > 0)) throw new MetricsInputError('cannot derive periods per year: the median spacing of the timestamps is 0');
    return { value: YEAR_MS / spacing, source: 'spacing' };
  }
  return { value: DEFAULT_PERIODS_PER_YEAR, source: 'default' };
}

/** Median gap between timestamps; regular bars (every gap equal) skip the selection. */
function medianSpacing(times: ArrayLike<number>, regular: boolean): number {
  const m = times.length - 1;
  if (regular) return times[1]! - times[0]!;
  const gaps = borrow(ScratchSlot.Gaps, m);
  for (let i = 0; i < m; i++) gaps[i] = times[i + 1]! - times[i]!;
  return tailStats(gaps, [0.5], () => borrow(ScratchSlot.Select, m))[0]!.value;
}

/**
 * Checks that timestamps are finite and strictly increasing, naming the first bad index; returns
 * whether every gap equals the first (for resolvePeriodsPerYear).
 */
export function validateTimes(times: ArrayLike<number>, what: string): boolean {
  const { bad: i, regular } = scanTimes(times);
  if (i < 0) return regular;
  const t = times[i]!;
  if (!Number.isFinite(t)) throw new MetricsInputError(`${what}: time at index ${i} is not a finite number (${t})`);
  throw new MetricsInputError(`${what}: times must increase, but index ${i} (${t}) is not after index ${i - 1} (${times[i - 1]})`);
}

/**
 * One calendar bucket, built by a constructor rather than an object literal: V8 tracks literal
 * allocation sites and, when a scavenge happens to find most of their objects alive (these all
 * are: they are the result), switches the site to old-space allocation and deoptimizes this
 * function. Whether that happens depended on GC timing, so one process took 5 ms here and the next
 * 21 ms. Objects made by `new` have no allocation site and always take the fast young-space path.
 */
class CalendarBucket implements PeriodReturn {
  readonly time: number;
  readonly return: number;
  constructor(time: number, ret: number) {
    this.time = time;
    this.return = ret;
  }
}

/**
 * Calendar returns (UTC days and months) of a timestamped curve: each bucket's last value over the
 * last value before the bucket (the first bucket is measured from the first point).
 */
export function calendarReturns(times: ArrayLike<number>, wealth: ArrayLike<number>): { daily: PeriodReturn[]; monthly: PeriodReturn[] } {
  const m = times.length;
  if (m < 2) return { daily: [], monthly: [] };
  let dayStart = Math.floor(times[0]! / DAY_MS) * DAY_MS;
  // Sized up front and cut to length at the end: growing by push (41,667 days for a million hourly
  // bars) took twice as long as creating the buckets. There is at most one bucket per point and per
  // calendar day covered.
  const daily = new Array<PeriodReturn>(Math.min(m, Math.floor((times[m - 1]! - dayStart) / DAY_MS) + 1));
  let days = 0;
  const monthly: PeriodReturn[] = [];
  let nextDay = dayStart + DAY_MS;
  let monthStart = utcMonthStart(dayStart);
  let nextMonth = utcNextMonth(monthStart);
  let dayBase = wealth[0]!;
  let monthBase = dayBase;
  let i = 1;
  // Points per day of the last bucket: regular bars put the next boundary exactly that far on.
  let stride = 1;
  while (i < m) {
    // The first point of the next day; points at the exact boundary open the new bucket.
    const from = i;
    i = firstAtOrAfter(times, i, m, nextDay, stride);
    if (i >= m) break;
    stride = i - from;
    const close = wealth[i - 1]!;
    daily[days++] = new CalendarBucket(dayStart, close / dayBase - 1);
    dayBase = close;
    dayStart = Math.floor(times[i]! / DAY_MS) * DAY_MS;
    nextDay = dayStart + DAY_MS;
    if (dayStart >= nextMonth) {
      monthly.push(new CalendarBucket(monthStart, close / monthBase - 1));
      monthBase = close;
      monthStart = utcMonthStart(dayStart);
      nextMonth = utcNextMonth(monthStart);
    }
  }
  const last = wealth[m - 1]!;
  daily[days++] = new CalendarBucket(dayStart, last / dayBase - 1);
  daily.length = days;
  monthly.push(new CalendarBucket(monthStart, last / monthBase - 1));
  return { daily, monthly };
}

/**
 * The first index in [from, m) whose time is >= `t` (m if none), for increasing times. The first
 * probe is `guess` points on, which for regular bars lands on the answer (two reads); otherwise
 * galloping from the nearer side costs O(log gap) probes instead of one per point: a day of hourly
 * bars is 24 points, of minute bars 1,440, and the scan of every point was most of this function's time.
 */
function firstAtOrAfter(times: ArrayLike<number>, from: number, m: number, t: number, guess: number): number {
  if (from >= m || times[from]! >= t) return from;
  // Invariant: times[lo] < t; hi is either m or an index with times[hi] >= t.
  let lo = from;
  let hi = from + guess;
  if (hi < m && times[hi]! >= t) {
    if (times[hi - 1]! < t) return hi;
  } else {
    if (hi >= m) hi = m - 1;
    if (times[hi]! < t) lo = hi;
    let step = 1;
    hi = lo + 1;
    while (hi < m && times[hi]! < t) {
      lo = hi;
      step *= 2;
      hi = lo + step;
    }
    if (hi > m) hi = m;
  }
  while (hi - lo > 1) {
    const mid = lo + ((hi - lo) >> 1);
    if (times[mid]! < t) lo = mid;
    else hi = mid;
  }
  return hi;
}

function utcMonthStart(t: number): number {
  const d = new Date(t);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1);
}

function utcNextMonth(monthStart: number): number {
  const d = new Date(monthStart);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1);
}

// Priming: calendarReturns runs once per report over up to millions of points, so its loop is
// compiled on-stack (OSR) during the first call; the code after the loop had never run then, had no
// type feedback, and the cached OSR code deoptimized there on every later call. Running it once
// before the first report over a few months of hourly points (long enough for V8 to allocate a
// feedback vector, which it does only after a function has run a while) records feedback for
// every line.
export function primeCalendar(): void {
  const n = 24 * 70;
  const times = new Float64Array(n);
  const wealth = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    times[i] = Date.UTC(2021, 0, 30) + i * 3_600_000;
    wealth[i] = 100.5 + Math.sin(i * 1.7);
  }
  for (let k = 0; k < 3; k++) calendarReturns(times, wealth);
}
