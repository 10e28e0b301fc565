/**
 * Loads a snippet corpus (trafilatura-eval: eval.json + pages/<file>.gz) and scores extracted
 * text with its README's metric (trafilatura's tests/eval_common.py): whitespace folded on both
 * sides, each `with` snippet found is a true positive (missing: false negative), each `without`
 * snippet found a false positive (absent: true negative); sums over pages, then P, R and F.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { decodeHtml } from '../../src/encoding/decode.js';

export interface SnippetPage {
  id: string;
  url: string;
  html: string;
  with: string[];
  without: string[];
}

interface EvalEntry {
  file: string;
  with?: string[];
  without?: string[];
}

export function snippetCorpusExists(dir: string): boolean {
  return existsSync(join(dir, 'eval.json')) && existsSync(join(dir, 'pages'));
}

/** Pages in eval.json order, bytes decoded as the service decodes a fetched page (BOM, meta, sniffing). */
export function loadSnippetCorpus(dir: string): SnippetPage[] {
  const entries = JSON.parse(readFileSync(join(dir, 'eval.json'), 'utf8')) as Record<string, EvalEntry>;
  return Object.entries(entries).map(([url, e]) => ({
    id: e.file.replace(/\.gz$/, ''),
    url,
    html: decodeHtml(gunzipSync(readFileSync(join(dir, 'pages', e.file)))),
    with: e.with ?? [],
    without: e.without ?? [],
  }));
}

const fold = (s: string) => s.replace(/\s+/g, ' ').trim();

export interface SnippetCounts {
  tp: number;
  fn: number;
  fp: number;
  tn: number;
  /** Snippets as found or missed, for the failure classes. */
  missed: string[];
  leaked: string[];
}

export function snippetCounts(page: SnippetPage, text: string): SnippetCounts {
  const t = fold(text);
  const c: SnippetCounts = { tp: 0, fn: 0, fp: 0, tn: 0, missed: [], leaked: [] };
  for (const s of page.with) {
    if (t.includes(fold(s))) c.tp++;
    else {
      c.fn++;
      c.missed.push(s);
    }
  }
  for (const s of page.without) {
    if (t.includes(fold(s))) {
      c.fp++;
      c.leaked.push(s);
    } else c.tn++;
  }
  return c;
}

export function snippetScores(counts: SnippetCounts[]): { precision: number; recall: number; f1: number } {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  for (const c of counts) {
    tp += c.tp;
    fp += c.fp;
    fn += c.fn;
  }
  const precision = tp + fp === 0 ? 0 : tp / (tp + fp);
  const recall = tp + fn === 0 ? 0 : tp / (tp + fn);
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { precision, recall, f1 };
}

/** Where a found `without` snippet sits relative to the found `with` ones. */
export function leakPosition(page: SnippetPage, text: string, leaked: string): 'leading' | 'inside' | 'trailing' {
  const t = fold(text);
  const at = t.indexOf(fold(leaked));
  const found = page.with.map((s) => t.indexOf(fold(s))).filter((i) => i >= 0);
  if (found.length === 0) return 'inside';
  if (at < Math.min(...found)) return 'leading';
  if (at > Math.max(...found)) return 'trailing';
  return 'inside';
}
