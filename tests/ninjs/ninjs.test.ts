import { readFileSync } from 'node:fs';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { buildWireItem } from '../../src/item/build.js';
import { itemUrn, toNinjs } from '../../src/ninjs/index.js';
import { minimalItem, sampleInput, sampleItem } from '../helpers/sample-item.js';

/** The official IPTC ninjs 2.1 schema, vendored unchanged (see tests/fixtures/ninjs/SOURCE.md). */
const schema = JSON.parse(readFileSync(new URL('../fixtures/ninjs/ninjs-schema_2.1.json', import.meta.url), 'utf8'));

function ninjsValidator() {
  // strict: false because the official file trips ajv's strictRequired lint (a `required` inside oneOf
  // without a sibling `properties`); that is a style check, not a validation rule.
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  addFormats.default(ajv);
  // places[].geojson refers to the external GeoJSON schema. We never emit places, so an empty stand-in lets
  // the official file compile offline without changing a byte of it.
  ajv.addSchema({ $id: 'https://geojson.org/schema/GeoJSON.json' });
  return ajv.compile(schema);
}
const validate = ninjsValidator();

function expectValid(doc: unknown): void {
  const ok = validate(doc);
  expect(ok, JSON.stringify(validate.errors, null, 2)).toBe(true);
}

describe('the vendored schema', () => {
  it('is the official ninjs 2.1 file, JSON Schema 2020-12', () => {
    expect(schema.$id).toBe('http://www.iptc.org/std/ninjs/ninjs-schema_2.1.json#');
    expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
  });

  it('rejects what it should, so passing it means something', () => {
    const doc = toNinjs(sampleItem());
    expect(validate({ ...doc, id: 'ours' })).toBe(false); // no unknown root properties
    expect(validate({ ...doc, version: 1 })).toBe(false); // version is a string
    expect(validate({ ...doc, headlines: [{ role: 'main', text: 'x' }] })).toBe(false);
    expect(validate({ ...doc, versioncreated: 'Tuesday' })).toBe(false);
    const { uri: _uri, ...withoutUri } = doc;
    expect(validate(withoutUri)).toBe(false);
  });
});

describe('toNinjs', () => {
  it('maps a full item field by field', () => {
    const item = sampleItem();
    const doc = toNinjs(item);
    expect(doc).toEqual({
      uri: `urn:media-wire:item:${item.id}`,
      type: 'text',
      version: '1',
      pubstatus: 'usable',
      representationtype: 'full',
      contentcreated: '2026-11-26T09:15:00.000Z',
      firstcreated: '2026-11-26T10:00:00.000Z',
      versioncreated: '2026-11-26T10:00:00.000Z',
      language: 'en',
      headlines: [
        { role: 'main', contenttype: 'text/plain', value: 'Talks resume in Geneva' },
        { role: 'original', contenttype: 'text/plain', value: 'Talks Resume In Geneva' },
      ],
      bodies: [
        { role: 'main', contenttype: 'text/html', value: item.body.html },
        { role: 'main', contenttype: 'text/plain', value: item.body.text },
        {
          role: 'attribution',
          contenttype: 'text/plain',
          value:
            'Published by Example Daily as received; not edited by Example Daily.\n\nSource: Agency News — https://www.agency.example/world/1234-talks',
        },
      ],
      by: 'Jane Doe',
      infosources: [
        {
          name: 'Agency News',
          role: 'http://cv.iptc.org/newscodes/contentprodpartyrole/origcont',
          uri: 'https://www.agency.example/',
          literal: 'agency',
        },
      ],
      usageterms: 'Published by Example Daily as received; not edited by Example Daily.',
      altids: [
        { role: 'source-url', value: 'https://www.agency.example/world/1234-talks' },
        { role: 'guid', value: 'tag:agency.example,2026:1234' },
      ],
      associations: [
        {
          name: 'featureimage',
          uri: expect.stringMatching(/^urn:media-wire:image:[0-9a-f]{32}$/),
          type: 'picture',
          renditions: [{ name: 'original', href: 'https://img.agency.example/1234/lead.jpg' }],
        },
      ],
      subjects: [{ name: 'World' }, { name: 'Diplomacy' }],
    });
    expectValid(doc);
  });

  it('keeps the body verbatim and the item id recoverable from the uri', () => {
    const item = sampleItem();
    const doc = toNinjs(item);
    expect(doc.bodies.find((b) => b.contenttype === 'text/plain' && b.role === 'main')?.value).toBe(item.body.text);
    expect(doc.uri).toBe(itemUrn(item.id));
    expect(doc.uri.slice('urn:media-wire:item:'.length)).toBe(item.id);
  });

  it('leaves out what the item does not know, and stays valid', () => {
    const item = minimalItem();
    const doc = toNinjs(item);
    for (const key of ['contentcreated', 'language', 'by', 'associations', 'subjects'])
      expect(doc).not.toHaveProperty(key);
    // no html body when the item has no html; text and attribution always
    expect(doc.bodies.map((b) => [b.role, b.contenttype])).toEqual([
      ['main', 'text/plain'],
      ['attribution', 'text/plain'],
    ]);
    expect(doc.headlines).toHaveLength(2);
    expect(doc.usageterms).toBe(item.attribution.disclaimer);
    expectValid(doc);
  });

  it('says partial when the body came from the feed', () => {
    const base = sampleInput();
    const item = buildWireItem({ ...base, body: { ...base.body, origin: 'feed', method: 'feed' } });
    const doc = toNinjs(item);
    expect(doc.representationtype).toBe('partial');
    expectValid(doc);
  });

  it('gives a later version its own version string and no firstcreated (the first ingest time is not in the item)', () => {
    const item = sampleItem({ version: 3, fetchedAt: new Date('2026-11-27T08:00:00Z') });
    const doc = toNinjs(item);
    expect(doc.version).toBe('3');
    expect(doc.versioncreated).toBe('2026-11-27T08:00:00.000Z');
    expect(doc).not.toHaveProperty('firstcreated');
    expectValid(doc);
  });

  it('gives the same image the same association uri', () => {
    const a = toNinjs(sampleItem()).associations![0].uri;
    const b = toNinjs(sampleItem({ version: 2 })).associations![0].uri;
    expect(a).toBe(b);
  });
});
