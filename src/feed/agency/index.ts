/**
 * The agency stage: NewsML-G2, NewsML 1.x, NITF, ninjs, AP Media API responses and Google News
 * sitemaps -> the same FeedDraft the feed readers produce (see src/feed/parse.ts, which detects
 * them from the content and calls in here).
 */
import { WireError } from '../../errors.js';
import type { FeedDraft } from '../entry.js';
import { nitfEntry } from './nitf.js';
import { readNewsMlG2 } from './newsmlg2.js';
import { readNewsMl1 } from './newsml1.js';
import { readNewsSitemap } from './sitemap.js';
import { parseTree } from './xml.js';

export { readAgencyJson } from './json.js';

/** Root elements (local names) of the agency XML formats. */
export const AGENCY_XML_ROOTS = new Set([
  'newsMessage',
  'newsItem',
  'packageItem',
  'NewsML',
  'NewsItem',
  'nitf',
  'urlset',
  'sitemapindex',
]);

/** Parts of a NewsML-G2 item, the IPTC catalog and XML Schemas: documents that are no item (named in the error). */
const FRAGMENTS: Record<string, string> = {
  contentSet: 'a NewsML-G2 fragment (a contentSet without its newsItem)',
  inlineXML: 'a NewsML-G2 fragment (an inlineXML without its newsItem)',
  itemMeta: 'a NewsML-G2 fragment (an itemMeta without its newsItem)',
  contentMeta: 'a NewsML-G2 fragment (a contentMeta without its newsItem)',
  catalog: 'a NewsML-G2 catalog (vocabularies, not news)',
  schema: 'an XML Schema (not news)',
};

/** The 'not-a-feed' message for an XML root that is part of an agency format but no item; null for other roots. */
export function agencyFragmentMessage(root: string): string | null {
  const what = FRAGMENTS[root.includes(':') ? root.slice(root.indexOf(':') + 1) : root];
  return what ? `expected a feed or an agency item but got ${what}: root element <${root}>` : null;
}

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
      const draft: FeedDraft = {
        format: 'nitf',
        title: null,
        link: null,
        ttlSeconds: null,
        entries: [],
        unreadable: [],
      };
      try {
        draft.entries.push(nitfEntry(root, ctx));
      } catch (err) {
        draft.unreadable.push({
          index: 0,
          guid: null,
          title: null,
          reason: `could not read entry: ${err instanceof Error ? err.message : String(err)}`,
        });
      }
      return draft;
    }
    default:
      throw new WireError(
        'not-a-feed',
        `expected a feed but got an XML document whose root element is <${root.name}>`,
        { url: ctx.url },
      );
  }
}
