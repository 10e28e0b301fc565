/**
 * JSON-LD (schema.org) reading: the article object news pages embed for search engines.
 * It names the headline, dates, authors and image reliably, and sometimes the whole body.
 */
import { decodeHTML } from 'entities';
import type { BodyOracle } from './stats.js';

export type JsonObject = Record<string, unknown>;

const ARTICLE_TYPES = new Set([
  'article',
  'newsarticle',
  'reportagenewsarticle',
  'analysisnewsarticle',
  'opinionnewsarticle',
  'reviewnewsarticle',
  'backgroundnewsarticle',
  'askpublicnewsarticle',
  'blogposting',
  'socialmediaposting',
  'liveblogposting',
  'scholarlyarticle',
  'techarticle',
  'report',
  'review',
]);

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function types(obj: JsonObject): string[] {
  const t = obj['@type'];
  const list = Array.isArray(t) ? t : [t];
  return list.filter((x): x is string => typeof x === 'string').map((x) => x.toLowerCase().replace(/^.*[/:]/, ''));
}

/** Every object in the page's JSON-LD blocks, @graph and arrays flattened, nesting kept. */
export function readJsonLd(scripts: readonly string[]): JsonObject[] {
  const out: JsonObject[] = [];
  const visit = (value: unknown, depth: number) => {
    if (depth > 6) return;
    if (Array.isArray(value)) {
      for (const v of value) visit(v, depth + 1);
    } else if (isObject(value)) {
      out.push(value);
      if (value['@graph'] !== undefined) visit(value['@graph'], depth + 1);
      // Articles are sometimes nested (WebPage.mainEntity, ItemList.itemListElement).
      for (const key of ['mainEntity', 'mainEntityOfPage', 'itemListElement', 'item']) {
        if (isObject(value[key]) || Array.isArray(value[key])) visit(value[key], depth + 1);
      }
    }
  };
  for (const script of scripts) {
    const raw = script.trim();
    if (!raw) continue;
    try {
      visit(JSON.parse(raw), 0);
    } catch {
      // Publishers ship JSON-LD with raw control characters; strip them and try once more.
      try {
        visit(JSON.parse(raw.replace(/[\u0000-\u001f]+/g, ' ')), 0);
      } catch {
        /* unreadable block: other signals still work */
      }
    }
  }
  return out;
}

/** The article objects, the one with the longest body first. */
export function articleObjects(objects: JsonObject[]): JsonObject[] {
  return objects
    .filter((o) => types(o).some((t) => ARTICLE_TYPES.has(t)))
    .sort((a, b) => str(b['articleBody']).length - str(a['articleBody']).length);
}

export function articleBodies(objects: JsonObject[]): string[] {
  return articleObjects(objects)
    .map((o) => decodeBody(str(o['articleBody'])))
    .filter((b) => b.trim().length > 0);
}

const ENTITY = /&(?:[a-z][a-z0-9]{1,31}|#\d{1,7}|#x[0-9a-f]{1,6});/i;

/**
 * A plain-text articleBody written with HTML entities ("organiza&ccedil;&atilde;o", or markup
 * escaped as "&lt;p&gt;") is decoded once: a JSON string is data, not HTML, so its entities are
 * the CMS's encoding, not the article's text. A body that is HTML already is left to the parser.
 */
function decodeBody(body: string): string {
  return !bodyIsHtml(body) && ENTITY.test(body) ? decodeHTML(body) : body;
}

export function str(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

/** Names from a schema.org author/creator value: a string, a Person/Organization, or a list. */
export function personNames(value: unknown): string[] {
  if (typeof value === 'string') return value.trim() && !/^https?:/.test(value) ? [value.trim()] : [];
  if (Array.isArray(value)) return value.flatMap(personNames);
  if (isObject(value)) return personNames(value['name']);
  return [];
}

/** URL from a schema.org image value: a string, an ImageObject, or a list (first wins). */
export function imageUrl(value: unknown): string | null {
  if (typeof value === 'string') return value.trim() || null;
  if (Array.isArray(value)) {
    for (const v of value) {
      const url = imageUrl(v);
      if (url) return url;
    }
    return null;
  }
  if (isObject(value)) return imageUrl(value['url'] ?? value['contentUrl']);
  return null;
}

/** Whether the page says the article sits behind a paywall. */
export function isPaywalled(objects: JsonObject[]): boolean {
  return articleObjects(objects).some((o) => {
    const free = o['isAccessibleForFree'];
    return free === false || (typeof free === 'string' && free.toLowerCase() === 'false');
  });
}

function normalizeForMatch(text: string): string {
  return text.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');
}

/** Recognises units whose text appears in the JSON-LD articleBody. */
export function bodyOracle(body: string): BodyOracle {
  const haystack = normalizeForMatch(body);
  return (unit) => {
    const needle = normalizeForMatch(unit);
    if (needle.length < 20) return false;
    // A 60-character probe from the middle tolerates differences at the edges (datelines,
    // trailing "Advertisement") between the page and the JSON copy.
    const start = Math.max(0, Math.floor(needle.length / 2) - 30);
    return haystack.includes(needle.slice(start, start + 60));
  };
}

/** Some CMSs put markup in articleBody ("<p>One</p><p>Two</p>"): it is then read as HTML. */
export function bodyIsHtml(body: string): boolean {
  return /<\/?(?:p|br|div|h[1-6]|ul|ol|li|blockquote|em|strong|a)\b[^>]*>/i.test(body);
}
