import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Source } from '../../src/config/schema.js';
import { createFetcher, NetworkOptions } from '../../src/fetch/index.js';
import { fetchFeed } from '../../src/pipeline/fetch-feed.js';
import { listen, type Listening } from '../fetch/hostile-server.js';
import { agencyFixture } from '../helpers/agency-fixtures.js';

const AP = JSON.parse(agencyFixture('ap-page.json').toString('utf8')) as {
  data: { next_page: string | null; items: { item: { altids: { itemid: string } } }[] };
};
const SECRET = 'page-key-31c9a07e';

/** The AP fixture as page n: its item under ids of its own, and a next_page link (or none). */
function page(ids: string[], next: string | null): string {
  const [first] = AP.data.items;
  return JSON.stringify({
    ...AP,
    data: {
      ...AP.data,
      next_page: next,
      items: ids.map((id) => ({ ...first, item: { ...first.item, altids: { ...first.item.altids, itemid: id } } })),
    },
  });
}

// Our own AP-style fixture (tests/fixtures/agency): this runs on a fresh clone.
describe('API feed pagination: next_page followed until caught up, bounded per poll', () => {
  let own: Listening;
  let other: Listening;
  const hits: string[] = [];
  const keysSeen: Record<string, string | undefined> = {};
  const seenElsewhere: string[] = [];

  beforeAll(async () => {
    other = await listen('127.0.0.1', (req, res) => {
      seenElsewhere.push(JSON.stringify(req.headers));
      res.writeHead(200, { 'content-type': 'application/json' }).end(page(['x1'], null));
    });
    own = await listen('127.0.0.1', (req, res) => {
      const path = req.url ?? '/';
      hits.push(path);
      keysSeen[path] = req.headers['x-api-key'] as string | undefined;
      const body: Record<string, string> = {
        '/feed': page(['a1', 'a2'], `${own.origin}/p2`),
        '/p2': page(['a2', 'b1'], `${own.origin}/p3`),
        '/p3': page(['c1'], `${own.origin}/p4`),
        '/p4': page([], `${own.origin}/p5`),
        '/loop': page(['l1'], `${own.origin}/loop`),
        '/away': page(['w1'], `${other.origin}/elsewhere`),
      };
      res.writeHead(200, { 'content-type': 'application/json' }).end(body[path] ?? page([], null));
    });
    process.env.PAGINATION_TEST_KEY = SECRET;
  });
  afterAll(async () => {
    await Promise.all([own?.close(), other?.close()]);
  });

  const fetcher = () =>
    createFetcher(
      NetworkOptions.parse({ userAgent: 'MediaWireTest/1 (+https://example.test/bot)', allowPrivate: ['127.0.0.1'] }),
    );
  const src = (path: string): Source => ({
    id: 'ap',
    name: 'AP',
    feed: `${own.origin}${path}`,
    everyMs: 60_000,
    enabled: true,
    extract: {},
    auth: { header: 'x-api-key', fromEnv: 'PAGINATION_TEST_KEY' },
  });
  const none = { etag: null, lastModified: null, bodyHash: null };
  const ids = async (path: string, maxPages: number) => {
    const f = fetcher();
    try {
      const r = await fetchFeed(src(path), f, none, { maxPages });
      if (r.kind !== 'feed') throw new Error(r.kind);
      return r.feed.items.map((i) => i.guid);
    } finally {
      await f.close();
    }
  };

  it('follows pages until an empty one, merging entries (a later copy of an id replaces the earlier)', async () => {
    hits.length = 0;
    expect(await ids('/feed', 10)).toEqual(['a1', 'a2', 'b1', 'c1']);
    expect(hits).toEqual(['/feed', '/p2', '/p3', '/p4']);
    expect(keysSeen['/p3']).toBe(SECRET); // credentials go with every page on the feed's own host
  });

  it('stops at maxPages (the rest waits for the next poll), and at a page already read', async () => {
    hits.length = 0;
    expect(await ids('/feed', 2)).toEqual(['a1', 'a2', 'b1']);
    expect(hits).toEqual(['/feed', '/p2']);
    hits.length = 0;
    expect(await ids('/loop', 10)).toEqual(['l1']);
    expect(hits).toEqual(['/loop']);
  });

  it('a next page on another host is read without the credentials', async () => {
    seenElsewhere.length = 0;
    expect(await ids('/away', 10)).toEqual(['w1', 'x1']);
    expect(seenElsewhere).toHaveLength(1);
    expect(seenElsewhere[0]).not.toContain(SECRET);
  });
});
