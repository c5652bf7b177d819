import type { Command } from 'commander';
import { action, CliError, parseNumberOption, writeJson, writeLine } from '../output';

/**
 * `marketdesk indicator <name>`: compute one indicator over a candle file and print the last rows
 * (or every bar as JSON, warm-up bars as null).
 */

/** Option name (commander's camelCase) → catalog parameter name. */
const PARAM_OPTIONS = ['period', 'fast', 'slow', 'signal', 'k', 'kPeriod', 'smooth', 'dPeriod', 'sessionHours'] as const;

interface Opts {
  data?: string;
  json?: boolean;
  tail?: string;
  [key: string]: string | boolean | undefined;
}

async function run(name: string, o: Opts): Promise<void> {
  const { findIndicator, computeIndicator } = await import('../../core/indicators');
  const { loadCandleData } = await import('./backtest');
  let spec;
  try {
    spec = findIndicator(name);
  } catch (err) {
    throw new CliError((err as Error).message);
  }
  const given: Record<string, number> = {};
  for (const key of PARAM_OPTIONS) {
    const raw = o[key];
    if (typeof raw !== 'string') continue;
    const flag = key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
    if (!spec.params.some((p) => p.name === key)) {
      throw new CliError(`--${flag} is not a parameter of ${spec.name} (it takes: ${spec.params.map((p) => `--${p.name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`).join(', ')})`);
    }
    given[key] = parseNumberOption(flag, raw)!;
  }
  const tail = parseNumberOption('tail', o.tail, { min: 1, integer: true }) ?? 10;
  const data = await loadCandleData(o.data);
  let result;
  try {
    result = computeIndicator(spec.name, data.series, given);
  } catch (err) {
    throw new CliError((err as Error).message);
  }
  const { time } = data.series;
  const n = time.length;
  const names = spec.outputs;
  const value = (x: number) => (Number.isNaN(x) ? null : x);
  if (o.json) {
    const rows = new Array(n);
    for (let i = 0; i < n; i++) {
      const row: Record<string, number | null> = { time: time[i]! };
      for (const k of names) row[k] = value(result.outputs[k]![i]!);
      rows[i] = row;
    }
    writeJson({ indicator: spec.name, params: result.params, source: data.source, bars: n, outputs: names, values: rows });
    return;
  }
  writeLine(`${spec.title} ${JSON.stringify(result.params)} over ${n} bars of ${data.source}`);
  writeLine(['time (UTC)'.padEnd(17), ...names.map((k) => k.padStart(14))].join(' '));
  for (let i = Math.max(0, n - tail); i < n; i++) {
    const cells = names.map((k) => {
      const v = result.outputs[k]![i]!;
      return (Number.isNaN(v) ? '–' : v.toFixed(4)).padStart(14);
    });
    writeLine([new Date(time[i]!).toISOString().slice(0, 16).replace('T', ' ').padEnd(17), ...cells].join(' '));
  }
}

export function register(program: Command): void {
  program
    .command('indicator')
    .description('Compute an indicator (sma, ema, rsi, macd, bollinger, atr, stochastic, adx, vwap, roc) over candles')
    .argument('<name>', 'indicator name')
    .option('--data <file>', 'candle file, CSV or JSON (default: the embedded BTC/USDT 1h 2021 data)')
    .option('--period <n>', 'look-back (sma, ema, rsi, bollinger, atr, adx, roc)')
    .option('--fast <n>', 'macd fast EMA period (12)')
    .option('--slow <n>', 'macd slow EMA period (26)')
    .option('--signal <n>', 'macd signal period (9)')
    .option('--k <n>', 'bollinger band width in standard deviations (2)')
    .option('--k-period <n>', 'stochastic %K look-back (14)')
    .option('--smooth <n>', 'stochastic %K smoothing (1 = fast)')
    .option('--d-period <n>', 'stochastic %D period (3)')
    .option('--session-hours <h>', 'vwap session length in hours (0 = cumulative, 24 = daily)')
    .option('--tail <n>', 'rows to print without --json (default 10)')
    .option('--json', 'print every bar as JSON on stdout (warm-up bars as null)')
    .action(action((name: string, o: Opts) => run(name, o)));
}
