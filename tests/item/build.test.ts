import { readFileSync } from 'node:fs';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { buildWireItem, sha256Hex, storyId, type BuildInput } from '../../src/item/build.js';
import { WireItem, wireItemJsonSchema } from '../../src/item/schema.js';

function input(overrides: Partial<BuildInput> = {}): BuildInput {
  return {
    site: {
      site: 'Example Daily',
      section: 'Media Wire',
      disclaimer: 'Not the views of {site}; {site} restyles headlines.',
    },
    source: { id: 'agency', name: 'Agency', feedUrl: 'https://agency.example/feed.xml' },
    feedItem: {
      guid: 'g-1',
      link: 'https://agency.example/news/1',
      title: 'Original Headline',
      publishedAt: '2026-11-26T09:15:00.000Z',
      updatedAt: null,
      summary: 'A summary.',
      content: null,
      author: null,
      categories: ['World'],
      image: null,
    },
    body: {
      paragraphs: ['First.', 'Second.'],
      html: '<p>First.</p><p>Second.</p>',
      text: 'First.\n\nSecond.',
      origin: 'page',
      method: 'scoring',
    },
    metadata: {
      canonicalUrl: 'https://agency.example/news/1',
      title: 'Original Headline',
      byline: 'Jane Doe',
      publishedAt: null,
      modifiedAt: null,
      language: 'en',
      image: 'https://agency.example/img.jpg',
      siteName: 'Agency',
      description: null,
    },
    headline: {
      text: 'Original headline',
      original: 'Original Headline',
      applied: [{ rule: 'case', before: 'Original Headline', after: 'Original headline' }],
      tooLong: false,
    },
    fetchedAt: new Date('2026-11-26T10:00:00Z'),
    ...overrides,
  };
}

describe('buildWireItem', () => {
  it('assembles a valid item with attribution, hashes and ids', () => {
    const item = buildWireItem(input());
    expect(WireItem.parse(item)).toEqual(item);
    expect(item.id).toBe(storyId('agency', 'https://agency.example/news/1'));
    expect(item.version).toBe(1);
    expect(item.headline).toBe('Original headline');
    expect(item.headlineOriginal).toBe('Original Headline');
    expect(item.body.sha256).toBe(sha256Hex('First.\n\nSecond.'));
    expect(item.attribution.disclaimer).toBe('Not the views of Example Daily; Example Daily restyles headlines.');
    expect(item.attribution.footer).toBe('Source: Agency — https://agency.example/news/1');
    expect(item.source).toEqual({
      id: 'agency',
      name: 'Agency',
      url: 'https://agency.example/news/1',
      feedUrl: 'https://agency.example/feed.xml',
      guid: 'g-1',
    });
    expect(item.byline).toBe('Jane Doe');
    expect(item.summary).toBe('A summary.');
    expect(item.ingest.fetchedAt).toBe('2026-11-26T10:00:00.000Z');
  });

  it('gives the same id for the same source and canonical URL, and a different one otherwise', () => {
    expect(storyId('a', 'https://x.example/1')).toBe(storyId('a', 'https://x.example/1'));
    expect(storyId('a', 'https://x.example/1')).not.toBe(storyId('b', 'https://x.example/1'));
    expect(storyId('a', 'https://x.example/1')).not.toBe(storyId('a', 'https://x.example/2'));
    // pinned: the id must not change between releases, or every story would be republished
    expect(storyId('agency', 'https://agency.example/news/1')).toBe(
      sha256Hex('agency\nhttps://agency.example/news/1').slice(0, 32),
    );
  });

  it('refuses an item without attribution', () => {
    expect(() =>
      buildWireItem(input({ source: { id: 'agency', name: '', feedUrl: 'https://agency.example/feed.xml' } })),
    ).toThrow(/source\.name/);
    expect(() => buildWireItem(input({ site: { site: 'X', section: 'Media Wire', disclaimer: '' } }))).toThrow(
      /attribution\.disclaimer/,
    );
  });

  it('refuses an empty body', () => {
    expect(() =>
      buildWireItem(input({ body: { paragraphs: [], html: '', text: '', origin: 'page', method: 'scoring' } })),
    ).toThrow(/body/);
  });
});

describe('the published JSON Schema', () => {
  it('matches the zod definition (run `npm run schema` after changing it)', () => {
    const committed = JSON.parse(readFileSync(new URL('../../schema/wire-item.schema.json', import.meta.url), 'utf8'));
    expect(committed).toEqual(JSON.parse(JSON.stringify(wireItemJsonSchema())));
  });

  it('accepts a built item and rejects one without attribution (checked with ajv, as a consumer would)', () => {
    const ajv = new Ajv2020({ strict: false });
    addFormats.default(ajv);
    const validate = ajv.compile(wireItemJsonSchema());
    const item = buildWireItem(input());
    expect(validate(item), JSON.stringify(validate.errors)).toBe(true);
    const { attribution: _dropped, ...withoutAttribution } = item;
    expect(validate(withoutAttribution)).toBe(false);
  });
});
