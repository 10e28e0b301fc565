import { readFileSync } from 'node:fs';
import type { ConnectionOptions } from 'node:tls';
import type { RedisOptions as BullRedisOptions } from 'bullmq';
import { Cluster, Redis, type ClusterOptions, type RedisOptions } from 'ioredis';
import type { Logger } from 'pino';
import { readEnv } from '../config/env.js';

export const DEFAULT_REDIS_URL = 'redis://127.0.0.1:6379';

/** Backs off to at most 5 s between reconnects, forever: a Redis restart must not kill the workers. */
function retryStrategy(times: number): number {
  return Math.min(200 * 2 ** Math.min(times, 5), 5000);
}

/** One Redis server, a Sentinel-watched master, or a Cluster, as a REDIS_URL names it. */
export type RedisTarget =
  | { kind: 'single'; url: URL; tls: boolean }
  | {
      kind: 'sentinel';
      tls: boolean;
      nodes: { host: string; port: number }[];
      name: string;
      db: number;
      username?: string;
      password?: string;
    }
  | { kind: 'cluster'; tls: boolean; nodes: { host: string; port: number }[]; username?: string; password?: string };

const SCHEMES = 'redis://, rediss://, redis+sentinel:// or rediss+sentinel://';

/** `host[:port]` pairs of a multi-host URL (an IPv6 address in brackets). */
function parseNodes(list: string, defaultPort: number, url: string): { host: string; port: number }[] {
  return list.split(',').map((part) => {
    const m = /^(\[[^\]]+\]|[^:[\]]+)(?::(\d+))?$/.exec(part.trim());
    if (!m) throw new Error(`REDIS_URL has a bad host "${part}" (${redactUrl(url)})`);
    const port = m[2] === undefined ? defaultPort : Number(m[2]);
    if (port < 1 || port > 65535) throw new Error(`REDIS_URL has a bad port in "${part}" (${redactUrl(url)})`);
    return { host: m[1].replace(/^\[|\]$/g, ''), port };
  });
}

/**
 * Reads a REDIS_URL:
 * - `redis://[[user]:password@]host[:port][/db]`, `rediss://...` (TLS): one server;
 * - `redis+sentinel://[[user]:password@]sentinel[:port][,sentinel[:port]...]/<master name>[/db]` (port default
 *   26379; `rediss+sentinel://` for TLS to the sentinels and the servers): the master the Sentinels name, found
 *   again after a failover;
 * - `redis+cluster://host[:port][,...]`: a Redis Cluster (clusterOptions; redisOptions refuses it).
 */
