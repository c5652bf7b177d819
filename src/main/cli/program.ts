import { Command } from 'commander';
import { APP_VERSION } from '../../shared/version';
import { commands } from './commands';

/** Builds the `marketdesk` command tree. Each command module registers itself from ./commands. */
export function buildProgram(): Command {
  const program = new Command();
  program
    .name('marketdesk')
    .description('Marketdesk: crypto trading terminal — serve the UI, backtest, metrics, fees, order books, local venue')
    .version(APP_VERSION)
    .showHelpAfterError(false)
    .configureOutput({
      writeErr: (str) => process.stderr.write(str),
      outputError: (str, write) => write(`marketdesk: ${str.replace(/^error: /, '').trim()}\n`),
    })
    .exitOverride((err) => {
      if (err.code === 'commander.helpDisplayed' || err.code === 'commander.version' || err.code === 'commander.help') process.exit(0);
      process.exit(2);
    });
  for (const register of commands) register(program);
  return program;
}

export async function runCli(argv: string[]): Promise<void> {
  await buildProgram().parseAsync(argv);
}
