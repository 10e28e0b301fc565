import { existsSync, mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../../src/log/index.js';
import { NO_REDIS_MESSAGE, redisAnswers, resolveRedis, stateDir } from '../../src/queue/redis-server.js';
import { homedir } from 'node:os';

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
    expect(await resolveRedis({ log: silentLogger, mayStart: false, defaultPort: await freePort() })).toMatchObject({
      url: 'redis://db.internal:6380',
      how: 'REDIS_URL',
    });
  });

  it('starts a private redis-server with an append-only file under the state dir when nothing answers, and stops it', async () => {
    const [defaultPort, privatePort] = [await freePort(), await freePort()];
    const stateDir = mkdtempSync(join(tmpdir(), 'wire-state-'));
    const found = await resolveRedis({ log: silentLogger, mayStart: true, stateDir, defaultPort, privatePort });
    try {
      expect(found).toMatchObject({ url: `redis://127.0.0.1:${privatePort}`, how: 'private-started' });
      const client = new Redis(found.url);
      await client.set('k', 'v');
      expect(await client.config('GET', 'appendonly')).toEqual(['appendonly', 'yes']);
      client.disconnect();
      // a second process finds the running one instead of starting another
      expect((await resolveRedis({ log: silentLogger, mayStart: true, stateDir, defaultPort, privatePort })).how).toBe(
        'private-running',
      );
    } finally {
      await found.stop();
    }
    expect(await redisAnswers('127.0.0.1', privatePort)).toBe(false);
    expect(existsSync(join(stateDir, 'redis', 'appendonlydir'))).toBe(true);
  });

  it('keeps its state in WIRE_STATE_DIR, else $XDG_STATE_HOME/media-wire, else ~/.local/state/media-wire: never the cwd', () => {
    expect(stateDir({ WIRE_STATE_DIR: '/srv/wire-state', XDG_STATE_HOME: '/x' })).toBe('/srv/wire-state');
    expect(() => stateDir({ WIRE_STATE_DIR: 'var/state' })).toThrow(
      /WIRE_STATE_DIR must be an absolute path \(got "var\/state"\)/,
    );
    expect(stateDir({ XDG_STATE_HOME: '/home/op/.state' })).toBe('/home/op/.state/media-wire');
    expect(stateDir({ XDG_STATE_HOME: 'relative' })).toBe(join(homedir(), '.local/state/media-wire')); // the XDG spec ignores a relative one
    expect(stateDir({})).toBe(join(homedir(), '.local/state/media-wire'));
  });

  it('refuses a relative WIRE_STATE_DIR whatever Redis is used', async () => {
    const saved = process.env.WIRE_STATE_DIR;
    process.env.WIRE_STATE_DIR = 'state';
    try {
      process.env.REDIS_URL = 'redis://db.internal:6380';
      await expect(resolveRedis({ log: silentLogger, mayStart: false })).rejects.toThrow(/absolute path/);
    } finally {
      if (saved === undefined) delete process.env.WIRE_STATE_DIR;
      else process.env.WIRE_STATE_DIR = saved;
    }
  });

  it('names the options when there is no Redis and no redis-server', async () => {
    const err = await resolveRedis({
      log: silentLogger,
      mayStart: true,
      defaultPort: await freePort(),
      privatePort: await freePort(),
      redisServer: 'no-such-redis-server',
    }).catch((e) => e);
    expect(err.message).toBe(NO_REDIS_MESSAGE);
    expect(err.message).toMatch(/apt-get install redis-server/);
    expect(err.message).toMatch(/docker compose up -d redis/);
    expect(err.message).toMatch(/REDIS_URL/);
  });
});
