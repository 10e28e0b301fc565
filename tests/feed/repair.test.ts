import { describe, expect, it } from 'vitest';
import { WireError } from '../../src/errors.js';
import { parseFeed } from '../../src/feed/index.js';

const FEED_URL = 'https://agency.example/feed.xml';
const parse = (doc: string | Uint8Array, contentType: string | null = 'application/rss+xml') =>
  parseFeed(typeof doc === 'string' ? Buffer.from(doc) : doc, { url: FEED_URL, contentType });

const item = (n: number, extra = '') =>
  `<item><title>Story ${n}</title><link>https://agency.example/${n}</link>${extra}</item>`;
const rss = (body: string) =>
  `<?xml version="1.0" encoding="utf-8"?>\n<rss version="2.0"><channel><title>Agency</title>${body}</channel></rss>`;

async function parseError(doc: string): Promise<WireError> {
  try {
    await parse(doc);
  } catch (err) {
    expect(err).toBeInstanceOf(WireError);
    return err as WireError;
  }
  throw new Error('expected parseFeed to throw');
}

describe('XML repairs', () => {
  it('escapes a bare & (text and attribute values)', async () => {
    const feed = await parse(
      rss(`<item><title>Q&A: rates & bonds</title><link>https://agency.example/q?a=1&b=2</link></item>`),
    );
    expect(feed.items[0].title).toBe('Q&A: rates & bonds');
    expect(feed.items[0].link).toBe('https://agency.example/q?a=1&b=2');
    expect(feed.repairs).toContain("escaped 3 bare '&' characters");
  });

  it('turns undefined HTML entities into characters and keeps unknown ones as text', async () => {
    const feed = await parse(rss(item(1).replace('Story 1', 'Caf&eacute;&nbsp;&mdash; &hellip; &bogus; &amp;')));
    expect(feed.items[0].title).toBe('Café\u00a0— … &bogus; &');
    expect(feed.repairs).toEqual(
      expect.arrayContaining([
        'converted 4 HTML entities to numeric references',
        'kept 1 undefined entity as literal text',
      ]),
    );
  });

  it('leaves CDATA sections alone (their &nbsp; is HTML for the HTML reader)', async () => {
    const feed = await parse(rss(item(1, '<description><![CDATA[<p>a&nbsp;b &amp; c</p>]]></description>')));
    expect(feed.items[0].summary).toBe('a\u00a0b & c');
    expect(feed.repairs).toBeUndefined();
  });

  it('reads &#146;-style references and raw C1 characters as windows-1252', async () => {
    const feed = await parse(rss(item(1).replace('Story 1', 'don&#146;t &#x93;quote&#148; \u0085')));
    expect(feed.items[0].title).toBe('don’t “quote” …');
  });

  it('drops characters XML forbids, raw and as references', async () => {
    const feed = await parse(rss(item(1).replace('Story 1', 'Bell\u0007 and &#0;&#x1B;null\u0000 byte')));
    expect(feed.items[0].title).toBe('Bell and null byte');
    expect(feed.repairs).toEqual(
      expect.arrayContaining([
        'dropped 2 characters not allowed in XML',
        'dropped 2 references to characters not allowed in XML',
      ]),
    );
  });

  it('escapes a bare <', async () => {
    const feed = await parse(rss(item(1).replace('Story 1', 'Profits < 5% and I <3 it')));
    expect(feed.items[0].title).toBe('Profits < 5% and I <3 it');
  });

  it('cuts junk before the first tag (PHP notices, blank lines before <?xml)', async () => {
    const junk = '\n\n<br />\n<b>Warning</b>: Undefined variable $x in /var/www/feed.php on line 3<br />\n';
    const feed = await parse(junk + rss(item(1)));
    expect(feed.items).toHaveLength(1);
    expect(feed.repairs?.[0]).toMatch(/removed \d+ characters of junk before the XML/);
    expect((await parse('\r\n\r\n' + rss(item(1)))).items).toHaveLength(1);
  });

  it('drops junk after the root element', async () => {
    const feed = await parse(rss(item(1)) + '\n<!-- cached -->\nPage generated in 0.02s');
    expect(feed.items).toHaveLength(1);
    expect(feed.repairs?.[0]).toMatch(/junk after the end of the document/);
  });

  it('a truncated document is cut after the last complete item and closed', async () => {
    const full = rss(item(1) + item(2) + item(3));
    const truncated = full.slice(0, full.indexOf('Story 3') + 4);
    const feed = await parse(truncated);
    expect(feed.items.map((i) => i.title)).toEqual(['Story 1', 'Story 2']);
    expect(feed.repairs).toContain(
      'document was truncated: cut after the last complete item and closed 2 open elements',
    );
  });

  it('a document truncated before any complete item keeps what is there', async () => {
    const feed = await parse(
      '<rss version="2.0"><channel><title>Only a title</title><link>https://agency.example/</li',
    );
    expect(feed.title).toBe('Only a title');
    expect(feed.items).toEqual([]);
    expect(feed.repairs?.[0]).toMatch(/truncated: kept up to the last complete tag/);
  });

  it('a truncated Atom feed is cut after the last complete entry', async () => {
    const doc = `<feed xmlns="http://www.w3.org/2005/Atom"><title>T</title>
      <entry><id>1</id><link href="/1"/><title>One</title></entry>
      <entry><id>2</id><link href="/2"/><title>Tw`;
    const feed = await parse(doc);
    expect(feed.items.map((i) => i.title)).toEqual(['One']);
  });

  it('fixes misspelt and stray end tags (second attempt after the strict parse fails)', async () => {
    const feed = await parse(
      rss(
        `<language>en</langauge><item><title>Typo</titel><link>https://agency.example/1</link></item></item>${item(2)}`,
      ),
    );
    expect(feed.items.map((i) => [i.title, i.link])).toEqual([
      ['Typo', 'https://agency.example/1'],
      ['Story 2', 'https://agency.example/2'],
    ]);
    expect(feed.repairs).toEqual(['fixed 3 mismatched end tags']);
  });

  it('XML broken beyond repair is a parse error with the line number', async () => {
    const doc = rss(`${item(1)}\n<item><title>ok</title>\n<enclosure url=https://agency.example/x.jpg/></item>`);
    const err = await parseError(doc);
    expect(err.kind).toBe('parse');
    expect(err.retryable).toBe(false);
    expect(err.url).toBe(FEED_URL);
    expect(err.message).toBe('feed XML is not well-formed at line 4, column 16: Unquoted attribute value');
  });

  it('line numbers count the junk that was cut', async () => {
    const err = await parseError(`junk\nmore junk\n${rss(`\n<item><title a="1" b>x</title></item>`)}`);
    expect(err.message).toMatch(/^feed XML is not well-formed at line 5, column \d+: Attribute without value/);
  });
});

