/**
 * Every environment variable Media Wire reads, in one registry: its name, default, parser and doc line.
 * Modules read them through `readEnv` when they need them (never at import time), so a test or a caller that
 * sets one before calling sees it. The README's Environment table is this registry (a test compares them).
 * An empty value counts as unset.
 */

import { isAbsolute } from 'node:path';

export interface EnvVar<T> {
  /** The default as the README states it. */
  defaultDoc: string;
  /** The value when unset or empty (undefined: no value; the reader decides). */
  default: T;
  parse(text: string): T;
  doc: string;
}

const text = (s: string) => s;

export const LOG_FORMATS = ['json', 'pretty'] as const;
export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

/** A parser that takes one of a fixed list of words and refuses anything else, naming the variable. */
function oneOf<const W extends readonly string[]>(name: string, words: W, say = words.join(', ')) {
  return (s: string): W[number] => {
    if (!(words as readonly string[]).includes(s)) throw new Error(`${name} must be ${say} (got "${s}")`);
    return s;
  };
}

function envVar<T>(v: EnvVar<T>): EnvVar<T> {
  return v;
}

export const ENV = {
  WIRE_CONFIG_DIR: envVar<string>({
    default: 'config',
    defaultDoc: '`./config`',
    parse: text,
    doc: 'the config directory (wire.yaml, sources.yaml) when `--config` is not given',
  }),
  REDIS_URL: envVar<string | undefined>({
    default: undefined,
    defaultDoc: '`redis://127.0.0.1:6379` when it answers, else a private `redis-server`',
    parse: text,
    doc: 'the Redis every command uses: `redis://`, `rediss://` (TLS), `redis+sentinel://` or `redis+cluster://` (see [Redis: Sentinel, Cluster, TLS](#redis-sentinel-cluster-tls)); refused together with `wire.yaml` `redis`',
  }),
  REDIS_PASSWORD: envVar<string | undefined>({
    default: undefined,
    defaultDoc: 'none',
    parse: text,
    doc: 'password of the Redis servers (`AUTH`), when `REDIS_URL` carries none (setting both is refused)',
  }),
  REDIS_SENTINEL_PASSWORD: envVar<string | undefined>({
    default: undefined,
    defaultDoc: 'none',
    parse: text,
    doc: 'password of the Sentinels themselves, with a `redis+sentinel://` `REDIS_URL`',
  }),
  REDIS_TLS_CA: envVar<string | undefined>({
    default: undefined,
    defaultDoc: 'the system CAs',
    parse: text,
    doc: 'CA certificate(s) that sign the Redis server certificate, PEM text or a PEM file path (`rediss://` only)',
  }),
  REDIS_TLS_CERT: envVar<string | undefined>({
    default: undefined,
    defaultDoc: 'none',
    parse: text,
    doc: 'client certificate for Redis TLS, PEM text or a PEM file path (with `REDIS_TLS_KEY`; `rediss://` only)',
  }),
  REDIS_TLS_KEY: envVar<string | undefined>({
    default: undefined,
    defaultDoc: 'none',
    parse: text,
    doc: 'private key of `REDIS_TLS_CERT`, PEM text or a PEM file path (`rediss://` only)',
  }),
  WIRE_PRIVATE_REDIS_PORT: envVar<number>({
    default: 6479,
    defaultDoc: '`6479`',
    parse: (s) => {
      const port = Number(s);
      if (!Number.isInteger(port) || port < 1 || port > 65535)
        throw new Error(`WIRE_PRIVATE_REDIS_PORT must be a port number (got "${s}")`);
      return port;
    },
    doc: 'port of the private `redis-server` started when `REDIS_URL` is unset and nothing answers on 6379',
  }),
  WIRE_STATE_DIR: envVar<string | undefined>({
    default: undefined,
    defaultDoc: '`$XDG_STATE_HOME/media-wire`, else `~/.local/state/media-wire`',
    parse: (s) => {
      if (!isAbsolute(s))
        throw new Error(
          `WIRE_STATE_DIR must be an absolute path (got "${s}"): a relative one would move with the working directory`,
        );
      return s;
    },
    doc: "where `wire` keeps its own state (the private `redis-server`'s data); never the working directory",
  }),
  XDG_STATE_HOME: envVar<string | undefined>({
    default: undefined,
    defaultDoc: '`~/.local/state`',
    parse: text,
    doc: 'base of the default state directory, when it is an absolute path (XDG Base Directory spec)',
  }),
  WIRE_PREFIX: envVar<string>({
    default: 'wire',
    defaultDoc: '`wire`',
    parse: text,
    doc: 'key prefix of every Redis key (queues and state)',
  }),
  WIRE_WAIT_FOR_REDIS: envVar<string | undefined>({
    default: undefined,
    defaultDoc: 'no wait (one check)',
    parse: text,
    doc: 'how long to wait for `REDIS_URL` to answer, e.g. `60s` (as `--wait-for-redis`)',
  }),
  LOG_LEVEL: envVar<string>({
    default: 'info',
    defaultDoc: '`info`',
    parse: oneOf('LOG_LEVEL', LOG_LEVELS, `one of ${LOG_LEVELS.join(', ')}`),
    doc: 'pino log level',
  }),
  WIRE_LOG_FORMAT: envVar<'json' | 'pretty' | undefined>({
    default: undefined,
    defaultDoc: '`pretty` on a terminal, `json` otherwise',
    parse: oneOf('WIRE_LOG_FORMAT', LOG_FORMATS, 'json or pretty'),
    doc: 'log line format: `json` or `pretty` (human-readable)',
  }),
  WIRE_ADMIN_HOST: envVar<string | undefined>({
    default: undefined,
    defaultDoc: '`127.0.0.1`',
    parse: text,
    doc: 'address of the admin HTTP of `wire start` (as `--admin-host`)',
  }),
  WIRE_ADMIN_PORT: envVar<string | undefined>({
    default: undefined,
    defaultDoc: '`9464`',
    parse: text,
    doc: 'port of the admin HTTP, `0` for any free port (as `--admin-port`)',
  }),
  WIRE_ADMIN_TOKEN: envVar<string | undefined>({
    default: undefined,
    defaultDoc: 'none (no token)',
    parse: text,
    doc: 'bearer token the admin HTTP asks for',
  }),
  WIRE_VIEWER_TOKEN: envVar<string | undefined>({
    default: undefined,
    defaultDoc: 'none (no viewer role)',
    parse: text,
    doc: 'read-only token of the admin HTTP: the console, the dashboard and the API can be read, nothing changed (needs `WIRE_ADMIN_TOKEN`)',
  }),
  WIRE_WEBHOOK_SECRET: envVar<string | undefined>({
    default: undefined,
    defaultDoc: 'none (required with `publish.webhook`)',
    parse: text,
    doc: 'HMAC secret of webhook deliveries, at least 16 characters (`publish.webhook.secretEnv` may name another variable)',
  }),
} as const;

export type EnvName = keyof typeof ENV;
type EnvValue<K extends EnvName> = (typeof ENV)[K] extends EnvVar<infer T> ? T : never;

/** The variable's value, parsed; its default when unset or empty. Throws when set to something its parser refuses. */
export function readEnv<K extends EnvName>(name: K, env: NodeJS.ProcessEnv = process.env): EnvValue<K> {
  const spec = ENV[name] as unknown as EnvVar<EnvValue<K>>;
  const raw = env[name];
  return raw === undefined || raw === '' ? spec.default : spec.parse(raw);
}

/** A variable named in the config (such as `publish.webhook.secretEnv`), as text; undefined when unset or empty. */
export function readNamedEnv(name: string, env: NodeJS.ProcessEnv = process.env): string | undefined {
  const raw = env[name];
  return raw === undefined || raw === '' ? undefined : raw;
}

/** The README's Environment table, from the registry. */
export function envTable(): string {
  const rows = Object.entries(ENV).map(([name, v]) => `| \`${name}\` | ${v.defaultDoc} | ${v.doc} |`);
  return ['| Variable | Default | What it sets |', '|---|---|---|', ...rows].join('\n');
}
