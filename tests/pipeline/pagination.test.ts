import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Source } from '../../src/config/schema.js';
import { createFetcher, NetworkOptions } from '../../src/fetch/index.js';
import { fetchFeed } from '../../src/pipeline/fetch-feed.js';
import { pollSource } from '../../src/pipeline/poll-source.js';
import type { Runtime } from '../../src/runtime.js';
import { stateKeys } from '../../src/state/keys.js';
import { listen, type Listening } from '../fetch/hostile-server.js';
import { agencyFixture } from '../helpers/agency-fixtures.js';
import { writeConfig } from '../helpers/config.js';
import { testPrefix } from '../helpers/redis.js';
import { openTestRuntime, type TestRuntime } from '../helpers/runtime.js';

const AP = JSON.parse(agencyFixture('ap-page.json').toString('utf8')) as {
  data: { next_page: string | null; items: { item: { altids: { itemid: string } } }[] };
};
const SECRET = 'page-key-31c9a07e';

/** The AP fixture as page n: its item under ids of its own, and a next_page link (or none). */
function page(ids: string[], next: string | null): string {
  const [first] = AP.data.items;
  return JSON.stringify({
    ...AP,
    data: {
      ...AP.data,
      next_page: next,
      items: ids.map((id) => ({ ...first, item: { ...first.item, altids: { ...first.item.altids, itemid: id } } })),
    },
  });
}

// Our own AP-style fixture (tests/fixtures/agency): this runs on a fresh clone.
describe('API feed pagination: next_page followed until caught up, bounded per poll', () => {
  let own: Listening;
  let other: Listening;
  const hits: string[] = [];
  const keysSeen: Record<string, string | undefined> = {};
  const seenElsewhere: string[] = [];

  beforeAll(async () => {
    other = await listen('127.0.0.1', (req, res) => {
      seenElsewhere.push(JSON.stringify(req.headers));
      res.writeHead(200, { 'content-type': 'application/json' }).end(page(['x1'], null));
    });
    own = await listen('127.0.0.1', (req, res) => {
      const path = req.url ?? '/';
      hits.push(path);
      keysSeen[path] = req.headers['x-api-key'] as string | undefined;
      const body: Record<string, string> = {
        '/feed': page(['a1', 'a2'], `${own.origin}/p2`),
        '/p2': page(['a2', 'b1'], `${own.origin}/p3`),
        '/p3': page(['c1'], `${own.origin}/p4`),
        '/p4': page([], `${own.origin}/p5`),
        '/loop': page(['l1'], `${own.origin}/loop`),
        '/away': page(['w1'], `${other.origin}/elsewhere`),
      };
      res.writeHead(200, { 'content-type': 'application/json' }).end(body[path] ?? page([], null));
    });
    process.env.PAGINATION_TEST_KEY = SECRET;
  });
  afterAll(async () => {
    await Promise.all([own?.close(), other?.close()]);
  });

  const fetcher = () =>
    createFetcher(
      NetworkOptions.parse({ userAgent: 'MediaWireTest/1 (+https://example.test/bot)', allowPrivate: ['127.0.0.1'] }),
    );
  const src = (path: string): Source => ({
    id: 'ap',
    name: 'AP',
    feed: `${own.origin}${path}`,
    everyMs: 60_000,
    enabled: true,
    extract: {},
    auth: { header: 'x-api-key', fromEnv: 'PAGINATION_TEST_KEY' },
  });
  const none = { etag: null, lastModified: null, bodyHash: null };
  const ids = async (path: string, maxPages: number) => {
    const f = fetcher();
    try {
      const r = await fetchFeed(src(path), f, none, { maxPages });
      if (r.kind !== 'feed') throw new Error(r.kind);
      return r.feed.items.map((i) => i.guid);
    } finally {
      await f.close();
    }
  };

  it('follows pages until an empty one, merging entries (a later copy of an id replaces the earlier)', async () => {
    hits.length = 0;
    expect(await ids('/feed', 10)).toEqual(['a1', 'a2', 'b1', 'c1']);
    expect(hits).toEqual(['/feed', '/p2', '/p3', '/p4']);
    expect(keysSeen['/p3']).toBe(SECRET); // credentials go with every page on the feed's own host
  });

  it('stops at maxPages (the rest waits for the next poll), and at a page already read', async () => {
    hits.length = 0;
    expect(await ids('/feed', 2)).toEqual(['a1', 'a2', 'b1']);
    expect(hits).toEqual(['/feed', '/p2']);
    hits.length = 0;
    expect(await ids('/loop', 10)).toEqual(['l1']);
    expect(hits).toEqual(['/loop']);
  });

  it('a next page on another host is read without the credentials', async () => {
    seenElsewhere.length = 0;
    expect(await ids('/away', 10)).toEqual(['w1', 'x1']);
    expect(seenElsewhere).toHaveLength(1);
    expect(seenElsewhere[0]).not.toContain(SECRET);
  });
});

