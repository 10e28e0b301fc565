import { afterEach, describe, expect, it } from 'vitest';
import type { FeedItem } from '../../src/feed/types.js';
import type { WireItem } from '../../src/item/schema.js';
import { handleArticle } from '../../src/pipeline/handle-article.js';
import { applyEditorialRules, ruleSubject } from '../../src/pipeline/editorial-rules.js';
import { writeConfig } from '../helpers/config.js';
import { testPrefix } from '../helpers/redis.js';
import { openTestRuntime, type TestRuntime } from '../helpers/runtime.js';
import { sampleItem } from '../helpers/sample-item.js';

const WIRE = `site: Example Daily
extractThreads: 0
publish:
  queues: [publish, cms-sport]
rules:
  - name: no-horoscopes
    action: drop
    reason: horoscopes are not news
    when:
      - field: headline
        any: [horoscope]
  - name: tag-football
    action: tag
    categories: [Football]
    when:
      - field: body
        any: [goal, goals]
  - name: sport-desk
    action: route
    queues: [cms-sport]
    section: Sport
    when:
      - field: body
        any: [match]
`.replace('extractThreads: 0\n', 'jobs:\n  extractThreads: 0\n');

const SOURCES = `sources:
  - id: agency
    name: Agency
    feed: https://agency.example/feed
    extract:
      useFeedContent: true
    rules:
      - name: check-ministers
        action: hold
        reason: a minister is named
        when:
          - field: body
            any: [minister]
`;

const PARAS = (text: string) => [
  `${text} The report continues with a second sentence so that the body is long enough to be read as an article.`,
  'A further paragraph adds detail from officials who spoke on condition of anonymity about the events of the day.',
  'A third paragraph closes the report with background on the region, its history and what may come next week.',
];

function entry(n: number, title: string, lead: string): FeedItem {
  return {
    guid: `g${n}`,
    link: `https://agency.example/news/${n}`,
    title,
    publishedAt: '2026-12-01T10:00:00.000Z',
    updatedAt: null,
    summary: null,
    content: PARAS(lead)
      .map((p) => `<p>${p}</p>`)
      .join(''),
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

async function jobs(rt: TestRuntime['rt'], queue: string) {
  const q = rt.queues.byName.get(queue)!;
  return (await q.getJobs(['waiting', 'delayed', 'active', 'completed'])).map((j) => j.data as WireItem);
}

describe('the rules step in the article stage', () => {
  it('drops, holds, tags and routes; records the rules on published items and the drops and holds in Redis', async () => {
    t = openTestRuntime(writeConfig(WIRE, SOURCES), testPrefix());
    const { rt } = t;
    const run = (e: FeedItem) => handleArticle(rt, { sourceId: 'agency', item: e });

    const dropped = await run(entry(1, 'Your horoscope for Tuesday', 'Stars align for Aries today.'));
    expect(dropped).toMatchObject({ outcome: 'dropped', version: 0, publishJobId: '' });
    const held = await run(entry(2, 'Cabinet reshuffle', 'The prime minister named a new cabinet.'));
    expect(held.outcome).toBe('held');
    const sport = await run(entry(3, 'United win', 'United won the match with two late goals.'));
    expect(sport.outcome).toBe('published');
    const plain = await run(entry(4, 'Rain expected', 'Rain is expected across the north on Friday.'));
    expect(plain.outcome).toBe('published');

    // nothing of the dropped or held items reached a queue; the routed one only its queue
    const general = await jobs(rt, 'publish');
    const sportQ = await jobs(rt, 'cms-sport');
    expect(general.map((i) => i.headlineOriginal)).toEqual(['Rain expected']);
    // an item no route rule matched goes to every configured queue, as before
    expect(sportQ.map((i) => i.headlineOriginal).sort()).toEqual(['Rain expected', 'United win']);
    const routed = sportQ.find((i) => i.headlineOriginal === 'United win')!;
    expect(routed.section).toBe('Sport');
    expect(routed.categories).toContain('Football');
    expect(routed.editorial).toEqual({
      rules: [
        { rule: 'tag-football', scope: 'global', action: 'tag', matched: 'body: "goals"' },
        { rule: 'sport-desk', scope: 'global', action: 'route', matched: 'body: "match"' },
      ],
      queues: ['cms-sport'],
      categoriesAdded: ['Football'],
    });
    expect(general[0].editorial).toBeUndefined();
    expect(general[0].section).toBe('Media Wire');

    const drops = await rt.editorial.dropped();
    expect(drops).toHaveLength(1);
    expect(drops[0]).toMatchObject({
      itemId: dropped.itemId,
      sourceId: 'agency',
      rule: 'no-horoscopes',
      scope: 'global',
      reason: 'horoscopes are not news',
      matched: 'headline: "horoscope"',
    });
    expect(await rt.editorial.dropCounts()).toEqual([{ sourceId: 'agency', rule: 'no-horoscopes', count: 1 }]);
    const holds = await rt.editorial.held();
    expect(holds.map((h) => [h.item.id, h.rule, h.scope, h.reason])).toEqual([
      [held.itemId, 'check-ministers', 'source', 'a minister is named'],
    ]);
    expect(await rt.items.get(dropped.itemId)).toBeNull();
    expect(await rt.items.get(held.itemId)).toBeNull();

    const metrics = await rt.metrics.render();
    expect(metrics).toMatch(/wire_rule_matches_total\{source="agency",rule="no-horoscopes",action="drop"\} 1/);
    expect(metrics).toMatch(/wire_articles_total\{outcome="dropped"\} 1/);
    expect(metrics).toMatch(/wire_articles_total\{outcome="held"\} 1/);
  });

  it('a config reload changes the rules the next item meets', async () => {
    t = openTestRuntime(writeConfig(WIRE, SOURCES), testPrefix());
    const { rt } = t;
    const { loadConfig } = await import('../../src/config/load.js');
    rt.reload(loadConfig(writeConfig(WIRE.replace('any: [horoscope]', 'any: [weather]'), SOURCES)));
    const r = await handleArticle(rt, { sourceId: 'agency', item: entry(5, 'Your horoscope', 'Stars align.') });
    expect(r.outcome).toBe('published');
    const r2 = await handleArticle(rt, { sourceId: 'agency', item: entry(6, 'Weather today', 'Sun.') });
    expect(r2.outcome).toBe('dropped');
  });
});

describe('ruleSubject and applyEditorialRules', () => {
  it('urgency and subject codes come from the agency entry', () => {
    const item = sampleItem();
    const e = {
      ...entry(1, 'x', 'y'),
      agency: { urgency: 2, subjects: [{ code: 'medtop:15000000', name: 'sport' }] },
    } as unknown as FeedItem;
    const s = ruleSubject(item, e);
    expect(s.urgency).toBe(2);
    expect(s.categories).toEqual(expect.arrayContaining(['World', 'sport', 'medtop:15000000']));
    expect(ruleSubject(item, null).urgency).toBeNull();
  });

  it('an item no rule matches is returned as it was', () => {
    const item = sampleItem();
    const r = applyEditorialRules({ rules: [] }, {}, item);
    expect(r.item).toBe(item);
    expect(r.decision.outcome).toBe('publish');
  });
});
