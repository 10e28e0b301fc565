/**
 * Extraction benchmark: quality (the corpus README's token metric) and speed of extractArticle
 * against @mozilla/readability + jsdom, same pages, same run.
 *
 *   npm run bench:extract -- ../shared/corpus/extraction/fundus [--pages] [--repeat N] [--no-readability]
 *
 * --pages prints per-page precision/recall (worst first) for ours.
 */
import { JSDOM, VirtualConsole } from 'jsdom';
import { Readability } from '@mozilla/readability';
import { extractArticle } from '../src/extract/index.js';
import { corpusExists, loadCorpus, type CorpusPage } from './lib/fundus-corpus.js';
import {
  corpusScores, pageCounts, pagePrecision, pageRecall, type PageCounts,
} from './lib/token-metric.js';

interface RunResult {
  name: string;
  texts: string[];
  seconds: number;
  failures: number;
  peakRssMb: number;
}

const args = process.argv.slice(2);
const dir = args.find((a) => !a.startsWith('--')) ?? '../shared/corpus/extraction/fundus';
const showPages = args.includes('--pages');
const repeatArg = args.indexOf('--repeat');
const repeat = repeatArg >= 0 ? Math.max(1, Number(args[repeatArg + 1])) : 1;
const withReadability = !args.includes('--no-readability');

function peakRssMb(): number {
  return process.resourceUsage().maxRSS / 1024; // maxRSS is in kilobytes
}

function run(name: string, pages: CorpusPage[], extract: (page: CorpusPage) => string): RunResult {
  let texts: string[] = [];
  let failures = 0;
  let best = Infinity;
  for (let r = 0; r < repeat; r++) {
    texts = [];
    failures = 0;
    const start = performance.now();
    for (const page of pages) {
      try {
        texts.push(extract(page));
      } catch {
        failures++;
        texts.push('');
      }
    }
    best = Math.min(best, (performance.now() - start) / 1000);
  }
  return { name, texts, seconds: best, failures, peakRssMb: peakRssMb() };
}

function ours(page: CorpusPage): string {
  return extractArticle(page.html, { url: page.url }).text;
}

const quietConsole = new VirtualConsole(); // jsdom reports CSS it cannot parse; not our business

function readability(page: CorpusPage): string {
  const dom = new JSDOM(page.html, { url: page.url, virtualConsole: quietConsole });
  const article = new Readability(dom.window.document).parse();
  dom.window.close();
  return article?.textContent ?? '';
}

/** Scores with optional ([...]) paragraphs neutral: neither required nor penalised. */
function optionalNeutralCounts(page: CorpusPage, predicted: string): PageCounts {
  const isOptional = (p: string) => p.startsWith('[') && p.endsWith(']');
  const required = page.paragraphs.filter((p) => !isOptional(p));
  const optional = page.paragraphs.filter(isOptional).map((p) => p.slice(1, -1));
  return pageCounts(required.join('\n\n'), predicted, optional.join('\n\n'));
}

interface Row {
  name: string;
  precision: number;
  recall: number;
  f1: number;
  neutralF1: number;
  pagesPerSecond: number;
  msPerPage: number;
  failures: number;
  peakRssMb: number;
  /** Growth of the process peak during this extractor's runs. */
  addedRssMb: number;
}

function score(result: RunResult, pages: CorpusPage[], peakBefore: number): Row {
  const counts = pages.map((p, i) => pageCounts(p.articleBody, result.texts[i]));
  const s = corpusScores(counts);
  const neutral = corpusScores(pages.map((p, i) => optionalNeutralCounts(p, result.texts[i])));
  if (showPages) {
    console.log(`per page, ${result.name} (worst first):`);
    const rows = pages.map((p, i) => ({ id: p.id, p: pagePrecision(counts[i]), r: pageRecall(counts[i]) }));
    rows.sort((a, b) => Math.min(a.p, a.r) - Math.min(b.p, b.r));
    for (const row of rows) console.log(`  ${row.id.padEnd(22)} P ${row.p.toFixed(3)}  R ${row.r.toFixed(3)}`);
  }
  return {
    name: result.name, precision: s.precision, recall: s.recall, f1: s.f1, neutralF1: neutral.f1,
    pagesPerSecond: pages.length / result.seconds, msPerPage: (result.seconds * 1000) / pages.length,
    failures: result.failures, peakRssMb: result.peakRssMb, addedRssMb: result.peakRssMb - peakBefore,
  };
}

function printTable(rows: Row[]): void {
  const header = ['extractor', 'precision', 'recall', 'F1', 'F1 (optional neutral)', 'pages/s', 'ms/page', 'no result', 'peak RSS MB', 'peak grew by MB'];
  const cells = rows.map((r) => [
    r.name, r.precision.toFixed(3), r.recall.toFixed(3), r.f1.toFixed(3), r.neutralF1.toFixed(3),
    r.pagesPerSecond.toFixed(1), r.msPerPage.toFixed(1), String(r.failures), r.peakRssMb.toFixed(0), r.addedRssMb.toFixed(0),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i].length)));
  const line = (c: string[]) => c.map((x, i) => (i === 0 ? x.padEnd(widths[i]) : x.padStart(widths[i]))).join('  ');
  console.log(line(header));
  for (const c of cells) console.log(line(c));
}

if (!corpusExists(dir)) {
  console.error(`corpus not found at ${dir} (expected ground-truth.json and html/)`);
  process.exit(2);
}
const pages = loadCorpus(dir);
console.log(`corpus: ${dir}: ${pages.length} pages, ${(pages.reduce((n, p) => n + p.html.length, 0) / 1e6).toFixed(1)} MB of HTML`);
console.log('metric: corpus README / Zyte evaluate.py: 4-token shingles, per-page normalised, mean P and R over pages, F1 of the means');
console.log('ground truth: articleBody, optional [..] paragraphs included (the "optional neutral" column neither requires nor penalises them)');
console.log(`timing: best of ${repeat} run(s) per extractor, after a warm-up, same process, same pages`);
const loadedRss = peakRssMb();

// One untimed pass so both extractors are measured with warm code.
run('warm-up', pages.slice(0, 5), ours);
const rows = [score(run('media-wire extractArticle', pages, ours), pages, loadedRss)];
if (withReadability) {
  const before = peakRssMb();
  run('warm-up', pages.slice(0, 2), readability);
  rows.push(score(run('readability 0.6 + jsdom', pages, readability), pages, before));
}
console.log('');
printTable(rows);
console.log(`\npeak RSS is the whole process's (process.resourceUsage().maxRSS): ${loadedRss.toFixed(0)} MB of it is node + the loaded corpus`);
const mine = rows[0];
const quality = mine.f1 >= 0.96 && mine.precision >= 0.93 && mine.recall >= 0.93;
console.log(`quality target (F1 >= 0.96, P and R >= 0.93): ${quality ? 'met' : 'NOT met'}`);
if (rows[1]) {
  const ratio = mine.pagesPerSecond / rows[1].pagesPerSecond;
  console.log(`speed: ${ratio.toFixed(1)}x readability+jsdom (target >= 10x): ${ratio >= 10 ? 'met' : 'NOT met'}`);
}
