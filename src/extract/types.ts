export interface ArticleMetadata {
  /** rel=canonical, else og:url, else the final URL; tracking parameters removed. */
  canonicalUrl: string;
  title: string | null;
  byline: string | null;
  /** ISO 8601 with offset. */
  publishedAt: string | null;
  modifiedAt: string | null;
  /** BCP 47 tag from <html lang> or meta, e.g. "en", "ar". */
  language: string | null;
  /** Absolute URL of the lead image. */
  image: string | null;
  siteName: string | null;
  description: string | null;
}

/** How the body was found: tells an operator which signal won. */
export type ExtractionMethod = 'selector' | 'itemprop' | 'json-ld' | 'scoring' | 'feed';

export interface ExtractedArticle {
  /** The article's blocks in reading order; each one verbatim page text (whitespace folded). */
  paragraphs: string[];
  /** Safe HTML of the same blocks (allow-listed tags; href/src absolute). */
  html: string;
  /** paragraphs joined by blank lines. */
  text: string;
  metadata: ArticleMetadata;
  method: ExtractionMethod;
}

export interface ExtractOptions {
  /** The page's final URL: base for relative links and the fallback canonical URL. */
  url: string;
  /** Operator override: CSS selector of the body container(s). */
  selector?: string;
  /** Operator override: CSS selectors removed before extraction. */
  drop?: string[];
  /**
   * The feed item's own full-content HTML (content:encoded, Atom content, content_html), when it
   * has one. Used instead of the page when `preferFeed` is set, and as the fallback when the
   * page yields no article or clearly less text than the feed (the result's method is 'feed').
   */
  feedHtml?: string;
  /** Operator override: take the body from `feedHtml` rather than the page. */
  preferFeed?: boolean;
}
