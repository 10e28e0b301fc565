/** The one normalised shape every feed format (RSS, Atom, RDF, JSON Feed) is turned into. */
export interface FeedItem {
  /** The feed's own id (RSS guid, Atom id, JSON Feed id); the link when the feed gives none. */
  guid: string;
  /** Absolute URL of the article page (resolved against xml:base / the feed URL). */
  link: string;
  /** Plain text: entities decoded, markup removed, whitespace folded. */
  title: string;
  /** ISO 8601 with offset, or null when the feed gives no (valid) date. */
  publishedAt: string | null;
  updatedAt: string | null;
  /** Short description as plain text, or null. */
  summary: string | null;
  /** Full content as HTML when the feed carries it (content:encoded, Atom content, content_html), or null. */
  content: string | null;
  author: string | null;
  categories: string[];
  /** Absolute URL of an enclosure / media image, or null. */
  image: string | null;
}

export type FeedFormat = 'rss' | 'atom' | 'rdf' | 'json';

/** A feed entry that could not become a FeedItem; the rest of the feed still flows. */
export interface SkippedFeedItem {
  index: number;
  guid: string | null;
  title: string | null;
  reason: string;
}

export interface ParsedFeed {
  format: FeedFormat;
  title: string | null;
  link: string | null;
  items: FeedItem[];
  skipped: SkippedFeedItem[];
  /** Feed-declared refresh hint in seconds (RSS <ttl>, sy:updatePeriod), when present. */
  ttlSeconds: number | null;
  /**
   * What was repaired in the document before it could be parsed (bare `&`, HTML entities,
   * junk before the XML, a truncated end ...), in words an operator can act on. Absent when nothing was.
   */
  repairs?: string[];
}

export interface ParseFeedOptions {
  /** The feed's URL (after redirects): base for relative links. */
  url: string;
  /** The HTTP Content-Type header, used for the charset and to tell JSON Feed from XML. */
  contentType?: string | null;
}
