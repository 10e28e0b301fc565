/**
 * Extraction benchmark: quality and speed of extractArticle against @mozilla/readability +
 * jsdom, same pages, same run. Reads both corpus formats:
 *   - fundus (ground-truth.json + html/): token F1 of the corpus README (4-token shingles);
 *   - snippet corpora (eval.json + pages/, trafilatura-eval): its README's with/without snippet metric.
 *
 *   npm run bench:extract -- <corpus-dir> [--no-readability] [--repeat N] [--worst N] [--classes] [--pages]
 *
 * --worst N   the N worst pages (default 20) with their failure class and what decided it
 * --classes   every page below F 0.8 or with boilerplate in its text, counted by failure class
 * --pages     every page's scores, worst first
 */
import { JSDOM, VirtualConsole } from 'jsdom';
import { Readability } from '@mozilla/readability';
import { extractArticle } from '../src/extract/index.js';
import { corpusExists, loadCorpus, type CorpusPage } from './lib/fundus-corpus.js';
import { corpusScores, pageCounts, pagePrecision, pageRecall, tokenize } from './lib/token-metric.js';
import {
  leakPosition,
  loadSnippetCorpus,
  snippetCorpusExists,
  snippetCounts,
  snippetScores,
  type SnippetPage,
} from './lib/snippet-corpus.js';

process.stdout.on('error', () => process.exit(0));

interface Page {
  id: string;
  url: string;
  html: string;
}

interface Output {
  text: string;
  paragraphs: string[];
  /** Why the extractor gave no article (refused or threw). */
  error: string | null;
}

interface RunResult {
  name: string;
  outputs: Output[];
  seconds: number;
  peakRssMb: number;
}

type FailureClass =
  'refused' | 'wrong container' | 'leading chrome' | 'boilerplate inside' | 'trailing boilerplate' | 'part lost' | 'ok';

interface PageScore {
  id: string;
  p: number;
  r: number;
  f: number;
  cls: FailureClass;
  detail: string;
}

interface Row {
  name: string;
  precision: number;
  recall: number;
  f1: number;
  pagesPerSecond: number;
  msPerPage: number;
  refused: number;
  peakRssMb: number;
  pages: PageScore[];
}

const args = process.argv.slice(2);
const valueOf = (flag: string, fallback: number) => {
  const i = args.indexOf(flag);
  return i >= 0 && args[i + 1] !== undefined && !args[i + 1].startsWith('--')
    ? Math.max(1, Number(args[i + 1]))
    : fallback;
};
const flagValues = new Set(['--repeat', '--worst'].flatMap((f) => (args.indexOf(f) >= 0 ? [args.indexOf(f) + 1] : [])));
const dir = args.find((a, i) => !a.startsWith('--') && !flagValues.has(i)) ?? '../shared/corpus/extraction/fundus';
const showPages = args.includes('--pages');
const showClasses = args.includes('--classes');
const repeat = valueOf('--repeat', 1);
const worst = valueOf('--worst', 20);
const withReadability = !args.includes('--no-readability');

function peakRssMb(): number {
  return process.resourceUsage().maxRSS / 1024; // maxRSS is in kilobytes
}

function run(name: string, pages: Page[], extract: (page: Page) => Output): RunResult {
  let outputs: Output[] = [];
  let best = Infinity;
  for (let r = 0; r < repeat; r++) {
    outputs = [];
    const start = performance.now();
    for (const page of pages) {
      try {
        outputs.push(extract(page));
      } catch (err) {
        outputs.push({ text: '', paragraphs: [], error: err instanceof Error ? err.message : String(err) });
      }
    }
    best = Math.min(best, (performance.now() - start) / 1000);
  }
  return { name, outputs, seconds: best, peakRssMb: peakRssMb() };
}

function ours(page: Page): Output {
  const a = extractArticle(page.html, { url: page.url });
  return { text: a.text, paragraphs: a.paragraphs, error: null };
}

const quietConsole = new VirtualConsole(); // jsdom reports CSS it cannot parse; not our business

function readability(page: Page): Output {
  const dom = new JSDOM(page.html, { url: page.url, virtualConsole: quietConsole });
  const article = new Readability(dom.window.document).parse();
  dom.window.close();
  const text = article?.textContent ?? '';
  return { text, paragraphs: text.split(/\n\s*\n/), error: article ? null : 'Readability returned null' };
}

