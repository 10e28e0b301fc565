/** Small things that misled an operator: discover proposing a configured feed again, a silent consume, the demo's reset hint. */
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resetHint } from '../../demo/reset-hint.js';
import { runWire } from '../helpers/cli.js';
import { writeConfig } from '../helpers/config.js';
import { testPrefix, TEST_REDIS_URL } from '../helpers/redis.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const rss = (title: string) =>
  `<?xml version="1.0"?><rss version="2.0"><channel><title>${title}</title><item><title>A</title><link>http://x/a</link></item></channel></rss>`;

describe('operator hints', () => {
  let server: Server;
  let origin: string;

  beforeAll(async () => {
    server = createServer((req, res) => {
      const routes: Record<string, [string, string]> = {
        '/': [
          'text/html',
          '<html><head><link rel="alternate" type="application/rss+xml" href="/feed.xml"><link rel="alternate" type="application/rss+xml" href="/sport.xml"></head><body>Home</body></html>',
        ],
        '/feed.xml': ['application/rss+xml', rss('Agency Top News')],
        '/sport.xml': ['application/rss+xml', rss('Agency Sport')],
      };
      const route = routes[req.url ?? ''];
      if (!route) return res.writeHead(404).end();
      res.writeHead(200, { 'content-type': route[0] }).end(route[1]);
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise((r) => server?.close(r));
  });

  it('sources discover proposes only feeds that are not configured yet, and names the ones that are', async () => {
    const wire = 'site: X\nnetwork:\n  allowPrivate: ["127.0.0.1"]\n';
    const dir = writeConfig(wire, `sources:\n  - id: agency-top\n    name: Agency Top\n    feed: ${origin}/feed.xml\n`);
    const r = await runWire(['sources', 'discover', `${origin}/`, '--config', dir], {});
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain(`feed: "${origin}/sport.xml"`);
    expect(r.stdout).not.toContain(`${origin}/feed.xml`);
    expect(r.stdout).toMatch(/^# 1 new feed\(s\) found/m);
    expect(r.stderr).toContain(`already configured as agency-top: ${origin}/feed.xml`);

    const both = writeConfig(
      wire,
      `sources:\n  - id: agency-top\n    name: Agency Top\n    feed: ${origin}/feed.xml\n  - id: sport\n    name: Sport\n    feed: ${origin}/sport.xml\n`,
    );
    const none = await runWire(['sources', 'discover', `${origin}/`, '--config', both], {});
    expect(none.code).toBe(0);
    expect(none.stdout).toBe('');
    expect(none.stderr).toContain(`every feed found on ${origin}/ is already configured`);
  });

  it('wire consume says that it is waiting, and where', async () => {
    const out = mkdtempSync(join(tmpdir(), 'wire-consume-'));
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'consume', '--out', out], {
      cwd: ROOT,
      env: {
        ...process.env,
        LOG_LEVEL: 'info',
        WIRE_LOG_FORMAT: 'json',
        REDIS_URL: TEST_REDIS_URL,
        WIRE_PREFIX: testPrefix(),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    const exited = new Promise<number | null>((r) => child.on('close', r));
    try {
      const until = Date.now() + 20_000;
      while (!stderr.includes('waiting for items') && Date.now() < until) await new Promise((r) => setTimeout(r, 100));
    } finally {
      child.kill('SIGTERM');
    }
    expect(await exited).toBe(0);
    const line = stderr
      .split('\n')
      .map((l) => (l.startsWith('{') ? JSON.parse(l) : null))
      .find((l) => l?.msg?.startsWith('waiting for items'));
    expect(line).toMatchObject({
      level: 30,
      queue: 'publish',
      out,
      redis: expect.stringMatching(/^redis:\/\/127\.0\.0\.1:\d+/),
    });
  }, 30_000);

  it('the demo reset hint names the Redis the demo used', () => {
    const prefix = 'wire-demo';
    expect(resetHint({ url: 'redis://127.0.0.1:6379', how: 'default' }, prefix)).toContain(
      'redis-cli -u redis://127.0.0.1:6379 --scan --pattern "wire-demo:*" | xargs -r redis-cli -u redis://127.0.0.1:6379 del',
    );
    const priv = resetHint({ url: 'redis://127.0.0.1:6479', how: 'private-started' }, prefix);
    expect(priv).toContain('the private redis-server on redis://127.0.0.1:6479');
    expect(priv).toContain('redis-cli -u redis://127.0.0.1:6479 --scan');
    const own = resetHint({ url: 'redis://:s3cret@redis.internal:6380/2', how: 'REDIS_URL' }, prefix);
    expect(own).toContain('REDIS_URL');
    expect(own).toContain('redis.internal:6380/2');
    expect(own).not.toContain('s3cret');
  });
});
