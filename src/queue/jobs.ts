import type { FeedItem } from '../feed/types.js';
import type { ArticleRequest, ArticleResult, PollRequest, PollResult } from '../pipeline/context.js';
import { entryFingerprint, entryKey } from '../state/seen.js';

/** Data of a poll job: which source to poll (the poll step's request). */
export type PollJobData = PollRequest;
/** Data of an article job: one feed entry to take to the publish queue. */
export type ArticleJobData = ArticleRequest;
export type PollJobResult = PollResult;
export type ArticleJobResult = ArticleResult;

/** Article job id: one per feed entry version, so a re-poll that re-adds it is a no-op. */
export function articleJobId(sourceId: string, item: FeedItem): string {
  return `${sourceId}-${entryKey(item)}-${entryFingerprint(item)}`;
}
