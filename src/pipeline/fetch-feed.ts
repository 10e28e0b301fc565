import { createHash } from 'node:crypto';
import type { Source } from '../config/schema.js';
import { credentialHeaders } from '../config/auth.js';
import { parseFeed } from '../feed/index.js';
import { permanentRedirectTarget } from '../fetch/redirects.js';
import type { FeedItem, ParsedFeed } from '../feed/types.js';
import type { FeedValidators } from '../state/health.js';
import type { HttpClient } from '../fetch/types.js';
import { maxAgeSeconds } from './poll-timing.js';

export const FEED_ACCEPT =
  'application/rss+xml, application/atom+xml, application/feed+json, application/rdf+xml, application/xml;q=0.9, text/xml;q=0.9, application/json;q=0.8, */*;q=0.1';

interface FetchFacts {
  status: number;
  fetchMs: number;
  validators: FeedValidators;
  /** The new URL when the feed answered through a permanent redirect. */
  movedTo: string | null;
  /** The server's refresh hint (Cache-Control max-age, else the feed's ttl), in seconds. */
  refreshHintSeconds: number | null;
}

export type FeedFetch =
  | ({ kind: 'not-modified' } & FetchFacts)
  | ({ kind: 'unchanged' } & FetchFacts)
  | ({ kind: 'feed'; feed: ParsedFeed } & FetchFacts);

/**
 * Fetches and parses one source's feed.
 *
 * Conditional GET with the validators of the last poll; and because some servers send a new ETag for the
 * same bytes, an identical body (by hash) is also treated as "nothing new" without parsing it.
 */
/** Agency items still under embargo at `now`, moved to `skipped` with the reason. */
export function holdEmbargoed(feed: ParsedFeed, now: number): ParsedFeed {
  const embargoed = (i: FeedItem) => i.agency?.embargo != null && Date.parse(i.agency.embargo) > now;
  if (!feed.items.some(embargoed)) return feed;
  return {
    ...feed,
    items: feed.items.filter((i) => !embargoed(i)),
    skipped: [
      ...feed.skipped,
      ...feed.items.filter(embargoed).map((i) => ({
        index: -1,
        guid: i.guid,
        title: i.title || null,
        reason: `held back: embargoed until ${i.agency!.embargo} (read again at the first poll after that time)`,
      })),
    ],
  };
}

export async function fetchFeed(source: Source, fetcher: HttpClient, previous: FeedValidators, opts: { conditionalGet?: boolean; now?: () => number } = {}): Promise<FeedFetch> {
  const headers: Record<string, string> = {};
  if (opts.conditionalGet !== false) {
    if (previous.etag) headers['if-none-match'] = previous.etag;
    if (previous.lastModified) headers['if-modified-since'] = previous.lastModified;
  }

  const credentials = credentialHeaders(source);
  const res = await fetcher.fetch(source.feed, { accept: FEED_ACCEPT, headers, ...(source.auth ? { credentials } : {}) });
  // Only a permanent move tells the operator to edit the config; 302/307 are a server's own business.
  const movedTo = permanentRedirectTarget(res.redirects);
  const base = { status: res.status, fetchMs: res.elapsedMs, movedTo, refreshHintSeconds: maxAgeSeconds(res.headers['cache-control']) };

  if (res.status === 304) return { kind: 'not-modified', ...base, validators: previous };

  const bodyHash = createHash('sha256').update(res.body).digest('hex');
  const validators: FeedValidators = {
    etag: res.headers['etag'] ?? null,
    lastModified: res.headers['last-modified'] ?? null,
    bodyHash,
  };
  if (previous.bodyHash === bodyHash) return { kind: 'unchanged', ...base, validators };

  // The pipeline acts on kills and holds (story-lifecycle.ts); embargoes are not scheduled yet, so an item
  // still under embargo is held back here (fail closed) and flows at the first poll after its time.
  const parsed = await parseFeed(res.body, { url: res.finalUrl, contentType: res.headers['content-type'] ?? null, agencyLifecycle: true });
  const feed = holdEmbargoed(parsed, (opts.now ?? Date.now)());
  // With an item held back, the same bytes must be read again later: no validators are kept (no 304, no
  // "same bytes as last time"), so the poll after the embargo parses the feed and the item flows.
  const keep = feed === parsed ? validators : { etag: null, lastModified: null, bodyHash: null };
  return { kind: 'feed', ...base, refreshHintSeconds: base.refreshHintSeconds ?? feed.ttlSeconds, validators: keep, feed };
}
