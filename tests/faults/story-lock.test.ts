/**
 * A worker that died while publishing a story leaves the story's publish lock behind until it expires. The
 * story's next attempt waits for it instead of failing: its job is put back without using an attempt (a
 * story is not lost because its publish lock outlived a crashed worker's retries), and it publishes once.
 */
import type { Redis } from 'ioredis';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { storyId } from '../../src/item/build.js';
import { startWorkers, type RunningWorkers } from '../../src/queue/workers.js';
import type { Runtime } from '../../src/runtime.js';
import { writeConfig } from '../helpers/config.js';
import {
  expectedPublishIds,
  generateArticles,
  sourceYaml,
  startOrigin,
  waitForArticles,
  wireYaml,
  type Origin,
} from '../helpers/faults.js';
import { testPrefix } from '../helpers/redis.js';
import { openTestRuntime, type TestRuntime } from '../helpers/runtime.js';

describe('a story whose publish lock a dead worker still holds', () => {
  const prefix = testPrefix();
  const lines: { msg: string; itemId?: string; delayMs?: number }[] = [];
  const log = pino({ level: 'info' }, { write: (line: string) => void lines.push(JSON.parse(line)) });
  let origin: Origin;
  let opened: TestRuntime | undefined;
  let redis: Redis;
  let rt: Runtime;
  let workers: RunningWorkers | undefined;

  beforeAll(async () => {
    origin = await startOrigin({ articles: generateArticles(3) });
    // One attempt only: had the wait used it, the story would end failed.
    const dir = writeConfig(
      wireYaml({ jobs: { attempts: 1, extractThreads: 0 } }),
      `sources:\n${sourceYaml('agency', origin, '1h')}`,
    );
    opened = openTestRuntime(dir, prefix, log);
    ({ rt, redis } = opened);
  });

  afterAll(async () => {
    await workers?.close();
    await opened?.close();
    await origin?.close();
  });

  it('waits for the lock to expire without using an attempt, then publishes once', async () => {
    const locked = storyId('agency', origin.pageUrl(origin.articles[1].slug));
    await redis.set(rt.keys.lock(`item-${locked}`), 'a-worker-that-died', 'PX', 2500);

    workers = startWorkers(rt, ['poll', 'article']);
    await rt.queues.poll.add('poll', { sourceId: 'agency' });
    await waitForArticles(rt.queues.article, 3, 20_000, 100);

    expect(await rt.queues.article.getJobCounts('failed')).toEqual({ failed: 0 });
    const published = (await rt.queues.publish.getJobs(['waiting'], 0, -1)).map((j) => j.id!).sort();
    expect(published).toEqual(expectedPublishIds('agency', origin));
    const waits = lines.filter((l) => l.msg.startsWith('story being published by another worker: article put back'));
    expect(waits.length).toBeGreaterThan(0);
    expect(waits.every((l) => l.itemId === locked && l.delayMs! >= 1000 && l.delayMs! <= 2500)).toBe(true);
  }, 30_000);
});
