import type { Command } from 'commander';
import type { RequestChannel, Result } from '../../../shared/contract';
import { action, CliError, writeJson, writeLine } from '../output';

interface CommonOpts {
  dataDir?: string;
  json?: boolean;
}

/** Calls one contract channel on a core opened for this command, exactly as the UI would. */
async function call(channel: RequestChannel, payload: unknown, opts: CommonOpts): Promise<unknown> {
  const path = await import('node:path');
  const { defaultDataDir } = await import('../../paths');
  const { createAppCore } = await import('../../composition');
  const core = createAppCore({ dataDir: opts.dataDir ? path.resolve(opts.dataDir) : defaultDataDir(), mode: 'serve' });
  try {
    const r: Result<unknown> = await core.server.handle(channel, payload, { sessionId: 'cli', transport: 'cli' });
    if (!r.ok) throw new CliError(r.error.message, 1);
    return r.value;
  } finally {
    core.close();
  }
}

async function readStdin(): Promise<string> {
  if (process.stdin.isTTY) throw new CliError('keys add reads the credentials from standard input (never from the command line, where other users could see them); pipe them in');
  let text = '';
  for await (const chunk of process.stdin) text += chunk;
  return text;
}

/** `{"apiKey","secret","password"?}` as JSON, or apiKey, secret and password on separate lines. */
function parseCredentials(text: string): { apiKey: string; secret: string; password?: string; uid?: string } {
  const trimmed = text.trim();
  if (trimmed.startsWith('{')) {
    try {
      return JSON.parse(trimmed) as { apiKey: string; secret: string; password?: string };
    } catch {
      throw new CliError('standard input: the credentials look like JSON but do not parse');
    }
  }
  const [apiKey = '', secret = '', password] = trimmed.split(/\r?\n/).map((l) => l.trim());
  return { apiKey, secret, ...(password ? { password } : {}) };
}

export function register(program: Command): void {
  const keys = program.command('keys').description('Manage exchange API keys (stored in the OS keychain; only metadata in the database)');
  const common = (c: Command) => c.option('--data-dir <dir>', "the app's data folder (default: the desktop app's)").option('--json', 'machine-readable output');

  common(keys.command('list').description('List stored API keys (never shows a secret)')).action(
    action(async (opts: CommonOpts) => {
      const list = (await call('keys.list', {}, opts)) as { exchangeId: string; label: string; hasSecret: boolean; createdAt: number }[];
      if (opts.json) return writeJson(list);
      if (list.length === 0) return writeLine('No API keys stored.');
      for (const k of list) writeLine(`${k.exchangeId}\t${k.label}\t${k.hasSecret ? 'in keychain' : 'MISSING from keychain'}\t${new Date(k.createdAt).toISOString()}`);
    }),
  );

  common(
    keys
      .command('add')
      .description('Add an API key; credentials are read from standard input (JSON or apiKey/secret/password lines)')
      .requiredOption('--exchange <id>', 'ccxt exchange id, e.g. binance')
      .requiredOption('--label <label>', 'a name for this key, e.g. main'),
  ).action(
    action(async (opts: CommonOpts & { exchange: string; label: string }) => {
      const creds = parseCredentials(await readStdin());
      const info = await call('keys.add', { exchangeId: opts.exchange, label: opts.label, ...creds }, opts);
      if (opts.json) return writeJson(info);
      writeLine(`Stored ${opts.exchange}:${opts.label} in the OS keychain.`);
    }),
  );

  common(
    keys
      .command('remove')
      .description('Delete an API key from the keychain and the database')
      .requiredOption('--exchange <id>', 'ccxt exchange id')
      .requiredOption('--label <label>', 'the key label'),
  ).action(
    action(async (opts: CommonOpts & { exchange: string; label: string }) => {
      const r = (await call('keys.delete', { exchangeId: opts.exchange, label: opts.label }, opts)) as { deleted: boolean };
      if (opts.json) return writeJson(r);
      if (!r.deleted) throw new CliError(`no key ${opts.exchange}:${opts.label} is stored`, 1);
      writeLine(`Deleted ${opts.exchange}:${opts.label}.`);
    }),
  );
}
