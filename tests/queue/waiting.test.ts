/**
 * Waiting is not failing: a poll or article job that has to wait for our own per-host limit (longer than
 * politeness.maxHostWait) is put back, keeps its attempts and does not count against the source's health.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { DelayedError, UnrecoverableError } from 'bullmq';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HostBusyError, StoryBusyError, WaitSignal, WireError } from '../../src/errors.js';
import { pollSource } from '../../src/pipeline/poll-source.js';
import { runStage } from '../../src/queue/workers.js';
import type { Runtime } from '../../src/runtime.js';
import { writeConfig } from '../helpers/config.js';
import { testPrefix } from '../helpers/redis.js';
import { openTestRuntime, type TestRuntime } from '../helpers/runtime.js';

const FEED =
  '<?xml version="1.0"?><rss version="2.0"><channel><title>A</title><item><title>S</title><link>http://127.0.0.1/n/1</link><guid>s1</guid></item></channel></rss>';

function capturingLogger() {
  const lines: { msg: string; [k: string]: unknown }[] = [];
  const log = pino({ level: 'debug' }, { write: (s: string) => void lines.push(JSON.parse(s)) });
  return { log, lines };
}

function fakeJob(data: { sourceId: string; item?: { guid: string | null } }) {
  const moved: number[] = [];
  return {
    job: { id: 'job-1', data, moveToDelayed: async (ts: number) => void moved.push(ts) },
    moved,
  };
}

describe('waiting signals', () => {
  it('HostBusyError and StoryBusyError are WaitSignals, not WireErrors', () => {
    for (const e of [new HostBusyError('a.example', 10), new StoryBusyError('story', 10)]) {
      expect(e).toBeInstanceOf(WaitSignal);
      expect(e).not.toBeInstanceOf(WireError);
    }
  });

  it('runStage puts a waiting job back (delayed, no attempt used) and lets failures through', async () => {
    const { log, lines } = capturingLogger();
    const { job, moved } = fakeJob({ sourceId: 'agency', item: { guid: 'g1' } });
    const before = Date.now();
    await expect(
      runStage(log, 'article', job, 'token', () => Promise.reject(new HostBusyError('a.example', 3000))),
    ).rejects.toBeInstanceOf(DelayedError);
    expect(moved).toHaveLength(1);
    expect(moved[0]).toBeGreaterThanOrEqual(before + 3000);
    expect(lines.at(-1)).toMatchObject({ level: 30, sourceId: 'agency', guid: 'g1', host: 'a.example', delayMs: 3000 });
    expect(lines.at(-1)!.msg).toMatch(/^host busy: article put back/);

    // A failure is not put back: it goes to BullMQ's retries, "<kind>: <message>"; a permanent one skips them.
    const retried = await runStage(log, 'article', job, 'token', () =>
      Promise.reject(new WireError('network', 'reset')),
    ).catch((e: unknown) => e);
    expect(retried).not.toBeInstanceOf(DelayedError);
    expect(retried).not.toBeInstanceOf(UnrecoverableError);
    expect((retried as Error).message).toBe('network: reset');
    const permanent = await runStage(log, 'article', job, 'token', () =>
      Promise.reject(new WireError('http-status', 'HTTP 404')),
    ).catch((e: unknown) => e);
    expect(permanent).toBeInstanceOf(UnrecoverableError);
    expect(moved).toHaveLength(1);
  });
});

describe('a feed poll waiting for our own host limit', () => {
  const prefix = testPrefix();
  let server: Server;
  let opened: TestRuntime;
  let rt: Runtime;
  const { log, lines } = capturingLogger();

  beforeAll(async () => {
    server = createServer((_req, res) => void res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(FEED));
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/feed.xml`;
    // A long interval between requests to the host, and a short wait allowed for it: the second poll must wait.
    const dir = writeConfig(
      'site: X\nnetwork:\n  allowPrivate: ["127.0.0.1"]\npoliteness:\n  maxHostWait: 200ms\n  interval: 60s\n',
      `sources:\n  - { id: agency, name: Agency, feed: "${url}" }\n`,
    );
    opened = openTestRuntime(dir, prefix, log);
    rt = opened.rt;
  });
  afterAll(async () => {
    await opened.close();
    await new Promise((r) => server.close(r));
  });

  it('is put back: not a failure of the source, no "server asked to retry after"', async () => {
    expect(await pollSource(rt, { sourceId: 'agency', force: true })).toMatchObject({ outcome: 'feed', new: 1 });
    const err = await pollSource(rt, { sourceId: 'agency', force: true }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(HostBusyError);
    const health = await rt.health.get('agency');
    expect(health.consecutiveFailures).toBe(0);
    const deferred = await rt.health.deferredUntil('agency');
    expect(deferred?.kind ?? 'ttl').toBe('ttl');
    expect(lines.filter((l) => /poll failed|asked to retry after/.test(l.msg))).toEqual([]);

    // Through the worker's wrapper, the job is put back instead.
    const { job, moved } = fakeJob({ sourceId: 'agency' });
    await expect(
      runStage(log, 'poll', job, 'token', () => pollSource(rt, { sourceId: 'agency', force: true })),
    ).rejects.toBeInstanceOf(DelayedError);
    expect(moved).toHaveLength(1);
    expect(lines.at(-1)!.msg).toMatch(/^host busy: poll put back/);
    expect((await rt.health.get('agency')).consecutiveFailures).toBe(0);
  });
});
