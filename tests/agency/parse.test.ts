import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { WireError } from '../../src/errors.js';
import { parseFeed } from '../../src/feed/index.js';
import { htmlToText } from '../../src/feed/text.js';

const FIXTURES = new URL('../fixtures/agency/', import.meta.url);
const URL_ = 'https://wire.example/feed';

function fixture(name: string): Uint8Array {
  return readFileSync(new URL(name, FIXTURES));
}

/** As a caller that handles the lifecycle (the later pipeline): every agency entry comes back. */
async function parse(name: string, contentType?: string) {
  return parseFeed(fixture(name), { url: URL_, contentType, agencyLifecycle: true });
}

describe('NewsML-G2 message (prefixed namespace, several items)', () => {
  it('reads identity, version, lifecycle and rights of each item', async () => {
    const feed = await parse('g2-message.xml');
    expect(feed.format).toBe('newsml-g2');
    expect(feed.title).toBe('wire.example');
    expect(feed.items).toHaveLength(2);
    const [story, kill] = feed.items;
    expect(story.guid).toBe('urn:newsml:wire.example:20260302:STORY-1');
    expect(story.link).toBe('https://wire.example/feed#urn%3Anewsml%3Awire.example%3A20260302%3ASTORY-1');
    expect(story.title).toBe('Minister resigns over budget row');
    expect(story.publishedAt).toBe('2026-03-01T17:00:00.000Z');
    expect(story.updatedAt).toBe('2026-03-02T08:58:00.000Z');
    expect(story.language).toBe('en');
    expect(story.agency).toMatchObject({
      format: 'newsml-g2',
      id: 'urn:newsml:wire.example:20260302:STORY-1',
      version: '3',
      pubStatus: 'usable',
      embargo: '2026-03-03T06:00:00.000Z',
      embargoReading: 'embargoed "2026-03-03T06:00:00" has no time zone: read as UTC',
      urgency: 2,
      signals: { correction: true, update: false, codes: ['sig:correction'] },
      editorialNote: "Corrects spelling of the minister's name in paragraph 2.",
      byline: 'By Ana Lima',
      credit: 'Example Wire/Ana Lima',
      copyright: '(c) 2026 Example Wire',
      usageTerms: 'Editorial use only',
      subjects: [{ code: 'medtop:11000000', name: 'politics' }],
    });
    expect(kill.agency?.pubStatus).toBe('canceled');
    expect(kill.agency?.editorialNote).toBe('KILL: this story is withdrawn for legal reasons.');
    expect(kill.agency?.pubStatusReading).toBeNull();
  });

  it('keeps the body text verbatim (HTML entities decoded) and sanitised', async () => {
    const [story] = (await parse('g2-message.xml')).items;
    const body = story.agency!.body!;
    expect(story.content).toBe(body);
    expect(htmlToText(body)).toBe(
      'The finance minister, Mélanie Roux, resigned on Monday\u00a0after a row over the budget. Reaction Opposition leaders welcomed the move & called for an election.',
    );
    expect(body).toContain('<h2>Reaction</h2>');
    expect(body).toContain('<em>welcomed</em>');
    expect(body).not.toMatch(/script|alert|onclick|steal/);
  });

  it('skips an item with an unknown status (fail closed) and the rest flow', async () => {
    const feed = await parse('g2-message.xml');
    expect(feed.skipped).toEqual([
      {
        index: 2,
        guid: 'urn:newsml:wire.example:20260302:STORY-2',
        title: 'Status nobody knows',
        reason: 'could not read entry: unknown publication status "stat:pending-review"',
      },
    ]);
  });
});

