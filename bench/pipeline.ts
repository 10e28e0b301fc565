/**
 * `npm run bench`: end-to-end throughput of the real pipeline, one process per role as in production.
 *
 * A local origin serves the pages of ../shared/corpus/extraction/fundus behind generated RSS feeds: S sources,
 * each on its own loopback host (127.0.0.2, 127.0.0.3, ...), each feed listing every corpus page, so every
 * (source, page) pair is a distinct story. For each configuration (article worker processes x extraction
 * threads each) the bench starts `dist/workers/poll.js` and the `dist/workers/article.js` processes against
 * the Redis under test (below: REDIS_URL, or servers of its own) under a throwaway key prefix, first runs two warm-up sources
 * through them (long-running workers are warm, and so is the ceiling), then adds one poll job per measured
 * source at t0 and waits until every story is on the publish queue. Printed per run: items/s, CPU seconds per
 * item (per process, and on its main thread), p50/p95 latency from t0 to each publish job, peak RSS per
 * process, Redis memory per published item, and the ratio to two ceilings measured just before and after the
 * run: extractArticle alone in one process on one thread (the issue's ceiling), and on one thread per core.
 *
 * Usage: npm run bench [-- <corpus-dir> [sources]]
 *   WIRE_BENCH_RUNS="1x0,1xauto,2x0,2xauto"  configurations, workers x threads (the default)
 *   WIRE_BENCH_REPEAT=3                       runs of each, round-robin, with a median summary
 *   WIRE_BENCH_CPU_PROF=<dir>                 V8 CPU profiles of every process and thread
 *   WIRE_BENCH_REDIS="single,cluster"         Redis topologies, round-robin in the same run: `single` is REDIS_URL
 *                                             when set, else a redis-server started for the run; `cluster` a
 *                                             3-master + 3-replica Redis Cluster started on loopback (default:
 *                                             single). Printed per run: Redis CPU and commands per master (INFO
 *                                             cpu, commandstats); replicas are not counted.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { availableParallelism, tmpdir, cpus } from 'node:os';
import { Worker } from 'node:worker_threads';
import { join, resolve } from 'node:path';
import { randomBytes } from 'node:crypto';
import { extractArticle } from '../src/extract/index.js';
import { RedisServers } from '../tests/helpers/redis-servers.js';
import { benchRedis, describeLoad, loadDelta, total as loadTotal, type MasterLoad } from './lib/redis.js';
import { extractThreadCount } from '../src/runtime.js';
import { corpusExists, loadCorpus, type CorpusPage } from './lib/fundus-corpus.js';
import { cpuSeconds, mainThreadCpuSeconds, peakRssMiB, percentile, startRole, stop } from './lib/procs.js';

const corpusDir = resolve(process.argv[2] ?? '../shared/corpus/extraction/fundus');
const SOURCES = Number(process.argv[3] ?? 5);
/** Runs as article workers x extraction threads each; WIRE_BENCH_RUNS="1x0,1xauto" picks some. */
const RUNS: [number, number | 'auto'][] = (process.env.WIRE_BENCH_RUNS ?? '1x0,1xauto,2x0,2xauto')
  .split(',')
  .map((run) => {
    const [workers, threads] = run.split('x');
    return [Number(workers), threads === 'auto' ? 'auto' : Number(threads)];
  });
/** Article jobs at once per worker process (the service's default); `auto` threads are capped by it. */
const ARTICLE_CONCURRENCY = 4;
/** Each configuration runs this many times (WIRE_BENCH_REPEAT); the summary gives medians and ranges. */
const REPEAT = Number(process.env.WIRE_BENCH_REPEAT ?? 1);
/** Sources polled before t0 so the workers (and their extraction threads) are warm, as the ceiling is. */
const WARM_SOURCES = 2;
/** Redis topologies to compare in this run (WIRE_BENCH_REDIS). */
const TOPOLOGIES = (process.env.WIRE_BENCH_REDIS ?? 'single').split(',') as ('single' | 'cluster')[];
if (TOPOLOGIES.some((t) => t !== 'single' && t !== 'cluster')) {
  console.error(`WIRE_BENCH_REDIS takes single and/or cluster (got ${process.env.WIRE_BENCH_REDIS})`);
  process.exit(2);
}
if (!corpusExists(corpusDir)) {
  console.error(`corpus not found at ${corpusDir}: pass the fundus corpus directory`);
  process.exit(2);
}
const pages = loadCorpus(corpusDir);

