import { describe, expect, it } from 'vitest';
import { parseFeed } from '../../src/feed/index.js';

const FEED_URL = 'https://agency.example/news/feed.xml';
const parse = (doc: string, contentType: string | null = null, url = FEED_URL) =>
  parseFeed(Buffer.from(doc), { url, contentType });

const rss = (items: string, channel = '<title>Agency</title><link>https://agency.example/</link>') =>
  `<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/"
  xmlns:media="http://search.yahoo.com/mrss/" xmlns:atom="http://www.w3.org/2005/Atom" xmlns:sy="http://purl.org/rss/1.0/modules/syndication/">
<channel>${channel}${items}</channel></rss>`;

const atom = (entries: string, attrs = '', head = '<title>Agency</title>') =>
  `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"${attrs}>${head}${entries}</feed>`;

describe('parseFeed: RSS 2.0', () => {
  it('maps an item to the FeedItem shape', async () => {
    const feed = await parse(
      rss(`<item>
        <title>Quake hits coast</title>
        <link>https://agency.example/news/quake</link>
        <guid isPermaLink="false">agency-123</guid>
        <pubDate>Tue, 10 Jun 2025 14:03:00 +0200</pubDate>
        <description>&lt;p&gt;A strong quake &amp;amp; aftershocks.&lt;/p&gt;</description>
        <content:encoded><![CDATA[<p>Full <b>story</b>.</p>]]></content:encoded>
        <dc:creator>Jane Roe</dc:creator>
        <category>World</category><category>Disasters</category>
        <media:content url="https://cdn.agency.example/q.jpg" medium="image"/>
      </item>`),
    );
    expect(feed.format).toBe('rss');
    expect(feed.title).toBe('Agency');
    expect(feed.link).toBe('https://agency.example/');
    expect(feed.skipped).toEqual([]);
    expect(feed.items).toEqual([
      {
        guid: 'agency-123',
        link: 'https://agency.example/news/quake',
        title: 'Quake hits coast',
        publishedAt: '2025-06-10T12:03:00.000Z',
        updatedAt: null,
        summary: 'A strong quake & aftershocks.',
        content: '<p>Full <b>story</b>.</p>',
        author: 'Jane Roe',
        categories: ['World', 'Disasters'],
        image: 'https://cdn.agency.example/q.jpg',
      },
    ]);
  });

  it('accepts <rss> without a version (defaultRSS: 2) and RSS 0.91', async () => {
    const noVersion = await parse(
      '<rss><channel><title>T</title><item><link>https://a.example/1</link></item></channel></rss>',
    );
    expect(noVersion.items[0].link).toBe('https://a.example/1');
    const v091 = await parse(
      '<rss version="0.91"><channel><title>T</title><item><title>x</title><link>https://a.example/2</link></item></channel></rss>',
    );
    expect(v091.items[0].title).toBe('x');
  });

  it('uses the link as guid when there is none, and a permalink guid as link when there is no link', async () => {
    const feed = await parse(
      rss(`<item><title>a</title><link>https://agency.example/a</link></item>
           <item><title>b</title><guid>https://agency.example/b</guid></item>
           <item><title>c</title><guid isPermaLink="false">https://agency.example/c</guid></item>`),
    );
    expect(feed.items.map((i) => [i.guid, i.link])).toEqual([
      ['https://agency.example/a', 'https://agency.example/a'],
      ['https://agency.example/b', 'https://agency.example/b'],
    ]);
    expect(feed.skipped).toHaveLength(1);
    expect(feed.skipped[0]).toMatchObject({ index: 2, title: 'c' });
  });

  it('reads <ttl> and sy:updatePeriod / sy:updateFrequency as ttlSeconds', async () => {
    expect((await parse(rss('', '<title>T</title><ttl>15</ttl>'))).ttlSeconds).toBe(900);
    expect(
      (
        await parse(
          rss(
            '',
            '<title>T</title><sy:updatePeriod>hourly</sy:updatePeriod><sy:updateFrequency>4</sy:updateFrequency>',
          ),
        )
      ).ttlSeconds,
    ).toBe(900);
    expect((await parse(rss('', '<title>T</title><sy:updatePeriod>daily</sy:updatePeriod>'))).ttlSeconds).toBe(86_400);
    expect((await parse(rss('', '<title>T</title>'))).ttlSeconds).toBeNull();
  });

  it('takes dc:date when there is no pubDate, and an enclosure image', async () => {
    const feed = await parse(
      rss(`<item><link>https://agency.example/x</link><dc:date>2025-06-10T08:00:00-04:00</dc:date>
        <enclosure url="/img/x.png" type="image/png" length="1"/></item>`),
    );
    expect(feed.items[0].publishedAt).toBe('2025-06-10T12:00:00.000Z');
    expect(feed.items[0].image).toBe('https://agency.example/img/x.png');
  });

  it('drops a duplicate guid within one feed', async () => {
    const feed = await parse(
      rss('<item><link>https://agency.example/x</link></item><item><link>https://agency.example/x</link></item>'),
    );
    expect(feed.items).toHaveLength(1);
    expect(feed.skipped[0].reason).toMatch(/duplicate guid/);
  });
});

