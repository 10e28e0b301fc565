/**
 * The private redis-server on a machine with no Redis set up (REDIS_URL unset, nothing on 127.0.0.1:6379;
 * the preloaded fixture makes the test machine's own Redis look absent to the child processes).
 */
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../../src/log/index.js';
import { redisAnswers, resolveRedis } from '../../src/queue/redis-server.js';
import { writeConfig } from '../helpers/config.js';
import {
  freePort,
  generateArticles,
  openQueues,
  sleep,
  sourceYaml,
  spawnWire,
  startOrigin,
  stopAll,
  waitFor,
  wireYaml,
  type Origin,
  type WireProcess,
} from '../helpers/faults.js';
import { testPrefix } from '../helpers/redis.js';

const NO_DEFAULT_REDIS = fileURLToPath(new URL('../fixtures/no-default-redis.mjs', import.meta.url));
const ARTICLES = 8;
const CONCURRENCY = 4;

describe('the private redis-server', () => {
  let origin: Origin;
  beforeAll(async () => {
    origin = await startOrigin({ articles: generateArticles(ARTICLES), pageDelayMs: 2500 });
  });
  const ports: number[] = [];
  afterAll(async () => {
    await stopAll();
    await origin?.close();
    // A test that failed half-way may leave a private server behind (it is in its own process group).
    for (const port of ports) {
      if (!(await redisAnswers('127.0.0.1', port))) continue;
      const client = new Redis({
        host: '127.0.0.1',
        port,
        lazyConnect: true,
        maxRetriesPerRequest: 0,
        retryStrategy: () => null,
      });
      client.on('error', () => {});
      await client.shutdown('NOSAVE').catch(() => {});
      client.disconnect();
    }
  });

  async function privateEnv() {
    const port = await freePort();
    ports.push(port);
    return {
      REDIS_URL: '',
      WIRE_PRIVATE_REDIS_PORT: String(port),
      WIRE_STATE_DIR: mkdtempSync(join(tmpdir(), 'wire-state-')),
      WIRE_PREFIX: testPrefix(),
    };
  }
  const run = (args: string[], env: Record<string, string>, name: string, cwd: string) =>
    spawnWire(args, env, name, { cwd, preload: [NO_DEFAULT_REDIS] });
  const summary = (p: WireProcess) =>
    JSON.parse(
      p
        .text()
        .split('\n')
        .find((l) => l.startsWith('{"ok"'))!,
    );

  it('keeps its data in the state dir, not the cwd: run --once from a second directory queues nothing again', async () => {
    const env = await privateEnv();
    const dir = writeConfig(
      wireYaml({ jobs: { articleConcurrency: CONCURRENCY } }),
      `sources:\n${sourceYaml('agency', origin, '1h')}`,
    );
    const [cwdA, cwdB] = [mkdtempSync(join(tmpdir(), 'wire-cwd-a-')), mkdtempSync(join(tmpdir(), 'wire-cwd-b-'))];

    const first = run(['run', '--once', '--json', '--config', dir], env, 'run --once from A', cwdA);
    expect((await first.exited).code, first.text()).toBe(0);
    expect(first.logs.find((l) => l.msg.startsWith('started a private redis-server'))).toMatchObject({
      dir: join(env.WIRE_STATE_DIR, 'redis'),
    });
    expect(summary(first).sources[0].items).toMatchObject({ new: ARTICLES, published: ARTICLES });
    expect(await redisAnswers('127.0.0.1', Number(env.WIRE_PRIVATE_REDIS_PORT))).toBe(false); // stopped on exit

    const second = run(['run', '--once', '--json', '--config', dir], env, 'run --once from B', cwdB);
    expect((await second.exited).code, second.text()).toBe(0);
    expect(second.count(/^started a private redis-server/)).toBe(1);
    expect(summary(second).sources[0].items).toMatchObject({ new: 0, published: 0 });
    expect([existsSync(join(cwdA, 'var')), existsSync(join(cwdB, 'var'))]).toEqual([false, false]);
  }, 90_000);

  it('refuses a relative WIRE_STATE_DIR: exit 2, one line', async () => {
    const env = { ...(await privateEnv()), WIRE_STATE_DIR: 'state' };
    const dir = writeConfig(
      wireYaml({ jobs: { articleConcurrency: 1 } }),
      `sources:\n${sourceYaml('agency', origin, '1h')}`,
    );
    const p = run(['run', '--once', '--config', dir], env, 'relative state dir', tmpdir());
    expect((await p.exited).code).toBe(2);
    expect(p.text()).toMatch(/^wire: WIRE_STATE_DIR must be an absolute path \(got "state"\)/m);
  }, 30_000);

  it('Ctrl-C (SIGINT to the process group) with jobs in flight: the jobs finish, then the server stops; exit 0, nothing lost', async () => {
    const env = await privateEnv();
    const port = Number(env.WIRE_PRIVATE_REDIS_PORT);
    const dir = writeConfig(
      wireYaml({ politeness: { concurrency: CONCURRENCY }, jobs: { articleConcurrency: CONCURRENCY } }),
      `sources:\n${sourceYaml('agency', origin, '1h')}`,
    );
    const wire = spawnWire(['start', '--config', dir], env, 'wire start (own group)', {
      cwd: tmpdir(),
      preload: [NO_DEFAULT_REDIS],
      detached: true,
    });
    await wire.waitForLog('media wire started', 45_000);
    await waitFor(() => origin.inFlight === CONCURRENCY, 30_000, `${CONCURRENCY} page fetches in flight`, 50);

    const t0 = Date.now();
    process.kill(-wire.pid, 'SIGINT'); // what a terminal does on Ctrl-C: the whole foreground group
    const exit = await Promise.race([wire.exited, sleep(20_000).then(() => 'still running after 20 s')]);
    expect(exit, wire.text()).toEqual({ code: 0, signal: null });
    expect(Date.now() - t0).toBeLessThan(20_000);
    expect(wire.count(/reconnect/i)).toBe(0);
    expect(wire.count('private redis-server stopped')).toBe(1);
    const order = ['stopped', 'private redis-server stopped'].map((m) => wire.logs.findIndex((l) => l.msg === m));
    expect(order[0]).toBeGreaterThanOrEqual(0);
    expect(order[1]).toBeLessThan(order[0]); // the server goes after the workers, before the last line
    expect(await redisAnswers('127.0.0.1', port)).toBe(false);

    // Nothing lost: the same data, opened again, holds the finished jobs, their stories and the rest waiting.
    const testRedis = process.env.REDIS_URL;
    delete process.env.REDIS_URL; // the test setup points it at the test Redis
    const again = await resolveRedis({
      log: silentLogger,
      mayStart: true,
      stateDir: env.WIRE_STATE_DIR,
      defaultPort: await freePort(),
      privatePort: port,
    }).finally(() => (process.env.REDIS_URL = testRedis));
    expect(again.how).toBe('private-started');
    const queues = openQueues(again.url, env.WIRE_PREFIX);
    try {
      expect(await queues.article.getJobCounts('active', 'completed', 'waiting', 'failed')).toEqual({
        active: 0,
        completed: CONCURRENCY,
        waiting: ARTICLES - CONCURRENCY,
        failed: 0,
      });
      expect(await queues.publishIds()).toHaveLength(CONCURRENCY);
    } finally {
      await queues.close();
      await again.stop();
    }
  }, 90_000);

  it('a second Ctrl-C while shutting down, or a Ctrl-C during run --once: stops at once (exit 130), the server too', async () => {
    for (const [args, name] of [
      [['start'], 'wire start, Ctrl-C twice'],
      [['run', '--once'], 'wire run --once, Ctrl-C'],
    ] as const) {
      const env = await privateEnv();
      const dir = writeConfig(
        wireYaml({ politeness: { concurrency: CONCURRENCY }, jobs: { articleConcurrency: CONCURRENCY } }),
        `sources:\n${sourceYaml('agency', origin, '1h')}`,
      );
      const wire = spawnWire([...args, '--config', dir], env, name, {
        cwd: tmpdir(),
        preload: [NO_DEFAULT_REDIS],
        detached: true,
      });
      await wire.waitForLog('started a private redis-server (append-only file on)', 45_000);
      await waitFor(() => origin.inFlight === CONCURRENCY, 30_000, `${CONCURRENCY} page fetches in flight`, 50);
      process.kill(-wire.pid, 'SIGINT');
      if (args[0] === 'start') {
        await wire.waitForLog('shutting down: finishing jobs in flight', 10_000);
        process.kill(-wire.pid, 'SIGINT');
      }
      const exit = await Promise.race([wire.exited, sleep(15_000).then(() => 'still running after 15 s')]);
      expect(exit, name + JSON.stringify(wire.logs.slice(-6))).toEqual({ code: 130, signal: null });
      expect(await redisAnswers('127.0.0.1', Number(env.WIRE_PRIVATE_REDIS_PORT))).toBe(false);
      await waitFor(() => origin.inFlight === 0, 10_000, 'the abandoned fetches to end');
    }
  }, 120_000);
});
