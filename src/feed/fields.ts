import { resolveWebUrl, withBase } from './links.js';
import { attrOf, childrenOf, firstText, nodeList, textOf, type XmlNode } from './nodes.js';
import { firstImageSrc, plainText, textToHtml, type TextKind } from './text.js';

/**
 * Field readers shared by the RSS/RDF and Atom readers: text constructs, content, authors,
 * categories and images look alike in both, with the same extension elements (media:, dc:, itunes:).
 */

/**
 * How to read a text element: its `type` attribute (Atom, or type="html" set by repair for markup
 * written straight into an element), Atom 0.3 `mode="escaped"`, else the format's default.
 */
export function kindOf(node: XmlNode | undefined, fallback: TextKind): TextKind {
  const type = attrOf(node, 'type')?.trim().toLowerCase();
  if (type) {
    if (type.includes('html')) return 'html';
    if (type === 'text' || type.startsWith('text/')) return 'text';
  }
  if (attrOf(node, 'mode')?.toLowerCase() === 'escaped') return 'html';
  return fallback;
}

/** Plain text of the first element with text in `value`, read by its type. */
export function textField(value: unknown, fallback: TextKind): string | null {
  const node = nodeList(value).find((n) => textOf(n).trim() !== '');
  return node === undefined ? null : plainText(textOf(node), kindOf(node, fallback));
}

/** HTML of a content element; null when empty or out-of-line (Atom `src`). */
export function contentHtml(value: unknown, fallback: TextKind): string | null {
  for (const node of nodeList(value)) {
    if (attrOf(node, 'src')) continue;
    const text = textOf(node).trim();
    if (!text) continue;
    return kindOf(node, fallback) === 'text' ? textToHtml(text) : text;
  }
  return null;
}

/** The raw HTML source of the first element with text (for finding an image in it). */
export function rawHtml(value: unknown): string | null {
  return firstText(nodeList(value));
}

/**
 * A person: RSS `author` is "email (Name)" or "Name <email>" or either alone; Atom and
 * atom:author carry a <name> child. The name is what a byline needs; a bare email is kept
 * only when nothing else names the author.
 */
export function personName(value: unknown): string | null {
  for (const node of nodeList(value)) {
    const child = firstText(childrenOf(node, 'name')) ?? firstText(childrenOf(node, 'atom:name'));
    if (child) return plainText(child, 'auto');
    const text = textOf(node).trim();
    if (!text) continue;
    const paren = /^\S+@\S+\s*\((.+)\)$/.exec(text);
    if (paren) return plainText(paren[1], 'auto');
    const angle = /^(.+?)\s*<[^>]+@[^>]+>$/.exec(text);
    if (angle) return plainText(angle[1], 'auto');
    return plainText(text, 'auto');
  }
  return null;
}

/** Category names from elements' text or their Atom `term`/`label` attributes, deduplicated. */
export function categoryNames(...values: unknown[]): string[] {
  const out: string[] = [];
  for (const value of values) {
    for (const node of nodeList(value)) {
      const name = plainText(textOf(node).trim() || attrOf(node, 'label') || attrOf(node, 'term') || '', 'auto');
      if (name && !out.includes(name)) out.push(name);
    }
  }
  return out;
}

const IMAGE_EXT = /\.(?:jpe?g|png|gif|webp|avif|bmp|svg)(?:[?#]|$)/i;

function imageNode(node: XmlNode, urlAttr: string): string | null {
  const url = attrOf(node, urlAttr);
  if (!url) return null;
  const type = attrOf(node, 'type') ?? '';
  const medium = attrOf(node, 'medium') ?? '';
  if (medium === 'image' || type.startsWith('image/')) return url;
  if (!medium && !type && IMAGE_EXT.test(url)) return url;
  return null;
}

/** Image sources an item may carry, as raw element lists (absent ones are fine). */
export interface ImageSources {
  enclosures?: unknown;
  mediaContent?: unknown;
  mediaThumbnail?: unknown;
  mediaGroup?: unknown;
  itunesImage?: unknown;
  /** Atom links; rel="enclosure" with an image type counts. */
  links?: unknown;
  /** HTML to take the first <img> from when nothing else names an image. */
  html?: Array<string | null>;
}

/** Absolute URL of the item's image: enclosure, media:*, itunes:image, then the first <img> of its HTML. */
export function imageUrl(src: ImageSources, base: string | null): string | null {
  const candidates: Array<string | null> = [];
  for (const n of nodeList(src.enclosures)) candidates.push(imageNode(n, 'url'));
  for (const n of nodeList(src.mediaContent)) candidates.push(imageNode(n, 'url'));
  for (const n of nodeList(src.mediaThumbnail)) candidates.push(attrOf(n, 'url'));
  for (const g of nodeList(src.mediaGroup)) {
    for (const n of childrenOf(g, 'media:content')) candidates.push(imageNode(n, 'url'));
    for (const n of childrenOf(g, 'media:thumbnail')) candidates.push(attrOf(n, 'url'));
  }
  for (const n of nodeList(src.itunesImage)) candidates.push(attrOf(n, 'href'));
  for (const n of nodeList(src.links)) {
    if (attrOf(n, 'rel') === 'enclosure' && (attrOf(n, 'type') ?? '').startsWith('image/'))
      candidates.push(attrOf(n, 'href'));
  }
  for (const c of candidates) {
    const url = resolveWebUrl(c, base);
    if (url) return url;
  }
  for (const html of src.html ?? []) {
    const url = resolveWebUrl(firstImageSrc(html), base);
    if (url) return url;
  }
  return null;
}

/** xml:base of an element, resolved against the base outside it. */
export function elementBase(base: string | null, node: XmlNode | undefined): string | null {
  return withBase(base, attrOf(node, 'xml:base'));
}
