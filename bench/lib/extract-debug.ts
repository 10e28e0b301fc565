/**
process.stdout.on('error', () => process.exit(0));
 * Development aid: shows, for corpus pages, what extractArticle returned against the ground
 * truth (paragraphs missed, paragraphs extra).
 *
 *   npx tsx bench/lib/extract-debug.ts <corpus-dir> <page-id-prefix> [--all]
 */
import { extractArticle } from '../../src/extract/index.js';
import { loadCorpus } from './fundus-corpus.js';
import { pageCounts, pagePrecision, pageRecall, tokenize } from './token-metric.js';

const [dir = '../shared/corpus/extraction/fundus', prefix = ''] = process.argv
  .slice(2)
  .filter((a) => !a.startsWith('--'));
const showAll = process.argv.includes('--all');
const norm = (s: string) => tokenize(s).join(' ');

for (const page of loadCorpus(dir).filter((p) => p.id.startsWith(prefix))) {
  let paragraphs: string[] = [];
  let note = '';
  try {
    const a = extractArticle(page.html, { url: page.url });
    paragraphs = a.paragraphs;
    note = `method ${a.method}`;
  } catch (e) {
    note = `ERROR ${(e as Error).message}`;
  }
  const c = pageCounts(page.articleBody, paragraphs.join('\n\n'));
  console.log(`\n=== ${page.id}  P ${pagePrecision(c).toFixed(3)} R ${pageRecall(c).toFixed(3)}  ${note}`);
  const truth = norm(page.articleBody);
  const got = norm(paragraphs.join('\n\n'));
  for (const p of paragraphs) {
    const inTruth = truth.includes(norm(p));
    if (showAll || !inTruth) console.log(`  ${inTruth ? ' ' : '+'} ${p.slice(0, 160)}`);
  }
  for (const p of page.paragraphs) {
    if (!got.includes(norm(p.replace(/^\[|\]$/g, '')))) console.log(`  - ${p.slice(0, 160)}`);
  }
}
