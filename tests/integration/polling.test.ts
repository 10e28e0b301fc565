import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runOnce } from '../../src/queue/run-once.js';
import type { Runtime } from '../../src/runtime.js';
import { writeConfig } from '../helpers/config.js';
import { testPrefix } from '../helpers/redis.js';
import { openTestRuntime, type TestRuntime } from '../helpers/runtime.js';

const FEED = `<?xml version="1.0"?><rss version="2.0"><channel><title>T</title></channel></rss>`;

describe('polling economy and politeness against a local origin', () => {
  const prefix = testPrefix();
  let server: Server;
  let origin: string;
  let opened: TestRuntime;
  let rt: Runtime;
  const seen: { path: string; headers: IncomingHttpHeaders }[] = [];

  beforeAll(async () => {
    server = createServer((req, res) => {
      seen.push({ path: req.url ?? '', headers: req.headers });
      switch (req.url) {
        case '/etag.xml':
          if (req.headers['if-none-match'] === '"v1"') return res.writeHead(304, { etag: '"v1"' }).end();
          return res.writeHead(200, { 'content-type': 'application/rss+xml', etag: '"v1"' }).end(FEED);
        case '/busy.xml':
          return res.writeHead(429, { 'retry-after': '120' }).end('slow down');
        case '/old.xml':
          return res.writeHead(301, { location: '/new.xml' }).end();
        case '/new.xml':
          return res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(FEED);
        case '/ttl.xml':
          return res
            .writeHead(200, { 'content-type': 'application/rss+xml', 'cache-control': 'max-age=3600' })
            .end(FEED);
        default:
          return res.writeHead(404).end();
      }
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const dir = writeConfig(
      'site: X\nnetwork:\n  allowPrivate: ["127.0.0.1"]\npoliteness:\n  interval: 1ms\n  concurrency: 8\n',
      ['etag', 'busy', 'old', 'ttl']
        .map((id) => `  - { id: ${id}, name: ${id}, feed: "${origin}/${id}.xml", every: 5m }\n`)
        .join('')
        .replace(/^/, 'sources:\n'),
    );
    opened = openTestRuntime(dir, prefix);
    rt = opened.rt;
  });
  afterAll(async () => {
    await opened.close();
    await new Promise((r) => server.close(r));
  });

  it('uses validators, obeys Retry-After and refresh hints, and flags a moved feed', async () => {
    const first = Object.fromEntries((await runOnce(rt)).sources.map((s) => [s.id, s]));
    expect(first.etag).toMatchObject({ ok: true, outcome: 'feed' });
    expect(first.busy.ok).toBe(false);
    expect(first.busy.error).toMatch(/HTTP 429/);
    expect(first.old).toMatchObject({ ok: true, outcome: 'feed' });
    expect(first.ttl).toMatchObject({ ok: true, outcome: 'feed' });

    expect((await rt.health.get('old')).movedTo).toBe(`${origin}/new.xml`);
    const busy = await rt.health.get('busy');
    expect(busy).toMatchObject({ consecutiveFailures: 1, lastErrorKind: 'http-status', lastStatus: 429 });
    expect(busy.deferReason).toMatch(/retry after 120 s/);

    const before = seen.length;
    const second = Object.fromEntries((await runOnce(rt)).sources.map((s) => [s.id, s]));
    // 304 answered to our If-None-Match
    expect(second.etag).toMatchObject({ ok: true, outcome: 'not-modified' });
    expect(seen.slice(before).find((r) => r.path === '/etag.xml')!.headers['if-none-match']).toBe('"v1"');
    // Retry-After holds the source back (and it is not healthy); max-age=3600 holds ttl back (healthy)
    expect(second.busy).toMatchObject({ ok: false, outcome: 'deferred' });
    expect(second.ttl).toMatchObject({ ok: true, outcome: 'deferred' });
    expect(second.ttl.note).toMatch(/3600 s/);
    expect(
      seen
        .slice(before)
        .map((r) => r.path)
        .sort(),
    ).toEqual(['/etag.xml', '/new.xml', '/old.xml']);
    // every request names the service
    expect(seen.every((r) => /^MediaWire\//.test(r.headers['user-agent'] ?? ''))).toBe(true);
  });
});
