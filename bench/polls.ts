/**
 * `npm run bench:polls`: what polling costs the agencies and us.
 *
 * Part 1 (1,000 sources, 90% answer 304): a local origin on 10 loopback hosts serves one small RSS feed per
 * source with an ETag; 90% of feeds never change and answer 304 to a matching If-None-Match, 10% change
 * their ETag and bytes on every request. One `dist/workers/poll.js` process polls every source once to prime
 * the validators, then once more, measured: polls/s, CPU seconds per 1,000 polls (poll process and Redis)
 * and bytes sent by the origin; then the same with polling.conditionalGet off.
 *
 * Part 2 (scale, 10,000 sources): job schedulers created for all of them (time, Redis memory), then a round
 * of polls where every feed answers 304: CPU seconds per 1,000 polls.
 *
 * Usage: npm run bench:polls [-- <sources> <scale-sources>]   (defaults 1000 10000)
 *   WIRE_BENCH_REDIS="single,cluster"   Redis topologies, one after the other in the same run: `single` is REDIS_URL
 *                                       when set, else a redis-server started for the run; `cluster` a 3-master +
 *                                       3-replica Redis Cluster on loopback (default: single). Redis CPU and
 *                                       memory are summed over the masters; the scale run prints the load per master.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import type { Queue } from 'bullmq';
import { loadConfig } from '../src/config/load.js';
import { reconcileSchedulers } from '../src/queue/scheduler.js';
import { RedisServers } from '../tests/helpers/redis-servers.js';
import { cpuSeconds, peakRssMiB, startRole, stop } from './lib/procs.js';
import { benchRedis, describeLoad, loadDelta, total, type BenchRedis } from './lib/redis.js';

const N = Number(process.argv[2] ?? 1000);
const SCALE = Number(process.argv[3] ?? 10_000);
const TOPOLOGIES = (process.env.WIRE_BENCH_REDIS ?? 'single').split(',');
if (TOPOLOGIES.some((t) => t !== 'single' && t !== 'cluster')) {
  console.error(`WIRE_BENCH_REDIS takes single and/or cluster (got ${process.env.WIRE_BENCH_REDIS})`);
  process.exit(2);
}
const HOSTS = 10;

interface Origin {
  servers: Server[];
  feeds: string[];
  bytes(): number;
  /** When true every feed answers 304 to its ETag (scale run); else only 90% do. */
  allStable: boolean;
  requests: number;
  notModified: number;
}

async function startOrigin(count: number): Promise<Origin> {
  const sockets = new Set<Socket>();
  let closedBytes = 0;
  let version = 0;
  const origin: Origin = {
    servers: [],
    feeds: [],
    allStable: false,
    requests: 0,
    notModified: 0,
    bytes: () => closedBytes + [...sockets].reduce((s, k) => s + k.bytesWritten, 0),
  };
  const feedBody = (i: number, v: number) => {
    const items = Array.from(
      { length: 10 },
      (_, k) =>
        `<item><title>Story ${k} of feed ${i}</title><link>http://agency.example/${i}/${k}</link><guid>${i}-${k}</guid><description>Summary of story ${k}: a sentence or two of text as agencies put in their feeds.</description></item>`,
    );
    return `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Feed ${i}</title><lastBuildDate>${v}</lastBuildDate>${items.join('')}</channel></rss>`;
  };
  for (let h = 0; h < HOSTS; h++) {
    const server = createServer((req, res) => {
      origin.requests++;
      const i = Number(/^\/feed\/(\d+)$/.exec(req.url ?? '')?.[1]);
      const changing = !origin.allStable && i % 10 === 0;
      const etag = changing ? `"v${++version}"` : `"stable-${i}"`;
      if (!changing && req.headers['if-none-match'] === etag) {
        origin.notModified++;
        res.writeHead(304, { etag });
        return res.end();
      }
      res.writeHead(200, { 'content-type': 'application/rss+xml', etag });
      res.end(feedBody(i, changing ? version : 0));
    });
    server.on('connection', (s) => {
      sockets.add(s);
      s.on('close', () => {
        closedBytes += s.bytesWritten;
        sockets.delete(s);
      });
    });
    await new Promise<void>((r) => server.listen(0, `127.0.1.${h + 1}`, r));
    origin.servers.push(server);
  }
  for (let i = 0; i < count; i++) {
    const s = origin.servers[i % HOSTS];
    origin.feeds.push(`http://127.0.1.${(i % HOSTS) + 1}:${(s.address() as AddressInfo).port}/feed/${i}`);
  }
  return origin;
}

