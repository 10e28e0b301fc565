import { readEnv } from '../config/env.js';

export { QUEUE, type QueueName } from '../config/publish.js';

/** Key prefix for BullMQ's keys and ours: WIRE_PREFIX, default "wire". */
export function keyPrefix(): string {
  return readEnv('WIRE_PREFIX');
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
