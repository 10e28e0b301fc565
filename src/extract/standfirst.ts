/**
 * The standfirst (dek, summary line) printed above the body: the article's own opening line,
 * which templates put outside the body container or in a header region that boilerplate removal
 * cuts. Two signs identify it, both general:
 * - its text is one of the page's descriptions of itself (meta description, og:description,
 *   JSON-LD description);
 * - or it is the subheading / short paragraph placed directly under the <h1>.
 * Either way it must come before the first paragraph of the body, in the same part of the page.
 */
import { BLOCK_TAGS, isElement, isInside, rawText, type AnyNode, type Element } from './dom.js';
import { isNegative } from './hints.js';
import { countChars, type Stats } from './stats.js';

export function normalizeForMatch(text: string): string {
  return text.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');
}

/** Whether `text` is one of the descriptions (allowing an ellipsis-truncated description). */
export function matchesDescription(text: string, descriptions: readonly string[]): boolean {
  const t = normalizeForMatch(text);
  if (t.length < 20) return false;
  return descriptions.some((d) => t === d || (d.length >= 40 && t.length > d.length && t.startsWith(d)));
}

export function descriptionKeys(values: Array<string | null | undefined>): string[] {
  const keys = new Set<string>();
  for (const v of values) {
    // Truncated descriptions end in an ellipsis; match on what precedes it.
    const key = normalizeForMatch((v ?? '').replace(/(?:\.\.\.|…)\s*$/, ''));
    if (key.length >= 20) keys.add(key);
  }
  return [...keys];
}

function depth(el: AnyNode): number {
  let d = 0;
  for (let n = el.parent; n; n = n.parent) d++;
  return d;
}

function commonAncestorDepth(a: AnyNode, b: AnyNode): number {
  const seen = new Set<AnyNode>();
  for (let n: AnyNode | null = a; n; n = n.parent) seen.add(n);
  for (let n: AnyNode | null = b; n; n = n.parent) if (seen.has(n)) return depth(n);
  return 0;
}

export interface LeadCandidates {
  /** Element whose text is the page description, before the body's first paragraph. */
  described: Element | null;
  /** Dek-like element directly under the headline. */
  dek: Element | null;
}

const DEK_TAGS = new Set(['h2', 'h3', 'p', 'div']);

function dekAfter(h1: Element, stats: Map<Element, Stats>): Element | null {
  let next = h1.next;
  while (next && !isElement(next)) next = next.next;
  if (!next || !isElement(next) || !DEK_TAGS.has(next.name)) return null;
  const s = stats.get(next);
  if (!s || s.chars < 30 || s.chars > 400 || s.linkChars > 0.1 * s.chars || isNegative(next)) return null;
  // A div only qualifies as a plain text block, not as a wrapper of other blocks.
  if (next.name === 'div' && (next.children as AnyNode[]).some((c) => isElement(c) && BLOCK_TAGS.has(c.name)))
    return null;
  const text = rawText(next).trim();
  if (/^by\s/i.test(text) || /\b(?:updated|published|posted)\b/i.test(text)) return null;
  return next;
}

/**
 * Looks for standfirst candidates, in document order, up to the body's first paragraph. Run
 * before boilerplate removal inside the container, which may cut the header holding them.
 * Only elements whose size is close to a description's are read, so big pages cost little.
 */
export function findLeadCandidates(
  root: Element,
  container: Element,
  stats: Map<Element, Stats>,
  descriptions: readonly string[],
  titles: ReadonlyArray<string | null | undefined>,
): LeadCandidates {
  // The headline <h1>, not a logo or section name set in one: its text must match one of the
  // titles the page gives itself (JSON-LD headline, og:title, <title>...).
  const titleKeys = titles.map((t) => normalizeForMatch(t ?? '')).filter((k) => k.length >= 10);
  const isHeadline = (h1: Element) => {
    const key = normalizeForMatch(rawText(h1));
    return (
      key.length >= 10 &&
      titleKeys.some((t) => t.includes(key) || key.includes(t) || t.slice(0, 30) === key.slice(0, 30))
    );
  };
  // Sizes compare in the measure stats use (CJK weighted), so count the descriptions the same way.
  const longest = descriptions.length ? Math.max(...descriptions.map(countChars)) : 0;
  let described: Element | null = null;
  let dek: Element | null = null;
  let h1Seen = false;
  let done = false;
  const visit = (el: Element) => {
    for (const child of el.children as AnyNode[]) {
      if (done) return;
      if (!isElement(child)) continue;
      const s = stats.get(child);
      if (!s || s.chars === 0) continue;
      if (s.ownGood && isInside(child, container)) {
        done = true; // the body's first paragraph: the lead is above it
        return;
      }
      if (child.name === 'h1' && !h1Seen && isHeadline(child)) {
        h1Seen = true;
        dek = dekAfter(child, stats);
        continue;
      }
      if (longest > 0 && s.chars >= 15 && s.chars <= longest * 1.3 + 20 && s.linkChars < 0.2 * s.chars) {
        if (matchesDescription(rawText(child), descriptions)) described = child;
      }
      visit(child);
    }
  };
  visit(root);
  const near = (el: Element | null) => (el && commonAncestorDepth(el, container) >= 3 ? el : null);
  return { described: near(described), dek: near(dek) };
}
