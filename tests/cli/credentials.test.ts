import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listen, type Listening } from '../fetch/hostile-server.js';
import { runWire, type CliResult } from '../helpers/cli.js';
import { writeConfig } from '../helpers/config.js';
import { dropPrefix, testPrefix, TEST_REDIS_URL } from '../helpers/redis.js';

// A secret unlike anything else in the output, so any leak (log line, error, status, job) is found by grep.
const SECRET = 'sekrit-ap-key-5d1e8b27c94f';
// Our own small ninjs list (tests/fixtures/agency): the test runs on a fresh clone without ../shared.
const NINJS = readFileSync(fileURLToPath(new URL('../fixtures/agency/ninjs-list.json', import.meta.url)));

describe('per-source credentials: named in the config, never shown, never sent to another host', () => {
  const prefix = testPrefix();
  let agency: Listening;
  let elsewhere: Listening;
  const seenElsewhere: string[] = [];
  let dir: string;
  const env = () => ({
    WIRE_PREFIX: prefix,
    REDIS_URL: TEST_REDIS_URL,
    LOG_LEVEL: 'debug',
    WIRE_LOG_FORMAT: 'json',
    AP_API_KEY: SECRET,
    DPA_PASSWORD: SECRET,
  });

  beforeAll(async () => {
    elsewhere = await listen('127.0.0.1', (req, res) => {
      seenElsewhere.push(JSON.stringify(req.headers));
      res.writeHead(200, { 'content-type': 'application/json' }).end(NINJS);
    });
    agency = await listen('127.0.0.1', (req, res) => {
      const url = new URL(req.url ?? '/', 'http://x');
      if (url.pathname === '/moved') return res.writeHead(302, { location: `${elsewhere.origin}/feed` }).end();
      const basic = `Basic ${Buffer.from(`wire:${SECRET}`).toString('base64')}`;
      const ok = req.headers['x-api-key'] === SECRET || req.headers.authorization === basic;
      if (!ok) return res.writeHead(401, { 'content-type': 'text/plain' }).end('missing or wrong credentials');
      res.writeHead(200, { 'content-type': 'application/json' }).end(NINJS);
    });
    dir = writeConfig(
      'site: Example Daily\nnetwork:\n  allowPrivate: ["127.0.0.1"]\npoliteness:\n  interval: 1ms\n  robots: false\n',
      `sources:
  - id: ap
    name: AP
    feed: ${agency.origin}/feed
    auth: { header: x-api-key, fromEnv: AP_API_KEY }
  - id: dpa
    name: dpa
    feed: ${agency.origin}/feed?basic=1
    auth: { scheme: basic, user: wire, fromEnv: DPA_PASSWORD }
  - id: moved
    name: Moved
    feed: ${agency.origin}/moved
    auth: { scheme: bearer, fromEnv: AP_API_KEY }
`,
    );
  });

  afterAll(async () => {
    await Promise.all([agency?.close(), elsewhere?.close(), dropPrefix(prefix)]);
  });

  it('no command output, log line (at debug), status, API answer or Redis key holds the secret', async () => {
    const outputs: [string, CliResult][] = [];
    for (const args of [
      ['sources', 'check', '--config', dir],
      ['sources', 'check', '--json', '--config', dir],
      ['run', '--once', '--json', '--config', dir],
      ['status', '--config', dir],
      ['status', '--json', '--config', dir],
      ['sources', 'list', '--config', dir],
    ]) {
      outputs.push([args.join(' '), await runWire(args, env())]);
    }
    const [check, checkJson, run] = outputs.map(([, r]) => r);
    // sources check shows the lifecycle fields of agency entries.
    expect(check.stdout).toContain(
      'agency:    ninjs id urn:wire.example:ninjs:A-1 · version 4 · withheld · no embargo · urgency 9',
    );
    expect(check.stdout).toContain('copyright Example Wire · usage terms Not for resale');
    const json = JSON.parse(checkJson.stdout) as {
      sources: { id: string; items: { agency?: Record<string, unknown> }[] }[];
    };
    expect(json.sources.find((s) => s.id === 'ap')?.items[0].agency).toMatchObject({
      id: 'urn:wire.example:ninjs:A-1',
      version: '4',
      pubStatus: 'withheld',
      embargo: null,
      credit: 'Example Wire',
      body: true,
    });
    // The credentials worked: both authenticated sources were read (a 401 would say so).
    expect(check.stdout).toMatch(/== ap \(AP\)[\s\S]*ninjs feed/);
    expect(check.stdout).toMatch(/== dpa \(dpa\)[\s\S]*ninjs feed/);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toContain('"level":20'); // debug lines were written
    for (const [what, r] of outputs) {
      expect(r.stdout, what).not.toContain(SECRET);
      expect(r.stderr, what).not.toContain(SECRET);
      expect(r.stdout + r.stderr, what).not.toContain(Buffer.from(`wire:${SECRET}`).toString('base64'));
    }
    // Jobs, items, health: every value under the prefix.
    const redis = new Redis(TEST_REDIS_URL);
    try {
      const keys = await redis.keys(`${prefix}:*`);
      expect(keys.length).toBeGreaterThan(0);
      for (const key of keys) {
        const type = await redis.type(key);
        const value =
          type === 'hash'
            ? await redis.hgetall(key)
            : type === 'string'
              ? await redis.get(key)
              : type === 'list'
                ? await redis.lrange(key, 0, -1)
                : type === 'set'
                  ? await redis.smembers(key)
                  : type === 'zset'
                    ? await redis.zrange(key, 0, -1)
                    : type === 'stream'
                      ? await redis.xrange(key, '-', '+')
                      : null;
        expect(JSON.stringify(value), key).not.toContain(SECRET);
      }
    } finally {
      redis.disconnect();
    }
    // The redirect to another host got the request without the credentials.
    expect(seenElsewhere.length).toBeGreaterThan(0);
    for (const headers of seenElsewhere) expect(headers).not.toContain(SECRET);
  }, 120_000);

  it('a missing variable is a config problem naming the source and the variable, and the source is skipped', async () => {
    const { AP_API_KEY: _unset, ...rest } = env();
    const r = await runWire(['sources', 'check', 'ap', '--config', dir], { ...rest, AP_API_KEY: '' });
    expect(r.code).not.toBe(0);
    expect(r.stdout + r.stderr).toMatch(
      /source "ap" takes its credentials from the environment variable AP_API_KEY, which is unset or empty/,
    );
  }, 60_000);

  it('a secret written in the config itself is refused', async () => {
    const bad = writeConfig(
      'site: Example Daily\n',
      `sources:\n  - id: ap\n    name: AP\n    feed: ${agency.origin}/feed\n    auth: { header: x-api-key, value: ${SECRET} }\n`,
    );
    const r = await runWire(['sources', 'check', 'ap', '--config', bad], env());
    expect(r.code).not.toBe(0);
    expect(r.stdout + r.stderr).toMatch(/auth/);
    expect(r.stdout + r.stderr).not.toContain(SECRET);
  }, 60_000);
});
