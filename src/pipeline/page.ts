import { decodeHtml } from '../encoding/decode.js';
import { WireError } from '../errors.js';
import { extractArticle } from '../extract/index.js';
import type { ExtractedArticle } from '../extract/types.js';
import { restyleHeadline } from '../headline/index.js';
import type { HeadlineStyle, RestyledHeadline } from '../headline/style.js';

/**
 * The CPU-heavy part of an article job, as one pure function of plain data: decode the page bytes, extract
 * the report, restyle its headline. Plain data in and out, so it runs the same inline or on an extraction
 * thread (page-threads.ts), which receives a PageWork by message and answers with a PageResult.
 */
export interface PageWork {
  /** The page as fetched; absent when the body comes from the feed alone (`preferFeed`). Sent to a thread, it moves there. */
  bytes?: Uint8Array;
  contentType?: string | null;
  /** The page's final URL (or the entry's link). */
  url: string;
  selector?: string;
  drop?: string[];
  feedHtml?: string;
  preferFeed?: boolean;
  /** The feed entry's title: the agency headline, else the page's own title is used. */
  feedTitle: string | null;
  style: HeadlineStyle;
}

export interface PageResult {
  article: ExtractedArticle;
  headline: RestyledHeadline;
}

export function readPage(work: PageWork): PageResult {
  const html = work.bytes ? decodeHtml(work.bytes, work.contentType ?? null) : '';
  const article = extractArticle(html, {
    url: work.url,
    ...(work.selector ? { selector: work.selector } : {}),
    ...(work.drop ? { drop: work.drop } : {}),
    ...(work.feedHtml ? { feedHtml: work.feedHtml } : {}),
    ...(work.preferFeed ? { preferFeed: true } : {}),
  });
  const agencyHeadline = work.feedTitle || article.metadata.title;
  if (!agencyHeadline)
    throw new WireError('no-article', 'neither the feed entry nor the page has a headline', { url: work.url });
  const headline = restyleHeadline(agencyHeadline, work.style, { body: article.text });
  if (!headline.text || !headline.original) {
    throw new WireError('parse', `the headline "${agencyHeadline}" is empty once markup is removed`, { url: work.url });
  }
  return { article, headline };
}
