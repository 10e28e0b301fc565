import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load.js';
import { EmbargoWait } from '../../src/errors.js';
import { parseFeed } from '../../src/feed/index.js';
import type { FeedItem } from '../../src/feed/types.js';
import { agencyStoryId } from '../../src/item/build.js';
import { silentLogger } from '../../src/log/index.js';
import { handleArticle } from '../../src/pipeline/handle-article.js';
import { queueNewEntries } from '../../src/pipeline/new-entries.js';
import { createRuntime, type Runtime } from '../../src/runtime.js';
import { runWire } from '../helpers/cli.js';
import { writeConfig } from '../helpers/config.js';
import { agencyFixture } from '../helpers/agency-fixtures.js';
import { dropPrefix, TEST_REDIS_URL, testPrefix, testRedis } from '../helpers/redis.js';

// Our own embargoed ninjs fixture (tests/fixtures/agency): this runs on a fresh clone.
describe('embargoes: a delayed job until the time, listed as held, superseded by a newer version, killed', () => {
  const prefix = testPrefix();
  let redis: Redis;
  let rt: Runtime;
  let base: FeedItem;
  let dir: string;

  beforeAll(async () => {
    dir = writeConfig(
      'site: Example Daily\njobs:\n  extractThreads: 0\n',
      'sources:\n  - { id: dpa, name: dpa, feed: "https://agency.example/feed" }\n',
    );
    redis = testRedis();
    rt = createRuntime({ config: loadConfig(dir), redis, redisUrl: TEST_REDIS_URL, prefix, log: silentLogger });
    // The embargoed ninjs fixture (its own embargo is past): the tests set their own times.
    const feed = await parseFeed(agencyFixture('ninjs-embargoed.json'), {
      url: 'https://agency.example/feed',
      contentType: null,
      agencyLifecycle: true,
    });
    base = feed.items[0];
  });
  afterAll(async () => {
    await rt.close();
    redis.disconnect();
    await dropPrefix(prefix);
  });

  const at = (ms: number) => new Date(Date.now() + ms).toISOString();
  const version = (
    id: string,
    n: string,
    embargo: string | null,
    pubStatus: 'usable' | 'canceled' = 'usable',
  ): FeedItem => ({
    ...base,
    guid: id,
    agency: { ...base.agency!, id, version: n, embargo, pubStatus },
  });
  const queue = (items: FeedItem[]) => queueNewEntries(rt, 'dpa', items, silentLogger);

  it('waits as a delayed job, listed as held until T; the article step refuses to publish before T', async () => {
    const until = at(60_000);
    const v1 = version('emb-1', '1', until);
    const { articleJobIds } = await queue([v1]);
    const job = await rt.queues.article.getJob(articleJobIds[0]);
    expect(await job!.isDelayed()).toBe(true);
    expect(job!.delay).toBeGreaterThan(50_000);
    const held = await rt.items.embargoes();
    expect(held).toEqual([
      expect.objectContaining({
        itemId: agencyStoryId('dpa', 'emb-1'),
        embargo: until,
        sourceId: 'dpa',
        guid: 'emb-1',
      }),
    ]);
    const early = await handleArticle(rt, { sourceId: 'dpa', item: v1 }).catch((e: unknown) => e);
    expect(early).toBeInstanceOf(EmbargoWait);
    expect((early as EmbargoWait).waitMs).toBeGreaterThan(50_000);
    expect(await rt.items.get(agencyStoryId('dpa', 'emb-1'))).toBeNull();
    // Visible to the operator: `wire status` says "held until T", and --json lists it.
    const env = { WIRE_PREFIX: prefix, REDIS_URL: TEST_REDIS_URL };
    const text = await runWire(['status', '--config', dir], env);
    expect(text.stdout).toContain(`held until ${until}`);
    const json = JSON.parse((await runWire(['status', '--json', '--config', dir], env)).stdout) as {
      embargoes: { guid: string; embargo: string }[];
    };
    expect(json.embargoes).toEqual([expect.objectContaining({ guid: 'emb-1', embargo: until })]);
  }, 60_000);

  it('goes out at T', async () => {
    const v1 = version('emb-2', '1', at(1500));
    await queue([v1]);
    expect(await handleArticle(rt, { sourceId: 'dpa', item: v1 }).catch((e: unknown) => e)).toBeInstanceOf(EmbargoWait);
    await new Promise((r) => setTimeout(r, 1600));
    expect(await handleArticle(rt, { sourceId: 'dpa', item: v1 })).toMatchObject({
      outcome: 'published',
      version: 1,
    });
    expect(await rt.items.embargoes()).not.toContainEqual(expect.objectContaining({ guid: 'emb-2' }));
  });

  it('a new version that moves the embargo reschedules: the earlier job, at its old time, publishes nothing', async () => {
    const v1 = version('emb-3', '1', at(500));
    const later = at(60_000);
    const v2 = version('emb-3', '2', later);
    await queue([v1]);
    await queue([v2]);
    expect(await rt.items.embargoes()).toContainEqual(expect.objectContaining({ guid: 'emb-3', embargo: later }));
    await new Promise((r) => setTimeout(r, 600));
    expect(await handleArticle(rt, { sourceId: 'dpa', item: v1 })).toMatchObject({ outcome: 'stale' });
    expect(await handleArticle(rt, { sourceId: 'dpa', item: v2 }).catch((e: unknown) => e)).toBeInstanceOf(EmbargoWait);
    expect(await rt.items.get(agencyStoryId('dpa', 'emb-3'))).toBeNull();
  });

  it('a new version that lifts the embargo goes out now; the old job publishes nothing', async () => {
    const v1 = version('emb-4', '1', at(500));
    const v2 = version('emb-4', '2', null);
    await queue([v1]);
    await queue([v2]);
    expect(await rt.items.embargoes()).not.toContainEqual(expect.objectContaining({ guid: 'emb-4' }));
    expect(await handleArticle(rt, { sourceId: 'dpa', item: v2 })).toMatchObject({ outcome: 'published' });
    await new Promise((r) => setTimeout(r, 600));
    expect(await handleArticle(rt, { sourceId: 'dpa', item: v1 })).toMatchObject({ outcome: 'stale' });
  });

  it('a kill during the embargo: nothing is ever published', async () => {
    const v1 = version('emb-5', '1', at(500));
    const kill = version('emb-5', '2', null, 'canceled');
    await queue([v1]);
    await queue([kill]);
    expect(await handleArticle(rt, { sourceId: 'dpa', item: kill })).toMatchObject({ outcome: 'recorded' });
    expect(await rt.items.embargoes()).not.toContainEqual(expect.objectContaining({ guid: 'emb-5' }));
    await new Promise((r) => setTimeout(r, 600));
    expect(await handleArticle(rt, { sourceId: 'dpa', item: v1 })).toMatchObject({ outcome: 'stale' });
    expect(await rt.items.get(agencyStoryId('dpa', 'emb-5'))).toBeNull();
    const published = await Promise.all(
      rt.queues.downstream.map((q) => q.getJobs(['waiting', 'delayed', 'prioritized', 'completed'], 0, -1)),
    );
    expect(published.flat().filter((j) => j.id!.startsWith(agencyStoryId('dpa', 'emb-5')))).toEqual([]);
  });
});
