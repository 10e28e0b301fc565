import { createHash } from 'node:crypto';
import type { Source } from '../config/schema.js';
import { WireError } from '../errors.js';
import { parseFeed } from '../feed/index.js';
import { permanentRedirectTarget } from '../fetch/redirects.js';
import type { ParsedFeed } from '../feed/types.js';
import type { FeedValidators } from '../state/health.js';
import type { HttpClient } from '../fetch/types.js';
import { sourceCredentialsFor } from './credentials.js';
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
  | ({
      kind: 'feed';
      feed: ParsedFeed;
      /**
       * Where the next poll starts: the last next-page link (cursor) the agency returned, null when it gave none
       * (the configured URL then). Only for a feed that was read; otherwise the kept one stays.
       */
      nextPage: string | null;
    } & FetchFacts);

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
  maxPages: number,
): Promise<{ feed: ParsedFeed; nextPage: string | null }> {
  const read = new Set([firstUrl]);
  let feed = first;
  let next = first.nextPage ?? null;
  for (let pages = 1; next && pages < maxPages && !read.has(next); pages++) {
    read.add(next);
    const credentials = sourceCredentialsFor(source, next);
    const res = await fetcher.fetch(next, { accept: FEED_ACCEPT, ...(credentials ? { credentials } : {}) });
    const page = await parseFeed(res.body, {
      url: res.finalUrl,
      contentType: res.headers['content-type'] ?? null,
      agencyLifecycle: true,
    });
    if (page.items.length === 0) {
      next = page.nextPage ?? null;
      break;
    }
    const later = new Set(page.items.map((i) => i.guid));
    feed = {
      ...feed,
      items: [...feed.items.filter((i) => !later.has(i.guid)), ...page.items],
      skipped: [...feed.skipped, ...page.skipped],
      nextPage: page.nextPage ?? null,
    };
    next = page.nextPage ?? null;
  }
  // The next page not read yet (bound reached, or the agency's cursor to poll next), else none.
  return { feed, nextPage: next };
}

/** A 4xx answer to a kept next-page link: the cursor is refused (expired, unknown), not the source broken. */
function cursorRefused(err: unknown): err is WireError {
  return err instanceof WireError && err.kind === 'http-status' && (err.status ?? 0) >= 400 && (err.status ?? 0) < 500;
}

/**
 * Fetches and parses one source's feed.
 *
 * Conditional GET with the validators of the last poll; and because some servers send a new ETag for the
 * same bytes, an identical body (by hash) is also treated as "nothing new" without parsing it. A paged API
 * feed starts from `startAt`, the next-page link the last poll kept, when there is one; should that link be
 * refused with a 4xx, `onStartRefused` is told and the configured URL is fetched instead.
 */
export async function fetchFeed(
  source: Source,
  fetcher: HttpClient,
  previous: FeedValidators,
  opts: {
    conditionalGet?: boolean;
    maxPages?: number;
    startAt?: string | null;
    onStartRefused?: (err: WireError) => void;
  } = {},
): Promise<FeedFetch> {
  // The validators belong to the configured URL: a poll starting from a kept next page sends none.
  const request = (url: string) => {
    const headers: Record<string, string> = {};
    if (opts.conditionalGet !== false && url === source.feed) {
      if (previous.etag) headers['if-none-match'] = previous.etag;
      if (previous.lastModified) headers['if-modified-since'] = previous.lastModified;
    }
    const credentials = sourceCredentialsFor(source, url);
    return fetcher.fetch(url, { accept: FEED_ACCEPT, headers, ...(credentials ? { credentials } : {}) });
  };

  let start = opts.startAt ?? source.feed;
  let res;
  try {
    res = await request(start);
  } catch (err) {
    if (start === source.feed || !cursorRefused(err)) throw err;
    opts.onStartRefused?.(err);
    start = source.feed;
    res = await request(start);
  }
  // Only a permanent move of the configured URL tells the operator to edit the config; 302/307 are a
  // server's own business.
  const movedTo = start === source.feed ? permanentRedirectTarget(res.redirects) : null;
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
  const { feed, nextPage } = await followPages(source, fetcher, first, res.finalUrl, opts.maxPages ?? 1);
  return {
    kind: 'feed',
    ...base,
    refreshHintSeconds: base.refreshHintSeconds ?? feed.ttlSeconds,
    validators,
    feed,
    nextPage,
  };
}
