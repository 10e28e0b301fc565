import { afterEach, describe, expect, it } from 'vitest';
import type { FeedItem } from '../../src/feed/types.js';
import type { WireItem } from '../../src/item/schema.js';
import { handleArticle } from '../../src/pipeline/handle-article.js';
import { dropHeld, releaseHeld } from '../../src/pipeline/held.js';
import { startAdminServer } from '../../src/server/index.js';
import { runWire } from '../helpers/cli.js';
import { writeConfig } from '../helpers/config.js';
import { testPrefix, TEST_REDIS_URL } from '../helpers/redis.js';
import { openTestRuntime, type TestRuntime } from '../helpers/runtime.js';

const WIRE = `site: Example Daily
jobs:
  extractThreads: 0
rules:
  - name: tag-politics
    action: tag
    categories: [Politics]
    when:
      - field: body
        any: [minister]
  - name: check-ministers
    action: hold
    reason: a minister is named
    when:
      - field: body
        any: [minister]
  - name: no-horoscopes
    action: drop
    when:
      - field: headline
        any: [horoscope]
`;
const SOURCES = `sources:
  - id: agency
    name: Agency
    feed: https://agency.example/feed
    extract:
      useFeedContent: true
`;

function entry(n: number, title: string, lead: string): FeedItem {
  const paras = [
    `${lead} The report continues with a second sentence so that the body is long enough to be read as an article.`,
    'A further paragraph adds detail from officials who spoke on condition of anonymity about the events of the day.',
  ];
  return {
    guid: `g${n}`,
    link: `https://agency.example/news/${n}`,
    title,
    publishedAt: null,
    updatedAt: null,
    summary: null,
    content: paras.map((p) => `<p>${p}</p>`).join(''),
    author: null,
    categories: [],
    image: null,
  };
}

let t: TestRuntime | null = null;
afterEach(async () => {
  await t?.close();
  t = null;
});

async function published(t: TestRuntime): Promise<WireItem[]> {
  const q = t.rt.queues.byName.get('publish')!;
  return (await q.getJobs(['waiting', 'completed'])).map((j) => j.data as WireItem);
}

async function setup(prefix = testPrefix()) {
  const dir = writeConfig(WIRE, SOURCES);
  t = openTestRuntime(dir, prefix);
  const ids: string[] = [];
  for (const [n, title] of [
    [1, 'Reshuffle'],
    [2, 'Budget'],
    [3, 'Summit'],
  ] as const) {
    const r = await handleArticle(t.rt, {
      sourceId: 'agency',
      item: entry(n, title, `The minister spoke about the ${title.toLowerCase()}.`),
    });
    expect(r.outcome).toBe('held');
    ids.push(r.itemId);
  }
  return { dir, ids, rt: t.rt, prefix };
}

