import { z } from 'zod';
import { HeadlineStyle } from '../headline/style.js';
import { NetworkOptions } from '../fetch/options.js';
import { SourceAuth } from './auth.js';
import { DEFAULT_WEBHOOK_SECRET_ENV, PublishOptions } from './publish.js';
import { RedisTopology } from './redis.js';
import { parseDuration } from './duration.js';
import { Duration, HttpUrl, Slug } from './fields.js';
import { EditorialRules, type EditorialRule } from '../rules/schema.js';

/** Per-source extraction overrides (sources.yaml `extract:`). */
export const ExtractOverrides = z.strictObject({
  /** CSS selector of the article body on this source's pages. */
  selector: z.string().min(1).optional(),
  /** CSS selectors removed from the page before extraction. */
  drop: z.array(z.string().min(1)).optional(),
  /**
   * Take the body from the feed's full content instead of fetching the page. (Without it, the feed's
   * content is still used when the page has no article or clearly less text than the feed.)
   */
  useFeedContent: z.boolean().optional(),
});
export type ExtractOverrides = z.infer<typeof ExtractOverrides>;

/** Per-host politeness (wire.yaml `politeness:`; a source may override the per-host limits). */
export const HostPoliteness = z.strictObject({
  /** Requests to one host at once, across every worker process. */
  concurrency: z.number().int().min(1).optional(),
  /** Minimum time between the starts of two requests to one host. */
  interval: Duration.optional(),
});

export const PolitenessOptions = z.strictObject({
  concurrency: z.number().int().min(1).default(2),
  interval: Duration.default(1000),
  /** Check robots.txt before fetching article pages (feeds are fetched as the operator configured). */
  robots: z.boolean().default(true),
  robotsCache: Duration.default(parseDuration('1d')!),
  /** Longest an article job waits for a busy host before it is put back to retry later. */
  maxHostWait: Duration.default(parseDuration('30s')!),
});

export const PollingOptions = z.strictObject({
  /** A feed's TTL / Cache-Control max-age is honoured, but never polls more often than this... */
  minInterval: Duration.default(parseDuration('1m')!),
  /** ...nor less often than this. */
  maxInterval: Duration.default(parseDuration('1h')!),
  /** After this many consecutive failed polls a source backs off exponentially... */
  backoffAfter: z.number().int().min(1).default(3),
  /** ...up to this long between attempts. */
  maxBackoff: Duration.default(parseDuration('6h')!),
  /** Send If-None-Match / If-Modified-Since from the last poll (turn off only for a server that gets them wrong). */
  conditionalGet: z.boolean().default(true),
  /** Pages of an API feed (AP Media API `next_page`) followed in one poll, the first included. */
  maxPages: z.number().int().min(1).max(100).default(10),
});

export const SourceConfig = z.strictObject({
  id: Slug.describe('a short unique name such as reuters-world'),
  /** The agency's name, shown in the attribution. */
  name: z.string().trim().min(1).describe("the agency's name, shown in the attribution"),
  feed: HttpUrl.describe("the feed's URL"),
  every: Duration.optional(),
  enabled: z.boolean().default(true),
  extract: ExtractOverrides.optional(),
  headline: HeadlineStyle.optional(),
  politeness: HostPoliteness.optional(),
  /** Editorial rules for this source's items, run after wire.yaml's. */
  rules: EditorialRules.optional(),
  /** Credentials for a paid feed: the environment variable that holds the secret, never the secret. */
  auth: SourceAuth.optional(),
});
export type SourceConfigInput = z.input<typeof SourceConfig>;

/** A source after defaults are applied: what the workers use. */
export interface Source {
  id: string;
  name: string;
  feed: string;
  everyMs: number;
  enabled: boolean;
  extract: ExtractOverrides;
  headline?: HeadlineStyle;
  politeness?: { concurrency?: number; interval?: number };
  /** Editorial rules of this source (wire.yaml's run first). */
  rules?: EditorialRule[];
  /** How to send the source's credentials (names only; the secret is read from the environment per request). */
  auth?: SourceAuth;
}

export const SourcesDefaults = z.strictObject({
  every: Duration.default(parseDuration('10m')!),
});

export const DEFAULT_DISCLAIMER =
  'This report was retrieved from another news agency or website and does not necessarily reflect the views ' +
  'of {site}. {site} may restyle headlines to its own house style; it does not change the content of the report. ' +
  'The source and the URL of the original report are given at the bottom.';

