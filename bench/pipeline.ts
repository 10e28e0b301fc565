/**
 * `npm run bench`: end-to-end throughput of the real pipeline, one process per role as in production.
 *
 * A local origin serves the pages of ../shared/corpus/extraction/fundus behind generated RSS feeds: S sources,
 * each on its own loopback host (127.0.0.2, 127.0.0.3, ...), each feed listing every corpus page, so every
 * (source, page) pair is a distinct story. The bench starts `dist/workers/poll.js` and 1 or 2
 * `dist/workers/article.js` processes against the Redis at REDIS_URL (default 127.0.0.1:6379) under a
 * throwaway key prefix, adds one poll job per source at t0 and waits until every story is on the publish
 * queue. Printed: items/s, CPU seconds per item, p50/p95 latency from t0 to each publish job, peak RSS per
 * process, Redis memory per published item, and the extractArticle-alone ceiling in one process.
 *
 * Usage: npm run bench [-- <corpus-dir> [sources]]
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir, cpus } from 'node:os';
import { join, resolve } from 'node:path';
import { randomBytes } from 'node:crypto';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { extractArticle } from '../src/extract/index.js';
import { redisOptions } from '../src/queue/connection.js';
import { corpusExists, loadCorpus, type CorpusPage } from './lib/fundus-corpus.js';
import { cpuSeconds, infoField, peakRssMiB, percentile, startRole, stop } from './lib/procs.js';

const corpusDir = resolve(process.argv[2] ?? '../shared/corpus/extraction/fundus');
const SOURCES = Number(process.argv[3] ?? 5);
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
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

async function startOrigins(): Promise<{ servers: Server[]; feeds: string[] }> {
  const servers: Server[] = [];
  const feeds: string[] = [];
  for (let i = 0; i < SOURCES; i++) {
    const host = `127.0.0.${i + 2}`;
    const server = createServer((req, res) => {
      const path = req.url ?? '/';
      if (path === '/feed.xml') {
        const origin = `http://${req.headers.host}`;
        const items = pages.map((p) => `<item><title>${esc(titleOf(p))}</title><link>${origin}/p/${p.id}</link><guid>${p.id}</guid></item>`);
        res.writeHead(200, { 'content-type': 'application/rss+xml; charset=utf-8' });
        return res.end(`<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Bench ${i}</title>${items.join('')}</channel></rss>`);
      }
      const page = path.startsWith('/p/') ? pages.find((p) => p.id === path.slice(3)) : undefined;
      if (!page) {
        res.writeHead(404);
        return res.end();
      }
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(page.html);
    });
    await new Promise<void>((r) => server.listen(0, host, r));
    servers.push(server);
    feeds.push(`http://${host}:${(server.address() as AddressInfo).port}/feed.xml`);
  }
  return { servers, feeds };
}

function writeBenchConfig(feeds: string[]): string {
  const dir = mkdtempSync(join(tmpdir(), 'wire-bench-'));
  writeFileSync(
    join(dir, 'wire.yaml'),
    `site: Bench Daily
headline: { case: sentence, trailingPeriod: drop }
network: { allowPrivate: ["127.0.0.0/8"] }
politeness: { concurrency: 8, interval: 1ms }
jobs: { articleConcurrency: 4 }
`,
  );
  writeFileSync(join(dir, 'sources.yaml'), `sources:\n${feeds.map((f, i) => `  - { id: bench-${i}, name: Bench ${i}, feed: "${f}" }\n`).join('')}`);
  return dir;
}

interface RunResult {
  articleWorkers: number;
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

async function run(articleWorkers: number, configDir: string): Promise<RunResult> {
  const prefix = `wirebench-${randomBytes(3).toString('hex')}`;
  const env = { REDIS_URL, WIRE_PREFIX: prefix, WIRE_CONFIG_DIR: configDir };
  const redis = new Redis(REDIS_URL);
  const memBefore = infoField(await redis.info('memory'), 'used_memory');
  const redisCpu = async () => {
    const info = await redis.info('cpu');
    return infoField(info, 'used_cpu_user') + infoField(info, 'used_cpu_sys');
  };
  const procs = [
    startRole('poll', 'dist/workers/poll.js', env),
    ...Array.from({ length: articleWorkers }, (_, i) => startRole(`article-${i + 1}`, 'dist/workers/article.js', env)),
  ];
  await Promise.all(procs.map((p) => p.ready));
  const cpu0 = procs.map((p) => cpuSeconds(p.child.pid!));
  const rcpu0 = await redisCpu();
  const poll = new Queue('poll', { connection: redisOptions(REDIS_URL), prefix });
  const publish = new Queue('publish', { connection: redisOptions(REDIS_URL), prefix });
  const article = new Queue('article', { connection: redisOptions(REDIS_URL), prefix });
  const expected = SOURCES * pages.length;

  const t0 = Date.now();
  for (let i = 0; i < SOURCES; i++) await poll.add('poll', { sourceId: `bench-${i}`, force: true });
  let published = 0;
  let failed = 0;
  while (published + failed < expected) {
    await new Promise((r) => setTimeout(r, 100));
    published = await publish.getJobCountByTypes('waiting');
    failed = await article.getJobCountByTypes('failed');
    if (Date.now() - t0 > 600_000) throw new Error(`timed out: ${published}/${expected} published, ${failed} failed`);
  }
  const jobs = await publish.getJobs(['waiting'], 0, -1);
  const tEnd = Math.max(...jobs.map((j) => j.timestamp));
  const latencies = jobs.map((j) => (j.timestamp - t0) / 1000).sort((a, b) => a - b);
  const cpu = procs.reduce((sum, p, i) => sum + cpuSeconds(p.child.pid!) - cpu0[i], 0);
  const rcpu = (await redisCpu()) - rcpu0;
  const rss = Object.fromEntries(procs.map((p) => [p.name, peakRssMiB(p.child.pid!)]));
  const memAfter = infoField(await redis.info('memory'), 'used_memory');

  await Promise.all(procs.map(stop));
  await Promise.all([poll.close(), publish.close(), article.close()]);
  for (let cursor = '0'; ; ) {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
    if (keys.length) await redis.del(...keys);
    if ((cursor = next) === '0') break;
  }
  redis.disconnect();
  return {
    articleWorkers,
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

function ceiling(): number {
  const t = process.hrtime.bigint();
  let n = 0;
  for (let i = 0; i < SOURCES; i++) {
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

const { servers, feeds } = await startOrigins();
const configDir = writeBenchConfig(feeds);
console.log(`machine: ${cpus().length} x ${cpus()[0].model}, node ${process.version}; ${SOURCES} sources x ${pages.length} pages = ${SOURCES * pages.length} stories`);
const results: RunResult[] = [];
try {
  for (const workers of [1, 2]) results.push(await run(workers, configDir));
} finally {
  await Promise.all(servers.map((s) => new Promise((r) => s.close(r))));
}
ceiling(); // warm up the JIT as the workers' long-running processes are
const ceil = ceiling();

console.log('\n| article workers | items | failed | items/s | CPU s/item (wire) | CPU s/item (redis) | p50 s | p95 s | end-to-end / ceiling | peak RSS MiB | Redis bytes/item |');
console.log('|---|---|---|---|---|---|---|---|---|---|---|');
for (const r of results) {
  const ips = r.items / r.seconds;
  console.log(
    `| ${r.articleWorkers} | ${r.items} | ${r.failed} | ${ips.toFixed(1)} | ${r.cpuPerItem.toFixed(4)} | ${r.redisCpuPerItem.toFixed(4)} | ${r.p50.toFixed(2)} | ${r.p95.toFixed(2)} | ${(ips / ceil).toFixed(2)} | ${Object.entries(r.rss).map(([k, v]) => `${k} ${v.toFixed(0)}`).join(', ')} | ${Math.round(r.redisBytesPerItem)} |`,
  );
}
console.log(`\nceiling: extractArticle alone in one process: ${ceil.toFixed(1)} pages/s`);
