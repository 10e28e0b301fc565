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
import { readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { NUM_HASHES, textSignature } from '../src/dedupe/minhash.js';
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
