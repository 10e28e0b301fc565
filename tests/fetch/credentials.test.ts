import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFetcher, NetworkOptions } from '../../src/fetch/index.js';
import { listen, type Listening } from './hostile-server.js';

const SECRET = 'sk-test-7f3a9c1e5b2d4680';
let own: Listening;
let other: Listening;
const seenByOther: Record<string, string | string[] | undefined>[] = [];

beforeAll(async () => {
  other = await listen('127.0.0.1', (req, res) => {
    seenByOther.push(req.headers);
    res.end(JSON.stringify(req.headers));
  });
  own = await listen('127.0.0.1', (req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    if (url.pathname === '/same') {
      res.writeHead(302, { location: '/echo' }).end();
    } else if (url.pathname === '/away') {
      res.writeHead(302, { location: `${other.origin}/echo` }).end();
    } else {
      res.end(JSON.stringify(req.headers));
    }
  });
});

afterAll(async () => {
  await Promise.all([own?.close(), other?.close()]);
});

const fetcher = () =>
  createFetcher(
    NetworkOptions.parse({
      userAgent: 'MediaWireTest/1 (+https://example.test/bot)',
      allowPrivate: ['127.0.0.1'],
      maxRedirects: 5,
    }),
  );

describe('credentials go only to the source own host', () => {
  it('sends a custom API-key header and an Authorization header to the URL asked for', async () => {
    const f = fetcher();
    try {
      const res = await f.fetch(`${own.origin}/echo`, {
        credentials: { 'X-Api-Key': SECRET, authorization: `Bearer ${SECRET}` },
      });
      const sent = JSON.parse(res.body.toString()) as Record<string, string>;
      expect(sent['x-api-key']).toBe(SECRET);
      expect(sent.authorization).toBe(`Bearer ${SECRET}`);
    } finally {
      await f.close();
    }
  });

  it('keeps them across a redirect on the same host', async () => {
    const f = fetcher();
    try {
      const res = await f.fetch(`${own.origin}/same`, { credentials: { 'x-api-key': SECRET } });
      expect(res.redirects).toHaveLength(1);
      expect((JSON.parse(res.body.toString()) as Record<string, string>)['x-api-key']).toBe(SECRET);
    } finally {
      await f.close();
    }
  });

  it('never sends them to a redirect target on another host (a custom header too, not only Authorization)', async () => {
    const f = fetcher();
    seenByOther.length = 0;
    try {
      const res = await f.fetch(`${own.origin}/away`, {
        credentials: { 'x-api-key': SECRET, authorization: `Basic ${SECRET}` },
      });
      expect(res.finalUrl).toBe(`${other.origin}/echo`);
      expect(seenByOther).toHaveLength(1);
      expect(JSON.stringify(seenByOther)).not.toContain(SECRET);
      expect(seenByOther[0]['x-api-key']).toBeUndefined();
      expect(seenByOther[0].authorization).toBeUndefined();
    } finally {
      await f.close();
    }
  });
});
