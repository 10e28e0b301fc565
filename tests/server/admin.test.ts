import { createMetrics } from '../../src/metrics/index.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WireError } from '../../src/errors.js';
import { wireItemJsonSchema } from '../../src/item/schema.js';
import { isClusterUrl } from '../../src/queue/connection.js';
import { reconcileSchedulers } from '../../src/queue/scheduler.js';
import { buildAdminServer } from '../../src/server/index.js';
import { sampleItem } from '../helpers/sample-item.js';
import { bearer, get, startHarness, type Harness } from '../helpers/admin-server.js';
import { TEST_REDIS_URL } from '../helpers/redis.js';

const TOKEN = 'test-token-0123456789abcdef';
const auth = bearer(TOKEN);

describe('admin HTTP with a token', () => {
  let h: Harness;

  beforeAll(async () => {
    h = await startHarness({ token: TOKEN });
  });
  afterAll(async () => {
    await h?.close();
  });

  describe('health and readiness', () => {
    it('/healthz answers without a token', async () => {
      const r = await get(`${h.url}/healthz`);
      expect(r.status).toBe(200);
      expect(r.json()).toEqual({ status: 'ok' });
    });

    it('/readyz is 503 until the poll schedulers match the config, then 200', async () => {
      const before = await get(`${h.url}/readyz`, auth);
      expect(before.status).toBe(503);
      expect(before.json()).toMatchObject({
        status: 'not ready',
        checks: {
          redis: { ok: true },
          schedulers: { ok: false, detail: { missing: ['alpha'], stale: [], extra: [] } },
        },
      });
      expect(before.json().checks.schedulers.reason).toMatch(/differ from the config/);

      await reconcileSchedulers(h.rt.queues.poll, h.rt.config.sources);
      const after = await get(`${h.url}/readyz`, auth);
      expect(after.status).toBe(200);
      expect(after.json()).toEqual({
        status: 'ready',
        checks: { redis: { ok: true }, schedulers: { ok: true }, config: { ok: true } },
      });
    });

    it('/readyz says degraded (200) while source entries are skipped for config errors, and lists them', async () => {
      const problem = {
        file: '/cfg/sources.yaml',
        path: 'sources[1].every',
        line: 7,
        message: 'not a duration: "5 minutes"',
        sourceId: 'gamma',
      };
      const rt = { ...h.rt, config: { ...h.rt.config, problems: [problem] } };
      const app = await buildAdminServer(rt, createMetrics(rt, { defaultMetrics: false }), {
        token: TOKEN,
        schedulersInSync: () => true,
      });
      const url = await app.listen({ host: '127.0.0.1', port: 0 });
      try {
        const r = await get(`${url}/readyz`, auth);
        expect(r.status).toBe(200);
        expect(r.json()).toEqual({
          status: 'degraded',
          checks: {
            redis: { ok: true },
            schedulers: { ok: true },
            config: {
              ok: false,
              reason: expect.stringMatching(/^1 config problem: source entries skipped/),
              detail: [problem],
            },
          },
        });
        const api = await get(`${url}/api/sources`, auth);
        expect(api.json().configProblems).toEqual([problem]);
        expect((await get(`${url}/metrics`, auth)).text).toMatch(/^wire_config_problems 1$/m);
      } finally {
        await app.close();
      }
    });

    it('/readyz is 503 when the given scheduler check says no', async () => {
      let inSync = false;
      const app = await buildAdminServer(h.rt, h.metrics, { token: TOKEN, schedulersInSync: async () => inSync });
      const url = await app.listen({ host: '127.0.0.1', port: 0 });
      try {
        const no = await get(`${url}/readyz`, auth);
        expect(no.status).toBe(503);
        expect(no.json().checks.schedulers).toEqual({
          ok: false,
          reason: 'poll schedulers are not in sync with the config',
        });
        inSync = true;
        expect((await get(`${url}/readyz`, auth)).status).toBe(200);
      } finally {
        await app.close();
      }
    });
  });

  describe('auth', () => {
    const ROUTES = [
      '/readyz',
      '/metrics',
      '/api/sources',
      '/api/sources/alpha',
      '/api/items/0123456789abcdef0123456789abcdef',
      '/api/schema',
      '/api/embargoes',
      '/admin/queues',
      '/admin/queues/',
      '/admin/queues/api/queues',
      '/admin/queues/static/favicon-32x32.png',
      '/no-such-route',
    ];

    it.each(ROUTES)('%s needs the token', async (path) => {
      const none = await get(`${h.url}${path}`);
      expect(none.status).toBe(401);
      expect(none.json()).toMatchObject({ error: 'unauthorized' });
      expect(String(none.headers['www-authenticate'])).toMatch(/Bearer realm="media-wire"/);

      const wrong = await get(`${h.url}${path}`, bearer(`${TOKEN}x`));
      expect(wrong.status).toBe(401);
      expect(String(wrong.headers['www-authenticate'])).toMatch(/error="invalid_token"/);

      const basicWrong = await get(`${h.url}${path}`, {
        authorization: `Basic ${Buffer.from('op:nope').toString('base64')}`,
      });
      expect(basicWrong.status).toBe(401);

      const right = await get(`${h.url}${path}`, auth);
      expect(right.status).not.toBe(401);
    });

    it.each(['/api/sources', '/api/schema', '/metrics', '/readyz'])(
      '%s refuses Basic auth even with the right token (only the dashboard login takes it)',
      async (path) => {
        const basic = await get(`${h.url}${path}`, {
          authorization: `Basic ${Buffer.from(`operator:${TOKEN}`).toString('base64')}`,
        });
        expect(basic.status).toBe(401);
        expect(basic.headers['www-authenticate']).toBe('Bearer realm="media-wire", error="invalid_token"');
        expect((await get(`${h.url}${path}`, auth)).status).not.toBe(401);
      },
    );

    it('the dashboard challenges with Basic too (the browser shows its login prompt); the API does not', async () => {
      const dash = await get(`${h.url}/admin/queues`);
      expect(dash.headers['www-authenticate']).toEqual([
        `Basic realm="media-wire", charset="UTF-8"`,
        `Bearer realm="media-wire"`,
      ]);
      const api = await get(`${h.url}/api/sources`);
      expect(api.headers['www-authenticate']).toBe('Bearer realm="media-wire"');
    });

    it('a token differing only in case or length is refused', async () => {
      for (const t of [TOKEN.toUpperCase(), TOKEN.slice(0, -1), '', ' ']) {
        expect((await get(`${h.url}/api/schema`, bearer(t))).status).toBe(401);
      }
    });
  });

  describe('metrics', () => {
    it('/metrics serves the Prometheus text with the helpers counted and the queue depth read from Redis', async () => {
      h.metrics.pollDone('alpha', 'feed');
      h.metrics.pollDone('alpha', 'failed');
      h.metrics.fetchDuration('feed', 0.2);
      h.metrics.itemQueued('alpha');
      h.metrics.articleDone('published');
      h.metrics.failure('poll', 'timeout');
      await h.rt.queues.article.add(
        'article',
        { sourceId: 'alpha', item: {} as never },
        { jobId: 'metrics-probe', delay: 60_000 },
      );

      const r = await get(`${h.url}/metrics`, auth);
      expect(r.status).toBe(200);
      expect(r.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
      for (const line of [
        'wire_polls_total{source="alpha",outcome="feed"} 1',
        'wire_polls_total{source="alpha",outcome="failed"} 1',
        'wire_fetch_duration_seconds_count{stage="feed"} 1',
        'wire_items_queued_total{source="alpha"} 1',
        'wire_articles_total{outcome="published"} 1',
        'wire_failures_total{stage="poll",kind="timeout"} 1',
        'wire_queue_jobs{queue="article",state="delayed"} 1',
        'wire_queue_jobs{queue="publish",state="waiting"} 0',
        'wire_source_consecutive_failures{source="alpha"} 0',
        'wire_redis_up 1',
      ]) {
        expect(r.text).toContain(line);
      }
      expect(r.text).toContain('process_cpu_user_seconds_total');
    });
  });

  describe('JSON API', () => {
    it('/api/sources lists every configured source with its config and health', async () => {
      await h.rt.health.pollFailed(
        'alpha',
        new WireError('http-status', 'HTTP 503 from feeds.alpha.example', { status: 503 }),
      );
      const r = await get(`${h.url}/api/sources`, auth);
      expect(r.status).toBe(200);
      const body = r.json();
      expect(body.sources.map((s: { id: string }) => s.id)).toEqual(['alpha', 'beta']);
      const [alpha, beta] = body.sources;
      expect(alpha).toMatchObject({
        id: 'alpha',
        name: 'Alpha Agency',
        feed: 'https://feeds.alpha.example/world.xml',
        enabled: true,
        everyMs: 300_000,
        every: '5m',
        fallbackRate: null,
        health: {
          consecutiveFailures: 1,
          lastErrorKind: 'http-status',
          lastError: 'HTTP 503 from feeds.alpha.example',
          lastStatus: 503,
          lastSuccessAt: null,
        },
      });
      expect(Object.keys(alpha.health).sort()).toEqual(
        [
          'lastPollAt',
          'lastSuccessAt',
          'consecutiveFailures',
          'lastErrorKind',
          'lastError',
          'lastStatus',
          'itemsQueued',
          'itemsToday',
          'publishedToday',
          'movedTo',
          'avgFetchMs',
          'feedFallbacks',
          'articles',
          'nextPollAfter',
          'deferReason',
          'paused',
        ].sort(),
      );
      expect(beta).toMatchObject({ id: 'beta', enabled: false, health: { consecutiveFailures: 0, lastPollAt: null } });
      expect(body.configProblems).toEqual([]);
    });

    it('/api/sources/:id shows one source; an unknown id is a 404 with a JSON reason', async () => {
      const one = await get(`${h.url}/api/sources/beta`, auth);
      expect(one.status).toBe(200);
      expect(one.json()).toMatchObject({ id: 'beta', name: 'Beta News', health: { consecutiveFailures: 0 } });

      const missing = await get(`${h.url}/api/sources/gamma`, auth);
      expect(missing.status).toBe(404);
      expect(missing.headers['content-type']).toMatch(/application\/json/);
      expect(missing.json()).toEqual({ error: 'not-found', message: 'no source with id "gamma" in the config' });
    });

    it('/api/embargoes lists the agency stories held until their embargo, soonest first, not the past ones', async () => {
      const soon = new Date(Date.now() + 60_000).toISOString();
      const later = new Date(Date.now() + 120_000).toISOString();
      const q = (guid: string, embargo: string | null) => ({
        agency: { version: '1', updatedAt: null },
        embargo,
        sourceId: 'alpha',
        guid,
      });
      await h.rt.items.putQueued('b'.repeat(32), q('later', later));
      await h.rt.items.putQueued('a'.repeat(32), q('soon', soon));
      await h.rt.items.putQueued('c'.repeat(32), q('past', new Date(Date.now() - 1000).toISOString()));
      const res = await get(`${h.url}/api/embargoes`, auth);
      expect(res.status).toBe(200);
      expect(
        res.json<{ embargoes: { guid: string; heldUntil: string }[] }>().embargoes.map((e) => [e.guid, e.heldUntil]),
      ).toEqual([
        ['soon', soon],
        ['later', later],
      ]);
    });

    it('/api/items/:id returns the last WireItem of a story, 404 when unknown, 400 when not an id', async () => {
      const item = sampleItem();
      await h.rt.items.put(item);
      const found = await get(`${h.url}/api/items/${item.id}`, auth);
      expect(found.status).toBe(200);
      expect(found.json()).toEqual(item);

      const v2 = { ...item, version: 2, headline: 'Talks resume in Geneva again' };
      await h.rt.items.put(v2);
      expect((await get(`${h.url}/api/items/${item.id}`, auth)).json()).toEqual(v2);

      const unknown = await get(`${h.url}/api/items/${'f'.repeat(32)}`, auth);
      expect(unknown.status).toBe(404);
      expect(unknown.json()).toMatchObject({ error: 'not-found' });

      const bad = await get(`${h.url}/api/items/not-an-id`, auth);
      expect(bad.status).toBe(400);
      expect(bad.json()).toMatchObject({ error: 'bad-request' });
    });

    it('/api/schema is the WireItem JSON Schema', async () => {
      const r = await get(`${h.url}/api/schema`, auth);
      expect(r.status).toBe(200);
      expect(r.headers['content-type']).toMatch(/^application\/schema\+json/);
      expect(r.json()).toEqual(wireItemJsonSchema());
    });
  });

  describe('queue dashboard', () => {
    /** The page, and the script and stylesheet URLs it links, resolved against its <base href>. */
    async function loadPage(headers: Record<string, string>) {
      const page = await get(`${h.url}/admin/queues`, headers);
      const base = /<base href="([^"]+)"/.exec(page.text)?.[1];
      // Every <script src> and <link href> (stylesheet and icons) that the page loads from this server.
      const assets = [...page.text.matchAll(/<(?:script|link)\s[^>]*?\b(?:src|href)="([^"]+)"/g)]
        .map((m) => m[1])
        .filter((src) => !/^https?:/.test(src))
        .map((src) => new URL(src, new URL(base ?? '/', h.url)).toString());
      return { page, base, assets };
    }

    it('?token= is traded for an HttpOnly SameSite=Strict session cookie (dashboard and console), and the URL is loaded again without it', async () => {
      const r = await get(`${h.url}/admin/queues?token=${encodeURIComponent(TOKEN)}`);
      expect(r.status).toBe(303);
      expect(r.headers.location).toBe('/admin/queues');
      const cookie = String(r.headers['set-cookie']);
      expect(cookie).toMatch(/^wire_admin=[A-Za-z0-9_-]+; Path=\/; HttpOnly; SameSite=Strict$/);
      expect(cookie).not.toContain(TOKEN);

      const deep = await get(`${h.url}/admin/queues/queue/poll?token=${encodeURIComponent(TOKEN)}&status=failed`);
      expect(deep.status).toBe(303);
      expect(deep.headers.location).toBe('/admin/queues/queue/poll?status=failed');

      expect((await get(`${h.url}/admin/queues?token=wrong`)).status).toBe(401);
    });

    it('renders: the page links its scripts and styles under /admin/queues/, and each one loads with its content type', async () => {
      const login = await get(`${h.url}/admin/queues?token=${encodeURIComponent(TOKEN)}`);
      const cookie = String(login.headers['set-cookie']).split(';')[0];
      const { page, base, assets } = await loadPage({ cookie });
      expect(page.status).toBe(200);
      expect(page.headers['content-type']).toMatch(/^text\/html/);
      expect(page.text).toContain('<title>Media Wire queues</title>');
      expect(base).toBe('/admin/queues/');
      const scripts = assets.filter((a) => a.endsWith('.js'));
      const styles = assets.filter((a) => a.endsWith('.css'));
      expect(scripts.length).toBeGreaterThan(0);
      expect(styles.length).toBeGreaterThan(0);
      for (const asset of assets) {
        expect(new URL(asset).pathname.startsWith('/admin/queues/static/')).toBe(true);
        const r = await get(asset, { cookie });
        expect(r.status, asset).toBe(200);
        const type = { js: /javascript/, css: /^text\/css/, svg: /^image\/svg\+xml/, png: /^image\/png/ }[
          asset.split('.').pop()!
        ];
        expect(type, asset).toBeDefined();
        expect(r.headers['content-type'], asset).toMatch(type!);
        expect(r.text.length).toBeGreaterThan(100);
      }
      // The UI's first API call lists the three queues.
      const queues = await get(`${h.url}/admin/queues/api/queues`, { cookie });
      expect(queues.status).toBe(200);
      expect(
        queues
          .json()
          .queues.map((q: { name: string }) => q.name)
          .sort(),
      ).toEqual(['article', 'poll', 'publish']);
    });

    it('also opens with Basic auth (any user, the token as password) or a bearer header', async () => {
      const basic = { authorization: `Basic ${Buffer.from(`operator:${TOKEN}`).toString('base64')}` };
      const { page, assets } = await loadPage(basic);
      expect(page.status).toBe(200);
      expect((await get(assets[0], basic)).status).toBe(200);
      expect((await loadPage(auth)).page.status).toBe(200);
    });

    it('the cookie is honoured on the dashboard and the console, never on the API', async () => {
      const login = await get(`${h.url}/admin/queues?token=${encodeURIComponent(TOKEN)}`);
      const cookie = String(login.headers['set-cookie']).split(';')[0];
      expect((await get(`${h.url}/api/sources`, { cookie })).status).toBe(401);
      expect((await get(`${h.url}/metrics`, { cookie })).status).toBe(401);
      expect((await get(`${h.url}/`, { cookie })).status).toBe(200);
      expect((await get(`${h.url}/admin/queues`, { cookie: 'wire_admin=forged' })).status).toBe(401);
    });

    it('a write through the dashboard API is refused when it comes from another site', async () => {
      const login = await get(`${h.url}/admin/queues?token=${encodeURIComponent(TOKEN)}`);
      const cookie = String(login.headers['set-cookie']).split(';')[0];
      const pause = `${h.url}/admin/queues/api/queues/poll/pause`;
      const cross = await get(pause, { cookie, origin: 'https://evil.example' }, 'PUT');
      expect(cross.status).toBe(403);
      expect(await h.rt.queues.poll.isPaused()).toBe(false);
      const crossFetch = await get(pause, { cookie, 'sec-fetch-site': 'cross-site' }, 'PUT');
      expect(crossFetch.status).toBe(403);

      const same = await get(pause, { cookie, origin: h.url }, 'PUT');
      expect(same.status).toBe(200);
      expect(await h.rt.queues.poll.isPaused()).toBe(true);
      // A bearer header cannot be sent cross-site without the server's consent: no origin check needed.
      expect(
        (
          await get(
            `${h.url}/admin/queues/api/queues/poll/resume`,
            { ...auth, origin: 'https://elsewhere.example' },
            'PUT',
          )
        ).status,
      ).toBe(200);
      expect(await h.rt.queues.poll.isPaused()).toBe(false);
    });
  });
});