describe('held items', () => {
  it('release publishes the item as held (tags kept, released recorded) exactly once; drop records an editor drop', async () => {
    const { ids, rt } = await setup();
    expect(await published(t!)).toEqual([]);

    const r = await releaseHeld(rt, ids[0], new Date('2026-12-07T08:00:00Z'));
    expect(r).toMatchObject({ outcome: 'published', version: 1 });
    expect(await releaseHeld(rt, ids[0])).toBeNull(); // no longer held: not published twice
    const out = await published(t!);
    expect(out).toHaveLength(1);
    expect(out[0].categories).toContain('Politics');
    expect(out[0].editorial).toMatchObject({
      rules: [{ rule: 'tag-politics' }, { rule: 'check-ministers', action: 'hold' }],
      released: { at: '2026-12-07T08:00:00.000Z', rule: 'check-ministers' },
    });

    expect(await dropHeld(rt, ids[1])).toBe(true);
    expect(await dropHeld(rt, ids[1])).toBe(false);
    const drops = await rt.editorial.dropped();
    expect(drops[0]).toMatchObject({
      itemId: ids[1],
      byEditor: true,
      rule: 'check-ministers',
      reason: 'a minister is named',
    });
    expect(await rt.editorial.dropCounts()).toEqual([{ sourceId: 'agency', rule: 'editor', count: 1 }]);
    expect((await rt.editorial.held()).map((h) => h.item.id)).toEqual([ids[2]]);
  });

  it('wire held list|release|drop and wire status from the command line', async () => {
    const { dir, ids, prefix } = await setup();
    await handleArticle(t!.rt, { sourceId: 'agency', item: entry(9, 'Your horoscope', 'Stars align for Aries.') });
    const env = { REDIS_URL: TEST_REDIS_URL, WIRE_PREFIX: prefix };
    const list = await runWire(['held', 'list', '--json', '--config', dir], env);
    expect(list.code, list.stderr).toBe(0);
    const rows = JSON.parse(list.stdout).held as { itemId: string; rule: string; reason: string }[];
    expect(rows.map((r) => r.itemId).sort()).toEqual([...ids].sort());
    expect(rows[0]).toMatchObject({ rule: 'check-ministers', reason: 'a minister is named' });

    const rel = await runWire(['held', 'release', ids[0], '--config', dir], env);
    expect(rel.code, rel.stderr).toBe(0);
    expect(rel.stdout).toBe('released 1 item(s)\n');
    const drop = await runWire(['held', 'drop', ids[1], 'f'.repeat(32), '--config', dir], env);
    expect(drop.code).toBe(1);
    expect(drop.stderr).toContain(`not held: ${'f'.repeat(32)}`);
    expect((await published(t!)).map((i) => i.id)).toEqual([ids[0]]);

    const status = await runWire(['status', '--json', '--config', dir], env);
    expect(status.code, status.stderr).toBe(0);
    const doc = JSON.parse(status.stdout);
    expect(doc.editorial.held).toBe(1);
    expect(doc.editorial.dropCounts).toEqual([
      { sourceId: 'agency', rule: 'editor', count: 1 },
      { sourceId: 'agency', rule: 'no-horoscopes', count: 1 },
    ]);
    const text = await runWire(['status', '--config', dir], env);
    expect(text.stdout).toMatch(/agency\s+no-horoscopes\s+1/);
    expect(text.stdout).toContain('held for an editor: 1 (wire held list)');
  });

  it('the API lists held and dropped items and releases or drops a held one', async () => {
    const { ids, rt } = await setup();
    const server = await startAdminServer(rt, rt.metrics, { host: '127.0.0.1', port: 0 });
    try {
      const get = async (path: string) =>
        (await fetch(`${server.url}${path}`)).json() as Promise<Record<string, unknown>>;
      const post = (path: string) => fetch(`${server.url}${path}`, { method: 'POST' });
      expect(((await get('/api/held')).held as unknown[]).length).toBe(3);
      const rel = await post(`/api/held/${ids[0]}/release`);
      expect(rel.status).toBe(200);
      expect(await rel.json()).toMatchObject({ itemId: ids[0], released: true, version: 1 });
      expect((await post(`/api/held/${ids[0]}/release`)).status).toBe(404);
      expect((await post(`/api/held/${ids[1]}/drop`)).status).toBe(200);
      expect((await post(`/api/held/${ids[2]}/publish`)).status).toBe(404);
      const dropped = await get('/api/dropped');
      expect(dropped.dropCounts).toEqual([{ sourceId: 'agency', rule: 'editor', count: 1 }]);
      expect((dropped.dropped as { itemId: string }[]).map((d) => d.itemId)).toEqual([ids[1]]);
      // a cross-site form post may not change anything
      const cross = await fetch(`${server.url}/api/held/${ids[2]}/drop`, {
        method: 'POST',
        headers: { origin: 'https://evil.example' },
      });
      expect(cross.status).toBe(403);
      expect(((await get('/api/held')).held as unknown[]).length).toBe(1);
    } finally {
      await server.close();
    }
  });
});
