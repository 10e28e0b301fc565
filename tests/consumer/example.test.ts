import { mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startExampleConsumer } from '../../src/consumer/example.js';
import { renderArticlePage } from '../../src/consumer/render.js';
import { buildWireItem } from '../../src/item/build.js';
import { silentLogger } from '../../src/log/index.js';
import { runWire } from '../helpers/cli.js';
import { RedisServers } from '../helpers/redis-servers.js';
import { dropPrefix, testPrefix, testQueue, TEST_REDIS_URL } from '../helpers/redis.js';

const item = buildWireItem({
  site: { site: 'Example Daily', section: 'Media Wire', disclaimer: 'Not the views of {site}.' },
  source: { id: 'agency', name: 'Agency <News>', feedUrl: 'https://agency.example/feed' },
  feedItem: {
    guid: 'g',
    link: 'https://agency.example/a?x=1&y=2',
    title: 'T',
    publishedAt: null,
    updatedAt: null,
    summary: null,
    content: null,
    author: null,
    categories: [],
    image: null,
  },
  body: {
    paragraphs: ['First paragraph.', 'Second <one>.'],
    html: '<p>First paragraph.</p><p>Second &lt;one&gt;.</p>',
    text: 'First paragraph.\n\nSecond <one>.',
    origin: 'page',
    method: 'scoring',
  },
  metadata: {
    canonicalUrl: 'https://agency.example/a?x=1&y=2',
    title: 'T',
    byline: null,
    publishedAt: null,
    modifiedAt: null,
    language: 'en',
    image: null,
    siteName: null,
    description: null,
  },
  headline: { text: 'Talks "resume" & more', original: 'Talks Resume', applied: [], tooLong: false },
  fetchedAt: new Date('2026-11-27T00:00:00Z'),
});

describe('the example consumer', () => {
  const prefix = testPrefix();
  afterAll(() => dropPrefix(prefix));

  it('renders headline, body, then section, disclaimer and source at the bottom, escaped', () => {
    const page = renderArticlePage(item);
    const order = [
      '<h1>Talks &quot;resume&quot; &amp; more</h1>',
      '<p>First paragraph.</p>',
      'class="section">Media Wire',
      'Not the views of Example Daily.',
      'Source: Agency &lt;News&gt; — <a href="https://agency.example/a?x=1&amp;y=2">',
    ];
    const positions = order.map((s) => page.indexOf(s));
    expect(
      positions.every((p) => p >= 0),
      JSON.stringify(positions),
    ).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
  });

  it('names the other sources of a grouped story, linked and escaped; nothing for a story alone', () => {
    const grouped = renderArticlePage({
      ...item,
      storyGroup: 'a'.repeat(32),
      alsoReportedBy: [
        { sourceId: 'b', sourceName: 'Site <B>', itemId: 'b'.repeat(32), url: 'https://b.example/x?a=1&b=2' },
        { sourceId: 'c', sourceName: 'Site C', itemId: 'c'.repeat(32), url: 'https://c.example/y' },
      ],
    });
    expect(grouped).toContain(
      '<p class="also-reported-by">Also reported by: <a href="https://b.example/x?a=1&amp;b=2">Site &lt;B&gt;</a>, <a href="https://c.example/y">Site C</a></p>',
    );
    expect(grouped).toContain(`data-story-group="${'a'.repeat(32)}"`);
    const alone = renderArticlePage({ ...item, storyGroup: item.id, alsoReportedBy: [] });
    expect(alone).not.toContain('also-reported-by');
    expect(renderArticlePage(item)).not.toContain('data-story-group');
  });

  it('consumes the publish queue into one page per story', async () => {
    const out = mkdtempSync(join(tmpdir(), 'wire-pages-'));
    const queue = testQueue('publish', prefix);
    await queue.add('item', item, { jobId: `${item.id}-v1` });
    const consumer = startExampleConsumer({ redisUrl: TEST_REDIS_URL, prefix, outDir: out, log: silentLogger });
    try {
      await consumer.drained();
      expect(readdirSync(out)).toEqual([`${item.id}.html`]);
      expect(readFileSync(join(out, `${item.id}.html`), 'utf8')).toBe(renderArticlePage(item));
      expect(await queue.getJobCountByTypes('completed')).toBe(1);
    } finally {
      await consumer.close();
      await queue.close();
    }
  });
});

describe('the example consumer and the story lifecycle', () => {
  const prefix = testPrefix();
  afterAll(() => dropPrefix(prefix));

  it('removes the page of a canceled story, hides a withheld one, and writes it again for a usable version', async () => {
    const out = mkdtempSync(join(tmpdir(), 'wire-pages-'));
    const queue = testQueue('publish', prefix);
    const consumer = startExampleConsumer({ redisUrl: TEST_REDIS_URL, prefix, outDir: out, log: silentLogger });
    const lifecycle = { ...item.lifecycle, note: 'Withheld pending legal review.' };
    try {
      await queue.add('item', item, { jobId: `${item.id}-v1` });
      await consumer.drained();
      expect(readdirSync(out)).toEqual([`${item.id}.html`]);
      await queue.add('item', { ...item, version: 2, pubStatus: 'withheld', lifecycle }, { jobId: `${item.id}-v2` });
      await consumer.drained();
      expect(readdirSync(out)).toEqual([]);
      await queue.add('item', { ...item, version: 3 }, { jobId: `${item.id}-v3` });
      await consumer.drained();
      expect(readdirSync(out)).toEqual([`${item.id}.html`]);
      await queue.add(
        'item',
        { ...item, version: 4, pubStatus: 'canceled', lifecycle: { ...lifecycle, note: 'Kill: story withdrawn.' } },
        { jobId: `${item.id}-v4` },
      );
      await consumer.drained();
      expect(readdirSync(out)).toEqual([]);
      expect(await queue.getJobCountByTypes('failed')).toBe(0);
    } finally {
      await consumer.close();
      await queue.close();
    }
  });
});

describe('wire consume on a Redis Cluster', () => {
  const servers = new RedisServers();
  afterAll(() => servers.stop());

  it('drains the hash-tagged publish queue with a Cluster client of its own, and exits', async () => {
    const { url } = await servers.cluster(3, 1);
    const prefix = testPrefix();
    const out = mkdtempSync(join(tmpdir(), 'wire-pages-'));
    const queue = testQueue('publish', prefix, url);
    try {
      expect(queue.opts.prefix).toBe(`${prefix}:{publish}`);
      await queue.add('item', item, { jobId: `${item.id}-v1` });
      // --drain returns once the queue is empty; the process then ends on its own only if every client is closed
      const run = await runWire(['consume', '--out', out, '--drain'], { REDIS_URL: url, WIRE_PREFIX: prefix });
      expect(run.code, run.stderr).toBe(0);
      expect(readdirSync(out)).toEqual([`${item.id}.html`]);
      expect(readFileSync(join(out, `${item.id}.html`), 'utf8')).toBe(renderArticlePage(item));
      expect(await queue.getJobCountByTypes('completed')).toBe(1);
    } finally {
      await queue.close();
    }
  }, 120_000);
});
