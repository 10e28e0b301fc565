import { ConfigError, formatProblem, loadConfig, resolveConfigDir } from '../config/load.js';
import type { LoadedConfig } from '../config/schema.js';
import type { Logger } from '../log/index.js';
import { createRedis, redactUrl } from '../queue/connection.js';
import { keyPrefix } from '../queue/names.js';
import { resolveRedis } from '../queue/redis-server.js';
import { createRuntime, type Runtime } from '../runtime.js';

/** A command-line mistake or unusable setup: printed as one clear message, exit code 2. */
export class UsageError extends Error {}

/** Loads the config; skipped source entries are logged (with file, path, line and reason), not fatal. */
export function loadConfigFor(dirFlag: string | undefined, log: Logger): LoadedConfig {
  try {
    const config = loadConfig(resolveConfigDir(dirFlag));
    for (const p of config.problems) {
      log.error({ sourceId: p.sourceId, file: p.file, path: p.path, line: p.line }, `source entry skipped:${formatProblem(p)}`);
    }
    return config;
  } catch (err) {
    if (err instanceof ConfigError) throw new UsageError(err.message);
    throw err;
  }
}

/** Config + Redis (found or started) + runtime, and one function that tears all of it down. */
export async function openRuntime(dirFlag: string | undefined, log: Logger, opts: { processMetrics?: boolean } = {}): Promise<{ rt: Runtime; shutdown(): Promise<void> }> {
  const config = loadConfigFor(dirFlag, log);
  let found;
  try {
    found = await resolveRedis({ log, mayStart: true });
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
  log.info({ redis: redactUrl(found.url), how: found.how }, 'using redis');
  const redis = createRedis(found.url, log);
  const rt = createRuntime({ config, redis, redisUrl: found.url, prefix: keyPrefix(), log, processMetrics: opts.processMetrics });
  return {
    rt,
    async shutdown() {
      await rt.close();
      await redis.quit().catch(() => redis.disconnect());
      await found.stop();
    },
  };
}
