import { describe, expect, it } from 'vitest';
import { WireConfig, type Source } from '../../src/config/schema.js';
import { WireError } from '../../src/errors.js';
import type { FeedItem } from '../../src/feed/types.js';
import type { HttpClient } from '../../src/fetch/types.js';
import { processArticle } from '../../src/pipeline/article.js';

const wire = WireConfig.parse({ site: 'Example Daily', headline: { case: 'sentence' } });
const source = (extract: Source['extract'] = {}): Source => ({
  id: 'agency',
  name: 'Agency',
  feed: 'https://agency.example/feed',
  everyMs: 60_000,
  enabled: true,
  extract,
});
const FEED_BODY = [
  'Ministers from both sides met in Geneva on Tuesday for the first direct talks in three years, officials said.',
  'The talks, hosted by Switzerland, are expected to last two days and cover prisoner exchanges and the reopening of border crossings.',
  'Neither delegation spoke to reporters on arrival at the lakeside hotel where the meetings are held.',
];
const entry: FeedItem = {
  guid: 'g1',
  link: 'https://agency.example/news/talks',
  title: 'Talks Resume In Geneva',
  publishedAt: '2026-11-26T10:00:00.000Z',
  updatedAt: null,
  summary: 'Talks resume.',
  content: FEED_BODY.map((p) => `<p>${p}</p>`).join(''),
  author: 'Jane Doe',
  categories: [],
  image: null,
};

function fetcherServing(html: string, calls: string[] = []): HttpClient {
  return {
    async fetch(url) {
      calls.push(url);
      const body = Buffer.from(html);
      return {
        url,
        finalUrl: url,
        status: 200,
        headers: { 'content-type': 'text/html; charset=utf-8' },
        body,
        redirects: [],
        wireBytes: body.length,
        elapsedMs: 5,
      };
    },
  };
}

describe('the article stage: page, feed fall-back, overrides', () => {
  it('falls back to the feed content when the page has no article, and says so', async () => {
    const consentWall =
      '<html><head><title>Before you continue</title></head><body><div class="consent"><p>We use cookies. Accept all to continue.</p><button>Accept</button></div></body></html>';
    const item = await processArticle({ wire, fetcher: fetcherServing(consentWall) }, source(), entry);
    expect(item.body.origin).toBe('feed');
    expect(item.body.method).toBe('feed');
    expect(item.body.paragraphs).toEqual(FEED_BODY);
    expect(item.source.url).toBe('https://agency.example/news/talks');
  });

  it('with useFeedContent takes the feed body without fetching the page', async () => {
    const calls: string[] = [];
    const item = await processArticle(
      { wire, fetcher: fetcherServing('<html></html>', calls) },
      source({ useFeedContent: true }),
      entry,
    );
    expect(calls).toEqual([]);
    expect(item.body).toMatchObject({ origin: 'feed', method: 'feed', paragraphs: FEED_BODY });
    expect(item.byline).toBe('Jane Doe');
    expect(item.headline).toBe('Talks resume in Geneva');
  });

  it('fails clearly when useFeedContent is set and the entry carries no content', async () => {
    const err = await processArticle({ wire, fetcher: fetcherServing('') }, source({ useFeedContent: true }), {
      ...entry,
      content: null,
    }).catch((e) => e);
    expect(err).toBeInstanceOf(WireError);
    expect(err.kind).toBe('no-article');
    expect(err.message).toMatch(/useFeedContent/);
  });

  it('checks robots.txt before fetching the page', async () => {
    const calls: string[] = [];
    const robots = {
      check: async (url: string) => {
        throw new WireError('robots', `robots.txt disallows ${url}`, { url });
      },
    };
    const err = await processArticle(
      { wire, fetcher: fetcherServing('<html></html>', calls), robots },
      source(),
      entry,
    ).catch((e) => e);
    expect(err.kind).toBe('robots');
    expect(calls).toEqual([]);
  });

  it('a page with no article and no feed content fails with the extractor reason', async () => {
    const err = await processArticle(
      { wire, fetcher: fetcherServing('<html><body><h1>Page not found</h1></body></html>') },
      source(),
      { ...entry, content: null },
    ).catch((e) => e);
    expect(err.kind).toBe('no-article');
    expect(err.message).toMatch(/no article/);
  });
});
