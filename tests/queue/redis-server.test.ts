import { existsSync, mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../../src/log/index.js';
import { NO_REDIS_MESSAGE, redisAnswers, resolveRedis } from '../../src/queue/redis-server.js';

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

describe('Redis for a single machine', () => {
  const saved = process.env.REDIS_URL;
  beforeEach(() => {
    delete process.env.REDIS_URL; // the test setup sets it; these tests are about life without it
  });
  afterEach(() => {
    if (saved !== undefined) process.env.REDIS_URL = saved;
  });

  it('uses REDIS_URL when set, without probing anything', async () => {
    process.env.REDIS_URL = 'redis://db.internal:6380';
    expect(await resolveRedis({ log: silentLogger, mayStart: false, defaultPort: await freePort() })).toMatchObject({ url: 'redis://db.internal:6380', how: 'REDIS_URL' });
  });

  it('starts a private redis-server with an append-only file under var/ when nothing answers, and stops it', async () => {
    const [defaultPort, privatePort] = [await freePort(), await freePort()];
    const varDir = mkdtempSync(join(tmpdir(), 'wire-var-'));
    const found = await resolveRedis({ log: silentLogger, mayStart: true, varDir, defaultPort, privatePort });
    try {
      expect(found).toMatchObject({ url: `redis://127.0.0.1:${privatePort}`, how: 'private-started' });
      const client = new Redis(found.url);
      await client.set('k', 'v');
      expect(await client.config('GET', 'appendonly')).toEqual(['appendonly', 'yes']);
      client.disconnect();
      // a second process finds the running one instead of starting another
      expect((await resolveRedis({ log: silentLogger, mayStart: true, varDir, defaultPort, privatePort })).how).toBe('private-running');
    } finally {
      await found.stop();
    }
    expect(await redisAnswers('127.0.0.1', privatePort)).toBe(false);
    expect(existsSync(join(varDir, 'redis'))).toBe(true);
  });

  it('names the options when there is no Redis and no redis-server', async () => {
    const err = await resolveRedis({ log: silentLogger, mayStart: true, defaultPort: await freePort(), privatePort: await freePort(), redisServer: 'no-such-redis-server' }).catch((e) => e);
    expect(err.message).toBe(NO_REDIS_MESSAGE);
    expect(err.message).toMatch(/apt-get install redis-server/);
    expect(err.message).toMatch(/docker compose up -d redis/);
    expect(err.message).toMatch(/REDIS_URL/);
  });
});