describe('ninjs list (2.x and 3.x spellings)', () => {
  it('reads withheld, the 0001-01-01 placeholder, roles, rights and associations', async () => {
    const feed = await parse('ninjs-list.json', 'application/json');
    expect(feed.format).toBe('ninjs');
    const [a, b] = feed.items;
    expect(a.title).toBe('Main & headline');
    expect(a.language).toBe('fr');
    expect(a.agency).toMatchObject({
      id: 'urn:wire.example:ninjs:A-1',
      version: '4',
      pubStatus: 'withheld',
      embargo: null,
      embargoReading: 'embargoed "0001-01-01T00:00:00" is a placeholder: no embargo',
      urgency: 9,
      byline: 'Wire Staff',
      copyright: 'Example Wire',
      usageTerms: 'Not for resale',
      editorialNote: 'Held pending legal advice',
      subjects: [{ code: 'medtop:01000000', name: 'arts' }],
    });
    expect(a.agency!.images).toEqual([
      {
        href: 'https://img.example/1-large.jpg',
        id: 'urn:wire.example:pic:1',
        caption: 'A caption',
        credit: 'Photo Desk',
        width: 2000,
        height: 1200,
        mimeType: 'image/jpeg',
      },
    ]);
    expect(a.image).toBe('https://img.example/1-large.jpg');
    expect(a.agency!.body).toBe('<p>Le texte <b>exact</b>.</p>\n<p>Second paragraphe.</p>');
    expect(b.agency).toMatchObject({ pubStatus: 'usable', embargo: '2026-04-01T10:00:00.000Z', version: '1' });
    expect(b.agency!.body).toBe('<p>Line one.</p>\n<p>Line two.</p>');
    expect(feed.skipped.map((s) => s.reason)).toEqual(['could not read entry: unknown publication status "draft"']);
  });
});

describe('NITF', () => {
  it('reads an embargoed document: release time without a zone, doc-id identity, byline, images, table', async () => {
    const feed = await parse('nitf-embargo.xml');
    expect(feed.format).toBe('nitf');
    const [it_] = feed.items;
    expect(it_.title).toBe('Budget to cut taxes');
    expect(it_.agency).toMatchObject({
      id: 'WIRE-77-1',
      version: '2',
      pubStatus: 'usable',
      pubStatusReading: '"embargoed": usable once the embargo ends',
      embargo: '2026-03-03T06:00:00.000Z',
      embargoReading: 'date.release "2026-03-03 06:00" has no time zone: read as UTC',
      urgency: 3,
      editorialNote: 'Eds: UPDATES with reaction. Embargoed to 0600 GMT',
      byline: 'By Jo Bloggs Political Editor',
      credit: 'Example Wire',
      copyright: '© 2026 Example Wire',
      signals: { correction: false, update: true, codes: [] },
    });
    expect(it_.agency!.images).toEqual([
      {
        href: 'https://img.example/budget.jpg',
        id: null,
        caption: 'The chancellor',
        credit: 'Example Wire/Photo',
        width: 800,
        height: 600,
        mimeType: 'image/jpeg',
      },
    ]);
    // The DOCTYPE's entity is never expanded: the reference stays literal text.
    expect(htmlToText(it_.agency!.body!)).toBe(
      'The budget will cut taxes &boom; for 2 million households. Band Rate Basic 19%',
    );
    expect(it_.agency!.body).toContain('<p>Basic 19%</p>');
    expect(feed.repairs).toEqual(expect.arrayContaining([expect.stringMatching(/DOCTYPE/)]));
  });
});

describe('NewsML 1.2', () => {
  it('reads identity without the revision, an Embargoed status lifted at StatusWillChange, and a text body', async () => {
    const feed = await parse('newsml1.xml');
    expect(feed.format).toBe('newsml');
    const [it_] = feed.items;
    expect(it_.title).toBe('Rail strike called off');
    expect(it_.agency).toMatchObject({
      id: 'urn:newsml:wire.example:20260302:N-9',
      version: '2',
      pubStatus: 'usable',
      embargo: '2026-03-03T05:00:00.000Z',
      urgency: 5,
      byline: 'By Kim Lee',
      copyright: '(c) 2026 Example Wire',
      subjects: [{ code: '04000000', name: null }],
    });
    expect(it_.agency!.signals.update).toBe(true);
    expect(it_.agency!.body).toBe('<p>Unions called off the strike.</p>\n<p>Trains will run as normal.</p>');
  });
});

