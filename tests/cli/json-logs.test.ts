/**
 * With WIRE_LOG_FORMAT=json every line a process writes to stderr is one JSON object: no Node warnings
 * (FSTDEP023 from the admin HTTP, MaxListenersExceededWarning from waiting on many jobs) in the stream.
 * A first run with more than ten new entries is what used to trip the listener warning.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeConfig } from '../helpers/config.js';
import {
  generateArticles,
  openQueues,
  privateRedis,
  sleep,
  sourceYaml,
  startOrigin,
  waitFor,
  waitForArticles,
  wireYaml,
  type Origin,
} from '../helpers/faults.js';
import { dropPrefix, testPrefix, TEST_REDIS_URL } from '../helpers/redis.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const ARTICLES = 14;

function nonJsonLines(stderr: string): string[] {
  return stderr
    .split('\n')
    .filter((l) => l !== '')
    .filter((l) => {
      try {
        const v = JSON.parse(l);
        return typeof v !== 'object' || v === null || typeof v.level !== 'number' || typeof v.msg !== 'string';
      } catch {
        return true;
      }
    });
}

function wire(args: string[], env: Record<string, string>) {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...args], {
    cwd: ROOT,
    env: { ...process.env, LOG_LEVEL: 'info', WIRE_LOG_FORMAT: 'json', WIRE_ADMIN_PORT: '0', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const out = { stdout: '', stderr: '' };
  child.stdout.on('data', (d) => (out.stdout += d));
  child.stderr.on('data', (d) => (out.stderr += d));
  const exited = new Promise<number | null>((r) => child.on('close', r));
  return { child, out, exited };
}

describe('the JSON log stream', () => {
  let origin: Origin;
  const prefixes: string[] = [];

  beforeAll(async () => {
    origin = await startOrigin({ articles: generateArticles(ARTICLES, 'json-log') });
  });
  afterAll(async () => {
    await origin?.close();
    for (const p of prefixes) await dropPrefix(p);
  });

  it(`wire run --once with ${ARTICLES} new entries: every stderr line is JSON`, async () => {
    const prefix = testPrefix();
    prefixes.push(prefix);
    const dir = writeConfig(
      wireYaml({ jobs: { backoff: '50ms' } }),
      `sources:\n${sourceYaml('json-once', origin)}${sourceYaml('json-twice', origin).replace(origin.feedUrl, `${origin.feedUrl}?second`)}`,
    );
    // Without --json: the progress lines go to stderr too.
    const run = wire(['run', '--once', '--config', dir], { REDIS_URL: TEST_REDIS_URL, WIRE_PREFIX: prefix });
    expect(await run.exited, run.out.stderr).toBe(0);
    expect(run.out.stdout).toMatch(new RegExp(`^ok\\s+json-once: new ${ARTICLES},`, 'm'));
    expect(run.out.stdout).toMatch(new RegExp(`^ok\\s+json-twice: new ${ARTICLES},`, 'm'));
    expect(run.out.stderr).toContain('progress: source');
    expect(nonJsonLines(run.out.stderr)).toEqual([]);
  }, 90_000);

  it('wire consume through a Redis restart: every stderr line is JSON (no raw stacks from its worker)', async () => {
    const redis = await privateRedis();
    await redis.start();
    const run = wire(['consume', '--out', mkdtempSync(join(tmpdir(), 'wire-consume-'))], {
      REDIS_URL: redis.url,
      WIRE_PREFIX: testPrefix(),
    });
    try {
      await waitFor(() => run.out.stderr.includes('waiting for items'), 20_000, 'the consumer to start');
      await redis.stop('SIGKILL');
      await waitFor(
        () => run.out.stderr.includes('consumer worker error'),
        20_000,
        'the consumer to notice the outage',
      );
      await sleep(1500);
      await redis.start();
      await sleep(1000);
    } finally {
      run.child.kill('SIGTERM');
      const timer = setTimeout(() => run.child.kill('SIGKILL'), 15_000);
      await run.exited;
      clearTimeout(timer);
      await redis.destroy();
    }
    expect(nonJsonLines(run.out.stderr)).toEqual([]);
  }, 90_000);

  it('wire start (admin HTTP on, a first poll of every entry, then SIGTERM): every stderr line is JSON', async () => {
    const prefix = testPrefix();
    prefixes.push(prefix);
    const dir = writeConfig(
      wireYaml({ jobs: { backoff: '50ms' } }),
      `sources:\n${sourceYaml('json-start', origin, '1h')}`,
    );
    const queues = openQueues(TEST_REDIS_URL, prefix);
    const run = wire(['start', '--config', dir], { REDIS_URL: TEST_REDIS_URL, WIRE_PREFIX: prefix });
    try {
      await waitForArticles(queues.article, ARTICLES, 60_000);
    } finally {
      run.child.kill('SIGTERM');
      await queues.close();
    }
    expect(await run.exited, run.out.stderr).toBe(0);
    expect(run.out.stderr).toContain('"msg":"admin HTTP listening"');
    expect(nonJsonLines(run.out.stderr + run.out.stdout)).toEqual([]);
  }, 90_000);
});
