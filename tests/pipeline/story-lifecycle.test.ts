import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load.js';
import { parseFeed } from '../../src/feed/index.js';
import type { FeedItem } from '../../src/feed/types.js';
import { handleArticle } from '../../src/pipeline/handle-article.js';
import { buildWireItem } from '../../src/item/build.js';
import type { WireItem } from '../../src/item/schema.js';
import { silentLogger } from '../../src/log/index.js';
import { publishStory } from '../../src/pipeline/publish-story.js';
import { compareAgencyVersions, isStaleVersion } from '../../src/pipeline/agency-version.js';
import { createRuntime, type Runtime } from '../../src/runtime.js';
import { writeConfig } from '../helpers/config.js';
import { agencyFixture } from '../helpers/agency-fixtures.js';
import { dropPrefix, TEST_REDIS_URL, testPrefix, testRedis } from '../helpers/redis.js';

const v = (version: string | null, updatedAt: string | null = null) => ({ version, updatedAt });

describe('ordering agency versions', () => {
  it('compares whole numbers as numbers, of any size', () => {
    expect(compareAgencyVersions(v('10'), v('9'))).toBe(1);
    expect(compareAgencyVersions(v('2'), v('2'))).toBe(0);
    expect(compareAgencyVersions(v('1542761538'), v('1542761539'))).toBe(-1);
    expect(compareAgencyVersions(v('98765432109876543210'), v('98765432109876543209'))).toBe(1);
  });

  it('falls back to the version time, and says it cannot tell when nothing orders them', () => {
    expect(compareAgencyVersions(v('b', '2026-01-02T00:00:00Z'), v('a', '2026-01-01T00:00:00Z'))).toBe(1);
    expect(compareAgencyVersions(v(null, '2026-01-01T00:00:00Z'), v(null, '2026-01-02T00:00:00Z'))).toBe(-1);
    expect(compareAgencyVersions(v('x'), v('x'))).toBe(0);
    expect(compareAgencyVersions(v('x'), v('y'))).toBeNull();
    expect(isStaleVersion(v('x'), v('y'))).toBe(false);
    expect(isStaleVersion(v('3'), null)).toBe(false);
    expect(isStaleVersion(v('3'), v('3'))).toBe(true);
  });
});

