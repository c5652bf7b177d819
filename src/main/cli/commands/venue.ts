import type { Command } from 'commander';
import { action, CliError, parseNumberOption, writeLine } from '../output';

interface VenueCliOptions {
  port?: string;
  host: string;
  seed: string;
  data?: string[];
  apiKey?: string;
  secret?: string;
  speed?: string;
  faults?: string;
}

/** `marketdesk venue`: the local Binance-compatible venue, until SIGINT/SIGTERM. */
export function register(program: Command): void {
  program
    .command('venue')
    .description('run the local Binance-compatible venue (REST + WebSocket) replaying real candles')
    .option('--port <n>', 'port to listen on (0 picks a free one)', '0')
    .option('--host <addr>', 'address to bind (loopback by default)', '127.0.0.1')
    .option('--seed <n>', 'seed of the market generator: the same seed replays the same stream', '1')
    .option('--data <file...>', 'candle CSV(s) to replay (default: the shipped BTC/USDT and ETH/USDT 1h 2021)')
    .option('--speed <seconds>', 'wall-clock seconds per replayed candle', '60')
    .option('--api-key <key>', 'API key the venue accepts (default: the documented demo key)')
    .option('--secret <secret>', 'secret the venue verifies signatures with (default: the demo secret)')
    .option('--faults <json>', 'fault switches for the whole run, e.g. \'{"latencyMs":200}\'')
    .action(
      action(async (opts: VenueCliOptions) => {
        const port = parseNumberOption('port', opts.port, { min: 0, integer: true })!;
        if (port > 65535) throw new CliError(`--port: ${port} is above 65535`);
        const seed = parseNumberOption('seed', opts.seed, { min: 0, integer: true })!;
        const speed = parseNumberOption('speed', opts.speed, { min: 0.01 })!;
        if ((opts.apiKey === undefined) !== (opts.secret === undefined)) throw new CliError('--api-key and --secret go together');
        let faults: Record<string, unknown> | undefined;
        if (opts.faults !== undefined) {
          try {
            faults = JSON.parse(opts.faults) as Record<string, unknown>;
          } catch (err) {
            throw new CliError(`--faults: not JSON (${(err as Error).message})`);
          }
        }
        const fs = await import('node:fs');
        const { resourcesDir } = await import('../../paths');
        const { startVenue, defaultDataFiles } = await import('../../../venue/index');
        const dataFiles = opts.data ?? defaultDataFiles(resourcesDir());
        for (const f of dataFiles) if (!fs.existsSync(f)) throw new CliError(`--data: no such file ${f}`);
        const venue = await startVenue({ port, host: opts.host, seed, speed, dataFiles, apiKey: opts.apiKey, secret: opts.secret });
        if (faults) {
          try {
            venue.faults.set(faults);
          } catch (err) {
            await venue.close();
            throw new CliError(`--faults: ${(err as Error).message}`);
          }
        }
        writeLine(`venue listening on ${venue.url} (ws ${venue.wsUrl}) symbols ${venue.symbols.join(',')} seed ${seed}`);
        await new Promise<void>((resolve) => {
          const stop = () => resolve();
          process.once('SIGINT', stop);
          process.once('SIGTERM', stop);
        });
        await venue.close();
      }),
    );
}