const clip = (s: string, n = 70) => (s.length > n ? `${s.slice(0, n - 1)}…` : s).replace(/\s+/g, ' ');
const f1Of = (p: number, r: number) => (p + r === 0 ? 0 : (2 * p * r) / (p + r));

/** Snippet corpus: page scores and the class of each page's worst failure. */
function scoreSnippetPage(page: SnippetPage, out: Output): PageScore {
  const c = snippetCounts(page, out.text);
  const p = c.tp + c.fp === 0 ? (c.fn === 0 ? 1 : 0) : c.tp / (c.tp + c.fp);
  const r = c.tp + c.fn === 0 ? 1 : c.tp / (c.tp + c.fn);
  const base = { id: page.id, p, r, f: f1Of(p, r) };
  if (out.error) return { ...base, cls: 'refused', detail: clip(out.error, 110) };
  if (c.tp === 0 && c.fn > 0) return { ...base, cls: 'wrong container', detail: `missed "${clip(c.missed[0])}"` };
  const where = { leading: 0, inside: 0, trailing: 0 };
  for (const s of c.leaked) where[leakPosition(page, out.text, s)]++;
  const leakTop = (Object.entries(where) as [keyof typeof where, number][]).sort((a, b) => b[1] - a[1])[0];
  if (c.fn === 0 && c.fp === 0) return { ...base, cls: 'ok', detail: '' };
  if (c.fn > leakTop[1]) return { ...base, cls: 'part lost', detail: `missed ${c.fn}: "${clip(c.missed[0])}"` };
  const cls: FailureClass =
    leakTop[0] === 'leading'
      ? 'leading chrome'
      : leakTop[0] === 'trailing'
        ? 'trailing boilerplate'
        : 'boilerplate inside';
  return {
    ...base,
    cls,
    detail: `kept ${c.fp}: "${clip(c.leaked.find((s) => leakPosition(page, out.text, s) === leakTop[0])!)}"`,
  };
}

/** Fundus corpus: token P/R per page; the class from paragraphs missed or added, and where. */
function scoreFundusPage(page: CorpusPage, out: Output): PageScore {
  const counts = pageCounts(page.articleBody, out.text);
  const p = pagePrecision(counts);
  const r = pageRecall(counts);
  const base = { id: page.id, p, r, f: f1Of(p, r) };
  if (out.error) return { ...base, cls: 'refused', detail: clip(out.error, 110) };
  if (r < 0.3) return { ...base, cls: 'wrong container', detail: `recall ${r.toFixed(2)}` };
  const norm = (s: string) => tokenize(s).join(' ');
  const truth = norm(page.articleBody);
  const inTruth = out.paragraphs.map((x) => truth.includes(norm(x)));
  const firstIn = inTruth.indexOf(true);
  const lastIn = inTruth.lastIndexOf(true);
  const extra = { leading: [] as string[], inside: [] as string[], trailing: [] as string[] };
  inTruth.forEach((ok, i) => {
    if (ok || !norm(out.paragraphs[i])) return;
    (i < firstIn ? extra.leading : i > lastIn ? extra.trailing : extra.inside).push(out.paragraphs[i]);
  });
  if (1 - r > 1 - p) return { ...base, cls: 'part lost', detail: `recall ${r.toFixed(2)}` };
  const top = (Object.entries(extra) as [keyof typeof extra, string[]][]).sort((a, b) => b[1].length - a[1].length)[0];
  if (top[1].length === 0) return { ...base, cls: p === 1 && r === 1 ? 'ok' : 'part lost', detail: '' };
  const cls: FailureClass =
    top[0] === 'leading' ? 'leading chrome' : top[0] === 'trailing' ? 'trailing boilerplate' : 'boilerplate inside';
  return { ...base, cls, detail: `kept "${clip(top[1][0])}"` };
}

function printTable(rows: Row[], metric: string): void {
  const header = ['extractor', 'precision', 'recall', metric, 'pages/s', 'ms/page', 'refused', 'peak RSS MB'];
  const cells = rows.map((r) => [
    r.name,
    r.precision.toFixed(3),
    r.recall.toFixed(3),
    r.f1.toFixed(3),
    r.pagesPerSecond.toFixed(1),
    r.msPerPage.toFixed(1),
    String(r.refused),
    r.peakRssMb.toFixed(0),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i].length)));
  const line = (c: string[]) => c.map((x, i) => (i === 0 ? x.padEnd(widths[i]) : x.padStart(widths[i]))).join('  ');
  console.log(line(header));
  for (const c of cells) console.log(line(c));
}

