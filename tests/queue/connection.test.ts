/** REDIS_URL forms and the REDIS_* secrets: one place (redisOptions) builds every connection's options. */
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  checkRedisUrl,
  clusterOptions,
  isClusterUrl,
  parseRedisUrl,
  redactUrl,
  redisOptions,
} from '../../src/queue/connection.js';

afterEach(() => vi.unstubAllEnvs());

describe('redisOptions', () => {
  it('reads a single-server URL as before (host, port, db, credentials, TLS)', () => {
    const o = redisOptions('redis://u:p%40ss@10.0.0.5:6380/2');
    expect(o).toMatchObject({
      host: '10.0.0.5',
      port: 6380,
      db: 2,
      username: 'u',
      password: 'p@ss',
      maxRetriesPerRequest: null,
    });
    expect(o.tls).toBeUndefined();
    expect(redisOptions('rediss://h').tls).toEqual({});
    expect(redisOptions('redis://127.0.0.1:6379')).not.toHaveProperty('password');
  });

  it('reads a Sentinel URL: the sentinels (default port 26379), the master name, the db', () => {
    const o = redisOptions('redis+sentinel://:secret@s1:26380,s2,[::1]:26381/mymaster/3');
    expect(o).toMatchObject({
      sentinels: [
        { host: 's1', port: 26380 },
        { host: 's2', port: 26379 },
        { host: '::1', port: 26381 },
      ],
      name: 'mymaster',
      db: 3,
      password: 'secret',
      maxRetriesPerRequest: null,
    });
    expect(o).not.toHaveProperty('host');
    expect(o.tls).toBeUndefined();
    expect(redisOptions('rediss+sentinel://s1/m')).toMatchObject({
      tls: {},
      sentinelTLS: {},
      enableTLSForSentinelMode: true,
    });
  });

  it('takes passwords from REDIS_PASSWORD and REDIS_SENTINEL_PASSWORD, and refuses a password given twice', () => {
    vi.stubEnv('REDIS_PASSWORD', 'from-env');
    vi.stubEnv('REDIS_SENTINEL_PASSWORD', 'sentinels');
    expect(redisOptions('redis://h:1').password).toBe('from-env');
    expect(redisOptions('redis+sentinel://s:1/m')).toMatchObject({
      password: 'from-env',
      sentinelPassword: 'sentinels',
    });
    expect(() => redisOptions('redis://:other@h:1')).toThrow(/REDIS_PASSWORD is set too/);
  });

  it('reads TLS material (PEM text or file) only with a TLS URL, a client certificate only with its key', () => {
    vi.stubEnv('REDIS_TLS_CA', '-----BEGIN CERTIFICATE-----\nx\n-----END CERTIFICATE-----\n');
    expect(redisOptions('rediss://h').tls).toEqual({ ca: expect.stringContaining('BEGIN CERTIFICATE') });
    expect(() => redisOptions('redis://h')).toThrow(/REDIS_TLS_CA set but REDIS_URL does not use TLS/);
    vi.stubEnv('REDIS_TLS_CERT', '/nonexistent/client.crt');
    expect(() => redisOptions('rediss://h')).toThrow(/go together/);
    vi.stubEnv('REDIS_TLS_KEY', '/nonexistent/client.key');
    expect(() => redisOptions('rediss://h')).toThrow(/REDIS_TLS_CERT is neither PEM text nor a readable file/);
  });

  it('refuses unknown schemes, a Sentinel URL without a master name, and (for now) Redis Cluster', () => {
    expect(() => redisOptions('http://h')).toThrow(/must start with redis:\/\//);
    expect(() => redisOptions('redis+sentinel://s1,s2')).toThrow(/names the master/);
    expect(() => redisOptions('redis+sentinel://s1:99999/m')).toThrow(/bad port/);
    expect(parseRedisUrl('redis+cluster://a:7000,b:7001')).toMatchObject({
      kind: 'cluster',
      nodes: [
        { host: 'a', port: 7000 },
        { host: 'b', port: 7001 },
      ],
    });
    expect(() => redisOptions('redis+cluster://a:7000')).toThrow(/Cluster .* takes clusterOptions or createRedis/);
  });
});

describe('clusterOptions', () => {
  it('reads a Cluster URL: the start nodes, and credentials and TLS for every node', () => {
    vi.stubEnv('REDIS_PASSWORD', 'pw');
    const { nodes, options } = clusterOptions('rediss+cluster://a:7000,b');
    expect(nodes).toEqual([
      { host: 'a', port: 7000 },
      { host: 'b', port: 6379 },
    ]);
    expect(options.redisOptions).toMatchObject({ password: 'pw', tls: {}, maxRetriesPerRequest: null });
    expect(isClusterUrl('redis+cluster://a:7000')).toBe(true);
    expect(isClusterUrl('redis://a:7000')).toBe(false);
    expect(() => checkRedisUrl('redis+cluster://:x@a:7000')).toThrow(/REDIS_PASSWORD is set too/);
    expect(() => checkRedisUrl('redis+cluster://a:7000/1')).toThrow(/no database number/);
  });
});

describe('redactUrl', () => {
  it('hides the password of single-server and multi-host URLs', () => {
    expect(redactUrl('redis://u:pw@h:1/0')).toBe('redis://u:***@h:1/0');
    expect(redactUrl('redis://127.0.0.1:6379')).toBe('redis://127.0.0.1:6379');
    expect(redactUrl('redis+sentinel://:pw@s1:1,s2:2/m')).toBe('redis+sentinel://:***@s1:1,s2:2/m');
    expect(redactUrl('redis+sentinel://s1:1,s2:2/m')).toBe('redis+sentinel://s1:1,s2:2/m');
    expect(redactUrl('redis://:p w@[bad')).not.toContain('p w');
  });
});
