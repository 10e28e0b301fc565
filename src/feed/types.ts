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
  /** Language the source declares for the entry (BCP-47 as given: agency formats, news sitemaps). */
  language?: string | null;
  /** Lifecycle and attribution of an agency item (NewsML-G2, NewsML 1.2, NITF, ninjs, AP Media API). */
  agency?: AgencyFields;
}

/** An agency's publication status. Embargoes are not a status here: see `AgencyFields.embargo`. */
export type PubStatus = 'usable' | 'withheld' | 'canceled';

export interface AgencySubject {
  /** The code as the agency writes it (`medtop:04000000`, `N2:US`, `04015000`). */
  code: string;
  name: string | null;
}

export interface AgencyImage {
  /** Absolute URL of the image (largest rendition given), or null when the document only names it. */
  href: string | null;
  /** The agency's id for the picture, when it has one. */
  id: string | null;
  caption: string | null;
  credit: string | null;
  width: number | null;
  height: number | null;
  mimeType: string | null;
}

/**
 * What an agency delivers beside the headline and the text: identity, version, lifecycle and
 * attribution. Read by src/feed/agency, one reader per format; every field is present (null or empty
 * when the document does not give it).
 */
export interface AgencyFields {
  /** Which agency format the entry came from. */
  format: AgencyFormat;
  /** The agency's identifier for the story (G2 guid, NewsML URN, NITF doc-id, ninjs uri, AP itemid). */
  id: string;
  /** The agency's version as written (opaque, possibly huge: Reuters 1542761538); null when absent. */
  version: string | null;
  pubStatus: PubStatus;
  /** How the status was read when not given as usable/withheld/canceled ("absent: usable", "OPEN read as usable"). */
  pubStatusReading: string | null;
  /** ISO 8601 UTC instant before which the story must not be published, or null (no embargo). */
  embargo: string | null;
  /** How the embargo was read, when the document has an embargo field: raw value and the rule applied. */
  embargoReading: string | null;
  /** Usage-rights expiry (ISO 8601 UTC), or null. */
  expires: string | null;
  /** 1 (flash) to 9 (lowest), or null. */
  urgency: number | null;
  signals: {
    /** The version corrects an earlier one (sig:correction, Reuters edStat:C, AP Corrective/Correction, "CORRECTED-", a note "corrects ..."). */
    correction: boolean;
    /** The version updates an earlier one (sig:update, edStat:U, STT/TT update signals, AP Writethru/Lead, a note "Eds: UPDATES ..."). */
    update: boolean;
    /** The signal codes as written. */
    codes: string[];
  };
  /** Editorial note for the newsroom (edNote, ed-msg, ednote): never to be published. */
  editorialNote: string | null;
  byline: string | null;
  credit: string | null;
  copyright: string | null;
  usageTerms: string | null;
  subjects: AgencySubject[];
  images: AgencyImage[];
  /** The body delivered in the document, sanitised HTML with its text verbatim; null when none (fetch the page). */
  body: string | null;
  /** Where the body is to be fetched when the document only links it (AP Media API `renditions.nitf.href`), or null. */
  bodyUrl: string | null;
  /**
   * The id of the document this one replaces or cancels, when it names one under another id
   * (NITF `management-doc-idref`); null otherwise (the same id means the same story).
   */
  refersTo: string | null;
}

export type AgencyFormat = 'newsml-g2' | 'newsml' | 'nitf' | 'ninjs' | 'ap-media-api' | 'reuters-graphql';

export type FeedFormat = 'rss' | 'atom' | 'rdf' | 'json' | AgencyFormat | 'news-sitemap';

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
  /** The next page to poll for an API feed that pages (AP Media API `next_page`); absent otherwise. */
  nextPage?: string | null;
}

export interface ParseFeedOptions {
  /** The feed's URL (after redirects): base for relative links. */
  url: string;
  /** The HTTP Content-Type header, used for the charset and to tell JSON Feed from XML. */
  contentType?: string | null;
  /**
   * True when the caller acts on the agency lifecycle (pubStatus, embargo): every agency entry
   * is returned. Without it (the default, fail closed), an agency entry that is canceled,
   * withheld or embargoed until a time still to come is held back in `skipped` with the reason,
   * so a caller that only knows feeds can never publish a killed or embargoed story.
   */
  agencyLifecycle?: boolean;
  /** The clock for the embargo check (tests); default Date.now(). */
  now?: () => number;
}
