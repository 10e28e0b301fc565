/**
 * Reading the chosen container as a sequence of blocks in reading order: paragraphs,
 * subheadings, list items, quotes, captions, images. Each block's text is exactly the page's
 * text of that block, whitespace folded: blocks are never merged, split only where the page
 * itself breaks the line twice (<br><br>), never rewritten.
 */
import { BLOCK_TAGS, isElement, isText, rawText, type AnyNode, type Element } from './dom.js';
import { countChars } from './stats.js';
import { foldWhitespace } from './text.js';
import { absoluteUrl } from './url.js';
import { isCaption } from './hints.js';

export type BlockKind = 'p' | 'heading' | 'li' | 'caption' | 'cell' | 'image';

export interface Block {
  kind: BlockKind;
  /** Heading level (2-6; an h1 inside the body is read as 2), 0 for other kinds. */
  level: number;
  text: string;
  /** Inline markup of the block: allow-listed tags only, links absolute. */
  html: string;
  /** The nearest block element around the text. */
  element: Element;
  /** Enclosing list for list items, blockquote and figure when inside one. */
  list: Element | null;
  quote: Element | null;
  figure: Element | null;
  /** Cells of a data table kept as a table: its row (the tr) and the table. */
  row?: Element;
  table?: Element;
  chars: number;
  linkChars: number;
  /** Image blocks: absolute src and alt text. */
  src?: string;
  alt?: string;
}

interface Context {
  block: Element;
  list: Element | null;
  quote: Element | null;
  figure: Element | null;
  /** Inside a caption (or anywhere in a figure): text there describes an image. */
  caption: boolean;
  /** Inside a short data table that is kept as a table. */
  table?: Element;
  row?: Element;
}

const INLINE_KEEP = new Set(['em', 'strong', 'b', 'i', 'sup', 'sub', 'code', 'u', 's', 'mark', 'q', 'cite', 'small']);
const HEADING = /^h([1-6])$/;