describe('parseFeed: links', () => {
  it('resolves relative links against the feed URL', async () => {
    const feed = await parse(
      rss('<item><link>/news/1</link></item><item><link>2</link></item>', '<title>T</title><link>/</link>'),
    );
    expect(feed.link).toBe('https://agency.example/');
    expect(feed.items.map((i) => i.link)).toEqual(['https://agency.example/news/1', 'https://agency.example/news/2']);
  });

  it('resolves Atom links against nested xml:base (feed, entry, link) and the feed URL', async () => {
    const feed = await parse(
      atom(
        `<entry><id>1</id><link href="one"/></entry>
         <entry xml:base="/desk/"><id>2</id><link href="two"/></entry>
         <entry xml:base="https://other.example/x/"><id>3</id><link xml:base="y/" href="three"/></entry>`,
        ' xml:base="sport/"',
        '<title>T</title><link href="index.html"/>',
      ),
    );
    expect(feed.link).toBe('https://agency.example/news/sport/index.html');
    expect(feed.items.map((i) => i.link)).toEqual([
      'https://agency.example/news/sport/one',
      'https://agency.example/desk/two',
      'https://other.example/x/y/three',
    ]);
  });

  it('applies xml:base on RSS root and item elements', async () => {
    const doc = `<rss version="2.0" xml:base="https://cdn.example/feeds/"><channel><title>T</title>
      <item><link>a</link></item><item xml:base="/b/"><link>c</link></item></channel></rss>`;
    const feed = await parse(doc);
    expect(feed.items.map((i) => i.link)).toEqual(['https://cdn.example/feeds/a', 'https://cdn.example/b/c']);
  });

  it('prefers the rel=alternate HTML link in Atom', async () => {
    const feed = await parse(
      atom(
        `<entry><id>x</id><link rel="self" href="/self"/><link rel="alternate" type="application/json" href="/j"/><link rel="alternate" type="text/html" href="/page"/></entry>`,
      ),
    );
    expect(feed.items[0].link).toBe('https://agency.example/page');
  });

  it('does not accept javascript: or other non-web links', async () => {
    const feed = await parse(rss('<item><title>bad</title><link>javascript:alert(1)</link></item>'));
    expect(feed.items).toEqual([]);
    expect(feed.skipped[0].reason).toMatch(/no link/);
  });
});

describe('parseFeed: titles as plain text', () => {
  it('decodes entities and removes markup from RSS titles', async () => {
    const feed = await parse(
      rss(`<item><title>Caf&amp;eacute; &amp;amp; bar</title><link>https://a.example/1</link></item>
           <item><title>&lt;b&gt;Breaking:&lt;/b&gt;   storm &lt;em&gt;nears&lt;/em&gt;</title><link>https://a.example/2</link></item>
           <item><title><![CDATA[<a href="/x">Linked</a> headline]]></title><link>https://a.example/3</link></item>
           <item><title>AT&amp;T &lt;b&gt; tag quoted</title><link>https://a.example/4</link></item>`),
    );
    expect(feed.items.map((i) => i.title)).toEqual([
      'Café & bar',
      'Breaking: storm nears',
      'Linked headline',
      'AT&T <b> tag quoted',
    ]);
  });

  it('keeps the whole title when markup is written straight into it (rss-parser alone cuts it)', async () => {
    const feed = await parse(
      rss(
        '<item><title>Storm <b>hits</b> the <i>coast</i></title><link>https://a.example/1</link></item>',
        '<title>A <b>B</b> C</title>',
      ),
    );
    expect(feed.title).toBe('A B C');
    expect(feed.items[0].title).toBe('Storm hits the coast');
    // the operator is told what was repaired
    expect(feed.repairs).toContain("turned markup written inside 2 text elements into that element's HTML");
  });

  it('keeps markup written straight into a description as its HTML', async () => {
    const feed = await parse(
      rss(
        '<item><link>https://a.example/1</link><description><p>First <b>para</b>.</p><p>Second &amp; last.</p></description></item>',
      ),
    );
    expect(feed.items[0].summary).toBe('First para. Second & last.');
    expect(feed.items[0].image).toBeNull();
  });

  it('reads Atom text constructs by type: text, html, xhtml', async () => {
    const feed = await parse(
      atom(`<entry><id>1</id><link href="/1"/><title type="text">x &lt; y &amp; &lt;b&gt;</title></entry>
            <entry><id>2</id><link href="/2"/><title type="html">&lt;b&gt;Bold&lt;/b&gt; &amp;amp; more</title></entry>
            <entry><id>3</id><link href="/3"/><title type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml">Rich <em>title</em></div></title></entry>`),
    );
    expect(feed.items.map((i) => i.title)).toEqual(['x < y & <b>', 'Bold & more', 'Rich title']);
  });
});

