import { z } from 'zod';
import { Duration, HttpUrl, Slug } from './fields.js';
import { parseDuration } from './duration.js';

/** The three queues of the flow (DESIGN.md): poll -> article -> publish; the config refuses the first two downstream. */
export const QUEUE = { poll: 'poll', article: 'article', publish: 'publish' } as const;
export type QueueName = (typeof QUEUE)[keyof typeof QUEUE];

/** The webhook delivery worker's own queue: every item goes to it as well when a webhook is configured. */
export const WEBHOOK_QUEUE = 'publish-webhook';

/** Environment variable holding the HMAC secret, unless `publish.webhook.secretEnv` names another. */
export const DEFAULT_WEBHOOK_SECRET_ENV = 'WIRE_WEBHOOK_SECRET';

/** A downstream queue name; it becomes part of Redis keys, so keep it plain. */
const QueueName = Slug.refine(
  (name) => name !== QUEUE.poll && name !== QUEUE.article,
  'is one of the ingest queues (poll, article)',
).refine((name) => name !== WEBHOOK_QUEUE, `is the webhook worker's queue; set publish.webhook instead`);

/** `publish.webhook`: POST every item to one receiver, signed (see src/webhook/README.md). */
export const WebhookOptions = z.strictObject({
  url: HttpUrl,
  /** The secret itself never goes in wire.yaml (a config file gets copied and committed); only its env var. */
  secretEnv: z
    .string()
    .regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'must be an environment variable name')
    .default(DEFAULT_WEBHOOK_SECRET_ENV),
  /** Whole request, connect to last byte of the response. */
  timeoutMs: z.number().int().min(100).default(10_000),
  /** Deliveries tried per item before it stays in the failed set. */
  attempts: z.number().int().min(1).default(10),
  /** First retry delay (e.g. 5s); doubles each retry (the defaults retry for ~43 min in all, last gap ~21 min). */
  backoff: Duration.default(parseDuration('5s')!),
});
export type WebhookOptions = z.infer<typeof WebhookOptions>;

/** The `publish:` section of wire.yaml. */
export const PublishOptions = z.strictObject({
  /**
   * One queue per downstream system: a BullMQ job goes to one consumer only, so two systems reading one
   * queue would each see half the items. Every item is added to every queue listed.
   */
  queues: z
    .array(QueueName)
    .min(1)
    .default([QUEUE.publish])
    .refine((names) => new Set(names).size === names.length, 'lists a queue twice'),
  /** Carry the IPTC ninjs form of each item in the job (`ninjs` beside the WireItem's fields). */
  ninjs: z.boolean().default(false),
  webhook: WebhookOptions.optional(),
});
export type PublishOptions = z.infer<typeof PublishOptions>;

/** Every queue an item must be added to: the configured ones, plus the webhook worker's when it is on. */
export function publishQueueNames(opts: PublishOptions): string[] {
  return opts.webhook ? [...opts.queues, WEBHOOK_QUEUE] : [...opts.queues];
}
