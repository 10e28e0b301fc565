/**
 * Development aid for snippet corpora: for pages whose file name starts with a prefix, the
 * paragraphs extractArticle returned, with the `without` snippets they hold (+) and the `with`
 * snippets missing (-).
 *
 *   npx tsx bench/lib/snippet-debug.ts <corpus-dir> <file-prefix> [--all]
 */
import { extractArticle } from '../../src/extract/index.js';
import { loadSnippetCorpus, snippetCounts } from './snippet-corpus.js';

process.stdout.on('error', () => process.exit(0));
const [dir = '../shared/corpus/extraction/trafilatura-eval', prefix = ''] = process.argv
  .slice(2)
  .filter((a) => !a.startsWith('--'));
const showAll = process.argv.includes('--all');
const fold = (s: string) => s.replace(/\s+/g, ' ').trim();

for (const page of loadSnippetCorpus(dir).filter((p) => p.id.startsWith(prefix))) {
  let paragraphs: string[] = [];
  let note = '';
  try {
    const a = extractArticle(page.html, { url: page.url });
    paragraphs = a.paragraphs;
    note = `method ${a.method}`;
  } catch (e) {
    note = `ERROR ${(e as Error).message}`;
  }
  const c = snippetCounts(page, paragraphs.join('\n\n'));
  console.log(`\n=== ${page.id}  tp ${c.tp} fn ${c.fn} fp ${c.fp}  ${note}  ${page.url}`);
  for (const p of paragraphs) {
    const leak = page.without.filter((s) => fold(p).includes(fold(s)));
    const hit = page.with.some((s) => fold(p).includes(fold(s)));
    if (showAll || leak.length)
      console.log(
        `  ${leak.length ? '+' : hit ? '*' : ' '} ${p.slice(0, 150)}${leak.length ? `   [without: ${leak.join(' | ').slice(0, 80)}]` : ''}`,
      );
  }
  for (const s of c.missed) console.log(`  - ${s.slice(0, 150)}`);
}
