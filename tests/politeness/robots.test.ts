import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WireError } from '../../src/errors.js';
import type { HttpClient } from '../../src/fetch/types.js';
import { RobotsCache, robotsAgent } from '../../src/politeness/robots.js';
import { dropPrefix, testPrefix, testRedis } from '../helpers/redis.js';

// A minimal fetcher over Node's fetch: enough to exercise the cache without the real client's guard.
const plainFetcher: HttpClient = {
  async fetch(url) {
    const res = await fetch(url);
    if (!res.ok)
      throw new WireError('http-status', `HTTP ${res.status} from ${url}`, {
        status: res.status,
        retryable: res.status >= 500,
      });
    const body = Buffer.from(await res.arrayBuffer());
    return {
      url,
      finalUrl: url,
      status: res.status,
      headers: {},
      body,
      redirects: [],
      wireBytes: body.length,
      elapsedMs: 1,
    };
  },
};

describe('robots.txt for article pages', () => {
  const prefix = testPrefix();
  let redis: Redis;
  let server: Server;
  let origin: string;
  let robotsStatus = 200;
  let robotsHits = 0;

  beforeAll(async () => {
    redis = testRedis();
    server = createServer((req, res) => {
      if (req.url === '/robots.txt') {
        robotsHits++;
        res.writeHead(robotsStatus, { 'content-type': 'text/plain' });
        return res.end(
          'User-agent: *\nDisallow: /private/\n\nUser-agent: MediaWire\nDisallow: /members/\nCrawl-delay: 2\n',
        );
      }
      res.end('ok');
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    redis.disconnect();
    await new Promise((r) => server.close(r));
    await dropPrefix(prefix);
  });

  it('matches groups by the product token of our user agent', () => {
    expect(robotsAgent('MediaWire/0.1 (+https://example.com)')).toBe('MediaWire');
  });

  it('skips a disallowed page with the reason, allows others, and fetches robots.txt once', async () => {
    const robots = new RobotsCache(redis, `${prefix}:robots`, plainFetcher, 'MediaWire/0.1 (+https://example.com)');
    const err = await robots.check(`${origin}/members/story-1`).catch((e) => e);
    expect(err).toBeInstanceOf(WireError);
    expect(err.kind).toBe('robots');
    expect(err.retryable).toBe(false);
    expect(err.message).toMatch(/disallows .*\/members\/story-1 for MediaWire/);
    // Our own group applies, not the * group.
    await expect(robots.check(`${origin}/private/story`)).resolves.toBe(2000);
    await expect(robots.check(`${origin}/news/story`)).resolves.toBe(2000);
    // A second process shares the cached file through Redis.
    const other = new RobotsCache(redis, `${prefix}:robots`, plainFetcher, 'MediaWire/0.1');
    await expect(other.check(`${origin}/members/x`)).rejects.toThrow(/disallows/);
    expect(robotsHits).toBe(1);
  });

  it('treats a missing robots.txt as allow-all and an unreachable one as retry-later', async () => {
    robotsStatus = 404;
    const missing = new RobotsCache(redis, `${prefix}:robots-404`, plainFetcher, 'MediaWire');
    await expect(missing.check(`${origin}/members/x`)).resolves.toBeNull();
    robotsStatus = 503;
    const down = new RobotsCache(redis, `${prefix}:robots-503`, plainFetcher, 'MediaWire');
    const err = await down.check(`${origin}/news/x`).catch((e) => e);
    expect(err.kind).toBe('robots');
    expect(err.retryable).toBe(true);
    robotsStatus = 200;
  });
});
