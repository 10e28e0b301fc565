import { Queue, type JobsOptions as BullJobsOptions } from 'bullmq';
import type { Redis } from 'ioredis';
import type { WireConfig } from '../config/schema.js';
import type { WireItem } from '../item/schema.js';
import type { ArticleJobData, PollJobData } from './jobs.js';
import { QUEUE } from './names.js';

/**
 * Job options per queue, from wire.yaml.
 * - poll: one attempt; the next scheduled poll is the retry.
 * - article: retried with exponential backoff; failures stay in the failed set (kept as long as entries
 *   are remembered as seen), where `wire failed` shows them.
 * - publish: completed jobs are kept for `retention.published`, so re-adding the same story version is a
 *   no-op for that long; failed ones are never removed automatically.
 */
export function jobOptions(wire: WireConfig): Record<keyof typeof QUEUE, BullJobsOptions> {
  const seenSeconds = Math.ceil(wire.retention.seen / 1000);
  return {
    poll: { attempts: 1, removeOnComplete: { age: 86_400, count: 10_000 }, removeOnFail: { age: 7 * 86_400 } },
    article: {
      attempts: wire.jobs.attempts,
      backoff: { type: 'exponential', delay: wire.jobs.backoff },
      removeOnComplete: { age: 86_400 },
      removeOnFail: { age: seenSeconds },
    },
    publish: { removeOnComplete: { age: Math.ceil(wire.retention.published / 1000) }, removeOnFail: false },
  };
}

export interface Queues {
  poll: Queue<PollJobData>;
  article: Queue<ArticleJobData>;
  publish: Queue<WireItem>;
  close(): Promise<void>;
}

export function createQueues(connection: Redis, prefix: string, wire: WireConfig): Queues {
  const opts = jobOptions(wire);
  const poll = new Queue<PollJobData>(QUEUE.poll, { connection, prefix, defaultJobOptions: opts.poll });
  const article = new Queue<ArticleJobData>(QUEUE.article, { connection, prefix, defaultJobOptions: opts.article });
  const publish = new Queue<WireItem>(QUEUE.publish, { connection, prefix, defaultJobOptions: opts.publish });
  return {
    poll,
    article,
    publish,
    async close() {
      await Promise.all([poll.close(), article.close(), publish.close()]);
    },
  };
}
