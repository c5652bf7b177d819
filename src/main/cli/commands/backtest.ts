import type { Command } from 'commander';
import type { CandleSeries } from '../../../shared/domain/market';
import type { BacktestManifest, BacktestReport, FeeSpec } from '../../core/backtest';
import type { Sizing } from '../../core/strategy';
import { action, CliError, createProgressLine, parseNumberOption, writeJson } from '../output';

/**
 * `marketdesk backtest`: run a built-in strategy over a candle file (default: the shipped BTC/USDT
 * 1h 2021 data), priced by a flat fee or a fee-schedule tier, and print a report or JSON. Every run
 * carries a manifest; `--manifest FILE` re-runs one and reproduces its output byte for byte.
 */

export const DEFAULT_DATASET = 'binance_spot_BTCUSDT_1h_2021.csv';
const EMBEDDED = 'embedded:';

export interface LoadedData {
  series: CandleSeries;
  /** The name recorded in manifests: `embedded:<file>` or an absolute path. */
  source: string;
}

/** Reads and validates a candle file (or the shipped default); errors carry file:line: field. */
export async function loadCandleData(data: string | undefined): Promise<LoadedData> {
  const fs = await import('node:fs');
  const path = await import('node:path');
  const { resourcesDir } = await import('../../paths');
  const { parseCandles } = await import('../../core/candles');
  let file: string;
  let source: string;
  if (data === undefined || data.startsWith(EMBEDDED)) {
    const name = data === undefined ? DEFAULT_DATASET : data.slice(EMBEDDED.length);
    file = path.join(resourcesDir(), 'data', path.basename(name));
    source = `${EMBEDDED}${path.basename(name)}`;
  } else if (data.startsWith('db:')) {
    return loadStoredCandles(data);
  } else {
    file = path.resolve(data);
    source = file;
  }
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (err) {
    throw new CliError(`cannot read ${file}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
  }
  try {
    return { series: parseCandles(text, { source: file }).series, source };
  } catch (err) {
    throw new CliError((err as Error).message);
  }
}

/**
 * `db:EXCHANGE:SYMBOL:TF` from the app's candle store (MARKETDESK_DATA_DIR or the desktop app's
 * data folder). The embedded default is imported first if this store has never seen it.
 */
async function loadStoredCandles(data: string): Promise<LoadedData> {
  const { isTimeframe } = await import('../../../shared/domain/market');
  const { parseSeriesName, DatasetService } = await import('../../services/dataset-service');
  const key = parseSeriesName(data);
  if (!key || !isTimeframe(key.timeframe)) throw new CliError(`--data ${data}: use db:EXCHANGE:SYMBOL:TF, e.g. db:binance:BTC/USDT:1h`);
  const path = await import('node:path');
  const { defaultDataDir } = await import('../../paths');
  const { openDatabase } = await import('../../adapters/persistence/database');
  const { SqliteCandleStore } = await import('../../adapters/persistence/candle-store');
  const { embeddedDataset } = await import('../../embedded-dataset');
  const { silentLogger } = await import('../../ports/logger');
  const file = path.join(defaultDataDir(), 'marketdesk.db');
  let db;
  try {
    db = openDatabase(file);
  } catch (err) {
    throw new CliError(`cannot open the candle store ${file}: ${(err as Error).message}`);
  }
  try {
    const datasets = new DatasetService(new SqliteCandleStore(db), embeddedDataset(), silentLogger);
    try {
      return { series: datasets.load(key), source: data };
    } catch (err) {
      throw new CliError(`--data ${data}: ${(err as Error).message} (${file})`);
    }
  } finally {
    db.close();
  }
}

/** `--from`/`--to`: ISO date/time or epoch; a bare date as `--to` includes that whole day. */
export async function parseRange(from: string | undefined, to: string | undefined): Promise<{ from: number | null; to: number | null }> {
  const { parseTimestamp } = await import('../../core/candles');
  const one = (name: string, raw: string | undefined, end: boolean): number | null => {
    if (raw === undefined) return null;
    let t;
    try {
      t = parseTimestamp(raw);
    } catch (err) {
      throw new CliError(`--${name}: ${(err as Error).message}`);
    }
    if (!t) throw new CliError(`--${name}: "${raw}" is not a date (use YYYY-MM-DD, an ISO time or epoch ms)`);
    return end && /^\d{4}-\d{2}-\d{2}$/.test(raw.trim()) ? t.ms + 86_400_000 : t.ms;
  };
  const range = { from: one('from', from, false), to: one('to', to, true) };
  if (range.from !== null && range.to !== null && range.from >= range.to) throw new CliError(`--from must be before --to`);
  return range;
}

function parseJsonOption(name: string, raw: string): unknown {
  try {
    return JSON.parse(raw);
  } catch (err) {
    throw new CliError(`--${name}: not valid JSON (${(err as Error).message})`);
  }
}

function parseSizingOption(raw: string): Sizing {
  const [kind, a, b, c] = raw.split(':');
  const num = (v: string | undefined, what: string) => {
    const x = Number(v);
    if (v === undefined || v === '' || !Number.isFinite(x)) throw new CliError(`--sizing ${raw}: ${what} must be a number`);
    return x;
  };
  if (kind === 'fixed') return { kind, quantity: num(a, 'the quantity') };
  if (kind === 'percent') return { kind, percent: num(a, 'the percent') };
  if (kind === 'kelly') return { kind, cap: num(a ?? '0.25', 'the cap'), minTrades: num(b ?? '20', 'minTrades'), fallbackPercent: num(c ?? '10', 'fallbackPercent') };
  throw new CliError(`--sizing ${raw}: use fixed:QTY, percent:P or kelly:CAP[:MIN_TRADES[:FALLBACK_PERCENT]]`);
}

interface Opts {
  data?: string;
  strategy: string;
  params?: string;
  capital?: string;
  feeExchange?: string;
  feeMarket?: string;
  feeTier?: string;
  feeRate?: string;
  slippageBps?: string;
  sizing?: string;
  from?: string;
  to?: string;
  manifest?: string;
  saveManifest?: string;
  json?: boolean;
}

async function readJsonFile(file: string, what: string): Promise<unknown> {
  const fs = await import('node:fs');
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (err) {
    throw new CliError(`cannot read ${what} ${file}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
  }
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new CliError(`${what} ${file} is not valid JSON: ${(err as Error).message}`);
  }
}

