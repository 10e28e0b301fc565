import { Queue, QueueEvents, Worker } from 'bullmq';
import { afterAll, describe, expect, it } from 'vitest';
import { JobWaiter } from '../../src/queue/job-waiter.js';
import { dropPrefix, testBull, testPrefix } from '../helpers/redis.js';

describe('JobWaiter', () => {
  const bull = testBull(testPrefix());
  const { connection } = bull;
  const prefix = bull.prefix('waited');
  const queue = new Queue('waited', { connection, prefix });
  const events = new QueueEvents('waited', { connection, prefix });
  let worker: Worker | undefined;
  afterAll(async () => {
    await worker?.close();
    await events.close();
    await queue.close();
    bull.close();
    await dropPrefix(prefix.replace(/:\{.*$/, ''));
  });

  it('waits for many jobs with one pair of listeners: results, failed reasons, jobs finished before the wait', async () => {
    const warnings: string[] = [];
    const onWarning = (w: Error) => warnings.push(`${w.name}: ${w.message}`);
    process.on('warning', onWarning);
    try {
      await events.waitUntilReady();
      const waiter = new JobWaiter(events, queue);
      const listenersBefore = events.listenerCount('completed') + queue.listenerCount('closing');
      worker = new Worker(
        'waited',
        async (job) => {
          if (job.data.n % 5 === 0) throw new Error(`no ${job.data.n}`);
          return { double: job.data.n * 2 };
        },
        { connection, prefix, concurrency: 8 },
      );
      // One job finished before anyone waits for it.
      const early = await queue.add('x', { n: 1 });
      await new Promise<void>((resolve) => {
        const check = async () => ((await early.getState()) === 'completed' ? resolve() : setTimeout(check, 50));
        void check();
      });
      const jobs = await queue.addBulk(Array.from({ length: 30 }, (_, i) => ({ name: 'x', data: { n: i + 2 } })));
      const outcomes = await Promise.all(
        [early, ...jobs].map((j) =>
          waiter.wait(j.id!).then(
            (v) => ({ ok: v }),
            (e: Error) => ({ failed: e.message }),
          ),
        ),
      );
      expect(outcomes[0]).toEqual({ ok: { double: 2 } }); // finished before the wait: read from Redis
      for (let i = 0; i < 30; i++) {
        const n = i + 2;
        const got = outcomes[i + 1] as { ok?: unknown; failed?: string };
        if (n % 5 === 0) expect(got).toEqual({ failed: `no ${n}` });
        // The event carries the return value as JSON text; a job read back from Redis, parsed (run-once parses both).
        else expect(typeof got.ok === 'string' ? JSON.parse(got.ok) : got.ok).toEqual({ double: n * 2 });
      }
      expect(events.listenerCount('completed') + queue.listenerCount('closing')).toBe(listenersBefore);
      expect(waiter.size).toBe(0);
      waiter.close();
      await new Promise((r) => setImmediate(r));
      expect(warnings.filter((w) => /MaxListeners/.test(w))).toEqual([]);
    } finally {
      process.off('warning', onWarning);
    }
  });
});
