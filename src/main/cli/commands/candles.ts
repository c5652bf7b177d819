import type { Command } from 'commander';
import { action, CliError, createProgressLine, writeJson, writeLine } from '../output';

interface CommonOpts {
  dataDir?: string;
  json?: boolean;
}

interface DownloadOpts extends CommonOpts {
  exchange: string;
  account?: string;
  demo?: boolean;
  symbol: string;
  timeframe: string;
  from: string;
  to?: string;
}

async function openCore(dataDir: string | undefined) {
  const path = await import('node:path');
  const { defaultDataDir } = await import('../../paths');
  const { createAppCore } = await import('../../composition');
  const { silentLogger } = await import('../../ports/logger');
  return createAppCore({ dataDir: dataDir ? path.resolve(dataDir) : defaultDataDir(), mode: 'serve', logger: silentLogger });
}

function describeError(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

async function download(opts: DownloadOpts): Promise<void> {
  const { isTimeframe } = await import('../../../shared/domain/market');
  const { DownloadInput } = await import('../../../shared/contract/backtest-schemas');
  const { parseRange } = await import('./backtest');
  if (!isTimeframe(opts.timeframe)) throw new CliError(`--timeframe ${opts.timeframe}: not a timeframe Marketdesk knows (1m … 1w)`);
  const range = await parseRange(opts.from, opts.to);
  const parsed = DownloadInput.safeParse({ exchangeId: opts.exchange, account: opts.account ?? null, demo: opts.demo === true, symbol: opts.symbol, timeframe: opts.timeframe, from: range.from, to: range.to });
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new CliError(`--${String(issue.path[0] ?? 'input')}: ${issue.message}`);
  }
  const input = parsed.data;
  const { DownloadCancelled } = await import('../../services/candle-download');
  const core = await openCore(opts.dataDir);
  const controller = new AbortController();
  // The first Ctrl-C stops between pages (what is stored stays); the process then exits on its own.
  const onSigint = () => {
    process.stderr.write('\ncancelling after the page in flight…\n');
    controller.abort();
  };
  process.once('SIGINT', onSigint);
  const progress = createProgressLine(`downloading ${input.symbol} ${input.timeframe}`);
  try {
    const out = await core.downloads.run(
      { source: { exchangeId: input.exchangeId, account: input.account, demo: input.demo }, symbol: input.symbol, timeframe: input.timeframe, from: input.from, to: input.to },
      { signal: controller.signal, onPage: (s) => progress.update(Math.round(s.percent * 10), 1000) },
    );
    progress.end();
    const d = out.dataset;
    const name = d ? `db:${d.exchange}:${d.symbol}:${d.timeframe}` : null;
    if (opts.json) {
      writeJson({ dataset: name, pages: out.pages, bars: out.bars, ranges: out.ranges, stored: d ? { bars: d.bars, firstTime: d.firstTime, lastTime: d.lastTime } : null });
    } else if (out.pages === 0) {
      writeLine(`${name ?? 'the store'} already holds every closed bar of this range; nothing downloaded`);
    } else {
      writeLine(`${out.bars} bar(s) in ${out.pages} page(s) → ${name} (now ${d!.bars} bars, ${new Date(d!.firstTime!).toISOString()} … ${new Date(d!.lastTime!).toISOString()})`);
    }
  } catch (err) {
    progress.end();
    if (err instanceof DownloadCancelled) {
      process.stderr.write(`marketdesk: download ${err.message}\n`);
      process.exitCode = 130;
      return;
    }
    throw new CliError(describeError(err), 1);
  } finally {
    process.removeListener('SIGINT', onSigint);
    await core.close();
  }
}

async function list(opts: CommonOpts): Promise<void> {
  const core = await openCore(opts.dataDir);
  try {
    const all = core.datasets.list();
    if (opts.json) {
      writeJson(all.map(({ gaps, ...d }) => ({ name: `db:${d.exchange}:${d.symbol}:${d.timeframe}`, ...d, missingBars: gaps.missingBars, gapCount: gaps.gapCount })));
      return;
    }
    if (all.length === 0) writeLine('no datasets in the candle store');
    for (const d of all) {
      const span = d.firstTime !== null && d.lastTime !== null ? `${new Date(d.firstTime).toISOString()} … ${new Date(d.lastTime).toISOString()}` : 'empty';
      writeLine(`db:${d.exchange}:${d.symbol}:${d.timeframe}  ${d.origin}  ${d.bars} bars  ${span}  ${d.gaps.missingBars} missing in ${d.gaps.gapCount} gap(s)`);
    }
  } finally {
    await core.close();
  }
}

async function exportCsv(opts: CommonOpts & { data: string; out?: string; from?: string; to?: string }): Promise<void> {
  const { parseSeriesName } = await import('../../services/dataset-service');
  const { isTimeframe } = await import('../../../shared/domain/market');
  const { parseRange } = await import('./backtest');
  const key = parseSeriesName(opts.data);
  if (!key || !isTimeframe(key.timeframe)) throw new CliError(`--data ${opts.data}: use db:EXCHANGE:SYMBOL:TF, e.g. db:binance:BTC/USDT:1h`);
  const range = await parseRange(opts.from, opts.to);
  const core = await openCore(opts.dataDir);
  try {
    let r;
    try {
      r = core.datasets.exportCsv(key, range.from, range.to);
    } catch (err) {
      throw new CliError(`--data ${opts.data}: ${describeError(err)}`, 1);
    }
    if (opts.out) {
      const fs = await import('node:fs');
      fs.writeFileSync(opts.out, r.csv);
      process.stderr.write(`${r.bars} bar(s) written to ${opts.out}\n`);
    } else {
      process.stdout.write(r.csv);
    }
  } finally {
    await core.close();
  }
}

export function register(program: Command): void {
  const candles = program.command('candles').description('the candle store: download through the exchange hub, list, export');
  candles
    .command('download')
    .description('download closed candles with ccxt fetchOHLCV (paged, rate-limited, resuming where the store ends); Ctrl-C stops between pages')
    .requiredOption('--exchange <id>', 'ccxt exchange id, e.g. binance')
    .option('--account <label>', 'API key label to use (public data needs none)')
    .option('--demo', 'use the local demo venue standing in for the exchange (stored as EXCHANGE-demo)')
    .requiredOption('--symbol <symbol>', 'unified symbol, e.g. BTC/USDT')
    .requiredOption('--timeframe <tf>', 'bar size: 1m 3m 5m 15m 30m 1h 2h 4h 6h 8h 12h 1d 3d 1w')
    .requiredOption('--from <date>', 'first bar (ISO date/time or epoch)')
    .option('--to <date>', 'end (exclusive; a bare date includes that day; default now)')
    .option('--data-dir <dir>', "the app's data folder (default: the desktop app's)")
    .option('--json', 'machine-readable output')
    .action(action(download));
  candles
    .command('list')
    .description('datasets in the candle store')
    .option('--data-dir <dir>', "the app's data folder (default: the desktop app's)")
    .option('--json', 'machine-readable output')
    .action(action(list));
  candles
    .command('export')
    .description('a stored dataset as CSV (stdout, or --out FILE)')
    .requiredOption('--data <name>', 'db:EXCHANGE:SYMBOL:TF')
    .option('--from <date>', 'first bar (ISO date/time or epoch)')
    .option('--to <date>', 'end (exclusive; a bare date includes that day)')
    .option('--out <file>', 'write to this file instead of stdout')
    .option('--data-dir <dir>', "the app's data folder (default: the desktop app's)")
    .action(action(exportCsv));
}
