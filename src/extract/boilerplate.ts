/**
 * Removing what is not article text, in two strengths.
 *
 * Before scoring, the whole page loses what can never be text (scripts, hidden elements) and
 * what is very unlikely to hold the article (menus, sidebars, comment threads, ad slots), so they
 * cannot pull the choice of container their way. Inside the chosen container, boilerplate is
 * cut harder: share bars, related-story lists, newsletter prompts, bylines and credits go even
 * when their class also mentions "article".
 */
import {
  BLOCK_TAGS,
  NON_CONTENT_TAGS,
  attr,
  detach,
  isElement,
  isHidden,
  rawText,
  type AnyNode,
  type Element,
} from './dom.js';
import { CONSENT_TERMS, isConsentText } from './verdict.js';
import { countChars } from './stats.js';
import { hasNegativeRole, hintString, isCredit, isNegative, isPositive } from './hints.js';
import type { Stats } from './stats.js';

/** Drops non-content elements, hidden elements and HTML comments from the whole page. */
export function removeNonContent(root: Element): void {
  const visit = (el: Element) => {
    for (const child of [...el.children] as AnyNode[]) {
      if (child.type === 'comment' || child.type === 'directive') {
        detach(child);
      } else if (isElement(child)) {
        if (NON_CONTENT_TAGS.has(child.name) || isHidden(child)) detach(child);
        else visit(child);
      }
    }
  };
  visit(root);
}

/** Longest notice read as a cookie/consent banner. */
const CONSENT_NOTICE_CHARS = 3000;

/**
 * Removes cookie/consent notices by what they say, for the second reading: on an article page
 * the notice is boilerplate, not a verdict on the page. A notice is the outermost block under
 * 3000 characters whose text holds three or more of the usual terms and whose every longer part
 * holds one of them (so a wrapper around the notice and the article is not one).
 */
export function removeConsentNotices(root: Element): number {
  let removed = 0;
  const visit = (el: Element) => {
    for (const child of [...el.children] as AnyNode[]) {
      if (!isElement(child)) continue;
      if (BLOCK_TAGS.has(child.name) && isConsentNotice(child)) {
        removeLeavingBoundary(child);
        removed++;
      } else {
        visit(child);
      }
    }
  };
  visit(root);
  return removed;
}

function isConsentNotice(el: Element): boolean {
  const text = rawText(el);
  if (countChars(text) > CONSENT_NOTICE_CHARS || !isConsentText(text)) return false;
  for (const child of el.children as AnyNode[]) {
    const part = rawText(child);
    if (countChars(part) >= 80 && !CONSENT_TERMS.some((re) => re.test(part))) return false;
  }
  return true;
}

/** Page regions that are not the article, by their tag. */
const REGION_TAGS = new Set(['nav', 'aside', 'footer']);

const COMMENTS = /(?:^|[\s_-])(?:comment|comments|disqus|discussion|replies)(?:$|[\s_-])/;

/**
 * Elements kept whatever their class says: the page wrappers, and every ancestor of the
 * headline or of a marked article body (a site's wrapper called "content has-sidebar" holds the
 * article, not a sidebar).
 */
export function protectedElements(root: Element): Set<Element> {
  const keep = new Set<Element>();
  const mark = (el: Element | null) => {
    for (let n: Element | null = el; n && !keep.has(n); n = n.parent as Element | null) {
      if (n.type !== 'tag') break;
      keep.add(n);
    }
  };
  const visit = (el: Element) => {
    const itemprop = attr(el, 'itemprop').toLowerCase();
    if (el.name === 'h1' || el.name === 'main' || itemprop === 'articlebody') mark(el);
    for (const child of el.children as AnyNode[]) if (isElement(child)) visit(child);
  };
  visit(root);
  return keep;
}

function looksLikeBoilerplate(el: Element): boolean {
  if (isCredit(el)) return true;
  return isBlockish(el) && (REGION_TAGS.has(el.name) || hasNegativeRole(el) || isNegative(el));
}

/**
 * Only block-level regions are ever cut by class or link density (image credits aside). Inline
 * elements belong to a paragraph's running text, and cutting one would leave a paragraph the
 * page never showed.
 */
function isBlockish(el: Element): boolean {
  if (BLOCK_TAGS.has(el.name) || el.name.includes('-')) return true;
  for (const child of el.children as AnyNode[]) if (isElement(child) && isBlockish(child)) return true;
  return false;
}

/**
 * Removes a visible region but leaves an empty block where it was: the text before and after it
 * stays two blocks, as the reader saw them, never one paragraph the page did not show.
 */
function removeLeavingBoundary(el: Element): void {
  // An inline wrapper cut for what it holds (an ad slot in a <span> around a <div>, a credit)
  // also splits the line for the reader's eye in the page: it becomes an empty block too.
  if (!BLOCK_TAGS.has(el.name)) el.name = 'div';
  for (const child of el.children) {
    child.parent = null;
    child.prev = null;
    child.next = null;
  }
  el.children = [];
  el.attribs = {};
}