describe('admin HTTP when Redis is gone', () => {
  // the status of a disconnected client: one server or Sentinel ends; a Cluster client stays at "close" (ioredis)
  const ENDED = isClusterUrl(TEST_REDIS_URL) ? 'close' : 'end';
  let h: Harness;

  beforeAll(async () => {
    h = await startHarness({ token: TOKEN, schedulersInSync: () => true });
  });
  afterAll(async () => {
    await h?.close();
  });

  it('/readyz goes 503 with the reason, /healthz stays 200 and /metrics still answers', async () => {
    expect((await get(`${h.url}/readyz`, auth)).status).toBe(200);
    h.redis.disconnect();
    const started = Date.now();
    const r = await get(`${h.url}/readyz`, auth);
    expect(r.status).toBe(503);
    // Depending on how far the close has gone: the client's state, or the rejected PING.
    expect(r.json()).toEqual({
      status: 'not ready',
      checks: {
        redis: { ok: false, reason: expect.stringMatching(/redis connection is (close|end)|Connection is closed/) },
        schedulers: { ok: true },
        config: { ok: true },
      },
    });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect((await get(`${h.url}/readyz`, auth)).json().checks.redis).toEqual({
      ok: false,
      reason: `redis connection is ${ENDED}`,
    });
    expect((await get(`${h.url}/healthz`)).status).toBe(200);
    const m = await get(`${h.url}/metrics`, auth);
    expect(m.status).toBe(200);
    expect(m.text).toContain('wire_redis_up 0');
    expect(m.text).not.toMatch(/^wire_queue_jobs\{/m);
    for (const path of ['/api/sources', '/api/items/0123456789abcdef0123456789abcdef', '/admin/queues/api/queues']) {
      const api = await get(`${h.url}${path}`, auth);
      expect(api.status, path).toBe(503);
      expect(api.json(), path).toEqual({ error: 'unavailable', message: `redis connection is ${ENDED}` });
    }
    // Static answers need no Redis.
    expect((await get(`${h.url}/api/schema`, auth)).status).toBe(200);
    expect((await get(`${h.url}/admin/queues`, auth)).status).toBe(200);
    expect(Date.now() - started).toBeLessThan(5000);
  });
});
