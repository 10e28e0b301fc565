/**
 * Safe HTML of the extracted blocks. The markup is rebuilt from the blocks (so it holds exactly
 * the paragraphs returned, in the same order) and then passed through sanitize-html with a
 * strict allow-list as a second line of defence: no scripts, styles, event handlers, classes or
 * relative / javascript: URLs can reach a downstream page.
 */
import sanitizeHtml from 'sanitize-html';
import type { Block } from './blocks.js';

/**
 * The elements safe HTML may hold: the one list (the agency body reader in src/feed/agency/body.ts keeps
 * these too, mapping only headings and table markup its own way).
 */
export const ALLOWED_TAGS: readonly string[] = [
  'p',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'ul',
  'ol',
  'li',
  'blockquote',
  'figure',
  'figcaption',
  'img',
  'table',
  'tbody',
  'tr',
  'td',
  'a',
  'em',
  'strong',
  'b',
  'i',
  'u',
  's',
  'sup',
  'sub',
  'code',
  'mark',
  'q',
  'cite',
  'small',
  'br',
];

/** The attributes kept, per element (URLs made absolute and checked by scheme). */
export const ALLOWED_ATTRIBUTES: Readonly<Record<string, readonly string[]>> = { a: ['href'], img: ['src', 'alt'] };

const ALLOWED: sanitizeHtml.IOptions = {
  allowedTags: [...ALLOWED_TAGS],
  allowedAttributes: Object.fromEntries(Object.entries(ALLOWED_ATTRIBUTES).map(([tag, attrs]) => [tag, [...attrs]])),
  allowedSchemes: ['http', 'https', 'mailto'],
  allowedSchemesAppliedToAttributes: ['href', 'src'],
  allowProtocolRelative: false,
  disallowedTagsMode: 'discard',
};

function escapeAttr(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
}

export function renderHtml(blocks: readonly Block[]): string {
  const out: string[] = [];
  let quote: Block['quote'] = null;
  let figure: Block['figure'] | 'loose' = null;
  let list: Block['list'] = null;
  const closeList = () => {
    if (list) out.push(list.name === 'ol' ? '</ol>' : '</ul>');
    list = null;
  };
  const closeFigure = () => {
    if (figure) out.push('</figure>');
    figure = null;
  };
  let table: Block['table'] = undefined;
  let row: Block['row'] = undefined;
  const closeTable = () => {
    if (row) out.push('</tr>');
    if (table) out.push('</tbody></table>');
    table = undefined;
    row = undefined;
  };
  const closeQuote = () => {
    if (quote) out.push('</blockquote>');
    quote = null;
  };
  for (const b of blocks) {
    if (table && b.table !== table) closeTable();
    const inFigure = b.kind === 'image' || b.kind === 'caption';
    const wantFigure = inFigure ? (b.figure ?? 'loose') : null;
    if (list && (b.list !== list || inFigure)) closeList();
    if (figure && (figure !== wantFigure || (figure === 'loose' && b.kind === 'image'))) closeFigure();
    if (quote !== b.quote) {
      closeList();
      closeFigure();
      closeQuote();
      if (b.quote) {
        out.push('<blockquote>');
        quote = b.quote;
      }
    }
    if (wantFigure && !figure) {
      out.push('<figure>');
      figure = wantFigure;
    }
    if (b.list && !inFigure && !list) {
      out.push(b.list.name === 'ol' ? '<ol>' : '<ul>');
      list = b.list;
    }
    if (b.table && b.row) {
      if (!table) {
        out.push('<table><tbody>');
        table = b.table;
      }
      if (row !== b.row) {
        if (row) out.push('</tr>');
        out.push('<tr>');
        row = b.row;
      }
      out.push(`<td>${b.html}</td>`);
    } else if (b.kind === 'image') out.push(`<img src="${escapeAttr(b.src ?? '')}" alt="${escapeAttr(b.alt ?? '')}">`);
    else if (b.kind === 'caption') out.push(`<figcaption>${b.html}</figcaption>`);
    else if (b.kind === 'heading') out.push(`<h${b.level}>${b.html}</h${b.level}>`);
    else if (list) out.push(`<li>${b.html}</li>`);
    else out.push(`<p>${b.html}</p>`);
  }
  closeTable();
  closeList();
  closeFigure();
  closeQuote();
  return sanitizeHtml(out.join('\n'), ALLOWED);
}

/** The same allow-list for HTML that arrives whole: an agency body delivered in the document (src/feed/agency). */
export function sanitizeFragment(html: string): string {
  return sanitizeHtml(html, ALLOWED);
}
