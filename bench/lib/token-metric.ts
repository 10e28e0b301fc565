/**
 * The token metric of the public Zyte article-extraction benchmark (evaluate.py), as the
 * corpus README states it: `\w+` tokens (Unicode letters, digits, underscore, case kept),
 * multisets of 4-token shingles, per-page tp/fp/fn normalised to sum 1, then precision and
 * recall averaged over pages and F1 taken from those two means.
 */

const TOKEN = /[\p{L}\p{N}_]+/gu;
const SHINGLE = 4;

export function tokenize(text: string): string[] {
  return text.match(TOKEN) ?? [];
}

/** Multiset of 4-token shingles; a text shorter than 4 tokens is one shingle of all of them. */
export function shingles(text: string): Map<string, number> {
  const tokens = tokenize(text);
  const out = new Map<string, number>();
  const count = Math.max(1, tokens.length - SHINGLE + 1);
  for (let i = 0; i < count; i++) {
    const slice = tokens.slice(i, i + SHINGLE);
    if (slice.length === 0) continue;
    // \u0001 cannot occur inside a token, so joined shingles never collide.
    const key = slice.join('\u0001');
    out.set(key, (out.get(key) ?? 0) + 1);
  }
  return out;
}

export interface PageCounts {
  tp: number;
  fp: number;
  fn: number;
}

/**
 * Normalised tp/fp/fn of one page (they sum to 1, or are all 0 when both texts are empty).
 * `allowed`: text whose shingles are neither required nor counted as false positives (optional paragraphs).
 */
export function pageCounts(expected: string, predicted: string, allowed = ''): PageCounts {
  const truth = shingles(expected);
  const pred = shingles(predicted);
  const extraOk = allowed ? shingles(allowed) : new Map<string, number>();
  let tp = 0;
  let fp = 0;
  let fn = 0;
  for (const [key, n] of pred) {
    const t = truth.get(key) ?? 0;
    tp += Math.min(n, t);
    fp += Math.max(0, Math.max(0, n - t) - (extraOk.get(key) ?? 0));
  }
  for (const [key, n] of truth) fn += Math.max(0, n - (pred.get(key) ?? 0));
  const total = tp + fp + fn;
  return total === 0 ? { tp, fp, fn } : { tp: tp / total, fp: fp / total, fn: fn / total };
}

export interface Scores {
  precision: number;
  recall: number;
  f1: number;
}

export function pagePrecision({ tp, fp, fn }: PageCounts): number {
  return fp === 0 && fn === 0 ? 1 : tp === 0 && fp === 0 ? 0 : tp / (tp + fp);
}

export function pageRecall({ tp, fp, fn }: PageCounts): number {
  return fp === 0 && fn === 0 ? 1 : tp === 0 && fn === 0 ? 0 : tp / (tp + fn);
}

/** Corpus scores: means of per-page precision and recall, F1 of those two means. */
export function corpusScores(pages: PageCounts[]): Scores {
  const p = pages.filter((c) => c.tp + c.fp > 0).map(pagePrecision);
  const r = pages.filter((c) => c.tp + c.fn > 0).map(pageRecall);
  const mean = (xs: number[]) => (xs.length === 0 ? 0 : xs.reduce((a, b) => a + b, 0) / xs.length);
  const precision = mean(p);
  const recall = mean(r);
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { precision, recall, f1 };
}
