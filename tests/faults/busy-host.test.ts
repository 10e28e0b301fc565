/**
 * A host kept busy by politeness (its own slow crawl interval) longer than politeness.maxHostWait: the
 * article jobs waiting for it are put back to wait outside the worker, without spending their attempts,
 * so none fails for being polite, and the interval between requests to the host still holds.
 */
import { describe, expect, it } from 'vitest';
import {
  expectedPublishIds,
  generateArticles,
  spawnWire,
  startOrigin,
  waitForArticles,
  wireYaml,
  type Origin,
} from '../helpers/faults.js';
import { useFaultRun } from '../helpers/fault-run.js';

const INTERVAL_MS = 1200;
const ARTICLES = 6;

describe('a host busier than politeness.maxHostWait', () => {
  let origin: Origin;

  const run = useFaultRun(async ({ closeAfter }) => {
    origin = closeAfter(await startOrigin({ articles: generateArticles(ARTICLES) }));
    // one attempt: any attempt spent on waiting for the host would fail the item
    return {
      wire: wireYaml({ politeness: { maxHostWait: '500ms' }, jobs: { attempts: 1, articleConcurrency: 4 } }),
      sources: `sources:\n  - id: agency\n    name: Slow Crawl Agency\n    feed: ${origin.feedUrl}\n    every: 1h\n    politeness:\n      interval: ${INTERVAL_MS}ms\n`,
    };
  });

  it('puts the waiting jobs back without spending attempts; every item publishes; the interval holds', async () => {
    const wire = spawnWire(['start', '--config', run.dir], run.env, 'wire start');
    await wire.waitForLog('media wire started', 45_000);
    await waitForArticles(run.queues.article, ARTICLES, 60_000, 250);
    const failed = await run.queues.article.getJobs(['failed'], 0, -1);
    expect(failed.map((j) => j.failedReason)).toEqual([]);
    expect(await run.queues.publishIds()).toEqual(expectedPublishIds('agency', origin));
    // Each page fetched once, and never two requests to the host closer than its interval.
    for (const a of origin.articles) expect(origin.hits.get(`/news/${a.slug}`), a.slug).toBe(1);
    const starts = origin.requests.map((r) => r.at);
    const gaps = starts.slice(1).map((t, i) => t - starts[i]);
    expect(Math.min(...gaps), JSON.stringify(gaps)).toBeGreaterThanOrEqual(INTERVAL_MS - 50);
    // The wait happened outside the worker: jobs were put back, and said so.
    expect(wire.count(/^host busy/)).toBeGreaterThan(0);
    await wire.stop(20_000);
  }, 90_000);
});
