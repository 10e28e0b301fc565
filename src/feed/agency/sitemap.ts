import { WireError } from '../../errors.js';
import { readEntries, type FeedDraft } from '../entry.js';
import { resolveWebUrl } from '../links.js';
import { clean, readDate } from './common.js';
import { descendants, kid, kids, textOf, type XEl } from './xml.js';

/**
 * Google News sitemaps: <urlset> whose <url>s carry news:news (publication name and language,
 * publication_date, title). Each URL is an ordinary entry: its page is fetched and extracted as
 * for a feed. A <urlset> without any news:news is a plain sitemap and an error, as is a
 * sitemap index.
 */
export function readNewsSitemap(root: XEl, ctx: { url: string }): FeedDraft {
  if (root.local === 'sitemapindex') {
    throw new WireError(
      'not-a-feed',
      `not a news sitemap: a sitemap index listing ${kids(root, 'sitemap').length} sitemaps (give the news sitemap itself)`,
      { url: ctx.url },
    );
  }
  const urls = kids(root, 'url');
  if (!urls.some((u) => kid(u, 'news'))) {
    throw new WireError(
      'not-a-feed',
      `not a news sitemap: the <urlset> lists ${urls.length} URLs but none has news:news (Google News sitemap namespace)`,
      { url: ctx.url },
    );
  }
  const { entries, unreadable } = readEntries(
    urls,
    (u, index) => {
      const news = kid(u, 'news');
      const loc = textOf(kid(u, 'loc'));
      if (!news) throw new Error(`${loc ?? 'the URL'} has no news:news`);
      const publication = kid(news, 'publication');
      const keywords = textOf(kid(news, 'keywords'));
      const image = descendants(u, 'image').find((i) => kid(i, 'loc'));
      return {
        index,
        guid: loc,
        link: resolveWebUrl(loc, ctx.url),
        title: textOf(kid(news, 'title')),
        publishedAt: readDate(textOf(kid(news, 'publication_date'))),
        updatedAt: readDate(textOf(kid(u, 'lastmod'))),
        summary: null,
        content: null,
        author: null,
        categories: keywords
          ? keywords
              .split(',')
              .map((k) => k.trim())
              .filter(Boolean)
          : [],
        image: image ? resolveWebUrl(textOf(kid(image, 'loc')), ctx.url) : null,
        language: clean(textOf(kid(publication, 'language'))),
      };
    },
    (u) => ({ guid: textOf(kid(u, 'loc')), title: textOf(kid(u, 'news', 'title')) }),
  );
  const name = urls.map((u) => textOf(kid(u, 'news', 'publication', 'name'))).find(Boolean) ?? null;
  return { format: 'news-sitemap', title: name, link: null, ttlSeconds: null, entries, unreadable };
}
