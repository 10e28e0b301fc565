import type { ConfigProblem } from '../config/schema.js';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { WireErrorKind } from '../errors.js';
import type { Logger } from '../log/index.js';
import { ALERT_KINDS } from '../alerts/detect.js';
import type { PollOutcome as StagePollOutcome, ArticleOutcome } from '../pipeline/context.js';
import type { Queues } from '../queue/queues.js';
import type { HealthStore } from '../state/health.js';
import { checkRedis, redisDown, withTimeout, type RedisHolder } from '../state/redis-check.js';

/** What a poll came to: the job's outcome, or `failed` when it threw. */
export type PollOutcome = StagePollOutcome | 'failed';
export type FetchStage = 'feed' | 'page' | 'robots';
export type FailureStage = 'poll' | 'article';

/** The job states shown per queue (BullMQ getJobCounts names). */
export const QUEUE_STATES = ['waiting', 'active', 'delayed', 'failed', 'completed'] as const;

/**
 * Label value for a source id that is not in the config (any more): a job for a removed source must not
 * open a new series per stray id, so series stay bounded by the config.
 */
export const UNCONFIGURED_SOURCE = '_unconfigured';

/**
 * A scrape must answer even when Redis does not: with `maxRetriesPerRequest: null` a command waits through
 * a reconnect forever, so every Redis read on scrape is bounded by this (Prometheus' default scrape
 * timeout is 10 s).
 */
const SCRAPE_REDIS_TIMEOUT_MS = 2000;

export interface WireMetrics {
  /** This runtime's own registry (never prom-client's global one: tests and several runtimes in one process). */
  registry: Registry;
  contentType: string;
  /** The Prometheus text exposition (runs the collect-on-scrape gauges). */
  render(): Promise<string>;
  pollDone(sourceId: string, outcome: PollOutcome): void;
  fetchDuration(stage: FetchStage, seconds: number): void;
  itemQueued(sourceId: string, count?: number): void;
  articleDone(outcome: ArticleOutcome): void;
  ruleMatched(sourceId: string, rule: string, action: string): void;
  failure(stage: FailureStage, kind: WireErrorKind): void;
}

/** The parts of the runtime the scrape reads; read through the object each time, so a config reload shows. */
export interface MetricsRuntime extends RedisHolder {
  sources: ReadonlyMap<string, unknown>;
  queues: Pick<Queues, 'byName'>;
  health: Pick<HealthStore, 'get'>;
  /** Source alerts open (absent: the gauge stays empty). */
  alerts?: { open(sourceId: string): Promise<{ kind: string }[]> };
  log: Logger;
  config: { problems: readonly ConfigProblem[] };
}

/**
 * The service's Prometheus metrics. Counters and the histogram count what this process did (sum them
 * across processes); the queue and source gauges are read from Redis on each scrape and so show the same
 * cluster-wide value in every process (aggregate them with max, not sum).
 */