function escapeText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function escapeAttr(text: string): string {
  return escapeText(text).replace(/"/g, '&quot;');
}

function containsBlock(el: Element): boolean {
  for (const child of el.children as AnyNode[]) {
    if (isElement(child) && (BLOCK_TAGS.has(child.name) || child.name === 'img' || containsBlock(child))) return true;
  }
  return false;
}

/** Short data tables (a price list, a spec sheet, a small result table) are kept as tables. */
const SHORT_TABLE_ROWS = 30;
const SHORT_TABLE_CHARS = 3000;

function isShortTable(table: Element): boolean {
  let rows = 0;
  const visit = (el: Element) => {
    for (const child of el.children as AnyNode[]) {
      if (!isElement(child)) continue;
      if (child.name === 'tr') rows++;
      else if (child.name !== 'table') visit(child);
    }
  };
  visit(table);
  return rows > 0 && rows <= SHORT_TABLE_ROWS && countChars(rawText(table)) <= SHORT_TABLE_CHARS;
}

/** A table whose cells hold no prose: no cell reaches 200 characters. */
function isDataTable(table: Element): boolean {
  let prose = false;
  const visit = (el: Element) => {
    for (const child of el.children as AnyNode[]) {
      if (prose || !isElement(child)) continue;
      if (child.name === 'td' || child.name === 'th') {
        if (countChars(rawText(child)) >= 200) prose = true;
      } else {
        visit(child);
      }
    }
  };
  visit(table);
  return !prose;
}

function imageSource(el: Element, base: string): string | null {
  // Lazy-loading pages keep the real source in data-* attributes and a placeholder in src.
  const candidates = [
    el.attribs['data-src'],
    el.attribs['data-original'],
    el.attribs['data-lazy-src'],
    el.attribs['src'],
  ];
  for (const c of candidates) {
    if (!c || c.startsWith('data:')) continue;
    const abs = absoluteUrl(c, base);
    if (abs) return abs;
  }
  const srcset = el.attribs['srcset'] ?? el.attribs['data-srcset'];
  if (srcset) return absoluteUrl(srcset.split(',')[0].trim().split(/\s+/)[0], base);
  return null;
}

/** Two or more <br> inside an inline element. */
function hasBreaks(el: Element): boolean {
  let n = 0;
  const visit = (e: Element): boolean => {
    for (const c of e.children as AnyNode[]) {
      if (!isElement(c)) continue;
      if (c.name === 'br' && ++n >= 2) return true;
      if (visit(c)) return true;
    }
    return false;
  };
  return visit(el);
}

function openWrappers(nodes: AnyNode[]): AnyNode[] {
  return nodes.flatMap((n) =>
    isElement(n) && n.name !== 'a' && hasBreaks(n) ? openWrappers(n.children as AnyNode[]) : [n],
  );
}

export function collectBlocks(container: Element, base: string): Block[] {
  const blocks: Block[] = [];

  const kindOf = (ctx: Context): { kind: BlockKind; level: number } => {
    const name = ctx.block.name;
    if (ctx.caption) return { kind: 'caption', level: 0 };
    const h = HEADING.exec(name);
    if (h) return { kind: 'heading', level: Math.max(2, Number(h[1])) };
    if (name === 'li') return { kind: 'li', level: 0 };
    if (name === 'figcaption' || name === 'caption') return { kind: 'caption', level: 0 };
    if (name === 'td' || name === 'th') return { kind: 'cell', level: 0 };
    return { kind: 'p', level: 0 };
  };

  const flushRun = (nodes: AnyNode[], ctx: Context) => {
    let text = '';
    let html = '';
    let linkChars = 0;
    const walk = (node: AnyNode, inLink: boolean) => {
      if (isText(node)) {
        text += node.data;
        html += escapeText(node.data);
        if (inLink) linkChars += countChars(node.data);
        return;
      }
      if (!isElement(node)) return;
      if (node.name === 'br') {
        text += '\n';
        html += '<br>';
        return;
      }
      if (node.name === 'a') {
        const href = absoluteUrl(node.attribs['href'], base);
        html += href ? `<a href="${escapeAttr(href)}">` : '';
        for (const c of node.children) walk(c, true);
        html += href ? '</a>' : '';
        return;
      }
      const keep = INLINE_KEEP.has(node.name);
      if (keep) html += `<${node.name}>`;
      for (const c of node.children) walk(c, inLink);
      if (keep) html += `</${node.name}>`;
    };
    for (const n of nodes) walk(n, false);
    const folded = foldWhitespace(text);
    if (!folded) return;
    const { kind, level } = kindOf(ctx);
    const block: Block = {
      kind,
      level,
      text: folded,
      html: html.trim(),
      element: ctx.block,
      list: ctx.list,
      quote: ctx.quote,
      figure: ctx.figure,
      chars: countChars(folded),
      linkChars,
    };
    if (kind === 'cell' && ctx.table && ctx.row) {
      block.table = ctx.table;
      block.row = ctx.row;
    }
    blocks.push(block);
  };

  /** A run of inline nodes, split where the page breaks the line twice. */
  const flush = (inlineNodes: AnyNode[], ctx: Context) => {
    if (inlineNodes.length === 0) return;
    // Bare text wrapped in an inline element (<font>, <span>) with <br><br> inside it: the
    // wrapper is opened so that its line breaks split paragraphs too.
    const nodes = inlineNodes.some((n) => isElement(n) && n.name !== 'a' && hasBreaks(n))
      ? openWrappers(inlineNodes)
      : inlineNodes;
    let run: AnyNode[] = [];
    let breaks = 0;
    let pending: AnyNode[] = [];
    for (const node of nodes) {
      if (isElement(node) && node.name === 'br') {
        breaks++;
        pending.push(node);
      } else if (isText(node) && node.data.trim() === '') {
        pending.push(node);
      } else {
        if (breaks >= 2) {
          flushRun(run, ctx);
          run = [];
        } else {
          run.push(...pending);
        }
        pending = [];
        breaks = 0;
        run.push(node);
      }
    }
    flushRun(run, ctx);
  };

  const visit = (el: Element, ctx: Context) => {
    let inline: AnyNode[] = [];
    for (const child of el.children as AnyNode[]) {
      if (isText(child)) {
        inline.push(child);
        continue;
      }
      if (!isElement(child)) continue;
      if (child.name === 'img' || child.name === 'amp-img') {
        // <amp-img> is AMP's image element; its fallback children are not read.
        flush(inline, ctx);
        inline = [];
        const src = imageSource(child, base);
        if (src) {
          blocks.push({
            kind: 'image',
            level: 0,
            text: '',
            html: '',
            element: child,
            list: ctx.list,
            quote: ctx.quote,
            figure: ctx.figure,
            chars: 0,
            linkChars: 0,
            src,
            alt: foldWhitespace(child.attribs['alt'] ?? ''),
          });
        }
      } else if (child.name === 'table' && isDataTable(child)) {
        // Long data tables (results, rankings, listings) read as nonsense cell by cell and are
        // left out; short ones are part of the story and kept as a table. Layout tables, which
        // wrap prose, are read through.
        flush(inline, ctx);
        inline = [];
        if (!ctx.table && !ctx.list && isShortTable(child))
          visit(child, { ...ctx, block: child, table: child, row: undefined });
      } else if (BLOCK_TAGS.has(child.name) || containsBlock(child) || isCaption(child)) {
        flush(inline, ctx);
        inline = [];
        const isBlock = BLOCK_TAGS.has(child.name);
        visit(child, {
          block: isBlock ? child : ctx.block,
          list: child.name === 'ul' || child.name === 'ol' ? child : ctx.list,
          quote: child.name === 'blockquote' ? child : ctx.quote,
          figure: child.name === 'figure' ? child : ctx.figure,
          caption: ctx.caption || child.name === 'figure' || isCaption(child),
          table: ctx.table,
          row: child.name === 'tr' ? child : ctx.row,
        });
      } else {
        inline.push(child);
      }
    }
    flush(inline, ctx);
  };

  visit(container, { block: container, list: null, quote: null, figure: null, caption: false });
  return blocks;
}
