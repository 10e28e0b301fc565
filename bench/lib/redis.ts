/**
 * The Redis a bench runs against, whatever its topology (REDIS_URL names one server, Sentinel or a Cluster):
 * our client, every master (where load, memory and keys are read), and queues opened as the service opens them
 * (on a Cluster: the shared Cluster client and the hash-tagged prefix).
 */
import { Queue, type QueueOptions } from 'bullmq';
import type { Cluster, Redis } from 'ioredis';
import { createRedis, isClusterUrl, redisOptions } from '../../src/queue/connection.js';
import { queuePrefix } from '../../src/queue/names.js';
import { infoField } from './procs.js';

export interface MasterLoad {
  port: number;
  /** CPU seconds (user + sys) since the server started. */
  cpu: number;
  /** Commands run since the server started (INFO commandstats, every command once). */
  commands: number;
  memory: number;
}

export interface BenchRedis {
  url: string;
  cluster: boolean;
  redis: Redis;
  /** Each master's counters now (one entry on a single server). */
  load(): Promise<MasterLoad[]>;
  queue(name: string, prefix: string, opts?: Omit<QueueOptions, 'connection' | 'prefix'>): Queue;
  /** Deletes every key under the prefix on every master. */
  dropPrefix(prefix: string): Promise<void>;
  close(): void;
}

/** Total calls in INFO commandstats. */
function commandCalls(info: string): number {
  let n = 0;
  for (const m of info.matchAll(/^cmdstat_[^:]+:calls=(\d+)/gm)) n += Number(m[1]);
  return n;
}

export async function benchRedis(url: string): Promise<BenchRedis> {
  const cluster = isClusterUrl(url);
  const redis = createRedis(url);
  await redis.ping();
  const masters = (): Redis[] => (cluster ? (redis as unknown as Cluster).nodes('master') : [redis]);
  return {
    url,
    cluster,
    redis,
    load: () =>
      Promise.all(
        masters().map(async (m) => {
          const info = await m.info('all'); // the default sections leave out commandstats
          return {
            port: Number(m.options.port),
            cpu: infoField(info, 'used_cpu_user') + infoField(info, 'used_cpu_sys'),
            commands: commandCalls(info),
            memory: infoField(info, 'used_memory'),
          };
        }),
      ),
    queue: (name, prefix, opts = {}) =>
      new Queue(name, {
        ...opts,
        connection: cluster ? redis : redisOptions(url),
        prefix: queuePrefix(prefix, name, cluster),
      }),
    async dropPrefix(prefix) {
      for (const m of masters()) {
        for (let cursor = '0'; ;) {
          const [next, keys] = await m.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
          for (const key of keys) await m.del(key); // one by one: a Cluster refuses a DEL across slots
          if ((cursor = next) === '0') break;
        }
      }
    },
    close: () => redis.disconnect(),
  };
}

/** Sums of a load snapshot, and the difference of two. */
export function loadDelta(before: MasterLoad[], after: MasterLoad[]): MasterLoad[] {
  return after.map((m, i) => ({
    port: m.port,
    cpu: m.cpu - before[i].cpu,
    commands: m.commands - before[i].commands,
    memory: m.memory - before[i].memory,
  }));
}

export function total(load: MasterLoad[]): MasterLoad {
  return load.reduce(
    (a, m) => ({ port: 0, cpu: a.cpu + m.cpu, commands: a.commands + m.commands, memory: a.memory + m.memory }),
    {
      port: 0,
      cpu: 0,
      commands: 0,
      memory: 0,
    },
  );
}

/** "load per master: :7001 1.20 CPU s (34%), 50000 commands (33%); ..." */
export function describeLoad(load: MasterLoad[]): string {
  const t = total(load);
  return load
    .map(
      (m) =>
        `:${m.port} ${m.cpu.toFixed(2)} CPU s (${((m.cpu / t.cpu) * 100).toFixed(0)}%), ` +
        `${m.commands} commands (${((m.commands / t.commands) * 100).toFixed(0)}%)`,
    )
    .join('; ');
}
