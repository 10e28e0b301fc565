import pino from 'pino';
import { loadConfig } from '../../src/config/load.js';
import { createMetrics } from '../../src/metrics/index.js';
import { createRuntime, type Runtime } from '../../src/runtime.js';
import { startAdminServer, type AdminServer } from '../../src/server/index.js';
import { writeConfig } from '../helpers/config.js';
import { dropPrefix, testPrefix, testRedis, TEST_REDIS_URL } from '../helpers/redis.js';

export const ADMIN = 'console-admin-token-0123456789';
export const VIEWER = 'console-viewer-token-0123456789';

export interface ConsoleHarness {
  rt: Runtime;
  server: AdminServer;
  url: string;
  dir: string;
  /** Every log line of the runtime (JSON objects). */
  lines: { msg: string; [k: string]: unknown }[];
  close(): Promise<void>;
}

/** A runtime on real Redis under its own prefix, its log captured, and the admin server (with the console). */
export async function startConsole(
  opts: {
    wireYaml?: string;
    sourcesYaml?: string;
    token?: string;
    viewerToken?: string;
    reloadConfig?: (why: string) => void;
  } = {},
): Promise<ConsoleHarness> {
  const prefix = testPrefix();
  const redis = testRedis();
  const lines: ConsoleHarness['lines'] = [];
  const log = pino({ level: 'info' }, { write: (s: string) => void lines.push(JSON.parse(s)) });
  const dir = writeConfig(
    opts.wireYaml ?? 'site: Example Daily\n',
    opts.sourcesYaml ??
      'sources:\n  - id: alpha\n    name: Alpha Agency\n    feed: https://feeds.alpha.example/world.xml\n  - id: beta\n    name: Beta News\n    feed: https://beta.example/rss\n    enabled: false\n',
  );
  const rt = createRuntime({ config: loadConfig(dir), redis, redisUrl: TEST_REDIS_URL, prefix, log });
  const server = await startAdminServer(rt, createMetrics(rt), {
    host: '127.0.0.1',
    port: 0,
    token: 'token' in opts ? opts.token : ADMIN,
    viewerToken: 'viewerToken' in opts ? opts.viewerToken : VIEWER,
    reloadConfig: opts.reloadConfig,
  });
  return {
    rt,
    server,
    url: server.url,
    dir,
    lines,
    async close() {
      await server.close();
      await rt.close();
      redis.disconnect();
      await dropPrefix(prefix);
    },
  };
}

/** The session cookie a login with `token` gets (name=value), or null when refused. */
export async function login(url: string, token: string): Promise<string | null> {
  const res = await fetch(`${url}/login`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', origin: url },
    body: new URLSearchParams({ token, next: '/' }).toString(),
  });
  if (res.status !== 303) return null;
  return (res.headers.get('set-cookie') ?? '').split(';')[0];
}

/** A form POST from a console page (same origin), with the session cookie. */
export async function post(
  url: string,
  path: string,
  cookie: string,
  form: Record<string, string | string[]> = {},
  headers: Record<string, string> = {},
): Promise<Response> {
  const body = new URLSearchParams();
  for (const [k, v] of Object.entries(form)) for (const one of [v].flat()) body.append(k, one);
  return fetch(`${url}${path}`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', origin: url, cookie, ...headers },
    body: body.toString(),
  });
}
