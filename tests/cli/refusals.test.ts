/**
 * Fail closed: a refused or invalid start-up setting stops `wire start` before anything runs. Exit code 2,
 * one plain `wire: ...` line on stderr (no stack, no log noise), within seconds, nothing polled or queued,
 * and nothing left running in the process's group (no worker, no redis-server).
 */
import { spawn } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { logSettingsProblem } from '../../src/log/index.js';
import { writeConfig } from '../helpers/config.js';
import { dropPrefix, testPrefix, TEST_REDIS_URL } from '../helpers/redis.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

interface Exit {
  code: number | null;
  stderr: string;
  stdout: string;
  ms: number;
  /** Was anything of the process group still alive once the process had exited? */
  groupLeft: boolean;
}

function groupAlive(pgid: number): boolean {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch {
    return false;
  }
}

/** `wire <args>` in a process group of its own; killed (and reported as code null) if still running after 20 s. */
function runInGroup(args: string[], env: Record<string, string>): Promise<Exit> {
  const started = Date.now();
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...args], {
    cwd: ROOT,
    env: {
      ...process.env,
      LOG_LEVEL: 'info',
      WIRE_LOG_FORMAT: 'json',
      WIRE_ADMIN_PORT: '0',
      WIRE_ADMIN_HOST: '',
      WIRE_ADMIN_TOKEN: '',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d) => (stdout += d));
  child.stderr.on('data', (d) => (stderr += d));
  const timer = setTimeout(() => {
    try {
      process.kill(-child.pid!, 'SIGKILL');
    } catch {
      /* gone */
    }
  }, 20_000);
  return new Promise((resolve) => {
    child.on('close', async (code) => {
      clearTimeout(timer);
      const ms = Date.now() - started;
      // A child left behind (a worker, a redis-server) would still be in the group seconds later; tsx's
      // esbuild helper leaves within a moment of its parent (longer on a loaded machine).
      const until = Date.now() + 5000;
      while (groupAlive(child.pid!) && Date.now() < until) await new Promise((r) => setTimeout(r, 100));
      const groupLeft = groupAlive(child.pid!);
      if (groupLeft) process.kill(-child.pid!, 'SIGKILL');
      resolve({ code, stdout, stderr, ms, groupLeft });
    });
  });
}