export const JobsOptions = z.strictObject({
  /** Attempts for an article (page fetch + extraction) before it lands in the failed set. */
  attempts: z.number().int().min(1).default(3),
  /** First retry delay; doubles on each attempt. */
  backoff: Duration.default(parseDuration('10s')!),
  /** Article jobs processed at once per worker process. */
  articleConcurrency: z.number().int().min(1).default(4),
  /**
   * Threads that read pages (decode, extract, house style) in each article worker process: "auto" is one
   * per CPU core, at most articleConcurrency; 0 reads them on the worker's own thread (no extractTimeout).
   */
  extractThreads: z.union([z.literal('auto'), z.number().int().min(0).max(64)]).default('auto'),
  /** Longest one page may take to read on a thread before the thread is stopped and the attempt fails. */
  extractTimeout: Duration.default(parseDuration('30s')!),
  pollConcurrency: z.number().int().min(1).default(4),
  /**
   * How long a worker's claim on a job lasts between renewals (BullMQ lockDuration; the stalled-job check
   * runs as often). A job whose worker died goes back to the queue within about twice this.
   */
  lockDuration: Duration.default(parseDuration('30s')!),
  /**
   * Times a job may lose its worker (crash, kill -9, a deploy) and go back to the queue before it is failed
   * as "job stalled more than allowable limit". A stalled job goes back to the front of the queue, so it is
   * in flight again at the next crash: crashes that have nothing to do with the page must not fail the
   * story, hence well above the three or four in a row a bad deploy or an unstable host produces. A page
   * cannot crash a worker by being read (it is read on an extraction thread: a crash or jobs.extractTimeout
   * there fails the attempt, counted in jobs.attempts), so this bound is only for what is left: a job that
   * kills every worker still stops after this many.
   */
  maxStalledCount: z.number().int().min(0).default(10),
});

export const RetentionOptions = z.strictObject({
  /** How long a feed entry is remembered after it last appeared in its feed. */
  seen: Duration.default(parseDuration('30d')!),
  /** How long completed publish jobs stay in the queue (their ids keep re-adds a no-op meanwhile). */
  published: Duration.default(parseDuration('7d')!),
  /** How long the last WireItem of each story is kept for lookups and version tracking. */
  items: Duration.default(parseDuration('30d')!),
});

/** `alerts.webhook`: POST each alert raised and cleared, signed like the publish webhook. */
export const AlertWebhookOptions = z.strictObject({
  url: HttpUrl,
  secretEnv: z
    .string()
    .regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'must be an environment variable name')
    .default(DEFAULT_WEBHOOK_SECRET_ENV),
  timeoutMs: z.number().int().min(100).default(10_000),
  /** Tries per alert (a network error, a 5xx or a 429 is tried again; another answer is final). */
  attempts: z.number().int().min(1).max(10).default(3),
  /** Wait before the second try, doubling after each. */
  backoff: Duration.default(parseDuration('2s')!),
});
export type AlertWebhookOptions = z.infer<typeof AlertWebhookOptions>;

/** `alerts:` in wire.yaml: when a source counts as quiet, failing or degrading (src/alerts/README.md). */
export const AlertsOptions = z.strictObject({
  quietFloor: Duration.default(parseDuration('6h')!),
  quietFactor: z.number().min(1).default(4),
  failingAfter: z.number().int().min(1).default(5),
  degradedWindow: z.number().int().min(5).default(20),
  degradedShare: z.number().gt(0).max(1).default(0.5),
  degradedRise: z.number().min(0).max(1).default(0.3),
  webhook: AlertWebhookOptions.optional(),
});

/** `console:` in wire.yaml: the operator console of the admin HTTP (src/console/README.md). */
export const ConsoleOptions = z.strictObject({
  /**
   * Let the console's "Add a source" write the entry to sources.yaml, and its Disable / Enable set or remove
   * `enabled: false` there (validated, atomic, a backup kept, comments kept). Off: the console shows the entry to
   * copy, Disable / Enable keep a pause in Redis, and it writes nothing.
   */
  writeConfig: z.boolean().default(false),
});

/**
 * `dedupe:` in wire.yaml: the same story from several sources (src/dedupe/README.md). Absent: no grouping.
 * A `prefer` id that names no configured source is a config problem (src/config/load.ts), not a refusal.
 */