function esc(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;');
}

function titleOf(page: CorpusPage): string {
  const m = /<title[^>]*>([^<]*)<\/title>/i.exec(page.html);
  return (m?.[1] ?? page.id).trim() || page.id;
}

/**
 * The pages as bytes, encoded once: a real agency serves from another machine, so the origin here should take
 * as little of this machine's CPU as it can (encoding 369 KB per request would be charged to the pipeline).
 */
const pageBytes = new Map(pages.map((p) => [p.id, Buffer.from(p.html, 'utf8')]));

async function startOrigins(): Promise<{ servers: Server[]; feeds: string[] }> {
  const servers: Server[] = [];
  const feeds: string[] = [];
  for (let i = 0; i < SOURCES + WARM_SOURCES; i++) {
    const host = `127.0.0.${i + 2}`;
    const server = createServer((req, res) => {
      const path = req.url ?? '/';
      if (path === '/feed.xml') {
        const origin = `http://${req.headers.host}`;
        const items = pages.map(
          (p) => `<item><title>${esc(titleOf(p))}</title><link>${origin}/p/${p.id}</link><guid>${p.id}</guid></item>`,
        );
        res.writeHead(200, { 'content-type': 'application/rss+xml; charset=utf-8' });
        return res.end(
          `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Bench ${i}</title>${items.join('')}</channel></rss>`,
        );
      }
      const page = path.startsWith('/p/') ? pages.find((p) => p.id === path.slice(3)) : undefined;
      if (!page) {
        res.writeHead(404);
        return res.end();
      }
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(pageBytes.get(page.id));
    });
    await new Promise<void>((r) => server.listen(0, host, r));
    servers.push(server);
    feeds.push(`http://${host}:${(server.address() as AddressInfo).port}/feed.xml`);
  }
  return { servers, feeds };
}

/** Measured sources are bench-0..n, the warm-up ones warm-0..n. */
function sourceIds(): { measured: string[]; warm: string[] } {
  return {
    measured: Array.from({ length: SOURCES }, (_, i) => `bench-${i}`),
    warm: Array.from({ length: WARM_SOURCES }, (_, i) => `warm-${i}`),
  };
}

function writeBenchConfig(feeds: string[], extractThreads: number | 'auto'): string {
  const dir = mkdtempSync(join(tmpdir(), 'wire-bench-'));
  const { measured, warm } = sourceIds();
  writeFileSync(
    join(dir, 'wire.yaml'),
    `site: Bench Daily
headline: { case: sentence, trailingPeriod: drop }
network: { allowPrivate: ["127.0.0.0/8"] }
politeness: { concurrency: 8, interval: 1ms }
jobs: { articleConcurrency: ${ARTICLE_CONCURRENCY}, extractThreads: ${extractThreads} }
`,
  );
  const ids = [...measured, ...warm];
  writeFileSync(
    join(dir, 'sources.yaml'),
    `sources:\n${feeds.map((f, i) => `  - { id: ${ids[i]}, name: ${ids[i]}, feed: "${f}" }\n`).join('')}`,
  );
  return dir;
}

interface RunResult {
  redisTopology: 'single' | 'cluster';
  /** Each master's CPU and commands during the measured part. */
  masters: MasterLoad[];
  articleWorkers: number;
  threads: number | 'auto';
  items: number;
  failed: number;
  seconds: number;
  cpuPerItem: number;
  redisCpuPerItem: number;
  p50: number;
  p95: number;
  rss: Record<string, number>;
  redisBytesPerItem: number;
}