function agencyItem(text: string): WireItem {
  const url = 'https://agency.example/feed#story-1';
  return buildWireItem({
    site: { site: 'Example Daily', section: 'Media Wire', disclaimer: 'Not our views.' },
    source: { id: 'agency', name: 'Agency', feedUrl: 'https://agency.example/feed' },
    feedItem: {
      guid: 'story-1',
      link: url,
      title: 'Talks resume',
      publishedAt: null,
      updatedAt: null,
      summary: null,
      content: null,
      author: null,
      categories: [],
      image: null,
      agency: {
        format: 'ninjs',
        id: 'story-1',
        version: null,
        pubStatus: 'usable',
        pubStatusReading: null,
        embargo: null,
        embargoReading: null,
        expires: null,
        urgency: null,
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
    },
    body: { paragraphs: [text], html: `<p>${text}</p>`, text, origin: 'feed', method: 'feed' },
    metadata: {
      canonicalUrl: url,
      title: 'Talks resume',
      byline: null,
      publishedAt: null,
      modifiedAt: null,
      language: 'en',
      image: null,
      siteName: null,
      description: null,
    },
    headline: { text: 'Talks resume', original: 'Talks resume', applied: [], tooLong: false },
    fetchedAt: new Date('2026-11-27T00:00:00Z'),
  });
}

describe('agency versions in the publish step', () => {
  const prefix = testPrefix();
  let redis: Redis;
  let rt: Runtime;

  beforeAll(() => {
    const dir = writeConfig('site: Example Daily\npublish:\n  queues: [cms, archive]\n', 'sources: []\n');
    redis = testRedis();
    rt = createRuntime({ config: loadConfig(dir), redis, redisUrl: TEST_REDIS_URL, prefix, log: silentLogger });
  });
  afterAll(async () => {
    await rt.close();
    redis.disconnect();
    await dropPrefix(prefix);
  });

  // Job ids per downstream queue (`j.id!`: BullMQ types id as optional, a job read back from a queue has one).
  const jobIds = async () =>
    Object.fromEntries(
      await Promise.all(
        rt.queues.downstream.map(
          async (q) => [q.name, (await q.getJobs(['waiting'], 0, -1)).map((j) => j.id!).sort()] as const,
        ),
      ),
    );

  it('v3 delivered before v2 ends with v3 downstream; v2 and a repeat of v3 are ignored', async () => {
    const v1 = agencyItem('Version one.');
    const id = v1.id;
    expect(await publishStory(rt, v1, v('1'))).toMatchObject({ outcome: 'published', version: 1 });
    expect(await publishStory(rt, agencyItem('Version three.'), v('3'))).toMatchObject({
      outcome: 'published',
      version: 2,
    });
    expect(await publishStory(rt, agencyItem('Version two.'), v('2'))).toMatchObject({
      outcome: 'stale',
      version: 2,
      currentAgencyVersion: '3',
    });
    expect(await publishStory(rt, agencyItem('Version three, again.'), v('3'))).toMatchObject({ outcome: 'stale' });
    expect(await publishStory(rt, agencyItem('Version one.'), v('1'))).toMatchObject({ outcome: 'stale' });
    const state = await rt.items.get(id);
    expect(state?.item.body.text).toBe('Version three.');
    expect(state?.agency?.version).toBe('3');
    // Exactly one job per published version, on every queue.
    const jobs = await jobIds();
    for (const name of ['cms', 'archive'])
      expect(jobs[name].filter((j: string) => j.startsWith(id))).toEqual([`${id}-v1`, `${id}-v2`]);
  });

  it('a newer version with the same content moves the record on, so an older one with other content stays out', async () => {
    // Another story (its own id), so the first test's record does not interfere.
    const story = (text: string): WireItem => ({ ...agencyItem(text), id: 'f'.repeat(32) });
    expect(await publishStory(rt, story('Story two text.'), v('1'))).toMatchObject({
      outcome: 'published',
      version: 1,
    });
    expect(await publishStory(rt, story('Story two text.'), v('3'))).toMatchObject({
      outcome: 'unchanged',
      version: 1,
    });
    expect(await publishStory(rt, story('Story two, an older draft.'), v('2'))).toMatchObject({
      outcome: 'stale',
      currentAgencyVersion: '3',
    });
    expect((await rt.items.get('f'.repeat(32)))?.item.body.text).toBe('Story two text.');
  });
});

// Our own ninjs fixture (tests/fixtures/agency): this runs on a fresh clone.
describe('the article step with agency versions out of order (ninjs fixture)', () => {
  const prefix = testPrefix();
  let redis: Redis;
  let rt: Runtime;

  beforeAll(() => {
    const dir = writeConfig(
      'site: Example Daily\njobs:\n  extractThreads: 0\n',
      'sources:\n  - { id: dpa, name: dpa, feed: "https://agency.example/feed" }\n',
    );
    redis = testRedis();
    rt = createRuntime({ config: loadConfig(dir), redis, redisUrl: TEST_REDIS_URL, prefix, log: silentLogger });
  });
  afterAll(async () => {
    await rt.close();
    redis.disconnect();
    await dropPrefix(prefix);
  });

  it('v3 then v2 of one agency id: one story, v3 stays published, v2 is stale', async () => {
    const feed = await parseFeed(agencyFixture('ninjs-story.json'), {
      url: 'https://agency.example/feed',
      contentType: null,
    });
    const base = feed.items[0];
    const version = (n: string, lead: string): FeedItem => {
      const body = `<p>${lead}</p>${base.agency!.body!}`;
      return { ...base, content: body, agency: { ...base.agency!, version: n, body } };
    };
    const v3 = await handleArticle(rt, { sourceId: 'dpa', item: version('3', 'Third version lead.') });
    const v2 = await handleArticle(rt, { sourceId: 'dpa', item: version('2', 'Second version lead.') });
    expect(v3).toMatchObject({ outcome: 'published', version: 1, origin: 'feed' });
    expect(v2).toMatchObject({ outcome: 'stale', itemId: v3.itemId, version: 1 });
    expect((await rt.items.get(v3.itemId))?.item.body.paragraphs[0]).toBe('Third version lead.');
  });
});
