import type { Redis } from 'ioredis';

/**
 * Bounded Redis health checks, shared by the readiness probe (server/ready.ts) and the metrics scrape: with
 * `maxRetriesPerRequest: null` a command waits through a reconnect forever, so every check gives up in time.
 */

/** Whatever holds the Redis client a check reads. */
export interface RedisHolder {
  redis: Pick<Redis, 'status' | 'ping'>;
}

/** A readiness probe must answer: Redis reads here give up after this (a disconnected client would wait forever). */
export const READY_TIMEOUT_MS = 2000;

export interface Check {
  ok: boolean;
  /** Why not, in words an operator can act on. */
  reason?: string;
  detail?: unknown;
}

export function withTimeout<T>(p: Promise<T> | T, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not answer within ${ms} ms`)), ms);
  });
  return Promise.race([Promise.resolve(p), timeout]).finally(() => clearTimeout(timer));
}

/** ioredis states in which a command would wait for a reconnect (or never run). */
const DOWN = new Set(['reconnecting', 'close', 'end']);

export function redisDown(rt: RedisHolder): boolean {
  return DOWN.has(rt.redis.status);
}

export async function checkRedis(rt: RedisHolder): Promise<Check> {
  // Lost or closed: say so at once instead of queueing a PING behind the reconnect. A connection still
  // being set up gets the PING (bounded by the timeout): it answers as soon as it is up.
  if (DOWN.has(rt.redis.status)) return { ok: false, reason: `redis connection is ${rt.redis.status}` };
  try {
    const answer = await withTimeout(rt.redis.ping(), READY_TIMEOUT_MS, 'redis PING');
    return answer === 'PONG' ? { ok: true } : { ok: false, reason: `redis answered PING with ${answer}` };
  } catch (err) {
    return { ok: false, reason: (err as Error).message };
  }
}
