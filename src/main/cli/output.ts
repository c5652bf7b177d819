/**
 * CLI output discipline: with --json, stdout carries exactly one JSON document and nothing else;
 * human-readable text and progress go to stderr. Bad input ends the process with one line on stderr
 * and a non-zero exit code.
 */

export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode = 2,
  ) {
    super(message);
    this.name = 'CliError';
  }
}

export function writeJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}

export function writeLine(text = ''): void {
  process.stdout.write(`${text}\n`);
}

/** Wraps a commander action so every failure becomes one line on stderr and a non-zero exit. */
export function action<A extends unknown[]>(fn: (...args: A) => unknown | Promise<unknown>): (...args: A) => Promise<void> {
  return async (...args: A) => {
    try {
      await fn(...args);
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      process.stderr.write(`marketdesk: ${message.split('\n')[0]}\n`);
      process.exitCode = err instanceof CliError ? err.exitCode : 1;
    }
  };
}

/**
 * A progress line on stderr. On a TTY it rewrites itself; elsewhere it prints at most one line per
 * 10% so logs stay readable.
 */
export function createProgressLine(label: string): { update(done: number, total: number): void; end(): void } {
  const tty = process.stderr.isTTY === true;
  let lastDecile = -1;
  return {
    update(done, total) {
      const pct = total > 0 ? Math.min(100, Math.floor((done / total) * 100)) : 0;
      if (tty) {
        const width = 30;
        const filled = Math.round((pct / 100) * width);
        process.stderr.write(`\r${label} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${pct}%`);
      } else {
        const decile = Math.floor(pct / 10);
        if (decile !== lastDecile) {
          lastDecile = decile;
          process.stderr.write(`${label} ${pct}%\n`);
        }
      }
    },
    end() {
      if (tty) process.stderr.write('\n');
    },
  };
}

/** Parses a numeric option, naming the option in the error. */
export function parseNumberOption(name: string, raw: string | undefined, opts: { min?: number; integer?: boolean } = {}): number | undefined {
  if (raw === undefined) return undefined;
  const value = Number(raw);
  if (raw.trim() === '' || !Number.isFinite(value)) throw new CliError(`--${name}: "${raw}" is not a number`);
  if (opts.integer && !Number.isInteger(value)) throw new CliError(`--${name}: "${raw}" is not a whole number`);
  if (opts.min !== undefined && value < opts.min) throw new CliError(`--${name}: ${raw} is below the minimum ${opts.min}`);
  return value;
}
