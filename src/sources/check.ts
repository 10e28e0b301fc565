import type { LoadedConfig, Source } from '../config/schema.js';
import type { AgencyFields, FeedFormat } from '../feed/types.js';
import type { HttpClient } from '../fetch/types.js';
import type { WireItem } from '../item/schema.js';
import { processArticle } from '../pipeline/article.js';
import { fetchFeed } from '../pipeline/fetch-feed.js';

/** The lifecycle fields of an agency entry, as `sources check` shows them. */
export function lifecycleFields(a: AgencyFields) {
  return {
    format: a.format,
    id: a.id,
    version: a.version,
    pubStatus: a.pubStatus,
    embargo: a.embargo,
    embargoReading: a.embargoReading,
    urgency: a.urgency,
    signals: a.signals,
    editorialNote: a.editorialNote,
    credit: a.credit,
    copyright: a.copyright,
    usageTerms: a.usageTerms,
    images: a.images.length,
    body: a.body !== null,
    /** The body is a rendition to download (AP `renditions.nitf`), fetched like the feed. */
    bodyRendition: a.body === null && a.bodyUrl !== null,
  };
}
export type LifecycleFields = ReturnType<typeof lifecycleFields>;

/** One feed entry as it will be published (the item), or why it cannot be. */
export interface CheckedEntry {
  link: string;
  agency: LifecycleFields | null;
  /** The item as the pipeline builds it (null for an agency kill or hold, which carries no report). */
  item: WireItem | null;
  error: string | null;
}

export type SourceCheck =
  | { id: string; name: string; feed: string; ok: false; error: string }
  | {
      id: string;
      name: string;
      feed: string;
      ok: true;
      format: FeedFormat;
      title: string | null;
      entries: number;
      movedTo: string | null;
      unusable: { guid: string | null; index: number; reason: string }[];
      items: CheckedEntry[];
    };

const NO_VALIDATORS = { etag: null, lastModified: null, bodyHash: null };

/**
 * What `wire sources check` and the console's Check run: the feed fetched live (no validators), and its
 * first `limit` entries through extraction and house style. Needs no Redis and queues nothing.
 */
export async function checkSource(
  ctx: { wire: LoadedConfig['wire']; fetcher: HttpClient },
  source: Source,
  limit: number,
): Promise<SourceCheck> {
  const head = { id: source.id, name: source.name, feed: source.feed };
  let fetched;
  try {
    fetched = await fetchFeed(source, ctx.fetcher, NO_VALIDATORS);
  } catch (err) {
    return { ...head, ok: false, error: (err as Error).message };
  }
  if (fetched.kind !== 'feed') return { ...head, ok: false, error: `the feed answered ${fetched.kind}` };
  const { feed } = fetched;
  const items: CheckedEntry[] = [];
  for (const entry of feed.items.slice(0, limit)) {
    const agency = entry.agency ? lifecycleFields(entry.agency) : null;
    if (entry.agency && entry.agency.pubStatus !== 'usable') {
      // A kill or hold carries no report to read: its lifecycle is what matters.
      items.push({ link: entry.link, agency, item: null, error: null });
      continue;
    }
    try {
      const item = await processArticle({ wire: ctx.wire, fetcher: ctx.fetcher }, source, entry);
      items.push({ link: entry.link, agency, item, error: null });
    } catch (err) {
      items.push({ link: entry.link, agency, item: null, error: (err as Error).message });
    }
  }
  return {
    ...head,
    ok: true,
    format: feed.format,
    title: feed.title ?? null,
    entries: feed.items.length,
    movedTo: fetched.movedTo ?? null,
    unusable: feed.skipped.map((s) => ({ guid: s.guid ?? null, index: s.index, reason: s.reason })),
    items,
  };
}
