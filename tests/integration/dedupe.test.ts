import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load.js';
import type { WireItem } from '../../src/item/schema.js';
import { formatSummary } from '../../src/cli/commands/run-once.js';
import { runOnce, type RunSummary } from '../../src/queue/run-once.js';
import { startAdminServer } from '../../src/server/index.js';
import { runWire } from '../helpers/cli.js';
import { writeConfig } from '../helpers/config.js';
import { testPrefix, TEST_REDIS_URL } from '../helpers/redis.js';
import { openTestRuntime, type TestRuntime } from '../helpers/runtime.js';
import { copyOf, type Site } from '../helpers/same-story.js';

/**
 * Three sources on a local agency (127.0.0.1) carrying overlapping stories, our own fixture texts
 * (tests/helpers/same-story.ts): the same report on different sites with their own headline, boilerplate and
 * credit line, and different reports on the same subjects, which must not be grouped.
 */
const FEEDS: Record<Site, string[]> = {
  a: ['quake-1', 'bank-1', 'match-1', 'horoscope'],
  b: ['quake-1', 'bank-1', 'quake-2'],
  c: ['quake-1', 'match-1', 'bank-2'],
};

function escape(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function rss(origin: string, site: Site): string {
  const items = FEEDS[site].map((id) => {
    const c =
      id === 'horoscope'
        ? { title: 'Your horoscope for Monday', paragraphs: ['Aries: the stars favour a quiet day at home.'] }
        : copyOf(id, site);
    const link = `${origin}/${site}/news/${id}`;
    const html = c.paragraphs.map((p) => `<p>${escape(p)}</p>`).join('');
    return `<item><title>${escape(c.title)}</title><link>${link}</link><guid>${site}-${id}</guid>
<pubDate>Mon, 07 Dec 2026 08:00:00 GMT</pubDate><content:encoded>${escape(html)}</content:encoded></item>`;
  });
  return `<?xml version="1.0"?><rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>Site ${site}</title><link>${origin}/${site}</link>
<description>test feed</description>${items.join('\n')}</channel></rss>`;
}

const wire = (dedupe: string) => `site: Example Daily
network:
  allowPrivate: ["127.0.0.1"]
politeness:
  interval: 1ms
  concurrency: 8
jobs:
  extractThreads: 0
  attempts: 2
  backoff: 50ms
rules:
  - name: no-horoscopes
    action: drop
    reason: horoscopes are not news
    when:
      - field: headline
        any: [horoscope]
${dedupe}
`;

const sources = (origin: string) => `sources:
${(['a', 'b', 'c'] as const)
  .map(
    (s) => `  - id: site-${s}
    name: Site ${s.toUpperCase()}
    feed: ${origin}/${s}/feed
    extract:
      useFeedContent: true${
        s === 'c'
          ? `
    rules:
      - name: check-mortgages
        action: hold
        reason: personal finance goes to the money desk
        when:
          - field: body
            any: [mortgage, mortgages]`
          : ''
      }`,
  )
  .join('\n')}
`;

let server: Server;
let origin: string;
beforeAll(async () => {
  server = createServer((req, res) => {
    const m = /^\/([abc])\/feed$/.exec(req.url ?? '');
    if (!m) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(rss(origin, m[1] as Site));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

interface Run {
  t: TestRuntime;
  dir: string;
  prefix: string;
  summary: RunSummary;
  items: WireItem[];
}

async function runPolicy(dedupe: string): Promise<Run> {
  const dir = writeConfig(wire(dedupe), sources(origin));
  expect(loadConfig(dir).problems).toEqual([]);
  const prefix = testPrefix();
  const t = openTestRuntime(dir, prefix);
  const summary = await runOnce(t.rt);
  expect(summary.ok, JSON.stringify(summary)).toBe(true);
  const q = t.rt.queues.byName.get('publish')!;
  const items = (await q.getJobs(['waiting', 'delayed', 'active', 'completed'])).map((j) => j.data as WireItem);
  return { t, dir, prefix, summary, items };
}

const total = (s: RunSummary, k: keyof RunSummary['sources'][number]['items']) =>
  s.sources.reduce((n, x) => n + x.items[k], 0);
const story = (i: WireItem) => i.source.guid.slice(2); // "a-quake-1" -> "quake-1"

/** Drops and holds are visible whatever the policy; every entry reached an outcome. */
async function checkEditorial(r: Run): Promise<void> {
  expect(total(r.summary, 'new')).toBe(10);
  expect(total(r.summary, 'failed'), JSON.stringify(r.summary.sources.flatMap((s) => s.failures))).toBe(0);
  expect(total(r.summary, 'dropped')).toBe(1);
  expect(total(r.summary, 'held'), JSON.stringify(r.summary)).toBe(1);
  expect((await r.t.rt.editorial.dropped()).map((d) => [d.sourceId, d.rule])).toEqual([['site-a', 'no-horoscopes']]);
  expect((await r.t.rt.editorial.held()).map((h) => [h.item.source.guid, h.rule])).toEqual([
    ['c-bank-2', 'check-mortgages'],
  ]);
  for (const i of r.items) expect(['horoscope', 'bank-2']).not.toContain(story(i));
  // Exactly once: no story version twice downstream.
  const versions = r.items.map((i) => `${i.id}-v${i.version}`);
  expect(new Set(versions).size).toBe(versions.length);
}

describe('the same story from three sources, through wire run --once on real Redis', () => {
  it('mark: every copy published once, copies of one report in one group, different reports apart', async () => {
    const r = await runPolicy('dedupe: {}');
    try {
      await checkEditorial(r);
      expect(total(r.summary, 'published')).toBe(8);
      expect(total(r.summary, 'duplicate')).toBe(0);
      expect(r.items).toHaveLength(8);
      const groups = new Map<string, string[]>();
      for (const i of r.items) groups.set(i.storyGroup!, [...(groups.get(i.storyGroup!) ?? []), i.source.guid]);
      expect([...groups.values()].map((g) => g.sort().join(' ')).sort()).toEqual([
        'a-bank-1 b-bank-1',
        'a-match-1 c-match-1',
        'a-quake-1 b-quake-1 c-quake-1',
        'b-quake-2',
      ]);
      // Each copy lists the copies seen before it: together they cover every pair once.
      const quake = r.items.filter((i) => story(i) === 'quake-1');
      expect(quake.map((i) => i.alsoReportedBy!.length).sort()).toEqual([0, 1, 2]);
      expect(await r.t.rt.dedupe.duplicates()).toEqual([]);
    } finally {
      await r.t.close();
    }
  });

  it('first: one copy per story published once; the others recorded, counted and shown', async () => {
    const r = await runPolicy('dedupe:\n  policy: first');
    try {
      await checkEditorial(r);
      expect(r.items).toHaveLength(4);
      expect(r.items.map(story).sort()).toEqual(['bank-1', 'match-1', 'quake-1', 'quake-2']);
      for (const i of r.items) expect(i.version).toBe(1);
      expect(total(r.summary, 'published')).toBe(4);
      expect(total(r.summary, 'duplicate')).toBe(4);
      // the text summary of wire run --once says so, per source
      const lines = formatSummary(r.summary).split('\n');
      const perSource = lines.map((l) => Number(/duplicates not published (\d+)/.exec(l)?.[1] ?? 0));
      expect(perSource.reduce((a, b) => a + b, 0)).toBe(4);
      const dups = await r.t.rt.dedupe.duplicates();
      expect(dups.map((d) => d.url.split('/news/')[1]).sort()).toEqual(['bank-1', 'match-1', 'quake-1', 'quake-1']);
      for (const d of dups) {
        const kept = r.items.find((i) => i.storyGroup === d.storyGroup)!;
        expect(d.reason).toBe(`same story as ${kept.id} from ${kept.source.id}`);
      }
      expect(await r.t.rt.metrics.render()).toMatch(/wire_articles_total\{outcome="duplicate"\} 4/);

      // The API and wire status show them.
      const admin = await startAdminServer(r.t.rt, r.t.rt.metrics, { host: '127.0.0.1', port: 0 });
      try {
        const body = (await (await fetch(`${admin.url}/api/duplicates?limit=2`)).json()) as {
          policy: string;
          duplicateCounts: { sourceId: string; count: number }[];
          duplicates: unknown[];
        };
        expect(body.policy).toBe('first');
        expect(body.duplicates).toHaveLength(2);
        expect(body.duplicateCounts.reduce((n, c) => n + c.count, 0)).toBe(4);
      } finally {
        await admin.close();
      }
      const env = { REDIS_URL: TEST_REDIS_URL, WIRE_PREFIX: r.prefix };
      const status = await runWire(['status', '--json', '--config', r.dir], env);
      expect(status.code, status.stderr).toBe(0);
      const doc = JSON.parse(status.stdout) as { duplicates: { policy: string; recentDuplicates: unknown[] } };
      expect(doc.duplicates.policy).toBe('first');
      expect(doc.duplicates.recentDuplicates).toHaveLength(4);
      const text = await runWire(['status', '--config', r.dir], env);
      expect(text.stdout).toMatch(/SOURCE\s+DUPLICATES NOT PUBLISHED/);
      expect(text.stdout).toMatch(/duplicate .*: same story as [0-9a-f]{32} from site-[abc]/);

      // A second run finds nothing new and publishes nothing more.
      const again = await runOnce(r.t.rt);
      expect(total(again, 'new')).toBe(0);
      const q = r.t.rt.queues.byName.get('publish')!;
      expect(await q.getJobCounts('waiting', 'completed', 'active', 'delayed')).toMatchObject({ waiting: 4 });
    } finally {
      await r.t.close();
    }
  });

  it('prefer: the most preferred copy of each story ends up published, each version once', async () => {
    const r = await runPolicy('dedupe:\n  policy: prefer\n  prefer: [site-b, site-a]');
    try {
      await checkEditorial(r);
      const byStory = new Map<string, WireItem[]>();
      for (const i of r.items) byStory.set(i.storyGroup!, [...(byStory.get(i.storyGroup!) ?? []), i]);
      expect(byStory.size).toBe(4);
      const winner: Record<string, string> = {
        'quake-1': 'site-b',
        'bank-1': 'site-b',
        'match-1': 'site-a',
        'quake-2': 'site-b',
      };
      for (const versions of byStory.values()) {
        // One id per story; versions 1..n; the last from the most preferred source that carried it.
        expect(new Set(versions.map((v) => v.id)).size).toBe(1);
        versions.sort((x, y) => x.version - y.version);
        expect(versions.map((v) => v.version)).toEqual(versions.map((_, i) => i + 1));
        const last = versions[versions.length - 1];
        expect(last.source.id).toBe(winner[story(last)]);
      }
      // Every copy reached one outcome: published (first copy or a replacement) or a recorded duplicate.
      expect(total(r.summary, 'published') + total(r.summary, 'duplicate')).toBe(8);
      expect(total(r.summary, 'published')).toBe(r.items.length);
      expect((await r.t.rt.dedupe.duplicates(100)).length).toBe(total(r.summary, 'duplicate'));
    } finally {
      await r.t.close();
    }
  });
});
