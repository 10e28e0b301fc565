/**
 * What a worker killed mid-work leaves behind expires after the configured durations, not fixed ones: a
 * story's publish lock after jobs.lockDuration, a per-host request slot after network.bodyTimeoutMs.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildWireItem } from '../../src/item/build.js';
import { publishStory } from '../../src/pipeline/publish-story.js';
import { writeConfig } from '../helpers/config.js';
import { startOrigin, wireYaml, type Origin } from '../helpers/faults.js';
import { testPrefix } from '../helpers/redis.js';
import { openTestRuntime, type TestRuntime } from '../helpers/runtime.js';
import { sampleInput } from '../helpers/sample-item.js';

describe('recovery times follow the settings', () => {
  let origin: Origin;
  let opened: TestRuntime;

  beforeAll(async () => {
    origin = await startOrigin();
    origin.routes.set('/hangs', () => {}); // never answers: the request runs until bodyTimeoutMs cuts it off
    const dir = writeConfig(
      wireYaml({ jobs: { lockDuration: '7s' }, network: { bodyTimeoutMs: 3000 } }),
      'sources: []\n',
    );
    opened = openTestRuntime(dir, testPrefix());
  });
  afterAll(async () => {
    await opened?.close();
    await origin?.close();
  });

  /** Milliseconds until the score (an expiry time on Redis's clock) of every member of a zset. */
  async function remaining(key: string): Promise<number[]> {
    const [[s, us], scores] = await Promise.all([opened.redis.time(), opened.redis.zrange(key, 0, -1, 'WITHSCORES')]);
    const now = Number(s) * 1000 + Math.floor(Number(us) / 1000);
    return scores.filter((_, i) => i % 2 === 1).map((score) => Number(score) - now);
  }

  it("a story's publish lock lasts jobs.lockDuration", async () => {
    const { rt } = opened;
    const item = buildWireItem(sampleInput());
    const lockKey = rt.keys.lock(`item-${item.id}`);
    let ttl = -1;
    const get = rt.items.get.bind(rt.items);
    rt.items.get = async (id: string) => {
      ttl = await rt.redis.pttl(lockKey); // seen while publishStory holds the lock
      return get(id);
    };
    try {
      expect(await publishStory(rt, item)).toMatchObject({ outcome: 'published', version: 1 });
    } finally {
      rt.items.get = get;
    }
    expect(ttl).toBeGreaterThan(6000);
    expect(ttl).toBeLessThanOrEqual(7000);
    expect(await rt.redis.exists(lockKey)).toBe(0); // released once published
  });

  it('a per-host request slot is a lease of network.bodyTimeoutMs', async () => {
    const { rt } = opened;
    const slots = `${rt.keys.hosts}:slots:${rt.keys.hostTag(origin.host)}`;
    const started = Date.now();
    const fetching = rt.fetcher.fetch(`${origin.origin}/hangs`).catch((err: Error) => err);
    let leases: number[] = [];
    while (leases.length === 0 && Date.now() - started < 2000) {
      leases = await remaining(slots);
      await new Promise((r) => setTimeout(r, 20));
    }
    expect(leases).toHaveLength(1);
    expect(leases[0]).toBeGreaterThan(1000);
    expect(leases[0]).toBeLessThanOrEqual(3000);
    const err = await fetching;
    expect(String(err)).toMatch(/within 3000 ms \(network\.bodyTimeoutMs\)/);
    expect(await remaining(slots)).toEqual([]); // and released when the request ended
  }, 15_000);
});
