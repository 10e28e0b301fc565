import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { decodeXML } from 'entities';
import { describe, expect, it } from 'vitest';
import { WireError } from '../../src/errors.js';
import { parseFeed } from '../../src/feed/index.js';
import { foldAsciiWhitespace, htmlToText } from '../../src/feed/text.js';
import type { AgencyFields, FeedItem, ParsedFeed } from '../../src/feed/types.js';
import { AGENCY_CORPUS, HAVE_AGENCY_CORPUS, NO_AGENCY_CORPUS_MESSAGE } from '../helpers/corpus-path.js';

if (!HAVE_AGENCY_CORPUS) console.warn(NO_AGENCY_CORPUS_MESSAGE);

const SOURCE = 'https://agency.invalid/source';

function corpusFiles(): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir).sort()) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (dir !== AGENCY_CORPUS) out.push(relative(AGENCY_CORPUS, path));
    }
  };
  walk(AGENCY_CORPUS);
  return out;
}

async function parse(file: string): Promise<ParsedFeed> {
  return parseFeed(readFileSync(join(AGENCY_CORPUS, file)), { url: SOURCE, agencyLifecycle: true });
}

/**
 * Files that are no item, and the error each must give (the rest must parse to entries).
 * Schemas and API definitions, a G2 fragment, a sitemap without the news namespace, and CP's
 * proprietary Jimi publish XML (an output format of Superdesk's CP plugin, not an ingest format).
 */
const NOT_ITEMS: Record<string, RegExp> = {
  'agency-api/cp-jimi-publish.xml': /root element is <Publish>/,
  'news-sitemap/hebdenbridgetimes-article-sitemap-image-video-no-news-ns.xml':
    /^not a news sitemap: the <urlset> lists 74 URLs/,
  'newsml-g2/iptc-listing25-newsitem-inline-nitf.xml': /NewsML-G2 fragment \(a contentSet without its newsItem\)/,
  'schemas/ap-media-api-swagger-2.2.json': /API definition/,
  'schemas/iptc-g2-standards-catalog-41.xml': /NewsML-G2 catalog/,
  'schemas/ninjs-schema_1.0.json': /JSON Schema/,
  'schemas/ninjs-schema_1.4.json': /JSON Schema/,
  'schemas/ninjs-schema_1.6.json': /JSON Schema/,
  'schemas/ninjs-schema_2.0.json': /JSON Schema/,
  'schemas/ninjs-schema_2.1.json': /JSON Schema/,
  'schemas/ninjs-schema_2.2.json': /JSON Schema/,
  'schemas/ninjs-schema_3.0.json': /JSON Schema/,
  'schemas/ninjs-schema_3.1.json': /JSON Schema/,
  'schemas/nitf-3-6.xsd': /XML Schema/,
  'schemas/superdesk-ninjs-schema.json': /JSON Schema/,
};

const FORMAT_BY_DIR: Record<string, string[]> = {
  'newsml-g2': ['newsml-g2'],
  'newsml-1': ['newsml'],
  nitf: ['nitf'],
  ninjs: ['ninjs'],
  'agency-api': ['ap-media-api', 'ninjs', 'reuters-graphql'],
  'news-sitemap': ['news-sitemap'],
};

describe.skipIf(!HAVE_AGENCY_CORPUS)('agency corpus: every file (../shared/corpus/agency)', () => {
  const files = HAVE_AGENCY_CORPUS ? corpusFiles() : [];

  it('has the 132 files its README lists', () => {
    expect(files).toHaveLength(132);
  });

  it('parses each file to entries in its format, or to the clear error expected for a file that is no item', async () => {
    const problems: string[] = [];
    let entries = 0;
    let skipped = 0;
    for (const file of files) {
      const expectedError = NOT_ITEMS[file];
      try {
        const feed = await parse(file);
        if (expectedError) problems.push(`${file}: parsed (${feed.format}), expected an error`);
        else if (!feed.items.length)
          problems.push(`${file}: no entries (${feed.skipped.map((s) => s.reason).join('; ')})`);
        else if (!FORMAT_BY_DIR[file.split('/')[0]]?.includes(feed.format))
          problems.push(`${file}: format ${feed.format}`);
        for (const item of feed.items) {
          if (feed.format !== 'news-sitemap' && !item.agency)
            problems.push(`${file}: ${item.guid} has no agency fields`);
          if (item.agency && item.agency.id !== item.guid)
            problems.push(`${file}: guid ${item.guid} is not the agency id`);
        }
        entries += feed.items.length;
        skipped += feed.skipped.length;
      } catch (err) {
        if (!(err instanceof WireError)) problems.push(`${file}: threw ${String(err)}`);
        else if (!expectedError) problems.push(`${file}: ${err.kind}: ${err.message}`);
        else if (err.kind !== 'not-a-feed' || !expectedError.test(err.message))
          problems.push(`${file}: wrong error ${err.kind}: ${err.message}`);
      }
    }
    console.log(
      `agency corpus: ${files.length} files, ${files.length - Object.keys(NOT_ITEMS).length} parsed to ${entries} entries (${skipped} skipped with a reason), ${Object.keys(NOT_ITEMS).length} typed errors`,
    );
    expect(problems).toEqual([]);
  });
});

