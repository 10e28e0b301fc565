/**
 * One bottom-up pass over the DOM that measures every element: how much text it holds, how much
 * of that is link text, and how much sits in "good" paragraph units (long, few links) versus
 * other units (menus, buttons, labels, link lists). Scoring and boilerplate removal read these.
 */
import { BLOCK_TAGS, isElement, isText, type AnyNode, type Element } from './dom.js';

export interface Stats {
  /** Visible characters (whitespace not counted) in the subtree. */
  chars: number;
  /** Of which inside links. */
  linkChars: number;
  /** Weight of good paragraph units in the subtree. */
  good: number;
  /** Weight of other units in the subtree. */
  bad: number;
  /** Good units in the subtree. */
  paragraphs: number;
  /** Characters of units found in the JSON-LD articleBody. */
  matched: number;
  /** The element's own inline text forms a good unit (it is a paragraph of the article kind). */
  ownGood: boolean;
  /**
   * Headline-sized units that are all link (a linked <h3>, a title link over a blurb): the mark
   * of teaser cards and "related"/"more from" lists.
   */
  teaserTitles: number;
  /** Inline text not yet assigned to a unit (belongs to the nearest block ancestor). */
  pendingChars: number;
  pendingLinkChars: number;
  pendingCommas: number;
  /** Text of the pending units, kept only when a JSON-LD body is there to compare with. */
  pendingText: string[] | null;
}

/** Tells whether a unit's text belongs to the JSON-LD articleBody, when the page has one. */
export type BodyOracle = (unitText: string) => boolean;

const HEADING = /^h[1-6]$/;

/**
 * Text length as used throughout: characters other than whitespace, with Han, kana and Hangul
 * counted three times. One CJK character carries roughly what three Latin letters do, so the
 * same thresholds ("a paragraph has 60 characters") hold for Chinese, Japanese and Korean.
 */
export function countChars(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c <= 32 || c === 160) continue;
    n += (c >= 0x2e80 && c <= 0x9fff) || (c >= 0xac00 && c <= 0xd7af) || (c >= 0xf900 && c <= 0xfaff) ? 3 : 1;
  }
  return n;
}

function countCommas(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    // ASCII, Arabic, ideographic and fullwidth commas: content text has them, menus do not.
    if (c === 44 || c === 0x060c || c === 0x3001 || c === 0xff0c) n++;
  }
  return n;
}

/** Minimum characters outside links for a unit to count as article-like text. */
export const GOOD_UNIT_CHARS = 60;

/** Shortest all-link unit read as a headline (menus hold shorter ones: "World", "Sport"). */
const TEASER_TITLE_CHARS = 25;

/** Weight of a short unlinked line's characters relative to a paragraph's. */
const SHORT_LINE_CREDIT = 0.25;

export function measure(root: Element, oracle: BodyOracle | null): Map<Element, Stats> {
  const stats = new Map<Element, Stats>();
  const visit = (el: Element): Stats => {
    const s: Stats = {
      chars: 0,
      linkChars: 0,
      good: 0,
      bad: 0,
      paragraphs: 0,
      matched: 0,
      teaserTitles: 0,
      ownGood: false,
      pendingChars: 0,
      pendingLinkChars: 0,
      pendingCommas: 0,
      pendingText: oracle ? [] : null,
    };
    for (const child of el.children as AnyNode[]) {
      if (isText(child)) {
        const n = countChars(child.data);
        if (n === 0) continue;
        s.chars += n;
        s.pendingChars += n;
        s.pendingCommas += countCommas(child.data);
        s.pendingText?.push(child.data);
      } else if (isElement(child)) {
        const c = visit(child);
        s.chars += c.chars;
        s.linkChars += c.linkChars;
        s.good += c.good;
        s.bad += c.bad;
        s.paragraphs += c.paragraphs;
        s.matched += c.matched;
        s.teaserTitles += c.teaserTitles;
        if (!BLOCK_TAGS.has(child.name)) {
          s.pendingChars += c.pendingChars;
          s.pendingLinkChars += c.pendingLinkChars;
          s.pendingCommas += c.pendingCommas;
          if (s.pendingText && c.pendingText) s.pendingText.push(...c.pendingText);
        }
      }
    }
    if (el.name === 'a') {
      s.linkChars = s.chars;
      s.pendingLinkChars = s.pendingChars;
    }
    if (BLOCK_TAGS.has(el.name) && s.pendingChars > 0) {
      classifyUnit(el, s, oracle);
      s.pendingChars = 0;
      s.pendingLinkChars = 0;
      s.pendingCommas = 0;
      if (s.pendingText) s.pendingText = [];
    }
    stats.set(el, s);
    return s;
  };
  visit(root);
  return stats;
}

function classifyUnit(el: Element, s: Stats, oracle: BodyOracle | null): void {
  if (HEADING.test(el.name)) {
    // Subheadings are short by nature: neither good nor bad. A heading that is a link is a
    // teaser for another page.
    if (s.pendingLinkChars >= 0.8 * s.pendingChars && s.pendingChars >= TEASER_TITLE_CHARS) {
      s.teaserTitles += 1;
      s.bad += s.pendingChars;
    }
    return;
  }
  const own = s.pendingChars - s.pendingLinkChars;
  const linkDensity = s.pendingLinkChars / s.pendingChars;
  // A menu entry is shorter than this; a headline link is not.
  if (linkDensity >= 0.8 && s.pendingChars >= TEASER_TITLE_CHARS && s.pendingChars <= 200) s.teaserTitles += 1;
  let good = own >= GOOD_UNIT_CHARS && linkDensity < 0.4;
  let weight = own + 10 * Math.min(s.pendingCommas, 10);
  if (oracle && own >= 25) {
    // The publisher's own articleBody is the best witness of what the article is.
    const inBody = oracle(s.pendingText!.join(''));
    if (inBody) {
      good = true;
      s.matched += own;
      weight *= 2;
    } else if (good) {
      good = false;
    }
  }
  if (good) {
    s.ownGood = true;
    s.good += weight;
    s.paragraphs += 1;
  } else if (linkDensity < 0.2) {
    // Short unlinked lines (list entries, datelines, one-line quotes, stats lines) are common
    // inside articles and rare in menus, which are links: a little credit, not a penalty.
    s.good += SHORT_LINE_CREDIT * own;
  } else {
    s.bad += s.pendingChars;
  }
}
