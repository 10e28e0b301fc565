/**
 * `npm run bench:failover -- cluster|sentinel [runs] [stories]`: failover under load, counted downstream.
 *
 * Each run starts a fresh topology on loopback (3 masters + 3 replicas, or 1 master + 1 replica + 3 Sentinels),
 * a local agency whose feed lists `stories` distinct articles (default 150), and a runtime on it (the same code
 * as `wire run --once`, in process). When a third of the stories are on the publish queue, it SIGKILLs the master
 * that holds the article queue's slot (Cluster) or the Sentinel master, and lets the batch finish (bounded by a
 * timeout: a job lost with the dead master would otherwise be waited for for ever). Then a second `run --once`
 * (the next poll) runs on the promoted replicas. Printed per run and summed: stories expected, stories on the
 * publish queue after the failover run and after the next poll (lost = expected - distinct stories), and
 * duplicates (publish jobs beyond one per story: a downstream consumer would see those twice).
 */
import { createRequire } from 'node:module';
import { AGENCY_ARTICLES, startAgency } from '../demo/agency-server.js';
import { loadConfig } from '../src/config/load.js';
import { silentLogger } from '../src/log/index.js';
import { createRedis } from '../src/queue/connection.js';
import { queuePrefix } from '../src/queue/names.js';
import { runOnce } from '../src/queue/run-once.js';
import { createRuntime, type Runtime } from '../src/runtime.js';
import { writeConfig } from '../tests/helpers/config.js';
import { RedisServers, waitUntil } from '../tests/helpers/redis-servers.js';

const slot = createRequire(import.meta.url)('cluster-key-slot') as (key: string) => number;
const topology = process.argv[2];
const RUNS = Number(process.argv[3] ?? 5);
const STORIES = Number(process.argv[4] ?? 150);
if (topology !== 'cluster' && topology !== 'sentinel') {
  process.stderr.write('usage: npm run bench:failover -- cluster|sentinel [runs] [stories]\n');
  process.exit(2);
}

const articles = Array.from({ length: STORIES }, (_, i) => {
  const a = AGENCY_ARTICLES[i % AGENCY_ARTICLES.length];
  return {
    ...a,
    slug: `${a.slug}-${i}`,
    headline: `${a.headline} (${i})`,
    paragraphs: [`Story number ${i}.`, ...a.paragraphs],
  };
});

async function downstream(rt: Runtime): Promise<{ stories: number; jobs: number }> {
  const jobs = await rt.queues.publish.getJobs(
    ['waiting', 'active', 'completed', 'delayed', 'failed', 'prioritized'],
    0,
    -1,
  );
  const ids = new Set(jobs.filter(Boolean).map((j) => (j.data as { id: string }).id));
  return { stories: ids.size, jobs: jobs.filter(Boolean).length };
}

interface RunResult {
  run: number;
  killedPort: number;
  /** Stories on the publish queue when the master was killed. */
  atKill: number;
  failoverRun: { stories: number; jobs: number; finished: boolean; ms: number };
  nextPoll: { stories: number; jobs: number };
}

async function oneRun(run: number): Promise<RunResult> {
  const servers = new RedisServers();
  const agency = await startAgency({ articles });
  let rt: Runtime | undefined;
  let redis: ReturnType<typeof createRedis> | undefined;
  try {
    let url: string;
    let victim: { port: number; child: { kill(sig: NodeJS.Signals): boolean } };
    if (topology === 'cluster') {
      const topo = await servers.cluster(3, 1);
      url = topo.url;
      const probe = createRedis(url);
      const ranges = (await probe.call('CLUSTER', 'SLOTS')) as [number, number, [string, number]][];
      probe.disconnect();
      const s = slot(`${queuePrefix('wire', 'article', true)}:article:id`);
      const port = ranges.find(([from, to]) => s >= from && s <= to)![2][1];
      victim = topo.nodes.find((n) => n.port === port)!;
    } else {
      const topo = await servers.sentinel();
      url = topo.url;
      victim = topo.master;
    }
    const dir = writeConfig(
      'site: Failover Daily\nnetwork:\n  allowPrivate: ["127.0.0.1"]\npoliteness:\n  interval: 1ms\n  concurrency: 4\njobs:\n  attempts: 5\n  backoff: 200ms\n  articleConcurrency: 4\n  extractThreads: 0\n',
      `sources:\n  - id: agency\n    name: Agency\n    feed: ${agency.origin}/feed.xml\n`,
    );
    redis = createRedis(url, silentLogger);
    rt = createRuntime({ config: loadConfig(dir), redis, redisUrl: url, prefix: 'wire', log: silentLogger });
    const started = Date.now();
    const batch = runOnce(rt).then(
      () => true,
      (err: Error) => {
        process.stderr.write(`run ${run}: the failover run failed: ${err.stack ?? err.message}\n`);
        return false;
      },
    );
    await waitUntil(async () => (await rt!.queues.publish.count()) >= STORIES / 3, 120_000, 'a third of the stories');
    const atKill = await rt.queues.publish.count();
    victim.child.kill('SIGKILL');
    const finished = await Promise.race([batch, new Promise<boolean>((r) => setTimeout(() => r(false), 120_000))]);
    const ms = Date.now() - started;
    const afterFailover = await downstream(rt);
    await Promise.race([runOnce(rt).catch(() => undefined), new Promise((r) => setTimeout(r, 120_000))]);
    const next = await downstream(rt);
    return { run, killedPort: victim.port, atKill, failoverRun: { ...afterFailover, finished, ms }, nextPoll: next };
  } finally {
    await rt?.close().catch(() => {});
    redis?.disconnect();
    await agency.close();
    await servers.stop();
  }
}

const results: RunResult[] = [];
for (let i = 1; i <= RUNS; i++) {
  const r = await oneRun(i);
  results.push(r);
  const lost = STORIES - r.failoverRun.stories;
  process.stdout.write(
    `${topology} run ${i}: killed master :${r.killedPort} with ${r.atKill}/${STORIES} stories published; batch ${r.failoverRun.finished ? 'completed' : 'did NOT complete'} in ${(r.failoverRun.ms / 1000).toFixed(1)} s; ` +
      `stories ${r.failoverRun.stories}/${STORIES} (lost ${lost}), duplicates ${r.failoverRun.jobs - r.failoverRun.stories}; ` +
      `after the next poll: ${r.nextPoll.stories}/${STORIES} (lost ${STORIES - r.nextPoll.stories}), duplicates ${r.nextPoll.jobs - r.nextPoll.stories}\n`,
  );
}
const sum = (f: (r: RunResult) => number) => results.reduce((a, r) => a + f(r), 0);
process.stdout.write(
  `${topology} total over ${RUNS} runs of ${STORIES} stories: completed ${results.filter((r) => r.failoverRun.finished).length}/${RUNS}; ` +
    `lost ${sum((r) => STORIES - r.failoverRun.stories)} after the failover run, ${sum((r) => STORIES - r.nextPoll.stories)} after the next poll; ` +
    `duplicates ${sum((r) => r.failoverRun.jobs - r.failoverRun.stories)} / ${sum((r) => r.nextPoll.jobs - r.nextPoll.stories)}\n`,
);
process.exit(0);
