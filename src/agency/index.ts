/**
 * The agency stage: NewsML-G2, NewsML 1.x, NITF, ninjs, AP Media API responses and Google News
 * sitemaps -> the same FeedDraft the feed readers produce (see src/feed/parse.ts, which detects
 * them from the content and calls in here).
 */
import { WireError } from '../errors.js';
import type { FeedDraft } from '../feed/entry.js';
import { nitfEntry } from './nitf.js';
import { readNewsMlG2 } from './newsmlg2.js';
import { readNewsMl1 } from './newsml1.js';
import { readNewsSitemap } from './sitemap.js';
import { parseTree } from './xml.js';

export { readAgencyJson } from './json.js';

/** Root elements (local names) of the agency XML formats. */
export const AGENCY_XML_ROOTS = new Set(['newsMessage', 'newsItem', 'packageItem', 'NewsML', 'NewsItem', 'nitf', 'urlset', 'sitemapindex']);

/** Repaired agency XML -> FeedDraft; throws WireError ('parse', 'not-a-feed'). */
export function readAgencyXml(xml: string, ctx: { url: string; lineOffset: number }): FeedDraft {
  const root = parseTree(xml, ctx);
  switch (root.local) {
    case 'newsMessage':
    case 'newsItem':
    case 'packageItem':
      return readNewsMlG2(root, ctx);
    case 'NewsML':
    case 'NewsItem':
      return readNewsMl1(root, ctx);
    case 'urlset':
    case 'sitemapindex':
      return readNewsSitemap(root, ctx);
    case 'nitf': {
      const draft: FeedDraft = { format: 'nitf', title: null, link: null, ttlSeconds: null, entries: [], unreadable: [] };
      try {
        draft.entries.push(nitfEntry(root, ctx));
      } catch (err) {
        draft.unreadable.push({ index: 0, guid: null, title: null, reason: `could not read entry: ${err instanceof Error ? err.message : String(err)}` });
      }
      return draft;
    }
    default:
      throw new WireError('not-a-feed', `expected a feed but got an XML document whose root element is <${root.name}>`, { url: ctx.url });
  }
}
