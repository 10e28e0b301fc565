import * as cheerio from 'cheerio';
import { escapeUTF8 } from 'entities';
import { ALLOWED_ATTRIBUTES, ALLOWED_TAGS, sanitizeFragment } from '../../extract/sanitize.js';
import { isEl, localOf, type XEl, type XNode } from './xml.js';

/**
 * A body delivered in the document (NITF body.content, XHTML, ninjs body_html, plain text) ->
 * safe HTML whose text is the agency's, verbatim. The markup is mapped to the few elements the
 * article sanitiser allows (NITF hl2 -> h2, table rows -> paragraphs, containers -> paragraphs
 * or unwrapped), then passed through that sanitiser (src/extract/sanitize.ts), so no script,
 * style, handler or relative URL reaches downstream, exactly as for extracted pages.
 */

/** Never text of the story: metadata, media references (read as images), scripts. */
const DROP = new Set([
  'script',
  'style',
  'noscript',
  'template',
  'head',
  'title',
  'meta',
  'link',
  'media',
  'media-reference',
  'media-caption',
  'media-producer',
  'media-metadata',
  'tobject',
  'docdata',
  'body.head',
  'body.end',
  'iframe',
  'object',
  'embed',
  'video',
  'audio',
  'source',
  'fn',
  'note',
  // An XHTML body's <header> holds metadata (dpa: slugline keywords, date, genre, a repeated headline).
  'header',
]);
const HEADING: Record<string, string> = {
  hl1: 'h2',
  hl2: 'h2',
  hl3: 'h3',
  h1: 'h2',
  h2: 'h2',
  h3: 'h3',
  h4: 'h4',
  h5: 'h5',
  h6: 'h6',
};
/** Table markup: an agency's tables are agate (results, prices), each row read as one paragraph below. */
const TABLE = new Set(['table', 'thead', 'tbody', 'tfoot', 'tr', 'td', 'th']);
/**
 * Elements kept as they are: the sanitiser's allow-list (src/extract/sanitize.ts, the one list), but for the
 * headings (mapped by HEADING) and the table markup (rows to paragraphs) this reader maps itself.
 */
const KEEP = new Set(ALLOWED_TAGS.filter((t) => !Object.values(HEADING).includes(t) && !TABLE.has(t)));
const VOID = new Set(['br', 'img']);
/** Elements that make their container a block container (which is then unwrapped, not made a paragraph). */
const BLOCKISH = new Set([
  'p',
  'div',
  'section',
  'article',
  'ul',
  'ol',
  'li',
  'blockquote',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'hl1',
  'hl2',
  'hl3',
  'table',
  'tbody',
  'thead',
  'tfoot',
  'tr',
  'block',
  'figure',
  'pre',
  'dl',
  'dt',
  'dd',
  'header',
  'footer',
  'aside',
  'main',
  'body',
  'html',
  'body.content',
  'nitf-table',
  'media',
]);
/** Attributes passed on to the sanitiser, which keeps each only on the elements it allows it for. */
const ATTRS = [...new Set(Object.values(ALLOWED_ATTRIBUTES).flat())];

function escapeAttr(v: string): string {
  return v.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
}

function hasBlockChild(el: XEl): boolean {
  return el.children.some((c) => isEl(c) && (BLOCKISH.has(c.local.toLowerCase()) || hasBlockChild(c)));
}

