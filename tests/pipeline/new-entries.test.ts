import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pollSource } from '../../src/pipeline/poll-source.js';
import type { Runtime } from '../../src/runtime.js';
import { writeConfig } from '../helpers/config.js';
import { testPrefix } from '../helpers/redis.js';
import { openTestRuntime, type TestRuntime } from '../helpers/runtime.js';

// Entries are queued in batches of 100; 230 makes three, the last one short.
const ENTRIES = 230;

function feed(origin: string): string {
  const items = Array.from(
    { length: ENTRIES },
    (_, i) => `<item><title>Story ${i}</title><link>${origin}/news/${i}</link><guid>story-${i}</guid></item>`,
  );
  return `<?xml version="1.0"?><rss version="2.0"><channel><title>Agency</title>${items.join('')}</channel></rss>`;
}

describe('queueing a feed’s entries', () => {
  const prefix = testPrefix();
  let server: Server;
  let opened: TestRuntime;
  let redis: Redis;
  let rt: Runtime;

  beforeAll(async () => {
    server = createServer((req, res) => {
      res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(feed(`http://${req.headers.host}`));
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/feed.xml`;
    const dir = writeConfig(
      'site: X\nnetwork:\n  allowPrivate: ["127.0.0.1"]\n',
      `sources:\n  - { id: agency, name: Agency, feed: "${url}" }\n`,
    );
    opened = openTestRuntime(dir, prefix);
    ({ rt, redis } = opened);
  });
  afterAll(async () => {
    await opened.close();
    await new Promise((r) => server.close(r));
  });

  it('marks entries seen only once their jobs exist: a failure mid-feed loses none and the next poll queues the rest once', async () => {
    const addBulk = rt.queues.article.addBulk.bind(rt.queues.article);
    let calls = 0;
    rt.queues.article.addBulk = (async (jobs) => {
      if (++calls === 2) throw new Error('Redis went away');
      return addBulk(jobs);
    }) as typeof addBulk;

    await expect(pollSource(rt, { sourceId: 'agency', force: true })).rejects.toThrow(/Redis went away/);
    // The first batch was added and remembered; the second was not added, so it must not be remembered either.
    expect(await rt.queues.article.getJobCountByTypes('waiting')).toBe(100);
    expect(await redis.hlen(rt.keys.seen('agency'))).toBe(100);

    rt.queues.article.addBulk = addBulk;
    const again = await pollSource(rt, { sourceId: 'agency', force: true });
    expect(again).toMatchObject({ outcome: 'feed', new: ENTRIES - 100, seen: 100 });
    const jobs = await rt.queues.article.getJobs(['waiting'], 0, -1);
    expect(jobs).toHaveLength(ENTRIES);
    expect(new Set(jobs.map((j) => j.data.item.guid)).size).toBe(ENTRIES);

    const third = await pollSource(rt, { sourceId: 'agency', force: true });
    expect(third).toMatchObject({ new: 0, updated: 0, articleJobIds: [] });
    expect(await rt.queues.article.getJobCountByTypes('waiting')).toBe(ENTRIES);
  });
});
