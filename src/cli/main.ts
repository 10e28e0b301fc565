#!/usr/bin/env node
import { Command } from 'commander';
import { createLogger } from '../log/index.js';
import { consumeCommand } from './commands/consume.js';
import { previewCommand } from './commands/preview.js';
import { runOnceCommand } from './commands/run-once.js';
import { startCommand } from './commands/start.js';
import { UsageError } from './context.js';

// Commands whose stdout is their output (a summary, JSON) log to stderr.
const log = createLogger({ toStderr: true });

async function exit(action: Promise<number>): Promise<void> {
  try {
    process.exitCode = await action;
  } catch (err) {
    if (err instanceof UsageError) {
      process.stderr.write(`wire: ${err.message}\n`);
      process.exitCode = 2;
    } else {
      log.fatal({ err }, (err as Error).message);
      process.exitCode = 1;
    }
  }
}

const program = new Command()
  .name('wire')
  .description('Media Wire: agency feeds in, publish-ready items with attribution on a Redis queue out.')
  .option('-c, --config <dir>', 'config directory (default: $WIRE_CONFIG_DIR, else ./config)')
  .showHelpAfterError();

program
  .command('start')
  .description('run the scheduler and the workers until SIGINT/SIGTERM (SIGHUP reloads the config)')
  .option('--roles <list>', 'roles to run in this process: scheduler,poll,article', 'scheduler,poll,article')
  .action((o) => exit(startCommand({ ...program.opts(), ...o }, log)));

program
  .command('run')
  .description('poll every enabled source once and take each new item to the publish queue, then exit')
  .requiredOption('--once', 'one pass, then exit (0 when every source was polled, 1 otherwise)')
  .option('--json', 'print the summary as one JSON document')
  .action((o) => exit(runOnceCommand({ ...program.opts(), ...o }, log)));

program
  .command('preview <article-url>')
  .description('print the WireItem that would be queued for one article page (no Redis needed)')
  .option('--source <id>', "use this source's name and extraction/headline overrides")
  .action((url, o) => exit(previewCommand(url, { ...program.opts(), ...o }, log)));

program
  .command('consume')
  .description('example downstream consumer: write each published item as an article page into a folder')
  .option('--out <dir>', 'folder for the pages', 'out/pages')
  .option('--queue <name>', 'publish queue to consume', 'publish')
  .option('--drain', 'exit once the queue is empty')
  .action((o) => exit(consumeCommand(o, log)));

await program.parseAsync();
