import { load } from 'cheerio';
import { decodeHtml } from '../encoding/decode.js';
import { parseFeed } from '../feed/index.js';
import type { FeedFormat } from '../feed/types.js';
import type { HttpClient } from '../fetch/types.js';
import { FEED_ACCEPT } from '../pipeline/fetch-feed.js';
import { slugId, uniqueId } from './ids.js';

export interface DiscoveredFeed {
  url: string;
  format: FeedFormat;
  title: string | null;
  entries: number;
  /** advertised: a <link rel=alternate> on the page; guessed: a common path that answered with a feed */
  how: 'advertised' | 'guessed';
}

const FEED_TYPES = [
  'application/rss+xml',
  'application/atom+xml',
  'application/feed+json',
  'application/json',
  'application/rdf+xml',
  'text/xml',
  'application/xml',
];
const COMMON_PATHS = [
  '/feed',
  '/rss',
  '/rss.xml',
  '/feed.xml',
  '/atom.xml',
  '/index.xml',
  '/feed.json',
  '/feeds/all.atom.xml',
  '/rss/index.xml',
  '/?feed=rss2',
];

/** Feed URLs a page advertises with <link rel="alternate" type="...">, absolute. */
export function advertisedFeeds(html: string, pageUrl: string): string[] {
  const $ = load(html);
  const urls: string[] = [];
  $('link[rel~="alternate"][href], link[rel~="feed"][href]').each((_, el) => {
    const type = ($(el).attr('type') ?? '').toLowerCase().split(';')[0].trim();
    const rel = ($(el).attr('rel') ?? '').toLowerCase().split(/\s+/);
    // rel=alternate also marks translations and print versions: only a feed type makes it a feed.
    // rel=feed says so itself.
    if (type ? !FEED_TYPES.includes(type) : !rel.includes('feed')) return;
    try {
      urls.push(new URL($(el).attr('href')!, pageUrl).href);
    } catch {
      // an unusable href is not a feed
    }
  });
  return [...new Set(urls)];
}

async function tryFeed(fetcher: HttpClient, url: string, how: DiscoveredFeed['how']): Promise<DiscoveredFeed | null> {
  try {
    const res = await fetcher.fetch(url, { accept: FEED_ACCEPT });
    const feed = await parseFeed(res.body, { url: res.finalUrl, contentType: res.headers['content-type'] ?? null });
    return { url: res.finalUrl, format: feed.format, title: feed.title, entries: feed.items.length, how };
  } catch {
    return null;
  }
}

/**
 * `wire sources discover`: the feeds a site advertises, each checked by fetching and parsing it; when it
 * advertises none, the usual paths are tried.
 */
export async function discoverFeeds(fetcher: HttpClient, siteUrl: string): Promise<DiscoveredFeed[]> {
  const page = await fetcher.fetch(siteUrl, { accept: 'text/html, */*;q=0.5' });
  const type = page.headers['content-type'] ?? '';
  if (!/html/i.test(type)) {
    const direct = await tryFeed(fetcher, page.finalUrl, 'advertised');
    if (direct) return [direct];
  }
  const html = decodeHtml(page.body, type || null);
  const advertised = (
    await Promise.all(advertisedFeeds(html, page.finalUrl).map((u) => tryFeed(fetcher, u, 'advertised')))
  ).filter((f): f is DiscoveredFeed => f !== null);
  if (advertised.length) return advertised;
  const guessed = await Promise.all(
    COMMON_PATHS.map((p) => tryFeed(fetcher, new URL(p, page.finalUrl).href, 'guessed')),
  );
  const seen = new Set<string>();
  return guessed.filter((f): f is DiscoveredFeed => f !== null && !seen.has(f.url) && !!seen.add(f.url));
}

/** A discovered feed as a new source, or the id it is already configured under. */
export interface ProposedSource extends DiscoveredFeed {
  /** The id of the configured source that reads this feed; null for a new one. */
  configuredAs: string | null;
  /** The ready sources.yaml entry for a new feed (a fresh id, its title as name); null when configured. */
  entry: { id: string; name: string; feed: string } | null;
}

/**
 * What `wire sources discover` and the console propose for discovered feeds: a feed already configured is
 * named, not proposed a second time under another id; a new one gets a unique id from its title.
 */
export function proposeSources(
  configured: readonly { id: string; feed: string }[],
  feeds: DiscoveredFeed[],
): ProposedSource[] {
  const normal = (u: string) => {
    try {
      return new URL(u).href;
    } catch {
      return u;
    }
  };
  const byFeed = new Map(configured.map((s) => [normal(s.feed), s.id]));
  const taken = new Set(configured.map((s) => s.id));
  return feeds.map((f) => {
    const id = byFeed.get(normal(f.url)) ?? null;
    if (id) return { ...f, configuredAs: id, entry: null };
    const name = f.title ?? new URL(f.url).hostname;
    return { ...f, configuredAs: null, entry: { id: uniqueId(slugId(name), taken), name, feed: f.url } };
  });
}
