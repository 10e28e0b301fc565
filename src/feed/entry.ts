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
      unreadable.push({
        index,
        ...who,
        reason: `could not read entry: ${err instanceof Error ? err.message : String(err)}`,
      });
    }
  });
  return { entries, unreadable };
}

/**
 * Why an agency entry is held back from a caller that does not handle the lifecycle: canceled,
 * withheld, or embargoed until after `now`. Null when it may flow.
 */
function heldBack(e: FeedEntry, now: number): string | null {
  const a = e.agency;
  if (!a) return null;
  let why: string | null = null;
  if (a.pubStatus !== 'usable') why = `the agency marks it ${a.pubStatus}`;
  else if (a.embargo && Date.parse(a.embargo) > now) why = `it is embargoed until ${a.embargo}`;
  return why && `held back: ${why}, and this caller does not handle the agency lifecycle (agencyLifecycle: true)`;
}

/**
 * Applies the FeedItem rules: an entry needs an absolute link (readers have already fallen back
 * to a URL-shaped guid); the guid falls back to the link; a guid seen earlier in the same feed
 * is a duplicate. Entries that fail are listed in `skipped` with the reason. With `holdAt` (a
 * time in ms), agency entries that are canceled, withheld or embargoed past it are skipped too.
 */
export function finishFeed(draft: FeedDraft, repairs: string[], holdAt: number | null = null): ParsedFeed {
  const items: FeedItem[] = [];
  const skipped: SkippedFeedItem[] = [...draft.unreadable];
  const seen = new Map<string, number>();
  for (const e of draft.entries) {
    if (!e.link) {
      const why = e.guid ? `its guid "${e.guid}" is not a URL` : 'it has no guid either';
      skipped.push({
        index: e.index,
        guid: e.guid,
        title: e.title,
        reason: `no link: the entry has no usable link and ${why}`,
      });
      continue;
    }
    const guid = e.guid ?? e.link;
    const earlier = seen.get(guid);
    if (earlier !== undefined) {
      skipped.push({ index: e.index, guid, title: e.title, reason: `duplicate guid: same as entry ${earlier}` });
      continue;
    }
    seen.set(guid, e.index);
    const held = holdAt === null ? null : heldBack(e, holdAt);
    if (held) {
      skipped.push({ index: e.index, guid, title: e.title, reason: held });
      continue;
    }
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
