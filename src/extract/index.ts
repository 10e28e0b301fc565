/**
 * extractArticle: HTML page in, article body and metadata out.
 *
 * Steps, one module each: parse once (dom), read JSON-LD (jsonld) and metadata (metadata),
 * drop non-content and unlikely regions (boilerplate), measure every element (stats), choose
 * the container (scoring) unless the operator named one, cut boilerplate inside it
 * (boilerplate), read its blocks in reading order (blocks), drop labels and edge fragments
 * (filters), put the standfirst first (standfirst), decide whether this is an article at all
 * (verdict), render safe HTML (sanitize). A page with no article fails with a WireError of
 * kind 'no-article' and a reason.
 */
import type { CheerioAPI } from 'cheerio/slim';
import { WireError } from '../errors.js';
import { isInside, parseHtml, type Element } from './dom.js';
import {
  articleBodies,
  articleObjects,
  bodyIsHtml,
  bodyOracle,
  isPaywalled,
  readJsonLd,
  type JsonObject,
} from './jsonld.js';
import { descriptions, extractMetadata } from './metadata.js';
import { descriptionKeys, findLeadCandidates, matchesDescription } from './standfirst.js';
import {
  protectedElements,
  pruneContainer,
  removeConsentNotices,
  removeNonContent,
  removeUnlikely,
} from './boilerplate.js';
import { countChars, measure } from './stats.js';
import { bestContainer } from './scoring.js';
import { collectBlocks, type Block } from './blocks.js';
import { filterBlocks } from './filters.js';
import { renderHtml } from './sanitize.js';
import { foldWhitespace } from './text.js';
import { MIN_ARTICLE_CHARS, looksLikeArticleUrl, noArticleReason } from './verdict.js';
import { feedBlocks } from './feed.js';
import { readSignals, type PageSignals } from './signals.js';
import type { ArticleMetadata, ExtractOptions, ExtractedArticle, ExtractionMethod } from './types.js';

export type { ArticleMetadata, ExtractOptions, ExtractedArticle, ExtractionMethod } from './types.js';
export { canonicalizeUrl, isTrackingParam, absoluteUrl } from './url.js';
export { verbatimCheck, pageTextSegments, foldWhitespace, type VerbatimReport } from './text.js';
export { MIN_ARTICLE_CHARS } from './verdict.js';

/** A page body read from the page: blocks, how they were found, and what the verdict needs. */
interface PageBody {
  blocks: Block[];
  rawBlocks: Block[];
  method: ExtractionMethod;
  pageTeasers: number;
}

export function extractArticle(html: string, opts: ExtractOptions): ExtractedArticle {
  try {
    return extract(html, opts);
  } catch (err) {
    // The DOM walks recurse: a pathological page nesting thousands of unclosed elements runs
    // out of stack. That page fails alone, with a reason, instead of taking the worker down.
    if (err instanceof RangeError) {
      throw new WireError('parse', 'cannot extract: the page nests elements too deeply to walk (malformed HTML)', {
        url: opts.url,
        cause: err,
      });
    }
    throw err;
  }
}

