import { availableParallelism } from 'node:os';
import type { Redis } from 'ioredis';
import type { LoadedConfig, Source } from './config/schema.js';
import { createFetcher } from './fetch/index.js';
import type { Logger } from './log/index.js';
import type { HttpClient } from './fetch/types.js';
import { readPage, type PageResult, type PageWork } from './pipeline/page.js';
import { PageThreads } from './pipeline/page-threads.js';
import { createMetrics, type WireMetrics } from './metrics/index.js';
import { HostLimiter, type HostLimits } from './politeness/host-limiter.js';
import { politeFetcher } from './politeness/polite-fetcher.js';
import { RobotsCache } from './politeness/robots.js';
import { isClusterUrl } from './queue/connection.js';
import { createQueues, type Queues } from './queue/queues.js';
import { HealthStore } from './state/health.js';
import { ItemStore } from './state/items.js';
import { EditorialStore } from './state/editorial.js';
import { DedupeStore } from './state/dedupe.js';
import { SourceAlertStore } from './state/alerts.js';
import { alertPayload, alertWebhookSecret, deliverAlert } from './webhook/alert.js';
import type { AlertChange } from './alerts/detect.js';
import { stateKeys, type StateKeys } from './state/keys.js';
import { SeenStore } from './state/seen.js';

/**
 * Everything a running role needs, built once per process: config, Redis, queues, state stores and the
 * HTTP client. `reload` swaps the config in place so workers pick up edits without a restart.
 */
export interface Runtime {
  config: LoadedConfig;
  sources: Map<string, Source>;
  redis: Redis;
  /** For connections BullMQ opens itself (workers, queue events). */
  redisUrl: string;
  prefix: string;
  keys: StateKeys;
  queues: Queues;
  seen: SeenStore;
  items: ItemStore;
  /** Drops and holds of the editorial rules. */
  editorial: EditorialStore;
  /** Source alerts: their facts and the alerts open. */
  alerts: SourceAlertStore;
  /** The same story from several sources: groups, their published copy, the duplicates not published. */
  dedupe: DedupeStore;
  /** Sends a reported alert change to alerts.webhook, when configured (in the background; close() waits). */
  notifyAlert(sourceId: string, change: AlertChange): void;
  health: HealthStore;
  /** For pages and robots.txt: polite and guarded, every request takes a per-host slot shared by all processes. */
  fetcher: HttpClient;
  /** For feeds: the same, except that a host's Retry-After block does not hold other sources' feeds back. */
  feedFetcher: HttpClient;
  /** robots.txt checks for article pages; null when politeness.robots is off. */
  robots: RobotsCache | null;
  /** Reads fetched pages: on the extraction threads (started on first use) or inline (jobs.extractThreads 0). */
  readPage(work: PageWork, log?: Logger): Promise<PageResult>;
  /** Counters the stages update and the admin HTTP serves at /metrics. */
  metrics: WireMetrics;
  log: Logger;
  reload(config: LoadedConfig): void;
  close(): Promise<void>;
}

