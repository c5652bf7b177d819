import type { Command } from 'commander';
import type { ClosedTrade } from '../../../shared/domain/trading';
import { isTimeframe } from '../../../shared/domain/market';
import type { MetricEntry, MetricsReport, MetricsSummary } from '../../core/metrics';
import { action, CliError, parseNumberOption, writeJson, writeLine } from '../output';

/**
 * `marketdesk metrics`: the metrics table, grade and recommendations for a return series or an
 * equity curve read from CSV or JSON. File formats are described in docs/metrics.md.
 */

interface MetricsCliOptions {
  returns?: string;
  equity?: string;
  trades?: string;
  benchmark?: string;
  periodsPerYear?: string;
  riskFree?: string;
  timeframe?: string;
  json?: boolean;
}

export function register(program: Command): void {
  program
    .command('metrics')
    .description('performance metrics, grade and recommendations for a return series or an equity curve')
    .option('--returns <file>', 'simple returns per period: CSV (header; optional time column; values in the last column) or a JSON array of numbers')
    .option('--equity <file>', 'equity (account value) per period, same formats as --returns')
    .option('--trades <file>', 'closed trades: JSON array or CSV with side,entryTime,entryPrice,exitTime,exitPrice,quantity,fee,pnl')
    .option('--benchmark <file>', 'benchmark of the same kind as the main input (returns with --returns, prices/equity with --equity)')
    .option('--periods-per-year <P>', 'return periods per year (default: from the time column, else 365)')
    .option('--timeframe <tf>', 'bar timeframe (1m … 1w) to derive periods per year from')
    .option('--risk-free <R>', 'annual risk-free rate as a fraction, e.g. 0.04 (default 0)')
    .option('--json', 'print one JSON document on stdout')
    .action(action(run));
}

async function run(opts: MetricsCliOptions): Promise<void> {
  if ((opts.returns === undefined) === (opts.equity === undefined)) throw new CliError('metrics: give exactly one of --returns FILE or --equity FILE');
  const periodsPerYear = parseNumberOption('periods-per-year', opts.periodsPerYear, { min: Number.MIN_VALUE });
  const riskFreeRate = parseNumberOption('risk-free', opts.riskFree);
  if (riskFreeRate !== undefined && riskFreeRate <= -1) throw new CliError(`--risk-free: ${opts.riskFree} must be above -1`);
  if (opts.timeframe !== undefined && !isTimeframe(opts.timeframe)) throw new CliError(`--timeframe: "${opts.timeframe}" is not a timeframe (1m, 5m, 1h, 4h, 1d, …)`);
  const timeframe = opts.timeframe !== undefined && isTimeframe(opts.timeframe) ? opts.timeframe : undefined;

  const core = await import('../../core/metrics');
  const mainFile = (opts.returns ?? opts.equity)!;
  const main = await readSeriesFile(mainFile);
  const trades: ClosedTrade[] | undefined = opts.trades !== undefined ? await readTradesFile(opts.trades) : undefined;
  let benchmark: number[] | undefined;
  if (opts.benchmark !== undefined) {
    const b = await readSeriesFile(opts.benchmark);
    benchmark = opts.equity !== undefined ? pricesToReturns(b.values, opts.benchmark) : b.values;
  }

  let report: MetricsReport;
  try {
    const common = { periodsPerYear, riskFreeRate, timeframe, benchmark };
    report =
      opts.equity !== undefined
        ? core.calculateMetrics(trades ?? [], { times: main.times ?? [], values: main.values }, common)
        : core.calculateMetricsFromReturns(main.values, { ...common, times: main.times ?? undefined, trades });
  } catch (err) {
    if (err instanceof core.MetricsInputError) throw new CliError(`${mainFile}: ${err.message}`);
    throw err;
  }
  const summary = core.summarizeReport(report);

  if (opts.json) {
    writeJson({
      input: { kind: opts.equity !== undefined ? 'equity' : 'returns', file: mainFile, trades: opts.trades ?? null, benchmark: opts.benchmark ?? null },
      meta: report.meta,
      metrics: report.metrics,
      reasons: report.reasons,
      summary: { grade: summary.grade, score: summary.score, gradeReason: summary.gradeReason, assessments: summary.assessments, recommendations: summary.recommendations },
      periodReturns: report.periodReturns,
    });
    return;
  }
  printHuman(core.metricEntries(report), core.METRIC_GROUPS, report, summary);
}

