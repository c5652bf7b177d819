import type { CandleSeries } from '../../../shared/domain/market';
import { findGaps, type GapReport } from './gaps';
import { parseTimestamp, type TimestampUnit } from './timestamps';

/**
 * Candle files (CSV or JSON) → a validated CandleSeries plus a report. Any bad row throws a
 * CandleImportError naming the line and the field, and nothing is returned: an import is
 * all-or-nothing, so a store can wrap it in one transaction.
 */

export class CandleImportError extends Error {
  constructor(
    readonly source: string,
    readonly line: number,
    readonly field: string | null,
    readonly reason: string,
  ) {
    super(`${source}:${line}: ${field ? `${field}: ` : ''}${reason}`);
    this.name = 'CandleImportError';
  }
}

export interface CandleImportReport extends GapReport {
  source: string;
  format: 'csv' | 'json';
  rows: number;
  header: boolean;
  /** Column names as found in the file (CSV with header, JSON objects), else null. */
  columns: string[] | null;
  timestampUnit: TimestampUnit | null;
  firstTime: number | null;
  lastTime: number | null;
}

export interface ParseCandlesOptions {
  /** Name used in error messages (a file name). */
  source?: string;
  format?: 'csv' | 'json';
  /** Bar spacing for the gap report; inferred from the data when absent. */
  intervalMs?: number;
}

export interface ParsedCandles {
  series: CandleSeries;
  report: CandleImportReport;
}

const FIELDS = ['time', 'open', 'high', 'low', 'close', 'volume'] as const;
type Field = (typeof FIELDS)[number];

/** Accepted column names, most specific first: `open_time` wins over `datetime_utc` when both exist. */
const ALIASES: Record<Field, string[]> = {
  time: ['open_time', 'opentime', 'open time', 'timestamp', 'time', 'ts', 't', 'unix', 'date', 'datetime', 'datetime_utc', 'date_time'],
  open: ['open', 'o'],
  high: ['high', 'h'],
  low: ['low', 'l'],
  close: ['close', 'c'],
  volume: ['volume', 'vol', 'v', 'base_volume', 'volume_base'],
};

class Builder {
  readonly cols: number[][] = [[], [], [], [], [], []];
  unit: TimestampUnit | null = null;
  unitLine = 0;

  constructor(readonly source: string) {}

  fail(line: number, field: string | null, reason: string): never {
    throw new CandleImportError(this.source, line, field, reason);
  }

  num(line: number, field: Field, raw: unknown): number {
    if (typeof raw === 'number') {
      if (!Number.isFinite(raw)) this.fail(line, field, `${raw} is not a finite number`);
      return raw;
    }
    const text = typeof raw === 'string' ? raw.trim() : '';
    if (text === '') this.fail(line, field, 'value is missing');
    const v = Number(text);
    if (!Number.isFinite(v)) this.fail(line, field, `"${text}" is not a number`);
    return v;
  }

  time(line: number, raw: unknown): number {
    let parsed;
    try {
      parsed = parseTimestamp(typeof raw === 'number' ? String(raw) : typeof raw === 'string' ? raw : '');
    } catch (err) {
      this.fail(line, 'time', (err as Error).message);
    }
    if (!parsed) this.fail(line, 'time', `${JSON.stringify(raw)} is neither an epoch timestamp nor an ISO 8601 date`);
    if (this.unit === null) {
      this.unit = parsed.unit;
      this.unitLine = line;
    } else if (parsed.unit !== this.unit) {
      this.fail(line, 'time', `timestamp is in ${parsed.unit} but ${this.unitLine > 0 ? `line ${this.unitLine}` : 'the first row'} used ${this.unit}`);
    }
    return parsed.ms;
  }