describe('refused start-up settings', () => {
  const prefix = testPrefix();
  let feed: Server;
  let feedRequests = 0;
  let dir: string;
  let webhookDir: string;
  let noSiteDir: string;
  let badSourcesDir: string;

  beforeAll(async () => {
    feed = createServer((_req, res) => {
      feedRequests++;
      res.writeHead(200, { 'content-type': 'application/rss+xml' });
      res.end(
        '<rss version="2.0"><channel><title>T</title><item><title>A story</title><link>http://127.0.0.1:1/a</link><guid>a</guid></item></channel></rss>',
      );
    });
    await new Promise<void>((r) => feed.listen(0, '127.0.0.1', () => r()));
    const origin = `http://127.0.0.1:${(feed.address() as AddressInfo).port}`;
    const sources = `sources:\n  - id: counted\n    name: Counted\n    feed: ${origin}/feed.xml\n    every: 1s\n`;
    const wire = 'site: Example Daily\nnetwork:\n  allowPrivate: ["127.0.0.1"]\n';
    dir = writeConfig(wire, sources);
    webhookDir = writeConfig(
      `${wire}publish:\n  webhook:\n    url: ${origin}/hook\n    secretEnv: REFUSAL_TEST_SECRET\n`,
      sources,
    );
    noSiteDir = writeConfig('section: News\n', sources);
    badSourcesDir = writeConfig(wire, 'sources:\n  id: not-a-list\n');
  });
  afterAll(async () => {
    await new Promise((r) => feed?.close(r));
    await dropPrefix(prefix);
  });

  const cases: {
    name: string;
    args?: string[];
    env?: Record<string, string>;
    config?: () => string;
    message: RegExp;
  }[] = [
    {
      name: '--admin-host 0.0.0.0 without a token',
      args: ['--admin-host', '0.0.0.0'],
      message: /refusing to serve the admin HTTP on 0\.0\.0\.0 without a token/,
    },
    {
      name: '--admin-host :: without a token',
      args: ['--admin-host', '::'],
      message: /refusing to serve the admin HTTP on :: without a token/,
    },
    {
      name: 'WIRE_ADMIN_HOST=0.0.0.0 without a token',
      env: { WIRE_ADMIN_HOST: '0.0.0.0' },
      message: /refusing to serve the admin HTTP on 0\.0\.0\.0/,
    },
    {
      name: '--admin-port abc',
      args: ['--admin-port', 'abc'],
      message: /admin port must be a number from 0 to 65535 \(got "abc"\)/,
    },
    { name: '--admin-port 70000', args: ['--admin-port', '70000'], message: /admin port must be a number/ },
    { name: 'WIRE_ADMIN_PORT=-1', env: { WIRE_ADMIN_PORT: '-1' }, message: /admin port must be a number .*"-1"/ },
    {
      name: 'an admin address this machine does not have',
      args: ['--admin-host', '192.0.2.1'],
      env: { WIRE_ADMIN_TOKEN: 'a-long-enough-admin-token' },
      message: /the admin HTTP cannot listen on 192\.0\.2\.1:0 \(EADDRNOTAVAIL\)/,
    },
    {
      name: 'WIRE_LOG_FORMAT=xml',
      env: { WIRE_LOG_FORMAT: 'xml' },
      message: /WIRE_LOG_FORMAT must be json or pretty \(got "xml"\)/,
    },
    {
      name: 'LOG_LEVEL=verbose',
      env: { LOG_LEVEL: 'verbose' },
      message: /LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent \(got "verbose"\)/,
    },
    {
      name: '--roles with an unknown role',
      args: ['--roles', 'poll,bogus'],
      message: /--roles takes a comma-separated list/,
    },
    {
      name: '--roles webhook without publish.webhook',
      args: ['--roles', 'webhook'],
      message: /--roles webhook needs publish\.webhook/,
    },
    {
      name: 'a webhook without its secret',
      config: () => webhookDir,
      message: /REFUSAL_TEST_SECRET \(its HMAC secret\) is empty or unset/,
    },
    {
      name: 'a bad --wait-for-redis',
      args: ['--wait-for-redis', 'soon'],
      message: /the wait for Redis must be a duration/,
    },
    {
      name: 'REDIS_TLS_CA with a REDIS_URL without TLS',
      env: { REDIS_TLS_CA: '/etc/ssl/certs/ca-certificates.crt' },
      message: /REDIS_TLS_CA set but REDIS_URL does not use TLS/,
    },
    {
      name: 'a Redis password in REDIS_URL and REDIS_PASSWORD',
      env: { REDIS_URL: 'redis://:one@127.0.0.1:1', REDIS_PASSWORD: 'two' },
      message: /REDIS_URL carries a password and REDIS_PASSWORD is set too/,
    },
    {
      name: 'a Sentinel REDIS_URL without the master name',
      env: { REDIS_URL: 'redis+sentinel://127.0.0.1:1,127.0.0.1:2' },
      message: /a Sentinel URL names the master after the hosts/,
    },
    {
      name: 'a Redis Cluster REDIS_URL with a database number',
      env: { REDIS_URL: 'redis+cluster://127.0.0.1:1/2' },
      message: /a Redis Cluster has no database number/,
    },
    { name: 'wire.yaml without site', config: () => noSiteDir, message: /wire\.yaml: `site` is required/ },
    {
      name: 'sources.yaml whose sources is not a list',
      config: () => badSourcesDir,
      message: /sources\.yaml:\d+: `sources` must be a list of sources/,
    },
  ];

  it.each(cases)(
    '$name: exit 2 at once, one line, nothing polled or queued, nothing left running',
    async (c) => {
      const before = feedRequests;
      const r = await runInGroup(['start', '--config', c.config?.() ?? dir, ...(c.args ?? [])], {
        REDIS_URL: TEST_REDIS_URL,
        WIRE_PREFIX: prefix,
        ...c.env,
      });
      expect(r.code, r.stderr).toBe(2);
      expect(r.ms).toBeLessThan(20_000);
      const lines = r.stderr.trimEnd().split('\n');
      expect(lines, r.stderr).toHaveLength(1);
      expect(lines[0]).toMatch(/^wire: /);
      expect(lines[0]).toMatch(c.message);
      expect(r.stdout).toBe('');
      expect(r.groupLeft).toBe(false);
      expect(feedRequests - before).toBe(0);
      // Nothing scheduled or queued under this process's prefix.
      const redis = new Redis(TEST_REDIS_URL, { maxRetriesPerRequest: 1 });
      try {
        expect(await redis.keys(`${prefix}:*`)).toEqual([]);
      } finally {
        redis.disconnect();
      }
    },
    30_000,
  );

  it('log settings: the known levels and formats pass, empty counts as unset, anything else is named', () => {
    for (const LOG_LEVEL of ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent', '', undefined])
      expect(logSettingsProblem({ LOG_LEVEL })).toBeNull();
    for (const WIRE_LOG_FORMAT of ['json', 'pretty', '', undefined])
      expect(logSettingsProblem({ WIRE_LOG_FORMAT })).toBeNull();
    expect(logSettingsProblem({ LOG_LEVEL: 'INFO' })).toMatch(/LOG_LEVEL must be one of .* \(got "INFO"\)/);
    expect(logSettingsProblem({ WIRE_LOG_FORMAT: 'text' })).toBe('WIRE_LOG_FORMAT must be json or pretty (got "text")');
  });

  it('checks the admin settings before it looks for Redis (so no private redis-server is started for a refused start)', async () => {
    // Nothing listens on port 1: had Redis been looked up first, the error would be about Redis.
    const r = await runInGroup(['start', '--config', dir, '--admin-port', 'abc'], {
      REDIS_URL: 'redis://127.0.0.1:1',
      WIRE_PREFIX: prefix,
    });
    expect(r.code).toBe(2);
    expect(r.stderr.trim()).toBe('wire: admin port must be a number from 0 to 65535 (got "abc")');
    expect(r.groupLeft).toBe(false);
  }, 30_000);

  it('a good start still polls (the feed server counts requests), and SIGTERM stops everything', async () => {
    const started = Date.now();
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'start', '--config', dir], {
      cwd: ROOT,
      env: {
        ...process.env,
        LOG_LEVEL: 'info',
        WIRE_LOG_FORMAT: 'json',
        WIRE_ADMIN_PORT: '0',
        REDIS_URL: TEST_REDIS_URL,
        WIRE_PREFIX: prefix,
      },
      stdio: ['ignore', 'ignore', 'pipe'],
      detached: true,
    });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    const exited = new Promise<number | null>((r) => child.on('close', r));
    const before = feedRequests;
    try {
      while (feedRequests === before && Date.now() - started < 25_000) await new Promise((r) => setTimeout(r, 200));
      expect(feedRequests - before, stderr).toBeGreaterThan(0);
    } finally {
      process.kill(child.pid!, 'SIGTERM');
    }
    expect(await exited).toBe(0);
    const until = Date.now() + 5000;
    while (groupAlive(child.pid!) && Date.now() < until) await new Promise((r) => setTimeout(r, 100));
    expect(groupAlive(child.pid!)).toBe(false);
    await dropPrefix(prefix);
  }, 45_000);
});