describe('AP Media API feed', () => {
  it('exposes next_page, reads a kill given only as an editorial type, and the NITF rendition link', async () => {
    const feed = await parse('ap-feed.json', 'application/json');
    expect(feed.format).toBe('ap-media-api');
    expect(feed.nextPage).toBe('https://api.example/media/v/content/feed?qt=abc&seq=42');
    const [kill, fix] = feed.items;
    expect(kill.guid).toBe('aaa111');
    expect(kill.agency).toMatchObject({
      id: 'aaa111',
      version: '2',
      pubStatus: 'canceled',
      pubStatusReading: 'editorial type Kill read as canceled',
      urgency: 1,
      byline: 'By SAM DOE',
      credit: 'AP',
      copyright: 'Copyright 2026 The Associated Press.',
      usageTerms: 'Editorial use only. No archive.',
      body: null,
      bodyUrl: 'https://api.example/media/v/content/aaa111.2/download?format=NITF',
    });
    expect(fix.agency).toMatchObject({
      id: 'bbb222',
      version: '0',
      pubStatus: 'usable',
      embargo: '2026-03-04T05:00:00.000Z',
      signals: { correction: true, update: true, codes: ['Writethru', 'Correction'] },
    });
    expect(fix.agency!.images).toMatchObject([
      { id: 'https://api.example/media/v/content/ccc333', caption: 'The photo', href: null },
    ]);
  });
});

describe('Google News sitemaps', () => {
  it('turns each news URL into an entry with title, date and language; a URL without news:news is skipped', async () => {
    const feed = await parse('news-sitemap.xml');
    expect(feed.format).toBe('news-sitemap');
    expect(feed.title).toBe('News Example');
    expect(feed.items.map((i) => [i.link, i.title, i.publishedAt, i.language])).toEqual([
      ['https://news.example/2026/03/02/budget.html', 'Budget & taxes', '2026-03-02T09:00:00.000Z', 'en'],
      ['https://news.example/2026/03/01/day.html', 'Ein Tag', '2026-03-01T00:00:00.000Z', 'de'],
    ]);
    expect(feed.items[0].categories).toEqual(['budget', 'taxes']);
    expect(feed.items[0].agency).toBeUndefined();
    expect(feed.skipped).toEqual([
      {
        index: 2,
        guid: 'https://news.example/about.html',
        title: null,
        reason: 'could not read entry: https://news.example/about.html has no news:news',
      },
    ]);
  });

  it('says "not a news sitemap" for a plain sitemap', async () => {
    const err = await parse('plain-sitemap.xml').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(WireError);
    expect((err as WireError).kind).toBe('not-a-feed');
    expect((err as WireError).message).toBe(
      'not a news sitemap: the <urlset> lists 2 URLs but none has news:news (Google News sitemap namespace)',
    );
  });
});

describe('links of agency items', () => {
  it('carry no query or user info from the source URL (API keys stay out of links)', async () => {
    const feed = await parseFeed(fixture('ap-feed.json'), {
      url: 'https://user:pw@api.example/media/v/content/feed?apikey=SECRET123&page_size=10',
      agencyLifecycle: true,
    });
    expect(feed.items.map((i) => i.link)).toEqual([
      'https://api.example/media/v/content/feed#aaa111',
      'https://api.example/media/v/content/feed#bbb222',
    ]);
    expect(JSON.stringify(feed)).not.toMatch(/SECRET123|user:pw/);
  });
});

