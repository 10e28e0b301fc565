import { jumpsTheQueue } from '../pipeline/agency-version.js';
import { Queue, type JobsOptions as BullJobsOptions } from 'bullmq';
import type { Redis } from 'ioredis';
import type { WireConfig } from '../config/schema.js';
import { publishQueueNames, WEBHOOK_QUEUE, type WebhookOptions } from '../config/publish.js';
import type { PublishPayload } from '../publish/payload.js';
import type { FeedItem } from '../feed/types.js';
import type { ArticleQueue, PublishQueues } from '../pipeline/context.js';
import { articleJobId, type ArticleJobData, type PollJobData } from './jobs.js';
import { PUBLISH_JOB_NAME, publishJobId, QUEUE, queuePrefix } from './names.js';

/**
 * Options for adding a job to the webhook queue. Retries live on the job, not the worker: BullMQ reads
 * `attempts` and `backoff` from each job, so a job added without them is tried once. Failed jobs are kept
 * (removeOnFail: false) so `wire failed` can show and retry them. Add with name `item` and
 * jobId `<id>-v<version>` like every publish job, so the same story version is delivered once.
 */
export function webhookJobOptions(
  webhook: Pick<WebhookOptions, 'attempts' | 'backoff'>,
): Pick<BullJobsOptions, 'attempts' | 'backoff' | 'removeOnFail'> {
  return { attempts: webhook.attempts, backoff: { type: 'exponential', delay: webhook.backoff }, removeOnFail: false };
}

/**
 * Job options per queue, from wire.yaml.
 * - poll: one attempt; the next scheduled poll is the retry.
 * - article: retried with exponential backoff; failures stay in the failed set (kept as long as entries
 *   are remembered as seen), where `wire failed` shows them.
 * - publish queues: completed jobs are kept for `retention.published`, so re-adding the same story version
 *   is a no-op for that long; failed ones are never removed automatically. The webhook queue adds its
 *   delivery attempts and backoff.
 */
export function jobOptions(wire: WireConfig) {
  const seenSeconds = Math.ceil(wire.retention.seen / 1000);
  const publish: BullJobsOptions = {
    removeOnComplete: { age: Math.ceil(wire.retention.published / 1000) },
    removeOnFail: false,
  };
  return {
    poll: {
      attempts: 1,
      removeOnComplete: { age: 86_400, count: 10_000 },
      removeOnFail: { age: 7 * 86_400 },
    } satisfies BullJobsOptions,
    article: {
      attempts: wire.jobs.attempts,
      backoff: { type: 'exponential', delay: wire.jobs.backoff },
      removeOnComplete: { age: 86_400 },
      removeOnFail: { age: seenSeconds },
    } satisfies BullJobsOptions,
    publish,
    webhook: wire.publish.webhook ? { ...publish, ...webhookJobOptions(wire.publish.webhook) } : publish,
  };
}

export interface Queues extends ArticleQueue, PublishQueues {
  poll: Queue<PollJobData>;
  article: Queue<ArticleJobData>;
  /** The first downstream queue (by default the only one, named "publish"). */
  publish: Queue<PublishPayload>;
  /** Every downstream queue: each item is added to each (publish.queues, plus the webhook's). */
  downstream: Queue<PublishPayload>[];
  /** Every queue, by name. */
  byName: Map<string, Queue>;
  close(): Promise<void>;
}

/** `cluster`: on a Redis Cluster each queue's keys carry its name as a hash tag (queuePrefix). */
export function createQueues(connection: Redis, keyPrefix: string, wire: WireConfig, cluster = false): Queues {
  const opts = jobOptions(wire);
  const prefix = (queue: string) => queuePrefix(keyPrefix, queue, cluster);
  const poll = new Queue<PollJobData>(QUEUE.poll, {
    connection,
    prefix: prefix(QUEUE.poll),
    defaultJobOptions: opts.poll,
  });
  const article = new Queue<ArticleJobData>(QUEUE.article, {
    connection,
    prefix: prefix(QUEUE.article),
    defaultJobOptions: opts.article,
  });
  const downstream = publishQueueNames(wire.publish).map(
    (name) =>
      new Queue<PublishPayload>(name, {
        connection,
        prefix: prefix(name),
        defaultJobOptions: name === WEBHOOK_QUEUE ? opts.webhook : opts.publish,
      }),
  );
  const all: Queue[] = [poll, article, ...downstream];
  // The shared client reports its own connection errors (createRedis logs them); a queue with no listener
  // would also print each one as a raw stack trace on stderr, in the middle of the JSON log lines.
  for (const q of all) q.on('error', () => {});
  return {
    poll,
    article,
    publish: downstream[0],
    downstream,
    byName: new Map(all.map((q) => [q.name, q])),
    async addArticles(sourceId: string, items: FeedItem[]) {
      const now = Date.now();
      const jobs = items.map((item) => {
        // An embargoed agency story waits as a delayed job until its time (handle-article checks again).
        const embargo =
          item.agency?.pubStatus === 'usable' && item.agency.embargo ? Date.parse(item.agency.embargo) - now : 0;
        const opts = {
          jobId: articleJobId(sourceId, item),
          ...(embargo > 0 ? { delay: embargo } : {}),
          ...(jumpsTheQueue(item.agency?.urgency) ? { lifo: true } : {}),
        };
        return { name: 'article', data: { sourceId, item }, opts };
      });
      await article.addBulk(jobs);
      return jobs.map((j) => j.opts.jobId);
    },
    publishJobId,
    async addPublish(jobId: string, payload: PublishPayload, only?: readonly string[]) {
      // An editorial route picks some of the configured queues; the webhook worker's queue gets every item.
      const targets = only ? downstream.filter((q) => q.name === WEBHOOK_QUEUE || only.includes(q.name)) : downstream;
      // A flash, and every kill or hold (a story to take down), goes to the front of the queue.
      const urgent = jumpsTheQueue(payload.lifecycle?.urgency) || (payload.pubStatus ?? 'usable') !== 'usable';
      const front = urgent ? { lifo: true } : {};
      for (const queue of targets) await queue.add(PUBLISH_JOB_NAME, payload, { jobId, ...front });
    },
    async close() {
      await Promise.all(all.map((q) => q.close()));
    },
  };
}
