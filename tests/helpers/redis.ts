import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';

/** Tests use REDIS_URL or the default local Redis (.ci/run makes sure one answers). */
export const TEST_REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

/** A key prefix of its own per test, so test files can run in parallel against one Redis. */
export function testPrefix(): string {
  return `wiretest-${randomBytes(4).toString('hex')}`;
}

/** Deletes every key under a prefix (BullMQ's and ours). */
export async function dropPrefix(prefix: string): Promise<void> {
  const redis = new Redis(TEST_REDIS_URL, { maxRetriesPerRequest: 1 });
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 500);
      cursor = next;
      if (keys.length) await redis.del(...keys);
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
}