export function parseRedisUrl(url: string): RedisTarget {
  const m = /^([a-z+]+):\/\/(?:([^@/]*)@)?([^/?#]*)(\/[^?#]*)?$/i.exec(url);
  const scheme = m?.[1].toLowerCase();
  if (scheme === 'redis' || scheme === 'rediss') {
    const u = new URL(url);
    return { kind: 'single', url: u, tls: scheme === 'rediss' };
  }
  if (!m || !['redis+sentinel', 'rediss+sentinel', 'redis+cluster', 'rediss+cluster'].includes(scheme!)) {
    throw new Error(`REDIS_URL must start with ${SCHEMES} (got ${redactUrl(url)})`);
  }
  const tls = scheme!.startsWith('rediss');
  const [user, pass] = m[2] === undefined ? [] : splitOnce(m[2], ':');
  const auth = {
    ...(user ? { username: decodeURIComponent(user) } : {}),
    ...(pass ? { password: decodeURIComponent(pass) } : {}),
  };
  const path = (m[4] ?? '').split('/').filter(Boolean);
  if (scheme!.endsWith('cluster')) {
    if (path.length) throw new Error(`REDIS_URL: a Redis Cluster has no database number or name (${redactUrl(url)})`);
    return { kind: 'cluster', tls, nodes: parseNodes(m[3], 6379, url), ...auth };
  }
  const [name, dbText] = path;
  if (!name || path.length > 2) {
    throw new Error(
      `REDIS_URL: a Sentinel URL names the master after the hosts, as redis+sentinel://host:26379,.../mymaster[/db] (got ${redactUrl(url)})`,
    );
  }
  const db = dbText === undefined ? 0 : Number(dbText);
  if (!Number.isInteger(db) || db < 0)
    throw new Error(`REDIS_URL: bad database number "${dbText}" (${redactUrl(url)})`);
  return { kind: 'sentinel', tls, nodes: parseNodes(m[3], 26379, url), name: decodeURIComponent(name), db, ...auth };
}

function splitOnce(s: string, sep: string): [string, string | undefined] {
  const i = s.indexOf(sep);
  return i < 0 ? [s, undefined] : [s.slice(0, i), s.slice(i + 1)];
}

/** PEM text as given, or the contents of the PEM file it names. */
function pem(name: string, value: string): string {
  if (value.includes('-----BEGIN')) return value;
  try {
    return readFileSync(value, 'utf8');
  } catch (err) {
    throw new Error(`${name} is neither PEM text nor a readable file (${(err as Error).message})`);
  }
}

/** TLS options from REDIS_TLS_CA / REDIS_TLS_CERT / REDIS_TLS_KEY; refused with a URL that does not ask for TLS. */
function tlsOptions(tls: boolean): ConnectionOptions | undefined {
  const ca = readEnv('REDIS_TLS_CA');
  const cert = readEnv('REDIS_TLS_CERT');
  const key = readEnv('REDIS_TLS_KEY');
  const given = [ca && 'REDIS_TLS_CA', cert && 'REDIS_TLS_CERT', key && 'REDIS_TLS_KEY'].filter(Boolean);
  if (!tls) {
    if (given.length)
      throw new Error(`${given.join(', ')} set but REDIS_URL does not use TLS (rediss:// or rediss+sentinel://)`);
    return undefined;
  }
  if (Boolean(cert) !== Boolean(key))
    throw new Error('REDIS_TLS_CERT and REDIS_TLS_KEY go together (a client certificate and its key)');
  return {
    ...(ca ? { ca: pem('REDIS_TLS_CA', ca) } : {}),
    ...(cert ? { cert: pem('REDIS_TLS_CERT', cert) } : {}),
    ...(key ? { key: pem('REDIS_TLS_KEY', key) } : {}),
  };
}

/** The password: from the URL or REDIS_PASSWORD, never both (which one would win is not obvious). */
function password(fromUrl: string | undefined): { password?: string } {
  const fromEnv = readEnv('REDIS_PASSWORD');
  if (fromUrl && fromEnv) throw new Error('REDIS_URL carries a password and REDIS_PASSWORD is set too: keep one');
  const p = fromUrl ?? fromEnv;
  return p ? { password: p } : {};
}

/**
 * ioredis options for a REDIS_URL (see parseRedisUrl), with the secrets from the environment (REDIS_PASSWORD,
 * REDIS_SENTINEL_PASSWORD, REDIS_TLS_*). This is the one place every connection Media Wire opens is set up:
 * our own client (createRedis), and BullMQ's workers and queue-event listeners, which get options rather than
 * a shared client because each needs a connection of its own for blocking commands.
 * `maxRetriesPerRequest: null` is what BullMQ requires: a command waits through a reconnect instead of failing.
 */
export function redisOptions(url: string): BullRedisOptions & RedisOptions {
  const target = parseRedisUrl(url);
  const tls = tlsOptions(target.tls);
  if (target.kind === 'cluster') {
    // BullMQ and ioredis build a Cluster client from nodes, not from these options (createRedis, bullConnection)
    throw new Error('a Redis Cluster (redis+cluster://) takes clusterOptions or createRedis, not redisOptions');
  }
  if (target.kind === 'sentinel') {
    const sentinelPassword = readEnv('REDIS_SENTINEL_PASSWORD');
    return {
      sentinels: target.nodes,
      name: target.name,
      db: target.db,
      ...(target.username ? { username: target.username } : {}),
      ...password(target.password),
      ...(sentinelPassword ? { sentinelPassword } : {}),
      ...(tls ? { tls, sentinelTLS: tls, enableTLSForSentinelMode: true } : {}),
      maxRetriesPerRequest: null,
      retryStrategy,
      // ioredis asks the sentinels again on every reconnect; this paces the rounds when none answers
      sentinelRetryStrategy: retryStrategy,
      // No `failoverDetector`: in ioredis 5 its subscriptions to the Sentinels stay open after quit() (ioredis
      // issue 1362, fixed in 6.1), which is how BullMQ closes its connections, so every command on Sentinel hung
      // instead of exiting. A failover is still followed: the dead master drops the connection, and a master
      // the Sentinels demote closes its clients' connections; ioredis then asks the Sentinels again.
    };
  }
  const u = target.url;
  const db = u.pathname.length > 1 ? Number(u.pathname.slice(1)) : 0;
  return {
    host: u.hostname.replace(/^\[|\]$/g, '') || '127.0.0.1',
    port: u.port ? Number(u.port) : 6379,
    ...(u.username ? { username: decodeURIComponent(u.username) } : {}),
    ...password(u.password ? decodeURIComponent(u.password) : undefined),
    db,
    ...(target.tls ? { tls: tls ?? {} } : {}),
    maxRetriesPerRequest: null,
    retryStrategy,
  };
}

/** Does REDIS_URL name a Redis Cluster (`redis+cluster://`)? Its keys then carry hash tags (stateKeys, queuePrefix). */
export function isClusterUrl(url: string): boolean {
  try {
    return parseRedisUrl(url).kind === 'cluster';
  } catch {
    return false;
  }
}

/** Checks a REDIS_URL and the REDIS_* secrets it goes with, for any topology; throws what it refuses. */
export function checkRedisUrl(url: string): void {
  const target = parseRedisUrl(url);
  if (target.kind === 'cluster') clusterOptions(url);
  else redisOptions(url);
}

/** Pause before a command is sent again during a Cluster failover (see clusterOptions). */
export const CLUSTER_RETRY_DELAY_MS = 250;
/**
 * How long a command keeps being retried through a Cluster failover before it fails: a replica is promoted
 * after `cluster-node-timeout` (15 s by default) plus the election (about a second), so 60 s covers the default
 * with room. A command that fails after that is an attempt that fails (the job retries), not a crash.
 */
export const CLUSTER_RETRY_BUDGET_MS = 60_000;

/**
 * ioredis Cluster nodes and options for a `redis+cluster://` URL: the listed nodes are where it starts (it learns
 * the others), every node gets the credentials and TLS settings, and it reconnects for ever like one server.
 */
export function clusterOptions(url: string): { nodes: { host: string; port: number }[]; options: ClusterOptions } {
  const target = parseRedisUrl(url);
  if (target.kind !== 'cluster') throw new Error(`not a Redis Cluster URL: ${redactUrl(url)}`);
  const tls = tlsOptions(target.tls);
  return {
    nodes: target.nodes,
    options: {
      redisOptions: {
        ...(target.username ? { username: target.username } : {}),
        ...password(target.password),
        ...(tls ? { tls } : {}),
        maxRetriesPerRequest: null,
      },
      clusterRetryStrategy: retryStrategy,
      // A failover moves slots. A command sent to the dead master ("Connection is closed"), answered CLUSTERDOWN
      // while the replicas elect a new one, or TRYAGAIN, is sent again after this pause (and the slot map is
      // fetched again); each retry counts as one redirection. CLUSTER_RETRY_BUDGET_MS / the pause redirections
      // let a command wait through an election instead of failing after ioredis's default 16 tries.
      retryDelayOnFailover: CLUSTER_RETRY_DELAY_MS,
      retryDelayOnClusterDown: CLUSTER_RETRY_DELAY_MS,
      retryDelayOnTryAgain: CLUSTER_RETRY_DELAY_MS,
      maxRedirections: Math.ceil(CLUSTER_RETRY_BUDGET_MS / CLUSTER_RETRY_DELAY_MS),
    },
  };
}

/**
 * What BullMQ queues, workers and queue events connect with: options for one server or Sentinel (each opens
 * connections of its own), and the process's own Cluster client on a Cluster (BullMQ shares it and duplicates
 * it for its blocking commands; it cannot build a Cluster from options).
 */
export function bullConnection(rt: { redis: Redis; redisUrl: string }): BullRedisOptions | Redis {
  return isClusterUrl(rt.redisUrl) ? rt.redis : redisOptions(rt.redisUrl);
}

/** While Redis stays away, the outage is logged again this often (with the attempts so far), not per attempt. */
export const OUTAGE_REPORT_EVERY_MS = 60_000;

/**
 * Our own client (state, queues). A Redis restart is expected recovery, not an incident: one WARN when the
 * connection drops ("reconnecting to redis", with the attempt count and the cause), a reminder every
 * minute while it stays down, and one INFO when it is back ("reconnected to redis", attempts and downtime).
 * The per-attempt connection errors go to debug.
 */
export function createRedis(url: string, log?: Logger, extra: RedisOptions = {}): Redis {
  let attempts = 0;
  let downSince: number | null = null;
  let reportedAt = 0;
  let cause: string | undefined;
  const counted = (times: number) => {
    attempts = times;
    return retryStrategy(times);
  };
  let redis: Redis;
  if (isClusterUrl(url)) {
    const { nodes, options } = clusterOptions(url);
    // A Cluster client speaks the same commands as one server (each routed to the slot's master); it is typed
    // as a Redis so the stores take either.
    redis = new Cluster(nodes, {
      ...options,
      clusterRetryStrategy: counted,
      redisOptions: { ...options.redisOptions, ...extra },
    }) as unknown as Redis;
  } else {
    redis = new Redis({
      ...redisOptions(url),
      retryStrategy: counted,
      ...extra,
    });
  }
  const where = redactUrl(url);
  redis.on('error', (err) => {
    cause = err.message;
    log?.debug({ err: { message: err.message }, redis: where, attempt: attempts }, 'redis connection error');
  });
  redis.on('reconnecting', (delay: number) => {
    const now = Date.now();
    if (downSince === null) {
      downSince = reportedAt = now;
      log?.warn({ redis: where, delayMs: delay, attempt: attempts, cause }, 'reconnecting to redis');
    } else if (now - reportedAt >= OUTAGE_REPORT_EVERY_MS) {
      reportedAt = now;
      log?.warn(
        { redis: where, delayMs: delay, attempt: attempts, downMs: now - downSince, cause },
        'still reconnecting to redis',
      );
    }
  });
  redis.on('ready', () => {
    if (downSince !== null)
      log?.info({ redis: where, attempts, downMs: Date.now() - downSince }, 'reconnected to redis');
    downSince = null;
    attempts = 0;
    cause = undefined;
  });
  return redis;
}

// The Cluster ones: a master died and its replica is not promoted yet (CLUSTERDOWN, TRYAGAIN), or a command
// ran out of retries during that (see clusterOptions): the outage, which the runtime's client reports.
const CONNECTION_ERROR =
  /ECONNREFUSED|ECONNRESET|ETIMEDOUT|EPIPE|EHOSTUNREACH|ENETUNREACH|EAI_AGAIN|Connection is closed|Stream isn't writeable|CLUSTERDOWN|TRYAGAIN|Too many Cluster redirections/i;
const LOCK_LAPSE = /could not renew lock|Missing lock for job|Lock mismatch for job/i;

/**
 * How loud an error a BullMQ worker reports should be. Its connection errors during a Redis outage are
 * the outage the runtime's client already reports (debug); a job lock that lapsed meanwhile means the job
 * runs again, which is the designed recovery (warn); anything else needs a human (error).
 */
export function workerErrorLevel(err: Error & { code?: string }): 'debug' | 'warn' | 'error' {
  const text = `${err.code ?? ''} ${err.message}`;
  if (LOCK_LAPSE.test(text)) return 'warn';
  if (CONNECTION_ERROR.test(text)) return 'debug';
  return 'error';
}

/** Never log a Redis password (multi-host Sentinel and Cluster URLs too). */
export function redactUrl(url: string): string {
  const multi = /^([a-z]+\+[a-z]+:\/\/)([^@/]*)@/i.exec(url);
  if (multi) {
    const [user, pass] = splitOnce(multi[2], ':');
    return pass === undefined ? url : `${multi[1]}${user}:***@${url.slice(multi[0].length)}`;
  }
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return url.replace(/\/\/[^@/]*@/, '//***@');
  }
}
