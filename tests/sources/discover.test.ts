import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NetworkOptions } from '../../src/fetch/options.js';
import { createFetcher } from '../../src/fetch/index.js';
import { advertisedFeeds, discoverFeeds } from '../../src/sources/discover.js';

const RSS =
  '<?xml version="1.0"?><rss version="2.0"><channel><title>Agency Top News</title><item><title>A</title><link>http://x/a</link></item></channel></rss>';
const JSONFEED = JSON.stringify({
  version: 'https://jsonfeed.org/version/1.1',
  title: 'Agency JSON',
  items: [{ id: '1', url: 'http://x/1', content_text: 'x' }],
});

describe('wire sources discover', () => {
  let server: Server;
  let origin: string;
  const fetcher = createFetcher(NetworkOptions.parse({ allowPrivate: ['127.0.0.1'] }));

  beforeAll(async () => {
    server = createServer((req, res) => {
      const routes: Record<string, [string, string]> = {
        '/': [
          'text/html',
          '<html><head><link rel="alternate" type="application/rss+xml" href="/rss/top.xml"><link rel="alternate" type="application/feed+json" href="feed.json"><link rel="alternate" hreflang="fr" href="/fr/"><link rel="alternate" type="application/rss+xml" href="/broken.xml"></head><body>Home</body></html>',
        ],
        '/rss/top.xml': ['application/rss+xml', RSS],
        '/feed.json': ['application/feed+json', JSONFEED],
        '/broken.xml': ['text/html', '<html><title>Not here</title></html>'],
        '/plain/': ['text/html', '<html><head><title>No links</title></head><body></body></html>'],
      };
      const route = routes[req.url ?? ''];
      if (!route) return res.writeHead(404).end();
      res.writeHead(200, { 'content-type': route[0] }).end(route[1]);
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await fetcher.close();
    await new Promise((r) => server.close(r));
  });

  it('reads <link rel=alternate> feed types only, as absolute URLs', () => {
    const html =
      '<link rel="alternate" type="application/atom+xml" href="/atom"><link rel="alternate" type="text/html" href="/print"><link rel="alternate stylesheet" href="/s.css">';
    expect(advertisedFeeds(html, 'https://agency.example/news/')).toEqual(['https://agency.example/atom']);
  });

  it('finds the advertised feeds that really are feeds, with their titles', async () => {
    const feeds = await discoverFeeds(fetcher, `${origin}/`);
    expect(feeds).toEqual([
      { url: `${origin}/rss/top.xml`, format: 'rss', title: 'Agency Top News', entries: 1, how: 'advertised' },
      { url: `${origin}/feed.json`, format: 'json', title: 'Agency JSON', entries: 1, how: 'advertised' },
    ]);
  });

  it('tries the usual paths at the site root when a page advertises nothing', async () => {
    const feeds = await discoverFeeds(fetcher, `${origin}/plain/`);
    expect(feeds).toEqual([
      { url: `${origin}/feed.json`, format: 'json', title: 'Agency JSON', entries: 1, how: 'guessed' },
    ]);
  });
});
