/**
 * Article metadata from the signals news pages give for free, strongest first:
 * JSON-LD article object, Open Graph / article:* / twitter meta, then the markup itself.
 */
import type { ArticleMetadata } from './types.js';
import { articleObjects, imageUrl, personNames, str, type JsonObject } from './jsonld.js';
import { toIsoWithOffset } from './dates.js';
import { absoluteUrl, canonicalizeUrl } from './url.js';
import { foldWhitespace } from './text.js';
import type { PageSignals } from './signals.js';

/** Content of the first <meta> whose property, name or itemprop is one of `keys`, in key order. */
function meta(page: PageSignals, ...keys: string[]): string | null {
  for (const key of keys) {
    const value = page.meta.get(key);
    if (value) return value;
  }
  return null;
}

function firstText(...values: Array<string | null | undefined>): string | null {
  for (const v of values) {
    const folded = v ? foldWhitespace(v) : '';
    if (folded) return folded;
  }
  return null;
}

function canonical(page: PageSignals, url: string): string {
  const candidates = [page.canonicalHref, meta(page, 'og:url')];
  for (const c of candidates) {
    const abs = absoluteUrl(c, url);
    if (abs) return canonicalizeUrl(abs);
  }
  return canonicalizeUrl(url);
}

function language(page: PageSignals, article: JsonObject | undefined): string | null {
  const fromMeta = meta(page, 'content-language', 'language', 'dc.language');
  const raw = firstText(page.htmlLang, fromMeta, str(article?.['inLanguage']), meta(page, 'og:locale'));
  if (!raw) return null;
  // BCP 47 uses hyphens; og:locale writes en_US. A comma list ("en, fr") keeps its first entry.
  const tag = raw.split(/[,;\s]/)[0].replace(/_/g, '-');
  return /^[a-z]{2,3}(-[a-z0-9]{2,8})*$/i.test(tag) ? tag : null;
}

function byline(page: PageSignals, article: JsonObject | undefined): string | null {
  const names = [...new Set(personNames(article?.['author'] ?? article?.['creator']))];
  if (names.length) return names.join(', ');
  const metaAuthor = meta(page, 'author', 'article:author', 'parsely-author', 'sailthru.author', 'dc.creator');
  if (metaAuthor && !/^https?:/i.test(metaAuthor)) return foldWhitespace(metaAuthor);
  const text = foldWhitespace(page.authorText ?? '');
  return text && text.length < 120 ? text : null;
}

/** Title without the " | Site Name" tail that <title> usually carries. */
function stripSiteName(title: string, siteName: string | null): string {
  if (!siteName) return title;
  const parts = title.split(/\s+[|–—-]\s+/);
  if (parts.length > 1 && parts[parts.length - 1].toLowerCase() === siteName.toLowerCase()) {
    return parts.slice(0, -1).join(' - ');
  }
  return title;
}

export function extractMetadata(page: PageSignals, url: string, jsonLd: JsonObject[]): ArticleMetadata {
  const article = articleObjects(jsonLd)[0];
  const publisher = article?.['publisher'];
  const siteName = firstText(
    meta(page, 'og:site_name', 'application-name'),
    typeof publisher === 'object' && publisher !== null ? str((publisher as JsonObject)['name']) : null,
  );
  const title = firstText(
    str(article?.['headline']),
    meta(page, 'og:title', 'twitter:title'),
    page.h1Text,
    stripSiteName(foldWhitespace(page.titleText), siteName),
  );
  const published = firstText(
    str(article?.['datePublished']),
    meta(
      page,
      'article:published_time',
      'datePublished',
      'og:published_time',
      'pubdate',
      'publishdate',
      'date',
      'dc.date',
      'dc.date.issued',
      'sailthru.date',
      'parsely-pub-date',
    ),
    page.timeDatetime,
  );
  const modified = firstText(
    str(article?.['dateModified']),
    meta(page, 'article:modified_time', 'dateModified', 'og:updated_time', 'last-modified'),
  );
  const image = absoluteUrl(
    imageUrl(article?.['image']) ??
      meta(page, 'og:image', 'og:image:url', 'og:image:secure_url', 'twitter:image', 'twitter:image:src'),
    url,
  );
  return {
    canonicalUrl: canonical(page, url),
    title,
    byline: byline(page, article),
    publishedAt: toIsoWithOffset(published),
    modifiedAt: toIsoWithOffset(modified),
    language: language(page, article),
    image,
    siteName,
    description: firstText(
      meta(page, 'og:description', 'description', 'twitter:description'),
      str(article?.['description']),
    ),
  };
}

/** Every description the page gives of itself: the standfirst is usually one of them. */
export function descriptions(page: PageSignals, jsonLd: JsonObject[]): string[] {
  const out: string[] = [];
  for (const key of ['description', 'og:description', 'twitter:description']) {
    const value = meta(page, key);
    if (value) out.push(value);
  }
  for (const article of articleObjects(jsonLd)) {
    for (const key of ['description', 'alternativeHeadline', 'abstract']) {
      const value = str(article[key]);
      if (value) out.push(value);
    }
  }
  return out;
}