function writeConfig(feeds: string[], conditionalGet: boolean): string {
  const dir = mkdtempSync(join(tmpdir(), 'wire-bench-polls-'));
  writeFileSync(
    join(dir, 'wire.yaml'),
    `site: Bench Daily
network: { allowPrivate: ["127.0.0.0/8"] }
politeness: { concurrency: 16, interval: 1ms }
polling: { conditionalGet: ${conditionalGet} }
jobs: { pollConcurrency: 16 }
`,
  );
  writeFileSync(
    join(dir, 'sources.yaml'),
    `defaults: { every: 1h }\nsources:\n${feeds.map((f, i) => `  - { id: s${i}, name: Source ${i}, feed: "${f}" }\n`).join('')}`,
  );
  return dir;
}

async function redisCpu(bench: BenchRedis): Promise<number> {
  return total(await bench.load()).cpu;
}

async function redisMemory(bench: BenchRedis): Promise<number> {
  return total(await bench.load()).memory;
}

/** Adds one forced poll per source and waits until the poll queue has completed them all. */
async function pollRound(queue: Queue, count: number): Promise<number> {
  const before = await queue.getJobCountByTypes('completed', 'failed');
  const t0 = Date.now();
  for (let start = 0; start < count; start += 500) {
    await queue.addBulk(
      Array.from({ length: Math.min(500, count - start) }, (_, k) => ({
        name: 'poll',
        data: { sourceId: `s${start + k}`, force: true },
      })),
    );
  }
  while ((await queue.getJobCountByTypes('completed', 'failed')) - before < count)
    await new Promise((r) => setTimeout(r, 100));
  return (Date.now() - t0) / 1000;
}

async function conditionalRun(origin: Origin, conditionalGet: boolean, url: string) {
  const prefix = `wirebench-${randomBytes(3).toString('hex')}`;
  const dir = writeConfig(origin.feeds.slice(0, N), conditionalGet);
  const redis = await benchRedis(url);
  const proc = startRole('poll', 'dist/workers/poll.js', { REDIS_URL: url, WIRE_PREFIX: prefix, WIRE_CONFIG_DIR: dir });
  await proc.ready;
  const queue = redis.queue('poll', prefix, { defaultJobOptions: { removeOnComplete: false } });
  await pollRound(queue, N); // primes ETags and the seen entries
  const cpu0 = cpuSeconds(proc.child.pid!);
  const rcpu0 = await redisCpu(redis);
  const bytes0 = origin.bytes();
  const nm0 = origin.notModified;
  const seconds = await pollRound(queue, N);
  const result = {
    conditionalGet,
    pollsPerSecond: N / seconds,
    cpuPer1000: ((cpuSeconds(proc.child.pid!) - cpu0) / N) * 1000,
    redisCpuPer1000: (((await redisCpu(redis)) - rcpu0) / N) * 1000,
    kbPerPoll: (origin.bytes() - bytes0) / N / 1024,
    notModified: (origin.notModified - nm0) / N,
    rss: peakRssMiB(proc.child.pid!),
  };
  await stop(proc);
  await queue.close();
  await redis.dropPrefix(prefix);
  redis.close();
  return result;
}

