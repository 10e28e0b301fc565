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
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { loadConfig } from '../src/config/load.js';
import { redisOptions } from '../src/queue/connection.js';
import { reconcileSchedulers } from '../src/queue/scheduler.js';
import { cpuSeconds, infoField, peakRssMiB, startRole, stop } from './lib/procs.js';

const N = Number(process.argv[2] ?? 1000);
const SCALE = Number(process.argv[3] ?? 10_000);
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
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

async function dropPrefix(redis: Redis, prefix: string) {
  for (let cursor = '0'; ;) {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
    if (keys.length) await redis.del(...keys);
    if ((cursor = next) === '0') break;
  }
}

async function redisCpu(redis: Redis): Promise<number> {
  const info = await redis.info('cpu');
  return infoField(info, 'used_cpu_user') + infoField(info, 'used_cpu_sys');
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

async function conditionalRun(origin: Origin, conditionalGet: boolean) {
  const prefix = `wirebench-${randomBytes(3).toString('hex')}`;
  const dir = writeConfig(origin.feeds.slice(0, N), conditionalGet);
  const redis = new Redis(REDIS_URL);
  const proc = startRole('poll', 'dist/workers/poll.js', { REDIS_URL, WIRE_PREFIX: prefix, WIRE_CONFIG_DIR: dir });
  await proc.ready;
  const queue = new Queue('poll', {
    connection: redisOptions(REDIS_URL),
    prefix,
    defaultJobOptions: { removeOnComplete: false },
  });
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
  await dropPrefix(redis, prefix);
  redis.disconnect();
  return result;
}

async function scaleRun(origin: Origin) {
  origin.allStable = true;
  const prefix = `wirebench-${randomBytes(3).toString('hex')}`;
  const dir = writeConfig(origin.feeds, true);
  const redis = new Redis(REDIS_URL);
  const config = loadConfig(dir);
  const queue = new Queue('poll', {
    connection: redisOptions(REDIS_URL),
    prefix,
    defaultJobOptions: { removeOnComplete: false },
  });
  const mem0 = infoField(await redis.info('memory'), 'used_memory');
  const t0 = Date.now();
  await reconcileSchedulers(queue, config.sources);
  const schedulerSeconds = (Date.now() - t0) / 1000;
  const schedulers = await queue.getJobSchedulersCount();
  const memSchedulers = infoField(await redis.info('memory'), 'used_memory') - mem0;

  const proc = startRole('poll', 'dist/workers/poll.js', { REDIS_URL, WIRE_PREFIX: prefix, WIRE_CONFIG_DIR: dir });
  await proc.ready;
  // The schedulers' first polls (200s, priming) run now; wait for them, then measure an all-304 round.
  const firstRound = Date.now();
  while ((await queue.getJobCountByTypes('completed', 'failed')) < SCALE) {
    if (Date.now() - firstRound > 900_000) throw new Error('first round did not finish');
    await new Promise((r) => setTimeout(r, 250));
  }
  const cpu0 = cpuSeconds(proc.child.pid!);
  const rcpu0 = await redisCpu(redis);
  const nm0 = origin.notModified;
  const seconds = await pollRound(queue, SCALE);
  const result = {
    sources: SCALE,
    schedulers,
    schedulerSeconds,
    redisMiBSchedulers: memSchedulers / 1024 / 1024,
    redisMiBAfterPolls: (infoField(await redis.info('memory'), 'used_memory') - mem0) / 1024 / 1024,
    pollsPerSecond: SCALE / seconds,
    cpuPer1000: ((cpuSeconds(proc.child.pid!) - cpu0) / SCALE) * 1000,
    redisCpuPer1000: (((await redisCpu(redis)) - rcpu0) / SCALE) * 1000,
    notModified: (origin.notModified - nm0) / SCALE,
    rss: peakRssMiB(proc.child.pid!),
  };
  await stop(proc);
  await queue.obliterate({ force: true });
  await queue.close();
  await dropPrefix(redis, prefix);
  redis.disconnect();
  return result;
}

const origin = await startOrigin(Math.max(N, SCALE));
console.log(`machine: ${cpus().length} x ${cpus()[0].model}, node ${process.version}; Redis at ${REDIS_URL}`);
try {
  const runs = [await conditionalRun(origin, true), await conditionalRun(origin, false)];
  console.log(`\n${N} sources, 90% unchanged (one poll each, after a priming round):`);
  console.log(
    '| conditional GET | polls/s | 304 share | CPU s / 1000 polls (wire) | CPU s / 1000 polls (redis) | KiB sent per poll | poll RSS MiB |',
  );
  console.log('|---|---|---|---|---|---|---|');
  for (const r of runs) {
    console.log(
      `| ${r.conditionalGet ? 'on' : 'off'} | ${r.pollsPerSecond.toFixed(0)} | ${(r.notModified * 100).toFixed(0)}% | ${r.cpuPer1000.toFixed(2)} | ${r.redisCpuPer1000.toFixed(2)} | ${r.kbPerPoll.toFixed(2)} | ${r.rss.toFixed(0)} |`,
    );
  }
  const s = await scaleRun(origin);
  console.log(`\nscale: ${s.sources} sources`);
  console.log(
    '| schedulers | created in s | Redis MiB (schedulers) | Redis MiB (after 2 rounds) | polls/s (all 304) | CPU s / 1000 polls (wire) | CPU s / 1000 polls (redis) | poll RSS MiB |',
  );
  console.log('|---|---|---|---|---|---|---|---|');
  console.log(
    `| ${s.schedulers} | ${s.schedulerSeconds.toFixed(1)} | ${s.redisMiBSchedulers.toFixed(1)} | ${s.redisMiBAfterPolls.toFixed(1)} | ${s.pollsPerSecond.toFixed(0)} | ${s.cpuPer1000.toFixed(2)} | ${s.redisCpuPer1000.toFixed(2)} | ${s.rss.toFixed(0)} |`,
  );
} finally {
  await Promise.all(origin.servers.map((s) => new Promise((r) => s.close(r))));
}