type Expected = Partial<
  Pick<
    AgencyFields,
    | 'id'
    | 'version'
    | 'pubStatus'
    | 'pubStatusReading'
    | 'embargo'
    | 'embargoReading'
    | 'urgency'
    | 'byline'
    | 'credit'
    | 'copyright'
    | 'usageTerms'
    | 'editorialNote'
  >
> & {
  /** Which entry of the file (default 0). */
  index?: number;
  headline?: string;
  language?: string | null;
  bodyStarts?: string | null;
  correction?: boolean;
  update?: boolean;
  imageCount?: number;
};

/** Values read by hand from the files (not from this parser's output). */
const TABLE: Record<string, Expected> = {
  'newsml-g2/iptc-listing01-newsitem-text-embargo-sig-update.xml': {
    id: 'urn:newsml:acmenews.com:20161018:US-FINANCE-FED',
    version: '11',
    pubStatus: 'usable',
    embargo: '2018-10-23T12:00:00.000Z',
    urgency: null,
    headline: 'Fed to halt QE to avert "bubble"',
    byline: 'Meredith Jameson',
    language: 'en-GB',
    update: true,
    correction: false,
    copyright: 'Copyright 2017-18 Example Enews LLP, all rights reserved',
    usageTerms: 'Not for use outside the United States',
    bodyStarts: null,
  },
  'newsml-g2/reuters-text-L1N14N0FF-v1542761538-canceled.xml': {
    id: 'tag:reuters.com,0000:newsml_L1N14N0FF',
    version: '1542761538',
    pubStatus: 'canceled',
    embargo: null,
    urgency: 3,
    correction: true,
    headline: 'CORRECTED-S. Illinois battles flooding as Mississippi River builds downstream',
    credit: 'Reuters',
    language: 'en',
  },
  'newsml-g2/reuters-text-L1N14N0FF-v978556838-correction.xml': {
    id: 'tag:reuters.com,0000:newsml_L1N14N0FF',
    version: '978556838',
    pubStatus: 'usable',
    urgency: 3,
    correction: true,
    headline: 'CORRECTED-S. Illinois battles flooding as Mississippi River builds downstream',
    credit: 'Reuters',
    bodyStarts: '(In Jan. 3 story, corrects last paragraph to reflect that',
  },
  'newsml-g2/ap-newsmessage-three-newsitems-nitf.xml': {
    id: 'tag:ap.org,2011:5e565888b587889c5c8bd62b6164118c-text',
    version: '2',
    pubStatus: 'usable',
    urgency: 4,
    editorialNote: 'Eds: Adds full-year results.',
    update: true,
    headline: 'Nutrisystem beats 4Q earnings and revenue expectations',
    language: 'en',
    bodyStarts: 'FORT WASHINGTON, Pa. (AP) _ Nutrisystem Inc. (NTRI) on Monday reported fourth-qu',
  },
  'newsml-g2/dpa-newsitem-xhtml-de.xml': {
    id: 'urn:newsml:dpa.com:20090101:221011-930-4303',
    version: '1',
    pubStatus: 'usable',
    urgency: 4,
    headline: 'Eintracht in London: Hintereggers Tränen und Attacke auf Reporter',
    language: 'de',
    bodyStarts: 'London (dpa) - 2019 gab es bittere Tränen in der Kurve',
  },
  'newsml-g2/ansa-newsitem-culture-sig-update.xml': {
    id: 'tag:ansa.it,2019-07-01:fd66854b6f8fcf6e0f9dd3792d86ae2e',
    version: '2',
    pubStatus: 'usable',
    urgency: null,
    update: true,
    headline: 'TEST FROM XAWES',
    language: 'it',
  },
  'newsml-g2/businessdesk-newsmessage-empty-embargoed-nitf.xml': {
    index: 0,
    id: 'BD-20160112123540',
    version: '3',
    embargo: null,
    embargoReading: 'embargoed is empty: no embargo',
    urgency: 5,
    byline: 'By Staff Reporter BusinessDesk',
    bodyStarts: 'By Jonathan Underhill Jan. 12 (BusinessDesk) - The receivers of Dick Smith Holdings',
  },
  'newsml-g2/stt-newsitem-sig-update-append.xml': {
    id: 'urn:newsml:stt.fi::102736761',
    version: '2',
    urgency: 3,
    update: true,
    credit: 'STT–',
    language: 'fi-FI',
    headline: 'Mikko Moilanen siirtyy Revenion toimitusjohtajaksi',
    bodyStarts: 'Diplomi-insinööri Mikko Moilanen siirtyy terveysteknologiayhtiö',
  },
  'newsml-g2/tt-newsitem-sig-replace.xml': {
    id: 'urn:newsml:tt.se:20171220:TT:585167:0',
    version: null,
    urgency: 4,
    update: true,
    language: 'sv',
    headline: 'Polen: EU hämnas för flyktingmotstånd',
    editorialNote:
      'Med Ann Linde samt ytterligare kommentar från polska regeringspartiet. Ny rubrik, delvis omskriven ingress.',
  },
  'newsml-g2/reuters-picture-LYNXMPEA6F0MS-v2.xml': {
    id: 'tag_reuters.com_2014_newsml_LYNXMPEA6F0MS',
    version: '2',
    urgency: 4,
    byline: 'REUTERS TV',
    credit: 'Reuters',
    language: 'en-US',
    update: true,
    imageCount: 1,
  },
  'newsml-g2/iptc-listing03-newsitem-photo.xml': {
    id: 'tag:gettyimages.com,2010:GYI0062134533',
    version: '11',
    pubStatus: 'usable',
    pubStatusReading: 'no status given: read as usable',
    credit: 'Getty Images',
    headline: 'Variety Of Recessionary Forces Leave Las Vegas Economy Scarred',
    language: 'en-US',
  },
  'newsml-g2/iptc-test-signal-correction-qcode-and-uri.xml': { id: 'simplest-test', correction: true },
  'newsml-g2/tt-newsitem-sample.xml': {
    index: 1,
    id: 'http://tt.se/media/text/210919-janguillou-879f202b',
    version: '1',
    headline: 'Jan Guillou skriver på ny "Hamilton"-bok',
    language: 'sv',
    imageCount: 1,
  },
  'newsml-1/afp-newsml12-text.xml': {
    id: 'urn:newsml:afp.com:20140829T135002Z:TX-PAR-FXW86',
    version: '1',
    pubStatus: 'usable',
    urgency: 4,
    credit: 'AFP',
    headline: 'Sweden court accepts receivership for Saab carmaker',
    language: 'en',
    usageTerms: 'NO ARCHIVAL USE',
    bodyStarts:
      "A Chinese-owned company set up to take over Saab's assets after the troubled Swedish carmaker's bankruptcy",
  },
  'newsml-1/afp-newsml12-declared-latin1-actually-utf8.xml': {
    id: 'urn:newsml:afp.com:20240710:240710125902.qpsp2jzk',
    version: '1',
    language: 'fr',
    headline: "Décès de Naomi Musenga: l'opératrice du Samu définitivement condamnée",
    bodyStarts: "L'opératrice du Samu condamnée pour non-assistance à personne en danger après av",
  },
  'newsml-1/efe-newsml12.xml': {
    id: 'urn:newsml:texto.efeservicios.com:20190121T103600+0000:25413502',
    version: '1',
    urgency: 5,
    byline: 'daa/mt/msr',
    headline: 'Leones matan a un joven que se coló en un zoológico de la India',
    language: 'es-ES',
  },
  'newsml-1/anp-newsml12.xml': {
    id: 'urn:newsml:ANP:20181210:ANPX-101218-041-v2',
    version: '2',
    pubStatus: 'usable',
    urgency: 3,
    language: 'nl-nl',
    headline: 'FNV staat alleen met acties bij PostNL (2)',
    bodyStarts: 'N i e u w bericht, vervangt: FNV staat alleen met ultimatum aan PostNL',
  },
  'newsml-1/belga-newsml12-audio-open.xml': {
    version: 'DS02299380',
    pubStatus: 'usable',
    pubStatusReading: '"OPEN" read as usable',
    urgency: null,
  },
  'newsml-1/tass-newsml12.xml': {
    id: 'urn:newsml:www.itar-tass.com::03AE4325838900396A95',
    urgency: 2,
    headline: "Kremlin has 'negative reaction' to upcoming EU sanctions",
    bodyStarts: 'MOSCOW, January 21. /TASS/. The Kremlin does not support the',
  },
  'nitf/pa-nitf-3-embargoed.xml': {
    id: '4a82e12e-6b39-47eb-8e59-2c616a7e32a4HHH-13-1',
    pubStatus: 'usable',
    embargo: '2016-09-08T23:01:00.000Z',
    urgency: 4,
    headline: "UK BREAK-UP 'NOT INCONCEIVABLE', FIRST MINISTER WARNS AHEAD OF BREXIT TALKS",
    byline: 'By Benjamin Wright, Press Association',
    copyright: '© 2016 Press Association',
    editorialNote: '(see also POLITICS EU) Embargoed to 0001 Friday September 9',
    bodyStarts: 'The UK risks breaking up unless all home nations play a hands-on role in the Brexit negotiations',
  },
  'nitf/iptc-nitf-sample-fishing-canceled.xml': {
    id: 'iptc.321656141.b',
    pubStatus: 'canceled',
    urgency: 3,
    headline: 'Weather and Tide Updates for Norfolk',
  },
  'nitf/ap-nitf.xml': {
    id: SOURCE,
    headline: 'Can trading pollution like stocks help fight climate change?',
    byline: 'By BERNARD CONDON AP Business Writer',
    credit: 'The Associated Press',
    bodyStarts: 'NEW YORK (AP) — The gas produced by hog manure at farms across the U.S.',
  },
  'nitf/aap-nitf.xml': {
    id: 'AAP.115314987.5417374',
    urgency: 5,
    embargo: null,
    byline: 'By John Doe',
    credit: 'Australian Associated Press',
    bodyStarts: "The main stories on ABC television's 1900 news:",
  },
  'nitf/ntb-nitf-sample.xml': {
    id: 'NTB5df9281a-a270-4dc5-a618-869bbc3bbca7_00',
    version: '1',
    urgency: 5,
    byline: 'NTB-AFP-DPA',
    headline: 'Pandemien herjer på den legeløse indiske landsbygda',
  },
  'ninjs/iptc-2.1-dpa-text.json': {
    id: 'urn:newsml:dpa.com:20090101:190510-99-167362',
    version: '2',
    pubStatus: 'usable',
    urgency: 4,
    headline: 'Faktencheck Derby-Elfmeter: Hat Schiedsrichter Zwayer recht?',
    byline: 'Von Christian Hollmann, dpa',
    language: 'de',
    copyright: 'Copyright 2019, dpa (www.dpa.de). Alle Rechte vorbehalten',
    bodyStarts: 'Für Lucien Favre war es «der größte Skandal im Fußball seit Jahren».',
  },
  'ninjs/iptc-3.0-tt-text-image.json': {
    id: 'http://tt.se/media/text/210526-militarovning-a0f2d045',
    version: '1',
    pubStatus: 'usable',
    urgency: 3,
    headline: 'Militärövning i jätteformat hålls 2023',
    language: 'sv',
    imageCount: 1,
    bodyStarts: 'Militärövning i jätteformat hålls 2023',
  },
  'ninjs/superdesk-ninjs-embargoed.json': {
    id: 'fd8e441b-a698-4411-9246-7d5de21cced9',
    version: '11',
    pubStatus: 'usable',
    embargo: '2022-06-29T02:30:00.000Z',
    headline: 'Trouble is brewing for the future of beer',
    byline: 'Aaron J. Staples, Michigan State University',
    language: 'en',
  },
  'ninjs/iptc-test-1.0-pubstatus-withheld.json': { id: '022_pubstatus_withheld', pubStatus: 'withheld' },
  'ninjs/iptc-test-1.0-fail-pubstatus-cancelled-spelling.json': {
    id: '007_pubstatus_cancelled',
    pubStatus: 'canceled',
    pubStatusReading: '"cancelled" (misspelt) read as canceled',
  },
  'ninjs/iptc-1.4-complex1.json': {
    id: 'http://ninjs.example.com/newsitems/20130709cplx123',
    headline: 'Captain of wrecked cruise ship on trial in Italy',
    byline: "Paulo Santalucia and Frances d'Emilio",
    copyright: 'Copyright 2013 The News Agency, www.tna.org - all rights reserved.',
    bodyStarts: 'GROSSETO, Italy (AP) -- The trial of the captain of the shipwrecked Costa Concor',
  },
  'ninjs/iptc-2.1-ntb-text.json': {
    id: 'urn:8d19cf88-b3ab-4972-8fec-1207599f2872',
    version: '6',
    urgency: 5,
    byline: 'NTB',
    language: 'nb-NO',
    editorialNote: 'Noe utvidet.',
    headline: 'Google har kjøpt giganttomt i Skien',
  },
  'agency-api/ap-media-api-item-text-cp.json': {
    id: 'f14dd246c9b5efeb56de0141aa50c4fd',
    version: '3',
    pubStatus: 'usable',
    urgency: 4,
    byline: 'By MARK KENNEDY',
    credit: 'AP',
    headline: 'Review: Documentary about electric racing holds little spark',
    editorialNote: 'Eds: UPDATES: With AP Photos.',
    language: 'en',
    update: true,
    correction: false,
  },
  'agency-api/ap-media-api-item-text-lead-with-photo-associations-cp.json': {
    id: '41148a074e2caa8190926b25a2a940f8',
    version: '8',
    urgency: 4,
    update: true,
    imageCount: 3,
    editorialNote: 'Eds: UPDATES: With comment from defense lawyer.; With AP Photos.',
  },
  'agency-api/ap-media-api-item-picture.json': {
    id: '171b16d930db49a396159714c732af9c',
    version: '0',
    urgency: 5,
    credit: 'john Doe/Something/AP',
    headline: 'US Paul Simon Poets Society',
  },
  'agency-api/reuters-graphql-item-response.json': {
    id: 'tag:reuters.com,2023:newsml_RC2EQZ9KEA2R',
    urgency: 4,
    byline: 'OGNEN TEOFILOVSKI',
    language: 'en',
    bodyStarts: 'April 14 (Reuters) - Liverpool have been fined 37,500 pounds ($46,908.75)',
  },
};

