import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAgency, type Agency } from '../../demo/agency-server.js';
import { loadConfig } from '../../src/config/load.js';
import { WireItem } from '../../src/item/schema.js';
import { silentLogger } from '../../src/log/index.js';
import { runOnce } from '../../src/queue/run-once.js';
import { createRuntime, type Runtime } from '../../src/runtime.js';
import { writeConfig } from '../helpers/config.js';
import { dropPrefix, testPrefix, testRedis, TEST_REDIS_URL } from '../helpers/redis.js';

const WIRE_YAML = `
site: Example Daily
headline:
  case: sentence
  strip: [" - Reuters", "/^BREAKING:\\\\s*/i"]
  replace:
    - { from: "U.S.", to: "US" }
  quotes: single
  trailingPeriod: drop
network:
  allowPrivate: ["127.0.0.1"]
  bodyTimeoutMs: 5000
politeness:
  interval: 1ms
jobs:
  attempts: 2
  backoff: 50ms
`;

// Written by hand from the rules above, as an editor would restyle each agency headline.
const EXPECTED_HEADLINES: Record<string, string> = {
  'central-bank-holds-rates': 'Central Bank holds interest rates steady as inflation eases',
  'floods-displace-thousands': 'Floods displace thousands in northern province & cut power to two cities',
  'un-council-meets-on-ceasefire': "US backs UN call for 'immediate' ceasefire talks",
};
const ORIGINAL_HEADLINES: Record<string, string> = {
  'central-bank-holds-rates': 'BREAKING: Central Bank Holds Interest Rates Steady As Inflation Eases - Reuters',
  'floods-displace-thousands': 'Floods Displace Thousands In Northern Province & Cut Power To Two Cities',
  'un-council-meets-on-ceasefire': 'U.S. Backs UN Call For "Immediate" Ceasefire Talks.',
};

