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
  if (u.protocol !== 'redis:' && u.protocol !== 'rediss:')
    throw new Error(`REDIS_URL must start with redis:// or rediss:// (got ${redactUrl(url)})`);
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

/** While Redis stays away, the outage is logged again this often (with the attempts so far), not per attempt. */
export const OUTAGE_REPORT_EVERY_MS = 60_000;

/**
 * Our own client (state, queues). A Redis restart is expected recovery, not an incident: one WARN when the
 * connection drops ("reconnecting to redis", with the attempt count and the cause), a reminder every
 * minute while it stays down, and one INFO when it is back ("reconnected to redis", attempts and downtime).
 * The per-attempt connection errors go to debug.
 */
export function createRedis(url: string, log?: Logger, extra: RedisOptions = {}): Redis {
  let attempts = 0;
  let downSince: number | null = null;
  let reportedAt = 0;
  let cause: string | undefined;
  const redis = new Redis({
    ...redisOptions(url),
    retryStrategy(times) {
      attempts = times;
      return retryStrategy(times);
    },
    ...extra,
  });
  const where = redactUrl(url);
  redis.on('error', (err) => {
    cause = err.message;
    log?.debug({ err: { message: err.message }, redis: where, attempt: attempts }, 'redis connection error');
  });
  redis.on('reconnecting', (delay: number) => {
    const now = Date.now();
    if (downSince === null) {
      downSince = reportedAt = now;
      log?.warn({ redis: where, delayMs: delay, attempt: attempts, cause }, 'reconnecting to redis');
    } else if (now - reportedAt >= OUTAGE_REPORT_EVERY_MS) {
      reportedAt = now;
      log?.warn(
        { redis: where, delayMs: delay, attempt: attempts, downMs: now - downSince, cause },
        'still reconnecting to redis',
      );
    }
  });
  redis.on('ready', () => {
    if (downSince !== null)
      log?.info({ redis: where, attempts, downMs: Date.now() - downSince }, 'reconnected to redis');
    downSince = null;
    attempts = 0;
    cause = undefined;
  });
  return redis;
}

const CONNECTION_ERROR =
  /ECONNREFUSED|ECONNRESET|ETIMEDOUT|EPIPE|EHOSTUNREACH|ENETUNREACH|EAI_AGAIN|Connection is closed|Stream isn't writeable/i;
const LOCK_LAPSE = /could not renew lock|Missing lock for job|Lock mismatch for job/i;

/**
 * How loud an error a BullMQ worker reports should be. Its connection errors during a Redis outage are
 * the outage the runtime's client already reports (debug); a job lock that lapsed meanwhile means the job
 * runs again, which is the designed recovery (warn); anything else needs a human (error).
 */
export function workerErrorLevel(err: Error & { code?: string }): 'debug' | 'warn' | 'error' {
  const text = `${err.code ?? ''} ${err.message}`;
  if (LOCK_LAPSE.test(text)) return 'warn';
  if (CONNECTION_ERROR.test(text)) return 'debug';
  return 'error';
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
