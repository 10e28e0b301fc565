/**
 * The development corpus (../shared/corpus/extraction/fundus, 80 news pages with human ground
 * truth): the body-untouched property on every page, and a floor under the token-metric F1 so
 * that a regression fails the suite. Skipped, with a note, where the corpus is not checked out.
 */
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { extractArticle, verbatimCheck } from '../../src/extract/index.js';
import { corpusExists, loadCorpus, type CorpusPage } from '../../bench/lib/fundus-corpus.js';
import { corpusScores, pageCounts } from '../../bench/lib/token-metric.js';

const CORPUS = resolve(dirname(fileURLToPath(import.meta.url)), '../../../shared/corpus/extraction/fundus');
const present = corpusExists(CORPUS);
if (!present) console.warn(`[extract corpus test] skipped: no corpus at ${CORPUS}`);

/** Measured 0.978 (P 0.975, R 0.982) when written; the floors leave room for noise, not for a regression. */
const F1_FLOOR = 0.965;
const PR_FLOOR = 0.95;

describe.skipIf(!present)('extraction corpus (fundus, 80 pages)', () => {
  const pages: CorpusPage[] = present ? loadCorpus(CORPUS) : [];
  const texts = new Map<string, string>();

  it('has the 80 pages', () => {
    expect(pages).toHaveLength(80);
  });

  it('extracts an article from every page, every paragraph a verbatim run of the page text', () => {
    const failures: string[] = [];
    for (const page of pages) {
      const a = extractArticle(page.html, { url: page.url });
      texts.set(page.id, a.text);
      const report = verbatimCheck(page.html, a.paragraphs);
      if (!report.ok) failures.push(`${page.id}: ${report.missing.map((m) => m.slice(0, 80)).join(' | ')}`);
    }
    expect(failures).toEqual([]);
  });

  it(`reaches F1 >= ${F1_FLOOR} with precision and recall >= ${PR_FLOOR} (README token metric)`, () => {
    const counts = pages.map((page) => pageCounts(page.articleBody, texts.get(page.id) ?? extractArticle(page.html, { url: page.url }).text));
    const scores = corpusScores(counts);
    console.info(`[extract corpus test] precision ${scores.precision.toFixed(3)} recall ${scores.recall.toFixed(3)} F1 ${scores.f1.toFixed(3)}`);
    expect(scores.f1).toBeGreaterThanOrEqual(F1_FLOOR);
    expect(scores.precision).toBeGreaterThanOrEqual(PR_FLOOR);
    expect(scores.recall).toBeGreaterThanOrEqual(PR_FLOOR);
  });
});
