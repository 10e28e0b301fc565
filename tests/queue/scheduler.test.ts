import type { Queue } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Source } from '../../src/config/schema.js';
import type { PollJobData } from '../../src/queue/jobs.js';
import { reconcileSchedulers } from '../../src/queue/scheduler.js';
import { dropPrefix, testPrefix, testQueue } from '../helpers/redis.js';

const src = (id: string, everyMs: number, enabled = true): Source => ({
  id,
  name: id,
  feed: `https://${id}.example/feed`,
  everyMs,
  enabled,
  extract: {},
});

describe('poll schedulers follow the config', () => {
  const prefix = testPrefix();
  let queue: Queue<PollJobData>;
  beforeAll(() => {
    queue = testQueue('poll', prefix) as Queue<PollJobData>;
  });
  afterAll(async () => {
    await queue.close();
    await dropPrefix(prefix);
  });

  async function schedulers() {
    const list = await queue.getJobSchedulers(0, -1);
    return Object.fromEntries(
      list.map((s) => [s.key, { every: s.every, sourceId: (s.template?.data as PollJobData)?.sourceId }]),
    );
  }

  it('creates, updates and removes schedulers as sources are added, edited, disabled and deleted', async () => {
    const first = await reconcileSchedulers(queue, [
      src('alpha', 60_000),
      src('beta', 300_000),
      src('gamma', 60_000, false),
    ]);
    expect(first).toEqual({ created: ['alpha', 'beta'], updated: [], removed: [], unchanged: [] });
    expect(await schedulers()).toEqual({
      'poll-alpha': { every: 60_000, sourceId: 'alpha' },
      'poll-beta': { every: 300_000, sourceId: 'beta' },
    });

    // A scheduler someone else made on this queue is not ours to delete.
    await queue.upsertJobScheduler('manual-check', { every: 3_600_000 }, { name: 'poll', data: { sourceId: 'alpha' } });

    const again = await reconcileSchedulers(queue, [
      src('alpha', 60_000),
      src('beta', 300_000),
      src('gamma', 60_000, false),
    ]);
    expect(again).toEqual({ created: [], updated: [], removed: [], unchanged: ['alpha', 'beta'] });

    // alpha's interval edited, beta disabled, gamma enabled, delta added
    const second = await reconcileSchedulers(queue, [
      src('alpha', 120_000),
      src('beta', 300_000, false),
      src('gamma', 60_000),
      src('delta', 900_000),
    ]);
    expect(second).toEqual({ created: ['gamma', 'delta'], updated: ['alpha'], removed: ['beta'], unchanged: [] });
    expect(await schedulers()).toEqual({
      'poll-alpha': { every: 120_000, sourceId: 'alpha' },
      'poll-gamma': { every: 60_000, sourceId: 'gamma' },
      'poll-delta': { every: 900_000, sourceId: 'delta' },
      'manual-check': { every: 3_600_000, sourceId: 'alpha' },
    });

    // every source deleted from the config
    const third = await reconcileSchedulers(queue, []);
    expect(third.removed.sort()).toEqual(['alpha', 'delta', 'gamma']);
    expect(Object.keys(await schedulers())).toEqual(['manual-check']);
  });
});
