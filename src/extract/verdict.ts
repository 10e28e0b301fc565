/**
 * Is there an article at all? A page without one (an index, a consent wall, a paywall stub, an
 * error page) must fail with a reason an operator can act on, never publish its boilerplate.
 */
import type { Block } from './blocks.js';
import { GOOD_UNIT_CHARS } from './stats.js';

/** Below this many characters of body text a page is not an article. */
export const MIN_ARTICLE_CHARS = 200;
/** The same for a page that declares itself an article. */
export const MIN_DECLARED_CHARS = 120;

export interface VerdictInput {
  /** Final text blocks (no captions, no images). */
  blocks: Block[];
  /** Every block read from the container, before label and edge filtering. */
  rawBlocks: Block[];
  title: string | null;
  /** The page says it is an article (og:type article, JSON-LD Article, itemprop=articleBody). */
  declaredArticle: boolean;
  /** The page's JSON-LD says the article is not free to read. */
  paywalled: boolean;
  /** Headline links on the whole page: many of them make an index page. */
  pageTeasers: number;
  /** The URL reads as one story's (a dated path, a slug of several words), not a section's. */
  articleUrl?: boolean;
}

/** A path with a date (/2024/03/04/, 2024-03-04) or a last segment of three or more words joined by hyphens or underscores. */
export function looksLikeArticleUrl(url: string): boolean {
  let path: string;
  try {
    path = decodeURIComponent(new URL(url).pathname);
  } catch {
    return false;
  }
  if (/\/(?:19|20)\d{2}\/[01]?\d\/|(?:19|20)\d{2}-[01]\d-[0-3]\d/.test(path)) return true;
  const last = path.split('/').filter(Boolean).pop() ?? '';
  return (
    last
      .replace(/\.[a-z]{2,5}$/i, '')
      .split(/[-_]+/)
      .filter((w) => /\p{L}{2,}/u.test(w)).length >= 3
  );
}

const ERROR_TITLE = /\b(?:404|410|500|page not found|not found|no longer available|error|access denied|forbidden)\b/i;
export const CONSENT_TERMS = [
  /\bcookies?\b/i,
  /\bconsent\b/i,
  /\bprivacy\b/i,
  /\bpartners\b/i,
  /\bvendors?\b/i,
  /\bpersonali[sz]ed\b/i,
  /\blegitimate interest/i,
  /\b(?:accept|reject) all\b/i,
  /\bmanage (?:preferences|settings|options)\b/i,
];
/** What a paywall says where the text stops (not the "subscribe for unlimited access" promo). */
const PAYWALL_PROMPT =
  /\b(?:to )?(?:continue|keep) reading\b|\bread the (?:full|rest of the|whole) (?:story|article)\b|\balready a (?:subscriber|member)\b|\b(?:subscribers|members)[- ]only\b|\b(?:article|story|content) is (?:only )?(?:for|available to|reserved for) (?:subscribers|members)\b|\bunlock (?:this|the full) (?:article|story)\b/i;

function charsOf(blocks: Block[]): number {
  return blocks.reduce((n, b) => n + b.chars, 0);
}

function isParagraph(b: Block): boolean {
  return b.chars - b.linkChars >= GOOD_UNIT_CHARS && b.linkChars < 0.4 * b.chars;
}

/** Why the page holds no article, or null when it does. */
/** Text that reads as a cookie/consent notice: three or more of its usual terms. */
export function isConsentText(text: string): boolean {
  let n = 0;
  for (const re of CONSENT_TERMS) if (re.test(text) && ++n >= 3) return true;
  return false;
}

export function noArticleReason(input: VerdictInput): string | null {
  const { blocks, rawBlocks, title } = input;
  const chars = charsOf(blocks);
  const text = blocks.map((b) => b.text).join('\n');
  if (chars === 0) return 'no block of article text found';
  if (title && ERROR_TITLE.test(title) && chars < 1500) return `the page is an error page ("${title}")`;
  if (chars < 3000 && isConsentText(text)) {
    return 'the page is a cookie/consent wall, not the article';
  }
  // The prompt must come where the text stops: after the last paragraph kept as text.
  let lastAt = -1;
  for (const b of blocks) if (isParagraph(b)) lastAt = Math.max(lastAt, rawBlocks.indexOf(b));
  const promptShown = rawBlocks.some((b, i) => i > lastAt && b.chars < 300 && PAYWALL_PROMPT.test(b.text));
  // isAccessibleForFree=false alone proves nothing: some publishers set it on every story,
  // complete ones included. A short text next to a subscription prompt is a teaser.
  if (chars < 1000 && promptShown) {
    const marked = input.paywalled ? ' (its JSON-LD marks the article as not free)' : '';
    return `paywall: the page shows only a ${chars}-character teaser before a subscription prompt${marked}`;
  }
  // A page that says it is an article (og:type, JSON-LD, itemprop) may be a short one: a brief,
  // a short blog post, a news flash. Below MIN_DECLARED_CHARS nothing reads as an article.
  const minimum = input.declaredArticle ? MIN_DECLARED_CHARS : MIN_ARTICLE_CHARS;
  if (chars < minimum) return `only ${chars} characters of article text found (minimum ${minimum})`;
  const linkChars = blocks.reduce((n, b) => n + b.linkChars, 0);
  if (linkChars > 0.5 * chars) return 'the text found is mostly links: an index or list page, not an article';
  const paragraphs = blocks.filter(isParagraph).length;
  if (!input.declaredArticle && !input.articleUrl && input.pageTeasers >= 8 && paragraphs < 2) {
    return `an index page: ${input.pageTeasers} story links and only ${paragraphs} paragraphs of text`;
  }
  return null;
}
