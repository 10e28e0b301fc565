/**
 * wire.yaml `redis:` (Sentinel or Cluster): read as the same URL as REDIS_URL would give, secrets refused,
 * errors with file and line, and REDIS_URL + `redis:` refused; then a real Sentinel setup and a real Cluster
 * reached through the YAML form alone.
 */
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config/load.js';
import { redisUrlOf } from '../../src/config/redis.js';
import { parseRedisUrl } from '../../src/queue/connection.js';
import { resolveRedis } from '../../src/queue/redis-server.js';
import { silentLogger } from '../../src/log/index.js';
import { runWire } from '../helpers/cli.js';
import { writeConfig } from '../helpers/config.js';
import { RedisServers } from '../helpers/redis-servers.js';

afterEach(() => vi.unstubAllEnvs());

function load(redisYaml: string) {
  return loadConfig(writeConfig(`site: Example Daily\n${redisYaml}`, 'sources: []\n'));
}

function problem(redisYaml: string): string {
  try {
    load(redisYaml);
  } catch (err) {
    if (err instanceof ConfigError) return err.message;
    throw err;
  }
  throw new Error('the config was accepted');
}

describe('wire.yaml redis:', () => {
  it('reads sentinels + name + db as the redis+sentinel:// URL, and says where the block is', () => {
    const config = load('redis:\n  sentinels: [10.0.0.1:26379, "sentinel-b"]\n  name: wiremaster\n  db: 2\n');
    const url = redisUrlOf(config.wire.redis!);
    expect(url).toBe('redis+sentinel://10.0.0.1:26379,sentinel-b/wiremaster/2');
    expect(parseRedisUrl(url)).toEqual(parseRedisUrl('redis+sentinel://10.0.0.1:26379,sentinel-b:26379/wiremaster/2'));
    expect(config.redisAt).toMatch(/wire\.yaml:2$/);
  });

  it('reads cluster (+ tls) as the rediss+cluster:// URL', () => {
    const config = load('redis: { cluster: ["10.0.0.1:7000", "10.0.0.2"], tls: true }\n');
    expect(redisUrlOf(config.wire.redis!)).toBe('rediss+cluster://10.0.0.1:7000,10.0.0.2');
    expect(parseRedisUrl(redisUrlOf(config.wire.redis!))).toMatchObject({
      kind: 'cluster',
      tls: true,
      nodes: [
        { host: '10.0.0.1', port: 7000 },
        { host: '10.0.0.2', port: 6379 },
      ],
    });
  });

  it('refuses a secret in the YAML, naming the environment variable instead and not echoing it', () => {
    const msg = problem('redis:\n  cluster: [a:7000]\n  password: hunter2-secret\n');
    expect(msg).toMatch(/wire\.yaml:4: `redis\.password`: secrets are never read from wire\.yaml: set REDIS_PASSWORD/);
    expect(msg).not.toContain('hunter2-secret');
    expect(problem('redis:\n  sentinels: [a]\n  name: m\n  sentinelPassword: x\n')).toMatch(
      /wire\.yaml:5: `redis\.sentinelPassword`.*REDIS_SENTINEL_PASSWORD/,
    );
    expect(problem('redis:\n  cluster: [a]\n  tls: { ca: /etc/ca.pem }\n')).toMatch(
      /wire\.yaml:4: `redis\.tls` is true or false; .*REDIS_TLS_CA/,
    );
  });

  it('refuses an incomplete or mixed block, with file and line', () => {
    expect(problem('redis:\n  sentinels: [a]\n')).toMatch(/wire\.yaml:3: `redis\.name` is required with sentinels/);
    expect(problem('redis:\n  sentinels: [a]\n  name: m\n  cluster: [b]\n')).toMatch(
      /wire\.yaml:5: `redis\.cluster`: give sentinels or cluster, not both/,
    );
    expect(problem('redis:\n  cluster: [a]\n  db: 1\n')).toMatch(/`redis\.db`: goes with sentinels/);
    expect(problem('redis:\n  cluster: ["a:99999"]\n')).toMatch(/`redis\.cluster\[0\]`: has a port outside/);
    expect(problem('redis:\n  cluster: ["redis://a:7000"]\n')).toMatch(/must be host or host:port/);
    expect(problem('redis: {}\n')).toMatch(/wire\.yaml:2: `redis`: give sentinels \(with name\) or cluster/);
    expect(problem('redis:\n  cluster: [a]\n  colour: red\n')).toMatch(/wire\.yaml:4: `redis\.colour`: unknown key/);
  });

  it('is refused together with REDIS_URL (neither wins)', async () => {
    vi.stubEnv('REDIS_URL', 'redis://127.0.0.1:1');
    await expect(
      resolveRedis({
        log: silentLogger,
        mayStart: false,
        configured: { url: 'redis+cluster://a:7000', at: 'config/wire.yaml:7' },
      }),
    ).rejects.toThrow('REDIS_URL is set and config/wire.yaml:7 sets `redis` too: keep one');
  });

  it('stops a command before anything starts when REDIS_URL is set too (exit 2, one line)', async () => {
    const dir = writeConfig('site: Example Daily\nredis:\n  cluster: ["127.0.0.1:1"]\n', 'sources: []\n');
    const run = await runWire(['status', '--config', dir], { REDIS_URL: 'redis://127.0.0.1:1' });
    expect(run.code).toBe(2);
    expect(run.stderr.trim()).toMatch(/^wire: REDIS_URL is set and .*wire\.yaml:2 sets `redis` too: keep one/);
  });
});

describe('wire.yaml redis: on real servers', () => {
  const servers = new RedisServers();
  afterAll(() => servers.stop());

  it('wire status reaches a Sentinel master and a Cluster through the YAML form alone', async () => {
    const sentinel = await servers.sentinel();
    const cluster = await servers.cluster(3, 1);
    const env = { REDIS_URL: '' };
    for (const [yaml, how] of [
      [
        `redis:\n  sentinels: [${sentinel.sentinels.map((p) => `"127.0.0.1:${p}"`).join(', ')}]\n  name: wiremaster\n`,
        'sentinel',
      ],
      [`redis:\n  cluster: [${cluster.nodes.map((n) => `"127.0.0.1:${n.port}"`).join(', ')}]\n`, 'cluster'],
    ]) {
      const dir = writeConfig(`site: Example Daily\n${yaml}`, 'sources: []\n');
      const run = await runWire(['status', '--json', '--config', dir], { ...env, LOG_LEVEL: 'info' });
      expect(run.code, `${how}: ${run.stderr}`).toBe(0);
      const using = run.stderr
        .split('\n')
        .filter(Boolean)
        .map((l) => JSON.parse(l) as { msg: string; how?: string; redis?: string })
        .find((l) => l.msg === 'using redis');
      expect(using).toMatchObject({ how: 'wire.yaml' });
      expect(using?.redis).toMatch(new RegExp(`^redis\\+${how}://`));
    }
  }, 120_000);
});
