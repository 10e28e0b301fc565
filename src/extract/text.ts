/**
 * Whitespace folding and the body-untouched check.
 *
 * Folding is the only change ever made to page text: runs of whitespace (including no-break
 * spaces and line breaks) become one space, ends are trimmed. Everything else is kept as the
 * page has it, so a paragraph can always be found again in the page.
 */
import { BLOCK_TAGS, NON_CONTENT_TAGS, isElement, isHidden, isText, parseHtml, type AnyNode } from './dom.js';
import { articleBodies, bodyIsHtml, readJsonLd } from './jsonld.js';
import { readSignals } from './signals.js';

const WHITESPACE = /[\s\u200b\u2028\u2029]+/g;

export function foldWhitespace(text: string): string {
  return text.replace(WHITESPACE, ' ').trim();
}

/** Block boundary marker in page text: no paragraph may contain it, so none can span two blocks. */
const BOUNDARY = '\u0000';

function appendPageText(node: AnyNode, out: string[]): void {
  if (isText(node)) {
    out.push(node.data);
    return;
  }
  if (!isElement(node) || NON_CONTENT_TAGS.has(node.name) || isHidden(node)) return;
  if (node.name === 'br') {
    out.push('\n');
    return;
  }
  const block = BLOCK_TAGS.has(node.name);
  if (block) out.push(BOUNDARY);
  for (const child of node.children) appendPageText(child, out);
  if (block) out.push(BOUNDARY);
}

function htmlSegments(root: AnyNode & { children: AnyNode[] }): string[] {
  const out: string[] = [];
  for (const child of root.children) appendPageText(child, out);
  return out.join('').split(BOUNDARY).map(foldWhitespace).filter(Boolean);
}

/**
 * The page's visible text (see isHidden), one segment per block (split at block boundaries),
 * whitespace folded.
 * JSON-LD articleBody strings are included too: they are the publisher's own text of the article
 * and the only source of it on pages that render the body with script.
 */
export function pageTextSegments(pageHtml: string): string[] {
  const root = parseHtml(pageHtml).root()[0];
  const segments = htmlSegments(root);
  for (const body of articleBodies(readJsonLd(readSignals(root).jsonLdScripts))) {
    if (bodyIsHtml(body)) {
      segments.push(...htmlSegments(parseHtml(body).root()[0]));
      continue;
    }
    for (const line of body.split(/\n/)) {
      const folded = foldWhitespace(line);
      if (folded) segments.push(folded);
    }
  }
  return segments;
}

export interface VerbatimReport {
  ok: boolean;
  /** Paragraphs (folded) that are not a run of any single block of the page's text. */
  missing: string[];
}

/**
 * Checks the body-untouched invariant: every paragraph, whitespace folded, is a verbatim run of
 * the text of one block of the page (entities decoded). A paragraph made by rewriting,
 * reordering or merging text across blocks fails.
 */
export function verbatimCheck(pageHtml: string, paragraphs: readonly string[]): VerbatimReport {
  const segments = pageTextSegments(pageHtml);
  const missing = paragraphs.map(foldWhitespace).filter((p) => p !== '' && !segments.some((s) => s.includes(p)));
  return { ok: missing.length === 0, missing };
}
