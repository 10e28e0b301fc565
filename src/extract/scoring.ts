/**
 * Choosing the element that holds the article.
 *
 * Every element scores the weight of good paragraph units inside it minus the weight of the
 * other units (menus, labels, link lists) it would drag along. The best-scoring element is the
 * smallest one that takes in the article's paragraphs without much else: when a story is split
 * over sibling blocks (ads or widgets between them), their common parent wins because it gains
 * more good text than it takes in noise. Class hints, <article> and itemprop=articleBody nudge
 * the score; they do not decide alone.
 */
import { attr, isElement, type AnyNode, type Element } from './dom.js';
import { isNegative, isPositive } from './hints.js';
import type { Stats } from './stats.js';

/** Cost of one character of non-article text relative to one character of article text. */
const NOISE_COST = 1;

function bonus(el: Element): number {
  let factor = 1;
  if (attr(el, 'itemprop').toLowerCase() === 'articlebody') factor += 0.25;
  if (el.name === 'article') factor += 0.05;
  if (isPositive(el)) factor += 0.1;
  if (isNegative(el)) factor -= 0.2;
  return factor;
}

export interface Candidate {
  element: Element;
  score: number;
}

export function bestContainer(root: Element, stats: Map<Element, Stats>): Candidate | null {
  let best: Candidate | null = null;
  const visit = (el: Element) => {
    for (const child of el.children as AnyNode[]) if (isElement(child)) visit(child);
    const s = stats.get(el);
    if (!s || s.good === 0) return;
    const score = s.good * bonus(el) - NOISE_COST * s.bad;
    // Children are visited first and win ties: the smaller element is the tighter container.
    if (!best || score > best.score) best = { element: el, score };
  };
  visit(root);
  return best;
}
