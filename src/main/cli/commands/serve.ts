import type { Command } from 'commander';
import { action, CliError, parseNumberOption } from '../output';

export function register(program: Command): void {
  program
    .command('serve')
    .description('Serve the Marketdesk UI in a browser over loopback (token-protected), running the same core as the desktop app')
    .option('--port <n>', 'port to listen on (0 = any free port)', '0')
    .option('--host <host>', 'address to bind; the default 127.0.0.1 keeps it on this machine')
    .option('--data-dir <dir>', 'where the database and logs live (default: the desktop app\'s data folder)')
    .action(
      action(async (opts: { port: string; host?: string; dataDir?: string }) => {
        const port = parseNumberOption('port', opts.port, { integer: true, min: 0 })!;
        if (port > 65535) throw new CliError(`--port: ${port} is not a valid port (0-65535)`);
        const path = await import('node:path');
        const { defaultDataDir, rendererDir } = await import('../../paths');
        const { startServer } = await import('../../server/serve');
        if (opts.host && opts.host !== '127.0.0.1' && opts.host !== 'localhost' && opts.host !== '::1') {
          process.stderr.write(`warning: binding ${opts.host} exposes Marketdesk beyond this machine; anyone with the URL's token can use your keys\n`);
        }
        const dataDir = opts.dataDir ? path.resolve(opts.dataDir) : defaultDataDir();
        const server = await startServer({ port, host: opts.host, dataDir, rendererDir: rendererDir() });
        process.stdout.write(`Marketdesk serving at ${server.url}\n`);
        await new Promise<void>((resolve) => {
          const stop = () => {
            process.off('SIGINT', stop);
            process.off('SIGTERM', stop);
            void server.close().then(resolve);
          };
          process.on('SIGINT', stop);
          process.on('SIGTERM', stop);
        });
      }),
    );
}
