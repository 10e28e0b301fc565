import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { pollSource } from '../../src/pipeline/poll-source.js';
import { checkSourceAlerts } from '../../src/pipeline/source-alerts.js';
import { sourceRows } from '../../src/state/source-report.js';
import { writeConfig } from '../helpers/config.js';
import { testPrefix } from '../helpers/redis.js';
import { openTestRuntime, type TestRuntime } from '../helpers/runtime.js';

const FEED = (n: number) =>
  `<?xml version="1.0"?><rss version="2.0"><channel><title>T</title><link>http://x.example/</link><description>d</description>${Array.from(
    { length: n },
    (_, i) => `<item><title>Story ${i}</title><link>http://x.example/news/${i}</link><guid>s${i}</guid></item>`,
  ).join('')}</channel></rss>`;

let t: TestRuntime | null = null;
let server: Server | null = null;
afterEach(async () => {
  await t?.close();
  t = null;
  await new Promise((r) => (server ? server.close(r) : r(null)));
  server = null;
});

describe('source alerts in the running service (real Redis, local feed)', () => {
  it('failing and moved are raised once and cleared once, in the log, the metric and the sources list', async () => {
    let mode: 'fail' | 'ok' | 'moved' = 'fail';
    let entries = 1;
    server = createServer((req, res) => {
      if (req.url === '/new-feed.xml' || (mode === 'ok' && req.url === '/feed.xml')) {
        res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(FEED(entries));
      } else if (mode === 'moved') res.writeHead(301, { location: '/new-feed.xml' }).end();
      else res.writeHead(503).end('down');
    });
    await new Promise<void>((r) => server!.listen(0, '127.0.0.1', r));
    const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const lines: { msg: string; alert?: string; change?: string; sourceId?: string }[] = [];
    const log = pino(
      { level: 'info' },
      new Writable({ write: (c: Buffer, _e, cb) => (lines.push(JSON.parse(c.toString())), cb()) }),
    );
    t = openTestRuntime(
      writeConfig(
        'site: X\nnetwork:\n  allowPrivate: ["127.0.0.1"]\npoliteness:\n  interval: 1ms\n  robots: false\nalerts:\n  failingAfter: 2\n',
        `sources:\n  - id: feedy\n    name: Feedy\n    feed: ${origin}/feed.xml\n`,
      ),
      testPrefix(),
      log,
    );
    const { rt } = t;
    const poll = () => pollSource(rt, { sourceId: 'feedy', force: true }).catch(() => null);
    const alertLines = () => lines.filter((l) => l.alert).map((l) => `${l.alert} ${l.change}`);

    for (let i = 0; i < 4; i++) await poll();
    expect(alertLines()).toEqual(['failing raised']);
    expect(lines.find((l) => l.change === 'raised')!.msg).toMatch(
      /^source alert failing: 2 consecutive failed polls \(last: http-status: /,
    );
    expect(await rt.metrics.render()).toMatch(/wire_source_alert\{source="feedy",kind="failing"\} 1/);
    const [row] = await sourceRows(rt);
    expect(row.alerts.map((a) => a.kind)).toEqual(['failing']);

    mode = 'ok';
    await poll();
    await poll();
    expect(alertLines()).toEqual(['failing raised', 'failing cleared']);
    expect(await rt.metrics.render()).toMatch(/wire_source_alert\{source="feedy",kind="failing"\} 0/);

    mode = 'moved';
    entries = 2;
    await poll();
    await poll();
    expect(alertLines()).toEqual(['failing raised', 'failing cleared', 'moved raised']);
    mode = 'ok';
    await poll();
    expect(alertLines()).toEqual(['failing raised', 'failing cleared', 'moved raised', 'moved cleared']);
    expect((await sourceRows(rt))[0].alerts).toEqual([]);
  });

  it('quiet and degrading, with a fake clock, are raised once and cleared once', async () => {
    t = openTestRuntime(
      writeConfig(
        'site: X\nalerts:\n  quietFloor: 1h\n',
        `sources:\n  - id: feedy\n    name: Feedy\n    feed: https://x.example/feed\n`,
      ),
      testPrefix(),
    );
    const { rt } = t;
    const H = 3600_000;
    const seen: string[] = [];
    const check = async (now: number) =>
      seen.push(...(await checkSourceAlerts(rt, 'feedy', now)).map((c) => `${c.kind} ${c.change}`));
    // new entries every 30 min for a while, then nothing: quiet after max(1 h floor, 4 x 30 min) = 2 h
    for (let i = 0; i <= 5; i++) await rt.alerts.pollAnswered('feedy', 1, (i * H) / 2);
    for (let now = 2.5 * H; now <= 6 * H; now += H / 2) await check(now);
    await rt.alerts.pollAnswered('feedy', 3, 6.2 * H);
    await check(6.3 * H);
    await check(6.4 * H);
    expect(seen).toEqual(['quiet raised', 'quiet cleared']);

    // then the site changes: its pages stop giving articles
    for (let i = 0; i < 40; i++) await rt.alerts.articleOutcome('feedy', 'page');
    for (let i = 0; i < 20; i++) {
      await rt.alerts.articleOutcome('feedy', i % 2 ? 'refused' : 'feed');
      await check(6.5 * H);
    }
    for (let i = 0; i < 20; i++) {
      await rt.alerts.articleOutcome('feedy', 'page');
      await check(6.5 * H);
    }
    expect(seen).toEqual(['quiet raised', 'quiet cleared', 'degrading raised', 'degrading cleared']);
  });
});

