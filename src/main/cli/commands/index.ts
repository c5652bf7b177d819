import type { Command } from 'commander';
import { register as keys } from './keys';
import { register as book } from './book';
import { register as serve } from './serve';
import { register as metrics } from './metrics';
import { register as fees } from './fees';
import { register as venue } from './venue';
import { register as backtest } from './backtest';
import { register as indicator } from './indicator';
import { register as candles } from './candles';

/**
 * Every CLI command. A command module exports `register(program)` and is listed here once; the
 * module does its own heavy imports lazily inside its action so `--help` stays fast.
 */
export type RegisterCommand = (program: Command) => void;

export const commands: RegisterCommand[] = [
  serve,
  keys,
  book,
  metrics,
  fees,
  venue,
  backtest,
  indicator,
  candles,
];
