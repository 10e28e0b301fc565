import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load.js';
import { WireError } from '../../src/errors.js';
import { silentLogger } from '../../src/log/index.js';
import { createMetrics, UNCONFIGURED_SOURCE } from '../../src/metrics/index.js';
import { createRuntime, type Runtime } from '../../src/runtime.js';
import { writeConfig } from '../helpers/config.js';
import { dropPrefix, TEST_REDIS_URL, testPrefix, testRedis } from '../helpers/redis.js';

const SOURCES = `sources:
  - id: alpha
    name: Alpha
    feed: https://alpha.example/feed.xml
  - id: beta
    name: Beta
    feed: https://beta.example/feed.xml
`;

/** The value of one sample line (name with labels exactly as rendered), or undefined when absent. */
function sample(text: string, series: string): number | undefined {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

function openRuntime(prefix: string, redis: Redis): Runtime {
  return createRuntime({
    config: loadConfig(writeConfig('site: Example Daily\n', SOURCES)),
    redis,
    redisUrl: TEST_REDIS_URL,
    prefix,
    log: silentLogger,
  });
}

describe('metrics', () => {
  const prefix = testPrefix();
  let redis: Redis;
  let rt: Runtime;

  beforeAll(() => {
    redis = testRedis();
    rt = openRuntime(prefix, redis);
  });
  afterAll(async () => {
    await rt?.close();
    redis?.disconnect();
    await dropPrefix(prefix);
  });

  it('counts what the stages report, by label', async () => {
    const m = createMetrics(rt);
    m.pollDone('alpha', 'feed');
    m.pollDone('alpha', 'feed');
    m.pollDone('beta', 'not-modified');
    m.pollDone('beta', 'failed');
    m.fetchDuration('feed', 0.03);
    m.fetchDuration('page', 1.7);
    m.fetchDuration('page', 0.2);
    m.fetchDuration('robots', 0.01);
    m.itemQueued('alpha');
    m.itemQueued('alpha', 3);
    m.articleDone('published');
    m.articleDone('unchanged');
    m.articleDone('published');
    m.failure('article', 'no-article');
    m.failure('poll', 'http-status');
    const text = await m.render();
    expect(sample(text, 'wire_polls_total{source="alpha",outcome="feed"}')).toBe(2);
    expect(sample(text, 'wire_polls_total{source="beta",outcome="not-modified"}')).toBe(1);
    expect(sample(text, 'wire_polls_total{source="beta",outcome="failed"}')).toBe(1);
    expect(sample(text, 'wire_fetch_duration_seconds_count{stage="page"}')).toBe(2);
    expect(sample(text, 'wire_fetch_duration_seconds_sum{stage="page"}')).toBeCloseTo(1.9);
    expect(sample(text, 'wire_fetch_duration_seconds_bucket{le="0.05",stage="feed"}')).toBe(1);
    expect(sample(text, 'wire_fetch_duration_seconds_bucket{le="0.25",stage="page"}')).toBe(1);
    expect(sample(text, 'wire_fetch_duration_seconds_count{stage="robots"}')).toBe(1);
    expect(sample(text, 'wire_items_queued_total{source="alpha"}')).toBe(4);
    expect(sample(text, 'wire_articles_total{outcome="published"}')).toBe(2);
    expect(sample(text, 'wire_articles_total{outcome="unchanged"}')).toBe(1);
    expect(sample(text, 'wire_failures_total{stage="article",kind="no-article"}')).toBe(1);
    expect(sample(text, 'wire_failures_total{stage="poll",kind="http-status"}')).toBe(1);
    expect(text).toContain('# TYPE wire_fetch_duration_seconds histogram');
  });

  it('keeps source labels to the configured ids', async () => {
    const m = createMetrics(rt, { defaultMetrics: false });
    m.pollDone('removed-source', 'skipped');
    m.itemQueued('who-knows');
    const text = await m.render();
    expect(sample(text, `wire_polls_total{source="${UNCONFIGURED_SOURCE}",outcome="skipped"}`)).toBe(1);
    expect(sample(text, `wire_items_queued_total{source="${UNCONFIGURED_SOURCE}"}`)).toBe(1);
    expect(text).not.toContain('removed-source');
  });

  it('reads queue depths from Redis on each scrape', async () => {
    const m = createMetrics(rt, { defaultMetrics: false });
    let text = await m.render();
    for (const queue of ['poll', 'article', 'publish']) {
      for (const state of ['waiting', 'active', 'delayed', 'failed', 'completed']) {
        expect(sample(text, `wire_queue_jobs{queue="${queue}",state="${state}"}`), `${queue} ${state}`).toBe(0);
      }
    }
    await rt.queues.poll.add('poll', { sourceId: 'alpha' }, { jobId: 'p1' });
    await rt.queues.poll.add('poll', { sourceId: 'beta' }, { jobId: 'p2' });
    await rt.queues.article.add('article', { sourceId: 'alpha', item: {} as never }, { jobId: 'a1', delay: 60_000 });
    text = await m.render();
    expect(sample(text, 'wire_queue_jobs{queue="poll",state="waiting"}')).toBe(2);
    expect(sample(text, 'wire_queue_jobs{queue="article",state="delayed"}')).toBe(1);
    expect(sample(text, 'wire_queue_jobs{queue="article",state="waiting"}')).toBe(0);
    await rt.queues.poll.obliterate({ force: true });
    text = await m.render();
    expect(sample(text, 'wire_queue_jobs{queue="poll",state="waiting"}')).toBe(0);
  });

  it('reads per-source last success and consecutive failures from the health store', async () => {
    const m = createMetrics(rt, { defaultMetrics: false });
    let text = await m.render();
    expect(sample(text, 'wire_source_last_success_timestamp_seconds{source="alpha"}')).toBe(0);
    expect(sample(text, 'wire_source_consecutive_failures{source="beta"}')).toBe(0);

    const at = new Date('2026-03-01T12:00:00Z');
    await rt.health.pollSucceeded(
      'alpha',
      {
        status: 200,
        fetchMs: 120,
        queued: 2,
        validators: { etag: null, lastModified: null, bodyHash: null },
        movedTo: null,
      },
      at,
    );
    await rt.health.pollFailed('beta', new WireError('timeout', 'no answer in 10 s'));
    await rt.health.pollFailed('beta', new WireError('network', 'ECONNRESET'));
    text = await m.render();
    expect(sample(text, 'wire_source_last_success_timestamp_seconds{source="alpha"}')).toBe(at.getTime() / 1000);
    expect(sample(text, 'wire_source_consecutive_failures{source="alpha"}')).toBe(0);
    expect(sample(text, 'wire_source_consecutive_failures{source="beta"}')).toBe(2);
    expect(sample(text, 'wire_source_last_success_timestamp_seconds{source="beta"}')).toBe(0);
  });

  it('follows a config reload: a removed source leaves the gauges', async () => {
    const m = createMetrics(rt, { defaultMetrics: false });
    const before = rt.config;
    rt.reload(loadConfig(writeConfig('site: Example Daily\n', SOURCES.split('  - id: beta')[0])));
    try {
      const text = await m.render();
      expect(sample(text, 'wire_source_consecutive_failures{source="alpha"}')).toBe(0);
      expect(text).not.toContain('source="beta"');
    } finally {
      rt.reload(before);
    }
  });

  it('gives each call its own registry, with the default process metrics', async () => {
    const a = createMetrics(rt);
    const b = createMetrics(rt);
    a.articleDone('published');
    const [ta, tb] = await Promise.all([a.render(), b.render()]);
    expect(sample(ta, 'wire_articles_total{outcome="published"}')).toBe(1);
    expect(sample(tb, 'wire_articles_total{outcome="published"}')).toBeUndefined();
    for (const name of [
      'process_cpu_user_seconds_total',
      'process_resident_memory_bytes',
      'nodejs_eventloop_lag_seconds',
      'nodejs_heap_size_used_bytes',
    ]) {
      expect(ta).toContain(`# TYPE ${name} `);
    }
    expect(a.contentType).toMatch(/^text\/plain; version=0\.0\.4/);
    expect(await createMetrics(rt, { defaultMetrics: false }).render()).not.toContain('process_cpu_user_seconds_total');
  });
});

describe('metrics while Redis is unreachable', () => {
  const prefix = testPrefix();
  let redis: Redis;
  let rt: Runtime;

  beforeAll(async () => {
    redis = testRedis();
    rt = openRuntime(prefix, redis);
    await redis.ping();
  });
  afterAll(async () => {
    await rt?.close();
    await dropPrefix(prefix);
  });

  it('a scrape still answers at once: the counters, wire_redis_up 0, and no stale Redis-backed series', async () => {
    const m = createMetrics(rt, { defaultMetrics: false });
    m.pollDone('alpha', 'failed');
    expect(sample(await m.render(), 'wire_queue_jobs{queue="poll",state="waiting"}')).toBe(0);
    redis.disconnect();
    await new Promise((r) => setTimeout(r, 50));
    const started = Date.now();
    const text = await m.render();
    expect(Date.now() - started).toBeLessThan(1000);
    expect(sample(text, 'wire_redis_up')).toBe(0);
    expect(sample(text, 'wire_polls_total{source="alpha",outcome="failed"}')).toBe(1);
    expect(text).not.toMatch(/^wire_queue_jobs\{/m);
    expect(text).not.toMatch(/^wire_source_consecutive_failures\{/m);
  });
});
