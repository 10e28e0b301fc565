import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync } from 'node:fs';
import { connect } from 'node:net';
import { homedir } from 'node:os';
import { isAbsolute, join, resolve } from 'node:path';
import { Cluster, Redis } from 'ioredis';
import type { Logger } from '../log/index.js';
import {
  checkRedisUrl,
  clusterOptions,
  DEFAULT_REDIS_URL,
  isClusterUrl,
  redactUrl,
  redisOptions,
} from './connection.js';
import { readEnv } from '../config/env.js';

/** Port of the private redis-server `wire` starts on a machine with no Redis set up. */
/** Port of the private redis-server: WIRE_PRIVATE_REDIS_PORT, default 6479. */
export function privateRedisPort(): number {
  return readEnv('WIRE_PRIVATE_REDIS_PORT');
}

export interface ResolvedRedis {
  url: string;
  /** How it was found, for the start-up log line. */
  how: 'REDIS_URL' | 'wire.yaml' | 'default' | 'private-running' | 'private-started';
  /** Stops the private server when this process started it; a no-op otherwise. */
  stop(): Promise<void>;
}

/** Does something answer PING at host:port within the timeout? */
export function redisAnswers(host: string, port: number, timeoutMs = 500): Promise<boolean> {
  return new Promise((done) => {
    const socket = connect({ host, port });
    const finish = (ok: boolean) => {
      socket.destroy();
      done(ok);
    };
    socket.setTimeout(timeoutMs, () => finish(false));
    socket.on('error', () => finish(false));
    socket.on('connect', () => socket.write('PING\r\n'));
    socket.on('data', (d) => finish(d.toString().startsWith('+PONG') || d.toString().startsWith('-NOAUTH')));
  });
}

export const NO_REDIS_MESSAGE = [
  'No Redis to connect to: REDIS_URL is not set, nothing answers on 127.0.0.1:6379, and redis-server is not on PATH.',
  'Do one of these:',
  '  - install Redis (Debian/Ubuntu: sudo apt-get install redis-server; macOS: brew install redis) and run again;',
  "  - docker compose up -d redis   (uses the repo's docker-compose.yml);",
  '  - set REDIS_URL=redis://host:port to use a Redis you already have.',
].join('\n');

async function waitFor(check: () => Promise<boolean>, timeoutMs: number): Promise<boolean> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (await check()) return true;
    await new Promise((r) => setTimeout(r, 100));
  }
  return false;
}

/**
 * Where `wire` keeps its own state on this machine (the private redis-server's data): WIRE_STATE_DIR, which
 * must be an absolute path; else $XDG_STATE_HOME/media-wire (when that is absolute, as the XDG spec asks);
 * else ~/.local/state/media-wire. Never the working directory: run from anywhere, `wire` finds the same
 * queues and the same record of what it has already seen.
 */
export function stateDir(env: NodeJS.ProcessEnv = process.env): string {
  const own = readEnv('WIRE_STATE_DIR', env);
  if (own !== undefined) return own;
  const xdg = readEnv('XDG_STATE_HOME', env);
  if (xdg && isAbsolute(xdg)) return join(xdg, 'media-wire');
  return join(homedir(), '.local', 'state', 'media-wire');
}

/**
 * Finds the Redis to use: REDIS_URL when set; else the default address when it answers; else a private
 * redis-server (data and append-only file under <state dir>/redis, see stateDir) on
 * 127.0.0.1 at WIRE_PRIVATE_REDIS_PORT (privateRedisPort), started when `mayStart` and not yet running. A single machine then works
 * with nothing to set up but the package.
 */
export interface ResolveRedisOptions {
  log: Logger;
  mayStart: boolean;
  /** Default: stateDir(). */
  stateDir?: string;
  /** For tests: where "the default Redis" is looked for (6379), the private port, the server binary. */
  defaultPort?: number;
  privatePort?: number;
  redisServer?: string;
  /** wire.yaml's `redis:` block as a URL (redisUrlOf), and where it is (`file:line`): refused with REDIS_URL. */
  configured?: { url: string; at: string };
}

