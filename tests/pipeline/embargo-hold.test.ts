import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Source } from '../../src/config/schema.js';
import type { HttpClient } from '../../src/fetch/types.js';
import { fetchFeed } from '../../src/pipeline/fetch-feed.js';
import { AGENCY_CORPUS } from '../helpers/corpus-path.js';

const source: Source = { id: 'agency', name: 'Agency', feed: 'https://agency.example/feed', everyMs: 60_000, enabled: true, extract: {} };
const EMBARGOED = readFileSync(join(AGENCY_CORPUS, 'ninjs/iptc-test-1.0-embargoed.json')); // embargoed until 2019-10-01T00:00:00Z
const serving = (body: Buffer): HttpClient => ({
  async fetch(url) {
    return { url, finalUrl: url, status: 200, headers: { 'content-type': 'application/json', etag: '"e1"' }, body, redirects: [], wireBytes: body.length, elapsedMs: 1 };
  },
});
const none = { etag: null, lastModified: null, bodyHash: null };

describe('the feed stage holds embargoed agency items back until their time', () => {
  it('before the embargo: skipped with the time, and no validators kept so the same bytes are read again', async () => {
    const r = await fetchFeed(source, serving(EMBARGOED), none, { now: () => Date.parse('2019-09-30T23:59:00Z') });
    if (r.kind !== 'feed') throw new Error(r.kind);
    expect(r.feed.items).toEqual([]);
    expect(r.feed.skipped.map((s) => s.reason)).toEqual(['held back: embargoed until 2019-10-01T00:00:00.000Z (read again at the first poll after that time)']);
    expect(r.validators).toEqual(none);
  });

  it('after the embargo: the item flows, validators kept', async () => {
    const r = await fetchFeed(source, serving(EMBARGOED), none, { now: () => Date.parse('2019-10-01T00:00:01Z') });
    if (r.kind !== 'feed') throw new Error(r.kind);
    expect(r.feed.items).toHaveLength(1);
    expect(r.validators.etag).toBe('"e1"');
  });

  it('a kill reaches the pipeline (it is no longer held back by the parser)', async () => {
    const r = await fetchFeed(source, serving(readFileSync(join(AGENCY_CORPUS, 'ninjs/iptc-test-1.0-pubstatus-canceled.json'))), none);
    if (r.kind !== 'feed') throw new Error(r.kind);
    expect(r.feed.items.map((i) => i.agency?.pubStatus)).toEqual(['canceled']);
  });
});