function actual(item: FeedItem, e: Expected): Record<string, unknown> {
  const a = item.agency!;
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(e)) {
    if (k === 'index') continue;
    if (k === 'headline') out[k] = item.title;
    else if (k === 'language') out[k] = item.language ?? null;
    else if (k === 'bodyStarts')
      out[k] = a.body === null ? null : htmlToText(a.body).slice(0, (e.bodyStarts ?? '').length);
    else if (k === 'correction' || k === 'update') out[k] = a.signals[k];
    else if (k === 'imageCount') out[k] = a.images.length;
    else out[k] = a[k as keyof AgencyFields];
  }
  return out;
}

describe.skipIf(!HAVE_AGENCY_CORPUS)('agency corpus: expected values read from the files', () => {
  it(`covers at least 25 files`, () => {
    expect(Object.keys(TABLE).length).toBeGreaterThanOrEqual(25);
  });
  for (const [file, e] of Object.entries(TABLE)) {
    it(file, async () => {
      const feed = await parse(file);
      const item = feed.items[e.index ?? 0];
      expect(item?.agency, `${file} entry ${e.index ?? 0}`).toBeDefined();
      const { index: _index, ...want } = e;
      expect(actual(item, e)).toEqual(want);
    });
  }

  it('a package delivered with its members gives the story its picture, caption and credit (TT)', async () => {
    const feed = await parse('newsml-g2/tt-newsitem-sample.xml');
    const story = feed.items.find((i) => i.guid === 'http://tt.se/media/text/210919-janguillou-879f202b')!;
    expect(story.agency!.images).toHaveLength(1);
    expect(story.agency!.images[0]).toMatchObject({
      href: 'https://beta.tt.se/media/text/210919-janguillou-879f202b/a001_NormalHires.jpg',
      id: 'http://tt.se/media/image/sdlm1btzmKu8WU',
      width: 4928,
    });
    expect(story.image).toBe('https://beta.tt.se/media/text/210919-janguillou-879f202b/a001_NormalHires.jpg');
  });

  it('news sitemap (WordPress.com): links, titles, dates with offsets, language, publication name', async () => {
    const feed = await parse('news-sitemap/wordpresscom-news-sitemap-shinpaideshou.xml');
    expect(feed.title).toBe('What can I do with a B.A. in Japanese Studies?');
    expect(feed.items.map((i) => [i.link, i.title, i.publishedAt, i.language])).toEqual([
      [
        'https://shinpaideshou.wordpress.com/2017/04/25/job-opening-reischauer-policy-research-fellow/',
        'Job Opening: Reischauer Policy Research Fellow',
        '2017-04-25T10:00:36.000Z',
        'en',
      ],
      [
        'https://shinpaideshou.wordpress.com/2017/04/24/call-for-papers-nation-gender-and-history-asian-cinemas-in-perspective-2/',
        'Call for Papers: Nation, Gender and History, Asian Cinemas in Perspective',
        '2017-04-24T10:00:33.000Z',
        'en',
      ],
      [
        'https://shinpaideshou.wordpress.com/2017/04/24/job-opening-lecturer-in-japanese-studies-university-of-leeds/',
        'Job Opening: Lecturer in Japanese Studies, University of Leeds',
        '2017-04-24T10:00:10.000Z',
        'en',
      ],
    ]);
  });

  it('expiry: the general G2 expires over the constrained ones; ninjs expires with its offset', async () => {
    expect((await parse('newsml-g2/iptc-test-expires.xml')).items[0].agency!.expires).toBe('2015-11-10T18:11:02.027Z');
    expect((await parse('ninjs/iptc-2.1-tt-text-image.json')).items[0].agency!.expires).toBe(
      '2023-05-30T22:00:00.000Z',
    );
  });

  it('NITF: a canceled document names the document it cancels (management-doc-idref)', async () => {
    const [item] = (await parse('nitf/iptc-nitf-sample-fishing-canceled.xml')).items;
    expect(item.agency).toMatchObject({ id: 'iptc.321656141.b', pubStatus: 'canceled', refersTo: 'iptc.321656141.a' });
  });

  it('AP feed: next_page is exposed for pagination', async () => {
    expect((await parse('agency-api/ap-media-api-feed-text.json')).nextPage).toBe('https://a.b.c/');
  });

  it('news sitemap: each URL with its title, date and language', async () => {
    const feed = await parse('news-sitemap/usp-google-news-minimal.xml');
    expect(feed.items.map((i) => [i.link, i.title, i.publishedAt])).toEqual([
      ['https://example.org/page1', 'News Article One', '2024-01-01T00:00:00.000Z'],
      ['https://example.org/page2', 'News Article Two', '2024-01-02T00:00:00.000Z'],
    ]);
  });
});