describe('the alert webhook', () => {
  it('gets each raise and clear once, as JSON with a Slack text, signed like the publish webhook', async () => {
    const { verifySignature } = await import('../../src/webhook/signature.js');
    const got: { body: string; sig: string | undefined; key: string | undefined }[] = [];
    server = createServer((req, res) => {
      let body = '';
      req.on('data', (d: Buffer) => (body += d));
      req.on('end', () => {
        got.push({
          body,
          sig: req.headers['x-wire-signature'] as string,
          key: req.headers['idempotency-key'] as string,
        });
        res.writeHead(204).end();
      });
    });
    await new Promise<void>((r) => server!.listen(0, '127.0.0.1', r));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/alerts`;
    const secret = 'alert-secret-0123456789';
    process.env.WIRE_TEST_ALERT_SECRET = secret;
    t = openTestRuntime(
      writeConfig(
        `site: Example Daily\nalerts:\n  failingAfter: 2\n  webhook:\n    url: ${url}\n    secretEnv: WIRE_TEST_ALERT_SECRET\n`,
        `sources:\n  - id: feedy\n    name: Feedy\n    feed: https://x.example/feed\n`,
      ),
      testPrefix(),
    );
    const { rt, redis } = t;
    const health = `${rt.keys.source('feedy')}`;
    await redis.hset(health, { consecutiveFailures: 3, lastErrorKind: 'http-status', lastError: 'HTTP 503' });
    await checkSourceAlerts(rt, 'feedy');
    await checkSourceAlerts(rt, 'feedy');
    await redis.hset(health, { consecutiveFailures: 0 });
    await redis.hdel(health, 'lastError', 'lastErrorKind');
    await checkSourceAlerts(rt, 'feedy');
    for (let i = 0; i < 100 && got.length < 2; i++) await new Promise((r) => setTimeout(r, 50));
    await new Promise((r) => setTimeout(r, 200)); // nothing more arrives
    expect(got).toHaveLength(2);
    const [raised, cleared] = got.map((g) => JSON.parse(g.body));
    expect(raised).toMatchObject({
      type: 'source-alert',
      site: 'Example Daily',
      source: { id: 'feedy', name: 'Feedy' },
      kind: 'failing',
      change: 'raised',
      message: '3 consecutive failed polls (last: http-status: HTTP 503)',
    });
    expect(raised.text).toBe(
      ':rotating_light: Example Daily: source feedy (Feedy) is failing: 3 consecutive failed polls (last: http-status: HTTP 503)',
    );
    expect(cleared).toMatchObject({
      kind: 'failing',
      change: 'cleared',
      text: ':white_check_mark: Example Daily: source feedy (Feedy) is no longer failing',
    });
    for (const g of got) expect(verifySignature(g.body, g.sig, secret)).toMatchObject({ ok: true });
    expect(got[0].key).toMatch(/^feedy:failing:raised:/);
    delete process.env.WIRE_TEST_ALERT_SECRET;
  });
});

describe('wire start and the alert webhook secret', () => {
  it('refuses to start the poll and article roles without it (exit 2, one line), before anything runs', async () => {
    const { runWire } = await import('../helpers/cli.js');
    const { TEST_REDIS_URL } = await import('../helpers/redis.js');
    const dir = writeConfig(
      'site: X\nalerts:\n  webhook:\n    url: https://hooks.example/alerts\n    secretEnv: WIRE_TEST_NO_SUCH_SECRET\n',
      'sources: []\n',
    );
    const r = await runWire(['start', '--roles', 'poll', '--no-admin', '--config', dir], {
      REDIS_URL: TEST_REDIS_URL,
      WIRE_PREFIX: testPrefix(),
    });
    expect(r.code).toBe(2);
    expect(r.stderr.trim()).toBe(
      'wire: alerts.webhook is set but the environment variable WIRE_TEST_NO_SUCH_SECRET (its HMAC secret) is empty or unset',
    );
  });
});