describe('parseFeed: Atom content', () => {
  it('returns xhtml content without its wrapper div, html as is, text escaped', async () => {
    const feed = await parse(
      atom(`<entry><id>1</id><link href="/1"/><content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><p>One &amp; <b>two</b></p></div></content></entry>
            <entry><id>2</id><link href="/2"/><content type="html">&lt;p&gt;Two&lt;/p&gt;</content><summary type="html">&lt;i&gt;sum&lt;/i&gt;</summary></entry>
            <entry><id>3</id><link href="/3"/><content type="text">a &lt; b</content></entry>
            <entry><id>4</id><link href="/4"/><content src="https://elsewhere.example/c"/></entry>`),
    );
    expect(feed.items.map((i) => i.content)).toEqual(['<p>One &amp; <b>two</b></p>', '<p>Two</p>', 'a &lt; b', null]);
    expect(feed.items[1].summary).toBe('sum');
  });

  it('reads Atom 1.0 and 0.3 dates, ids and authors', async () => {
    const feed = await parse(
      atom(
        `<entry><id>tag:a,2025:1</id><link href="/1"/><published>2025-06-10T10:00:00Z</published><updated>2025-06-11T10:00:00+01:00</updated><author><name>Ann</name></author></entry>
         <entry><id>tag:a,2025:2</id><link href="/2"/><updated>2025-06-12T10:00:00Z</updated></entry>`,
        '',
        '<title>T</title><author><name>Desk</name></author>',
      ),
    );
    expect(feed.format).toBe('atom');
    expect(feed.items[0]).toMatchObject({
      guid: 'tag:a,2025:1',
      publishedAt: '2025-06-10T10:00:00.000Z',
      updatedAt: '2025-06-11T09:00:00.000Z',
      author: 'Ann',
    });
    expect(feed.items[1]).toMatchObject({ publishedAt: '2025-06-12T10:00:00.000Z', author: 'Desk' });
    const old = await parse(
      '<feed version="0.3" xmlns="http://purl.org/atom/ns#"><title>T</title><entry><id>i</id><link rel="alternate" href="https://a.example/1"/><issued>2004-01-01T19:48:21Z</issued><content mode="escaped" type="text/html">&lt;p&gt;x&lt;/p&gt;</content></entry></feed>',
    );
    expect(old.items[0]).toMatchObject({ publishedAt: '2004-01-01T19:48:21.000Z', content: '<p>x</p>' });
  });
});

describe('parseFeed: RDF (RSS 1.0)', () => {
  it('reads RDF items, with rdf:about as the link fallback', async () => {
    const feed = await parse(`<?xml version="1.0"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/">
  <channel rdf:about="https://a.example/rss"><title>RDF feed</title><link>https://a.example/</link></channel>
  <item rdf:about="https://a.example/1"><title>One</title><link>https://a.example/1</link><dc:date>2025-01-02T03:04:05Z</dc:date></item>
  <item rdf:about="https://a.example/2"><title>Two</title></item>
</rdf:RDF>`);
    expect(feed.format).toBe('rdf');
    expect(feed.title).toBe('RDF feed');
    expect(feed.items.map((i) => [i.title, i.link, i.publishedAt])).toEqual([
      ['One', 'https://a.example/1', '2025-01-02T03:04:05.000Z'],
      ['Two', 'https://a.example/2', null],
    ]);
  });
});

describe('parseFeed: prefixed roots', () => {
  it('reads Atom written with an atom: prefix and RDF under another prefix', async () => {
    const a = await parse(
      '<atom:feed xmlns:atom="http://www.w3.org/2005/Atom"><atom:title>P</atom:title><atom:entry><atom:id>1</atom:id><atom:link href="/x"/><atom:title>Hi</atom:title></atom:entry></atom:feed>',
    );
    expect([a.format, a.title, a.items[0].link, a.items[0].title]).toEqual([
      'atom',
      'P',
      'https://agency.example/x',
      'Hi',
    ]);
    const r = await parse(
      '<RDF:RDF xmlns:RDF="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/"><channel><title>R</title></channel><item><title>One</title><link>https://a.example/1</link></item></RDF:RDF>',
    );
    expect([r.format, r.title, r.items[0].title]).toEqual(['rdf', 'R', 'One']);
  });
});

