import { buildWireItem, type BuildInput } from '../../src/item/build.js';
import type { WireItem } from '../../src/item/schema.js';
import { toPublishPayload, type PublishPayload } from '../../src/publish/payload.js';

/** A full BuildInput: every optional fact known. Tests override what they need. */
export function sampleInput(overrides: Partial<BuildInput> = {}): BuildInput {
  return {
    site: {
      site: 'Example Daily',
      section: 'Media Wire',
      disclaimer: 'Published by {site} as received; not edited by {site}.',
    },
    source: { id: 'agency', name: 'Agency News', feedUrl: 'https://feeds.agency.example/world.xml' },
    feedItem: {
      guid: 'tag:agency.example,2026:1234',
      link: 'https://www.agency.example/world/1234-talks?utm_source=rss',
      title: 'Talks Resume In Geneva',
      publishedAt: '2026-11-26T09:15:00.000Z',
      updatedAt: '2026-11-26T09:40:00.000Z',
      summary: 'Negotiators met again.',
      content: null,
      author: null,
      categories: ['World', 'Diplomacy', 'World'],
      image: null,
    },
    body: {
      paragraphs: ['Negotiators met again on Tuesday.', 'The talks continue “in good faith”, a spokesperson said.'],
      html: '<p>Negotiators met again on Tuesday.</p><p>The talks continue “in good faith”, a spokesperson said.</p>',
      text: 'Negotiators met again on Tuesday.\n\nThe talks continue “in good faith”, a spokesperson said.',
      origin: 'page',
      method: 'json-ld',
    },
    metadata: {
      canonicalUrl: 'https://www.agency.example/world/1234-talks',
      title: 'Talks Resume In Geneva',
      byline: 'Jane Doe',
      publishedAt: null,
      modifiedAt: null,
      language: 'en',
      image: 'https://img.agency.example/1234/lead.jpg',
      siteName: 'Agency News',
      description: null,
    },
    headline: {
      text: 'Talks resume in Geneva',
      original: 'Talks Resume In Geneva',
      applied: [{ rule: 'case', before: 'Talks Resume In Geneva', after: 'Talks resume in Geneva' }],
      tooLong: false,
    },
    fetchedAt: new Date('2026-11-26T10:00:00Z'),
    ...overrides,
  };
}

export function sampleItem(overrides: Partial<BuildInput> = {}): WireItem {
  return buildWireItem(sampleInput(overrides));
}

/** The sample item as a publish job carries it (and a webhook POSTs it), built by the real `toPublishPayload`. */
export function samplePayload(overrides: Partial<BuildInput> = {}, opts = { ninjs: false }): PublishPayload {
  return toPublishPayload(sampleItem(overrides), opts);
}

/** Every optional fact unknown: nulls, no categories, no html. */
export function minimalItem(): WireItem {
  const base = sampleInput();
  return buildWireItem({
    ...base,
    feedItem: {
      ...base.feedItem,
      publishedAt: null,
      updatedAt: null,
      summary: null,
      author: null,
      categories: [],
      image: null,
    },
    metadata: {
      ...base.metadata,
      byline: null,
      language: null,
      image: null,
      publishedAt: null,
      modifiedAt: null,
      description: null,
    },
    body: { paragraphs: ['One line.'], html: '', text: 'One line.', origin: 'page', method: 'scoring' },
    headline: { text: 'One line', original: 'One line', applied: [], tooLong: false },
  });
}