function render(nodes: XNode[], out: string[]): void {
  for (const n of nodes) {
    if (!isEl(n)) {
      out.push(escapeUTF8(n));
      continue;
    }
    const name = n.local.toLowerCase();
    if (DROP.has(name)) continue;
    if (HEADING[name]) {
      out.push(`<${HEADING[name]}>`);
      render(n.children, out);
      out.push(`</${HEADING[name]}>\n`);
    } else if (name === 'tr') {
      out.push('<p>');
      const cells = n.children.filter(isEl);
      cells.forEach((cell, i) => {
        if (i > 0) out.push(' ');
        render(cell.children, out);
      });
      out.push('</p>\n');
    } else if (KEEP.has(name)) {
      const attrs = ATTRS.filter((a) => n.attrs[a] !== undefined)
        .map((a) => ` ${a}="${escapeAttr(n.attrs[a])}"`)
        .join('');
      if (VOID.has(name)) {
        out.push(`<${name}${attrs}>`);
        continue;
      }
      out.push(`<${name}${attrs}>`);
      render(n.children, out);
      out.push(`</${name}>${BLOCKISH.has(name) ? '\n' : ''}`);
    } else if (BLOCKISH.has(name) || hasBlockChild(n)) {
      if (hasBlockChild(n)) {
        render(n.children, out);
      } else {
        out.push('<p>');
        render(n.children, out);
        out.push('</p>\n');
      }
    } else {
      // An inline element we do not keep (span, NITF person/org/location, chron): its text stays.
      render(n.children, out);
    }
  }
}

/** Sanitised HTML, or null when it holds no text. */
function finish(html: string): string | null {
  const safe = sanitizeFragment(html)
    .replace(/<p>\s*<\/p>\n?/g, '')
    .trim();
  return /[^\s]/.test(safe.replace(/<[^>]*>/g, '')) ? safe : null;
}

/** Body from XML markup (the children of NITF body.content, an XHTML body, inlineXML). */
export function bodyFromXml(nodes: XNode[]): string | null {
  const out: string[] = [];
  render(nodes, out);
  return finish(out.join(''));
}

interface DomNode {
  type: string;
  name?: string;
  data?: string;
  attribs?: Record<string, string>;
  children?: DomNode[];
}

function fromDom(n: DomNode): XNode | null {
  if (n.type === 'text') return n.data ?? '';
  if (n.type === 'tag' || n.type === 'script' || n.type === 'style') {
    const name = n.name ?? '';
    return {
      name,
      local: localOf(name),
      attrs: n.attribs ?? {},
      children: (n.children ?? []).map(fromDom).filter((c): c is XNode => c !== null),
    };
  }
  return null;
}

/** Body from an HTML string (ninjs body_html, AP/PA HTML bodies), read by htmlparser2 through cheerio. */
export function bodyFromHtml(html: string): string | null {
  // XHTML and NITF strings (Reuters bodyXhtml, ninjs NITF bodies) are read as XML: as HTML, a
  // self-closed <title/> would swallow the whole body.
  const xml = /^\s*(?:<\?xml|<html[^>]*\sxmlns=|<nitf\b)/.test(html);
  const $ = xml ? cheerio.load(html, { xml: true }) : cheerio.load(html, null, false);
  const nodes = ($.root()[0].children as unknown as DomNode[]).map(fromDom).filter((c): c is XNode => c !== null);
  return bodyFromXml(nodes);
}

/** Body from plain text: paragraphs at blank lines, or at line ends when there are none. */
export function bodyFromText(text: string): string | null {
  const parts = /\n[ \t]*\n/.test(text) ? text.split(/\r?\n[ \t]*\r?\n/) : text.split(/\r?\n/);
  const paras = parts.map((p) => p.trim()).filter((p) => p !== '');
  if (!paras.length) return null;
  return finish(paras.map((p) => `<p>${escapeUTF8(p)}</p>`).join('\n'));
}

/** Markup that cannot be plain text: an end tag or a line break element. */
const CLEAR_MARKUP = /<\/[A-Za-z][\w.-]*\s*>|<br\s*\/?>/;

/**
 * A body given as a string: HTML when its type says so (html, xhtml, xml, NITF) or when it
 * clearly holds markup whatever its label (ANSA sends <p> in "text/plain"; Fingerpost sends
 * HTML in body_text); plain text otherwise.
 */
export function bodyFromString(value: string, type: string | null): string | null {
  if (/html|xml|nitf/i.test(type ?? '') || CLEAR_MARKUP.test(value)) return bodyFromHtml(value);
  return bodyFromText(value);
}
