import { describe, expect, it } from 'vitest';
import { WireConfig, type Source } from '../../src/config/schema.js';
import { parseFeed } from '../../src/feed/index.js';
import type { HttpClient } from '../../src/fetch/types.js';
import { agencyStoryId, storyId } from '../../src/item/build.js';
import { toNinjs } from '../../src/ninjs/index.js';
import { processArticle } from '../../src/pipeline/article.js';
import { agencyFixture } from '../helpers/agency-fixtures.js';

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
  const feed = await parseFeed(agencyFixture(file), { url: source.feed, contentType: null });
  return feed.items[0];
}

// Our own fixtures (tests/fixtures/agency), modelled on the agency samples: these run on a fresh clone.
describe('the article stage: a body delivered by the agency', () => {
  it('publishes the NewsML-G2 body as delivered, verbatim, without fetching a page', async () => {
    const entry = await firstEntry('g2-story.xml');
    const calls: string[] = [];
    const item = await processArticle({ wire, fetcher: noFetch(calls) }, source, entry);
    expect(calls).toEqual([]);
    expect(item.body.origin).toBe('feed');
    // The "By ..." line is the byline (metadata), not report text; the report starts after it.
    expect(item.body.paragraphs[0]).toBe(
      'PORTVILLE (Example Wire) - The harbour bridge in Portville reopened to traffic on Monday morning, three months after a barge struck one of its piers and forced engineers to close it.',
    );
    // Identity is the agency's id, not the link.
    expect(item.id).toBe(agencyStoryId('agency', 'urn_wire.example_2026_g2-harbour'));
    expect(item.id).not.toBe(storyId('agency', entry.link));
    expect(item.source.guid).toBe('urn_wire.example_2026_g2-harbour');
  });

  it('publishes a ninjs body_html as delivered, with the item language', async () => {
    const entry = await firstEntry('ninjs-story.json');
    const calls: string[] = [];
    const item = await processArticle({ wire, fetcher: noFetch(calls) }, source, entry);
    expect(calls).toEqual([]);
    expect(item.body.paragraphs[0]).toBe(
      'Der Stadtrat von Beispielstadt hat am Montag den Ausbau der Radwege beschlossen. «Das ist ein guter Tag für alle, die täglich über die Brücke pendeln», sagte Bürgermeisterin Jana Weber nach der Abstimmung.',
    );
    expect(item.language).toBe(entry.language);
  });

  it('keeps one id across versions whose links differ, and different ids for different stories', async () => {
    const entry = await firstEntry('ninjs-story.json');
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
    const entry = await firstEntry('ninjs-story.json');
    const calls: string[] = [];
    await processArticle({ wire, fetcher: noFetch(calls) }, source, {
      ...entry,
      content: null,
      agency: { ...entry.agency!, body: null },
    }).catch(() => null);
    expect(calls).toEqual([entry.link]);
  });
});

describe('the article stage: corrections and agency attribution on the item, footer and ninjs', () => {
  it('an update/correction carries its signal and the agency note; a plain version does not', async () => {
    const upd = await firstEntry('g2-story.xml');
    const item = await processArticle({ wire, fetcher: noFetch([]) }, source, upd);
    expect(item.lifecycle).toMatchObject({
      update: true,
      correction: false,
      note: "Eds: updates with the mayor's statement.",
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
    expect(corrected.headlineOriginal).toBe('Harbour bridge reopens after three months of repairs');
    expect(Array.isArray(corrected.headlineRules)).toBe(true);
    const plain = await processArticle({ wire, fetcher: noFetch([]) }, source, await firstEntry('ninjs-story.json'));
    expect(plain.lifecycle).toMatchObject({ correction: false, update: false, note: null });
  });

  it('credit, copyright and usage terms reach the item, the footer and ninjs; images keep caption and credit', async () => {
    const entry = await firstEntry('ninjs-picture.json');
    const item = await processArticle({ wire, fetcher: noFetch([]) }, source, entry);
    expect(item.lifecycle).toMatchObject({
      credit: 'Example Wire',
      copyright: 'Copyright Example Wire',
      usageTerms: 'Editorial use only',
    });
    expect(item.attribution.footer).toBe(`Source: Agency — ${entry.link} · Example Wire · Copyright Example Wire`);
    expect(item.lifecycle.images[0]).toEqual({
      href: 'https://img.wire.example/picture-1-original.jpg',
      caption: 'A combine harvester crosses a wheat field near Example Falls.',
      credit: 'Rosa Lind',
    });
    const ninjs = toNinjs(item);
    expect(ninjs.copyrightnotice).toBe('Copyright Example Wire');
    expect(ninjs.usageterms).toBe(`Editorial use only\n\n${item.attribution.disclaimer}`);
    expect(ninjs.by).toBe('By Mara Olsen');
  });
});

describe('the article stage: ninjs pictures keep caption and credit in every version', () => {
  it('1.x body_text / description_*, 2.x descriptions with a credit line, 3.x camelCase and rightsInfo', async () => {
    const feed = await parseFeed(agencyFixture('ninjs-images.json'), { url: source.feed, contentType: null });
    const images = await Promise.all(
      feed.items.map(
        async (entry) => (await processArticle({ wire, fetcher: noFetch([]) }, source, entry)).lifecycle.images,
      ),
    );
    expect(images).toEqual([
      [
        // 1.x: the caption in body_text, the photographer in byline
        { href: 'https://img.wire.example/a1.jpg', caption: 'A ferry leaves the harbour at dawn.', credit: 'Ana Ruiz' },
        // 1.x: a description_<name> caption, the copyright holder as credit
        {
          href: 'https://img.wire.example/a2.jpg',
          caption: 'Passengers wait on the pier.',
          credit: 'Example Wire Ltd',
        },
      ],
      [
        // 2.x: the credit line before the photographer; never the credit line as caption
        {
          href: 'https://img.wire.example/b1.jpg',
          caption: 'Workers lay the last stones of the harbour wall.',
          credit: 'EXAMPLE WIRE',
        },
        { href: 'https://img.wire.example/b2.jpg', caption: 'Harbour at dusk', credit: 'Pool photo' },
      ],
      [
        // 3.x: by, copyrightHolder, an HTML summary as caption, the holder in rightsInfo
        { href: 'https://img.wire.example/c1.jpg', caption: 'The first tram leaves the depot.', credit: 'Lee Chan' },
        { href: 'https://img.wire.example/c2.jpg', caption: 'Riders on the new line.', credit: 'Example Photo Agency' },
      ],
    ]);
  });
});