export function createMetrics(rt: MetricsRuntime, opts: { defaultMetrics?: boolean } = {}): WireMetrics {
  const registry = new Registry();
  if (opts.defaultMetrics !== false) collectDefaultMetrics({ register: registry });

  const sourceLabel = (id: string) => (rt.sources.has(id) ? id : UNCONFIGURED_SOURCE);

  const polls = new Counter({
    name: 'wire_polls_total',
    help: 'Feed polls by source and outcome (feed, not-modified, unchanged, deferred, skipped, failed)',
    labelNames: ['source', 'outcome'] as const,
    registers: [registry],
  });
  const fetchSeconds = new Histogram({
    name: 'wire_fetch_duration_seconds',
    help: 'HTTP fetch time by stage (feed, page, robots), whole response',
    labelNames: ['stage'] as const,
    // Feeds and pages answer in tens of ms to tens of seconds; the top bucket sits near the body timeout.
    buckets: [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60],
    registers: [registry],
  });
  const queued = new Counter({
    name: 'wire_items_queued_total',
    help: 'Feed entries queued for the article stage, by source',
    labelNames: ['source'] as const,
    registers: [registry],
  });
  const articles = new Counter({
    name: 'wire_articles_total',
    help: 'Articles processed by outcome (published: a new story version queued; unchanged: nothing new; dropped, held: by an editorial rule; duplicate: the same story as one published, not published)',
    labelNames: ['outcome'] as const,
    registers: [registry],
  });
  const ruleMatches = new Counter({
    name: 'wire_rule_matches_total',
    help: 'Items an editorial rule matched, by source, rule and action (drop and hold decide; route and tag apply)',
    labelNames: ['source', 'rule', 'action'] as const,
    registers: [registry],
  });
  const failures = new Counter({
    name: 'wire_failures_total',
    help: 'Failed polls and article attempts by stage and error kind',
    labelNames: ['stage', 'kind'] as const,
    registers: [registry],
  });

  new Gauge({
    name: 'wire_config_problems',
    help: 'Source entries skipped for config errors in the config this process holds (listed by /readyz and /api/sources)',
    registers: [registry],
    collect() {
      this.set(rt.config.problems.length);
    },
  });

  new Gauge({
    name: 'wire_redis_up',
    help: '1 when Redis answered PING during this scrape, else 0 (the Redis-backed gauges are then left out)',
    registers: [registry],
    async collect() {
      this.set((await checkRedis(rt)).ok ? 1 : 0);
    },
  });

  new Gauge({
    name: 'wire_queue_jobs',
    help: 'Jobs per queue and state, read from Redis on scrape (cluster-wide)',
    labelNames: ['queue', 'state'] as const,
    registers: [registry],
    async collect() {
      // Reset first: a queue or state that could not be read must vanish, not keep a stale value.
      this.reset();
      if (redisDown(rt)) return;
      try {
        const counts = await withTimeout(
          Promise.all(
            [...rt.queues.byName].map(async ([name, q]) => [name, await q.getJobCounts(...QUEUE_STATES)] as const),
          ),
          SCRAPE_REDIS_TIMEOUT_MS,
          'reading queue counts',
        );
        for (const [queue, byState] of counts) {
          for (const state of QUEUE_STATES) this.set({ queue, state }, byState[state] ?? 0);
        }
      } catch (err) {
        rt.log.warn({ err }, 'metrics: could not read queue counts');
      }
    },
  });

  // Both source gauges come from one read of the health store per scrape.
  let healthRead: Promise<Map<string, { lastSuccessAt: string | null; consecutiveFailures: number }>> | null = null;
  const readHealth = () => {
    healthRead ??= (async () => {
      try {
        if (redisDown(rt)) return new Map();
        const ids = [...rt.sources.keys()];
        const all = await withTimeout(
          Promise.all(ids.map((id) => rt.health.get(id))),
          SCRAPE_REDIS_TIMEOUT_MS,
          'reading source health',
        );
        return new Map(ids.map((id, i) => [id, all[i]]));
      } catch (err) {
        rt.log.warn({ err }, 'metrics: could not read source health');
        return new Map();
      } finally {
        // The next scrape reads afresh; this one's two gauges share the read.
        setImmediate(() => (healthRead = null));
      }
    })();
    return healthRead;
  };

  new Gauge({
    name: 'wire_source_last_success_timestamp_seconds',
    help: 'Unix time of the last successful poll per source; 0 = never succeeded',
    labelNames: ['source'] as const,
    registers: [registry],
    async collect() {
      this.reset();
      for (const [source, h] of await readHealth())
        this.set({ source }, h.lastSuccessAt ? Date.parse(h.lastSuccessAt) / 1000 : 0);
    },
  });
  new Gauge({
    name: 'wire_source_alert',
    help: 'Source alerts open: 1 per source and kind (quiet, failing, degrading, moved) while the alert lasts, 0 for the other kinds',
    labelNames: ['source', 'kind'] as const,
    registers: [registry],
    async collect() {
      this.reset();
      const alerts = rt.alerts;
      if (!alerts || redisDown(rt)) return;
      const ids = [...rt.sources.keys()];
      try {
        const open = await withTimeout(
          Promise.all(ids.map((id) => alerts.open(id))),
          SCRAPE_REDIS_TIMEOUT_MS,
          'reading source alerts',
        );
        ids.forEach((source, i) => {
          for (const kind of ALERT_KINDS) this.set({ source, kind }, open[i].some((a) => a.kind === kind) ? 1 : 0);
        });
      } catch (err) {
        rt.log.warn({ err }, 'metrics: could not read source alerts');
      }
    },
  });
  new Gauge({
    name: 'wire_source_consecutive_failures',
    help: 'Polls of a source that failed in a row since its last success',
    labelNames: ['source'] as const,
    registers: [registry],
    async collect() {
      this.reset();
      for (const [source, h] of await readHealth()) this.set({ source }, h.consecutiveFailures);
    },
  });

  return {
    registry,
    contentType: registry.contentType,
    render: () => registry.metrics(),
    pollDone(sourceId, outcome) {
      polls.inc({ source: sourceLabel(sourceId), outcome });
    },
    fetchDuration(stage, seconds) {
      fetchSeconds.observe({ stage }, seconds);
    },
    itemQueued(sourceId, count = 1) {
      queued.inc({ source: sourceLabel(sourceId) }, count);
    },
    articleDone(outcome) {
      articles.inc({ outcome });
    },
    failure(stage, kind) {
      failures.inc({ stage, kind });
    },
    ruleMatched(sourceId, rule, action) {
      ruleMatches.inc({ source: sourceLabel(sourceId), rule, action });
    },
  };
}
