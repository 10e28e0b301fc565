/**
 * Three `wire start` processes against one Redis, same prefix and config: one scheduler per source (not
 * three), every item published once, and the per-host limit held across processes, as the origin sees it.
 */
import { describe, expect, it } from 'vitest';
import {
  expectedPublishIds,
  generateArticles,
  sleep,
  sourceYaml,
  spawnWire,
  startOrigin,
  waitFor,
  wireYaml,
  type Origin,
  type WireProcess,
} from '../helpers/faults.js';
import { useFaultRun } from '../helpers/fault-run.js';

const PROCESSES = 3;
const EVERY_MS = 2000;

describe('several wire start processes on one Redis', () => {
  let a: Origin;
  let b: Origin;

  const run = useFaultRun(async ({ closeAfter }) => {
    // The feeds list nothing until every process is up, so all of them compete for the same work.
    a = closeAfter(await startOrigin({ articles: generateArticles(24, 'alpha'), pageDelayMs: 150, feedOpen: false }));
    b = closeAfter(await startOrigin({ articles: generateArticles(16, 'beta'), pageDelayMs: 150, feedOpen: false }));
    return {
      wire: wireYaml({
        politeness: { concurrency: 2 },
        jobs: { articleConcurrency: 4, attempts: 3, backoff: '200ms' },
      }),
      sources: `sources:\n${sourceYaml('alpha', a, `${EVERY_MS}ms`)}${sourceYaml('beta', b, `${EVERY_MS}ms`)}`,
    };
  });

  it('schedules each source once, publishes each item once, and keeps per-host limits across processes', async () => {
    const started = Date.now();
    const procs: WireProcess[] = Array.from({ length: PROCESSES }, (_, i) =>
      spawnWire(['start', '--config', run.dir], run.env, `wire start #${i + 1}`),
    );
    await Promise.all(procs.map((p) => p.waitForLog('media wire started', 45_000)));

    const schedulers = await run.queues.poll.getJobSchedulers(0, -1, true);
    expect(schedulers.map((s) => s.key).sort()).toEqual(['poll-alpha', 'poll-beta']);
    expect(await run.queues.poll.getJobSchedulersCount()).toBe(2);

    a.feedOpen = true;
    b.feedOpen = true;
    const expected = [...expectedPublishIds('alpha', a), ...expectedPublishIds('beta', b)].sort();
    await waitFor(
      async () => (await run.queues.publishIds()).length >= expected.length,
      60_000,
      'every item on the publish queue',
      250,
    );
    // A few more polls of the unchanged feeds must add nothing.
    await sleep(2 * EVERY_MS + 500);
    const elapsed = Date.now() - started;

    expect(await run.queues.publishIds()).toEqual(expected);
    expect(await run.queues.article.getJobCounts('failed', 'active', 'waiting', 'delayed')).toEqual({
      failed: 0,
      active: 0,
      waiting: 0,
      delayed: 0,
    });

    // Per-host limits hold across processes: 3 processes x 4 article slots, yet at most 2 requests at once.
    expect(a.maxInFlight).toBe(2);
    expect(b.maxInFlight).toBe(2);

    // The work was shared (so the limit above was a cross-process one)...
    const workers = procs.filter((p) => p.count('item queued for publishing') > 0);
    expect(workers.length).toBeGreaterThanOrEqual(2);
    expect(procs.reduce((n, p) => n + p.count('item queued for publishing'), 0)).toBe(expected.length);
    // ...while each feed was polled on one schedule, not one per process.
    const maxPolls = Math.ceil(elapsed / EVERY_MS) + 2;
    for (const origin of [a, b]) {
      const polls = origin.hits.get('/feed.xml') ?? 0;
      expect(polls).toBeGreaterThanOrEqual(3);
      expect(polls).toBeLessThanOrEqual(maxPolls);
    }
    const pollJobs = await run.queues.poll.getJobCounts('completed', 'failed', 'active');
    expect(pollJobs.completed + pollJobs.failed + pollJobs.active).toBeLessThanOrEqual(2 * maxPolls);
    for (const article of [...a.articles, ...b.articles]) {
      const origin = a.articles.includes(article) ? a : b;
      expect(origin.hits.get(`/news/${article.slug}`), article.slug).toBe(1);
    }

    // Graceful stop of all three.
    await Promise.all(procs.map((p) => p.stop(20_000)));
    for (const p of procs) expect(await p.exited, p.name).toEqual({ code: 0, signal: null });
  }, 120_000);
});
