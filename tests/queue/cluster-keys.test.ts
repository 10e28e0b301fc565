/**
 * Redis Cluster key layout: the keys one MULTI or Lua script touches share a hash slot, and the queues spread
 * over the masters. Checked twice: by computing CRC16 slots (cluster-key-slot, the function ioredis routes
 * with), and against a real 3-master + 3-replica cluster on loopback, where a command across slots fails
 * with CROSSSLOT.
 */
import { createRequire } from 'node:module';
import { Queue, Worker } from 'bullmq';
import { Cluster, type Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WireError } from '../../src/errors.js';
import type { FeedItem } from '../../src/feed/types.js';
import { HostLimiter } from '../../src/politeness/host-limiter.js';
import { parseRedisUrl } from '../../src/queue/connection.js';
import { queuePrefix } from '../../src/queue/names.js';
import { HealthStore } from '../../src/state/health.js';
import { EditorialStore, type DropRecord } from '../../src/state/editorial.js';
import { ItemStore, recentItems } from '../../src/state/items.js';
import { stateKeys } from '../../src/state/keys.js';
import { tryLock } from '../../src/state/lock.js';
import { SeenStore } from '../../src/state/seen.js';
import { sampleItem } from '../helpers/sample-item.js';
import { RedisServers, waitUntil } from '../helpers/redis-servers.js';

const slot = createRequire(import.meta.url)('cluster-key-slot') as (key: string) => number;
/** Which master of a freshly created 3-master cluster serves a slot (redis-cli splits 16384 slots evenly). */
const third = (s: number) => (s <= 5460 ? 0 : s <= 10922 ? 1 : 2);

/** The keys BullMQ writes for one queue and one job (its Lua scripts touch them together). */
const bullKeys = (prefix: string, queue: string) =>
  [
    'wait',
    'active',
    'meta',
    'id',
    'events',
    'delayed',
    'prioritized',
    'completed',
    'failed',
    'stalled',
    'marker',
    'job-1',
    'job-1:lock',
  ].map((suffix) => `${prefix}:${queue}:${suffix}`);

describe('key layout (CRC16 slots)', () => {
  it('on one Redis, names are as before (no hash tags)', () => {
    const k = stateKeys('wire');
    expect([
      k.seen('bbc'),
      k.seenAt('bbc'),
      k.source('bbc'),
      k.item('x1'),
      k.lock('poll-bbc'),
      k.hosts,
      k.hostTag('example.com'),
    ]).toEqual([
      'wire:state:seen:bbc',
      'wire:state:seen-at:bbc',
      'wire:state:source:bbc',
      'wire:state:item:x1',
      'wire:state:lock:poll-bbc',
      'wire:state:host',
      'example.com',
    ]);
    expect(queuePrefix('wire', 'poll')).toBe('wire');
  });

  it('on a Cluster, the keys of one source, one host and one queue share a slot; sources and hosts spread', () => {
    const k = stateKeys('wire', { cluster: true });
    for (const src of ['bbc-world', 'reuters', 'al-jazeera']) {
      const s = slot(k.seen(src));
      // SeenStore: seen + seenAt in one MULTI; HealthStore: the source hash and its day counters in one MULTI
      expect(
        [k.seenAt(src), k.source(src), `${k.source(src)}:day:2026-12-07`, `${k.source(src)}:published:2026-12-07`].map(
          slot,
        ),
      ).toEqual([s, s, s, s]);
    }
    for (const host of ['example.com', 'www.bbc.co.uk']) {
      const h = k.hostTag(host);
      const keys = [`${k.hosts}:slots:${h}`, `${k.hosts}:next:${h}`, `${k.hosts}:blocked:${h}`];
      expect(new Set(keys.map(slot)).size).toBe(1);
    }
    const spread = new Set(Array.from({ length: 300 }, (_, i) => third(slot(k.seen(`source-${i}`)))));
    expect(spread.size).toBe(3);
  });

  it('on a Cluster, each queue has one slot, and poll, article, publish and the webhook queue have different ones, on three masters', () => {
    const slots = ['poll', 'article', 'publish', 'publish-webhook'].map((q) => {
      const keys = bullKeys(queuePrefix('wire', q, true), q);
      const s = new Set(keys.map(slot));
      expect(s.size, q).toBe(1);
      return [...s][0];
    });
    expect(new Set(slots).size).toBe(4);
    expect(new Set(slots.slice(0, 3).map(third)).size).toBe(3);
    // without the tag, a queue's keys scatter: BullMQ's scripts would fail with CROSSSLOT
    expect(new Set(bullKeys('wire', 'poll').map(slot)).size).toBeGreaterThan(1);
  });
});

const entry = (guid: string): FeedItem =>
  ({
    guid,
    link: `https://example.com/${guid}`,
    title: `T ${guid}`,
    publishedAt: null,
    updatedAt: null,
    summary: null,
    content: null,
    author: null,
    categories: [],
  }) as unknown as FeedItem;

