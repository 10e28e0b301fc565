import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { checkSourceAlerts } from '../../src/pipeline/source-alerts.js';
import { alertPayload, deliverAlert } from '../../src/webhook/alert.js';
import { writeConfig } from '../helpers/config.js';
import { testPrefix } from '../helpers/redis.js';
import { openTestRuntime, type TestRuntime } from '../helpers/runtime.js';

let server: Server | null = null;
let t: TestRuntime | null = null;
afterEach(async () => {
  await t?.close();
  t = null;
  await new Promise<void>((r) => (server ? server.close(() => r()) : r()));
  server = null;
});

/** A receiver answering the given statuses in turn (the last one from then on); records each request. */
async function receiver(statuses: number[]): Promise<{ url: string; got: { key: string; at: number }[] }> {
  const got: { key: string; at: number }[] = [];
  server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      got.push({ key: req.headers['idempotency-key'] as string, at: Date.now() });
      res.writeHead(statuses[Math.min(got.length - 1, statuses.length - 1)]).end();
    });
  });
  await new Promise<void>((r) => server!.listen(0, '127.0.0.1', r));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/alerts`, got };
}

const payload = alertPayload(
  'Example Daily',
  { id: 'feedy', name: 'Feedy', feed: 'https://x.example/feed' },
  { kind: 'failing', change: 'raised', message: '5 consecutive failed polls' },
  new Date('2026-12-07T09:00:00Z'),
);
const secret = 'alert-secret-0123456789';

describe('alert webhook tries again', () => {
  it('after a 503 and a 429, with the same Idempotency-Key and a doubling wait, then delivers once', async () => {
    const r = await receiver([503, 429, 204]);
    const retries: number[] = [];
    const out = await deliverAlert(
      payload,
      { url: r.url, timeoutMs: 2000, attempts: 3, backoff: 40, secret },
      (_a, _e, w) => retries.push(w),
    );
    expect(out).toEqual({ status: 204, attempts: 3 });
    expect(r.got).toHaveLength(3);
    expect(new Set(r.got.map((g) => g.key))).toEqual(new Set(['feedy:failing:raised:2026-12-07T09:00:00.000Z']));
    expect(retries).toEqual([40, 80]);
    expect(r.got[1].at - r.got[0].at).toBeGreaterThanOrEqual(35);
    expect(r.got[2].at - r.got[1].at).toBeGreaterThanOrEqual(75);
  });

  it('gives up after `attempts`, and at once on an answer that will not change (400)', async () => {
    const down = await receiver([500]);
    await expect(
      deliverAlert(payload, { url: down.url, timeoutMs: 2000, attempts: 2, backoff: 10, secret }),
    ).rejects.toThrow(/answered 500 \(2 attempts\)/);
    expect(down.got).toHaveLength(2);
    await new Promise<void>((r) => server!.close(() => r()));
    const bad = await receiver([400]);
    await expect(
      deliverAlert(payload, { url: bad.url, timeoutMs: 2000, attempts: 3, backoff: 10, secret }),
    ).rejects.toThrow(/answered 400 \(1 attempt\)$/);
    expect(bad.got).toHaveLength(1);
  });

  it('in the service: a receiver that stays down ends with one WARN line naming the attempts', async () => {
    const down = await receiver([503]);
    const lines: { level: number; msg: string; attempt?: number }[] = [];
    const log = pino({ level: 'info' }, { write: (line: string) => void lines.push(JSON.parse(line)) });
    process.env.WIRE_TEST_ALERT_RETRY_SECRET = secret;
    t = openTestRuntime(
      writeConfig(
        `site: Example Daily\nalerts:\n  failingAfter: 2\n  webhook:\n    url: ${down.url}\n    secretEnv: WIRE_TEST_ALERT_RETRY_SECRET\n    attempts: 3\n    backoff: 20ms\n`,
        `sources:\n  - id: feedy\n    name: Feedy\n    feed: https://x.example/feed\n`,
      ),
      testPrefix(),
      log,
    );
    await t.redis.hset(t.rt.keys.source('feedy'), { consecutiveFailures: 3, lastErrorKind: 'http-status' });
    await checkSourceAlerts(t.rt, 'feedy');
    for (let i = 0; i < 100 && !lines.some((l) => l.msg.startsWith('alert webhook failed')); i++)
      await new Promise((r) => setTimeout(r, 20));
    delete process.env.WIRE_TEST_ALERT_RETRY_SECRET;
    expect(down.got, JSON.stringify(lines)).toHaveLength(3);
    const warn = lines.filter((l) => l.level === 40 && l.msg.startsWith('alert webhook'));
    expect(warn.map((l) => l.msg)).toEqual([
      expect.stringMatching(/^alert webhook failed: .*answered 503 \(3 attempts\)$/),
    ]);
    expect(lines.filter((l) => /trying again/.test(l.msg)).map((l) => l.attempt)).toEqual([1, 2]);
  });
});
