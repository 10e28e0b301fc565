import type { Redis } from 'ioredis';
import { loadConfig } from '../../src/config/load.js';
import { silentLogger, type Logger } from '../../src/log/index.js';
import { createRuntime, type Runtime } from '../../src/runtime.js';
import { dropPrefix, testRedis, TEST_REDIS_URL } from './redis.js';

export interface TestRuntime {
  rt: Runtime;
  redis: Redis;
  /** Closes the runtime and its Redis client and drops every key under the prefix. */
  close(): Promise<void>;
}

/** A runtime on the test Redis for the config in `dir`, its keys under `prefix`, logging to `log` (else nowhere). */
export function openTestRuntime(dir: string, prefix: string, log: Logger = silentLogger): TestRuntime {
  const redis = testRedis();
  const rt = createRuntime({ config: loadConfig(dir), redis, redisUrl: TEST_REDIS_URL, prefix, log });
  return {
    rt,
    redis,
    async close() {
      await rt.close();
      redis.disconnect();
      await dropPrefix(prefix);
    },
  };
}
