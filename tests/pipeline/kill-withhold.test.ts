import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load.js';
import { parseFeed } from '../../src/feed/index.js';
import type { FeedItem, PubStatus } from '../../src/feed/types.js';
import { silentLogger } from '../../src/log/index.js';
import { handleArticle } from '../../src/pipeline/handle-article.js';
import { createRuntime, type Runtime } from '../../src/runtime.js';
import { runWire } from '../helpers/cli.js';
import { writeConfig } from '../helpers/config.js';
import { agencyFixture } from '../helpers/agency-fixtures.js';
import { dropPrefix, TEST_REDIS_URL, testPrefix, testRedis } from '../helpers/redis.js';

const QUEUES = ['cms', 'archive', 'publish-webhook'];

// Our own ninjs fixture (tests/fixtures/agency): this runs on a fresh clone.
describe('kills and holds: one explicit event per transition, on every queue and the webhook', () => {
  const prefix = testPrefix();
  let redis: Redis;
  let rt: Runtime;
  let dir: string;
  let base: FeedItem;

  beforeAll(async () => {
    dir = writeConfig(
      'site: Example Daily\njobs:\n  extractThreads: 0\npublish:\n  queues: [cms, archive]\n  ninjs: true\n  webhook:\n    url: https://cms.example/hook\n',
      'sources:\n  - { id: dpa, name: dpa, feed: "https://agency.example/feed" }\n',
    );
    redis = testRedis();
    rt = createRuntime({ config: loadConfig(dir), redis, redisUrl: TEST_REDIS_URL, prefix, log: silentLogger });
    const feed = await parseFeed(agencyFixture('ninjs-story.json'), {
      url: 'https://agency.example/feed',
      contentType: null,
    });
    base = feed.items[0];
  });
  afterAll(async () => {
    await rt.close();
    redis.disconnect();
    await dropPrefix(prefix);
  });

  /** The sample as version `n` of story `id` with the given status (a kill carries no body). */
  const version = (id: string, n: string, pubStatus: PubStatus, note: string | null = null): FeedItem => ({
    ...base,
    guid: id,
    ...(pubStatus === 'usable' ? {} : { content: null }),
    agency: {
      ...base.agency!,
      id,
      version: n,
      pubStatus,
      editorialNote: note,
      ...(pubStatus === 'usable' ? {} : { body: null }),
    },
  });

  async function events(itemId: string) {
    const out: Record<
      string,
      { id: string; pubStatus: string; note: string | null; ninjs: string | undefined; ednote?: string }[]
    > = {};
    for (const q of rt.queues.downstream) {
      const jobs = (await q.getJobs(['waiting', 'delayed', 'prioritized'], 0, -1)).filter((j) =>
        j.id!.startsWith(itemId),
      );
      out[q.name] = jobs
        .map((j) => ({
          id: j.id!,
          pubStatus: j.data.pubStatus,
          note: j.data.lifecycle.note,
          ninjs: j.data.ninjs?.pubstatus,
          ...(j.data.ninjs?.ednote ? { ednote: j.data.ninjs.ednote } : {}),
        }))
        .sort((a, b) => a.id.localeCompare(b.id));
    }
    return out;
  }

  it('v1 published; a kill takes it down with the agency note; a repeat of the kill adds nothing', async () => {
    const v1 = await handleArticle(rt, { sourceId: 'dpa', item: version('story-kill', '1', 'usable') });
    expect(v1.outcome).toBe('published');
    const kill = await handleArticle(rt, {
      sourceId: 'dpa',
      item: version('story-kill', '2', 'canceled', 'Kill: wrong name in 2nd para.'),
    });
    expect(kill).toMatchObject({ outcome: 'published', version: 2, itemId: v1.itemId });
    const again = await handleArticle(rt, {
      sourceId: 'dpa',
      item: version('story-kill', '2', 'canceled', 'Kill: wrong name in 2nd para.'),
    });
    expect(again.outcome).toBe('stale');
    const late = await handleArticle(rt, { sourceId: 'dpa', item: version('story-kill', '1', 'usable') });
    expect(late.outcome).toBe('stale');
    const all = await events(v1.itemId);
    for (const q of QUEUES) {
      expect(all[q]).toEqual([
        { id: `${v1.itemId}-v1`, pubStatus: 'usable', note: null, ninjs: 'usable' },
        {
          id: `${v1.itemId}-v2`,
          pubStatus: 'canceled',
          note: 'Kill: wrong name in 2nd para.',
          ninjs: 'canceled',
          ednote: 'Kill: wrong name in 2nd para.',
        },
      ]);
    }
  });

  it('a kill before any published version publishes nothing, is recorded, and keeps that version out', async () => {
    const kill = await handleArticle(rt, { sourceId: 'dpa', item: version('story-early', '2', 'canceled', 'Kill.') });
    expect(kill.outcome).toBe('recorded');
    const v1 = await handleArticle(rt, { sourceId: 'dpa', item: version('story-early', '1', 'usable') });
    expect(v1).toMatchObject({ outcome: 'stale', itemId: kill.itemId });
    const all = await events(kill.itemId);
    for (const q of QUEUES) expect(all[q]).toEqual([]);
    expect(await rt.items.getHold(kill.itemId)).toMatchObject({
      pubStatus: 'canceled',
      note: 'Kill.',
      agency: { version: '2' },
    });
  });

  it('withheld, then republished: the later usable version goes out as a normal new version (same text too)', async () => {
    const v1 = await handleArticle(rt, { sourceId: 'dpa', item: version('story-hold', '1', 'usable') });
    const hold = await handleArticle(rt, {
      sourceId: 'dpa',
      item: version('story-hold', '2', 'withheld', 'Withheld: checking a quote.'),
    });
    const v3 = await handleArticle(rt, { sourceId: 'dpa', item: version('story-hold', '3', 'usable') });
    expect([v1.outcome, hold.outcome, v3.outcome]).toEqual(['published', 'published', 'published']);
    const all = await events(v1.itemId);
    for (const q of QUEUES) expect(all[q].map((e) => e.pubStatus)).toEqual(['usable', 'withheld', 'usable']);
    expect((await rt.items.get(v1.itemId))?.item.pubStatus).toBe('usable');
  });

  it('wire withdraw: an operator kill with who and why, once', async () => {
    const v1 = await handleArticle(rt, { sourceId: 'dpa', item: version('story-op', '1', 'usable') });
    const env = {
      WIRE_PREFIX: prefix,
      REDIS_URL: TEST_REDIS_URL,
      LOG_LEVEL: 'info',
      WIRE_WEBHOOK_SECRET: 'x'.repeat(32),
    };
    const first = await runWire(
      ['withdraw', v1.itemId, '--reason', 'Legal: court order', '--by', 'night-editor', '--config', dir],
      env,
    );
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toContain(`withdrew ${v1.itemId}: version 2 (canceled)`);
    const logged = first.stderr
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as Record<string, unknown>)
      .find((l) => l.msg === 'story withdrawn by operator');
    expect(logged).toMatchObject({ itemId: v1.itemId, by: 'night-editor', reason: 'Legal: court order' });
    const second = await runWire(['withdraw', v1.itemId, '--reason', 'again', '--config', dir], env);
    expect(second.code).toBe(0);
    expect(second.stdout).toContain('already canceled');
    const all = await events(v1.itemId);
    for (const q of QUEUES)
      expect(all[q].map((e) => [e.pubStatus, e.note])).toEqual([
        ['usable', null],
        ['canceled', 'Legal: court order'],
      ]);
    const state = await rt.items.get(v1.itemId);
    expect(state?.item.lifecycle).toMatchObject({ withdrawnBy: 'night-editor', note: 'Legal: court order' });
    const unknown = await runWire(['withdraw', 'f'.repeat(32), '--reason', 'x', '--config', dir], env);
    expect(unknown.code).not.toBe(0);
    expect(unknown.stderr + unknown.stdout).toContain('no published story');
  }, 60_000);
});
