import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAgency, type Agency } from '../../demo/agency-server.js';
import type { FeedItem } from '../../src/feed/types.js';
import { handleArticle } from '../../src/pipeline/handle-article.js';
import { runWire } from '../helpers/cli.js';
import { writeConfig } from '../helpers/config.js';
import { keysUnder, testPrefix, TEST_REDIS_URL } from '../helpers/redis.js';
import { openTestRuntime, type TestRuntime } from '../helpers/runtime.js';

const RULES_BEFORE = `rules:
  - name: tag-weather
    action: tag
    categories: [Weather]
    when:
      - field: body
        any: [rain]
  - name: check-ministers
    action: hold
    when:
      - field: body
        any: [minister]
`;
// What an editor is about to put live: drop weather, route markets.
const RULES_AFTER = `rules:
  - name: no-weather
    action: drop
    reason: weather is not our beat
    when:
      - field: categories
        any: [weather]
        not: true
      - field: body
        any: [rain]
  - name: markets-desk
    action: route
    queues: [publish]
    section: Markets
    when:
      - field: headline
        any: [markets]
  - name: check-ministers
    action: hold
    when:
      - field: body
        any: [minister]
`;
const wire = (rules: string) =>
  `site: Example Daily\nnetwork:\n  allowPrivate: ["127.0.0.1"]\npoliteness:\n  interval: 1ms\n  robots: false\njobs:\n  extractThreads: 0\n${rules}`;
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

describe('wire rules test (dry run)', () => {
  const prefix = testPrefix();
  let t: TestRuntime;
  let agency: Agency;
  const ids: Record<string, string> = {};
  const after = writeConfig(wire(RULES_AFTER), SOURCES);
  const env = { REDIS_URL: TEST_REDIS_URL, WIRE_PREFIX: prefix };

  beforeAll(async () => {
    agency = await startAgency();
    t = openTestRuntime(writeConfig(wire(RULES_BEFORE), SOURCES), prefix);
    const stories: [string, number, string, string][] = [
      ['rain', 1, 'Rain expected', 'Heavy rain is expected across the north on Friday.'],
      ['markets', 2, 'Markets close higher', 'Stocks closed higher on Tuesday.'],
      ['minister', 3, 'Reshuffle', 'The minister resigned on Tuesday.'],
    ];
    for (const [key, n, title, lead] of stories)
      ids[key] = (await handleArticle(t.rt, { sourceId: 'agency', item: entry(n, title, lead) })).itemId;
  });
  afterAll(async () => {
    await t?.close();
    await agency?.close();
  });

  it('says what the new rules would do to stored and held items, and which rule decided', async () => {
    const r = await runWire(['rules', 'test', '--json', '--config', after], env);
    expect(r.code, r.stderr).toBe(0);
    const rows = JSON.parse(r.stdout).items as {
      itemId: string;
      from: string;
      outcome: string;
      decidedBy: { rule: string } | null;
      reason: string | null;
      section: string | null;
    }[];
    const by = Object.fromEntries(rows.map((row) => [row.itemId, row]));
    expect(rows).toHaveLength(3);
    // the stored item was tagged Weather by the old rules; the new rules look at the categories it came with
    expect(by[ids.rain]).toMatchObject({
      from: 'stored',
      outcome: 'drop',
      decidedBy: { rule: 'no-weather' },
      reason: 'weather is not our beat',
    });
    expect(by[ids.markets]).toMatchObject({ from: 'stored', outcome: 'publish', decidedBy: null, section: 'Markets' });
    expect(by[ids.minister]).toMatchObject({ from: 'held', outcome: 'hold', decidedBy: { rule: 'check-ministers' } });

    const text = await runWire(['rules', 'test', '--config', after, '--source', 'agency', '--since', '1h'], env);
    expect(text.code, text.stderr).toBe(0);
    expect(text.stdout).toContain(
      `DROP    agency ${ids.rain} "Rain expected"\n        by no-weather (global): weather is not our beat [not categories: "weather"; body: "rain"]`,
    );
    expect(text.stdout).toContain(
      '3 item(s) stored in the last 1h from agency or held: publish 1, drop 1, hold 1 (dry run: nothing changed)',
    );
  });

  it('changes nothing: the same Redis keys and queue counts before and after', async () => {
    const publish = t.rt.queues.byName.get('publish')!;
    const keysBefore = await keysUnder(prefix);
    const countsBefore = await publish.getJobCounts();
    const heldBefore = await t.rt.editorial.held();
    expect(keysBefore.length).toBeGreaterThan(3);
    for (const args of [['--json'], ['--source', 'agency'], ['--since', '7d']]) {
      const r = await runWire(['rules', 'test', ...args, '--config', after], env);
      expect(r.code, r.stderr).toBe(0);
    }
    expect(await keysUnder(prefix)).toEqual(keysBefore);
    expect(await publish.getJobCounts()).toEqual(countsBefore);
    expect(await t.rt.editorial.held()).toEqual(heldBefore);
    expect(await t.rt.editorial.dropped()).toEqual([]);
  });

  it('--since leaves out older items; an unknown source is a usage error', async () => {
    // the stored items were fetched more than a second ago (held items are listed whatever their age)
    await new Promise((r) => setTimeout(r, 1100));
    const later = await runWire(['rules', 'test', '--json', '--since', '1s', '--config', after], env);
    expect(later.code, later.stderr).toBe(0);
    expect(JSON.parse(later.stdout).items.map((i: { from: string }) => i.from)).toEqual(['held']);
    const bad = await runWire(['rules', 'test', '--source', 'nope', '--config', after], env);
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toContain('--source nope: no such source');
  });

  it('--url reads one page now and tests it (no Redis needed)', async () => {
    const r = await runWire(
      ['rules', 'test', '--json', '--url', `${agency.origin}/news/floods-displace-thousands`, '--config', after],
      { REDIS_URL: 'redis://127.0.0.1:1' },
    );
    expect(r.code, r.stderr).toBe(0);
    const [row] = JSON.parse(r.stdout).items;
    expect(row).toMatchObject({
      from: 'page',
      outcome: 'drop',
      decidedBy: { rule: 'no-weather', matched: 'not categories: "weather"; body: "rain"' },
    });
  });
});
