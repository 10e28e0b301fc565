/**
 * A worker that died while publishing a story leaves the story's publish lock behind until it expires. The
 * story's next attempt waits for it instead of failing: its job is put back without using an attempt (a
 * story is not lost because its publish lock outlived a crashed worker's retries), and it publishes once.
 */
import { Redis } from 'ioredis';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load.js';
import { storyId } from '../../src/item/build.js';
import { startWorkers, type RunningWorkers } from '../../src/queue/workers.js';
import { createRuntime, type Runtime } from '../../src/runtime.js';
import { writeConfig } from '../helpers/config.js';
import { expectedPublishIds, generateArticles, sourceYaml, startOrigin, waitFor, wireYaml, type Origin } from '../helpers/faults.js';
import { dropPrefix, testPrefix, TEST_REDIS_URL } from '../helpers/redis.js';

describe('a story whose publish lock a dead worker still holds', () => {
  const prefix = testPrefix();
  const lines: { msg: string; itemId?: string; delayMs?: number }[] = [];
  const log = pino({ level: 'info' }, { write: (line: string) => void lines.push(JSON.parse(line)) });
  let origin: Origin;
  let redis: Redis;
  let rt: Runtime;
  let workers: RunningWorkers | undefined;

  beforeAll(async () => {
    origin = await startOrigin({ articles: generateArticles(3) });
    // One attempt only: had the wait used it, the story would end failed.
    const dir = writeConfig(wireYaml({ jobs: { attempts: 1, extractThreads: 0 } }), `sources:\n${sourceYaml('agency', origin, '1h')}`);
    redis = new Redis(TEST_REDIS_URL, { maxRetriesPerRequest: null });
    rt = createRuntime({ config: loadConfig(dir), redis, redisUrl: TEST_REDIS_URL, prefix, log });
  });

  afterAll(async () => {
    await workers?.close();
    await rt?.close();
    redis?.disconnect();
    await origin?.close();
    await dropPrefix(prefix);
  });

  it('waits for the lock to expire without using an attempt, then publishes once', async () => {
    const locked = storyId('agency', origin.pageUrl(origin.articles[1].slug));
    await redis.set(rt.keys.lock(`item-${locked}`), 'a-worker-that-died', 'PX', 2500);

    workers = startWorkers(rt, ['poll', 'article']);
    await rt.queues.poll.add('poll', { sourceId: 'agency' });
    await waitFor(
      async () => {
        const c = await rt.queues.article.getJobCounts('completed', 'failed', 'active', 'waiting', 'delayed');
        return c.completed + c.failed === 3 && c.active + c.waiting + c.delayed === 0;
      },
      20_000,
      'every article job to finish',
      100,
    );

    expect(await rt.queues.article.getJobCounts('failed')).toEqual({ failed: 0 });
    const published = (await rt.queues.publish.getJobs(['waiting'], 0, -1)).map((j) => j.id!).sort();
    expect(published).toEqual(expectedPublishIds('agency', origin));
    const waits = lines.filter((l) => l.msg.startsWith('story being published by another worker: article put back'));
    expect(waits.length).toBeGreaterThan(0);
    expect(waits.every((l) => l.itemId === locked && l.delayMs! >= 1000 && l.delayMs! <= 2500)).toBe(true);
  }, 30_000);
});