function pricesToReturns(values: number[], file: string): number[] {
  const out: number[] = [];
  for (let i = 1; i < values.length; i++) {
    if (!(values[i - 1]! > 0)) throw new CliError(`${file}: value ${i} is ${values[i - 1]}; a price series must stay positive to give returns`);
    out.push(values[i]! / values[i - 1]! - 1);
  }
  return out;
}

function printHuman(entries: MetricEntry[], groups: readonly { key: string; label: string }[], report: MetricsReport, summary: MetricsSummary): void {
  const m = report.meta;
  writeLine(`${m.observations} returns, ${m.periodsPerYear.toFixed(m.periodsPerYear % 1 === 0 ? 0 : 2)} periods per year (${m.periodsPerYearSource}), risk-free ${(m.riskFreeRate * 100).toFixed(2)} %/yr`);
  for (const g of groups) {
    writeLine();
    writeLine(g.label);
    for (const e of entries.filter((x) => x.group === g.key)) {
      writeLine(`  ${e.label.padEnd(30)} ${e.value === null ? `n/a (${e.reason})` : formatValue(e)}`);
    }
  }
  writeLine();
  writeLine(`Grade: ${summary.grade ?? 'none'} (${summary.gradeReason})`);
  for (const a of Object.values(summary.assessments)) writeLine(`  ${a.text}`);
  if (summary.recommendations.length > 0) {
    writeLine();
    writeLine('Recommendations');
    for (const r of summary.recommendations) writeLine(`  [${r.severity}] ${r.message}`);
  }
}

/** toFixed, but huge values (e.g. a CAGR annualized from a few hours) switch to exponent form. */
function fixed(x: number, digits: number): string {
  return Math.abs(x) >= 1e9 ? x.toExponential(3) : x.toFixed(digits);
}

function formatValue(e: MetricEntry): string {
  const v = e.value!;
  switch (e.format) {
    case 'fraction':
      return `${fixed(v * 100, 2)} %`;
    case 'percent':
      return `${fixed(v, 2)} %`;
    case 'count':
      return String(v);
    case 'quote':
      return fixed(v, 2);
    case 'quotePerHour':
      return `${fixed(v, 4)} /h`;
    case 'perDay':
      return `${fixed(v, 3)} /day`;
    case 'periods':
      return `${v} periods`;
    case 'durationMs':
      return formatDuration(v);
    case 'ratio':
      return fixed(v, 3);
  }
}

function formatDuration(ms: number): string {
  const minutes = Math.round(ms / 60_000);
  const d = Math.floor(minutes / 1440);
  const h = Math.floor((minutes % 1440) / 60);
  const min = minutes % 60;
  return d > 0 ? `${d}d ${h}h ${min}m` : h > 0 ? `${h}h ${min}m` : `${min}m`;
}

// ---- Input files -------------------------------------------------------------------------------

interface Series {
  values: number[];
  times: number[] | null;
}

const TIME_HEADERS = new Set(['time', 'timestamp', 'date', 'datetime', 'open_time', 'opentime']);
const TRADE_FIELDS = ['side', 'entryTime', 'entryPrice', 'exitTime', 'exitPrice', 'quantity', 'fee', 'pnl'] as const;

