import type { Command } from 'commander';
import { register as keys } from './keys';
import { register as book } from './book';
import { register as serve } from './serve';

/**
 * Every CLI command. A command module exports `register(program)` and is listed here once; the
 * module does its own heavy imports lazily inside its action so `--help` stays fast.
 */
export type RegisterCommand = (program: Command) => void;

export const commands: RegisterCommand[] = [
  serve,
  keys,
  book,
];
