import type { FeedFormat, FeedItem, ParsedFeed, SkippedFeedItem } from './types.js';

/**
 * One feed entry as read, before the rules for what makes a usable FeedItem are applied:
 * `link` and `guid` may still be missing. The format readers (rss, atom, jsonfeed) produce
 * these; `finishFeed` turns them into FeedItems or skipped entries, in one place for all formats.
 */
export interface FeedEntry extends Omit<FeedItem, 'guid' | 'link' | 'title'> {
  index: number;
  guid: string | null;
  link: string | null;
  title: string | null;
}

/** A feed as read by a format reader. */
export interface FeedDraft {
  format: FeedFormat;
  title: string | null;
  link: string | null;
  ttlSeconds: number | null;
  entries: FeedEntry[];
  /** Entries the reader could not read at all (the rest of the feed still flows). */
  unreadable: SkippedFeedItem[];
  /** The next page of an API feed that pages (AP Media API `next_page`). */
  nextPage?: string | null;
}

/**
 * Reads each entry in isolation: one entry that throws (a shape no reader expected) becomes a
 * skipped entry with the reason, and the other entries still flow.
 */
export function readEntries<T>(
  raw: T[],
  read: (item: T, index: number) => FeedEntry,
  describe: (item: T) => { guid: string | null; title: string | null },
): { entries: FeedEntry[]; unreadable: SkippedFeedItem[] } {
  const entries: FeedEntry[] = [];
  const unreadable: SkippedFeedItem[] = [];
  raw.forEach((item, index) => {
    try {
      entries.push(read(item, index));
    } catch (err) {
      let who: { guid: string | null; title: string | null } = { guid: null, title: null };
      try {
        who = describe(item);
      } catch {
        // The description is a courtesy; an entry too broken to describe is still reported.
      }
      unreadable.push({ index, ...who, reason: `could not read entry: ${err instanceof Error ? err.message : String(err)}` });
    }
  });
  return { entries, unreadable };
}

/**
 * Applies the FeedItem rules: an entry needs an absolute link (readers have already fallen back
 * to a URL-shaped guid); the guid falls back to the link; a guid seen earlier in the same feed
 * is a duplicate. Entries that fail are listed in `skipped` with the reason.
 */
export function finishFeed(draft: FeedDraft, repairs: string[]): ParsedFeed {
  const items: FeedItem[] = [];
  const skipped: SkippedFeedItem[] = [...draft.unreadable];
  const seen = new Map<string, number>();
  for (const e of draft.entries) {
    if (!e.link) {
      const why = e.guid ? `its guid "${e.guid}" is not a URL` : 'it has no guid either';
      skipped.push({ index: e.index, guid: e.guid, title: e.title, reason: `no link: the entry has no usable link and ${why}` });
      continue;
    }
    const guid = e.guid ?? e.link;
    const earlier = seen.get(guid);
    if (earlier !== undefined) {
      skipped.push({ index: e.index, guid, title: e.title, reason: `duplicate guid: same as entry ${earlier}` });
      continue;
    }
    seen.set(guid, e.index);
    const { index: _index, ...rest } = e;
    items.push({ ...rest, guid, link: e.link, title: e.title ?? '' });
  }
  skipped.sort((a, b) => a.index - b.index);
  const feed: ParsedFeed = {
    format: draft.format,
    title: draft.title,
    link: draft.link,
    items,
    skipped,
    ttlSeconds: draft.ttlSeconds,
  };
  if (repairs.length) feed.repairs = repairs;
  if (draft.nextPage !== undefined) feed.nextPage = draft.nextPage;
  return feed;
}