describe('wire run --once against a local agency', () => {
  const prefix = testPrefix();
  let agency: Agency;
  let brokenFeeds: Server;
  let brokenOrigin: string;
  let redis: Redis;
  let rt: Runtime;

  beforeAll(async () => {
    agency = await startAgency();
    agency.extraItems.push(
      `<item><title>Gone Story</title><link>${agency.origin}/news/missing-story</link><guid>gone</guid></item>`,
      `<item><title>Broken Story</title><link>${agency.origin}/news/broken-story</link><guid>broken</guid></item>`,
    );
    brokenFeeds = createServer((req, res) => {
      if (req.url === '/html') {
        res.writeHead(200, { 'content-type': 'text/html' });
        return res.end('<html><head><title>Just a moment...</title></head><body>Checking your browser</body></html>');
      }
      // a JSON Feed cut off mid-document: nothing to repair
      res.writeHead(200, { 'content-type': 'application/feed+json' });
      res.end('{"version": "https://jsonfeed.org/version/1.1", "title": "Cut", "items": [{"id": "1", "url": "http://x');
    });
    await new Promise<void>((r) => brokenFeeds.listen(0, '127.0.0.1', r));
    brokenOrigin = `http://127.0.0.1:${(brokenFeeds.address() as AddressInfo).port}`;

    const dir = writeConfig(
      WIRE_YAML,
      `sources:
  - id: demo-agency
    name: Demo Agency
    feed: ${agency.origin}/feed.xml
  - id: challenge-page
    name: Challenge
    feed: ${brokenOrigin}/html
  - id: paused
    name: Paused
    feed: ${brokenOrigin}/never
    enabled: false
`,
    );
    redis = testRedis();
    rt = createRuntime({ config: loadConfig(dir), redis, redisUrl: TEST_REDIS_URL, prefix, log: silentLogger });
  });

  afterAll(async () => {
    await rt?.close();
    redis?.disconnect();
    await agency?.close();
    await new Promise((r) => brokenFeeds?.close(r));
    await dropPrefix(prefix);
  });

  async function publishJobs() {
    return rt.queues.publish.getJobs(['waiting', 'active', 'completed', 'delayed'], 0, -1);
  }

  it('queues exactly one publish-ready item per good feed entry, and reports the others', async () => {
    const summary = await runOnce(rt);
    const agencyRun = summary.sources.find((s) => s.id === 'demo-agency')!;
    expect(agencyRun.ok).toBe(true);
    expect(agencyRun.items).toMatchObject({ new: 5, seen: 0, published: 3, failed: 2 });
    const reasons = agencyRun.failures.map((f) => `${f.link} ${f.reason}`).sort();
    expect(reasons[0]).toMatch(/broken-story .*HTTP 500/);
    expect(reasons[1]).toMatch(/missing-story .*HTTP 404/);
    // 500 is worth a retry (attempts: 2); 404 is permanent and does not burn retries
    expect(agency.hits.get('/news/broken-story')).toBe(2);
    expect(agency.hits.get('/news/missing-story')).toBe(1);

    const challenge = summary.sources.find((s) => s.id === 'challenge-page')!;
    expect(challenge.ok).toBe(false);
    expect(challenge.error).toMatch(/not-a-feed.*Just a moment/);
    expect(summary.sources.map((s) => s.id)).not.toContain('paused');
    expect(summary.ok).toBe(false);

    const jobs = await publishJobs();
    expect(jobs).toHaveLength(3);
    for (const job of jobs) {
      const item = WireItem.parse(job.data);
      const slug = item.source.url.split('/').pop()!;
      const article = agency.articles.find((a) => a.slug === slug)!;
      expect(job.name).toBe('item');
      expect(job.id).toBe(`${item.id}-v1`);
      expect(item.version).toBe(1);
      expect(item.body.paragraphs).toEqual(article.paragraphs);
      expect(item.body.html).not.toMatch(/Recent posts|Share on|Subscribe|comment/i);
      expect(item.headline).toBe(EXPECTED_HEADLINES[slug]);
      expect(item.headlineOriginal).toBe(ORIGINAL_HEADLINES[slug]);
      expect(item.headlineRules.length).toBeGreaterThan(0);
      expect(item.source).toMatchObject({
        id: 'demo-agency',
        name: 'Demo Agency',
        url: `${agency.origin}/news/${slug}`,
        feedUrl: `${agency.origin}/feed.xml`,
      });
      expect(item.attribution.disclaimer).toContain('Example Daily');
      expect(item.attribution.footer).toBe(`Source: Demo Agency — ${agency.origin}/news/${slug}`);
      expect(item.publishedAt).toBe(new Date(article.published).toISOString());
      expect(item.section).toBe('Media Wire');
    }
  });

  it('queues nothing on a second run', async () => {
    const pageHits = agency.articles.map((a) => agency.hits.get(`/news/${a.slug}`));
    const summary = await runOnce(rt);
    const agencyRun = summary.sources.find((s) => s.id === 'demo-agency')!;
    expect(agencyRun.ok).toBe(true);
    expect(agencyRun.items.new + agencyRun.items.updated + agencyRun.items.published).toBe(0);
    expect(await publishJobs()).toHaveLength(3);
    expect(agency.articles.map((a) => agency.hits.get(`/news/${a.slug}`))).toEqual(pageHits);
  });

  it('publishes version 2 when the agency changes a story', async () => {
    const story = agency.articles[1];
    agency.articles[1] = {
      ...story,
      headline: 'Floods Displace 15,000 In Northern Province',
      paragraphs: [
        ...story.paragraphs,
        'Officials raised the number of displaced people to 15,000 on Wednesday afternoon.',
      ],
    };
    const summary = await runOnce(rt);
    expect(summary.sources.find((s) => s.id === 'demo-agency')!.items).toMatchObject({ updated: 1, published: 1 });
    const jobs = await publishJobs();
    expect(jobs).toHaveLength(4);
    const v2 = jobs.map((j) => WireItem.parse(j.data)).find((i) => i.version === 2)!;
    expect(v2.source.url).toBe(`${agency.origin}/news/${story.slug}`);
    expect(v2.body.paragraphs.at(-1)).toBe(
      'Officials raised the number of displaced people to 15,000 on Wednesday afternoon.',
    );
    const v1 = jobs.map((j) => WireItem.parse(j.data)).find((i) => i.id === v2.id && i.version === 1);
    expect(v1).toBeDefined();
  });

  it('a feed that fails to parse fails only its source', async () => {
    const dir = writeConfig(
      WIRE_YAML,
      `sources:\n  - id: truncated\n    name: T\n    feed: ${brokenOrigin}/truncated\n  - id: demo-agency\n    name: Demo Agency\n    feed: ${agency.origin}/feed.xml\n`,
    );
    rt.reload(loadConfig(dir));
    const summary = await runOnce(rt);
    const truncated = summary.sources.find((s) => s.id === 'truncated')!;
    expect(truncated.ok).toBe(false);
    expect(truncated.error).toMatch(/^parse: .*JSON/i);
    expect(summary.sources.find((s) => s.id === 'demo-agency')!.ok).toBe(true);
  });
});
