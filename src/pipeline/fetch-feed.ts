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
export async function fetchFeed(source: Source, fetcher: HttpClient, previous: FeedValidators, opts: { conditionalGet?: boolean } = {}): Promise<FeedFetch> {
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

  // The pipeline acts on the lifecycle: kills and holds (story-lifecycle.ts), embargoes (delayed article jobs).
  const feed = await parseFeed(res.body, { url: res.finalUrl, contentType: res.headers['content-type'] ?? null, agencyLifecycle: true });
  return { kind: 'feed', ...base, refreshHintSeconds: base.refreshHintSeconds ?? feed.ttlSeconds, validators, feed };
}
