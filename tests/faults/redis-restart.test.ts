/**
 * Redis going away: absent at start (a clear error, or a bounded wait when asked), and restarted in the
 * middle of a run with its append-only file on (the workers reconnect, log it, and lose nothing).
 * Each test runs its own redis-server on a free port of 127.0.0.1.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeConfig } from '../helpers/config.js';
import {
  expectedPublishIds,
  generateArticles,
  openQueues,
  privateRedis,
  sleep,
  sourceYaml,
  spawnWire,
  startOrigin,
  stopAll,
  waitFor,
  wireYaml,
  type Origin,
  type PrivateRedis,
  type TestQueues,
} from '../helpers/faults.js';
import { testPrefix } from '../helpers/redis.js';

const ARTICLES = 40;

describe('Redis absent at start or restarted mid-run', () => {
  const prefix = testPrefix();
  let origin: Origin;
  let redis: PrivateRedis;
  let queues: TestQueues | undefined;
  let dir: string;

  beforeAll(async () => {
    origin = await startOrigin({ articles: generateArticles(ARTICLES), pageDelayMs: 250 });
    dir = writeConfig(
      wireYaml({
        politeness: { concurrency: 2 },
        jobs: { articleConcurrency: 2, attempts: 5, backoff: '500ms', lockDuration: '3s' },
      }),
      `sources:\n${sourceYaml('agency', origin, '1h')}`,
    );
    redis = await privateRedis(); // not started yet
  });

  afterAll(async () => {
    await stopAll();
    await queues?.close();
    await origin?.close();
    await redis?.destroy();
  });

  it('fails at once with a clear error when REDIS_URL does not answer', async () => {
    const started = Date.now();
    const wire = spawnWire(
      ['start', '--config', dir],
      { REDIS_URL: redis.url, WIRE_PREFIX: prefix },
      'wire start (no redis)',
    );
    const exit = await Promise.race([wire.exited, sleep(20_000).then(() => 'still running')]);
    expect(exit, wire.text()).toEqual({ code: 2, signal: null });
    expect(Date.now() - started).toBeLessThan(20_000);
    expect(wire.text()).toContain(
      `Redis at ${redis.url} does not answer (connect ECONNREFUSED 127.0.0.1:${redis.port})`,
    );
    expect(wire.text()).toContain('WIRE_WAIT_FOR_REDIS');
    expect(wire.count('media wire started')).toBe(0);
  }, 30_000);

  it('waits for Redis when asked, then survives a Redis restart mid-run and loses nothing', async () => {
    const wire = spawnWire(
      ['start', '--config', dir],
      { REDIS_URL: redis.url, WIRE_PREFIX: prefix, WIRE_WAIT_FOR_REDIS: '40s' },
      'wire start',
    );
    await wire.waitForLog(/^waiting for redis/, 20_000);
    await sleep(500);
    expect(wire.running()).toBe(true);
    await redis.start();
    await wire.waitForLog('media wire started', 30_000);
    queues = openQueues(redis.url, prefix);
    const q = queues;

    // Mid-run: some items published, many still queued.
    await waitFor(async () => (await q.publishIds()).length >= 4, 30_000, 'the first items to be published');
    const queuedBefore = (await q.article.getJobs(['waiting', 'active', 'delayed', 'completed'], 0, -1)).map(
      (j) => j.id!,
    );
    const publishedBefore = await q.publishIds();
    expect(queuedBefore).toHaveLength(ARTICLES);
    expect(publishedBefore.length).toBeLessThan(ARTICLES);

    await redis.stop('SIGTERM'); // redis-server writes its append-only file out on SIGTERM
    await wire.waitForLog('reconnecting to redis', 15_000);
    // Longer than twice jobs.lockDuration (3s): the locks of the jobs in flight lapse, as in a real restart.
    await sleep(7000);
    expect(wire.running()).toBe(true);
    await redis.start();
    await wire.waitForLog('reconnected to redis', 30_000);

    // The run completes: every item, including those queued before the restart, published exactly once.
    await waitFor(
      async () => {
        const c = await q.article.getJobCounts('completed', 'failed', 'active', 'waiting', 'delayed');
        return c.completed + c.failed === ARTICLES && c.active + c.waiting + c.delayed === 0;
      },
      60_000,
      'the article queue to drain after the restart',
      500,
    );
    expect(await q.article.getJobCounts('failed')).toEqual({ failed: 0 });
    const completed = new Set((await q.article.getJobs(['completed'], 0, -1)).map((j) => j.id!));
    expect(queuedBefore.filter((id) => !completed.has(id))).toEqual([]);
    const published = await q.publishIds();
    expect(published).toEqual(expectedPublishIds('agency', origin));
    expect(publishedBefore.every((id) => published.includes(id))).toBe(true);

    // Reconnects are logged as JSON lines, not dumped as raw stack traces.
    expect(wire.text()).not.toMatch(/^Error: /m);
    const reconnect = wire.logs.find((l) => l.msg === 'reconnecting to redis')!;
    expect(reconnect.delayMs).toEqual(expect.any(Number));
    // Expected recovery is not an incident: one WARN when the connection dropped, one INFO when it was back,
    // lapsed job locks as WARN (the jobs ran again), and no ERROR line at all.
    const errors = wire.logs.filter((l) => l.level >= 50);
    expect(errors.map((l) => l.msg)).toEqual([]);
    expect(reconnect.level).toBe(40);
    expect(wire.count('reconnecting to redis')).toBe(1);
    const back = wire.logs.filter((l) => l.msg === 'reconnected to redis');
    expect(back).toHaveLength(1);
    expect(back[0]).toMatchObject({ level: 30, attempts: expect.any(Number), downMs: expect.any(Number) });
    expect(back[0].attempts as number).toBeGreaterThan(1);
    expect(wire.count('redis connection error')).toBe(0); // per-attempt errors are debug
    for (const l of wire.logs.filter((x) => /could not renew lock|Missing lock for job/.test(x.msg)))
      expect(l.level).toBe(40);
    expect(wire.running()).toBe(true);
    await wire.stop(20_000);
    expect(await wire.exited).toEqual({ code: 0, signal: null });
  }, 120_000);
});