async function run(
  articleWorkers: number,
  threads: number | 'auto',
  feeds: string[],
  topology: { name: 'single' | 'cluster'; url: string },
): Promise<RunResult> {
  const configDir = writeBenchConfig(feeds, threads);
  const prefix = `wirebench-${randomBytes(3).toString('hex')}`;
  const url = topology.url;
  const env = { REDIS_URL: url, WIRE_PREFIX: prefix, WIRE_CONFIG_DIR: configDir };
  const bench = await benchRedis(url);
  const load = () => bench.load();
  const redisCpu = async () => loadTotal(await load()).cpu;
  const memory = async () => loadTotal(await load()).memory;
  const procs = [
    startRole('poll', 'dist/workers/poll.js', env),
    ...Array.from({ length: articleWorkers }, (_, i) => startRole(`article-${i + 1}`, 'dist/workers/article.js', env)),
  ];
  await Promise.all(procs.map((p) => p.ready));
  const queue = (name: string) => bench.queue(name, prefix);
  const poll = queue('poll');
  const publish = queue('publish');
  const article = queue('article');
  const { measured, warm } = sourceIds();
  /** Polls the sources and waits until `total` stories are published or failed. */
  const pollAndWait = async (ids: string[], total: number, since: number) => {
    for (const sourceId of ids) await poll.add('poll', { sourceId, force: true });
    for (;;) {
      const published = await publish.getJobCountByTypes('waiting');
      const failed = await article.getJobCountByTypes('failed');
      if (published + failed >= total) return { published, failed };
      if (Date.now() - since > 600_000) throw new Error(`timed out: ${published}/${total} published, ${failed} failed`);
      await new Promise((r) => setTimeout(r, 100));
    }
  };
  const warmed = await pollAndWait(warm, warm.length * pages.length, Date.now());

  const memBefore = await memory();
  const cpu0 = procs.map((p) => cpuSeconds(p.child.pid!));
  const main0 = procs.map((p) => mainThreadCpuSeconds(p.child.pid!));
  const load0 = await load();
  const rcpu0 = await redisCpu();
  const expected = measured.length * pages.length;
  const t0 = Date.now();
  const done = await pollAndWait(measured, warmed.published + warmed.failed + expected, t0);
  const published = done.published - warmed.published;
  const failed = done.failed - warmed.failed;
  const jobs = (await publish.getJobs(['waiting'], 0, -1)).filter((j) => j.timestamp >= t0);
  const tEnd = Math.max(...jobs.map((j) => j.timestamp));
  const latencies = jobs.map((j) => (j.timestamp - t0) / 1000).sort((a, b) => a - b);
  const cpuByRole = procs.map((p, i) => cpuSeconds(p.child.pid!) - cpu0[i]);
  const cpu = cpuByRole.reduce((a, b) => a + b, 0);
  const mainByRole = procs.map((p, i) => mainThreadCpuSeconds(p.child.pid!) - main0[i]);
  console.log(
    `  ${articleWorkers} worker(s) x ${threads} threads: CPU ms/item by process (main thread): ` +
      procs
        .map(
          (p, i) =>
            `${p.name} ${((cpuByRole[i] / published) * 1000).toFixed(1)} (${((mainByRole[i] / published) * 1000).toFixed(1)})`,
        )
        .join(', '),
  );
  const rcpu = (await redisCpu()) - rcpu0;
  const load1 = await load();
  const rss = Object.fromEntries(procs.map((p) => [p.name, peakRssMiB(p.child.pid!)]));
  const memAfter = await memory();

  await Promise.all(procs.map(stop));
  await Promise.all([poll.close(), publish.close(), article.close()]);
  await bench.dropPrefix(prefix);
  bench.close();
  return {
    redisTopology: topology.name,
    masters: loadDelta(load0, load1),
    articleWorkers,
    threads,
    items: published,
    failed,
    seconds: (tEnd - t0) / 1000,
    cpuPerItem: cpu / published,
    redisCpuPerItem: rcpu / published,
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
    rss,
    redisBytesPerItem: (memAfter - memBefore) / published,
  };
}

/** The ceiling's sample: every page, three times (about as long as a run, so both see the same machine). */
const CEILING_PASSES = 3;

