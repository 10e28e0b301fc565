import { createHash } from 'node:crypto';
import type { Source } from '../config/schema.js';
import { credentialHeaders } from '../config/auth.js';
import { parseFeed } from '../feed/index.js';
import { permanentRedirectTarget } from '../fetch/redirects.js';
import type { ParsedFeed } from '../feed/types.js';
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
/**
 * Follows an API feed's next page (AP Media API `next_page`) until caught up: no next page, a page with no
 * entries, a page already read, or `maxPages` pages in all (the rest waits for the next poll). Entries are
 * merged in page order, a later copy of an id replacing an earlier one. Credentials go with a page only on
 * the feed's own host.
 */
async function followPages(
  source: Source,
  fetcher: HttpClient,
  first: ParsedFeed,
  firstUrl: string,
  credentials: Record<string, string>,
  maxPages: number,
): Promise<ParsedFeed> {
  const own = new URL(source.feed).host;
  const read = new Set([firstUrl]);
  let feed = first;
  let next = first.nextPage ?? null;
  for (let pages = 1; next && pages < maxPages && !read.has(next); pages++) {
    read.add(next);
    const sameHost = new URL(next).host === own;
    const res = await fetcher.fetch(next, { accept: FEED_ACCEPT, ...(source.auth && sameHost ? { credentials } : {}) });
    const page = await parseFeed(res.body, {
      url: res.finalUrl,
      contentType: res.headers['content-type'] ?? null,
      agencyLifecycle: true,
    });
    if (page.items.length === 0) break;
    const later = new Set(page.items.map((i) => i.guid));
    feed = {
      ...feed,
      items: [...feed.items.filter((i) => !later.has(i.guid)), ...page.items],
      skipped: [...feed.skipped, ...page.skipped],
      nextPage: page.nextPage ?? null,
    };
    next = page.nextPage ?? null;
  }
  return feed;
}

export async function fetchFeed(
  source: Source,
  fetcher: HttpClient,
  previous: FeedValidators,
  opts: { conditionalGet?: boolean; maxPages?: number } = {},
): Promise<FeedFetch> {
  const headers: Record<string, string> = {};
  if (opts.conditionalGet !== false) {
    if (previous.etag) headers['if-none-match'] = previous.etag;
    if (previous.lastModified) headers['if-modified-since'] = previous.lastModified;
  }

  const credentials = credentialHeaders(source);
  const res = await fetcher.fetch(source.feed, {
    accept: FEED_ACCEPT,
    headers,
    ...(source.auth ? { credentials } : {}),
  });
  // Only a permanent move tells the operator to edit the config; 302/307 are a server's own business.
  const movedTo = permanentRedirectTarget(res.redirects);
  const base = {
    status: res.status,
    fetchMs: res.elapsedMs,
    movedTo,
    refreshHintSeconds: maxAgeSeconds(res.headers['cache-control']),
  };

  if (res.status === 304) return { kind: 'not-modified', ...base, validators: previous };

  const bodyHash = createHash('sha256').update(res.body).digest('hex');
  const validators: FeedValidators = {
    etag: res.headers['etag'] ?? null,
    lastModified: res.headers['last-modified'] ?? null,
    bodyHash,
  };
  if (previous.bodyHash === bodyHash) return { kind: 'unchanged', ...base, validators };

  // The pipeline acts on the lifecycle: kills and holds (story-lifecycle.ts), embargoes (delayed article jobs).
  const first = await parseFeed(res.body, {
    url: res.finalUrl,
    contentType: res.headers['content-type'] ?? null,
    agencyLifecycle: true,
  });
  const feed = await followPages(source, fetcher, first, res.finalUrl, credentials, opts.maxPages ?? 1);
  return { kind: 'feed', ...base, refreshHintSeconds: base.refreshHintSeconds ?? feed.ttlSeconds, validators, feed };
}