function printPages(row: Row): void {
  const sorted = [...row.pages].sort((a, b) => a.f - b.f);
  const list = showPages ? sorted : sorted.slice(0, worst);
  console.log(`\n${showPages ? 'every page' : `${list.length} worst pages`}, ${row.name}:`);
  for (const s of list) {
    console.log(
      `  ${s.id.slice(0, 34).padEnd(34)} P ${s.p.toFixed(2)} R ${s.r.toFixed(2)} F ${s.f.toFixed(2)}  ${s.cls.padEnd(20)} ${s.detail}`,
    );
  }
}

function printClasses(row: Row): void {
  const failing = row.pages.filter((s) => s.cls !== 'ok' && (s.f < 0.8 || s.p < 1));
  const byClass = new Map<string, number>();
  for (const s of failing) byClass.set(s.cls, (byClass.get(s.cls) ?? 0) + 1);
  console.log(`\nfailure classes, ${row.name} (pages below F 0.8 or with boilerplate kept: ${failing.length}):`);
  for (const [cls, n] of [...byClass].sort((a, b) => b[1] - a[1])) console.log(`  ${cls.padEnd(22)} ${n}`);
}

const fundus = corpusExists(dir);
if (!fundus && !snippetCorpusExists(dir)) {
  console.error(`corpus not found at ${dir} (expected ground-truth.json and html/, or eval.json and pages/)`);
  process.exit(2);
}
const fundusPages = fundus ? loadCorpus(dir) : [];
const snippetPages = fundus ? [] : loadSnippetCorpus(dir);
const pages: Page[] = fundus ? fundusPages : snippetPages;
const metric = fundus ? 'F1' : 'F';
console.log(
  `corpus: ${dir}: ${pages.length} pages, ${(pages.reduce((n, p) => n + p.html.length, 0) / 1e6).toFixed(1)} MB of HTML`,
);
console.log(
  fundus
    ? 'metric: corpus README / Zyte evaluate.py: 4-token shingles, per-page normalised, mean P and R over pages, F1 of the means'
    : 'metric: corpus README / trafilatura eval_common.py: with/without snippets found in the folded text, summed over pages',
);
console.log(`timing: best of ${repeat} run(s) per extractor, after a warm-up, same process, same pages, one thread`);
const loadedRss = peakRssMb();

function score(result: RunResult): Row {
  const scored = pages.map((p, i) =>
    fundus
      ? scoreFundusPage(p as CorpusPage, result.outputs[i])
      : scoreSnippetPage(p as SnippetPage, result.outputs[i]),
  );
  const s = fundus
    ? corpusScores(fundusPages.map((p, i) => pageCounts(p.articleBody, result.outputs[i].text)))
    : snippetScores(snippetPages.map((p, i) => snippetCounts(p, result.outputs[i].text)));
  return {
    name: result.name,
    precision: s.precision,
    recall: s.recall,
    f1: s.f1,
    pagesPerSecond: pages.length / result.seconds,
    msPerPage: (result.seconds * 1000) / pages.length,
    refused: result.outputs.filter((o) => o.error).length,
    peakRssMb: result.peakRssMb,
    pages: scored,
  };
}

run('warm-up', pages.slice(0, 10), ours);
const rows = [score(run('media-wire extractArticle', pages, ours))];
if (withReadability) {
  run('warm-up', pages.slice(0, 2), readability);
  rows.push(score(run('readability 0.6 + jsdom', pages, readability)));
}
console.log('');
printTable(rows, metric);
console.log(
  `\npeak RSS is the whole process's (maxRSS) after each extractor's runs; ${loadedRss.toFixed(0)} MB of it is node + the loaded corpus`,
);
if (showClasses) for (const row of rows) printClasses(row);
printPages(rows[0]);
const mine = rows[0];
const quality = fundus ? mine.f1 >= 0.97 : mine.f1 >= 0.935 && mine.precision >= 0.92 && mine.recall >= 0.92;
console.log(
  `\nquality target (${fundus ? 'F1 >= 0.97' : 'F >= 0.935, P and R >= 0.92'}): ${quality ? 'met' : 'NOT met'}`,
);
if (rows[1]) {
  const ratio = mine.pagesPerSecond / rows[1].pagesPerSecond;
  console.log(
    `speed: ${ratio.toFixed(1)}x readability+jsdom pages/s (target >= 20x): ${ratio >= 20 ? 'met' : 'NOT met'}`,
  );
}