export async function resolveRedis(opts: ResolveRedisOptions): Promise<ResolvedRedis> {
  const noop = async () => {};
  const defaultPort = opts.defaultPort ?? 6379;
  const port = opts.privatePort ?? privateRedisPort();
  const binary = opts.redisServer ?? 'redis-server';
  const state = opts.stateDir ?? stateDir(); // checked first: a bad WIRE_STATE_DIR is refused whatever Redis is used
  const configured = readEnv('REDIS_URL');
  if (configured && opts.configured) {
    throw new Error(
      `REDIS_URL is set and ${opts.configured.at} sets \`redis\` too: keep one (neither wins over the other)`,
    );
  }
  if (configured) {
    checkRedisUrl(configured); // a REDIS_URL or REDIS_* secret it refuses stops the command here, before anything starts
    return { url: configured, how: 'REDIS_URL', stop: noop };
  }
  if (opts.configured) {
    try {
      checkRedisUrl(opts.configured.url);
    } catch (err) {
      throw new Error(`${opts.configured.at}: \`redis\` ${(err as Error).message}`);
    }
    return { url: opts.configured.url, how: 'wire.yaml', stop: noop };
  }
  if (await redisAnswers('127.0.0.1', defaultPort)) {
    return {
      url: defaultPort === 6379 ? DEFAULT_REDIS_URL : `redis://127.0.0.1:${defaultPort}`,
      how: 'default',
      stop: noop,
    };
  }
  const privateUrl = `redis://127.0.0.1:${port}`;
  if (await redisAnswers('127.0.0.1', port)) return { url: privateUrl, how: 'private-running', stop: noop };
  if (!opts.mayStart || spawnSync(binary, ['--version']).error) throw new Error(NO_REDIS_MESSAGE);

  const dir = join(state, 'redis');
  mkdirSync(dir, { recursive: true });
  const old = resolve('var', 'redis'); // where versions before the state directory kept it: relative to the cwd
  if (old !== dir && existsSync(join(old, 'appendonlydir')) && readdirSync(dir).length === 0) {
    opts.log.warn(
      { old, dir },
      `found private redis data under ${old} (from an older wire), none in ${dir}: stop wire and move it there to keep the queues and what was seen`,
    );
  }
  // Its own process group (detached): a Ctrl-C in the terminal signals wire's group, and the server must
  // outlive the workers' graceful stop; it is stopped after them, by stop().
  const child: ChildProcess = spawn(
    binary,
    [
      '--bind',
      '127.0.0.1',
      '--port',
      String(port),
      '--dir',
      dir,
      '--appendonly',
      'yes',
      '--save',
      '',
      '--maxmemory-policy',
      'noeviction',
    ],
    { stdio: 'ignore', detached: true },
  );
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  const stop = async () => {
    startedHere.delete(stop);
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGTERM'); // redis-server flushes its append-only file on SIGTERM
    await exited;
    opts.log.info('private redis-server stopped');
  };
  startedHere.add(stop);
  if (!(await waitFor(() => redisAnswers('127.0.0.1', port), 10_000))) {
    startedHere.delete(stop);
    child.kill('SIGKILL');
    throw new Error(`started redis-server on port ${port} but it did not answer within 10 s (is the port taken?)`);
  }
  opts.log.info({ port, dir }, 'started a private redis-server (append-only file on)');
  return { url: privateUrl, how: 'private-started', stop };
}

/** The stop functions of the private servers this process started and has not stopped yet. */
const startedHere = new Set<() => Promise<void>>();

/** Stops every private redis-server this process started (for an interrupted command). */
export async function stopStartedRedis(): Promise<void> {
  await Promise.all([...startedHere].map((stop) => stop()));
}

/** Why the Redis at `url` cannot be used right now (connection refused, auth, loading...); null when it answers PING. */
export async function probeRedis(url: string, timeoutMs = 3000): Promise<string | null> {
  const once = {
    lazyConnect: true,
    connectTimeout: timeoutMs,
    retryStrategy: () => null,
    maxRetriesPerRequest: 0,
    enableOfflineQueue: false,
    disconnectTimeout: 200, // else a refused connection keeps the process alive 2 s after the answer
  };
  let client: Redis | Cluster;
  if (isClusterUrl(url)) {
    const { nodes, options } = clusterOptions(url);
    client = new Cluster(nodes, {
      ...options,
      lazyConnect: true,
      enableOfflineQueue: false,
      clusterRetryStrategy: () => null,
      redisOptions: { ...options.redisOptions, ...once },
    });
  } else {
    client = new Redis({
      ...redisOptions(url),
      ...once,
      sentinelRetryStrategy: () => null, // Sentinel: one round over the sentinels, then the answer
    });
  }
  let cause: string | null = null; // the socket's error (ECONNREFUSED...) says more than connect()'s rejection
  client.on('error', (err: Error) => (cause ??= err.message));
  try {
    await client.connect();
    await client.ping();
    return null;
  } catch (err) {
    return cause ?? ((err as Error).message || String(err));
  } finally {
    client.disconnect();
  }
}

/**
 * Checks that Redis answers before a long-running process starts, waiting up to `waitMs` for it (0: one
 * check). Without this, ioredis would retry for ever and the service would hang at start with nothing but
 * connection warnings; an operator gets one clear error instead, or a wait while Redis comes up.
 */
export async function waitForRedis(url: string, waitMs: number, log: Logger): Promise<void> {
  const deadline = Date.now() + waitMs;
  let waiting = false;
  for (;;) {
    const problem = await probeRedis(url);
    if (problem === null) {
      if (waiting) log.info({ redis: redactUrl(url) }, 'redis answers: starting');
      return;
    }
    if (Date.now() >= deadline) {
      const waited = waitMs > 0 ? ` after waiting ${Math.round(waitMs / 1000)} s` : '';
      throw new Error(
        `Redis at ${redactUrl(url)} does not answer${waited} (${problem}). Start it or fix REDIS_URL; ` +
          'to let the service wait for Redis to come up, set WIRE_WAIT_FOR_REDIS (e.g. 60s).',
      );
    }
    if (!waiting) log.warn({ redis: redactUrl(url), problem, waitMs }, `waiting for redis: ${problem}`);
    waiting = true;
    await new Promise((r) => setTimeout(r, Math.max(0, Math.min(1000, deadline - Date.now()))));
  }
}