describe('API feed pagination across polls: the cursor kept in Redis, the configured URL when it is refused', () => {
  const prefix = testPrefix();
  const lines: { level: number; msg: string; nextPage?: string; status?: number }[] = [];
  const log = pino({ level: 'info' }, { write: (line: string) => void lines.push(JSON.parse(line)) });
  let api: Listening;
  let opened: TestRuntime;
  let rt: Runtime;
  let phase = 1;
  const hits: string[] = [];
  const keys: (string | undefined)[] = [];

  beforeAll(async () => {
    api = await listen('127.0.0.1', (req, res) => {
      const path = req.url ?? '/';
      hits.push(path);
      keys.push(req.headers['x-api-key'] as string | undefined);
      const at = (p: string) => `${api.origin}${p}`;
      const pages: Record<string, string> = {
        '/api/feed':
          phase < 3 ? page(['k1', 'k2'], at('/api/next?seq=2')) : page(['k1', 'k2', 'k3', 'k4'], at('/api/next?seq=9')),
        '/api/next?seq=2': page(['k3'], at('/api/next?seq=3')),
        // Caught up: an empty page whose next_page is where to poll next; later the new entries appear there.
        '/api/next?seq=3': phase === 1 ? page([], at('/api/next?seq=3')) : page(['k4'], at('/api/next?seq=4')),
        '/api/next?seq=4': page([], at('/api/next?seq=4')),
        '/api/next?seq=9': page([], at('/api/next?seq=9')),
      };
      // An expired cursor: the agency answers 410.
      if (phase === 3 && path === '/api/next?seq=4') return res.writeHead(410).end('cursor expired');
      res.writeHead(200, { 'content-type': 'application/json' }).end(pages[path] ?? page([], null));
    });
    process.env.PAGINATION_TEST_KEY = SECRET;
    const dir = writeConfig(
      'site: Example Daily\nnetwork:\n  allowPrivate: ["127.0.0.1"]\npoliteness:\n  interval: 1ms\njobs:\n  extractThreads: 0\n',
      `sources:\n  - id: ap\n    name: AP\n    feed: "${api.origin}/api/feed"\n    auth: { header: x-api-key, fromEnv: PAGINATION_TEST_KEY }\n`,
    );
    opened = openTestRuntime(dir, prefix, log);
    rt = opened.rt;
  });
  afterAll(async () => {
    await opened?.close();
    await api?.close();
  });

  const poll = async () => {
    hits.length = 0;
    keys.length = 0;
    return pollSource(rt, { sourceId: 'ap', force: true });
  };
  const kept = () => opened.redis.hget(rt.keys.source('ap'), 'nextPage');

  it('the next poll starts from the last next_page the agency returned, kept per source in Redis', async () => {
    expect(stateKeys('wire', { cluster: true }).source('ap')).toBe('wire:state:source:{ap}'); // a Cluster hash tag
    const first = await poll();
    expect(first.new).toBe(3);
    expect(hits).toEqual(['/api/feed', '/api/next?seq=2', '/api/next?seq=3']);
    expect(await kept()).toBe(`${api.origin}/api/next?seq=3`);

    phase = 2;
    const second = await poll();
    expect(hits).toEqual(['/api/next?seq=3', '/api/next?seq=4']);
    expect(keys).toEqual([SECRET, SECRET]); // the kept page is on the feed's own host: with the credentials
    expect(second.new).toBe(1);
    expect(await kept()).toBe(`${api.origin}/api/next?seq=4`);
  });

  it('a kept next page refused with a 4xx: WARN, the configured URL instead, and its cursor kept', async () => {
    phase = 3;
    lines.length = 0;
    const third = await poll();
    expect(hits).toEqual(['/api/next?seq=4', '/api/feed', '/api/next?seq=9']);
    expect(third.outcome).toBe('feed');
    expect(third.new).toBe(0); // k1..k4 were queued by the earlier polls
    const warn = lines.find((l) => l.msg.startsWith('kept next page refused'));
    expect(warn).toMatchObject({ level: 40, status: 410, nextPage: `${api.origin}/api/next` });
    expect(await kept()).toBe(`${api.origin}/api/next?seq=9`);
  });

  it('a cursor kept for another feed URL (the source was edited since) is not used', async () => {
    await opened.redis.hset(rt.keys.source('ap'), {
      nextPage: `${api.origin}/api/next?seq=2`,
      nextPageOf: 'https://old.example/feed',
    });
    await poll();
    expect(hits).toEqual(['/api/feed']); // the same first page as the last poll: nothing new
    expect(await rt.health.nextPage('ap', `${api.origin}/api/feed`)).toBeNull();
  });
});
