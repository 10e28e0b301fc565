/**
 * A job whose worker dies goes back to the front of the queue ("stalled"), so the same story is in flight
 * again at the next crash. Crashes unrelated to the page (deploys, kill -9, a host going down) must not fail
 * it: with the default jobs.maxStalledCount a story caught by four crashes in a row is still done.
 * Each "crash" here is a worker closed without finishing or giving back its job (force close): its lock is
 * no longer renewed, as after kill -9, and the next worker's stalled check takes the job back.
 */
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JobsOptions } from '../../src/config/schema.js';
import { startWorkers, type RunningWorkers } from '../../src/queue/workers.js';
import { writeConfig } from '../helpers/config.js';
import { generateArticles, sourceYaml, startOrigin, waitFor, wireYaml, type Origin } from '../helpers/faults.js';
import { testPrefix } from '../helpers/redis.js';
import { openTestRuntime, type TestRuntime } from '../helpers/runtime.js';

const CRASHES = 4;

describe('stalled jobs', () => {
  const lines: { msg: string }[] = [];
  const log = pino({ level: 'info' }, { write: (line: string) => void lines.push(JSON.parse(line)) });
  let origin: Origin;
  let opened: TestRuntime;
  const running: RunningWorkers[] = [];

  beforeAll(async () => {
    // The page never answers in time: every worker that takes the story is still fetching when it "dies".
    origin = await startOrigin({ articles: generateArticles(1), pageDelayMs: 600_000 });
    const dir = writeConfig(
      wireYaml({
        // maxStalledCount is left at its default: that is what is tested
        jobs: { lockDuration: '1s', extractThreads: 0 },
        politeness: { concurrency: 20 }, // the dead workers' fetches still hold their host slots
        network: { headersTimeoutMs: 600_000, bodyTimeoutMs: 600_000 },
      }),
      `sources:\n${sourceYaml('agency', origin, '1h')}`,
    );
    opened = openTestRuntime(dir, testPrefix(), log);
  });
  afterAll(async () => {
    await Promise.all(running.map((w) => Promise.all(w.workers.map((x) => x.close(true)))));
    await origin?.close();
    await opened?.close();
  });

  it(`the default maxStalledCount lets a story survive ${CRASHES} crashes in a row`, async () => {
    expect(JobsOptions.parse({}).maxStalledCount).toBeGreaterThanOrEqual(CRASHES);
    const { rt } = opened;
    const page = `/news/${origin.articles[0].slug}`;
    const fetches = () => origin.hits.get(page) ?? 0;
    await rt.queues.poll.add('poll', { sourceId: 'agency' });

    for (let n = 1; n <= CRASHES + 1; n++) {
      const workers = startWorkers(rt, n === 1 ? ['poll', 'article'] : ['article']);
      running.push(workers);
      // the story is taken (again) and its page is being fetched by this worker
      await waitFor(() => fetches() === n, 30_000, `fetch #${n} of the page`, 50);
      if (n === CRASHES + 1) break;
      await Promise.all(workers.workers.map((w) => w.close(true))); // the crash
    }

    const [job] = await rt.queues.article.getJobs(['active', 'failed', 'waiting'], 0, -1);
    expect(await job.getState()).toBe('active');
    expect(job.stalledCounter).toBe(CRASHES);
    expect(await rt.queues.article.getJobCounts('failed')).toEqual({ failed: 0 });
    expect(lines.filter((l) => l.msg.startsWith('job stalled')).length).toBeGreaterThanOrEqual(CRASHES);
  }, 90_000);
});