async function readText(file: string): Promise<string> {
  const { readFile } = await import('node:fs/promises');
  try {
    return await readFile(file, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code ?? 'error';
    throw new CliError(`${file}: cannot read the file (${code})`);
  }
}

const isJson = (text: string): boolean => text.trimStart().startsWith('[');

/** A series file: a JSON array of numbers, or CSV with a header, values in the last column. */
async function readSeriesFile(file: string): Promise<Series> {
  const text = await readText(file);
  if (isJson(text)) {
    const values = splitJsonArray(text, file).map(({ text: el, line }) => {
      const v = parseJsonElement(el, file, line);
      if (typeof v !== 'number' || !Number.isFinite(v)) throw new CliError(`${file}:${line}: expected a number, got ${el.slice(0, 40)}`);
      return v;
    });
    if (values.length === 0) throw new CliError(`${file}: the array is empty`);
    return { values, times: null };
  }
  const rows = csvRows(text, file);
  const header = rows.header;
  const timeCol = header.findIndex((h) => TIME_HEADERS.has(h.toLowerCase()));
  const valueCol = header.length - 1;
  if (timeCol === valueCol) throw new CliError(`${file}:${rows.headerLine}: the last column holds the values, but "${header[valueCol]}" is a time column`);
  const values: number[] = [];
  const times: number[] | null = timeCol >= 0 ? [] : null;
  for (const { cells, line } of rows.data) {
    if (cells.length !== header.length) throw new CliError(`${file}:${line}: expected ${header.length} columns like the header, found ${cells.length}`);
    const v = Number(cells[valueCol]);
    if (cells[valueCol]!.trim() === '' || !Number.isFinite(v)) throw new CliError(`${file}:${line}: "${cells[valueCol]}" in column "${header[valueCol]}" is not a number`);
    values.push(v);
    if (times !== null) times.push(parseTime(cells[timeCol]!, file, line, header[timeCol]!));
  }
  if (values.length === 0) throw new CliError(`${file}: no data rows after the header`);
  return { values, times };
}

/** A trades file: JSON array of ClosedTrade objects, or CSV whose header names the fields. */
async function readTradesFile(file: string): Promise<ClosedTrade[]> {
  const text = await readText(file);
  if (isJson(text)) {
    return splitJsonArray(text, file).map(({ text: el, line }) => {
      const obj = parseJsonElement(el, file, line);
      if (typeof obj !== 'object' || obj === null || Array.isArray(obj)) throw new CliError(`${file}:${line}: expected a trade object`);
      const rec = obj as Record<string, unknown>;
      return toTrade((f) => rec[f], file, line);
    });
  }
  const rows = csvRows(text, file);
  const col = new Map(rows.header.map((h, i) => [h, i]));
  for (const f of TRADE_FIELDS) if (!col.has(f)) throw new CliError(`${file}:${rows.headerLine}: the header lacks the column "${f}"`);
  return rows.data.map(({ cells, line }) => {
    if (cells.length !== rows.header.length) throw new CliError(`${file}:${line}: expected ${rows.header.length} columns like the header, found ${cells.length}`);
    return toTrade((f) => cells[col.get(f)!], file, line);
  });
}

function toTrade(get: (field: string) => unknown, file: string, line: number): ClosedTrade {
  const side = String(get('side') ?? '').trim();
  if (side !== 'long' && side !== 'short') throw new CliError(`${file}:${line}: side must be "long" or "short", got "${side}"`);
  const num = (f: string): number => {
    const raw = get(f);
    const v = typeof raw === 'number' ? raw : typeof raw === 'string' && raw.trim() !== '' ? Number(raw) : Number.NaN;
    if (!Number.isFinite(v)) throw new CliError(`${file}:${line}: ${f} is not a number (${JSON.stringify(raw ?? null)})`);
    return v;
  };
  const time = (f: string): number => {
    const raw = get(f);
    if (typeof raw === 'number' && Number.isFinite(raw)) return raw;
    if (typeof raw === 'string') return parseTime(raw, file, line, f);
    throw new CliError(`${file}:${line}: ${f} is missing or not a time`);
  };
  return { side, entryTime: time('entryTime'), entryPrice: num('entryPrice'), exitTime: time('exitTime'), exitPrice: num('exitPrice'), quantity: num('quantity'), fee: num('fee'), pnl: num('pnl') };
}

/** UTC ms as a number, or an ISO 8601 date/time (a time without zone is read as UTC). */
function parseTime(raw: string, file: string, line: number, column: string): number {
  const s = raw.trim();
  if (/^-?\d+(\.\d+)?$/.test(s)) return Number(s);
  const iso = /^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?)?(Z|[+-]\d{2}:?\d{2})?$/.exec(s);
  const t = iso ? Date.parse(iso[4] !== undefined || iso[1] === undefined ? s.replace(' ', 'T') : `${s.replace(' ', 'T')}Z`) : Number.NaN;
  if (!Number.isFinite(t)) throw new CliError(`${file}:${line}: "${raw}" in column "${column}" is not a time (UTC ms or ISO 8601)`);
  return t;
}