export const DedupeOptions = z
  .strictObject({
    window: Duration.default(parseDuration('48h')!),
    policy: z.enum(['mark', 'first', 'prefer']).default('mark'),
    prefer: z.array(Slug).optional(),
  })
  .superRefine((d, ctx) => {
    if (d.window < 60_000) ctx.addIssue({ code: 'custom', path: ['window'], message: 'must be at least 1m' });
    if (d.policy === 'prefer' && !d.prefer?.length)
      ctx.addIssue({
        code: 'custom',
        path: ['prefer'],
        message: 'policy prefer needs a list of source ids, most preferred first',
      });
    if (d.policy !== 'prefer' && d.prefer)
      ctx.addIssue({
        code: 'custom',
        path: ['prefer'],
        message: `is only read with policy: prefer (policy is ${d.policy})`,
      });
  })
  .transform(({ window, policy, prefer }) => ({ windowMs: window, policy, prefer: prefer ?? [] }));
export type DedupeOptions = z.infer<typeof DedupeOptions>;

export const WireConfig = z
  .strictObject({
    /** The republishing site's name; replaces {site} in the disclaimer. */
    site: z.string().trim().min(1).describe("the republishing site's name"),
    section: z.string().trim().min(1).default('Media Wire'),
    disclaimer: z.string().trim().min(1).default(DEFAULT_DISCLAIMER),
    headline: HeadlineStyle.default({}),
    network: NetworkOptions.default(NetworkOptions.parse({})),
    politeness: PolitenessOptions.default(PolitenessOptions.parse({})),
    polling: PollingOptions.default(PollingOptions.parse({})),
    jobs: JobsOptions.default(JobsOptions.parse({})),
    retention: RetentionOptions.default(RetentionOptions.parse({})),
    /** Downstream: publish queues, the ninjs form, webhook delivery. */
    publish: PublishOptions.default(PublishOptions.parse({})),
    /** Editorial rules for every source's items (filter, hold, route, tag): src/rules, README "Editorial rules". */
    rules: EditorialRules.default([]),
    /** The operator console (admin HTTP at /). */
    console: ConsoleOptions.default(ConsoleOptions.parse({})),
    /** Sentinel or Cluster instead of REDIS_URL (not both); secrets from the environment only. */
    redis: RedisTopology.optional(),
    /** Source alerts: quiet, failing, degrading, moved. */
    alerts: AlertsOptions.default(AlertsOptions.parse({})).transform(({ quietFloor, ...rest }) => ({
      quietFloorMs: quietFloor,
      ...rest,
    })),
    /** Items editorial hold rules keep: `expireAfter` drops (and records) those no editor decided on in time; absent: kept. */
    held: z
      .strictObject({
        expireAfter: Duration.refine((ms) => ms >= 60_000, 'must be at least 1m').optional(),
      })
      .default({}),
    /** Same-story grouping (issue 15); absent: off. */
    dedupe: DedupeOptions.optional(),
  })
  .superRefine((w, ctx) => {
    w.rules.forEach((rule, i) => {
      const unknown = unknownRouteQueues(rule, w.publish.queues);
      if (unknown) ctx.addIssue({ code: 'custom', path: ['rules', i, 'queues'], message: unknown });
    });
  });
export type WireConfig = z.infer<typeof WireConfig>;

/** A route rule may only name queues in publish.queues: an item routed elsewhere would reach no one. */
export function unknownRouteQueues(rule: EditorialRule, queues: readonly string[]): string | null {
  const missing = (rule.queues ?? []).filter((q) => !queues.includes(q));
  if (!missing.length) return null;
  return `${missing.map((q) => `"${q}"`).join(', ')} ${missing.length > 1 ? 'are' : 'is'} not in publish.queues (${queues.join(', ')})`;
}

/** Everything the service reads from the config directory. */
export interface LoadedConfig {
  dir: string;
  wire: WireConfig;
  /** Valid sources (enabled or not); invalid entries are in `problems`. */
  sources: Source[];
  /** Source entries that were rejected and skipped, with their reasons. */
  problems: ConfigProblem[];
  /** `file:line` of wire.yaml's `redis:` block, when it has one (for messages about it). */
  redisAt?: string;
}

export interface ConfigProblem {
  file: string;
  /** e.g. sources[3].feed */
  path: string;
  line: number | null;
  message: string;
  /** The source id when the entry had one. */
  sourceId?: string;
}
