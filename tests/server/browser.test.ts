/**
 * The admin pages in a real browser (Debian's chromium, driven by playwright-core): every request the pages
 * make is recorded, and none may leave 127.0.0.1 (no web fonts or scripts from a CDN). Requests to any other
 * host are also aborted by the test, so nothing is sent off the machine even when the test fails. This test
 * needs /usr/bin/chromium (.ci/run installs it) and fails without it.
 */
import type { Redis } from 'ioredis';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load.js';
import { silentLogger } from '../../src/log/index.js';
import { createMetrics } from '../../src/metrics/index.js';
import { createRuntime, type Runtime } from '../../src/runtime.js';
import { CONTENT_SECURITY_POLICY, startAdminServer, type AdminServer } from '../../src/server/index.js';
import { launchChromium } from '../helpers/chromium.js';
import { writeConfig } from '../helpers/config.js';
import { dropPrefix, TEST_REDIS_URL, testPrefix, testRedis } from '../helpers/redis.js';

const TOKEN = 'browser-test-admin-token-0123456789';
describe('the admin pages in a browser', () => {
  const prefix = testPrefix();
  let redis: Redis;
  let rt: Runtime;
  let server: AdminServer;
  let browser: Browser;

  beforeAll(async () => {
    redis = testRedis();
    const dir = writeConfig(
      'site: Example Daily\n',
      'sources:\n  - id: alpha\n    name: Alpha\n    feed: https://feeds.alpha.example/world.xml\n',
    );
    rt = createRuntime({ config: loadConfig(dir), redis, redisUrl: TEST_REDIS_URL, prefix, log: silentLogger });
    server = await startAdminServer(rt, createMetrics(rt, { defaultMetrics: false }), {
      host: '127.0.0.1',
      port: 0,
      token: TOKEN,
    });
    browser = await launchChromium();
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await rt?.close();
    redis?.disconnect();
    await dropPrefix(prefix);
  });

  it('loads the dashboard and its queue pages with every request on 127.0.0.1, and no content-security-policy violation', async () => {
    const context = await browser.newContext();
    const requests: string[] = [];
    const problems: string[] = [];
    // Record everything; let only this machine's requests through.
    await context.route('**/*', (route) => {
      const url = route.request().url();
      requests.push(url);
      const host = new URL(url).hostname;
      return host === '127.0.0.1' ? route.continue() : route.abort('blockedbyclient');
    });
    const page = await context.newPage();
    page.on('console', (m) => {
      if (/Content Security Policy|Refused to/i.test(m.text())) problems.push(m.text());
    });
    page.on('pageerror', (err) => problems.push(`page error: ${err.message}`));

    const visited: string[] = [];
    const open = async (path: string) => {
      const response = await page.goto(`${server.url}${path}`, { waitUntil: 'networkidle' });
      expect(response?.status(), path).toBe(200);
      expect(response?.headers()['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
      visited.push(page.url());
    };
    await open(`/admin/queues?token=${TOKEN}`);
    // The board rendered its queues (the scripts ran under the policy).
    await page.getByText('article', { exact: false }).first().waitFor({ timeout: 15_000 });
    expect(await page.content()).toContain('publish');
    await open('/admin/queues/queue/article');
    await open('/admin/queues/queue/publish?status=completed');
    await context.close();

    expect(requests.length).toBeGreaterThan(5);
    const offMachine = requests.filter((u) => new URL(u).hostname !== '127.0.0.1');
    expect(offMachine).toEqual([]);
    expect(problems).toEqual([]);
    expect(visited.every((u) => u.startsWith(`${server.url}/admin/queues`))).toBe(true);
  }, 60_000);

  it('the page as served links nothing off the machine', async () => {
    const context = await browser.newContext({ extraHTTPHeaders: { authorization: `Bearer ${TOKEN}` } });
    const page = await context.newPage();
    await context.route('**/*', (route) =>
      new URL(route.request().url()).hostname === '127.0.0.1' ? route.continue() : route.abort(),
    );
    const response = await page.goto(`${server.url}/admin/queues`);
    const html = await response!.text();
    expect(html).toContain('static/css/');
    expect(html).not.toMatch(/(?:src|href)\s*=\s*["']?(?:https?:)?\/\//i);
    await context.close();
  }, 60_000);
});
