/**
 * Entry point for webhook delivery alone (needs publish.webhook in wire.yaml and its secret in the
 * environment). Same as `wire start --roles webhook`.
 */
import { startCommand } from '../src/cli/commands/start.js';
import { runCommand } from '../src/cli/context.js';
import { createCliLogger } from '../src/log/index.js';

const log = createCliLogger({ name: 'wire-webhook' });
await runCommand(() => startCommand({ roles: 'webhook' }, log), log);
