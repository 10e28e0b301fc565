/**
 * Near-duplicate grouping benchmark (issue 15): precision and recall on a duplicate test set generated from the
 * Fundus corpus (read in place; see bench/lib/dedupe-pairs.ts), and the cost of one lookup with 10,000 and
 * 100,000 stored items, LSH index vs brute force (the baseline), same run.
 *
 *   npm run bench:dedupe -- [<fundus-dir>] [--lookups N]
 *
 * Stored items beyond the test set are synthetic signatures (independent uniform 32-bit values, which is what
 * MinHash gives unrelated texts), so the 100,000 items cost no text to hash; every test-set pair is also looked up
 * through the full index, so an LSH miss counts against recall. Random signatures almost never share a band, so
 * the candidate count shown is a floor: real unrelated stories share a band with probability 1 - (1 - J^2)^64
 * (0.025 at J = 0.02), i.e. a few candidates per thousand stored items of similar vocabulary.
 */
import { createHash, randomBytes } from 'node:crypto';
import { readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { NUM_HASHES, bandKeys, encodeSignature, textSignature } from '../src/dedupe/minhash.js';
import type { WireConfig } from '../src/config/schema.js';
import type { WireItem } from '../src/item/schema.js';
import { silentLogger } from '../src/log/index.js';
import { publishInStoryGroup } from '../src/pipeline/story-group.js';
import { createRedis, isClusterUrl } from '../src/queue/connection.js';
import { DedupeStore } from '../src/state/dedupe.js';
import { stateKeys } from '../src/state/keys.js';
import { tryLock } from '../src/state/lock.js';
import { compare, type DedupeKey } from '../src/dedupe/match.js';
import { LshIndex, bruteForce, type Stored } from '../src/dedupe/lsh-index.js';
import { buildPairs, headlineFromUrl, type Article, type Doc } from './lib/dedupe-pairs.js';

const args = process.argv.slice(2);
const dir = args.find((a) => !a.startsWith('--')) ?? '../shared/corpus/extraction/fundus';
const lookupsArg = args.indexOf('--lookups');
const LOOKUPS = lookupsArg >= 0 ? Number(args[lookupsArg + 1]) : 200;

const truthFile = join(dir, 'ground-truth.json');
if (!existsSync(truthFile)) {
  console.error(`no Fundus ground-truth.json under ${dir}`);
  process.exit(2);
}
const truth = JSON.parse(readFileSync(truthFile, 'utf8')) as Record<string, { url: string; paragraphs: string[] }>;
const articles: Article[] = Object.keys(truth)
  .sort()
  .map((id) => ({
    id,
    headline: headlineFromUrl(truth[id].url),
    paragraphs: truth[id].paragraphs.map((p) => p.replace(/^\[|\]$/g, '')).filter((p) => p.trim()),
  }));

const pairs = buildPairs(articles);
const key = (d: Doc): DedupeKey => ({ headline: d.headline, ...textSignature(d.body) });

let tp = 0;
let fp = 0;
let fn = 0;
let tn = 0;
const misses: string[] = [];
const byKind = new Map<string, { n: number; grouped: number }>();
const keys = pairs.map((p) => ({ a: key(p.a), b: key(p.b) }));
pairs.forEach((p, i) => {
  const c = compare(keys[i].a, keys[i].b);
  const k = byKind.get(p.kind) ?? { n: 0, grouped: 0 };
  k.n++;
  if (c.same) k.grouped++;
  byKind.set(p.kind, k);
  if (p.same && c.same) tp++;
  else if (p.same) {
    fn++;
    misses.push(`${p.b.id} (similarity ${c.similarity.toFixed(2)})`);
  } else if (c.same) {
    fp++;
    misses.push(`FALSE GROUPING ${p.a.id} ~ ${p.b.id} (similarity ${c.similarity.toFixed(2)})`);
  } else tn++;
});
const nSame = pairs.filter((p) => p.same).length;
const sims = pairs.map((p, i) => ({ same: p.same, s: compare(keys[i].a, keys[i].b).similarity }));
const maxDifferent = Math.max(...sims.filter((x) => !x.same).map((x) => x.s));
const sameSorted = sims
  .filter((x) => x.same)
  .map((x) => x.s)
  .sort((a, b) => a - b);
console.log(
  `test set: ${articles.length} articles, ${nSame} same-story pairs, ${pairs.length - nSame} different-story pairs`,
);
console.log(
  `pairwise: precision ${(tp / (tp + fp || 1)).toFixed(3)}  recall ${(tp / (tp + fn)).toFixed(3)}  (tp ${tp} fp ${fp} fn ${fn} tn ${tn})`,
);
console.log(
  `body similarity: different stories max ${maxDifferent.toFixed(2)}; same story 5th percentile ${sameSorted[Math.floor(sameSorted.length * 0.05)].toFixed(2)}, median ${sameSorted[Math.floor(sameSorted.length / 2)].toFixed(2)}`,
);
for (const [kind, k] of byKind) console.log(`  ${kind.padEnd(24)} ${k.grouped}/${k.n} grouped`);
for (const m of misses) console.log(`  miss: ${m}`);

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  };
}