/** extractArticle alone on this thread: pages/s over the sample. */
function ceilingOneThread(): number {
  const t = process.hrtime.bigint();
  let n = 0;
  for (let i = 0; i < CEILING_PASSES; i++) {
    for (const p of pages) {
      try {
        extractArticle(p.html, { url: p.url });
      } catch {
        // a page without an article still costs its parse
      }
      n++;
    }
  }
  return n / (Number(process.hrtime.bigint() - t) / 1e9);
}

/**
 * extractArticle alone on every core: one thread per core, each with its share of the sample, warmed by one pass
 * when started; `measure` times one pass of all of them (pages/s up to the slowest thread).
 */
function startAllCoreCeiling(threads: number) {
  const extractUrl = new URL('../dist/src/extract/index.js', import.meta.url).href;
  const code = `
    const { parentPort, workerData } = require('node:worker_threads');
    import(${JSON.stringify(extractUrl)}).then(({ extractArticle }) => {
      const pass = () => { for (const p of workerData) { try { extractArticle(p.html, { url: p.url }); } catch {} } };
      pass();
      parentPort.postMessage('warm');
      parentPort.on('message', () => { const t = process.hrtime.bigint(); pass(); parentPort.postMessage(Number(process.hrtime.bigint() - t) / 1e9); });
    });`;
  const sample = Array.from({ length: CEILING_PASSES }, () => pages.map((p) => ({ html: p.html, url: p.url }))).flat();
  const workers = Array.from(
    { length: threads },
    (_, k) => new Worker(code, { eval: true, workerData: sample.filter((_, i) => i % threads === k) }),
  );
  const warm = Promise.all(workers.map((w) => new Promise((r) => w.once('message', r))));
  return {
    /** Resolves when every thread has warmed up (until then they would compete with whatever else is measured). */
    ready: warm,
    async measure(): Promise<number> {
      await warm;
      const seconds = await Promise.all(
        workers.map((w) => {
          const timed = new Promise<number>((r) => w.once('message', r));
          w.postMessage('go');
          return timed;
        }),
      );
      return sample.length / Math.max(...seconds);
    },
    close: () => Promise.all(workers.map((w) => w.terminate())),
  };
}

interface Ceilings {
  one: number;
  all: number;
}

/**
 * Both ceilings, measured just before and just after a run and averaged: this machine's speed drifts by up to
 * 2x over minutes (shared host), so a ceiling measured once at the end would make the ratios noise.
 */
async function measureCeilings(allCores: ReturnType<typeof startAllCoreCeiling>): Promise<Ceilings> {
  return { one: ceilingOneThread(), all: await allCores.measure() };
}

/** A run's items/s against the ceilings measured around it. */
function ratios(r: RunResult & { ceilings: Ceilings[] }) {
  const ips = r.items / r.seconds;
  const one = (r.ceilings[0].one + r.ceilings[1].one) / 2;
  const all = (r.ceilings[0].all + r.ceilings[1].all) / 2;
  return { ips, one, all, vsOne: ips / one, vsAll: ips / all };
}

function threadsLabel(threads: number | 'auto'): string {
  return threads === 'auto'
    ? `${extractThreadCount('auto', ARTICLE_CONCURRENCY)} (auto)`
    : threads === 0
      ? '0 (inline)'
      : String(threads);
}