function csvRows(text: string, file: string): { header: string[]; headerLine: number; data: { cells: string[]; line: number }[] } {
  const lines = text.split(/\r?\n/);
  let headerLine = 0;
  let header: string[] | null = null;
  const data: { cells: string[]; line: number }[] = [];
  lines.forEach((raw, i) => {
    if (raw.trim() === '') return;
    const cells = raw.split(',').map((c) => c.trim());
    if (header === null) {
      header = cells;
      headerLine = i + 1;
    } else data.push({ cells, line: i + 1 });
  });
  if (header === null) throw new CliError(`${file}: the file is empty`);
  if ((header as string[]).some((h) => h !== '' && Number.isFinite(Number(h)))) throw new CliError(`${file}:${headerLine}: the first line must be a header (column names), found numbers`);
  return { header, headerLine, data };
}

function parseJsonElement(text: string, file: string, line: number): unknown {
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new CliError(`${file}:${line}: not valid JSON (${(err as Error).message.split('\n')[0]})`);
  }
}

/**
 * The top-level elements of a JSON array with the line each starts on, so an error in the 10,000th
 * value can name its line (JSON.parse reports neither line nor, in every Node version, position).
 */
function splitJsonArray(text: string, file: string): { text: string; line: number }[] {
  let i = 0;
  let line = 1;
  const n = text.length;
  const skipWs = (): void => {
    while (i < n && /\s/.test(text[i]!)) {
      if (text[i] === '\n') line++;
      i++;
    }
  };
  skipWs();
  if (text[i] !== '[') throw new CliError(`${file}:${line}: expected "[" to start a JSON array`);
  i++;
  const out: { text: string; line: number }[] = [];
  skipWs();
  if (text[i] === ']') i++;
  else {
    for (;;) {
      skipWs();
      const start = i;
      const startLine = line;
      let depth = 0;
      let inString = false;
      for (; i < n; i++) {
        const ch = text[i]!;
        if (ch === '\n') line++;
        if (inString) {
          if (ch === '\\') i++;
          else if (ch === '"') inString = false;
        } else if (ch === '"') inString = true;
        else if (ch === '{' || ch === '[') depth++;
        else if (ch === '}' || ch === ']') {
          if (depth === 0) break;
          depth--;
        } else if (ch === ',' && depth === 0) break;
      }
      if (i >= n) throw new CliError(`${file}:${line}: the JSON array is not closed (missing "]")`);
      const el = text.slice(start, i).trim();
      if (el === '') throw new CliError(`${file}:${startLine}: empty array element`);
      out.push({ text: el, line: startLine });
      if (text[i++] === ']') break;
    }
  }
  skipWs();
  if (i < n) throw new CliError(`${file}:${line}: unexpected text after the JSON array`);
  return out;
}
