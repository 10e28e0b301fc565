import type { Source, WireConfig } from '../config/schema.js';
import { decodeHtml } from '../encoding/decode.js';
import { WireError } from '../errors.js';
import { canonicalizeUrl, extractArticle } from '../extract/index.js';
import type { ArticleMetadata, ExtractedArticle } from '../extract/types.js';
import type { FeedItem } from '../feed/types.js';
import { restyleHeadline } from '../headline/index.js';
import { mergeHeadlineStyles } from '../headline/style.js';
import { buildWireItem } from '../item/build.js';
import type { WireItem } from '../item/schema.js';
import type { Fetcher } from './fetcher.js';

export const PAGE_ACCEPT = 'text/html, application/xhtml+xml;q=0.9, */*;q=0.1';

/** Below this many characters a page body is suspect, and a longer feed body wins. */
export const DEFAULT_MIN_TEXT_LENGTH = 200;

export interface ArticleContext {
  wire: WireConfig;
  fetcher: Fetcher;
  /** Checked before a page is fetched; throws WireError('robots') when the page is disallowed. */
  robots?: { check(url: string): Promise<unknown> } | null;
  now?: () => Date;
}

/** The report's body, from the page or from the feed, with how it was found. */
interface Body {
  article: ExtractedArticle;
  origin: 'page' | 'feed';
}

function feedMetadata(item: FeedItem): ArticleMetadata {
  return {
    canonicalUrl: canonicalizeUrl(item.link),
    title: item.title || null,
    byline: item.author,
    publishedAt: item.publishedAt,
    modifiedAt: item.updatedAt,
    language: null,
    image: item.image,
    siteName: null,
    description: item.summary,
  };
}

/**
 * The feed's own full content as a body. It goes through the same extractor (with the whole fragment as
 * the operator-style selector), so the same verbatim and sanitising rules apply as for pages.
 */
function bodyFromFeed(item: FeedItem): Body | null {
  if (!item.content) return null;
  try {
    const article = extractArticle(`<!doctype html><html><body>${item.content}</body></html>`, {
      url: item.link,
      selector: 'body',
    });
    return { origin: 'feed', article: { ...article, method: 'feed', metadata: feedMetadata(item) } };
  } catch {
    return null;
  }
}

async function bodyFromPage(source: Source, item: FeedItem, ctx: ArticleContext): Promise<Body> {
  await ctx.robots?.check(item.link);
  const res = await ctx.fetcher.fetch(item.link, { accept: PAGE_ACCEPT });
  const html = decodeHtml(res.body, res.headers['content-type'] ?? null);
  const article = extractArticle(html, {
    url: res.finalUrl,
    ...(source.extract.selector ? { selector: source.extract.selector } : {}),
    ...(source.extract.drop ? { drop: source.extract.drop } : {}),
  });
  return { origin: 'page', article };
}

/**
 * Chooses the body: the page, unless the operator said to use the feed, or the page has no article or too
 * little text while the feed carries more (then the item says its body came from the feed).
 */
async function findBody(source: Source, item: FeedItem, ctx: ArticleContext): Promise<Body> {
  if (source.extract.useFeedContent) {
    const fromFeed = bodyFromFeed(item);
    if (!fromFeed) throw new WireError('no-article', 'useFeedContent is set but the feed entry has no content', { url: item.link });
    return fromFeed;
  }
  const minLength = source.extract.minTextLength ?? DEFAULT_MIN_TEXT_LENGTH;
  let page: Body;
  try {
    page = await bodyFromPage(source, item, ctx);
  } catch (err) {
    const fallback = err instanceof WireError && err.kind === 'no-article' ? bodyFromFeed(item) : null;
    if (fallback) return fallback;
    throw err;
  }
  if (page.article.text.length < minLength) {
    const fallback = bodyFromFeed(item);
    if (fallback && fallback.article.text.length > page.article.text.length) return fallback;
  }
  return page;
}

/** One feed entry -> one publish-ready WireItem (version 1; the publish step assigns the real version). */
export async function processArticle(ctx: ArticleContext, source: Source, item: FeedItem): Promise<WireItem> {
  const fetchedAt = (ctx.now ?? (() => new Date()))();
  const { article, origin } = await findBody(source, item, ctx);
  const style = mergeHeadlineStyles(ctx.wire.headline, source.headline);
  const agencyHeadline = item.title || article.metadata.title;
  if (!agencyHeadline) throw new WireError('no-article', 'neither the feed entry nor the page has a headline', { url: item.link });
  const headline = restyleHeadline(agencyHeadline, style, { body: article.text });
  if (!headline.text || !headline.original) {
    throw new WireError('parse', `the headline "${agencyHeadline}" is empty once markup is removed`, { url: item.link });
  }
  return buildWireItem({
    site: { site: ctx.wire.site, section: ctx.wire.section, disclaimer: ctx.wire.disclaimer },
    source: { id: source.id, name: source.name, feedUrl: source.feed },
    feedItem: item,
    body: { paragraphs: article.paragraphs, html: article.html, text: article.text, origin, method: article.method },
    metadata: article.metadata,
    headline,
    fetchedAt,
  });
}