async function scaleRun(origin: Origin, url: string) {
  origin.allStable = true;
  const prefix = `wirebench-${randomBytes(3).toString('hex')}`;
  const dir = writeConfig(origin.feeds, true);
  const redis = await benchRedis(url);
  const config = loadConfig(dir);
  const queue = redis.queue('poll', prefix, { defaultJobOptions: { removeOnComplete: false } });
  const mem0 = await redisMemory(redis);
  const t0 = Date.now();
  await reconcileSchedulers(queue, config.sources);
  const schedulerSeconds = (Date.now() - t0) / 1000;
  const schedulers = await queue.getJobSchedulersCount();
  const memSchedulers = (await redisMemory(redis)) - mem0;

  const proc = startRole('poll', 'dist/workers/poll.js', { REDIS_URL: url, WIRE_PREFIX: prefix, WIRE_CONFIG_DIR: dir });
  await proc.ready;
  // The schedulers' first polls (200s, priming) run now; wait for them, then measure an all-304 round.
  const firstRound = Date.now();
  while ((await queue.getJobCountByTypes('completed', 'failed')) < SCALE) {
    if (Date.now() - firstRound > 900_000) throw new Error('first round did not finish');
    await new Promise((r) => setTimeout(r, 250));
  }
  const cpu0 = cpuSeconds(proc.child.pid!);
  const load0 = await redis.load();
  const rcpu0 = total(load0).cpu;
  const nm0 = origin.notModified;
  const seconds = await pollRound(queue, SCALE);
  const masters = loadDelta(load0, await redis.load());
  const result = {
    masters,
    sources: SCALE,
    schedulers,
    schedulerSeconds,
    redisMiBSchedulers: memSchedulers / 1024 / 1024,
    redisMiBAfterPolls: ((await redisMemory(redis)) - mem0) / 1024 / 1024,
    pollsPerSecond: SCALE / seconds,
    cpuPer1000: ((cpuSeconds(proc.child.pid!) - cpu0) / SCALE) * 1000,
    redisCpuPer1000: (((await redisCpu(redis)) - rcpu0) / SCALE) * 1000,
    notModified: (origin.notModified - nm0) / SCALE,
    rss: peakRssMiB(proc.child.pid!),
  };
  await stop(proc);
  await queue.obliterate({ force: true });
  await queue.close();
  await redis.dropPrefix(prefix);
  redis.close();
  return result;
}

const origin = await startOrigin(Math.max(N, SCALE));
console.log(`machine: ${cpus().length} x ${cpus()[0].model}, node ${process.version}; Redis: ${TOPOLOGIES.join(', ')}`);
const servers = new RedisServers();
try {
  for (const topology of TOPOLOGIES) {
    const url =
      topology === 'cluster'
        ? (await servers.cluster(3, 1)).url
        : (process.env.REDIS_URL ?? `redis://127.0.0.1:${(await servers.server()).port}`);
    const runs = [await conditionalRun(origin, true, url), await conditionalRun(origin, false, url)];
    console.log(`\n${topology} Redis, ${N} sources, 90% unchanged (one poll each, after a priming round):`);
    console.log(
      '| conditional GET | polls/s | 304 share | CPU s / 1000 polls (wire) | CPU s / 1000 polls (redis) | KiB sent per poll | poll RSS MiB |',
    );
    console.log('|---|---|---|---|---|---|---|');
    for (const r of runs) {
      console.log(
        `| ${r.conditionalGet ? 'on' : 'off'} | ${r.pollsPerSecond.toFixed(0)} | ${(r.notModified * 100).toFixed(0)}% | ${r.cpuPer1000.toFixed(2)} | ${r.redisCpuPer1000.toFixed(2)} | ${r.kbPerPoll.toFixed(2)} | ${r.rss.toFixed(0)} |`,
      );
    }
    const s = await scaleRun(origin, url);
    console.log(`\n${topology} Redis, scale: ${s.sources} sources`);
    console.log(
      '| schedulers | created in s | Redis MiB (schedulers) | Redis MiB (after 2 rounds) | polls/s (all 304) | CPU s / 1000 polls (wire) | CPU s / 1000 polls (redis) | poll RSS MiB |',
    );
    console.log('|---|---|---|---|---|---|---|---|');
    console.log(
      `| ${s.schedulers} | ${s.schedulerSeconds.toFixed(1)} | ${s.redisMiBSchedulers.toFixed(1)} | ${s.redisMiBAfterPolls.toFixed(1)} | ${s.pollsPerSecond.toFixed(0)} | ${s.cpuPer1000.toFixed(2)} | ${s.redisCpuPer1000.toFixed(2)} | ${s.rss.toFixed(0)} |`,
    );
    console.log(`load per master during the all-304 round: ${describeLoad(s.masters)}`);
    origin.allStable = false;
  }
} finally {
  await Promise.all(origin.servers.map((s) => new Promise((r) => s.close(r))));
  await servers.stop();
}
