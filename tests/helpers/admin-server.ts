import type { Redis } from 'ioredis';
import { request } from 'undici';
import { loadConfig } from '../../src/config/load.js';
import { silentLogger } from '../../src/log/index.js';
import { createMetrics, type WireMetrics } from '../../src/metrics/index.js';
import { createRuntime, type Runtime } from '../../src/runtime.js';
import { startAdminServer, type AdminServer, type StartAdminOptions } from '../../src/server/index.js';
import { writeConfig } from './config.js';
import { dropPrefix, TEST_REDIS_URL, testPrefix, testRedis } from './redis.js';

/** Two sources that are never fetched (the admin server only reads config and state). */
export const SOURCES_YAML = `sources:
  - id: alpha
    name: Alpha Agency
    feed: https://feeds.alpha.example/world.xml
    every: 5m
  - id: beta
    name: Beta News
    feed: https://beta.example/rss
    enabled: false
`;

export interface Harness {
  rt: Runtime;
  redis: Redis;
  metrics: WireMetrics;
  server: AdminServer;
  /** http://127.0.0.1:port */
  url: string;
  close(): Promise<void>;
}

/** A runtime on real Redis under its own prefix, with metrics and an admin server on 127.0.0.1:0. */
export async function startHarness(opts: Omit<StartAdminOptions, 'host' | 'port'> = {}): Promise<Harness> {
  const prefix = testPrefix();
  const redis = testRedis();
  const rt = createRuntime({
    config: loadConfig(writeConfig('site: Example Daily\n', SOURCES_YAML)),
    redis,
    redisUrl: TEST_REDIS_URL,
    prefix,
    log: silentLogger,
  });
  const metrics = createMetrics(rt);
  const server = await startAdminServer(rt, metrics, { ...opts, host: '127.0.0.1', port: 0 });
  return {
    rt,
    redis,
    metrics,
    server,
    url: server.url,
    async close() {
      await server.close();
      await rt.close();
      redis.disconnect();
      await dropPrefix(prefix);
    },
  };
}

export interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests read answers field by field and assert on them
  json<T = any>(): T;
}

/** One real HTTP request; the body is read whole. */
export async function get(
  url: string,
  headers: Record<string, string> = {},
  method: 'GET' | 'POST' | 'PUT' = 'GET',
  body?: string,
): Promise<Answer> {
  const res = await request(url, { method, headers, body });
  const text = await res.body.text();
  return { status: res.statusCode, headers: res.headers, text, json: () => JSON.parse(text) };
}

export const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
