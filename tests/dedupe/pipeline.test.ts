import { afterEach, describe, expect, it } from 'vitest';
import type { AgencyFields, FeedItem, PubStatus } from '../../src/feed/types.js';
import type { WireItem } from '../../src/item/schema.js';
import { handleArticle } from '../../src/pipeline/handle-article.js';
import { agencyGroupId } from '../../src/pipeline/story-group.js';
import { writeConfig } from '../helpers/config.js';
import { runWire } from '../helpers/cli.js';
import { keysUnder, testPrefix, TEST_REDIS_URL } from '../helpers/redis.js';
import { openTestRuntime, type TestRuntime } from '../helpers/runtime.js';
import { entryOf, type Site } from '../helpers/same-story.js';

const wire = (dedupe: string) => `site: Example Daily
jobs:
  extractThreads: 0
${dedupe}
`;

const SOURCES = `sources:
${['a', 'b', 'c']
  .map(
    (s) => `  - id: site-${s}
    name: Site ${s.toUpperCase()}
    feed: https://${s}.example/feed
    extract:
      useFeedContent: true`,
  )
  .join('\n')}
`;

let t: TestRuntime | null = null;
afterEach(async () => {
  await t?.close();
  t = null;
});

function open(dedupe: string): TestRuntime['rt'] {
  t = openTestRuntime(writeConfig(wire(dedupe), SOURCES), testPrefix());
  return t.rt;
}

const run = (rt: TestRuntime['rt'], story: string, site: Site) =>
  handleArticle(rt, { sourceId: `site-${site}`, item: entryOf(story, site, `https://${site}.example`) });

async function published(rt: TestRuntime['rt']): Promise<WireItem[]> {
  const q = rt.queues.byName.get('publish')!;
  return (await q.getJobs(['waiting', 'delayed', 'active', 'completed'])).map((j) => j.data as WireItem);
}

