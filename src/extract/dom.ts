/**
 * Parsing and the few DOM helpers every stage shares.
 *
 * Pages are parsed once, with htmlparser2 through `cheerio/slim`: about ten times faster than
 * cheerio's default parse5 path on real news pages (measured on the development corpus), and
 * forgiving of broken markup. It does not build the full HTML5 tree (no foster parenting of
 * misplaced table content), which does not matter for finding paragraphs.
 */
import { load, type CheerioAPI } from 'cheerio/slim';
import type { AnyNode, Element, Text } from 'domhandler';

export type { AnyNode, Element, Text };

export function parseHtml(html: string): CheerioAPI {
  return load(html);
}

export function isElement(node: AnyNode): node is Element {
  // htmlparser2 gives <script> and <style> their own node types.
  return node.type === 'tag' || node.type === 'script' || node.type === 'style';
}

export function isText(node: AnyNode): node is Text {
  return node.type === 'text';
}

/** Elements whose content is never reader-visible text. */
export const NON_CONTENT_TAGS = new Set([
  'script',
  'style',
  'noscript',
  'template',
  'svg',
  'math',
  'iframe',
  'object',
  'embed',
  'canvas',
  'video',
  'audio',
  'source',
  'track',
  'map',
  'input',
  'select',
  'option',
  'optgroup',
  'textarea',
  'button',
  'link',
  'meta',
  'title',
  'base',
  'dialog',
  'rt',
  'rp',
]);

/** Elements that start a new line of text: a paragraph never spans one of their boundaries. */
export const BLOCK_TAGS = new Set([
  'address',
  'article',
  'aside',
  'blockquote',
  'body',
  'caption',
  'center',
  'dd',
  'details',
  'dialog',
  'dir',
  'div',
  'dl',
  'dt',
  'fieldset',
  'figcaption',
  'figure',
  'footer',
  'form',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'header',
  'hgroup',
  'hr',
  'html',
  'li',
  'main',
  'menu',
  'nav',
  'ol',
  'p',
  'pre',
  'section',
  'summary',
  'table',
  'tbody',
  'td',
  'tfoot',
  'th',
  'thead',
  'tr',
  'ul',
  'picture',
]);

/** Inline styles that hide an element, including the "visually hidden" screen-reader pattern. */
const HIDDEN_STYLE =
  /(?:^|;)\s*(?:display\s*:\s*none|visibility\s*:\s*hidden|clip\s*:\s*rect\(\s*0[\s,]+0[\s,]+0[\s,]+0|clip-path\s*:\s*inset\(\s*50%)/i;

/** Class names of the screen-reader-only convention, and the plain hiding utilities. */
const HIDDEN_CLASS =
  /(?:^|\s)(?:sr-only|visually-?hidden|screen-?reader-?(?:text|only)|a11y-?(?:hidden|only)|element-?invisible|hidden|hide|is-hidden|d-none)(?:$|\s)/i;
/** Utility CSS that shows a "hidden" element again at some screen widths ("hidden md:block"). */
const SHOWN_AT_SOME_WIDTH =
  /(?:^|\s)(?:sm|md|lg|xl|2xl):(?:block|flex|inline|inline-block|inline-flex|grid|table)(?:$|\s)|(?:^|\s)d-(?:sm|md|lg|xl)-(?:block|flex|inline)(?:$|\s)/;

/**
 * Whether a reader never sees the element's text. The extractor and the body-untouched check
 * share this definition, so "verbatim page text" means the text a reader sees.
 */
export function isHidden(el: Element): boolean {
  const a = el.attribs;
  if (!a) return false;
  if (a['hidden'] !== undefined) return true;
  if (a['style'] !== undefined && HIDDEN_STYLE.test(a['style'])) return true;
  const cls = a['class'];
  return cls !== undefined && HIDDEN_CLASS.test(cls) && !SHOWN_AT_SOME_WIDTH.test(cls);
}

export function attr(el: Element, name: string): string {
  return el.attribs?.[name] ?? '';
}

/** True when `node` is `ancestor` or lies inside it. */
export function isInside(node: AnyNode, ancestor: AnyNode): boolean {
  for (let n: AnyNode | null = node; n; n = n.parent) if (n === ancestor) return true;
  return false;
}

/** Raw text of a subtree (entities already decoded by the parser), skipping non-content tags. */
export function rawText(node: AnyNode): string {
  if (isText(node)) return node.data;
  if (!isElement(node) || NON_CONTENT_TAGS.has(node.name)) return '';
  let out = '';
  for (const child of node.children) out += rawText(child);
  return out;
}

/** Removes a node from its parent's child list (and fixes sibling links). */
export function detach(node: AnyNode): void {
  const parent = node.parent;
  if (!parent) return;
  const i = parent.children.indexOf(node);
  if (i >= 0) parent.children.splice(i, 1);
  if (node.prev) node.prev.next = node.next;
  if (node.next) node.next.prev = node.prev;
  node.parent = null;
  node.prev = null;
  node.next = null;
}
