import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WireConfig, type Source } from '../../src/config/schema.js';
import { WireError } from '../../src/errors.js';
import { parseFeed } from '../../src/feed/index.js';
import type { FeedItem } from '../../src/feed/types.js';
import { createFetcher, NetworkOptions } from '../../src/fetch/index.js';
import { agencyStoryId } from '../../src/item/build.js';
import { processArticle } from '../../src/pipeline/article.js';
import { listen, type Listening } from '../fetch/hostile-server.js';
import { agencyFixture } from '../helpers/agency-fixtures.js';

const SECRET = 'rendition-key-5be0d1f2';
const NITF = agencyFixture('nitf-body.xml');
const LEAD =
  'EXAMPLE FALLS (Example Wire) — The town library opened its new reading room on Monday, two years after a storm tore part of the roof away.';

describe('an AP-style item without an inline body: its body rendition, fetched from the agency with the credentials', () => {
  let own: Listening;
  let other: Listening;
  /** The x-api-key header each request came with, by server and path (null: none). */
  const seen: { server: string; path: string; key: string | null }[] = [];
  const wire = WireConfig.parse({ site: 'Example Daily' });
  const fetcher = createFetcher(
    NetworkOptions.parse({ userAgent: 'MediaWireTest/1 (+https://example.test/bot)', allowPrivate: ['127.0.0.1'] }),
  );

  beforeAll(async () => {
    const record = (server: string) => (req: { url?: string; headers: Record<string, unknown> }) =>
      seen.push({ server, path: req.url ?? '/', key: (req.headers['x-api-key'] as string | undefined) ?? null });
    other = await listen('127.0.0.1', (req, res) => {
      record('other')(req);
      res.writeHead(200, { 'content-type': 'application/xml' }).end(NITF);
    });
    own = await listen('127.0.0.1', (req, res) => {
      record('own')(req);
      if (req.url === '/nitf/story') return res.writeHead(200, { 'content-type': 'text/xml' }).end(NITF);
      if (req.url === '/html/story')
        return res
          .writeHead(200, { 'content-type': 'text/html; charset=utf-8' })
          .end('<div><p>An HTML rendition, first paragraph.</p><script>x()</script><p>Second.</p></div>');
      if (req.url === '/nitf/moved') return res.writeHead(302, { location: `${other.origin}/nitf/story` }).end();
      res.writeHead(404, { 'content-type': 'text/plain' }).end('no such rendition');
    });
    process.env.BODY_URL_TEST_KEY = SECRET;
  });
  afterAll(async () => {
    await fetcher.close();
    await Promise.all([own?.close(), other?.close()]);
    delete process.env.BODY_URL_TEST_KEY;
  });

  const source = (): Source => ({
    id: 'ap',
    name: 'AP',
    feed: `${own.origin}/feed`,
    everyMs: 60_000,
    enabled: true,
    extract: {},
    auth: { header: 'x-api-key', fromEnv: 'BODY_URL_TEST_KEY' },
  });

  /** The AP fixture's item as the feed on `own` gives it, its NITF rendition at `href`. */
  async function entry(href: string): Promise<FeedItem> {
    const page = JSON.parse(agencyFixture('ap-page.json').toString('utf8')) as {
      data: { items: { item: { renditions: { nitf: { href: string } } } }[] };
    };
    page.data.items[0].item.renditions.nitf.href = href;
    const feed = await parseFeed(Buffer.from(JSON.stringify(page)), {
      url: source().feed,
      contentType: 'application/json',
      agencyLifecycle: true,
    });
    expect(feed.items[0].agency?.body).toBeNull();
    return feed.items[0];
  }

  it('reads the NITF rendition as the body, verbatim; the key goes to the agency host', async () => {
    seen.length = 0;
    const item = await processArticle({ wire, fetcher }, source(), await entry(`${own.origin}/nitf/story`));
    expect(item.body.origin).toBe('feed');
    expect(item.body.paragraphs).toEqual([
      LEAD,
      'The room seats 80 readers and keeps the local newspaper archive, which volunteers dried page by page after the storm.',
      '“We never closed for a single day,” the librarian said.',
    ]);
    expect(item.id).toBe(agencyStoryId('ap', 'd41d8cd98f00b204'));
    expect(seen).toEqual([{ server: 'own', path: '/nitf/story', key: SECRET }]);
  });

  it('an HTML rendition is read as an HTML body, sanitised', async () => {
    const item = await processArticle({ wire, fetcher }, source(), await entry(`${own.origin}/html/story`));
    expect(item.body.paragraphs).toEqual(['An HTML rendition, first paragraph.', 'Second.']);
    expect(item.body.html).not.toContain('script');
  });

  it('the key is not sent after a redirect to another host, nor to a rendition on another host', async () => {
    seen.length = 0;
    const moved = await processArticle({ wire, fetcher }, source(), await entry(`${own.origin}/nitf/moved`));
    expect(moved.body.paragraphs[0]).toBe(LEAD);
    expect(seen).toEqual([
      { server: 'own', path: '/nitf/moved', key: SECRET },
      { server: 'other', path: '/nitf/story', key: null },
    ]);
    seen.length = 0;
    await processArticle({ wire, fetcher }, source(), await entry(`${other.origin}/nitf/story`));
    expect(seen).toEqual([{ server: 'other', path: '/nitf/story', key: null }]);
  });

  it('a rendition that cannot be fetched fails the item with the URL in the error (no page is fetched instead)', async () => {
    seen.length = 0;
    const err = await processArticle({ wire, fetcher }, source(), await entry(`${own.origin}/nitf/gone`)).catch(
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(WireError);
    expect((err as WireError).message).toContain(`${own.origin}/nitf/gone`);
    expect(seen.map((s) => s.path)).toEqual(['/nitf/gone']);
  });
});