function extract(html: string, opts: ExtractOptions): ExtractedArticle {
  const $ = parseHtml(html);
  const signals = readSignals($.root()[0]);
  const jsonLd = readJsonLd(signals.jsonLdScripts);
  const metadata = extractMetadata(signals, opts.url, jsonLd);

  if (opts.preferFeed && opts.feedHtml !== undefined) return fromFeed(opts.feedHtml, opts, metadata);

  let body: PageBody;
  let failure: WireError | null = null;
  try {
    body = readBody($, signals, jsonLd, metadata, opts, false);
    let reason = verdict(body, signals, jsonLd, metadata, opts.url);
    if (reason && !opts.selector) {
      // Before refusing, a second, lenient reading of a fresh parse: class names are not trusted
      // (a test report's sections called "--Ads", a forum post called "comment") and cookie or
      // consent notices are dropped by what they say, so a page where a reader sees the article
      // is not refused because its template named things oddly or a banner outweighed a review.
      const lenient = readBody(parseHtml(html), signals, jsonLd, metadata, opts, true);
      const lenientReason = verdict(lenient, signals, jsonLd, metadata, opts.url);
      if (!lenientReason) {
        body = lenient;
        reason = null;
      } else if (lenientReason !== reason) {
        // Both readings refused: the message says what decided each.
        reason = `${reason}; a second reading without class hints: ${lenientReason}`;
      }
    }
    if (reason) failure = new WireError('no-article', `no article: ${reason}`, { url: opts.url });
  } catch (err) {
    // The operator's selector matched nothing: the page fails, but the feed may carry the story.
    // A broken selector (config error) is never papered over.
    if (!(err instanceof WireError) || err.kind !== 'no-article' || opts.feedHtml === undefined) throw err;
    failure = err;
    body = { blocks: [], rawBlocks: [], method: 'scoring', pageTeasers: 0 };
  }

  if (opts.feedHtml !== undefined) {
    // The page failed, or a paywall/teaser page holds clearly less than the feed does.
    const feed = feedBlocks(opts.feedHtml, opts.url, metadata.title);
    const feedChars = charsOf(textBlocks(feed));
    if (feedChars >= MIN_ARTICLE_CHARS && (failure || charsOf(textBlocks(body.blocks)) < 0.5 * feedChars)) {
      return result(feed, metadata, 'feed');
    }
  }
  if (failure) throw failure;
  return result(body.blocks, metadata, body.method);
}

function verdict(
  body: PageBody,
  signals: PageSignals,
  jsonLd: JsonObject[],
  metadata: ArticleMetadata,
  url: string,
): string | null {
  return noArticleReason({
    blocks: textBlocks(body.blocks),
    rawBlocks: body.rawBlocks,
    title: metadata.title,
    declaredArticle: declaresArticle(signals, jsonLd),
    paywalled: isPaywalled(jsonLd),
    pageTeasers: body.pageTeasers,
    articleUrl: looksLikeArticleUrl(url),
  });
}

/**
 * Reads the article's blocks from the page. `lenient`: regions are not removed for their class
 * names or roles (only for what they hold: link lists, teaser lists), for the second reading.
 */
function readBody(
  $: CheerioAPI,
  signals: PageSignals,
  jsonLd: JsonObject[],
  metadata: ArticleMetadata,
  opts: ExtractOptions,
  lenient: boolean,
): PageBody {
  const summaries = descriptionKeys(descriptions(signals, jsonLd));
  const isStandfirst = (text: string) => matchesDescription(text, summaries);
  // <html> when the page has one; else the document node, which stands in for an element.
  const doc = $.root()[0];
  const root = (doc.children.find((c) => c.type === 'tag' && c.name === 'html') ?? doc) as unknown as Element;
  for (const selector of opts.drop ?? []) select($, selector, opts.url).remove();
  removeNonContent(root);
  if (lenient) removeConsentNotices(root);

  if (opts.selector) {
    const chosen = select($, opts.selector, opts.url).toArray() as Element[];
    if (chosen.length === 0) {
      throw new WireError(
        'no-article',
        `no article: the source's body selector "${opts.selector}" matches nothing on this page`,
        { url: opts.url },
      );
    }
    // Nested matches would repeat text: keep the outermost ones.
    const outer = chosen.filter((el) => !chosen.some((other) => other !== el && isInside(el, other)));
    const stats = measure(root, null);
    const rawBlocks = outer.flatMap((el) => {
      pruneContainer(el, stats);
      return collectBlocks(el, opts.url);
    });
    return {
      blocks: filterBlocks(rawBlocks, metadata.title, isStandfirst),
      rawBlocks,
      method: 'selector',
      pageTeasers: 0,
    };
  }

  const jsonBody = articleBodies(jsonLd)[0] ?? '';
  const oracle = jsonBody.length >= MIN_ARTICLE_CHARS ? bodyOracle(jsonBody) : null;
  const stats = measure(root, oracle);
  const pageTeasers = stats.get(root)?.teaserTitles ?? 0;
  removeUnlikely(root, stats, protectedElements(root), lenient);
  const best = bestContainer(root, stats);

  let blocks: Block[] = [];
  let rawBlocks: Block[] = [];
  let method: ExtractionMethod = 'scoring';
  let matched = 0;
  if (best) {
    matched = stats.get(best.element)?.matched ?? 0;
    const titles = [metadata.title, signals.meta.get('og:title'), signals.meta.get('twitter:title'), signals.titleText];
    const lead = findLeadCandidates(root, best.element, stats, summaries, titles);
    pruneContainer(best.element, stats, lenient);
    rawBlocks = collectBlocks(best.element, opts.url);
    blocks = withStandfirst(
      filterBlocks(rawBlocks, metadata.title, isStandfirst),
      lead.described ?? lead.dek,
      opts.url,
      isStandfirst,
    );
    if ((best.element.attribs?.['itemprop'] ?? '').toLowerCase() === 'articlebody') method = 'itemprop';
    else if (oracle && matched > 0) method = 'json-ld';
  }
  // Script-rendered pages: the markup holds no body (or only a sliver of it), the JSON-LD copy
  // does. Taking it then beats returning whatever text the template happens to hold.
  if (oracle && (charsOf(textBlocks(blocks)) < MIN_ARTICLE_CHARS || matched < 0.2 * countChars(jsonBody))) {
    blocks = jsonBodyBlocks(jsonBody, root, opts.url, metadata.title);
    method = 'json-ld';
  }
  return { blocks, rawBlocks, method, pageTeasers };
}

