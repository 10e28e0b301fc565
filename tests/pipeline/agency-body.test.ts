import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { WireConfig, type Source } from '../../src/config/schema.js';
import { parseFeed } from '../../src/feed/index.js';
import type { HttpClient } from '../../src/fetch/types.js';
import { agencyStoryId, storyId } from '../../src/item/build.js';
import { toNinjs } from '../../src/ninjs/index.js';
import { processArticle } from '../../src/pipeline/article.js';
import { AGENCY_CORPUS, HAVE_AGENCY_CORPUS, NO_AGENCY_CORPUS_MESSAGE } from '../helpers/corpus-path.js';

const wire = WireConfig.parse({ site: 'Example Daily' });
const source: Source = {
  id: 'agency',
  name: 'Agency',
  feed: 'https://agency.example/feed',
  everyMs: 60_000,
  enabled: true,
  extract: {},
};

/** A fetcher that records every request and answers none: a delivered body must not fetch anything. */
function noFetch(calls: string[]): HttpClient {
  return {
    async fetch(url) {
      calls.push(url);
      throw new Error(`no page should be fetched (asked for ${url})`);
    },
  };
}

async function firstEntry(file: string) {
  const feed = await parseFeed(readFileSync(join(AGENCY_CORPUS, file)), { url: source.feed, contentType: null });
  return feed.items[0];
}

// These read the agency samples in ../shared/corpus/agency; without them they skip and say so.
if (!HAVE_AGENCY_CORPUS) console.warn(NO_AGENCY_CORPUS_MESSAGE);

describe.skipIf(!HAVE_AGENCY_CORPUS)('the article stage: a body delivered by the agency', () => {
  it('publishes the NewsML-G2 body as delivered, verbatim, without fetching a page', async () => {
    const entry = await firstEntry('newsml-g2/reuters-text-KBN0FL0NN-v5.xml');
    const calls: string[] = [];
    const item = await processArticle({ wire, fetcher: noFetch(calls) }, source, entry);
    expect(calls).toEqual([]);
    expect(item.body.origin).toBe('feed');
    // The "By ..." line is the byline (metadata), not report text; the report starts after it.
    expect(item.body.paragraphs[0]).toBe(
      'DAMASCUS (Reuters) - Bashar al-Assad was sworn in for a new term as Syria\'s president on Wednesday, after an election which his opponents dismiss as a sham but which he said proved he had achieved victory after a "dirty war" to unseat him.',
    );
    // Identity is the agency's id, not the link.
    expect(item.id).toBe(agencyStoryId('agency', 'tag_reuters.com_2014_newsml_KBN0FL0NN'));
    expect(item.id).not.toBe(storyId('agency', entry.link));
    expect(item.source.guid).toBe('tag_reuters.com_2014_newsml_KBN0FL0NN');
  });

  it('publishes a ninjs body_html as delivered, with the item language', async () => {
    const entry = await firstEntry('ninjs/iptc-2.1-dpa-text.json');
    const calls: string[] = [];
    const item = await processArticle({ wire, fetcher: noFetch(calls) }, source, entry);
    expect(calls).toEqual([]);
    expect(item.body.paragraphs[0]).toBe(
      'Für Lucien Favre war es «der größte Skandal im Fußball seit Jahren». Der Trainer von Borussia Dortmund regte sich nach dem 2:4 im Revierderby gegen den FC Schalke 04 mächtig über den Handelfmeter zum zwischenzeitlichen 1:1 für die Gäste auf.',
    );
    expect(item.language).toBe(entry.language);
  });

  it('keeps one id across versions whose links differ, and different ids for different stories', async () => {
    const entry = await firstEntry('ninjs/iptc-2.1-dpa-text.json');
    const a = await processArticle({ wire, fetcher: noFetch([]) }, source, entry);
    const b = await processArticle({ wire, fetcher: noFetch([]) }, source, {
      ...entry,
      link: 'https://agency.example/other-page',
      agency: { ...entry.agency!, version: '3' },
    });
    expect(b.id).toBe(a.id);
    const other = await processArticle({ wire, fetcher: noFetch([]) }, source, {
      ...entry,
      agency: { ...entry.agency!, id: 'urn:other' },
    });
    expect(other.id).not.toBe(a.id);
  });

  it('an agency entry without a delivered body still fetches its page', async () => {
    const entry = await firstEntry('ninjs/iptc-2.1-dpa-text.json');
    const calls: string[] = [];
    await processArticle({ wire, fetcher: noFetch(calls) }, source, {
      ...entry,
      content: null,
      agency: { ...entry.agency!, body: null },
    }).catch(() => null);
    expect(calls).toEqual([entry.link]);
  });
});

describe.skipIf(!HAVE_AGENCY_CORPUS)(
  'the article stage: corrections and agency attribution on the item, footer and ninjs',
  () => {
    it('an update/correction carries its signal and the agency note; a plain version does not', async () => {
      const upd = await firstEntry('newsml-g2/reuters-text-KBN0FL0NN-v5.xml');
      const item = await processArticle({ wire, fetcher: noFetch([]) }, source, upd);
      expect(item.lifecycle).toMatchObject({
        update: true,
        correction: false,
        note: 'This is editorial note.',
        agencyVersion: '5',
      });
      const corrected = await processArticle({ wire, fetcher: noFetch([]) }, source, {
        ...upd,
        agency: {
          ...upd.agency!,
          version: '6',
          signals: { correction: true, update: false, codes: ['sig:correction'] },
          editorialNote: 'Corrects name in 2nd para.',
        },
      });
      expect(corrected.lifecycle).toMatchObject({
        correction: true,
        note: 'Corrects name in 2nd para.',
        agencyVersion: '6',
      });
      // The headline is restyled again for the new version, with its audit trail.
      expect(corrected.headlineOriginal).toBe('Confident Assad launches new term in stronger position');
      expect(Array.isArray(corrected.headlineRules)).toBe(true);
      const plain = await processArticle(
        { wire, fetcher: noFetch([]) },
        source,
        await firstEntry('ninjs/iptc-2.1-dpa-text.json'),
      );
      expect(plain.lifecycle).toMatchObject({ correction: false, update: false, note: null });
    });

    it('credit, copyright and usage terms reach the item, the footer and ninjs; images keep caption and credit', async () => {
      const entry = await firstEntry('ninjs/superdesk-ninjs-text-with-picture-association.json');
      const item = await processArticle({ wire, fetcher: noFetch([]) }, source, entry);
      expect(item.lifecycle).toMatchObject({ credit: 'Reuters', copyright: 'Copyright', usageTerms: 'Usage' });
      expect(item.attribution.footer).toBe(`Source: Agency — ${entry.link} · Reuters · Copyright`);
      expect(item.lifecycle.images[0]).toEqual({
        href: 'http://localhost:5000/api/upload-raw/599e31ec1d41c833e0b8a830.jpg',
        caption: 'Oil prices edged up on Monday, supported by the first fall in US drilling activity in month.',
        credit: 'Bebeto Matthews',
      });
      const ninjs = toNinjs(item);
      expect(ninjs.copyrightnotice).toBe('Copyright');
      expect(ninjs.usageterms).toBe(`Usage\n\n${item.attribution.disclaimer}`);
      expect(ninjs.by).toBe('By Henning Gloystein');
    });
  },
);