/**
 * Paragraph texts of a source file, read with a regular expression (independently of the
 * parser); NITF abstracts are left out (they are the summary, not the body).
 */
function sourceParagraphs(file: string): string[] {
  const raw = readFileSync(join(AGENCY_CORPUS, file), 'utf8').replace(/<abstract>[\s\S]*?<\/abstract>/g, '');
  const re = /<(?:[\w-]+:)?p(?:\s[^>]*)?>([\s\S]*?)<\/(?:[\w-]+:)?p>/g;
  const out: string[] = [];
  for (let m = re.exec(raw); m; m = re.exec(raw)) {
    const text = foldAsciiWhitespace(decodeXML(m[1].replace(/<[^>]+>/g, '')));
    if (text) out.push(text);
  }
  return out;
}

const VERBATIM = [
  'newsml-g2/ap-newsmessage-three-newsitems-nitf.xml',
  'newsml-g2/reuters-text-L1N14N0FF-v978556838-correction.xml',
  'newsml-g2/businessdesk-newsmessage-empty-embargoed-nitf.xml',
  'newsml-g2/stt-newsitem-sig-update-append.xml',
  'newsml-g2/reuters-text-KBN0FL0NN-v5.xml',
  'newsml-1/afp-newsml12-text.xml',
  'newsml-1/tass-newsml12.xml',
  'nitf/ap-nitf.xml',
  'nitf/pa-nitf-3-embargoed.xml',
  'nitf/efe-nitf.xml',
  'nitf/ntb-nitf-sample.xml',
];

describe.skipIf(!HAVE_AGENCY_CORPUS)('agency corpus: body text is verbatim', () => {
  for (const file of VERBATIM) {
    it(`${file}: every source paragraph appears word for word in the body`, async () => {
      const feed = await parse(file);
      const bodyText = feed.items.map((i) => htmlToText(i.agency?.body ?? '')).join(' ');
      const paragraphs = sourceParagraphs(file);
      expect(paragraphs.length).toBeGreaterThan(0);
      const missing = paragraphs.filter((p) => !bodyText.includes(p));
      expect(missing).toEqual([]);
    });
  }
});
