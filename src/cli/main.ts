#!/usr/bin/env node
import { Command } from 'commander';
import { createCliLogger } from '../log/index.js';
import { consumeCommand } from './commands/consume.js';
import { heldCommand } from './commands/held.js';
import { rulesTestCommand } from './commands/rules-test.js';
import { failedCommand } from './commands/failed.js';
import { republishCommand } from './commands/republish.js';
import { withdrawCommand } from './commands/withdraw.js';
import { sourcesCheckCommand } from './commands/sources-check.js';
import { sourcesDiscoverCommand, sourcesExportCommand, sourcesImportCommand } from './commands/sources-files.js';
import { sourcesListCommand } from './commands/sources-list.js';
import { statusCommand } from './commands/status.js';
import { previewCommand } from './commands/preview.js';
import { runOnceCommand } from './commands/run-once.js';
import { startCommand } from './commands/start.js';
import { runCommand, UsageError } from './context.js';

// Commands whose stdout is their output (a summary, JSON) log to stderr.
const log = createCliLogger({ toStderr: true });

const exit = (action: Promise<number>) => runCommand(() => action, log);

const program = new Command()
  .name('wire')
  .description('Media Wire: agency feeds in, publish-ready items with attribution on a Redis queue out.')
  .option('-c, --config <dir>', 'config directory (default: $WIRE_CONFIG_DIR, else ./config)')
  .showHelpAfterError();

program
  .command('start')
  .description('run the scheduler and the workers until SIGINT/SIGTERM (SIGHUP reloads the config)')
  .option(
    '--roles <list>',
    'roles to run in this process: scheduler,poll,article,webhook (default: all the config needs)',
  )
  .option('--watch', 'reload the config when its files change (SIGHUP always does)')
  .option(
    '--admin-host <host>',
    'admin HTTP address (default $WIRE_ADMIN_HOST, else 127.0.0.1; non-loopback needs WIRE_ADMIN_TOKEN)',
  )
  .option('--admin-port <port>', 'admin HTTP port (default $WIRE_ADMIN_PORT, else 9464; 0 picks a free one)')
  .option('--no-admin', 'do not serve the admin HTTP from this process')
  .option(
    '--wait-for-redis <duration>',
    'wait up to this long (e.g. 60s) for REDIS_URL to answer; default $WIRE_WAIT_FOR_REDIS, else fail at once',
  )
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

const sources = program.command('sources').description('add, test and watch feed sources');
sources
  .command('list')
  .description('sources with health: last success, consecutive failures, last error, items today, feed fall-back rate')
  .option('--json', 'machine-readable output')
  .action((o) => exit(sourcesListCommand({ ...program.opts(), ...o }, log)));
sources
  .command('check [id]')
  .description(
    'validate the config, fetch the feed live and show the first items as they would be published (queues nothing)',
  )
  .option('--items <n>', 'entries to try per source', '3')
  .option('--json', 'machine-readable output')
  .action((id, o) => exit(sourcesCheckCommand(id, { ...program.opts(), ...o }, log)));
sources
  .command('discover <site-url>')
  .description('find the feeds a site offers and print a ready-to-paste sources.yaml entry')
  .action((url) => exit(sourcesDiscoverCommand(url, program.opts(), log)));
sources
  .command('import <file>')
  .description('read an OPML file ("-": stdin); print sources.yaml entries (or add them with --write)')
  .option('--write', 'add the new entries to sources.yaml (validated first, written atomically, comments kept)')
  .action((file, o) => exit(sourcesImportCommand(file, { ...program.opts(), ...o }, log)));
sources
  .command('export')
  .description('print the configured sources as OPML 2.0 (ids, intervals and paused state included)')
  .action(() => exit(sourcesExportCommand(program.opts(), log)));

program
  .command('status')
  .description('queue depths, failed jobs by reason, next poll per source')
  .option('--json', 'machine-readable output')
  .action((o) => exit(statusCommand({ ...program.opts(), ...o }, log)));

program
  .command('failed <action> [ids...]')
  .description('failed jobs: list | retry | drop (by job id, or --all)')
  .option('--queue <name>', 'only this queue: poll, article or publish')
  .option('--all', 'every failed job (of --queue, or of all queues)')
  .option('--json', 'machine-readable output')
  .action((action, ids, o) => {
    if (!['list', 'retry', 'drop'].includes(action))
      return exit(Promise.reject(new UsageError(`wire failed: unknown action "${action}" (list, retry, drop)`)));
    return exit(failedCommand(action, ids, { ...program.opts(), ...o }, log));
  });

const rules = program.command('rules').description('editorial rules: try them before they go live');
rules
  .command('test')
  .description(
    'dry run: what the rules would do to the items stored recently and those held (or to one page); changes nothing',
  )
  .option('--source <id>', "only this source's items (with --url: use this source's rules and extraction)")
  .option('--since <duration>', 'items stored this recently (e.g. 30m, 24h, 7d)', '24h')
  .option('--url <url>', 'fetch and read this article page now (no Redis) and test it instead')
  .option('--json', 'machine-readable output')
  .action((o) => exit(rulesTestCommand({ ...program.opts(), ...o }, log)));

program
  .command('held <action> [ids...]')
  .description('items held by an editorial rule: list | release | drop (by item id, or --all)')
  .option('--all', 'every held item')
  .option('--json', 'machine-readable output')
  .action((action, ids, o) => {
    if (!['list', 'release', 'drop'].includes(action))
      return exit(Promise.reject(new UsageError(`wire held: unknown action "${action}" (list, release, drop)`)));
    return exit(heldCommand(action, ids, { ...program.opts(), ...o }, log));
  });

program
  .command('republish <item-id>')
  .description('queue the last version of a story again, on purpose (new job id; logged)')
  .action((id) => exit(republishCommand(id, program.opts(), log)));

program
  .command('withdraw <item-id>')
  .description('kill a published story: a canceled event to every downstream queue, with the reason and who (logged)')
  .requiredOption('--reason <text>', 'why: sent downstream with the kill and logged')
  .option('--by <name>', 'who withdraws it (default: the login name)')
  .action((id, o) => exit(withdrawCommand(id, { ...program.opts(), ...o }, log)));

await program.parseAsync();
