/**
 * Throwaway redis-server topologies on loopback for the Redis high-availability tests: one TLS server, and a
 * master + replica watched by three Sentinels, and a Redis Cluster. Each server gets a free port and a temp directory of its own;
 * `stop()` kills every process the helper started (by its pid) and removes the directories.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';

export async function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const srv = createServer();
    srv.once('error', fail);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => done(port));
    });
  });
}

/** Is this loopback port free to listen on? */
async function portIsFree(port: number): Promise<boolean> {
  return new Promise((done) => {
    const srv = createServer();
    srv.once('error', () => done(false));
    srv.listen(port, '127.0.0.1', () => srv.close(() => done(true)));
  });
}

/**
 * A free port for a Cluster node: its cluster bus listens on the port + 10000, which must be a port too (at most
 * 65535) and free.
 */
export async function freeClusterPort(): Promise<number> {
  for (let i = 0; i < 100; i++) {
    const port = await freePort();
    if (port + 10000 <= 65535 && (await portIsFree(port + 10000))) return port;
  }
  throw new Error('no free port p with p + 10000 free too (Redis Cluster bus ports)');
}

export async function waitUntil(check: () => Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    if (await check().catch(() => false)) return;
    if (Date.now() > until) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** PING over plain TCP, one attempt. */
async function answers(port: number): Promise<boolean> {
  const c = new Redis({
    host: '127.0.0.1',
    port,
    lazyConnect: true,
    retryStrategy: () => null,
    maxRetriesPerRequest: 0,
  });
  c.on('error', () => {});
  try {
    await c.connect();
    return (await c.ping()) === 'PONG';
  } finally {
    c.disconnect();
  }
}

export class RedisServers {
  readonly dir = mkdtempSync(join(tmpdir(), 'wire-redis-'));
  private readonly procs = new Map<number, ChildProcess>();
  /** A process that ends without stop() (a crash, an uncaught error) still kills its servers. */
  private readonly onExit = () => {
    for (const c of this.procs.values()) c.kill('SIGKILL');
    rmSync(this.dir, { recursive: true, force: true });
  };

  constructor() {
    process.once('exit', this.onExit);
  }

  /** Starts `redis-server` with these arguments (after a config file when `conf` is given); returns the process. */
  spawn(args: string[], conf?: string): ChildProcess {
    const argv = conf === undefined ? args : [conf, ...args];
    const child = spawn('redis-server', argv, { stdio: 'ignore' });
    this.procs.set(child.pid!, child);
    child.once('exit', () => this.procs.delete(child.pid!));
    return child;
  }

  /** A plain server (no persistence unless asked) on a free port; resolves when it answers. */
  async server(extra: string[] = [], port?: number): Promise<{ port: number; child: ChildProcess }> {
    port ??= await freePort();
    const dir = mkdtempSync(join(this.dir, `s${port}-`));
    const child = this.spawn([
      '--bind',
      '127.0.0.1',
      '--port',
      String(port),
      '--dir',
      dir,
      '--save',
      '',
      '--appendonly',
      'no',
      ...extra,
    ]);
    await waitUntil(() => answers(port), 10_000, `redis-server on ${port}`);
    return { port, child };
  }

  /** A master, one replica (in sync) and three Sentinels that monitor them as `name` (quorum 2, down after 1 s). */
  async sentinel(name = 'wiremaster'): Promise<{
    master: { port: number; child: ChildProcess };
    replica: { port: number; child: ChildProcess };
    sentinels: number[];
    url: string;
  }> {
    const master = await this.server();
    const replica = await this.server(['--replicaof', '127.0.0.1', String(master.port)]);
    const probe = new Redis({ host: '127.0.0.1', port: replica.port, maxRetriesPerRequest: 1 });
    try {
      await waitUntil(
        async () => /master_link_status:up/.test(await probe.info('replication')),
        15_000,
        'the replica to sync',
      );
    } finally {
      probe.disconnect();
    }
    const sentinels: number[] = [];
    for (let i = 0; i < 3; i++) {
      const port = await freePort();
      const conf = join(this.dir, `sentinel-${port}.conf`);
      writeFileSync(
        conf,
        [
          `port ${port}`,
          'bind 127.0.0.1',
          `dir ${this.dir}`,
          `sentinel monitor ${name} 127.0.0.1 ${master.port} 2`,
          `sentinel down-after-milliseconds ${name} 1000`,
          `sentinel failover-timeout ${name} 3000`,
          `sentinel parallel-syncs ${name} 1`,
          '',
        ].join('\n'),
      );
      this.spawn(['--sentinel'], conf);
      sentinels.push(port);
    }
    for (const port of sentinels) {
      await waitUntil(
        async () => {
          const c = new Redis({ host: '127.0.0.1', port, maxRetriesPerRequest: 1, retryStrategy: () => null });
          c.on('error', () => {});
          try {
            // every sentinel knows the replica and the other two sentinels: a failover can be agreed on
            const info = (await c.call('SENTINEL', 'MASTER', name)) as string[];
            const field = (k: string) => Number(info[info.indexOf(k) + 1]);
            return field('num-slaves') >= 1 && field('num-other-sentinels') >= 2;
          } finally {
            c.disconnect();
          }
        },
        30_000,
        `sentinel ${port} to see the replica and the other sentinels`,
      );
    }
    const url = `redis+sentinel://${sentinels.map((p) => `127.0.0.1:${p}`).join(',')}/${name}`;
    return { master, replica, sentinels, url };
  }

  /**
   * A Redis Cluster: `masters` masters with `replicasPerMaster` replicas each (`redis-cli --cluster create
   * --cluster-replicas N --cluster-yes`), node timeout 2 s; resolves when every node reports cluster_state:ok and
   * every replica is in sync.
   */
  async cluster(
    masters = 3,
    replicasPerMaster = 1,
  ): Promise<{ nodes: { port: number; child: ChildProcess }[]; url: string }> {
    const nodes: { port: number; child: ChildProcess }[] = [];
    for (let i = 0; i < masters * (1 + replicasPerMaster); i++) {
      const port = await freeClusterPort();
      nodes.push(
        await this.server(
          [
            '--cluster-enabled',
            'yes',
            '--cluster-config-file',
            `nodes-${port}.conf`,
            '--cluster-node-timeout',
            '2000',
            // a replica syncs at once (not after the default 5 s): one that never synced cannot be promoted
            '--repl-diskless-sync-delay',
            '0',
          ],
          port,
        ),
      );
    }
    const create = spawnSync(
      'redis-cli',
      [
        '--cluster',
        'create',
        ...nodes.map((n) => `127.0.0.1:${n.port}`),
        '--cluster-replicas',
        String(replicasPerMaster),
        '--cluster-yes',
      ],
      { encoding: 'utf8', timeout: 60_000 },
    );
    if (create.status !== 0) throw new Error(`redis-cli --cluster create failed: ${create.stdout}${create.stderr}`);
    for (const n of nodes) {
      await waitUntil(
        async () => {
          const c = new Redis({ host: '127.0.0.1', port: n.port, maxRetriesPerRequest: 1, retryStrategy: () => null });
          c.on('error', () => {});
          try {
            return /cluster_state:ok/.test((await c.call('CLUSTER', 'INFO')) as string);
          } finally {
            c.disconnect();
          }
        },
        30_000,
        `cluster node ${n.port} to be ok`,
      );
    }
    // Every replica in sync with its master: a replica that has never synced refuses to stand for election
    // (its data is "too old"), so killing its master would leave the cluster down for good.
    for (const n of nodes) {
      await waitUntil(
        async () => {
          const c = new Redis({ host: '127.0.0.1', port: n.port, maxRetriesPerRequest: 1, retryStrategy: () => null });
          c.on('error', () => {});
          try {
            const info = await c.info('replication');
            return /role:master/.test(info) || /master_link_status:up/.test(info);
          } finally {
            c.disconnect();
          }
        },
        30_000,
        `cluster replica ${n.port} to sync`,
      );
    }
    return { nodes, url: `redis+cluster://${nodes.map((n) => `127.0.0.1:${n.port}`).join(',')}` };
  }

  async stop(): Promise<void> {
    process.off('exit', this.onExit);
    const exits = [...this.procs.values()].map(
      (c) => new Promise<void>((r) => (c.exitCode !== null || c.signalCode !== null ? r() : c.once('exit', () => r()))),
    );
    for (const c of this.procs.values()) c.kill('SIGKILL');
    await Promise.all(exits);
    rmSync(this.dir, { recursive: true, force: true });
  }
}

/** A CA and a server certificate for 127.0.0.1 (openssl), and a client certificate signed by the same CA. */
export function makeCerts(dir: string): {
  ca: string;
  serverCert: string;
  serverKey: string;
  clientCert: string;
  clientKey: string;
} {
  const f = (n: string) => join(dir, n);
  const run = (args: string[]) => {
    const r = spawnSync('openssl', args, { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`openssl ${args.join(' ')} failed: ${r.stderr}`);
  };
  const ec = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];
  run(['req', '-x509', ...ec, '-keyout', f('ca.key'), '-out', f('ca.crt'), '-days', '1', '-subj', '/CN=wire-test-ca']);
  writeFileSync(f('san.ext'), 'subjectAltName=IP:127.0.0.1\n');
  for (const who of ['server', 'client']) {
    run([
      'req',
      ...ec,
      '-keyout',
      f(`${who}.key`),
      '-out',
      f(`${who}.csr`),
      '-subj',
      `/CN=${who === 'server' ? '127.0.0.1' : 'wire-client'}`,
    ]);
    run([
      'x509',
      '-req',
      '-in',
      f(`${who}.csr`),
      '-CA',
      f('ca.crt'),
      '-CAkey',
      f('ca.key'),
      '-CAcreateserial',
      '-out',
      f(`${who}.crt`),
      '-days',
      '1',
      ...(who === 'server' ? ['-extfile', f('san.ext')] : []),
    ]);
  }
  return {
    ca: f('ca.crt'),
    serverCert: f('server.crt'),
    serverKey: f('server.key'),
    clientCert: f('client.crt'),
    clientKey: f('client.key'),
  };
}
