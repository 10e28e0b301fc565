import { z } from 'zod';
import { WireError } from '../errors.js';
import { parseFeedDate } from './dates.js';
import { readEntries, type FeedDraft, type FeedEntry } from './entry.js';
import { isWebUrl, resolveWebUrl } from './links.js';
import { firstImageSrc, plainText, textToHtml } from './text.js';

/**
 * JSON Feed 1.0 and 1.1 (https://jsonfeed.org/version/1.1). rss-parser does not read it.
 *
 * Every field is optional and a field of the wrong type counts as absent (`.catch`), so one odd
 * value (a numeric id, a null title) costs that value, not the item or the feed.
 */
const str = z.string().optional().catch(undefined);
const Author = z.object({ name: str }).optional().catch(undefined);

const JsonFeedItem = z.object({
  id: z
    .union([z.string(), z.number()])
    .transform((v) => String(v))
    .optional()
    .catch(undefined),
  url: str,
  external_url: str,
  title: str,
  content_html: str,
  content_text: str,
  summary: str,
  image: str,
  banner_image: str,
  date_published: str,
  date_modified: str,
  author: Author,
  authors: z.array(Author).optional().catch(undefined),
  tags: z.array(z.unknown()).optional().catch(undefined),
});

const JsonFeed = z.object({
  // Not checked: feeds write "https://jsonfeed.org/version/1.1", "1.0" or nothing; the items array is what counts.
  version: str,
  title: str,
  home_page_url: str,
  feed_url: str,
  items: z.array(z.unknown()),
});

function readItem(raw: unknown, index: number, base: string): FeedEntry {
  const parsed = JsonFeedItem.safeParse(raw);
  if (!parsed.success) throw new Error('item is not an object');
  const it = parsed.data;
  const guid = it.id?.trim() || null;
  const link =
    resolveWebUrl(it.url, base) ??
    resolveWebUrl(it.external_url, base) ??
    (isWebUrl(guid) ? resolveWebUrl(guid, null) : null);
  const content = it.content_html?.trim()
    ? it.content_html.trim()
    : it.content_text?.trim()
      ? textToHtml(it.content_text.trim())
      : null;
  const updated = parseFeedDate(it.date_modified);
  const author = [it.authors?.[0], it.author].map((a) => a?.name && plainText(a.name, 'auto')).find(Boolean) ?? null;
  return {
    index,
    guid,
    link,
    title: plainText(it.title, 'auto'),
    publishedAt: parseFeedDate(it.date_published) ?? updated,
    updatedAt: updated,
    summary: plainText(it.summary, 'text'),
    content,
    author,
    categories: [
      ...new Set(
        (it.tags ?? [])
          .filter((t): t is string => typeof t === 'string')
          .map((t) => t.trim())
          .filter(Boolean),
      ),
    ],
    image:
      resolveWebUrl(it.image, base) ??
      resolveWebUrl(it.banner_image, base) ??
      resolveWebUrl(firstImageSrc(it.content_html ?? null), base),
  };
}

/** Parses JSON Feed text; malformed JSON is a parse error, JSON that is not a JSON Feed is "not a feed". */
export function readJsonFeed(text: string, ctx: { url: string }): FeedDraft {
  let doc: unknown;
  try {
    doc = JSON.parse(text.replace(/^\ufeff/, ''));
  } catch (err) {
    throw new WireError('parse', `JSON Feed is not valid JSON: ${err instanceof Error ? err.message : String(err)}`, {
      url: ctx.url,
      cause: err,
    });
  }
  const parsed = JsonFeed.safeParse(doc);
  if (!parsed.success) {
    const looksLikeJsonFeed =
      typeof doc === 'object' && doc !== null && /jsonfeed\.org/.test(String((doc as { version?: unknown }).version));
    throw new WireError(
      looksLikeJsonFeed ? 'parse' : 'not-a-feed',
      looksLikeJsonFeed
        ? 'JSON Feed has no "items" array'
        : 'expected a feed but got a JSON document that is not a JSON Feed (no "version" and "items")',
      { url: ctx.url },
    );
  }
  const feed = parsed.data;
  const { entries, unreadable } = readEntries(
    feed.items,
    (item, index) => readItem(item, index, ctx.url),
    (item) => {
      const it = JsonFeedItem.safeParse(item);
      return { guid: it.success ? (it.data.id ?? null) : null, title: it.success ? (it.data.title ?? null) : null };
    },
  );
  return {
    format: 'json',
    title: plainText(feed.title, 'auto'),
    link: resolveWebUrl(feed.home_page_url, ctx.url),
    ttlSeconds: null,
    entries,
    unreadable,
  };
}