const { servers, feeds } = await startOrigins();
const cores = availableParallelism();
console.log(
  `machine: ${cpus().length} x ${cpus()[0].model}, node ${process.version}; ${SOURCES} sources x ${pages.length} pages = ${SOURCES * pages.length} stories ` +
    `(after ${WARM_SOURCES * pages.length} warm-up stories)`,
);
ceilingOneThread(); // warm up the JIT as the workers' long-running processes are
const allCores = startAllCoreCeiling(cores);
await allCores.ready;
const results: (RunResult & { ceilings: Ceilings[] })[] = [];
const benchServers = new RedisServers();
try {
  const topologies: { name: 'single' | 'cluster'; url: string }[] = [];
  for (const name of TOPOLOGIES) {
    // single: REDIS_URL when set, else a redis-server of its own (a shared one would count other work as ours)
    const url =
      name === 'cluster'
        ? (await benchServers.cluster(3, 1)).url
        : (process.env.REDIS_URL ?? `redis://127.0.0.1:${(await benchServers.server()).port}`);
    topologies.push({ name, url });
  }
  // Round-robin, so a slow spell of the machine does not land on one configuration only.
  for (let round = 0; round < REPEAT; round++)
    for (const [workers, threads] of RUNS)
      for (const topology of topologies) {
        const before = await measureCeilings(allCores);
        const result = await run(workers, threads, feeds, topology);
        results.push({ ...result, ceilings: [before, await measureCeilings(allCores)] });
        console.log(`  ${topology.name} Redis, load per master: ${describeLoad(result.masters)}`);
      }
} finally {
  await Promise.all(servers.map((s) => new Promise((r) => s.close(r))));
  await allCores.close();
  await benchServers.stop();
}

console.log(
  '\n| Redis | article workers | extraction threads each | items | failed | items/s | CPU s/item (wire) | CPU s/item (redis) | p50 s | p95 s | ' +
    'ceiling pages/s (one thread / all cores) | end-to-end / ceiling | end-to-end / all-core ceiling | peak RSS MiB | Redis bytes/item |',
);
console.log('|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|');
for (const r of results) {
  const { ips, one, all, vsOne, vsAll } = ratios(r);
  console.log(
    `| ${r.redisTopology} (${r.masters.length} master${r.masters.length > 1 ? 's' : ''}) | ${r.articleWorkers} | ${threadsLabel(r.threads)} | ${r.items} | ${r.failed} | ${ips.toFixed(1)} | ${r.cpuPerItem.toFixed(4)} | ${r.redisCpuPerItem.toFixed(4)} | ` +
      `${r.p50.toFixed(2)} | ${r.p95.toFixed(2)} | ${one.toFixed(1)} / ${all.toFixed(1)} | ${vsOne.toFixed(2)} | ${vsAll.toFixed(2)} | ` +
      `${Object.entries(r.rss)
        .map(([k, v]) => `${k} ${v.toFixed(0)}`)
        .join(', ')} | ${Math.round(r.redisBytesPerItem)} |`,
  );
}

if (REPEAT > 1) {
  console.log(`\nmedian of ${REPEAT} runs (min - max):\n`);
  console.log(
    '| Redis | article workers | extraction threads each | items/s | CPU s/item (wire) | CPU s/item (redis) | end-to-end / ceiling | end-to-end / all-core ceiling |',
  );
  console.log('|---|---|---|---|---|---|---|---|');
  const spread = (values: number[], digits: number) => {
    const sorted = [...values].sort((a, b) => a - b);
    return `${percentile(sorted, 50).toFixed(digits)} (${sorted[0].toFixed(digits)} - ${sorted[sorted.length - 1].toFixed(digits)})`;
  };
  for (const topology of TOPOLOGIES)
    for (const [workers, threads] of RUNS) {
      const mine = results
        .filter((r) => r.redisTopology === topology && r.articleWorkers === workers && r.threads === threads)
        .map((r) => ({ ...ratios(r), cpu: r.cpuPerItem, redisCpu: r.redisCpuPerItem }));
      console.log(
        `| ${topology} | ${workers} | ${threadsLabel(threads)} | ${spread(
          mine.map((m) => m.ips),
          1,
        )} | ${spread(
          mine.map((m) => m.cpu),
          4,
        )} | ${spread(
          mine.map((m) => m.redisCpu),
          4,
        )} | ` +
          `${spread(
            mine.map((m) => m.vsOne),
            2,
          )} | ${spread(
            mine.map((m) => m.vsAll),
            2,
          )} |`,
      );
    }
}

console.log(
  `\nceilings, measured before and after each run and averaged: extractArticle alone in one process on one thread, and on ${cores} threads ` +
    `(one per core); before -> after: ${results.map((r) => `${r.ceilings[0].one.toFixed(0)} -> ${r.ceilings[1].one.toFixed(0)}`).join(', ')} pages/s (one thread)`,
);
