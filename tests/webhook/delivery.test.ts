import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { UnrecoverableError, type Job, type Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { pino } from 'pino';
import type { PublishPayload } from '../../src/publish/payload.js';
import { PUBLISH_JOB_NAME, publishJobId } from '../../src/queue/names.js';
import { WireError } from '../../src/errors.js';
import { deliverItem } from '../../src/webhook/deliver.js';
import { verifySignature } from '../../src/webhook/signature.js';
import { startWebhookWorker, webhookJobOptions } from '../../src/webhook/worker.js';
import { dropPrefix, TEST_REDIS_URL, testPrefix, testQueue, testRedis } from '../helpers/redis.js';
import { samplePayload } from '../helpers/sample-item.js';

const SECRET = 'test-webhook-secret-0123456789';

interface Received {
  body: string;
  verified: boolean;
  idempotencyKey: string | undefined;
  keyMatchesBody: boolean;
  timestampHeader: string | undefined;
  contentType: string | undefined;
}

/**
 * A receiver as a downstream system would write it: checks the signature over the raw body and that the
 * idempotency key names the item's id and version, then answers with the next scripted status.
 */
class Receiver {
  server: Server;
  received: Received[] = [];
  script: number[] = [];
  delayMs = 0;
  url = '';

  constructor() {
    this.server = createServer(async (req, res) => {
      const body = await readBody(req);
      const verified = verifySignature(body, req.headers['x-wire-signature'] as string | undefined, SECRET).ok;
      const key = req.headers['idempotency-key'] as string | undefined;
      let keyMatchesBody = false;
      try {
        const item = JSON.parse(body) as { id: string; version: number };
        keyMatchesBody = key === `${item.id}-v${item.version}`;
      } catch {
        // stays false
      }
      this.received.push({
        body,
        verified,
        idempotencyKey: key,
        keyMatchesBody,
        timestampHeader: req.headers['x-wire-timestamp'] as string | undefined,
        contentType: req.headers['content-type'],
      });
      if (this.delayMs) await new Promise((r) => setTimeout(r, this.delayMs));
      if (!verified || !keyMatchesBody) {
        res.writeHead(401).end('bad signature or idempotency key');
        return;
      }
      const status = this.script.shift() ?? 204;
      res.writeHead(status, { 'content-type': 'text/plain' }).end(status >= 400 ? `receiver says no (${status})` : '');
    });
  }

  async start(): Promise<void> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/hooks/wire?token=not-for-logs`;
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

let receiver: Receiver;

beforeEach(async () => {
  receiver = new Receiver();
  await receiver.start();
});

afterEach(async () => {
  await receiver.stop();
});

describe('deliverItem', () => {
  it('POSTs the item as signed JSON with the idempotency key, and resolves on 2xx', async () => {
    const item = samplePayload();
    receiver.script = [200];
    const delivery = await deliverItem(item, { url: receiver.url, secret: SECRET, timeoutMs: 5000 });
    expect(delivery).toMatchObject({ status: 200, idempotencyKey: `${item.id}-v1` });
    expect(receiver.received).toHaveLength(1);
    const got = receiver.received[0];
    expect(got).toMatchObject({ verified: true, keyMatchesBody: true, contentType: 'application/json; charset=utf-8' });
    expect(JSON.parse(got.body)).toEqual(item);
    expect(Number(got.timestampHeader)).toBeCloseTo(Date.now() / 1000, -1);
  });

  it('carries the ninjs form beside the item when the payload has it', async () => {
    const payload = samplePayload({}, { ninjs: true });
    await deliverItem(payload, { url: receiver.url, secret: SECRET, timeoutMs: 5000 });
    expect(JSON.parse(receiver.received[0].body).ninjs.uri).toBe(`urn:media-wire:item:${payload.id}`);
  });

  it('throws a permanent error on 400, naming status and URL (without its query)', async () => {
    receiver.script = [400];
    const err = await deliverItem(samplePayload(), { url: receiver.url, secret: SECRET, timeoutMs: 5000 }).catch(
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(UnrecoverableError);
    const message = (err as Error).message;
    expect(message).toContain('answered 400');
    expect(message).toContain(`${new URL(receiver.url).origin}/hooks/wire`);
    expect(message).toContain('receiver says no (400)');
    expect(message).not.toContain('token');
  });

  it.each([500, 503, 429, 408])('throws a retryable error on %i', async (status) => {
    receiver.script = [status];
    const err = await deliverItem(samplePayload(), { url: receiver.url, secret: SECRET, timeoutMs: 5000 }).catch(
      (e: unknown) => e,
    );
    expect(err).not.toBeInstanceOf(UnrecoverableError);
    expect(err).toBeInstanceOf(WireError);
    expect(err).toMatchObject({ kind: 'http-status', status, retryable: true });
    expect((err as Error).message).toContain(`answered ${status}`);
  });

  it('times out a slow receiver', async () => {
    receiver.delayMs = 1000;
    const err = await deliverItem(samplePayload(), { url: receiver.url, secret: SECRET, timeoutMs: 200 }).catch(
      (e: unknown) => e,
    );
    expect(err).toMatchObject({ kind: 'timeout', retryable: true });
    expect((err as Error).message).toMatch(/timed out after 200 ms/);
  });

  it('reports a network failure with the URL', async () => {
    const url = receiver.url;
    await receiver.stop();
    receiver = new Receiver(); // afterEach stops this one instead
    await receiver.start();
    const err = await deliverItem(samplePayload(), { url, secret: SECRET, timeoutMs: 2000 }).catch((e: unknown) => e);
    expect(err).toMatchObject({ kind: 'network', retryable: true });
    expect((err as Error).message).toContain(`webhook POST to ${new URL(url).origin}/hooks/wire failed`);
  });
});

describe('startWebhookWorker (real BullMQ on Redis)', () => {
  let prefix: string;
  let queue: Queue<PublishPayload>;
  let webhook: ReturnType<typeof startWebhookWorker>;
  let redis: Redis;
  let logs: { level: number; msg: string; itemId?: string; version?: number }[];

  beforeEach(() => {
    prefix = testPrefix();
    logs = [];
    const log = pino({ level: 'info' }, { write: (line: string) => void logs.push(JSON.parse(line)) });
    queue = testQueue('publish-webhook', prefix) as Queue<PublishPayload>;
    redis = testRedis();
    webhook = startWebhookWorker({
      redis,
      redisUrl: TEST_REDIS_URL,
      prefix,
      webhook: { url: receiver.url, timeoutMs: 5000 },
      secret: SECRET,
      log,
    });
  });

  afterEach(async () => {
    await webhook.close();
    await queue.close();
    redis.disconnect();
    await dropPrefix(prefix);
  });

  /** Adds a job the way the article stage is meant to: name item, id <id>-v<version>, retries from config. */
  async function add(payload: PublishPayload, attempts = 4): Promise<Job<PublishPayload>> {
    return queue.add(PUBLISH_JOB_NAME, payload, {
      jobId: publishJobId(payload.id, payload.version),
      ...webhookJobOptions({ attempts, backoff: 50 }),
    });
  }

  async function settled(jobId: string): Promise<{ state: string; job: Job<PublishPayload> }> {
    for (let i = 0; i < 200; i++) {
      const state = await queue.getJobState(jobId);
      // Read the job after its state is final: a job read before can hold the previous attempt's counters.
      if (state === 'completed' || state === 'failed') return { state, job: (await queue.getJob(jobId))! };
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error(`job ${jobId} did not settle`);
  }

  /** The worker's 'failed' event (and its log line) comes just after the state change. */
  async function logLines(n: number): Promise<typeof logs> {
    for (let i = 0; i < 100 && logs.length < n; i++) await new Promise((r) => setTimeout(r, 20));
    return logs;
  }

  it('delivers a job on 2xx and completes it', async () => {
    const item = samplePayload();
    const job = await add(item);
    const { state, job: done } = await settled(job.id!);
    expect(state).toBe('completed');
    expect(done.attemptsMade).toBe(1);
    expect(done.returnvalue).toMatchObject({ status: 204, idempotencyKey: `${item.id}-v1` });
    expect(receiver.received).toHaveLength(1);
    expect(receiver.received[0]).toMatchObject({ verified: true, keyMatchesBody: true });
  });

  it('retries a 500 with backoff and delivers on the next attempt, with the same idempotency key', async () => {
    receiver.script = [500, 200];
    const item = samplePayload({ version: 2 });
    const job = await add(item);
    const { state, job: done } = await settled(job.id!);
    expect(state).toBe('completed');
    expect(done.attemptsMade).toBe(2);
    expect(receiver.received.map((r) => r.idempotencyKey)).toEqual([`${item.id}-v2`, `${item.id}-v2`]);
    expect(receiver.received.every((r) => r.verified)).toBe(true);
    // pino levels: 30 info, 40 warn, 50 error
    expect((await logLines(2)).map((l) => [l.level, l.msg.split(':')[0], l.itemId, l.version])).toEqual([
      [40, 'webhook delivery failed, will retry', item.id, 2],
      [30, 'webhook delivered', item.id, 2],
    ]);
  });

  it('fails a 400 at once into the failed set, with its reason, without spending the other attempts', async () => {
    receiver.script = [400, 200, 200];
    const job = await add(samplePayload(), 5);
    const { state, job: failed } = await settled(job.id!);
    expect(state).toBe('failed');
    expect(failed.attemptsMade).toBe(1);
    expect(failed.failedReason).toMatch(
      /^webhook http:\/\/127\.0\.0\.1:\d+\/hooks\/wire answered 400 \(permanent, not retried\)/,
    );
    expect(receiver.received).toHaveLength(1);
    expect(await queue.getFailedCount()).toBe(1);
    expect((await logLines(1)).map((l) => [l.level, l.msg.split(':')[0], l.itemId])).toEqual([
      [50, 'webhook delivery failed for good', job.data.id],
    ]);
  });

  it('keeps a job that failed every attempt in the failed set with the last reason', async () => {
    receiver.script = [503, 503];
    const job = await add(samplePayload(), 2);
    const { state, job: failed } = await settled(job.id!);
    expect(state).toBe('failed');
    expect(failed.attemptsMade).toBe(2);
    expect(failed.failedReason).toMatch(/answered 503/);
    expect(receiver.received).toHaveLength(2);
    expect((await logLines(2)).map((l) => l.level)).toEqual([40, 50]);
  });

  it('fails a job whose data is not a WireItem without calling the receiver', async () => {
    const job = await queue.add(PUBLISH_JOB_NAME, { id: 'nope', version: 1 } as unknown as PublishPayload, {
      jobId: 'bad-v1',
      attempts: 3,
    });
    const { state, job: failed } = await settled(job.id!);
    expect(state).toBe('failed');
    expect(failed.attemptsMade).toBe(1);
    expect(failed.failedReason).toMatch(/not a WireItem/);
    expect(receiver.received).toHaveLength(0);
  });
});
