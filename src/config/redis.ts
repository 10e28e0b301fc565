import { z } from 'zod';

/** `host:port` (or `host`, `[v6]:port`) of a Sentinel or Cluster node, as in a multi-host REDIS_URL. */
const HostPort = z
  .string()
  .regex(/^(\[[0-9A-Fa-f:.]+\]|[^\s:[\]/,@]+)(:\d{1,5})?$/, 'must be host or host:port (e.g. 10.0.0.5:26379)')
  .refine((s) => {
    const port = /:(\d+)$/.exec(s.replace(/^\[[^\]]*\]/, ''))?.[1];
    return port === undefined || (Number(port) >= 1 && Number(port) <= 65535);
  }, 'has a port outside 1-65535');

/** Keys that would hold a secret: refused with where the secret goes instead (wire.yaml may be in git). */
const SECRET_KEYS: Record<string, string> = {
  password: 'REDIS_PASSWORD (or the password in REDIS_URL)',
  sentinelPassword: 'REDIS_SENTINEL_PASSWORD',
  ca: 'REDIS_TLS_CA',
  cert: 'REDIS_TLS_CERT',
  key: 'REDIS_TLS_KEY',
};

/**
 * `redis:` in wire.yaml: a Sentinel-watched master or a Redis Cluster, as an alternative to REDIS_URL (both at
 * once is refused). It is read as the equivalent URL (redisUrlOf): `sentinels` + `name` [+ `db`] is
 * `redis+sentinel://h:p,.../name[/db]`, `cluster` is `redis+cluster://h:p,...`, `tls: true` makes them
 * `rediss+...`. Secrets never: passwords and TLS keys come from the environment (REDIS_PASSWORD,
 * REDIS_SENTINEL_PASSWORD, REDIS_TLS_*).
 */
export const RedisTopology = z
  .looseObject({
    /** Sentinels that watch the master (port 26379 when not given). */
    sentinels: z.array(HostPort).min(1).optional(),
    /** The master's name in the Sentinels' config (`sentinel monitor <name> ...`). */
    name: z.string().trim().min(1).optional(),
    /** Database number (Sentinel only; a Cluster has only 0). */
    db: z.number().int().min(0).optional(),
    /** Cluster nodes to start from (port 6379 when not given); the client learns the others. */
    cluster: z.array(HostPort).min(1).optional(),
    /** TLS to every server (and Sentinel); the CA and client certificate from REDIS_TLS_*. */
    tls: z
      .boolean({
        error:
          'is true or false; the CA and the client certificate come from REDIS_TLS_CA, REDIS_TLS_CERT and REDIS_TLS_KEY in the environment',
      })
      .default(false),
  })
  .superRefine((r, ctx) => {
    for (const key of Object.keys(r)) {
      if (key in SECRET_KEYS) {
        ctx.addIssue({
          code: 'custom',
          path: [key],
          message: `secrets are never read from wire.yaml: set ${SECRET_KEYS[key]} in the environment`,
        });
      } else if (!['sentinels', 'name', 'db', 'cluster', 'tls'].includes(key)) {
        ctx.addIssue({
          code: 'custom',
          path: [key],
          message: `unknown key "${key}" (redis takes sentinels + name [+ db], or cluster; and tls)`,
        });
      }
    }
    if (r.sentinels && r.cluster) {
      ctx.addIssue({ code: 'custom', path: ['cluster'], message: 'give sentinels or cluster, not both' });
    } else if (!r.sentinels && !r.cluster) {
      ctx.addIssue({
        code: 'custom',
        path: [],
        message: 'give sentinels (with name) or cluster; for one server set REDIS_URL instead',
      });
    }
    if (r.sentinels && !r.name) {
      ctx.addIssue({
        code: 'custom',
        path: ['name'],
        message: 'is required with sentinels: the master name the Sentinels monitor',
      });
    }
    if (r.cluster && r.name !== undefined)
      ctx.addIssue({ code: 'custom', path: ['name'], message: 'goes with sentinels; a Cluster has no master name' });
    if (r.cluster && r.db !== undefined)
      ctx.addIssue({ code: 'custom', path: ['db'], message: 'goes with sentinels; a Cluster has only database 0' });
  })
  .transform((r) => ({
    ...(r.sentinels ? { sentinels: r.sentinels } : {}),
    ...(r.name !== undefined ? { name: r.name } : {}),
    ...(r.db !== undefined ? { db: r.db } : {}),
    ...(r.cluster ? { cluster: r.cluster } : {}),
    tls: r.tls,
  }));
export type RedisTopology = z.infer<typeof RedisTopology>;

/** The REDIS_URL that says the same as a wire.yaml `redis:` block. */
export function redisUrlOf(r: RedisTopology): string {
  const s = r.tls ? 'rediss' : 'redis';
  if (r.cluster) return `${s}+cluster://${r.cluster.join(',')}`;
  const db = r.db ? `/${r.db}` : '';
  return `${s}+sentinel://${r.sentinels!.join(',')}/${encodeURIComponent(r.name!)}${db}`;
}