async function feesFromOptions(o: Opts): Promise<FeeSpec> {
  const { flatFees, scheduleFees } = await import('../../core/backtest');
  const rate = parseNumberOption('fee-rate', o.feeRate, { min: 0 });
  if (o.feeExchange !== undefined) {
    if (rate !== undefined) throw new CliError('give either --fee-rate or --fee-exchange/--fee-market/--fee-tier, not both');
    const market = o.feeMarket ?? 'spot';
    if (market !== 'spot' && market !== 'futures') throw new CliError(`--fee-market: "${market}" is not spot or futures`);
    try {
      return scheduleFees({ exchange: o.feeExchange, marketType: market, vipLevel: o.feeTier });
    } catch (err) {
      throw new CliError((err as Error).message);
    }
  }
  if (o.feeTier !== undefined || o.feeMarket !== undefined) throw new CliError('--fee-market/--fee-tier need --fee-exchange');
  try {
    return flatFees(rate ?? 0.001);
  } catch (err) {
    throw new CliError(`--fee-rate: ${(err as Error).message}`);
  }
}

/** Strategy by name, or a JSON file `{ "strategy": NAME, "params": {…}, "sizing": {…} }`. */
async function strategyFromOptions(o: Opts): Promise<{ name: string; params: Record<string, unknown>; sizing?: Sizing }> {
  const { parseSizing } = await import('../../core/backtest');
  let name = o.strategy;
  let params: Record<string, unknown> = {};
  let sizing: Sizing | undefined;
  if (name.toLowerCase().endsWith('.json')) {
    const doc = await readJsonFile(name, 'strategy file');
    if (doc === null || typeof doc !== 'object' || typeof (doc as { strategy?: unknown }).strategy !== 'string') {
      throw new CliError(`strategy file ${name}: expected { "strategy": "<name>", "params": { … }, "sizing": { … } }`);
    }
    const d = doc as { strategy: string; params?: Record<string, unknown>; sizing?: unknown };
    name = d.strategy;
    params = { ...(d.params ?? {}) };
    try {
      if (d.sizing !== undefined) sizing = parseSizing(d.sizing, `strategy file ${o.strategy}: sizing`);
    } catch (err) {
      throw new CliError((err as Error).message);
    }
  }
  if (o.params !== undefined) {
    const p = parseJsonOption('params', o.params);
    if (p === null || typeof p !== 'object' || Array.isArray(p)) throw new CliError('--params must be a JSON object, e.g. {"rsiPeriod":14}');
    params = { ...params, ...(p as Record<string, unknown>) };
  }
  if (o.sizing !== undefined) sizing = parseSizingOption(o.sizing);
  return { name, params, sizing };
}