export function createRuntime(opts: {
  config: LoadedConfig;
  redis: Redis;
  redisUrl: string;
  prefix: string;
  log: Logger;
  fetcher?: HttpClient & { close?(): Promise<void> };
  /** Also export Node process metrics (CPU, memory, event loop): the long-running service does. */
  processMetrics?: boolean;
}): Runtime {
  const { redis, prefix, log } = opts;
  const cluster = isClusterUrl(opts.redisUrl);
  const keys = stateKeys(prefix, { cluster });
  let ownFetcher: ReturnType<typeof createFetcher> | null = null;
  const raw = opts.fetcher ?? (ownFetcher = createFetcher(opts.config.wire.network));
  const net = opts.config.wire.network;
  // The fetch client aborts a whole request (every redirect hop and the body) bodyTimeoutMs after it
  // starts, so a slot is never legitimately held longer; a worker killed mid-request frees its slot then.
  const limiter = new HostLimiter(redis, keys.hosts, net.bodyTimeoutMs, keys.hostTag);
  const limitsFor = (host: string): HostLimits => {
    const p = rt.config.wire.politeness;
    // A source's own limits apply to its host (the first source on that host that sets any wins).
    const own = rt.config.sources.find((s) => s.politeness && new URL(s.feed).host === host)?.politeness;
    return { maxConcurrent: own?.concurrency ?? p.concurrency, minIntervalMs: own?.interval ?? p.interval };
  };
  const fetcher = politeFetcher(raw, limiter, limitsFor, opts.config.wire.politeness.maxHostWait);
  const feedFetcher = politeFetcher(raw, limiter, limitsFor, opts.config.wire.politeness.maxHostWait, false);
  const p = opts.config.wire.politeness;
  const { extractThreads, extractTimeout, articleConcurrency } = opts.config.wire.jobs;
  const threads = extractThreadCount(extractThreads, articleConcurrency);
  const pages = threads > 0 ? new PageThreads(threads, extractTimeout, log) : null;
  const queues = createQueues(redis, prefix, opts.config.wire, cluster);
  const health = new HealthStore(redis, keys);
  const alerts = new SourceAlertStore(redis, keys);
  // Alert webhook deliveries in flight: close() lets the try in flight finish and stops further tries.
  const pendingAlerts = new Set<Promise<unknown>>();
  const stopping = new AbortController();
  // The scrape reads the sources through the runtime each time, so a config reload shows.
  const metrics = createMetrics(
    {
      get sources() {
        return rt.sources;
      },
      get config() {
        return rt.config;
      },
      queues,
      health,
      alerts,
      redis,
      log,
    },
    { defaultMetrics: opts.processMetrics ?? false },
  );
  const rt: Runtime = {
    config: opts.config,
    sources: new Map(opts.config.sources.map((s) => [s.id, s])),
    redis,
    redisUrl: opts.redisUrl,
    prefix,
    keys,
    queues,
    seen: new SeenStore(redis, keys, opts.config.wire.retention.seen),
    items: new ItemStore(redis, keys, opts.config.wire.retention.items),
    editorial: new EditorialStore(
      redis,
      keys,
      () => rt.config.wire.held.expireAfter,
      (held, record) =>
        log.info(
          { itemId: record.itemId, sourceId: record.sourceId, rule: record.rule, heldAt: held.at },
          `held item expired with no editor's decision: dropped (held by ${record.rule})`,
        ),
    ),
    alerts,
    // dedupe.window read on each use (a reload shows); the default when grouping is off (then unused).
    dedupe: new DedupeStore(redis, keys, () => rt.config.wire.dedupe?.windowMs ?? DEFAULT_DEDUPE_WINDOW_MS),
    health,
    fetcher,
    feedFetcher,
    robots: p.robots ? new RobotsCache(redis, keys.robots, fetcher, net.userAgent, p.robotsCache) : null,
    readPage: pages ? (work, pageLog) => pages.read(work, pageLog) : async (work) => readPage(work),
    metrics,
    log,
    reload(config) {
      rt.config = config;
      rt.sources = new Map(config.sources.map((s) => [s.id, s]));
    },
    notifyAlert(sourceId, change) {
      const hook = rt.config.wire.alerts.webhook;
      if (!hook) return;
      const source = rt.sources.get(sourceId);
      const alertLog = log.child({ sourceId, alert: change.kind, change: change.change });
      let secret: string;
      try {
        secret = alertWebhookSecret(hook);
      } catch (err) {
        alertLog.error({ err }, `alert webhook not sent: ${(err as Error).message}`);
        return;
      }
      const payload = alertPayload(
        rt.config.wire.site,
        { id: sourceId, name: source?.name ?? sourceId, feed: source?.feed ?? '' },
        change,
        new Date(),
      );
      const sent = deliverAlert(
        payload,
        { ...hook, secret },
        (attempt, err, waitMs) =>
          alertLog.info({ attempt, waitMs, err: err.message }, `alert webhook try ${attempt} failed; trying again`),
        stopping.signal,
      ).then(
        ({ status, attempts }) => alertLog.info({ status, attempts }, 'alert webhook delivered'),
        (err: Error) => alertLog.warn({ err }, `alert webhook failed: ${err.message}`),
      );
      pendingAlerts.add(sent);
      void sent.finally(() => pendingAlerts.delete(sent));
    },
    async close() {
      stopping.abort();
      await Promise.allSettled([...pendingAlerts]);
      await rt.queues.close();
      await pages?.close();
      await ownFetcher?.close();
    },
  };
  return rt;
}

const DEFAULT_DEDUPE_WINDOW_MS = 48 * 3_600_000;

/** jobs.extractThreads as a number: "auto" is one per core, and more threads than concurrent jobs would idle. */
export function extractThreadCount(setting: number | 'auto', articleConcurrency: number): number {
  return setting === 'auto' ? Math.min(availableParallelism(), articleConcurrency) : setting;
}
