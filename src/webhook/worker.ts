import { UnrecoverableError, Worker, type Job } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Dispatcher } from 'undici';
import { WireItem } from '../item/schema.js';
import type { Logger } from '../log/index.js';
import { WEBHOOK_QUEUE, type WebhookOptions } from '../config/publish.js';
import type { PublishPayload } from '../publish/payload.js';
import { bullConnection, isClusterUrl, redisOptions } from '../queue/connection.js';
import { PUBLISH_JOB_NAME, queuePrefix } from '../queue/names.js';
import { deliverItem, describeUrl, type Delivery } from './deliver.js';
import { readNamedEnv } from '../config/env.js';

/** Shortest secret we accept: HMAC with a guessable key proves nothing. */
export const MIN_SECRET_LENGTH = 16;

/**
 * Reads an HMAC secret from the environment variable a webhook's `secretEnv` names; a clear error naming the
 * setting (`publish.webhook`, `alerts.webhook`) when it is unset, empty or short.
 */
export function readWebhookSecret(setting: string, secretEnv: string, env: NodeJS.ProcessEnv = process.env): string {
  const secret = readNamedEnv(secretEnv, env);
  if (!secret)
    throw new Error(`${setting} is set but the environment variable ${secretEnv} (its HMAC secret) is empty or unset`);
  if (secret.length < MIN_SECRET_LENGTH)
    throw new Error(`${secretEnv} must be at least ${MIN_SECRET_LENGTH} characters long`);
  return secret;
}

/** Reads the HMAC secret from the variable `publish.webhook.secretEnv` names; a clear error when unusable. */
export function webhookSecret(
  webhook: Pick<WebhookOptions, 'secretEnv'>,
  env: NodeJS.ProcessEnv = process.env,
): string {
  return readWebhookSecret('publish.webhook', webhook.secretEnv, env);
}

/** The webhook queue's job options (attempts, backoff) are set where the queues are made. */
export { webhookJobOptions } from '../queue/queues.js';

export interface WebhookWorkerOptions {
  redisUrl: string;
  /** The process's client: needed on a Redis Cluster, where BullMQ shares it (see bullConnection). */
  redis?: Redis;
  prefix: string;
  /** Default publish-webhook. */
  queue?: string;
  webhook: Pick<WebhookOptions, 'url' | 'timeoutMs'>;
  secret: string;
  log: Logger;
  /** Deliveries in flight at once; default 4. */
  concurrency?: number;
  /** undici dispatcher for the POSTs (tests, proxies). */
  dispatcher?: Dispatcher;
}

/**
 * The webhook delivery consumer: takes each job from the webhook queue and POSTs its data (the
 * PublishPayload, ninjs included when carried) to the configured URL. 2xx completes the job; anything else
 * fails the attempt and BullMQ retries it per the job's options, and after the last attempt, or at once for
 * a permanent 4xx, it stays in the failed set with the reason.
 */
export function startWebhookWorker(opts: WebhookWorkerOptions) {
  const name = opts.queue ?? WEBHOOK_QUEUE;
  const where = describeUrl(opts.webhook.url);
  const worker = new Worker(
    name,
    async (job: Job): Promise<Delivery | { ignored: string }> => {
      if (job.name !== PUBLISH_JOB_NAME) return { ignored: job.name };
      // Check the item but send the job data as it is: parsing would drop `ninjs`.
      const checked = WireItem.safeParse(job.data);
      if (!checked.success) {
        const first = checked.error.issues[0];
        throw new UnrecoverableError(
          `job data is not a WireItem at ${first.path.join('.') || '(root)'}: ${first.message}`,
        );
      }
      const payload = job.data as PublishPayload;
      const delivery = await deliverItem(payload, {
        url: opts.webhook.url,
        secret: opts.secret,
        timeoutMs: opts.webhook.timeoutMs,
        ...(opts.dispatcher ? { dispatcher: opts.dispatcher } : {}),
      });
      opts.log.info(
        {
          itemId: payload.id,
          version: payload.version,
          jobId: job.id,
          attempt: job.attemptsMade + 1,
          status: delivery.status,
          ms: delivery.ms,
          url: where,
        },
        'webhook delivered',
      );
      return delivery;
    },
    {
      connection: opts.redis
        ? bullConnection({ redis: opts.redis, redisUrl: opts.redisUrl })
        : redisOptions(opts.redisUrl),
      prefix: queuePrefix(opts.prefix, opts.queue ?? WEBHOOK_QUEUE, isClusterUrl(opts.redisUrl)),
      concurrency: opts.concurrency ?? 4,
      // The lock must outlive the slowest request, or a slow receiver makes the job look stalled and run twice.
      lockDuration: Math.max(30_000, opts.webhook.timeoutMs * 2),
    },
  );
  worker.on('failed', (job, err) => {
    const data = job?.data as Partial<PublishPayload> | undefined;
    const fields = {
      itemId: data?.id,
      version: data?.version,
      jobId: job?.id,
      attempt: job?.attemptsMade,
      url: where,
      err: { message: err.message },
    };
    const final =
      !job ||
      err instanceof UnrecoverableError ||
      err.name === 'UnrecoverableError' ||
      job.attemptsMade >= (job.opts.attempts ?? 1);
    if (final) opts.log.error(fields, `webhook delivery failed for good: ${err.message}`);
    else opts.log.warn(fields, `webhook delivery failed, will retry: ${err.message}`);
  });
  // Without a listener an 'error' event (e.g. Redis unreachable) would crash the process.
  worker.on('error', (err) => opts.log.warn({ err: { message: err.message }, queue: name }, 'webhook worker error'));
  return {
    worker,
    async close(): Promise<void> {
      await worker.close();
    },
  };
}
