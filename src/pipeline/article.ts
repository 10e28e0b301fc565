import type { Source, WireConfig } from '../config/schema.js';
import { WireError } from '../errors.js';
import { canonicalizeUrl } from '../extract/index.js';
import type { ArticleMetadata } from '../extract/types.js';
import type { FeedItem } from '../feed/types.js';
import { mergeHeadlineStyles } from '../headline/style.js';
import { buildWireItem } from '../item/build.js';
import type { WireItem } from '../item/schema.js';
import type { HttpClient } from '../fetch/types.js';
import { fetchAgencyBody } from './agency-body.js';
import { readPage, type PageResult, type PageWork } from './page.js';

export const PAGE_ACCEPT = 'text/html, application/xhtml+xml;q=0.9, */*;q=0.1';

export interface ArticleContext {
  wire: WireConfig;
  fetcher: HttpClient;
  /** Checked before a page is fetched; throws WireError('robots') when the page is disallowed. */
  robots?: { check(url: string): Promise<unknown> } | null;
  /** Told how long each page fetch took (for the fetch-duration metric). */
  onPageFetched?: (ms: number) => void;
  /** Reads fetched pages: the article worker's extraction threads; inline (`readPage`) when absent. */
  readPage?: (work: PageWork) => Promise<PageResult> | PageResult;
  now?: () => Date;
}

/** What the feed entry says about the report, for bodies taken from the feed alone. */
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
 * Fetches the page (unless the body comes from the feed alone) and has it read. The extractor falls back to
 * the feed's full content itself when the page has no article or clearly less text than the feed (method
 * "feed"). With `useFeedContent` the page is not fetched at all.
 */
async function readEntry(source: Source, item: FeedItem, ctx: ArticleContext): Promise<PageResult> {
  const feedHtml = item.content ?? undefined;
  const common = {
    feedTitle: item.title || null,
    style: mergeHeadlineStyles(ctx.wire.headline, source.headline),
    ...(feedHtml ? { feedHtml } : {}),
  };
  const read = ctx.readPage ?? readPage;
  // An agency delivered the story in the document, or as a body rendition to download from its own host
  // (AP `renditions.nitf`): that body is the report (sanitised, verbatim), no page is fetched. Its link is
  // often no page at all (the source URL with the agency id as fragment).
  let delivered = item.agency?.body ?? null;
  if (!delivered && item.agency?.bodyUrl) {
    const rendition = await fetchAgencyBody(source, item.agency.bodyUrl, ctx.fetcher);
    ctx.onPageFetched?.(rendition.elapsedMs);
    delivered = rendition.html;
  }
  if (delivered) {
    const page = await read({ ...common, feedHtml: delivered, url: item.link, preferFeed: true });
    return {
      ...page,
      article: {
        ...page.article,
        metadata: { ...feedMetadata(item), canonicalUrl: item.link, language: item.language ?? null },
      },
    };
  }
  if (source.extract.useFeedContent) {
    if (!feedHtml)
      throw new WireError('no-article', 'useFeedContent is set but the feed entry has no content', { url: item.link });
    const page = await read({ ...common, url: item.link, preferFeed: true });
    return { ...page, article: { ...page.article, metadata: feedMetadata(item) } };
  }
  await ctx.robots?.check(item.link);
  const res = await ctx.fetcher.fetch(item.link, { accept: PAGE_ACCEPT });
  ctx.onPageFetched?.(res.elapsedMs);
  return read({
    ...common,
    bytes: res.body,
    contentType: res.headers['content-type'] ?? null,
    url: res.finalUrl,
    ...(source.extract.selector ? { selector: source.extract.selector } : {}),
    ...(source.extract.drop ? { drop: source.extract.drop } : {}),
  });
}

/** A feed entry for a bare page URL (`wire preview`, `wire rules test --url`): no feed says anything about it. */
export function pageEntry(url: string): FeedItem {
  return {
    guid: url,
    link: url,
    title: '',
    publishedAt: null,
    updatedAt: null,
    summary: null,
    content: null,
    author: null,
    categories: [],
    image: null,
  };
}

/** One feed entry -> one publish-ready WireItem (version 1; the publish step assigns the real version). */
export async function processArticle(ctx: ArticleContext, source: Source, item: FeedItem): Promise<WireItem> {
  const fetchedAt = (ctx.now ?? (() => new Date()))();
  const { article, headline } = await readEntry(source, item, ctx);
  const origin = article.method === 'feed' ? 'feed' : 'page';
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