  add(line: number, raw: readonly unknown[]): void {
    const t = this.time(line, raw[0]);
    const o = this.num(line, 'open', raw[1]);
    const h = this.num(line, 'high', raw[2]);
    const l = this.num(line, 'low', raw[3]);
    const c = this.num(line, 'close', raw[4]);
    const v = this.num(line, 'volume', raw[5]);
    const times = this.cols[0]!;
    if (times.length > 0) {
      const prev = times[times.length - 1]!;
      if (t === prev) this.fail(line, 'time', `duplicate bar time ${t}`);
      if (t < prev) this.fail(line, 'time', `time ${t} goes back before the previous bar (${prev}); rows must be in ascending time order`);
    }
    if (o <= 0) this.fail(line, 'open', `price must be positive, got ${o}`);
    if (c <= 0) this.fail(line, 'close', `price must be positive, got ${c}`);
    if (l <= 0) this.fail(line, 'low', `price must be positive, got ${l}`);
    if (h < Math.max(o, c)) this.fail(line, 'high', `${h} is below max(open, close) = ${Math.max(o, c)}`);
    if (l > Math.min(o, c)) this.fail(line, 'low', `${l} is above min(open, close) = ${Math.min(o, c)}`);
    if (v < 0) this.fail(line, 'volume', `volume must not be negative, got ${v}`);
    const [ct, co, ch, cl, cc, cv] = this.cols as [number[], number[], number[], number[], number[], number[]];
    ct.push(t);
    co.push(o);
    ch.push(h);
    cl.push(l);
    cc.push(c);
    cv.push(v);
  }

  series(): CandleSeries {
    const [t, o, h, l, c, v] = this.cols.map((col) => Float64Array.from(col)) as Float64Array[];
    return { time: t!, open: o!, high: h!, low: l!, close: c!, volume: v! };
  }
}

function splitLine(line: string, delim: string): string[] {
  return line.split(delim).map((f) => {
    const t = f.trim();
    return t.length >= 2 && t.startsWith('"') && t.endsWith('"') ? t.slice(1, -1) : t;
  });
}

function looksLikeData(fields: string[]): boolean {
  try {
    if (parseTimestamp(fields[0] ?? '') === null) return false;
  } catch {
    return false;
  }
  return fields.slice(1).every((f) => f === '' || Number.isFinite(Number(f)));
}

function mapColumns(b: Builder, line: number, names: string[]): number[] {
  const lower = names.map((n) => n.toLowerCase());
  return FIELDS.map((field) => {
    for (const alias of ALIASES[field]) {
      const idx = lower.indexOf(alias);
      if (idx >= 0) return idx;
    }
    return b.fail(line, field, `no column for ${field} in the header (found: ${names.join(', ')}; accepted: ${ALIASES[field].join(', ')})`);
  });
}

function parseCsv(text: string, b: Builder): { header: boolean; columns: string[] | null } {
  const lines = text.split(/\r?\n/);
  let first = lines.findIndex((l) => l.trim() !== '');
  if (first < 0) return { header: false, columns: null };
  const head = lines[first]!;
  const delim = [',', ';', '\t'].reduce((best, d) => (head.split(d).length > head.split(best).length ? d : best), ',');
  const firstFields = splitLine(head, delim);
  let map = [0, 1, 2, 3, 4, 5];
  let columns: string[] | null = null;
  const header = !looksLikeData(firstFields);
  if (header) {
    columns = firstFields;
    map = mapColumns(b, first + 1, firstFields);
    first++;
  }
  const width = Math.max(...map) + 1;
  const row: string[] = new Array(6);
  for (let i = first; i < lines.length; i++) {
    const text = lines[i]!;
    if (text.trim() === '') continue;
    const fields = splitLine(text, delim);
    if (fields.length < width) b.fail(i + 1, null, `expected at least ${width} fields separated by "${delim}", found ${fields.length}`);
    for (let k = 0; k < 6; k++) row[k] = fields[map[k]!]!;
    b.add(i + 1, row);
  }
  return { header, columns };
}

