/**
 * Entry point for the scheduler role alone (scale out by running more of these on more hosts).
 * Same as `wire start --roles scheduler`; config from WIRE_CONFIG_DIR (or ./config), Redis from REDIS_URL.
 */
import { startCommand } from '../src/cli/commands/start.js';
import { createLogger } from '../src/log/index.js';

process.exitCode = await startCommand({ config: process.env.WIRE_CONFIG_DIR, roles: 'scheduler' }, createLogger({ name: 'wire-scheduler' }));
