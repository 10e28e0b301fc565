import * as cheerio from 'cheerio';
import { foldAsciiWhitespace } from './text.js';

/** What a response body turned out to be, before any format-specific parsing. */
export type Sniffed =
  | { kind: 'empty' }
  | { kind: 'json' }
  | { kind: 'html' }
  | { kind: 'xml'; root: string | null }
  | { kind: 'text'; start: string };

/** Where a feed document starts: its XML declaration or its root element (junk before it is cut by repair). */
export const FEED_START = /<\?xml\b|<(?:[\w.-]+:)?(?:rss|feed|RDF)(?=[\s>/])/;

const HTML_ROOTS = new Set(['html', 'head', 'body']);
const JSON_TYPES = /\bjson\b|\+json/i;

/**
 * Name of the first element, skipping the XML declaration, processing instructions, comments
 * and a DOCTYPE (with its internal subset). Null when there is no element at all.
 */
export function rootElementName(xml: string): string | null {
  const re = /<\?[\s\S]*?\?>|<!--[\s\S]*?-->|<!DOCTYPE(?:[^[>]*\[[\s\S]*?\]\s*>|[^>]*>)|<([A-Za-z_][\w.:-]*)/gi;
  for (let m = re.exec(xml); m; m = re.exec(xml)) {
    if (m[1]) return m[1];
  }
  return null;
}

/** Local name of an element name (`rdf:RDF` -> `RDF`). */
export function localName(name: string): string {
  const i = name.indexOf(':');
  return i === -1 ? name : name.slice(i + 1);
}

/**
 * Tells JSON, HTML and XML apart by the content, using the Content-Type only to break ties:
 * servers label feeds text/html and pages application/xml often enough that the label alone
 * cannot be trusted either way.
 */
export function sniffDocument(text: string, contentType?: string | null): Sniffed {
  const t = text.replace(/^[\ufeff\s]+/, '');
  if (!t) return { kind: 'empty' };
  const jsonType = JSON_TYPES.test(contentType ?? '');
  // A JSON array of objects is a ninjs list (src/feed/agency); XML and HTML never start with "[{".
  if (t[0] === '{' || /^\[\s*\{/.test(t) || (jsonType && t[0] !== '<')) return { kind: 'json' };

  const firstLt = t.indexOf('<');
  if (firstLt === -1) return { kind: 'text', start: t.slice(0, 60) };
  const first = rootElementName(t.slice(firstLt));
  if (
    /^\s*<!DOCTYPE\s+html\b/i.test(t.slice(firstLt, firstLt + 200)) &&
    !/^(rss|feed|RDF)$/.test(localName(first ?? ''))
  ) {
    return { kind: 'html' };
  }
  if (first && HTML_ROOTS.has(first.toLowerCase())) return { kind: 'html' };

  const start = FEED_START.exec(t);
  if (start) {
    const root = rootElementName(t.slice(start.index));
    if (root && HTML_ROOTS.has(root.toLowerCase())) return { kind: 'html' };
    return { kind: 'xml', root };
  }
  // No feed root anywhere: served as HTML it is a page; otherwise an XML document of some other kind.
  if (/html/i.test(contentType ?? '')) return { kind: 'html' };
  return { kind: 'xml', root: first };
}

/** The <title> of an HTML page, as plain text, for "not a feed" messages. */
export function htmlTitle(html: string): string | null {
  const $ = cheerio.load(html);
  const title = foldAsciiWhitespace($('title').first().text());
  return title || null;
}