/** Line of the k-th element of the top-level JSON array (only computed to report an error). */
function lineOfElement(text: string, k: number): number {
  let line = 1;
  let depth = 0;
  let inString = false;
  let index = -1;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (ch === '\n') line++;
    if (inString) {
      if (ch === '\\') i++;
      else if (ch === '"') inString = false;
      continue;
    }
    if (ch === '"') inString = true;
    if (depth === 1 && !/[\s,\]]/.test(ch)) {
      index++;
      if (index === k) return line;
    }
    if (ch === '[' || ch === '{') depth++;
    else if (ch === ']' || ch === '}') depth--;
  }
  return line;
}

function parseJson(text: string, b: Builder): { columns: string[] | null } {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    const msg = (err as Error).message;
    const m = /position (\d+)/.exec(msg);
    const line = m ? text.slice(0, Number(m[1])).split('\n').length : /end of JSON/i.test(msg) ? text.trimEnd().split('\n').length : 1;
    b.fail(line, null, `invalid JSON: ${(err as Error).message}`);
  }
  if (!Array.isArray(data)) b.fail(1, null, 'expected a JSON array of candles ([[time, open, high, low, close, volume], …] or objects)');
  let columns: string[] | null = null;
  const row: unknown[] = new Array(6);
  data.forEach((el: unknown, k) => {
    try {
      if (Array.isArray(el)) {
        if (el.length < 6) throw new CandleImportError(b.source, 0, null, `expected [time, open, high, low, close, volume], found ${el.length} values`);
        b.add(0, el);
      } else if (el !== null && typeof el === 'object') {
        const obj = el as Record<string, unknown>;
        const keys = Object.keys(obj);
        columns ??= keys;
        const lowerKeys = new Map(keys.map((key) => [key.toLowerCase(), key]));
        FIELDS.forEach((field, j) => {
          const key = ALIASES[field].map((a) => lowerKeys.get(a)).find((x) => x !== undefined);
          if (key === undefined) throw new CandleImportError(b.source, 0, field, `missing (accepted keys: ${ALIASES[field].join(', ')})`);
          row[j] = obj[key];
        });
        b.add(0, row);
      } else {
        throw new CandleImportError(b.source, 0, null, `expected an array or an object, found ${JSON.stringify(el)}`);
      }
    } catch (err) {
      // Rows are validated with line 0 and the real line is looked up only on failure.
      if (err instanceof CandleImportError) throw new CandleImportError(b.source, lineOfElement(text, k), err.field, `${err.reason} (element ${k})`);
      throw err;
    }
  });
  return { columns };
}

export function parseCandles(text: string, opts: ParseCandlesOptions = {}): ParsedCandles {
  const source = opts.source ?? 'input';
  const b = new Builder(source);
  const format = opts.format ?? (/^\s*\[/.test(text) ? 'json' : 'csv');
  let header = false;
  let columns: string[] | null;
  if (format === 'json') ({ columns } = parseJson(text, b));
  else ({ header, columns } = parseCsv(text, b));
  const series = b.series();
  const n = series.time.length;
  if (n === 0) b.fail(1, null, 'no candles found');
  const gaps = findGaps(series.time, opts.intervalMs);
  return {
    series,
    report: {
      source,
      format,
      rows: n,
      header,
      columns,
      timestampUnit: b.unit,
      firstTime: series.time[0]!,
      lastTime: series.time[n - 1]!,
      ...gaps,
    },
  };
}

/**
 * Rows already in memory (an exchange's OHLCV page) checked by the same rules as a file: ascending
 * unique times, positive prices, high ≥ max(open, close), low ≤ min(open, close), volume ≥ 0. The
 * first bad row throws a CandleImportError whose "line" is the row's 1-based position.
 */
export function validateRows(rows: readonly (readonly unknown[])[], source: string): CandleSeries {
  const b = new Builder(source);
  for (let i = 0; i < rows.length; i++) b.add(i + 1, rows[i]!);
  return b.series();
}