/** Runs an operator's CSS selector; one that does not parse is a config error naming it. */
function select($: CheerioAPI, selector: string, url: string) {
  try {
    return $(selector);
  } catch (err) {
    const why = err instanceof Error ? err.message : String(err);
    throw new WireError('config', `invalid CSS selector "${selector}" in the source's extraction settings: ${why}`, {
      url,
      cause: err,
    });
  }
}

function fromFeed(feedHtml: string, opts: ExtractOptions, metadata: ArticleMetadata): ExtractedArticle {
  const blocks = feedBlocks(feedHtml, opts.url, metadata.title);
  if (charsOf(textBlocks(blocks)) === 0) {
    throw new WireError('no-article', 'no article: the feed item has no body text and the source is set to use it', {
      url: opts.url,
    });
  }
  return result(blocks, metadata, 'feed');
}

/** Captions describe images a republisher rarely has rights to: html keeps them, text does not. */
function textBlocks(blocks: Block[]): Block[] {
  return blocks.filter((b) => b.kind !== 'image' && b.kind !== 'caption');
}

function charsOf(blocks: Block[]): number {
  return blocks.reduce((n, b) => n + b.chars, 0);
}

function result(blocks: Block[], metadata: ArticleMetadata, method: ExtractionMethod): ExtractedArticle {
  const paragraphs = textBlocks(blocks).map((b) => b.text);
  return { paragraphs, html: renderHtml(blocks), text: paragraphs.join('\n\n'), metadata, method };
}

function declaresArticle(signals: PageSignals, jsonLd: JsonObject[]): boolean {
  const ogType = signals.meta.get('og:type')?.toLowerCase() ?? '';
  return ogType === 'article' || articleObjects(jsonLd).length > 0 || signals.hasArticleBodyProp;
}

/** Puts the standfirst first, unless the body already holds it. */
function withStandfirst(
  blocks: Block[],
  lead: Element | null,
  base: string,
  isStandfirst: (t: string) => boolean,
): Block[] {
  if (!lead || blocks.some((b) => isStandfirst(b.text) || isInside(b.element, lead))) return blocks;
  const leadBlocks = collectBlocks(lead, base).filter((b) => b.kind === 'p' || b.kind === 'heading');
  for (const b of leadBlocks) {
    b.kind = 'p';
    b.level = 0;
  }
  return [...leadBlocks, ...blocks];
}

/**
 * Blocks from the JSON-LD body: one paragraph per non-empty line, text untouched but folded;
 * a body written in HTML is read like a feed item's content.
 */
function jsonBodyBlocks(body: string, root: Element, base: string, title: string | null): Block[] {
  if (bodyIsHtml(body)) return feedBlocks(body, base, title);
  return body
    .split(/\n/)
    .map(foldWhitespace)
    .filter(Boolean)
    .map((text) => ({
      kind: 'p' as const,
      level: 0,
      text,
      html: escapeHtml(text),
      element: root,
      list: null,
      quote: null,
      figure: null,
      chars: countChars(text),
      linkChars: 0,
    }));
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
