/**
 * Shutdown with jobs in flight. SIGTERM: the jobs being fetched finish and are published, no new one is
 * taken, the process exits 0. SIGTERM followed by SIGKILL before they finish (a supervisor's grace period
 * running out): the jobs are left active, and the next worker takes them back. Either way none stays active.
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

const ARTICLES = 12;
const CONCURRENCY = 4;

describe('shutdown with jobs in flight', () => {
  let origin: Origin;

  const run = useFaultRun(async ({ closeAfter }) => {
    origin = closeAfter(await startOrigin({ articles: generateArticles(ARTICLES), pageDelayMs: 2500 }));
    return {
      wire: wireYaml({
        politeness: { concurrency: CONCURRENCY },
        jobs: { articleConcurrency: CONCURRENCY, lockDuration: '2s' },
      }),
      sources: `sources:\n${sourceYaml('agency', origin, '1h')}`,
    };
  });

  /** Waits until `wire` has a full set of page fetches in flight; returns the ids of the active jobs. */
  async function inFlight(wire: WireProcess): Promise<string[]> {
    await wire.waitForLog('media wire started', 45_000);
    await waitFor(() => origin.inFlight === CONCURRENCY, 30_000, `${CONCURRENCY} page fetches in flight`, 50);
    return (await run.queues.article.getJobs(['active'], 0, -1)).map((j) => j.id!).sort();
  }

  const pageHits = () => origin.articles.reduce((n, a) => n + (origin.hits.get(`/news/${a.slug}`) ?? 0), 0);

  it('SIGTERM: jobs in flight complete and are published, nothing new is started, exit 0', async () => {
    const wire = spawnWire(['start', '--config', run.dir], run.env, 'wire start #1');
    const active = await inFlight(wire);
    expect(active).toHaveLength(CONCURRENCY);

    wire.kill('SIGTERM');
    const exit = await Promise.race([wire.exited, sleep(20_000).then(() => 'still running')]);
    expect(exit).toEqual({ code: 0, signal: null });
    expect(wire.count('shutting down: finishing jobs in flight')).toBe(1);
    expect(wire.count('stopped')).toBe(1);

    const counts = await run.queues.article.getJobCounts('active', 'completed', 'waiting', 'delayed', 'failed');
    expect(counts, JSON.stringify(wire.logs.filter((l) => l.level >= 40))).toEqual({
      active: 0,
      completed: CONCURRENCY,
      waiting: ARTICLES - CONCURRENCY,
      delayed: 0,
      failed: 0,
    });
    const completed = (await run.queues.article.getJobs(['completed'], 0, -1)).map((j) => j.id!).sort();
    expect(completed).toEqual(active);
    // every page fetched was published, once; none was started after the signal
    expect(pageHits()).toBe(CONCURRENCY);
    expect(await run.queues.publishIds()).toHaveLength(CONCURRENCY);
  }, 60_000);

  it('SIGKILL after SIGTERM: the abandoned jobs go back to the queue and the next worker completes them', async () => {
    const wire = spawnWire(['start', '--config', run.dir], run.env, 'wire start #2');
    const active = await inFlight(wire);
    expect(active).toHaveLength(CONCURRENCY);
    wire.kill('SIGTERM');
    await sleep(300);
    wire.kill('SIGKILL');
    await wire.exited;
    // Abandoned mid-fetch: still marked active, with no worker.
    expect((await run.queues.article.getJobs(['active'], 0, -1)).map((j) => j.id!).sort()).toEqual(active);

    const next = spawnWire(['start', '--config', run.dir], run.env, 'wire start #3');
    await waitFor(
      async () => {
        const c = await run.queues.article.getJobCounts('active', 'waiting', 'delayed', 'completed');
        return c.completed === ARTICLES && c.active + c.waiting + c.delayed === 0;
      },
      60_000,
      'every article job to complete',
      250,
    );
    expect(next.count(/^job stalled/)).toBeGreaterThanOrEqual(CONCURRENCY);
    expect(await run.queues.article.getJobCounts('failed', 'active')).toEqual({ failed: 0, active: 0 });
    expect(await run.queues.publishIds()).toEqual(expectedPublishIds('agency', origin));
    await next.stop(20_000);
    expect(await next.exited).toEqual({ code: 0, signal: null });
  }, 90_000);
});
