import type { FeedItem } from '../feed/types.js';

/** Data of a poll job: which source to poll. */
export interface PollJobData {
  sourceId: string;
  /** Poll even if the source is deferred (TTL, Retry-After, backoff): an operator asked for it. */
  force?: boolean;
}

/** Data of an article job: one feed entry to take to the publish queue. */
export interface ArticleJobData {
  sourceId: string;
  item: FeedItem;
}

export interface PollJobResult {
  sourceId: string;
  /**
   * feed: parsed; not-modified: 304; unchanged: same bytes as last time; deferred: not yet due (feed TTL,
   * Retry-After, backoff after failures; see reason); skipped: disabled, or the previous poll still running
   */
  outcome: 'feed' | 'not-modified' | 'unchanged' | 'deferred' | 'skipped';
  reason?: string;
  /** For deferred polls: ttl is the feed's wish (healthy); retry-after and backoff follow failures. */
  deferKind?: 'ttl' | 'retry-after' | 'backoff';
  status?: number;
  new: number;
  updated: number;
  seen: number;
  /** Feed entries that could not be used (bad link, ...), with reasons. */
  skipped: { guid: string | null; title: string | null; reason: string }[];
  articleJobIds: string[];
}

export interface ArticleJobResult {
  itemId: string;
  version: number;
  /** published: a new publish job; unchanged: same body and headline as the version already published */
  outcome: 'published' | 'unchanged';
  publishJobId: string;
  origin: 'page' | 'feed';
}
