import type { Command } from 'commander';
import { action, CliError, parseNumberOption, writeJson, writeLine } from '../output';

interface ReplayFlags {
  exchange: string;
  stream: string;
  snapshot?: string;
  depth?: string;
  speed?: string;
  symbol?: string;
  tickSize?: string;
  json?: boolean;
}

function parseSpeed(raw: string | undefined): number | 'max' {
  if (raw === undefined || raw === 'max') return 'max';
  const value = parseNumberOption('speed', raw, { min: Number.MIN_VALUE });
  if (value === undefined || !(value > 0)) throw new CliError(`--speed: "${raw}" must be a positive number or "max"`);
  return value;
}

async function replay(flags: ReplayFlags): Promise<void> {
  const { createReadStream, existsSync, readFileSync } = await import('node:fs');
  const { createInterface } = await import('node:readline');
  const { checkTickSize, EXCHANGE_PROFILES, replayRecording, supportedExchanges } = await import('../../core/orderbook');
  if (!(flags.exchange in EXCHANGE_PROFILES)) throw new CliError(`--exchange: "${flags.exchange}" is not supported (use one of ${supportedExchanges().join(', ')})`);
  const depth = parseNumberOption('depth', flags.depth, { min: 1, integer: true }) ?? 10;
  const speed = parseSpeed(flags.speed);
  const tickSize = parseNumberOption('tick-size', flags.tickSize);
  if (tickSize !== undefined) {
    try {
      checkTickSize(tickSize);
    } catch (err) {
      throw new CliError(`--tick-size: ${err instanceof Error ? err.message : String(err)}`);
    }
  }
  if (!existsSync(flags.stream)) throw new CliError(`--stream: file not found: ${flags.stream}`);
  let snapshot: unknown;
  if (flags.snapshot !== undefined) {
    if (!existsSync(flags.snapshot)) throw new CliError(`--snapshot: file not found: ${flags.snapshot}`);
    try {
      snapshot = JSON.parse(readFileSync(flags.snapshot, 'utf8'));
    } catch (err) {
      throw new CliError(`--snapshot: ${flags.snapshot} is not valid JSON (${err instanceof Error ? err.message : String(err)})`);
    }
  }
  const lines = createInterface({ input: createReadStream(flags.stream, 'utf8'), crlfDelay: Infinity });
  const pacer = { now: () => performance.now(), sleep: (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)) };
  let report;
  try {
    report = await replayRecording(lines, { exchange: flags.exchange, snapshot, symbol: flags.symbol, depth, tickSize, speed, pacer });
  } catch (err) {
    // A snapshot that cannot be read is the user's input problem, not a crash.
    throw new CliError(`${flags.snapshot ?? flags.stream}: ${err instanceof Error ? err.message : String(err)}`);
  }
  if (flags.json) {
    writeJson(report);
    return;
  }
  writeLine(`${report.exchange} ${report.symbol ?? '(no book messages)'}: ${report.messagesRead} messages, ${report.deltasApplied} deltas applied, ${report.snapshotsApplied} snapshots`);
  writeLine(`stale dropped ${report.staleDropped}, gaps ${report.gaps}, resyncs requested ${report.resyncRequests} (completed ${report.resyncsCompleted})`);
  writeLine(`checksums ${report.checksums.checked} checked / ${report.checksums.mismatched} mismatched; best-price checks ${report.bestPriceChecks.made} / ${report.bestPriceChecks.mismatched} mismatched; crossed ${report.crossedBooks}`);
  writeLine(`bad input: ${report.malformedLines} malformed lines, ${report.invalidMessages} invalid messages, ${report.unknownSymbol} unknown symbol`);
  writeLine(`final state ${report.finalState}, last sequence id ${report.lastSequenceId ?? '-'}`);
  const rows = Math.max(report.top.bids.length, report.top.asks.length);
  for (let i = 0; i < rows; i++) {
    const b = report.top.bids[i];
    const a = report.top.asks[i];
    writeLine(`${(b ? `${b[1]} @ ${b[0]}` : '').padStart(28)}  |  ${a ? `${a[0]} x ${a[1]}` : ''}`);
  }
  for (const p of report.problems) writeLine(`! ${p}`);
}

export function register(program: Command): void {
  const book = program.command('book').description('local order books: replay recorded exchange feeds');
  book
    .command('replay')
    .description('replay a recorded WebSocket book feed (JSONL) through the sequence and checksum rules')
    .requiredOption('--exchange <id>', 'ccxt exchange id: binance, binanceus, binanceusdm, binancecoinm, okx, bybit, bitget')
    .requiredOption('--stream <file>', 'JSONL recording: raw messages or {"recv_time": s, "data": raw} per line')
    .option('--snapshot <file>', "the exchange's REST depth response (needed for Binance)")
    .option('--symbol <symbol>', 'unified symbol to follow (default: the first book message)')
    .option('--depth <n>', 'levels per side in the report', '10')
    .option('--tick-size <x>', "the market's price tick (e.g. 0.01): levels looked up by tick, same results")
    .option('--speed <x>', 'replay pace: 1 (recorded), N (N times faster) or max', 'max')
    .option('--json', 'print the report as JSON')
    .action(action((flags: ReplayFlags) => replay(flags)));
}
