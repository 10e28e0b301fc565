import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load.js';
import { silentLogger } from '../../src/log/index.js';
import { createMetrics } from '../../src/metrics/index.js';
import { createRuntime, type Runtime } from '../../src/runtime.js';
import { DEFAULT_ADMIN_HOST, DEFAULT_ADMIN_PORT, isLoopbackHost, startAdminServer } from '../../src/server/index.js';
import { writeConfig } from '../helpers/config.js';
import { dropPrefix, TEST_REDIS_URL, testPrefix, testRedis } from '../helpers/redis.js';
import { get, SOURCES_YAML, startHarness, type Harness } from '../helpers/admin-server.js';

describe('where the admin server may listen', () => {
  const prefix = testPrefix();
  let redis: Redis;
  let rt: Runtime;

  beforeAll(() => {
    redis = testRedis();
    rt = createRuntime({
      config: loadConfig(writeConfig('site: Example Daily\n', SOURCES_YAML)),
      redis,
      redisUrl: TEST_REDIS_URL,
      prefix,
      log: silentLogger,
    });
  });
  afterAll(async () => {
    await rt?.close();
    redis?.disconnect();
    await dropPrefix(prefix);
  });

  it('defaults to 127.0.0.1:9464', () => {
    expect([DEFAULT_ADMIN_HOST, DEFAULT_ADMIN_PORT]).toEqual(['127.0.0.1', 9464]);
  });

  it.each(['0.0.0.0', '::', '192.168.1.10', '10.0.0.5', 'admin.example.com', '::ffff:10.0.0.1'])(
    'refuses %s without a token',
    async (host) => {
      await expect(
        startAdminServer(rt, createMetrics(rt, { defaultMetrics: false }), { host, port: 0 }),
      ).rejects.toThrow(/refusing to serve the admin HTTP on .* without a token: set WIRE_ADMIN_TOKEN/);
      // An empty WIRE_ADMIN_TOKEN is no token.
      await expect(
        startAdminServer(rt, createMetrics(rt, { defaultMetrics: false }), { host, port: 0, token: '' }),
      ).rejects.toThrow(/refusing/);
    },
  );

  it('binds a non-loopback address when a token is set', async () => {
    const server = await startAdminServer(rt, createMetrics(rt, { defaultMetrics: false }), {
      host: '0.0.0.0',
      port: 0,
      token: 'a-long-enough-admin-token',
    });
    try {
      const port = new URL(server.url).port;
      expect((await get(`http://127.0.0.1:${port}/healthz`)).status).toBe(200);
      expect((await get(`http://127.0.0.1:${port}/api/sources`)).status).toBe(401);
    } finally {
      await server.close();
    }
  });

  it('knows loopback addresses', () => {
    for (const h of ['127.0.0.1', '127.1.2.3', '::1', '[::1]', 'localhost', 'LOCALHOST', '::ffff:127.0.0.1'])
      expect(isLoopbackHost(h), h).toBe(true);
    for (const h of ['0.0.0.0', '::', '10.0.0.1', 'example.com', 'localhost.example.com', ''])
      expect(isLoopbackHost(h), h).toBe(false);
  });
});

describe('open on loopback (no token)', () => {
  let h: Harness;

  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => {
    await h?.close();
  });

  it('serves every route without credentials', async () => {
    for (const path of [
      '/healthz',
      '/metrics',
      '/api/sources',
      '/api/sources/alpha',
      '/api/schema',
      '/admin/queues',
      '/admin/queues/api/queues',
    ]) {
      expect((await get(`${h.url}${path}`)).status, path).toBe(200);
    }
  });

  it('answers only to loopback host names (a DNS-rebinding page cannot reach it)', async () => {
    const port = new URL(h.url).port;
    expect((await get(`${h.url}/api/sources`, { host: `localhost:${port}` })).status).toBe(200);
    const rebound = await get(`${h.url}/api/sources`, { host: `attacker.example:${port}` });
    expect(rebound.status).toBe(421);
    expect(rebound.json()).toMatchObject({ error: 'misdirected' });
  });

  it('refuses writes from other sites', async () => {
    const r = await get(
      `${h.url}/admin/queues/api/queues/poll/add`,
      { origin: 'https://evil.example', 'content-type': 'text/plain' },
      'POST',
      'x',
    );
    expect(r.status).toBe(403);
    expect(await h.rt.queues.poll.count()).toBe(0);
  });
});
