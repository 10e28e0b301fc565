import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load.js';
import { buildWireItem, type BuildInput } from '../../src/item/build.js';
import type { WireItem } from '../../src/item/schema.js';
import { silentLogger } from '../../src/log/index.js';
import { publishStory } from '../../src/pipeline/publish-story.js';
import { toPublishPayload } from '../../src/publish/payload.js';
import { createRuntime, type Runtime } from '../../src/runtime.js';
import { writeConfig } from '../helpers/config.js';
import { dropPrefix, TEST_REDIS_URL, testPrefix, testRedis } from '../helpers/redis.js';

function item(text: string, headline = 'Talks resume', url = 'https://agency.example/1'): WireItem {
  const input: BuildInput = {
    site: { site: 'Example Daily', section: 'Media Wire', disclaimer: 'Not our views.' },
    source: { id: 'agency', name: 'Agency', feedUrl: 'https://agency.example/feed' },
    feedItem: {
      guid: 'g1',
      link: url,
      title: headline,
      publishedAt: null,
      updatedAt: null,
      summary: null,
      content: null,
      author: null,
      categories: [],
      image: null,
    },
    body: { paragraphs: [text], html: `<p>${text}</p>`, text, origin: 'page', method: 'scoring' },
    metadata: {
      canonicalUrl: url,
      title: headline,
      byline: null,
      publishedAt: null,
      modifiedAt: null,
      language: 'en',
      image: null,
      siteName: null,
      description: null,
    },
    headline: { text: headline, original: headline, applied: [], tooLong: false },
    fetchedAt: new Date('2026-11-27T00:00:00Z'),
  };
  return buildWireItem(input);
}

describe('publishing a story version exactly once, to every downstream queue', () => {
  const prefix = testPrefix();
  let redis: Redis;
  let rt: Runtime;

  beforeAll(() => {
    process.env.TEST_WEBHOOK_SECRET = 'x'.repeat(32);
    const dir = writeConfig(
      'site: Example Daily\npublish:\n  queues: [cms, archive]\n  ninjs: true\n  webhook:\n    url: https://cms.example/hook\n    attempts: 7\n',
      'sources: []\n',
    );
    redis = testRedis();
    rt = createRuntime({ config: loadConfig(dir), redis, redisUrl: TEST_REDIS_URL, prefix, log: silentLogger });
  });
  afterAll(async () => {
    await rt.close();
    redis.disconnect();
    await dropPrefix(prefix);
  });

  // Job ids per downstream queue (`j.id!`: BullMQ types id as optional, a job read back from a queue has one).
  async function jobsPerQueue() {
    return Object.fromEntries(
      await Promise.all(
        rt.queues.downstream.map(
          async (q) => [q.name, (await q.getJobs(['waiting'], 0, -1)).map((j) => j.id!).sort()] as const,
        ),
      ),
    );
  }

  it('adds each version once to every queue, with ninjs carried and webhook retries set', async () => {
    const v1 = item('First text.');
    expect(await publishStory(rt, v1)).toMatchObject({ outcome: 'published', version: 1, publishJobId: `${v1.id}-v1` });
    expect(await publishStory(rt, item('First text.'))).toMatchObject({ outcome: 'unchanged', version: 1 });
    expect(await jobsPerQueue()).toEqual({
      cms: [`${v1.id}-v1`],
      archive: [`${v1.id}-v1`],
      'publish-webhook': [`${v1.id}-v1`],
    });

    const [cmsJob] = await rt.queues.byName.get('cms')!.getJobs(['waiting']);
    expect(cmsJob.name).toBe('item');
    expect(cmsJob.data.ninjs.uri).toBe(`urn:media-wire:item:${v1.id}`);
    const [hookJob] = await rt.queues.byName.get('publish-webhook')!.getJobs(['waiting']);
    expect(hookJob.opts.attempts).toBe(7);

    expect(await publishStory(rt, item('First text, corrected.'))).toMatchObject({ outcome: 'published', version: 2 });
    expect((await jobsPerQueue()).cms).toEqual([`${v1.id}-v1`, `${v1.id}-v2`]);
  });

  it('after a crash between adding the job and recording the version, the retry adds nothing twice', async () => {
    const v = item('Other story.', 'Other headline', 'https://agency.example/2');
    // The crash: the job reached the first queue, the version was never recorded.
    await rt.queues.downstream[0].add('item', toPublishPayload(v, rt.config.wire.publish), { jobId: `${v.id}-v1` });
    expect(await rt.items.get(v.id)).toBeNull();
    expect(await publishStory(rt, v)).toMatchObject({ outcome: 'published', version: 1 });
    const jobs = await jobsPerQueue();
    for (const name of ['cms', 'archive', 'publish-webhook'])
      expect(jobs[name].filter((id: string) => id.startsWith(v.id))).toEqual([`${v.id}-v1`]);
  });
});
