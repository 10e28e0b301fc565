import { ConfigError, formatProblem, loadConfig, resolveConfigDir } from '../config/load.js';
import type { LoadedConfig } from '../config/schema.js';
import type { Logger } from '../log/index.js';
import { createRedis, redactUrl } from '../queue/connection.js';
import { keyPrefix } from '../queue/names.js';
import { resolveRedis, stopStartedRedis, waitForRedis, type ResolvedRedis } from '../queue/redis-server.js';
import { parseDuration } from '../config/duration.js';
import { createRuntime, type Runtime } from '../runtime.js';
import { readEnv } from '../config/env.js';
import { redisUrlOf } from '../config/redis.js';

/** A command-line mistake or unusable setup: printed as one clear message, exit code 2. */
export class UsageError extends Error {}

/**
 * Runs a command to its exit code: a UsageError is one line on stderr and exit 2, anything else is logged
 * as fatal (with its cause) and exit 1. Used by the `wire` CLI and the workers/ entry points alike.
 */
export async function runCommand(action: () => Promise<number>, log: Logger): Promise<void> {
  try {
    process.exitCode = await action();
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

/** Loads the config; skipped source entries are logged (with file, path, line and reason), not fatal. */
export function loadConfigFor(dirFlag: string | undefined, log: Logger): LoadedConfig {
  try {
    const config = loadConfig(resolveConfigDir(dirFlag));
    for (const p of config.problems) {
      log.error(
        { sourceId: p.sourceId, file: p.file, path: p.path, line: p.line },
        `source entry skipped: ${formatProblem(p)}`,
      );
    }
    return config;
  } catch (err) {
    if (err instanceof ConfigError) throw new UsageError(err.message);
    throw err;
  }
}

/** Config + Redis (found or started) + runtime, and one function that tears all of it down. */
/** How long to wait for REDIS_URL to answer: --wait-for-redis, else WIRE_WAIT_FOR_REDIS, else 0 (one check). */
function redisWaitMs(flag: string | undefined): number {
  const text = flag ?? readEnv('WIRE_WAIT_FOR_REDIS');
  if (text === undefined || text === '' || text === '0') return 0;
  const ms = parseDuration(text);
  if (ms === null) throw new UsageError(`the wait for Redis must be a duration such as 30s or 5m (got "${text}")`);
  return ms;
}

/**
 * The Redis every command uses (REDIS_URL, the default address, or a private redis-server). A configured
 * Redis that does not answer is one clear error (or a bounded wait), not a silent hang: ioredis would
 * otherwise retry for ever.
 */
export async function findRedis(
  log: Logger,
  waitForRedisFlag?: string,
  config?: LoadedConfig,
): Promise<ResolvedRedis & { releaseSignals(): void }> {
  const waitMs = redisWaitMs(waitForRedisFlag);
  // From here on, SIGINT/SIGTERM stop the command at once (exit 130) and the private redis-server with it,
  // until the command installs its own graceful stop (releaseSignals first).
  const releaseSignals = exitOnSignal(log, 'interrupted');
  try {
    const topology = config?.wire.redis;
    const found = await resolveRedis({
      log,
      mayStart: true,
      ...(topology ? { configured: { url: redisUrlOf(topology), at: config.redisAt ?? 'wire.yaml' } } : {}),
    });
    if (found.how === 'REDIS_URL' || found.how === 'wire.yaml') await waitForRedis(found.url, waitMs, log);
    return { ...found, releaseSignals };
  } catch (err) {
    releaseSignals();
    throw new UsageError((err as Error).message);
  }
}

/**
 * Stops the process on SIGINT/SIGTERM with exit code 130, after stopping the private redis-server it started:
 * that server runs in its own process group, so a Ctrl-C does not reach it, and it must not be left behind.
 * Returns the function that removes the handlers.
 */
export function exitOnSignal(log: Logger, what: string): () => void {
  const onSignal = (signal: NodeJS.Signals) => exitNow(log, what, signal);
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  return () => {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  };
}

/** Stops the private redis-server this process started (waiting at most 5 s), then exits with 130. */
export function exitNow(log: Logger, what: string, signal: NodeJS.Signals): void {
  log.warn({ signal }, `${what}: stopping now`);
  const bound = new Promise((r) => setTimeout(r, 5000).unref());
  void Promise.race([stopStartedRedis().catch(() => {}), bound]).then(() => process.exit(130));
}

export async function openRuntime(
  dirFlag: string | undefined,
  log: Logger,
  opts: { processMetrics?: boolean; waitForRedis?: string; config?: LoadedConfig } = {},
): Promise<{ rt: Runtime; shutdown(): Promise<void>; releaseSignals(): void }> {
  const config = opts.config ?? loadConfigFor(dirFlag, log);
  const found = await findRedis(log, opts.waitForRedis, config);
  log.info({ redis: redactUrl(found.url), how: found.how }, 'using redis');
  const redis = createRedis(found.url, log);
  const rt = createRuntime({
    config,
    redis,
    redisUrl: found.url,
    prefix: keyPrefix(),
    log,
    processMetrics: opts.processMetrics,
  });
  return {
    rt,
    async shutdown() {
      await rt.close();
      await redis.quit().catch(() => redis.disconnect());
      await found.stop();
    },
    releaseSignals: found.releaseSignals,
  };
}
