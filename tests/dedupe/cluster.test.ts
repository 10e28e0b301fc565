/**
 * The same-story store and step on a real Redis Cluster (3 masters on loopback): per-item and per-group keys
 * are hash-tagged, the index keys are one key each, and no command spans two slots.
 */
import { createRequire } from 'node:module';
import { Cluster, type Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { textSignature } from '../../src/dedupe/minhash.js';
import type { DedupeKey } from '../../src/dedupe/match.js';
import { silentLogger } from '../../src/log/index.js';
import { publishInStoryGroup } from '../../src/pipeline/story-group.js';
import { DedupeStore } from '../../src/state/dedupe.js';
import { stateKeys } from '../../src/state/keys.js';
import { parseRedisUrl } from '../../src/queue/connection.js';
import { RedisServers, waitUntil } from '../helpers/redis-servers.js';
import { sampleItem } from '../helpers/sample-item.js';
import { copyOf } from '../helpers/same-story.js';
import type { WireConfig } from '../../src/config/schema.js';

const slot = createRequire(import.meta.url)('cluster-key-slot') as (key: string) => number;
const HOUR = 3_600_000;
const key = (id: string, site: 'a' | 'b' | 'c'): DedupeKey => {
  const c = copyOf(id, site);
  return { headline: c.title, ...textSignature(c.paragraphs.join('\n\n')) };
};

describe('same-story keys on a Cluster', () => {
  it('the per-item and per-group keys carry their id as hash tag; the duplicates list and counts share one', () => {
    const k = stateKeys('wire', { cluster: true });
    expect(k.dedupeItem('abc')).toBe('wire:state:dedupe:item:{abc}');
    expect(k.dedupeGroup('abc')).toBe('wire:state:dedupe:group:{abc}');
    expect(slot(k.duplicates)).toBe(slot(k.duplicateCounts));
    // the editorial rules' keys (a drop writes the list and the counts in one MULTI) share one slot too
    expect(new Set([k.held, k.dropped, k.dropCounts].map(slot)).size).toBe(1);
    expect([stateKeys('wire').held, stateKeys('wire').dropped, stateKeys('wire').dropCounts]).toEqual([
      'wire:state:editorial:held',
      'wire:state:editorial:dropped',
      'wire:state:editorial:drop-counts',
    ]);
    const plain = stateKeys('wire');
    expect([plain.dedupeItem('abc'), plain.dedupeGroup('abc'), plain.duplicates]).toEqual([
      'wire:state:dedupe:item:abc',
      'wire:state:dedupe:group:abc',
      'wire:state:dedupe-duplicates:list',
    ]);
  });
});

describe('the same-story store and step on a real Redis Cluster (3 masters)', () => {
  const servers = new RedisServers();
  let cluster: Cluster;
  const prefix = 'wiretest-dedupe-cluster';

  beforeAll(async () => {
    const topo = await servers.cluster(3, 0);
    const target = parseRedisUrl(topo.url);
    if (target.kind !== 'cluster') throw new Error('expected a cluster URL');
    cluster = new Cluster(target.nodes, { redisOptions: { maxRetriesPerRequest: null } });
    await waitUntil(async () => (await cluster.set(`${prefix}:probe`, '1')) === 'OK', 30_000, 'the cluster client');
  }, 120_000);
  afterAll(async () => {
    cluster?.disconnect();
    await servers.stop();
  });

  it('lookup, add, groups, duplicates and the step run without CROSSSLOT', async () => {
    const redis = cluster as unknown as Redis;
    const keys = stateKeys(prefix, { cluster: true });
    const store = new DedupeStore(redis, keys, 48 * HOUR);
    const t0 = Date.UTC(2026, 11, 7, 8);
    await store.add('a1', 'site-a', 'a1', key('quake-1', 'a'), t0);
    expect(await store.lookup(key('quake-1', 'b'), t0 + HOUR)).toMatchObject({ itemId: 'a1', storyGroup: 'a1' });
    expect(await store.lookup(key('quake-2', 'b'), t0 + HOUR)).toBeUndefined();
    expect(await store.itemGroup('a1', t0 + HOUR)).toBe('a1');
    await store.putGroup({ id: 'a1', members: [] });
    expect(await store.group('a1')).toEqual({ id: 'a1', members: [] });

    // The step itself: two copies at once, policy first: one published, one duplicate.
    const config = {
      wire: { dedupe: { windowMs: 48 * HOUR, policy: 'first', prefer: [] }, jobs: { lockDuration: 30_000 } },
    };
    const ctx = { config: config as unknown as { wire: WireConfig }, redis, keys, log: silentLogger, dedupe: store };
    const copy = (site: 'a' | 'b', id: string) => {
      const c = copyOf('bank-1', site);
      const base = sampleItem();
      return {
        ...base,
        id,
        headlineOriginal: c.title,
        body: { ...base.body, text: c.paragraphs.join('\n\n') },
        source: { ...base.source, id: `site-${site}`, url: `https://${site}.example/bank-1` },
      };
    };
    const published: string[] = [];
    const outcomes = await Promise.all(
      (['a', 'b'] as const).map((site, i) =>
        publishInStoryGroup(ctx, copy(site, `${'0'.repeat(31)}${i + 1}`), null, async (item) => {
          published.push(item.id);
          return { outcome: 'published', version: 1, publishJobId: `${item.id}-v1` };
        }),
      ),
    );
    expect(outcomes.map((o) => o.action).sort()).toEqual(['duplicate', 'published']);
    expect(published).toHaveLength(1);
    expect(await store.duplicates()).toHaveLength(1);
    expect(await store.duplicateCounts()).toHaveLength(1);
  }, 60_000);
});
