/**
 * A poison item whose failure nobody planned for: the extractor throws a plain TypeError (a bug) on one
 * page. Real Redis, real workers and a real origin, in this process so the extractor can be made to throw:
 * the item is retried per jobs.attempts (a bug may be transient), then fails alone with its reason; the
 * other items publish. The extractor is mocked in this process, so pages are read inline (extractThreads 0):
 * a thread would load the real one. (tests/pipeline/page-threads.test.ts crashes a thread instead.)
 */
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { ExtractOptions } from '../../src/extract/index.js';
import { startWorkers, type RunningWorkers } from '../../src/queue/workers.js';
import type { Runtime } from '../../src/runtime.js';
import { writeConfig } from '../helpers/config.js';
import {
  expectedPublishIds,
  feedItem,
  generateArticles,
  sourceYaml,
  startOrigin,
  waitForArticles,
  wireYaml,
  type Origin,
} from '../helpers/faults.js';
import { testPrefix } from '../helpers/redis.js';
import { openTestRuntime, type TestRuntime } from '../helpers/runtime.js';

const BUG = "Cannot read properties of undefined (reading 'children')";

vi.mock('../../src/extract/index.js', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../src/extract/index.js')>();
  return {
    ...real,
    extractArticle(html: string, opts: ExtractOptions) {
      if (opts.url.endsWith('/news/bug')) throw new TypeError(BUG);
      return real.extractArticle(html, opts);
    },
  };
});

const ATTEMPTS = 3;

describe('an item that makes the extractor throw an unplanned error', () => {
  const prefix = testPrefix();
  const lines: { msg: string; guid?: string; kind?: string; attempt?: number }[] = [];
  const log = pino({ level: 'info' }, { write: (line: string) => void lines.push(JSON.parse(line)) });
  let origin: Origin;
  let opened: TestRuntime | undefined;
  let rt: Runtime;
  let workers: RunningWorkers | undefined;

  beforeAll(async () => {
    origin = await startOrigin({ articles: generateArticles(5), pageDelayMs: 20 });
    origin.routes.set('/news/bug', (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(
        `<html><head><title>Bug</title></head><body><article><p>${'A perfectly ordinary paragraph. '.repeat(20)}</p></article></body></html>`,
      );
    });
    origin.extraItems.push(feedItem(origin, 'bug', 'A story that trips a bug'));
    const dir = writeConfig(
      wireYaml({ jobs: { attempts: ATTEMPTS, backoff: '100ms', extractThreads: 0 } }),
      `sources:\n${sourceYaml('agency', origin, '1h')}`,
    );
    opened = openTestRuntime(dir, prefix, log);
    ({ rt } = opened);
  });

  afterAll(async () => {
    await workers?.close();
    await opened?.close();
    await origin?.close();
  });

  it('is retried per policy, then fails alone with its reason; the others publish', async () => {
    workers = startWorkers(rt, ['poll', 'article']);
    await rt.queues.poll.add('poll', { sourceId: 'agency' });
    await waitForArticles(rt.queues.article, 6, 30_000, 100);

    const failed = await rt.queues.article.getFailed(0, -1);
    expect(failed).toHaveLength(1);
    expect(failed[0].data.item.link).toBe(origin.pageUrl('bug'));
    expect(failed[0].attemptsMade).toBe(ATTEMPTS);
    expect(failed[0].failedReason).toBe(`internal: ${BUG}`);
    expect(origin.hits.get('/news/bug')).toBe(ATTEMPTS);
    const logged = lines.filter((l) => l.msg === `article failed: ${BUG}`);
    expect(logged.map((l) => [l.guid, l.kind, l.attempt])).toEqual([1, 2, 3].map((n) => ['bug', 'internal', n]));

    const published = (await rt.queues.publish.getJobs(['waiting'], 0, -1)).map((j) => j.id!).sort();
    expect(published).toEqual(expectedPublishIds('agency', origin));
  }, 45_000);
});