for (const size of [10_000, 100_000]) {
  const rnd = mulberry32(size);
  const index = new LshIndex<string>();
  const stored: Stored<string>[] = [];
  const added = new Set<string>();
  pairs.forEach((p, i) => {
    if (added.has(p.a.id)) return;
    added.add(p.a.id);
    index.add(p.a.id, keys[i].a);
    stored.push({ id: p.a.id, key: keys[i].a });
  });
  while (stored.length < size) {
    const sig = new Uint32Array(NUM_HASHES);
    for (let j = 0; j < NUM_HASHES; j++) sig[j] = rnd();
    const e = { id: `synthetic-${stored.length}`, key: { signature: sig, shingleCount: 200 } };
    index.add(e.id, e.key);
    stored.push(e);
  }
  // Through the index: every same-story b must find its own article; no b may match another article.
  let found = 0;
  let wrong = 0;
  pairs.forEach((p, i) => {
    const r = index.lookup(keys[i].b);
    // b is a version of article `p.b.id` up to '@': the only right match is that article as site A carries it.
    const own = `${p.b.id.split('@')[0]}@a`;
    if (p.same && r.match?.id === own) found++;
    if (r.match && r.match.id !== own) wrong++;
  });
  const queries = keys.slice(0, LOOKUPS).map((k) => k.b);
  let t0 = performance.now();
  let candidates = 0;
  for (const q of queries) candidates += index.lookup(q).compared;
  const lsh = (performance.now() - t0) / queries.length;
  const bruteQueries = queries.slice(0, Math.max(5, Math.floor(LOOKUPS / 10)));
  t0 = performance.now();
  for (const q of bruteQueries) bruteForce(stored, q);
  const brute = (performance.now() - t0) / bruteQueries.length;
  console.log(
    `${size.toLocaleString('en')} stored: LSH ${lsh.toFixed(3)} ms/lookup (${(candidates / queries.length).toFixed(1)} candidates compared)` +
      `  brute force ${brute.toFixed(2)} ms/lookup (${size} compared)  index recall ${(found / nSame).toFixed(3)}  wrong matches ${wrong}`,
  );
}

/**
 * The wired step against real Redis (REDIS_URL, else 127.0.0.1:6379; skipped when none answers): lookup +
 * decide + add per item (publishInStoryGroup, policy mark, the publish itself left out) with only the test set
 * stored and with 10,000 stored items, under a prefix of its own that is deleted afterwards. Baseline, same run:
 * one Redis round trip (PING). The 10,000 are filled directly (the test set's site-A copies through `add`, the
 * rest synthetic signatures written as `add` writes them).
 */
