/**
 * Timestamp recognition for candle files. Numbers below 1e11 are epoch seconds (1e11 s is the
 * year 5138, while 1e11 ms is only 1973), larger ones epoch milliseconds; text must be ISO 8601
 * (a date, optionally a time, optionally a zone — no zone means UTC, never the machine's local time).
 */

export type TimestampUnit = 'ms' | 's' | 'iso';

const ISO = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(\.\d{1,9})?)?)?\s*(Z|[+-]\d{2}:?\d{2})?$/i;
const NUMERIC = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;

export interface ParsedTime {
  ms: number;
  unit: TimestampUnit;
}

/** Returns null when the text is not a timestamp at all; throws with the reason when it is malformed. */
export function parseTimestamp(text: string): ParsedTime | null {
  const t = text.trim();
  if (NUMERIC.test(t)) {
    const v = Number(t);
    if (!Number.isFinite(v) || v < 0) throw new Error(`"${t}" is not a valid epoch timestamp`);
    const unit: TimestampUnit = v < 1e11 ? 's' : 'ms';
    const ms = unit === 's' ? Math.round(v * 1000) : v;
    if (!Number.isInteger(ms)) throw new Error(`"${t}" has a fraction of a millisecond`);
    return { ms, unit };
  }
  const m = ISO.exec(t);
  if (!m) return null;
  const [, y, mo, d, h = '00', mi = '00', s = '00', frac = '', zone] = m;
  const fracMs = frac ? frac.slice(1).padEnd(3, '0').slice(0, 3) : '000';
  const z = zone === undefined || zone.toUpperCase() === 'Z' ? 'Z' : zone.includes(':') ? zone : `${zone.slice(0, 3)}:${zone.slice(3)}`;
  const ms = Date.parse(`${y}-${mo}-${d}T${h}:${mi}:${s}.${fracMs}${z}`);
  if (!Number.isFinite(ms)) throw new Error(`"${t}" is not a valid date`);
  // Date.parse accepts 2021-02-30 by rolling over; reject it so a corrupt date is not silently moved.
  if (z === 'Z' && new Date(ms).toISOString().slice(0, 10) !== `${y}-${mo}-${d}`) throw new Error(`"${t}" is not a valid date`);
  return { ms, unit: 'iso' };
}

export function isoUtc(ms: number): string {
  const iso = new Date(ms).toISOString();
  return iso.endsWith('.000Z') ? `${iso.slice(0, -5)}Z` : iso;
}