describe('callers that do not handle the agency lifecycle (the default) fail closed', () => {
  it('holds back canceled, withheld and still-embargoed entries in skipped, saying why', async () => {
    const before = Date.parse('2026-03-03T05:59:59Z');
    const feed = await parseFeed(fixture('g2-message.xml'), { url: URL_, now: () => before });
    expect(feed.items).toEqual([]);
    expect(feed.skipped.map((s) => [s.index, s.reason])).toEqual([
      [
        0,
        'held back: it is embargoed until 2026-03-03T06:00:00.000Z, and this caller does not handle the agency lifecycle (agencyLifecycle: true)',
      ],
      [
        1,
        'held back: the agency marks it canceled, and this caller does not handle the agency lifecycle (agencyLifecycle: true)',
      ],
      [2, 'could not read entry: unknown publication status "stat:pending-review"'],
    ]);
    const after = await parseFeed(fixture('g2-message.xml'), {
      url: URL_,
      now: () => Date.parse('2026-03-03T06:00:01Z'),
    });
    expect(after.items.map((i) => i.guid)).toEqual(['urn:newsml:wire.example:20260302:STORY-1']);
    const ninjs = await parseFeed(fixture('ninjs-list.json'), { url: URL_, now: () => before });
    expect(ninjs.skipped.map((s) => s.reason)).toEqual([
      'held back: the agency marks it withheld, and this caller does not handle the agency lifecycle (agencyLifecycle: true)',
      'held back: it is embargoed until 2026-04-01T10:00:00.000Z, and this caller does not handle the agency lifecycle (agencyLifecycle: true)',
      'could not read entry: unknown publication status "draft"',
    ]);
  });
});

describe('broken and hostile agency XML', () => {
  const bytes = (s: string) => new TextEncoder().encode(s);

  it('reports malformed XML as a parse error with its line', async () => {
    const xml =
      '<?xml version="1.0"?>\n<newsItem guid="g" version="1">\n  <itemMeta>\n    <pubStatus qcode="stat:usable">\n  </itemMeta>\n</newsItem>\n';
    const err = await parseFeed(bytes(xml), { url: URL_ }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(WireError);
    expect((err as WireError).kind).toBe('parse');
    expect((err as WireError).message).toMatch(/^agency XML is not well-formed at line 5, column \d+: /);
  });

  it('never expands entities declared in a DOCTYPE (billion laughs, external files)', async () => {
    const xml = `<?xml version="1.0"?>
<!DOCTYPE nitf [<!ENTITY a "AAAAAAAAAA"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;"><!ENTITY x SYSTEM "file:///etc/passwd">]>
<nitf><head><docdata><doc-id id-string="X-1"/></docdata></head>
<body><body.head><hedline><hl1>H</hl1></hedline></body.head><body.content><p>&c; and &x;</p></body.content></body></nitf>`;
    const feed = await parseFeed(bytes(xml), { url: URL_, agencyLifecycle: true });
    expect(htmlToText(feed.items[0].agency!.body!)).toBe('&c; and &x;');
  });

  it('keeps a huge version as written, and names a sitemap index as not a news sitemap', async () => {
    const g2 =
      '<newsItem guid="tag:x,2016:ABC" version="1542761538000000000001"><contentMeta><headline>V</headline></contentMeta></newsItem>';
    const feed = await parseFeed(bytes(g2), { url: URL_, agencyLifecycle: true });
    expect(feed.items[0].agency!.version).toBe('1542761538000000000001');
    const index =
      '<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><sitemap><loc>https://a.example/news.xml</loc></sitemap></sitemapindex>';
    const err = await parseFeed(bytes(index), { url: URL_ }).catch((e: unknown) => e);
    expect((err as WireError).message).toBe(
      'not a news sitemap: a sitemap index listing 1 sitemaps (give the news sitemap itself)',
    );
  });
});

describe('detection keeps feeds as they were', () => {
  it('still reads JSON Feed and RSS', async () => {
    const json = JSON.stringify({
      version: 'https://jsonfeed.org/version/1.1',
      title: 'J',
      items: [{ id: '1', url: 'https://a.example/1', title: 'One' }],
    });
    const jf = await parseFeed(new TextEncoder().encode(json), { url: URL_ });
    expect(jf.format).toBe('json');
    expect(jf.items[0].agency).toBeUndefined();
    const rss =
      '<rss version="2.0"><channel><title>R</title><item><title>T</title><link>https://a.example/2</link></item></channel></rss>';
    const rf = await parseFeed(new TextEncoder().encode(rss), { url: URL_ });
    expect(rf.format).toBe('rss');
  });
});
