/**
 * Entry point for the poll role alone (scale out by running more of these on more hosts).
 * Same as `wire start --roles poll`; config from WIRE_CONFIG_DIR (or ./config), Redis from REDIS_URL.
 */
import { startCommand } from '../src/cli/commands/start.js';
import { runCommand } from '../src/cli/context.js';
import { createCliLogger } from '../src/log/index.js';

const log = createCliLogger({ name: 'wire-poll' });
await runCommand(() => startCommand({ roles: 'poll' }, log), log);
