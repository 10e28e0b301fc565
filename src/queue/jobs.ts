import type { FeedItem } from '../feed/types.js';

/** Data of a poll job: which source to poll. */
export interface PollJobData {
  sourceId: string;
}

/** Data of an article job: one feed entry to take to the publish queue. */
export interface ArticleJobData {
  sourceId: string;
  item: FeedItem;
}

export interface PollJobResult {
  sourceId: string;
  /** not-modified: 304; unchanged: same bytes as last time; feed: parsed; skipped: see reason */
  outcome: 'feed' | 'not-modified' | 'unchanged' | 'skipped';
  reason?: string;
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