async function replay(o: Opts): Promise<{ manifest: BacktestManifest; series: CandleSeries }> {
  const { parseManifest, verifyFeeSpec } = await import('../../core/backtest');
  const { datasetHash, sliceSeries } = await import('../../core/candles');
  const conflicting = (['strategy', 'params', 'capital', 'feeExchange', 'feeMarket', 'feeTier', 'feeRate', 'slippageBps', 'sizing', 'from', 'to'] as const).filter(
    (k) => o[k] !== undefined && !(k === 'strategy' && o.strategy === 'rsi-reversal'),
  );
  if (conflicting.length > 0) throw new CliError(`--manifest fixes every run setting; drop ${conflicting.map((k) => `--${k.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`).join(', ')}`);
  let manifest: BacktestManifest;
  try {
    manifest = parseManifest(await readJsonFile(o.manifest!, 'manifest'));
    verifyFeeSpec(manifest.fees);
  } catch (err) {
    throw err instanceof CliError ? err : new CliError(`${o.manifest}: ${(err as Error).message}`);
  }
  const data = await loadCandleData(o.data ?? manifest.dataset.source);
  const series = sliceSeries(data.series, manifest.dataset.from ?? -Infinity, manifest.dataset.to ?? Infinity);
  const hash = datasetHash(series);
  if (hash !== manifest.dataset.hash) {
    throw new CliError(`the data differs from the manifest's: ${data.source} hashes to ${hash}, the manifest recorded ${manifest.dataset.hash}`);
  }
  return { manifest, series };
}

async function run(o: Opts): Promise<void> {
  const { runBacktest } = await import('../../core/backtest');
  const { sliceSeries } = await import('../../core/candles');
  let input: Parameters<typeof runBacktest>[0];
  if (o.manifest !== undefined) {
    const { manifest, series } = await replay(o);
    input = {
      series,
      datasetSource: manifest.dataset.source,
      from: manifest.dataset.from,
      to: manifest.dataset.to,
      strategy: manifest.strategy.name,
      params: manifest.strategy.params,
      capital: manifest.capital,
      fees: manifest.fees,
      slippageBps: manifest.slippageBps,
      sizing: manifest.sizing,
    };
  } else {
    const fees = await feesFromOptions(o);
    const strat = await strategyFromOptions(o);
    const capital = parseNumberOption('capital', o.capital, { min: Number.MIN_VALUE }) ?? 10_000;
    const slippageBps = parseNumberOption('slippage-bps', o.slippageBps, { min: 0 }) ?? 0;
    const range = await parseRange(o.from, o.to);
    const data = await loadCandleData(o.data);
    const series = sliceSeries(data.series, range.from ?? -Infinity, range.to ?? Infinity);
    input = { series, datasetSource: data.source, ...range, strategy: strat.name, params: strat.params, capital, fees, slippageBps, sizing: strat.sizing };
  }
  const progress = o.json ? null : createProgressLine('backtest');
  let report: BacktestReport;
  try {
    report = runBacktest({ ...input, progressEvery: 1024, onProgress: progress ? (d, t) => progress.update(d, t) : undefined });
  } catch (err) {
    throw new CliError((err as Error).message);
  } finally {
    progress?.end();
  }
  if (o.saveManifest !== undefined) {
    const fs = await import('node:fs');
    fs.writeFileSync(o.saveManifest, `${JSON.stringify(report.manifest, null, 2)}\n`);
  }
  if (o.json) writeJson(report);
  else (await import('./backtest-report')).printReport(report);
}

export function register(program: Command): void {
  program
    .command('backtest')
    .description('Backtest a strategy on candles (default: the shipped Binance BTC/USDT 1h 2021 data)')
    .option('--data <file>', 'candle file (CSV or JSON), or db:EXCHANGE:SYMBOL:TF from the candle store (default: the embedded dataset)')
    .option('--strategy <name|file.json>', 'rsi-reversal | ema-cross | macd-cross | bollinger-reversion, or a JSON file {strategy, params, sizing}', 'rsi-reversal')
    .option('--params <json>', 'strategy parameters as JSON, e.g. {"rsiPeriod":14,"oversold":25}')
    .option('--capital <amount>', 'starting capital in quote currency (default 10000)')
    .option('--fee-exchange <exchange>', 'price fees from this exchange’s schedule (binance, bybit, okx, bitget, bingx)')
    .option('--fee-market <market>', 'spot or futures (with --fee-exchange; default spot)')
    .option('--fee-tier <tier>', 'VIP tier as the exchange writes it (with --fee-exchange; default the entry tier)')
    .option('--fee-rate <rate>', 'flat fee rate for maker and taker, as a fraction (default 0.001)')
    .option('--slippage-bps <bps>', 'adverse slippage on market and stop fills, in basis points (default 0)')
    .option('--sizing <spec>', 'fixed:QTY | percent:P | kelly:CAP[:MIN_TRADES[:FALLBACK_PERCENT]] (default percent:100)')
    .option('--from <date>', 'first bar to include (ISO date/time or epoch ms)')
    .option('--to <date>', 'end of the range, exclusive (a bare YYYY-MM-DD includes that day)')
    .option('--manifest <file>', 're-run a saved manifest (reproduces the result byte for byte)')
    .option('--save-manifest <file>', 'write this run’s manifest to a file')
    .option('--json', 'print the full result as JSON on stdout')
    .action(action((o: Opts) => run(o)));
}