describe('entity expansion and external entities are never processed', () => {
  it('refuses billion laughs: the DOCTYPE is dropped and the references stay literal', async () => {
    const lol = `<?xml version="1.0"?>
<!DOCTYPE rss [
  <!ENTITY lol "lol">
  <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
  <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
  <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
  <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
  <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
  <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
  <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
  <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
  <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<rss version="2.0"><channel><title>&lol9;</title><item><title>x &lol9;</title><link>https://agency.example/1</link></item></channel></rss>`;
    const started = Date.now();
    const feed = await parse(lol);
    expect(Date.now() - started).toBeLessThan(2000);
    expect(feed.title).toBe('&lol9;');
    expect(feed.items[0].title).toBe('x &lol9;');
    expect(feed.repairs).toContain(
      'removed a DOCTYPE with an internal subset (entity declarations are never processed)',
    );
  });

  it('never reads an external SYSTEM entity (file:///etc/passwd)', async () => {
    const xxe = `<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE rss [ <!ENTITY xxe SYSTEM "file:///etc/passwd"> <!ENTITY % remote SYSTEM "http://127.0.0.2/evil.dtd"> %remote; ]>
<rss version="2.0"><channel><title>Feed &xxe;</title>
<item><title>&xxe;</title><link>https://agency.example/1</link><description>&xxe;</description></item></channel></rss>`;
    const feed = await parse(xxe);
    const everything = JSON.stringify(feed);
    expect(everything).not.toMatch(/root:|\/bin\/(ba)?sh/);
    expect(feed.title).toBe('Feed &xxe;');
    expect(feed.items[0].title).toBe('&xxe;');
  });

  it('a plain external DOCTYPE (RSS 0.91) is dropped and its HTML entities still read', async () => {
    const doc = `<?xml version="1.0" encoding="ISO-8859-1"?>
<!DOCTYPE rss PUBLIC "-//Netscape Communications//DTD RSS 0.91//EN" "http://my.netscape.com/publish/formats/rss-0.91.dtd">
<rss version="0.91"><channel><title>Caf&eacute;</title><item><title>&copy; x</title><link>https://agency.example/1</link></item></channel></rss>`;
    const feed = await parse(doc);
    expect(feed.title).toBe('Café');
    expect(feed.items[0].title).toBe('© x');
  });
});