describe('key layout on a real Redis Cluster (3 masters, 3 replicas)', () => {
  const servers = new RedisServers();
  let cluster: Cluster;
  const prefix = 'wiretest-cluster';

  beforeAll(async () => {
    const topo = await servers.cluster(3, 1);
    const target = parseRedisUrl(topo.url);
    if (target.kind !== 'cluster') throw new Error('expected a cluster URL');
    cluster = new Cluster(target.nodes, { redisOptions: { maxRetriesPerRequest: null } });
    await waitUntil(async () => (await cluster.set(`${prefix}:probe`, '1')) === 'OK', 30_000, 'the cluster client');
  }, 120_000);
  afterAll(async () => {
    cluster?.disconnect();
    await servers.stop();
  });

  it('the state stores, the host limiter and the locks run without CROSSSLOT with the cluster names, and fail with the single-Redis names', async () => {
    const redis = cluster as unknown as Redis;
    const keys = stateKeys(prefix, { cluster: true });
    const seen = new SeenStore(redis, keys, 86_400_000);
    await seen.mark('src-a', [entry('a1'), entry('a2')]);
    expect(await seen.classify('src-a', [entry('a1'), entry('a3')])).toEqual(['seen', 'new']);
    await seen.touchAndPrune('src-a', [entry('a1')], Date.now() + 2 * 86_400_000);
    const health = new HealthStore(redis, keys);
    await health.pollSucceeded('src-a', {
      status: 200,
      fetchMs: 12,
      queued: 2,
      validators: { etag: '"x"', lastModified: null, bodyHash: null },
      movedTo: null,
    });
    expect(await health.pollFailed('src-a', new WireError('timeout', 'too slow'))).toBe(1);
    await health.articleDone('src-a', false);
    const items = new ItemStore(redis, keys, 60_000);
    await items.put(sampleItem());
    // the embargo index beside each story's queued version (different slots: two commands, not one MULTI)
    const embargo = new Date(Date.now() + 3_600_000).toISOString();
    await items.putQueued('story-1', {
      agency: { version: '2', updatedAt: null },
      embargo,
      sourceId: 'src-a',
      guid: 'g',
    });
    expect((await items.embargoes()).map((e) => e.itemId)).toEqual(['story-1']);
    // the editorial drops: the list and the counts in one MULTI
    const editorial = new EditorialStore(redis, keys);
    await editorial.recordDrop({
      itemId: 'story-2',
      sourceId: 'src-a',
      headline: 'H',
      url: 'https://example.com/2',
      at: new Date().toISOString(),
      rule: 'no-sport',
    } as DropRecord);
    expect(await editorial.dropCounts()).toEqual([{ sourceId: 'src-a', rule: 'no-sport', count: 1 }]);
    // the rules dry run reads the stories of every master
    for (let i = 0; i < 12; i++) await items.put({ ...sampleItem(), id: `spread-${i}` });
    expect((await recentItems(redis, keys, 0)).length).toBe(13);
    const limiter = new HostLimiter(redis, keys.hosts, 10_000, keys.hostTag);
    const held = await limiter.acquire('example.com', { maxConcurrent: 1, minIntervalMs: 0 }, 5_000);
    await held.release();
    await limiter.block('example.com', 50);
    const lock = await tryLock(redis, keys.lock('item-x'), 5_000);
    expect(lock).not.toBeNull();
    await lock!.release();

    // the same with the single-Redis names: the MULTI spans two slots, which a cluster (here ioredis first) refuses
    const plain = new SeenStore(redis, stateKeys(`${prefix}-plain`), 86_400_000);
    expect(slot(stateKeys(`${prefix}-plain`).seen('src-a'))).not.toBe(
      slot(stateKeys(`${prefix}-plain`).seenAt('src-a')),
    );
    await expect(plain.mark('src-a', [entry('a1')])).rejects.toThrow(/CROSSSLOT|same slots allocation group/);
  }, 60_000);

  it('BullMQ queues with the tagged prefix add and run jobs, each queue on the master that owns its slot', async () => {
    const queues = ['poll', 'article', 'publish'];
    const done: string[] = [];
    const opened: { close(): Promise<void> }[] = [];
    try {
      for (const q of queues) {
        const qp = queuePrefix(prefix, q, true);
        const queue = new Queue(q, { connection: cluster, prefix: qp });
        const worker = new Worker(q, async (job) => void done.push(`${q}/${job.id}`), {
          connection: cluster,
          prefix: qp,
        });
        worker.on('error', () => {});
        opened.push(worker, queue);
        await queue.addBulk([1, 2, 3].map((i) => ({ name: 'j', data: { i }, opts: { jobId: `j${i}` } })));
      }
      await waitUntil(async () => done.length === 9, 60_000, 'the jobs of the three queues');
      expect(done.sort()).toEqual(queues.flatMap((q) => [1, 2, 3].map((i) => `${q}/j${i}`)).sort());
      // each queue's id counter lives on a different master
      const owners = await Promise.all(
        queues.map(async (q) => {
          const key = `${queuePrefix(prefix, q, true)}:${q}:meta`;
          const s = slot(key);
          const ranges = (await cluster.call('CLUSTER', 'SLOTS')) as [number, number, [string, number]][];
          const owner = ranges.find(([from, to]) => s >= from && s <= to)!;
          return owner[2][1];
        }),
      );
      expect(new Set(owners).size).toBe(3);
    } finally {
      for (const o of opened) await o.close().catch(() => {});
    }
  }, 90_000);
});