async function redisStep(): Promise<void> {
  const url = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
  if (isClusterUrl(url)) {
    console.log('redis step: skipped (measured on one Redis; the fill pipelines across keys)');
    return;
  }
  const redis = createRedis(url, undefined, { maxRetriesPerRequest: 1 });
  try {
    await Promise.race([
      redis.ping(),
      new Promise((_, reject) => setTimeout(() => reject(new Error('timeout')), 2000)),
    ]);
  } catch {
    console.log(`redis step: skipped (no Redis answering at ${url})`);
    redis.disconnect();
    return;
  }
  const prefix = `bench-dedupe-${randomBytes(4).toString('hex')}`;
  const WINDOW = 48 * 3_600_000;
  const setup = (name: string) => {
    const keysOf = stateKeys(`${prefix}-${name}`);
    const store = new DedupeStore(redis, keysOf, WINDOW);
    const config = {
      wire: { dedupe: { windowMs: WINDOW, policy: 'mark', prefer: [] }, jobs: { lockDuration: 30_000 } },
    };
    return {
      keysOf,
      store,
      ctx: { config: config as unknown as { wire: WireConfig }, redis, keys: keysOf, log: silentLogger, dedupe: store },
    };
  };
  const small = setup('small');
  const large = setup('large');
  const now = Date.now();
  const asItem = (id: string, d: Doc, n: number): WireItem =>
    ({
      id: createHash('sha256').update(`${id}#${n}`).digest('hex').slice(0, 32),
      headlineOriginal: d.headline,
      body: { text: d.body },
      source: { id: 'bench', name: 'Bench', url: `https://bench.example/${encodeURIComponent(id)}/${n}` },
    }) as unknown as WireItem;
  const noPublish = async (item: WireItem) => ({ outcome: 'published' as const, version: 1, publishJobId: item.id });
  const queries = pairs.slice(0, LOOKUPS).map((p, i) => asItem(p.b.id, p.b, i));
  const time = async (where: typeof small, run: number): Promise<number> => {
    const t0 = performance.now();
    for (const q of queries)
      await publishInStoryGroup(where.ctx, { ...q, id: `${q.id.slice(0, 30)}${run}${run}` }, null, noPublish, now);
    return (performance.now() - t0) / queries.length;
  };
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  try {
    const seenA = new Set<string>();
    for (const [i, p] of pairs.entries()) {
      if (seenA.has(p.a.id)) continue;
      seenA.add(p.a.id);
      const item = asItem(p.a.id, p.a, -1);
      for (const where of [small, large])
        await where.store.add(item.id, 'bench', item.id, { ...keys[i].a, canonicalUrl: item.source.url }, now - 1000);
    }
    const rnd = mulberry32(7);
    for (let n = seenA.size; n < 10_000; n += 250) {
      const batch = redis.pipeline();
      for (let j = n; j < Math.min(n + 250, 10_000); j++) {
        const sig = new Uint32Array(NUM_HASHES);
        for (let h = 0; h < NUM_HASHES; h++) sig[h] = rnd();
        const id = `synthetic-${j}`;
        batch.hset(large.keysOf.dedupeItem(id), {
          source: 'bench',
          group: id,
          signature: encodeSignature(sig),
          shingles: 200,
          headline: '',
          url: '',
          agency: '',
          at: now - 1000,
        });
        for (const b of bandKeys(sig)) batch.zadd(`${large.keysOf.dedupe}:band:${b}`, now - 1000, id);
      }
      await batch.exec();
    }
    // Round-robin, three rounds, medians: the machine's speed drifts between minutes.
    const t = {
      small: [] as number[],
      large: [] as number[],
      sig: [] as number[],
      ping: [] as number[],
      locked: [] as number[],
    };
    for (let run = 1; run <= 3; run++) {
      let t0 = performance.now();
      for (let i = 0; i < 200; i++) await redis.ping();
      t.ping.push((performance.now() - t0) / 200);
      t0 = performance.now();
      for (const q of queries) textSignature(q.body.text);
      t.sig.push((performance.now() - t0) / queries.length);
      t.small.push(await time(small, run));
      t.large.push(await time(large, run));
      // What the step does under the deployment-wide lookup lock (10,000 stored): the lock, the item's own
      // group, the lookup, the group's lock, the add, the releases.
      const qkeys = queries.map((q) => ({
        ...textSignature(q.body.text),
        headline: q.headlineOriginal,
        canonicalUrl: q.source.url,
      }));
      t0 = performance.now();
      for (const [i, q] of queries.entries()) {
        const id = `${q.id.slice(0, 30)}l${run}`;
        const lock = await tryLock(redis, large.keysOf.lock('dedupe-lookup'), 5000);
        await large.store.itemGroup(id, now);
        const m = await large.store.lookup(qkeys[i], now, id);
        const g = await tryLock(redis, large.keysOf.lock(`group-${m?.storyGroup ?? id}`), 5000);
        await large.store.add(id, 'bench', m?.storyGroup ?? id, qkeys[i], now);
        await lock!.release();
        await g!.release();
      }
      t.locked.push((performance.now() - t0) / queries.length);
    }
    console.log(
      `redis step (lookup + decide + add, policy mark, no publish), median of 3 round-robin runs of ${queries.length} items: ` +
        `${median(t.small).toFixed(2)} ms/item with the test set stored (${seenA.size} items), ${median(t.large).toFixed(2)} ms/item with 10,000 stored; ` +
        `of which the body's signature alone ${median(t.sig).toFixed(2)} ms and under the lookup lock ${median(t.locked).toFixed(2)} ms; baseline one Redis round trip ${median(t.ping).toFixed(3)} ms`,
    );
  } finally {
    let cursor = '0';
    do {
      const [next, found] = await redis.scan(cursor, 'MATCH', `${prefix}-*`, 'COUNT', 5000);
      cursor = next;
      if (found.length) await redis.unlink(...found);
    } while (cursor !== '0');
    redis.disconnect();
  }
}

await redisStep();
