import { readEnv } from '../config/env.js';

export { QUEUE, type QueueName } from '../config/publish.js';

/** Key prefix for BullMQ's keys and ours: WIRE_PREFIX, default "wire". */
export function keyPrefix(): string {
  return readEnv('WIRE_PREFIX');
}

/**
 * BullMQ's key prefix for one queue. On one Redis it is the key prefix itself (keys `wire:poll:...`). On a Redis
 * Cluster each queue's keys must share a slot (BullMQ's Lua scripts touch several at once), so the prefix
 * carries the queue name as a hash tag (keys `wire:{poll}:poll:...`): each queue gets its own slot, and poll,
 * article and publish land on three different masters of a 3-master cluster (slots 5698, 3069, 15389).
 * Downstream consumers of a publish queue on a Cluster use this prefix too.
 */
export function queuePrefix(prefix: string, queue: string, cluster = false): string {
  return cluster ? `${prefix}:{${queue}}` : prefix;
}

/** Job name of every publish job; downstream consumers may rely on it. */
export const PUBLISH_JOB_NAME = 'item';

/** One scheduler per source, named after it. */
export function schedulerId(sourceId: string): string {
  return `poll-${sourceId}`;
}

/** Publish job id: adding the same story version twice is a no-op while the job exists. */
export function publishJobId(itemId: string, version: number): string {
  return `${itemId}-v${version}`;
}
