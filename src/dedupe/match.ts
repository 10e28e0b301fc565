/**
 * When two items are the same story (pure). Order: same canonical URL, same agency id, then a near-duplicate
 * body (MinHash estimate of the Jaccard similarity of 5-word shingles >= SAME_STORY_THRESHOLD, or, between
 * THRESHOLD_WITH_HEADLINE and it, when the headlines agree too). See README.md for why these numbers.
 */
import { similarity, words } from './minhash.js';

/** Body similarity at or above which two items are the same story. */
export const SAME_STORY_THRESHOLD = 0.5;
/** Body similarity at or above which two items are the same story when their headlines also agree. */
export const THRESHOLD_WITH_HEADLINE = 0.3;
/** Headline word-set Jaccard at or above which two headlines "agree". */
export const HEADLINE_AGREE = 0.5;
/** Bodies with fewer shingles than this are not compared (a caption or a one-liner matches too easily). */
export const MIN_SHINGLES = 20;

export interface DedupeKey {
  canonicalUrl?: string;
  /** Agency's own id of the story (e.g. a NewsML-G2 guid without its version), namespaced by agency. */
  agencyId?: string;
  headline?: string;
  signature: Uint32Array;
  shingleCount: number;
}

export type SameStoryReason = 'canonical-url' | 'agency-id' | 'near-duplicate' | 'near-duplicate+headline';

export interface Comparison {
  same: boolean;
  reason?: SameStoryReason;
  similarity: number;
}

/** Canonical URL for comparison: scheme and host lower-cased, no fragment, no tracking parameters, no trailing slash. */
export function normalizeUrl(url: string): string | undefined {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return undefined;
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') return undefined;
  u.hash = '';
  for (const name of [...u.searchParams.keys()]) {
    if (/^(utm_|fbclid$|gclid$|mc_[ce]id$|ocid$|cmpid$)/i.test(name)) u.searchParams.delete(name);
  }
  u.searchParams.sort();
  const path = u.pathname.length > 1 ? u.pathname.replace(/\/+$/, '') : u.pathname;
  const host = u.hostname.replace(/^www\./, '');
  return `${host}${path}${u.search}`;
}

export function headlineSimilarity(a: string, b: string): number {
  const sa = new Set(words(a));
  const sb = new Set(words(b));
  if (sa.size === 0 || sb.size === 0) return 0;
  let inter = 0;
  for (const w of sa) if (sb.has(w)) inter++;
  return inter / (sa.size + sb.size - inter);
}

export function compare(a: DedupeKey, b: DedupeKey): Comparison {
  const sim =
    a.shingleCount >= MIN_SHINGLES && b.shingleCount >= MIN_SHINGLES ? similarity(a.signature, b.signature) : 0;
  if (a.canonicalUrl && b.canonicalUrl) {
    const ua = normalizeUrl(a.canonicalUrl);
    if (ua && ua === normalizeUrl(b.canonicalUrl)) return { same: true, reason: 'canonical-url', similarity: sim };
  }
  if (a.agencyId && a.agencyId === b.agencyId) return { same: true, reason: 'agency-id', similarity: sim };
  if (sim >= SAME_STORY_THRESHOLD) return { same: true, reason: 'near-duplicate', similarity: sim };
  if (
    sim >= THRESHOLD_WITH_HEADLINE &&
    a.headline &&
    b.headline &&
    headlineSimilarity(a.headline, b.headline) >= HEADLINE_AGREE
  ) {
    return { same: true, reason: 'near-duplicate+headline', similarity: sim };
  }
  return { same: false, similarity: sim };
}
