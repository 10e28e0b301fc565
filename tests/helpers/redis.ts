import { randomBytes } from 'node:crypto';
import { Queue, type ConnectionOptions } from 'bullmq';
import type { Cluster, Redis } from 'ioredis';
import { createRedis, isClusterUrl, redisOptions } from '../../src/queue/connection.js';
import { queuePrefix } from '../../src/queue/names.js';

/**
 * Tests use REDIS_URL or the default local Redis (.ci/run makes sure one answers). Any topology Media Wire
 * takes works here (redis+sentinel://, redis+cluster://: see scripts/test-topology.ts).
 */
export const TEST_REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

/** A client of TEST_REDIS_URL, whatever its topology (a Cluster client on a Cluster). */
export function testRedis(): Redis {
  return createRedis(TEST_REDIS_URL);
}

/** A key prefix of its own per test, so test files can run in parallel against one Redis. */
export function testPrefix(): string {
  return `wiretest-${randomBytes(4).toString('hex')}`;
}

/** Every key under a prefix, sorted, from every master of a Cluster (a SCAN sees one node's keys). */
export async function keysUnder(prefix: string): Promise<string[]> {
  const redis = createRedis(TEST_REDIS_URL, undefined, { maxRetriesPerRequest: 1 });
  try {
    await redis.ping();
    const nodes = isClusterUrl(TEST_REDIS_URL) ? (redis as unknown as Cluster).nodes('master') : [redis];
    const keys: string[] = [];
    for (const node of nodes) {
      let cursor = '0';
      do {
        const [next, found] = await node.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
        cursor = next;
        keys.push(...found);
      } while (cursor !== '0');
    }
    return keys.sort();
  } finally {
    redis.disconnect();
  }
}

/** Deletes every key under a prefix (BullMQ's and ours), on every master of a Cluster. */
export async function dropPrefix(prefix: string): Promise<void> {
  const redis = createRedis(TEST_REDIS_URL, undefined, { maxRetriesPerRequest: 1 });
  try {
    await redis.ping(); // a Cluster client knows its masters once connected
    const nodes = isClusterUrl(TEST_REDIS_URL) ? (redis as unknown as Cluster).nodes('master') : [redis];
    for (const node of nodes) {
      let cursor = '0';
      do {
        const [next, keys] = await node.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 500);
        cursor = next;
        if (nodes.length === 1 && nodes[0] === redis) {
          if (keys.length) await node.del(...keys);
        } else for (const key of keys) await node.del(key); // one by one: a Cluster refuses a DEL across slots
      } while (cursor !== '0');
    }
  } finally {
    redis.disconnect();
  }
}

/**
 * What BullMQ connects with on TEST_REDIS_URL, as Media Wire's own code does it whatever the topology: connection
 * options on one server or Sentinel; on a Cluster a Cluster client of its own (BullMQ cannot build one from
 * options; `close()` disconnects it) and hash-tagged queue prefixes (queuePrefix).
 */
export function testBull(
  prefix: string,
  url = TEST_REDIS_URL,
): { connection: ConnectionOptions; prefix(queue: string): string; close(): void } {
  const cluster = isClusterUrl(url);
  const client = cluster ? createRedis(url) : undefined;
  return {
    connection: client ?? redisOptions(url),
    prefix: (queue) => queuePrefix(prefix, queue, cluster),
    close: () => client?.disconnect(),
  };
}

/** A BullMQ queue on TEST_REDIS_URL as Media Wire's own code opens it (see testBull); its client closes with it. */
export function testQueue(name: string, prefix: string, url = TEST_REDIS_URL): Queue {
  const bull = testBull(prefix, url);
  const queue = new Queue(name, { connection: bull.connection, prefix: bull.prefix(name) });
  queue.on('error', () => {});
  const close = queue.close.bind(queue);
  queue.close = async () => {
    await close();
    bull.close();
  };
  return queue;
}
