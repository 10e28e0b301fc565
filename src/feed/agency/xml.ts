import { SaxesParser } from 'saxes';
import { WireError } from '../../errors.js';
import { foldAsciiWhitespace } from '../text.js';

/**
 * Agency XML (NewsML-G2, NewsML 1.2, NITF, news sitemaps) as an ordered element tree.
 *
 * A strict XML parser (saxes, as for OPML), on the same repaired text as the feed stage's (src/feed/repair.ts: DOCTYPE removed, HTML entities made numeric, bare `&`
 * escaped), but kept in document order with mixed content: bodies (NITF, XHTML) are markup,
 * and xml2js's object shape loses the order of text and elements.
 */
export interface XEl {
  /** Name as written, prefix included (`ns0:newsItem`). */
  name: string;
  /** Name without its prefix (`newsItem`). */
  local: string;
  attrs: Record<string, string>;
  children: XNode[];
}
export type XNode = XEl | string;

export function localOf(name: string): string {
  const i = name.indexOf(':');
  return i === -1 ? name : name.slice(i + 1);
}

/** Parses well-formed XML into its root element; malformed XML is WireError('parse') with the line. */
export function parseTree(xml: string, ctx: { url: string; lineOffset: number }): XEl {
  const parser = new SaxesParser({ xmlns: false, position: true });
  const stack: XEl[] = [];
  let root: XEl | null = null;
  let failure: Error | null = null;
  parser.on('error', (err) => {
    failure ??= err; // the first error says where the document went wrong; the rest follow from it
  });
  parser.on('opentag', (tag) => {
    const el: XEl = { name: tag.name, local: localOf(tag.name), attrs: tag.attributes, children: [] };
    const parent = stack[stack.length - 1];
    if (parent) parent.children.push(el);
    else root ??= el;
    stack.push(el);
  });
  parser.on('closetag', () => {
    stack.pop();
  });
  const onText = (text: string) => {
    const parent = stack[stack.length - 1];
    if (parent) parent.children.push(text);
  };
  parser.on('text', onText);
  parser.on('cdata', onText);
  parser.write(xml).close();
  if (failure) {
    const e: Error = failure;
    const m = /^(?:[^:]*:)?(\d+):(\d+): (.*)$/s.exec(e.message);
    const where = m ? ` at line ${Number(m[1]) + ctx.lineOffset}, column ${m[2]}: ${m[3]}` : `: ${e.message}`;
    throw new WireError('parse', `agency XML is not well-formed${where}`, { url: ctx.url, cause: e });
  }
  if (!root) throw new WireError('parse', 'agency XML has no root element', { url: ctx.url });
  return root;
}

export function isEl(n: XNode | undefined | null): n is XEl {
  return typeof n === 'object' && n !== null;
}

/** Child elements with one of the local names (all children when none given). */
export function kids(el: XEl | null | undefined, ...locals: string[]): XEl[] {
  if (!el) return [];
  return el.children.filter((c): c is XEl => isEl(c) && (locals.length === 0 || locals.includes(c.local)));
}

/** The first child element along a path of local names (`kid(item, 'itemMeta', 'pubStatus')`). */
export function kid(el: XEl | null | undefined, ...path: string[]): XEl | null {
  let cur: XEl | null | undefined = el;
  for (const step of path) {
    cur = kids(cur, step)[0];
    if (!cur) return null;
  }
  return cur ?? null;
}

/** Every descendant element with the local name, in document order. */
export function descendants(el: XEl | null | undefined, local: string): XEl[] {
  const out: XEl[] = [];
  const walk = (e: XEl) => {
    for (const c of e.children) {
      if (!isEl(c)) continue;
      if (c.local === local) out.push(c);
      walk(c);
    }
  };
  if (el) walk(el);
  return out;
}

/** All text under an element, as written (not folded). */
export function rawText(el: XEl | null | undefined): string {
  if (!el) return '';
  return el.children.map((c) => (isEl(c) ? rawText(c) : c)).join('');
}

/** Folded text of an element, or null when empty. */
export function textOf(el: XEl | null | undefined): string | null {
  const t = foldAsciiWhitespace(rawText(el));
  return t === '' ? null : t;
}

/** An attribute by exact name, else by local name (`ns1:msgType` found as `msgType`). */
export function attr(el: XEl | null | undefined, name: string): string | null {
  if (!el) return null;
  if (el.attrs[name] !== undefined) return el.attrs[name];
  for (const [k, v] of Object.entries(el.attrs)) if (localOf(k) === name) return v;
  return null;
}

/** Folded attribute value, or null when absent or blank. */
export function attrText(el: XEl | null | undefined, name: string): string | null {
  const v = attr(el, name);
  if (v === null) return null;
  const t = foldAsciiWhitespace(v);
  return t === '' ? null : t;
}

/** Text of an element with its child elements kept apart by a space (`By X<byttl>AP Writer</byttl>` -> "By X AP Writer"). */
export function spacedText(el: XEl | null | undefined): string | null {
  if (!el) return null;
  const parts = el.children.map((c) => (isEl(c) ? ` ${spacedText(c) ?? ''} ` : c));
  const t = foldAsciiWhitespace(parts.join('')).replace(/ ([,.;:])/g, '$1');
  return t === '' ? null : t;
}
