/**
 * kill -9 of the article worker in the middle of a batch, three times at random moments, each time
 * restarted: every feed entry still ends as exactly one publish job (DESIGN.md invariants 3 and 4).
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

const ARTICLES = 60;
const KILLS = 3;

describe('an article worker killed with SIGKILL mid-batch', () => {
  let origin: Origin;

  const run = useFaultRun(async ({ closeAfter }) => {
    // 60 pages at 250 ms each, 2 at a time: a worker is always in the middle of something.
    origin = closeAfter(await startOrigin({ articles: generateArticles(ARTICLES), pageDelayMs: 250 }));
    return {
      wire: wireYaml({
        // short network timeouts: a killed worker's host slots are leased for bodyTimeoutMs
        network: { connectTimeoutMs: 1000, headersTimeoutMs: 2000, bodyTimeoutMs: 3000 },
        politeness: { concurrency: 8 },
        // A killed worker's jobs come back after ~2 lockDurations. maxStalledCount keeps its default (10):
        // with BullMQ's 1, a job caught by two of the kills would end failed instead of published.
        jobs: { attempts: 5, backoff: '500ms', articleConcurrency: 2, lockDuration: '2s' },
      }),
      sources: `sources:\n${sourceYaml('agency', origin, '1h')}`,
    };
  });

  it('publishes every entry exactly once (count and ids), loses none', async () => {
    const articleWorker = (n: number) =>
      spawnWire(['start', '--roles', 'article', '--config', run.dir], run.env, `article worker #${n}`);
    const poller = spawnWire(['start', '--roles', 'scheduler,poll', '--config', run.dir], run.env, 'scheduler+poll');
    const workers: WireProcess[] = [articleWorker(1)];
    const kills: { afterMs: number; published: number; active: number; left: number }[] = [];

    for (let k = 0; k < KILLS; k++) {
      const worker = workers.at(-1)!;
      await worker.waitForLog('item queued for publishing', 45_000);
      // The second kill waits until this worker has taken back the first one's jobs, and likely hits them
      // again: a job may lose its worker more than once.
      if (k === 1) await worker.waitForLog(/^job stalled/, 45_000);
      const afterMs = k === 1 ? Math.floor(Math.random() * 400) : 200 + Math.floor(Math.random() * 800);
      await sleep(afterMs);
      worker.kill('SIGKILL');
      expect(await worker.exited).toMatchObject({ signal: 'SIGKILL' });
      const counts = await run.queues.article.getJobCounts('active', 'waiting', 'delayed');
      kills.push({
        afterMs,
        published: (await run.queues.publishIds()).length,
        active: counts.active,
        left: counts.active + counts.waiting + counts.delayed,
      });
      workers.push(articleWorker(k + 2));
    }

    // The last worker finishes the batch, including the jobs the dead ones held (stalled-job recovery).
    await waitFor(
      async () => {
        const c = await run.queues.article.getJobCounts('active', 'waiting', 'delayed', 'completed', 'failed');
        return c.completed + c.failed === ARTICLES && c.active + c.waiting + c.delayed === 0;
      },
      75_000,
      'the article queue to drain',
      500,
    );

    // Every kill landed mid-batch: the dead worker left jobs active, and work was left to do.
    for (const kill of kills) {
      expect(kill.active, JSON.stringify(kills)).toBeGreaterThan(0);
      expect(kill.published, JSON.stringify(kills)).toBeLessThan(ARTICLES);
    }
    // ...and those jobs came back through the stalled-job check, not by luck.
    const stalled = workers.reduce((n, w) => n + w.count(/^job stalled/), 0);
    expect(stalled).toBeGreaterThanOrEqual(kills.at(-1)!.active);

    const ids = await run.queues.publishIds();
    expect(ids).toHaveLength(ARTICLES);
    expect(new Set(ids).size).toBe(ARTICLES);
    expect(ids).toEqual(expectedPublishIds('agency', origin));
    expect(await run.queues.article.getJobCounts('failed')).toEqual({ failed: 0 });
    // Pages of jobs caught by a kill were fetched again, once per attempt at most.
    const pageHits = origin.articles.map((a) => origin.hits.get(`/news/${a.slug}`) ?? 0);
    expect(Math.min(...pageHits)).toBeGreaterThanOrEqual(1);
    expect(pageHits.reduce((a, b) => a + b, 0)).toBeGreaterThan(ARTICLES);
    expect(poller.running()).toBe(true);
  }, 150_000);
});