describe('parseFeed: JSON Feed', () => {
  it('reads JSON Feed 1.1 (authors, content_html, relative url)', async () => {
    const doc = {
      version: 'https://jsonfeed.org/version/1.1',
      title: 'JSON Agency',
      home_page_url: 'https://agency.example/',
      items: [
        {
          id: 'j1',
          url: '/news/j1',
          title: 'Markets &amp; more',
          content_html: '<p>Body <img src="/i.jpg"></p>',
          summary: 'Short',
          date_published: '2025-06-10T10:00:00+02:00',
          date_modified: '2025-06-10T11:00:00+02:00',
          authors: [{ name: 'Kim' }],
          tags: ['Markets', 7],
        },
        { id: 42, url: 'https://agency.example/n/42', content_text: 'a < b\nc' },
        { id: 'no-url' },
      ],
    };
    const feed = await parse(JSON.stringify(doc), 'application/feed+json');
    expect(feed.format).toBe('json');
    expect(feed.title).toBe('JSON Agency');
    expect(feed.link).toBe('https://agency.example/');
    expect(feed.items[0]).toEqual({
      guid: 'j1',
      link: 'https://agency.example/news/j1',
      title: 'Markets & more',
      publishedAt: '2025-06-10T08:00:00.000Z',
      updatedAt: '2025-06-10T09:00:00.000Z',
      summary: 'Short',
      content: '<p>Body <img src="/i.jpg"></p>',
      author: 'Kim',
      categories: ['Markets'],
      image: 'https://agency.example/i.jpg',
    });
    expect(feed.items[1]).toMatchObject({ guid: '42', content: 'a &lt; b<br>c', title: '' });
    expect(feed.skipped).toEqual([expect.objectContaining({ index: 2, guid: 'no-url' })]);
  });

  it('reads JSON Feed 1.0 (author object, external_url) detected by its leading brace', async () => {
    const doc = {
      version: 'https://jsonfeed.org/version/1',
      title: 'Old',
      items: [
        {
          id: 'https://agency.example/p/1',
          external_url: 'https://source.example/1',
          title: 'T',
          author: { name: 'Lee' },
          date_published: 'garbage',
        },
      ],
    };
    const feed = await parse(`\n  ${JSON.stringify(doc)}`, 'text/plain');
    expect(feed.items[0]).toMatchObject({
      guid: 'https://agency.example/p/1',
      link: 'https://source.example/1',
      author: 'Lee',
      publishedAt: null,
    });
  });

  it('reports invalid JSON as a parse error and other JSON as not a feed', async () => {
    await expect(
      parse('{"version": "https://jsonfeed.org/version/1.1", "items": [', 'application/feed+json'),
    ).rejects.toMatchObject({
      kind: 'parse',
      message: expect.stringMatching(/not valid JSON/),
    });
    await expect(parse('{"status": "ok"}', 'application/json')).rejects.toMatchObject({ kind: 'not-a-feed' });
  });
});

describe('parseFeed: per-item isolation', () => {
  it('a bad date gives publishedAt null for that item and the feed still parses (RSS and Atom)', async () => {
    const r = await parse(
      rss(`<item><link>https://a.example/1</link><pubDate>not a date</pubDate></item>
           <item><link>https://a.example/2</link><pubDate>Tue, 10 Jun 2025 14:03:00 GMT</pubDate></item>`),
    );
    expect(r.items.map((i) => i.publishedAt)).toEqual([null, '2025-06-10T14:03:00.000Z']);
    // rss-parser alone rejects this whole Atom feed (new Date('yesterday').toISOString() throws).
    const a = await parse(
      atom(`<entry><id>1</id><link href="/1"/><published>yesterday</published><updated>also bad</updated></entry>
            <entry><id>2</id><link href="/2"/><published>2025-06-10T10:00:00Z</published></entry>`),
    );
    expect(a.items.map((i) => i.publishedAt)).toEqual([null, '2025-06-10T10:00:00.000Z']);
  });

  it('an item with no link and no usable guid is skipped with the reason; the others flow', async () => {
    const feed = await parse(
      rss(`<item><title>Has link</title><link>https://a.example/1</link></item>
           <item><title>Orphan</title><description>no link here</description></item>
           <item><title>Opaque guid</title><guid>12345</guid></item>`),
    );
    expect(feed.items.map((i) => i.title)).toEqual(['Has link']);
    expect(feed.skipped).toEqual([
      {
        index: 1,
        guid: null,
        title: 'Orphan',
        reason: 'no link: the entry has no usable link and it has no guid either',
      },
      {
        index: 2,
        guid: '12345',
        title: 'Opaque guid',
        reason: 'no link: the entry has no usable link and its guid "12345" is not a URL',
      },
    ]);
  });
});
