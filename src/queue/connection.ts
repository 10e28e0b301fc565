import type { RedisOptions as BullRedisOptions } from 'bullmq';
import { Redis, type RedisOptions } from 'ioredis';
import type { Logger } from 'pino';

export const DEFAULT_REDIS_URL = 'redis://127.0.0.1:6379';

/** Backs off to at most 5 s between reconnects, forever: a Redis restart must not kill the workers. */
function retryStrategy(times: number): number {
  return Math.min(200 * 2 ** Math.min(times, 5), 5000);
}

/**
 * ioredis options for a redis:// or rediss:// URL. BullMQ workers and queue-event listeners get options
 * rather than a shared client because each needs a connection of its own for blocking commands.
 * `maxRetriesPerRequest: null` is what BullMQ requires: a command waits through a reconnect instead of failing.
 */
export function redisOptions(url: string): BullRedisOptions & RedisOptions {
  const u = new URL(url);
  if (u.protocol !== 'redis:' && u.protocol !== 'rediss:') throw new Error(`REDIS_URL must start with redis:// or rediss:// (got ${redactUrl(url)})`);
  const db = u.pathname.length > 1 ? Number(u.pathname.slice(1)) : 0;
  return {
    host: u.hostname.replace(/^\[|\]$/g, '') || '127.0.0.1',
    port: u.port ? Number(u.port) : 6379,
    ...(u.username ? { username: decodeURIComponent(u.username) } : {}),
    ...(u.password ? { password: decodeURIComponent(u.password) } : {}),
    db,
    ...(u.protocol === 'rediss:' ? { tls: {} } : {}),
    maxRetriesPerRequest: null,
    retryStrategy,
  };
}

/** Our own client (state, queues); reconnects are logged so an operator sees a Redis outage. */
export function createRedis(url: string, log?: Logger, extra: RedisOptions = {}): Redis {
  let attempts = 0;
  const redis = new Redis({
    ...redisOptions(url),
    retryStrategy(times) {
      attempts = times;
      return retryStrategy(times);
    },
    ...extra,
  });
  redis.on('error', (err) => log?.warn({ err: { message: err.message }, redis: redactUrl(url) }, 'redis connection error'));
  redis.on('reconnecting', (delay: number) => log?.warn({ delayMs: delay, attempt: attempts }, 'reconnecting to redis'));
  redis.on('ready', () => {
    if (attempts > 0) log?.info({ attempts }, 'reconnected to redis');
    attempts = 0;
  });
  return redis;
}

/** Never log a Redis password. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return url;
  }
}
