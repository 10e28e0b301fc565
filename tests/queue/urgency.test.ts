import { Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load.js';
import type { FeedItem } from '../../src/feed/types.js';
import { silentLogger } from '../../src/log/index.js';
import { toPublishPayload } from '../../src/publish/payload.js';
import { bullConnection, isClusterUrl } from '../../src/queue/connection.js';
import { queuePrefix } from '../../src/queue/names.js';
import { createRuntime, type Runtime } from '../../src/runtime.js';
import { writeConfig } from '../helpers/config.js';
import { dropPrefix, TEST_REDIS_URL, testPrefix, testRedis } from '../helpers/redis.js';
import { sampleItem } from '../helpers/sample-item.js';

const entry = (guid: string, urgency: number | null): FeedItem => ({
  guid,
  link: `https://agency.example/feed#${guid}`,
  title: guid,
  publishedAt: null,
  updatedAt: null,
  summary: null,
  content: null,
  author: null,
  categories: [],
  image: null,
  agency: {
    format: 'ninjs',
    id: guid,
    version: '1',
    pubStatus: 'usable',
    pubStatusReading: null,
    embargo: null,
    embargoReading: null,
    expires: null,
    urgency,
    signals: { correction: false, update: false, codes: [] },
    editorialNote: null,
    byline: null,
    credit: null,
    copyright: null,
    usageTerms: null,
    subjects: [],
    images: [],
    body: null,
    bodyUrl: null,
    refersTo: null,
  },
});

describe('agency urgency: a flash is not stuck behind a backlog of routine copy', () => {
  const prefix = testPrefix();
  let redis: Redis;
  let rt: Runtime;
  beforeAll(() => {
    const dir = writeConfig('site: Example Daily\npublish:\n  queues: [cms]\n', 'sources: []\n');
    redis = testRedis();
    rt = createRuntime({ config: loadConfig(dir), redis, redisUrl: TEST_REDIS_URL, prefix, log: silentLogger });
  });
  afterAll(async () => {
    await rt.close();
    redis.disconnect();
    await dropPrefix(prefix);
  });

  /** The order a single worker (concurrency 1) takes the queue's jobs in. */
  async function order(
    queue: string,
    count: number,
    name: (data: Record<string, unknown>) => string,
  ): Promise<string[]> {
    const seen: string[] = [];
    const worker = new Worker(
      queue,
      async (job) => {
        seen.push(name(job.data as Record<string, unknown>));
      },
      {
        connection: bullConnection(rt),
        prefix: queuePrefix(prefix, queue, isClusterUrl(TEST_REDIS_URL)),
        concurrency: 1,
      },
    );
    try {
      const until = Date.now() + 20_000;
      while (seen.length < count) {
        if (Date.now() > until) throw new Error(`only ${seen.length} of ${count} jobs taken`);
        await new Promise((r) => setTimeout(r, 50));
      }
    } finally {
      await worker.close();
    }
    return seen;
  }

  it('article queue: urgency 1 and 2 go to the front, routine and unknown urgency keep their order', async () => {
    await rt.queues.addArticles('agency', [entry('routine-1', 5), entry('routine-2', null), entry('routine-3', 4)]);
    await rt.queues.addArticles('agency', [entry('flash', 1)]);
    await rt.queues.addArticles('agency', [entry('routine-4', 6)]);
    const taken = await order('article', 5, (d) => (d.item as FeedItem).guid);
    expect(taken[0]).toBe('flash');
    expect(taken.slice(1)).toEqual(['routine-1', 'routine-2', 'routine-3', 'routine-4']);
  });

  it('publish queue: a flash item is taken before the routine ones queued earlier; the item carries its urgency', async () => {
    const base = sampleItem();
    const make = (id: string, urgency: number | null) =>
      toPublishPayload(
        { ...base, id: id.padEnd(32, '0'), lifecycle: { ...base.lifecycle, urgency } },
        rt.config.wire.publish,
      );
    await rt.queues.addPublish('a-v1', make('a', 5));
    await rt.queues.addPublish('b-v1', make('b', null));
    await rt.queues.addPublish('f-v1', make('f', 1));
    const taken = await order('cms', 3, (d) => String(d.id).slice(0, 1));
    expect(taken).toEqual(['f', 'a', 'b']);
  });

  it('publish queue: a kill (or hold) of routine copy goes to the front too: a story to take down does not wait', async () => {
    const base = sampleItem();
    const make = (id: string, pubStatus: 'usable' | 'canceled') =>
      toPublishPayload(
        { ...base, id: id.padEnd(32, '0'), pubStatus, lifecycle: { ...base.lifecycle, urgency: 5 } },
        rt.config.wire.publish,
      );
    await rt.queues.addPublish('c-v1', make('c', 'usable'));
    await rt.queues.addPublish('d-v1', make('d', 'usable'));
    await rt.queues.addPublish('k-v2', make('k', 'canceled'));
    expect(await order('cms', 3, (d) => String(d.id).slice(0, 1))).toEqual(['k', 'c', 'd']);
  });
});
