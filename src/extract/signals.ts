/**
 * Everything metadata needs from the markup, gathered in one walk over the document (running
 * a CSS selector per meta tag would walk it dozens of times).
 */
import { isElement, rawText, type AnyNode, type Element } from './dom.js';

export interface PageSignals {
  /** <meta> content by lower-cased property / name / itemprop / http-equiv; first non-empty wins. */
  meta: Map<string, string>;
  canonicalHref: string | null;
  htmlLang: string | null;
  titleText: string;
  h1Text: string;
  /** datetime of the first <time datetime>. */
  timeDatetime: string | null;
  /** Text of the first rel=author / itemprop=author element. */
  authorText: string | null;
  jsonLdScripts: string[];
  hasArticleBodyProp: boolean;
}

function authorOf(el: Element): string {
  if (el.attribs['content']) return el.attribs['content'];
  let name: Element | null = null;
  const find = (n: Element) => {
    for (const c of n.children as AnyNode[]) {
      if (name || !isElement(c)) continue;
      if ((c.attribs['itemprop'] ?? '').toLowerCase() === 'name') name = c;
      else find(c);
    }
  };
  find(el);
  return rawText(name ?? el);
}

export function readSignals(root: AnyNode): PageSignals {
  const s: PageSignals = {
    meta: new Map(),
    canonicalHref: null,
    htmlLang: null,
    titleText: '',
    h1Text: '',
    timeDatetime: null,
    authorText: null,
    jsonLdScripts: [],
    hasArticleBodyProp: false,
  };
  let titleSeen = false;
  const visit = (node: AnyNode, inSvg: boolean) => {
    if (!isElement(node)) return;
    const a = node.attribs;
    switch (node.name) {
      case 'meta': {
        const content = a['content']?.trim();
        if (content) {
          for (const key of [a['property'], a['name'], a['itemprop'], a['http-equiv']]) {
            const k = key?.trim().toLowerCase();
            if (k && !s.meta.has(k)) s.meta.set(k, content);
          }
        }
        return;
      }
      case 'link':
        if (!s.canonicalHref && /(?:^|\s)canonical(?:$|\s)/i.test(a['rel'] ?? '') && a['href'])
          s.canonicalHref = a['href'];
        return;
      case 'html':
        s.htmlLang ??= a['lang'] ?? a['xml:lang'] ?? null;
        break;
      case 'title':
        if (!titleSeen && !inSvg) {
          titleSeen = true;
          s.titleText = rawText(node);
        }
        return;
      case 'h1':
        if (!s.h1Text) s.h1Text = rawText(node);
        break;
      case 'time':
        if (!s.timeDatetime && a['datetime']) s.timeDatetime = a['datetime'];
        break;
      case 'script':
        if ((a['type'] ?? '').trim().toLowerCase() === 'application/ld+json') {
          s.jsonLdScripts.push((node.children as AnyNode[]).map((c) => ('data' in c ? String(c.data) : '')).join(''));
        }
        return;
      default:
    }
    const itemprop = a['itemprop']?.toLowerCase();
    if (itemprop === 'articlebody') s.hasArticleBodyProp = true;
    if (!s.authorText && (itemprop === 'author' || /(?:^|\s)author(?:$|\s)/i.test(a['rel'] ?? '')))
      s.authorText = authorOf(node);
    for (const child of node.children as AnyNode[]) visit(child, inSvg || node.name === 'svg');
  };
  for (const child of (root as Element).children as AnyNode[]) visit(child, false);
  return s;
}