/**
 * Detaches `el` and takes its measures off every ancestor, so the stats stay true without
 * measuring the page again.
 */
function detachCounted(el: Element, stats: Map<Element, Stats>): void {
  const s = stats.get(el);
  if (s) {
    for (let n = el.parent as Element | null; n; n = n.parent as Element | null) {
      const a = stats.get(n);
      if (!a) continue;
      a.chars -= s.chars;
      a.linkChars -= s.linkChars;
      a.good -= s.good;
      a.bad -= s.bad;
      a.paragraphs -= s.paragraphs;
      a.matched -= s.matched;
      a.teaserTitles -= s.teaserTitles;
    }
  }
  stats.delete(el);
  removeLeavingBoundary(el);
}

/**
 * Removes regions very unlikely to hold the article. A region with much of the page's good
 * text stays (its class may describe a layout, not a sidebar), unless it is a comment thread,
 * which can outweigh the article on busy pages. `lenient`: class names and roles are not
 * trusted, only structure (teaser lists) removes a region.
 */
export function removeUnlikely(root: Element, stats: Map<Element, Stats>, keep: Set<Element>, lenient = false): void {
  const pageGood = stats.get(root)?.good ?? 0;
  const visit = (el: Element) => {
    for (const child of [...el.children] as AnyNode[]) {
      if (!isElement(child)) continue;
      const s = stats.get(child);
      if (!keep.has(child) && s && s.matched === 0 && isTeaserList(child, stats) && isBlockish(child)) {
        detachCounted(child, stats);
        continue;
      }
      if (!lenient && !keep.has(child) && looksLikeBoilerplate(child) && !isPositive(child)) {
        const good = s?.good ?? 0;
        const commentThread = COMMENTS.test(hintString(child));
        // Text the publisher's JSON-LD calls the article body is never removed here.
        if ((s?.matched ?? 0) === 0 && (commentThread || good < 0.4 * pageGood)) {
          detachCounted(child, stats);
          continue;
        }
      }
      visit(child);
    }
  };
  visit(root);
}

/** Block containers that are link lists when they hold mostly links (inline ones never are). */
const LINK_LIST_TAGS = new Set(['ul', 'ol', 'div', 'section', 'table', 'dl', 'menu']);

/**
 * Cuts boilerplate inside the chosen container. Nothing holding half or more of the
 * container's good text is cut, so one wrong class name cannot empty the article.
 */
export function pruneContainer(container: Element, stats: Map<Element, Stats>, lenient = false): void {
  const containerGood = stats.get(container)?.good ?? 0;
  const visit = (el: Element) => {
    for (const child of [...el.children] as AnyNode[]) {
      if (!isElement(child)) continue;
      const s = stats.get(child);
      const good = s?.good ?? 0;
      const small = good < 0.5 * containerGood;
      if (small && !lenient && (looksLikeBoilerplate(child) || child.name === 'form')) {
        removeLeavingBoundary(child);
        continue;
      }
      if (
        s &&
        small &&
        ((LINK_LIST_TAGS.has(child.name) && isLinkList(s)) || (isTeaserList(child, stats) && isBlockish(child)))
      ) {
        removeLeavingBoundary(child);
        continue;
      }
      visit(child);
    }
  };
  visit(container);
}

/** Mostly links, little text of its own: a "related stories" or "topics" list. */
function isLinkList(s: Stats): boolean {
  if (s.chars === 0) return false;
  const density = s.linkChars / s.chars;
  const own = s.chars - s.linkChars;
  return density > 0.6 && own < 200 && s.paragraphs <= 1;
}

/**
 * Headline links with a line or two of blurb each: a list of other stories. A wrapper that also
 * holds a stretch of text with no headline links in it (the article next to the list) is not one.
 */
function isTeaserList(el: Element, stats: Map<Element, Stats>): boolean {
  const s = stats.get(el);
  if (!s || s.teaserTitles < 2 || s.good >= TEASER_BLURB_CHARS * s.teaserTitles) return false;
  return largestTeaserFreeRun(el, stats) < TEASER_BLURB_CHARS;
}

/**
 * Good text of the biggest stretch inside `el` with no headline link in it: a run of
 * consecutive link-free siblings, so paragraphs between two "Read more: <link>" lines of an
 * article count together, while the blurb of each teaser card stays alone.
 */
function largestTeaserFreeRun(el: Element, stats: Map<Element, Stats>): number {
  const s = stats.get(el);
  if (!s) return 0;
  if (s.teaserTitles === 0) return s.good;
  let best = 0;
  let run = 0;
  for (const child of el.children as AnyNode[]) {
    if (!isElement(child)) continue;
    const c = stats.get(child);
    if (!c) continue;
    if (c.teaserTitles === 0) {
      run += c.good;
      best = Math.max(best, run);
    } else {
      run = 0;
      best = Math.max(best, largestTeaserFreeRun(child, stats));
    }
  }
  return best;
}

/** More good text than this per linked heading reads as an article, not as blurbs. */
const TEASER_BLURB_CHARS = 300;
