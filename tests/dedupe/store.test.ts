import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Redis } from 'ioredis';
import { DedupeStore } from '../../src/state/dedupe.js';
import { stateKeys } from '../../src/state/keys.js';
import { textSignature } from '../../src/dedupe/minhash.js';
import type { DedupeKey } from '../../src/dedupe/match.js';
import { isClusterUrl } from '../../src/queue/connection.js';
import { TEST_REDIS_URL, dropPrefix, keysUnder, testPrefix, testRedis } from '../helpers/redis.js';
import fixture from '../fixtures/dedupe/articles.json' with { type: 'json' };

const HOUR = 3_600_000;
const art = (id: string) => fixture.articles.find((a) => a.id === id)!;
const key = (id: string, extra: Partial<DedupeKey> = {}, tail: string[] = []): DedupeKey => ({
  headline: art(id).headline,
  ...textSignature([...art(id).paragraphs, ...tail].join('\n\n')),
  ...extra,
});

describe('DedupeStore (real Redis)', () => {
  const prefix = testPrefix();
  let redis: Redis;
  let store: DedupeStore;
  const t0 = Date.UTC(2026, 11, 7, 8, 0, 0);

  beforeAll(() => {
    redis = testRedis();
    // As the runtime builds them: hash-tagged per-item keys on a Cluster.
    store = new DedupeStore(redis, stateKeys(prefix, { cluster: isClusterUrl(TEST_REDIS_URL) }), 48 * HOUR);
  });
  afterAll(async () => {
    await dropPrefix(prefix);
    redis.disconnect();
  });

  it('finds the same story from another source in the window, with its group; not a different report', async () => {
    await store.add('a1', 'agency-a', 'a1', key('quake-1'), t0);
    await store.add('a2', 'agency-a', 'a2', key('bank-1'), t0);
    const m = await store.lookup(key('quake-1', {}, ['— The Associated Press contributed to this report.']), t0 + HOUR);
    expect(m).toMatchObject({ itemId: 'a1', sourceId: 'agency-a', storyGroup: 'a1', reason: 'near-duplicate' });
    expect(await store.lookup(key('quake-2'), t0 + HOUR)).toBeUndefined();
    expect(await store.lookup(key('bank-2'), t0 + HOUR)).toBeUndefined();
  });

  it('a later member keeps the group id; URL and agency id match whatever the text', async () => {
    await store.add(
      'b1',
      'site-b',
      'a1',
      key('quake-1', { canonicalUrl: 'https://b.example/q?utm_source=rss' }),
      t0 + 2 * HOUR,
    );
    const byUrl = await store.lookup(key('match-1', { canonicalUrl: 'https://www.b.example/q/' }), t0 + 3 * HOUR);
    expect(byUrl).toMatchObject({ itemId: 'b1', storyGroup: 'a1', reason: 'canonical-url' });
    await store.add('c1', 'agency-c', 'c1', key('match-2', { agencyId: 'dpa:urn:1' }), t0 + 3 * HOUR);
    expect(await store.lookup(key('bank-2', { agencyId: 'dpa:urn:1' }), t0 + 3 * HOUR)).toMatchObject({
      itemId: 'c1',
      reason: 'agency-id',
    });
  });

  it('forgets items older than the window, and excludes the item itself', async () => {
    expect(await store.lookup(key('bank-1'), t0 + 47 * HOUR)).toMatchObject({ itemId: 'a2' });
    expect(await store.lookup(key('bank-1'), t0 + 49 * HOUR)).toBeUndefined();
    expect(await store.lookup(key('bank-1'), t0 + HOUR, 'a2')).toBeUndefined();
  });

  it('keys expire one window after their last write', async () => {
    // Every master's keys (a KEYS sees one node of a Cluster).
    const keys = (await keysUnder(prefix)).filter((k) => k.startsWith(`${prefix}:state:dedupe:`));
    expect(keys.length).toBeGreaterThan(64);
    const ttls = await Promise.all(keys.map((k) => redis.ttl(k)));
    for (const t of ttls) expect(t).toBeGreaterThan(47 * 3600);
    for (const t of ttls) expect(t).toBeLessThanOrEqual(48 * 3600);
  });
});
