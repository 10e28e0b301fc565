import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HostBusyError, HostLimiter } from '../../src/politeness/host-limiter.js';
import { isClusterUrl } from '../../src/queue/connection.js';
import { stateKeys } from '../../src/state/keys.js';
import { dropPrefix, TEST_REDIS_URL, testPrefix, testRedis } from '../helpers/redis.js';

// On a Redis Cluster the three keys of a host (one Lua script) share a hash tag, as the runtime names them.
const { hostTag } = stateKeys('x', { cluster: isClusterUrl(TEST_REDIS_URL) });

describe('per-host limiter shared through Redis', () => {
  const prefix = testPrefix();
  // Two connections and two limiter instances stand for two worker processes.
  let a: Redis;
  let b: Redis;
  beforeAll(() => {
    a = testRedis();
    b = testRedis();
  });
  afterAll(async () => {
    a.disconnect();
    b.disconnect();
    await dropPrefix(prefix);
  });

  it('never lets more than maxConcurrent requests run at once across processes', async () => {
    const limiters = [
      new HostLimiter(a, `${prefix}:h1`, 10_000, hostTag),
      new HostLimiter(b, `${prefix}:h1`, 10_000, hostTag),
    ];
    let running = 0;
    let peak = 0;
    await Promise.all(
      Array.from({ length: 12 }, async (_, i) => {
        const slot = await limiters[i % 2].acquire('agency.example', { maxConcurrent: 2, minIntervalMs: 0 }, 10_000);
        running++;
        peak = Math.max(peak, running);
        await new Promise((r) => setTimeout(r, 20));
        running--;
        await slot.release();
      }),
    );
    expect(peak).toBe(2);
  });

  it('spaces request starts by minIntervalMs', async () => {
    const limiter = new HostLimiter(a, `${prefix}:h2`, 10_000, hostTag);
    // Start i is granted after we asked for it (asked[i]) and before we saw it (granted[i]), so
    // granted[i] - asked[i - 1] >= (start i) - (start i - 1) >= the spacing, however late a busy event loop
    // lets us see a grant; without spacing it would be a few milliseconds.
    const asked: number[] = [];
    const granted: number[] = [];
    for (let i = 0; i < 4; i++) {
      asked.push(Date.now());
      const slot = await limiter.acquire('agency.example', { maxConcurrent: 10, minIntervalMs: 60 }, 10_000);
      granted.push(Date.now());
      await slot.release();
    }
    const gaps = granted.slice(1).map((t, i) => t - asked[i]);
    // Redis's clock and ours tick apart by a millisecond or so
    for (const gap of gaps) expect(gap).toBeGreaterThanOrEqual(58);
  });

  it('keeps hosts apart', async () => {
    const limiter = new HostLimiter(a, `${prefix}:h3`, 10_000, hostTag);
    const held = await limiter.acquire('one.example', { maxConcurrent: 1, minIntervalMs: 0 }, 1000);
    const other = await limiter.acquire('two.example', { maxConcurrent: 1, minIntervalMs: 0 }, 100);
    await other.release();
    await expect(limiter.acquire('one.example', { maxConcurrent: 1, minIntervalMs: 0 }, 100)).rejects.toBeInstanceOf(
      HostBusyError,
    );
    await held.release();
    await (await limiter.acquire('one.example', { maxConcurrent: 1, minIntervalMs: 0 }, 100)).release();
  });

  it('frees the slot of a holder that died, once its lease runs out', async () => {
    const limiter = new HostLimiter(a, `${prefix}:h4`, 150, hostTag);
    await limiter.acquire('agency.example', { maxConcurrent: 1, minIntervalMs: 0 }, 1000); // never released
    const t0 = Date.now();
    const slot = await limiter.acquire('agency.example', { maxConcurrent: 1, minIntervalMs: 0 }, 2000);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(100);
    await slot.release();
  });

  it('blocks a host for every process after a Retry-After', async () => {
    const la = new HostLimiter(a, `${prefix}:h5`, 10_000, hostTag);
    const lb = new HostLimiter(b, `${prefix}:h5`, 10_000, hostTag);
    await la.block('agency.example', 5_000);
    const err = await lb.acquire('agency.example', { maxConcurrent: 5, minIntervalMs: 0 }, 200).catch((e) => e);
    expect(err).toBeInstanceOf(HostBusyError);
    expect(err.waitMs).toBeGreaterThan(4_000);
    // feeds do not honour the host block (each source has its own Retry-After deferral)
    await (await lb.acquire('agency.example', { maxConcurrent: 5, minIntervalMs: 0 }, 200, false)).release();
  });
});
