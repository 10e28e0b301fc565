/**
 * Example downstream consumer: takes WireItems from the publish queue and writes each one as a rendered
 * Media Wire article page into a folder (default out/pages; first argument to change it).
 *
 *   node dist/workers/example-consumer.js out/pages      (after npm ci, which builds)
 *   npx tsx workers/example-consumer.ts out/pages         (from source)
 *
 * Redis from REDIS_URL (or found/started as `wire start` does); queue key prefix from WIRE_PREFIX.
 */
import { consumeCommand } from '../src/cli/commands/consume.js';
import { runCommand } from '../src/cli/context.js';
import { createCliLogger } from '../src/log/index.js';

const log = createCliLogger({ name: 'wire-consumer' });
await runCommand(() => consumeCommand({ out: process.argv[2] ?? 'out/pages' }, log), log);
