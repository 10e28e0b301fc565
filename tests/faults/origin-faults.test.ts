/**
 * An origin that misbehaves: connection reset mid-body, 500s in bursts and for good, responses that
 * trickle or hang past the deadline. Each page is retried per jobs.attempts/backoff and then fails visibly,
 * with its reason, in the failed set; meanwhile a healthy source on another host keeps being polled and
 * published at its own pace.
 */
import { describe, expect, it } from 'vitest';
import { runWire } from '../helpers/cli.js';
import {
  expectedPublishIds,
  feedItem,
  generateArticles,
  resetMidBody,
  serverError,
  sleep,
  sourceYaml,
  spawnWire,
  startOrigin,
  trickle,
  waitFor,
  wireYaml,
  type Origin,
} from '../helpers/faults.js';
import { useFaultRun } from '../helpers/fault-run.js';

const ATTEMPTS = 3;
const BODY_TIMEOUT_MS = 1500;

describe('origin faults', () => {
  let faulty: Origin;
  let healthy: Origin;
  const healthyArticles = generateArticles(14, 'calm');

  const run = useFaultRun(async ({ closeAfter }) => {
    // faulty: two good stories, one that fails twice with 500 then works, one served slowly but in time
    faulty = closeAfter(await startOrigin({ articles: generateArticles(4, 'rough') }));
    const [, , burst, slowOk] = faulty.articles;
    faulty.routes.set(`/news/${burst.slug}`, (req, res, hit) => (hit <= 2 ? serverError(req, res, hit) : 'default'));
    faulty.delays.set(`/news/${slowOk.slug}`, 900);
    // ...and pages that never work
    faulty.routes.set('/news/reset', resetMidBody);
    faulty.routes.set('/news/always-500', serverError);
    faulty.routes.set('/news/trickle-1', trickle(200));
    faulty.routes.set('/news/trickle-2', trickle(200));
    faulty.routes.set('/news/hang-1', () => {}); // never answers
    faulty.routes.set('/news/hang-2', () => {});
    faulty.extraItems.push(
      ...['reset', 'always-500', 'trickle-1', 'trickle-2', 'hang-1', 'hang-2'].map((slug) =>
        feedItem(faulty, slug, `Broken page ${slug}`),
      ),
    );
    healthy = closeAfter(await startOrigin({ articles: healthyArticles.slice(0, 2), pageDelayMs: 50 }));
    return {
      wire: wireYaml({
        network: { connectTimeoutMs: 1000, headersTimeoutMs: 1200, bodyTimeoutMs: BODY_TIMEOUT_MS },
        jobs: { attempts: ATTEMPTS, backoff: '300ms', articleConcurrency: 4 },
      }),
      sources: `sources:\n${sourceYaml('faulty', faulty, '1h')}${sourceYaml('healthy', healthy, '1s')}`,
    };
  });

  it('retries each fault per policy, fails it visibly with its reason, and the healthy source keeps its pace', async () => {
    const wire = spawnWire(['start', '--config', run.dir], run.env, 'wire start');
    await wire.waitForLog('media wire started', 45_000);

    // While the faulty source's pages fail, the healthy agency files a new story every 700 ms.
    const filed = new Map<string, number>();
    const faultyDone = async () => {
      const jobs = await run.queues.article.getJobs(['completed', 'failed'], 0, -1);
      return jobs.filter((j) => j.data.sourceId === 'faulty').length === 10;
    };
    let faultyFinishedAt = 0;
    for (const article of healthyArticles.slice(2)) {
      healthy.articles.push(article);
      filed.set(article.slug, Date.now());
      await sleep(700);
      if (!faultyFinishedAt && (await faultyDone())) faultyFinishedAt = Date.now();
    }
    await waitFor(faultyDone, 60_000, 'every faulty-source job to finish');
    faultyFinishedAt ||= Date.now();
    await waitFor(
      async () => (await run.queues.publishIds()).length >= 14 + 3,
      30_000,
      'every healthy story and the good faulty ones',
    );

    // Failed set: exactly the broken pages, each after all its attempts, each with a reason naming the fault.
    const failed = await run.queues.article.getJobs(['failed'], 0, -1);
    const bySlug = new Map(failed.map((j) => [j.data.item.link.split('/').pop() as string, j]));
    expect([...bySlug.keys()].sort()).toEqual(['always-500', 'hang-1', 'hang-2', 'reset', 'trickle-1', 'trickle-2']);
    for (const job of failed) expect(job.attemptsMade, job.id).toBe(ATTEMPTS);
    expect(bySlug.get('reset')!.failedReason).toMatch(
      /^network: .*(other side closed|ECONNRESET|socket).*\/news\/reset/i,
    );
    expect(bySlug.get('always-500')!.failedReason).toMatch(/^http-status: .*500/);
    for (const slug of ['trickle-1', 'trickle-2']) {
      expect(bySlug.get(slug)!.failedReason).toMatch(
        new RegExp(`^timeout: no complete response within ${BODY_TIMEOUT_MS} ms`),
      );
    }
    for (const slug of ['hang-1', 'hang-2']) expect(bySlug.get(slug)!.failedReason).toMatch(/^timeout: /);
    // Retried per policy: one request per attempt, no more.
    for (const slug of bySlug.keys()) expect(faulty.hits.get(`/news/${slug}`), slug).toBe(ATTEMPTS);

    // The burst of 500s was ridden out (third attempt), the slow page was waited for.
    const [good1, good2, burst, slowOk] = faulty.articles;
    expect(faulty.hits.get(`/news/${burst.slug}`)).toBe(3);
    const published = await run.queues.publishIds();
    expect(published).toEqual(
      expect.arrayContaining(expectedPublishIds('faulty', faulty, [good1.slug, good2.slug, burst.slug, slowOk.slug])),
    );
    expect(published).toEqual(expect.arrayContaining(expectedPublishIds('healthy', healthy)));
    expect(published).toHaveLength(4 + healthyArticles.length);

    // The healthy source kept its pace while the faulty one was failing: polled every second or so, and
    // each new story published within a few seconds of being filed.
    const publishJobs = await run.queues.publish.getJobs(['waiting'], 0, -1);
    const publishedAt = new Map(
      publishJobs.map((j) => [(j.data.source.url as string).split('/').pop() as string, j.timestamp]),
    );
    const latencies = [...filed].map(([slug, at]) => ({ slug, ms: publishedAt.get(slug)! - at }));
    const duringFaults = latencies.filter((l) => filed.get(l.slug)! < faultyFinishedAt);
    expect(duringFaults.length, JSON.stringify({ latencies, faultyFinishedAt })).toBeGreaterThanOrEqual(4);
    for (const l of latencies) expect(l.ms, JSON.stringify(latencies)).toBeLessThan(6000);

    // The operator sees the same reasons.
    const list = await runWire(['failed', 'list', '--json', '--queue', 'article', '--config', run.dir], run.env);
    const shown = JSON.parse(list.stdout).jobs as { link: string; reason: string; attempts: number }[];
    expect(shown.map((j) => j.link.split('/').pop()).sort()).toEqual([...bySlug.keys()].sort());
    expect(shown.find((j) => j.link.endsWith('/always-500'))).toMatchObject({
      attempts: ATTEMPTS,
      reason: expect.stringMatching(/^http-status: /),
    });

    await wire.stop(20_000);
    expect(await wire.exited).toEqual({ code: 0, signal: null });
  }, 120_000);
});