describe('the same-story step in the article stage (real Redis)', () => {
  it('first: copies of one story handled at the same moment open one group and publish once', async () => {
    const rt = open('dedupe:\n  policy: first');
    const stories = ['quake-1', 'bank-1', 'match-1'];
    // Nine handlers at once (three copies of three stories), plus a different report on the first subject.
    const results = await Promise.all([
      ...stories.flatMap((s) => (['a', 'b', 'c'] as const).map((site) => run(rt, s, site))),
      run(rt, 'quake-2', 'b'),
    ]);
    const outcomes = results.map((r) => r.outcome);
    expect(outcomes.filter((o) => o === 'published')).toHaveLength(4);
    expect(outcomes.filter((o) => o === 'duplicate')).toHaveLength(6);

    const items = await published(rt);
    expect(items).toHaveLength(4);
    const groups = new Set(items.map((i) => i.storyGroup));
    expect(groups.size).toBe(4);
    for (const i of items) expect(i.version).toBe(1);
    const quake2 = items.find((i) => i.source.guid === 'b-quake-2')!;
    expect(quake2.storyGroup).toBe(quake2.id);
    expect(quake2.alsoReportedBy).toEqual([]);

    const dups = await rt.dedupe.duplicates(100);
    expect(dups).toHaveLength(6);
    for (const d of dups) {
      const story = items.find((i) => i.storyGroup === d.storyGroup)!;
      expect(d.sameAs).toEqual({ itemId: story.id, sourceId: story.source.id });
      expect(d.reason).toBe(`same story as ${story.id} from ${story.source.id}`);
      expect(d.policy).toBe('first');
    }
    const counts = await rt.dedupe.duplicateCounts();
    expect(counts.reduce((n, c) => n + c.count, 0)).toBe(6);
    expect(await rt.metrics.render()).toMatch(/wire_articles_total\{outcome="duplicate"\} 6/);

    // A later version of a copy not published stays unpublished; the published copy's own update goes out.
    const again = await Promise.all((['a', 'b', 'c'] as const).map((site) => run(rt, 'quake-1', site)));
    expect(again.map((r) => r.outcome).sort()).toEqual(['duplicate', 'duplicate', 'unchanged']);
  });

  it('mark: every copy is published in one group, later ones saying who else reported it', async () => {
    const rt = open('dedupe: {}');
    const a = await run(rt, 'quake-1', 'a');
    const b = await run(rt, 'quake-1', 'b');
    const c = await run(rt, 'quake-1', 'c');
    const other = await run(rt, 'quake-2', 'c');
    for (const r of [a, b, c, other]) expect(r.outcome).toBe('published');
    const items = await published(rt);
    expect(items).toHaveLength(4);
    const byGuid = new Map(items.map((i) => [i.source.guid, i]));
    const [ia, ib, ic, io] = ['a-quake-1', 'b-quake-1', 'c-quake-1', 'c-quake-2'].map((g) => byGuid.get(g)!);
    expect(new Set([ia.storyGroup, ib.storyGroup, ic.storyGroup])).toEqual(new Set([ia.id]));
    expect(io.storyGroup).toBe(io.id);
    expect(ia.alsoReportedBy).toEqual([]);
    expect(ic.alsoReportedBy).toEqual([
      { sourceId: 'site-a', sourceName: 'Site A', itemId: ia.id, url: ia.source.url },
      { sourceId: 'site-b', sourceName: 'Site B', itemId: ib.id, url: ib.source.url },
    ]);
    expect(await rt.dedupe.duplicates()).toEqual([]);
  });

  it('prefer: a preferred copy replaces the published one as its next version; others are recorded', async () => {
    const rt = open('dedupe:\n  policy: prefer\n  prefer: [site-b, site-a]');
    const a = await run(rt, 'bank-1', 'a');
    expect(a).toMatchObject({ outcome: 'published', version: 1 });
    const c = await run(rt, 'bank-1', 'c'); // unlisted: ranks after every listed source
    expect(c.outcome).toBe('duplicate');
    const b = await run(rt, 'bank-1', 'b');
    expect(b).toMatchObject({ outcome: 'published', version: 2, itemId: a.itemId });
    const aAgain = await run(rt, 'bank-1', 'a');
    expect(aAgain.outcome).toBe('duplicate');

    const items = (await published(rt)).sort((x, y) => x.version - y.version);
    expect(items.map((i) => [i.id, i.version, i.source.id])).toEqual([
      [a.itemId, 1, 'site-a'],
      [a.itemId, 2, 'site-b'],
    ]);
    expect(items[1].storyGroup).toBe(a.itemId);
    expect(items[1].alsoReportedBy?.map((m) => m.sourceId)).toEqual(['site-a', 'site-c']);
    const dups = await rt.dedupe.duplicates();
    expect(dups.map((d) => [d.sourceId, d.reason])).toEqual([
      ['site-a', `same story as ${a.itemId} from site-b (preferred or earlier)`],
      ['site-c', `same story as ${a.itemId} from site-a (preferred or earlier)`],
    ]);
  });

  it('prefer: three copies at once end with the preferred copy published under one id', async () => {
    const rt = open('dedupe:\n  policy: prefer\n  prefer: [site-b, site-a]');
    await Promise.all((['c', 'a', 'b'] as const).map((site) => run(rt, 'match-1', site)));
    const items = await published(rt);
    expect(new Set(items.map((i) => i.id)).size).toBe(1);
    const last = items.reduce((x, y) => (y.version > x.version ? y : x));
    expect(last.source.id).toBe('site-b');
    expect(items.map((i) => i.version).sort()).toEqual(items.map((_, i) => i + 1));
  });

  it("prefer with agency kills: the preferred copy's kill takes down the group's story; the replaced copy's does not", async () => {
    const rt = open('dedupe:\n  policy: prefer\n  prefer: [site-b]');
    const agencyEntry = (site: Site, version: string, pubStatus: PubStatus): FeedItem => {
      const e = entryOf('quake-1', site, `https://${site}.example`);
      const agency: AgencyFields = {
        format: 'ninjs',
        id: `${site}-quake-1`,
        version,
        pubStatus,
        pubStatusReading: null,
        embargo: null,
        embargoReading: null,
        expires: null,
        urgency: null,
        signals: { correction: false, update: false, codes: [] },
        editorialNote: pubStatus === 'usable' ? null : 'story withdrawn',
        byline: null,
        credit: null,
        copyright: null,
        usageTerms: null,
        subjects: [],
        images: [],
        body: pubStatus === 'usable' ? e.content : null,
        bodyUrl: null,
        refersTo: null,
      };
      return { ...e, content: pubStatus === 'usable' ? e.content : null, agency };
    };
    const send = (site: Site, version: string, status: PubStatus) =>
      handleArticle(rt, { sourceId: `site-${site}`, item: agencyEntry(site, version, status) });
    const a = await send('a', '1', 'usable');
    expect(await send('b', '1', 'usable')).toMatchObject({ outcome: 'published', itemId: a.itemId, version: 2 });
    // site-a kills its copy: site-b's text is what is published under that id now; nothing goes out
    expect(await send('a', '2', 'canceled')).toMatchObject({ outcome: 'unchanged', itemId: a.itemId });
    expect((await rt.items.get(a.itemId))?.item).toMatchObject({ pubStatus: 'usable', version: 2 });
    // site-b kills its copy: the group's story is taken down
    expect(await send('b', '2', 'canceled')).toMatchObject({ outcome: 'published', itemId: a.itemId, version: 3 });
    const items = (await published(rt)).sort((x, y) => x.version - y.version);
    expect(items.map((i) => [i.id, i.version, i.pubStatus, i.source.id])).toEqual([
      [a.itemId, 1, 'usable', 'site-a'],
      [a.itemId, 2, 'usable', 'site-b'],
      [a.itemId, 3, 'canceled', 'site-b'],
    ]);
  });

  it('wire rules test shows what grouping would do with what the rules would let through, changing nothing', async () => {
    const hold = `rules:
  - name: money-desk
    action: hold
    when:
      - field: body
        any: [mortgages]
`;
    const prefix = testPrefix();
    t = openTestRuntime(writeConfig(wire(`${hold}dedupe:\n  policy: first`), SOURCES), prefix);
    const { rt } = t;
    // site-a's copy is held first; site-c's copy of the same report, not matching the rule's word, is published
    const bank2 = (site: Site) => entryOf('bank-2', site, `https://${site}.example`);
    expect((await handleArticle(rt, { sourceId: 'site-a', item: bank2('a') })).outcome).toBe('held');
    const c = await handleArticle(rt, {
      sourceId: 'site-c',
      item: { ...bank2('c'), content: bank2('c').content!.replace(/mortgages/g, 'home loans') },
    });
    expect(c.outcome).toBe('published');
    const keysBefore = await keysUnder(prefix);
    // New rules without the hold, same policy: the held copy would now be a duplicate of site-c's
    const next = writeConfig(wire('dedupe:\n  policy: first'), SOURCES);
    const env = { REDIS_URL: TEST_REDIS_URL, WIRE_PREFIX: prefix };
    const out = await runWire(['rules', 'test', '--json', '--config', next], env);
    expect(out.code, out.stderr).toBe(0);
    const rows = JSON.parse(out.stdout).items as {
      itemId: string;
      from: string;
      outcome: string;
      sameStory?: object;
    }[];
    const byFrom = Object.fromEntries(rows.map((r) => [r.from, r]));
    expect(byFrom.stored).toMatchObject({ itemId: c.itemId, outcome: 'publish', sameStory: { action: 'publish' } });
    expect(byFrom.held).toMatchObject({
      outcome: 'publish',
      sameStory: { action: 'suppress', storyGroup: c.itemId, reason: `same story as ${c.itemId} from site-c` },
    });
    const text = await runWire(['rules', 'test', '--config', next], env);
    expect(text.stdout).toContain(`NOT published: same story as ${c.itemId} from site-c`);
    expect(await keysUnder(prefix)).toEqual(keysBefore);
  });

  it('agency ids: a URI is global, another id only within its source', () => {
    const agency = (id: string) => ({ agency: { id, format: 'nitf' } }) as never;
    expect(agencyGroupId('dpa', agency('urn:newsml:dpa.com:20261207:123'))).toBe('uri:urn:newsml:dpa.com:20261207:123');
    expect(agencyGroupId('dpa', agency('123'))).toBe('dpa:nitf:123');
    expect(agencyGroupId('dpa', {})).toBeUndefined();
  });
});
