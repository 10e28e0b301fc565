import type { z } from 'zod';
import type { Replacement } from './style.js';
import {
  WORD_CHAR,
  capitalizeFirst,
  casedLetters,
  escapeRegExp,
  foldSpacesKeepNoBreak,
  hasLower,
  hasUpper,
} from './text.js';

type Rule = z.infer<typeof Replacement>;

/**
 * `replace`: the house glossary ("U.S." -> "US", "Kiev" -> "Kyiv", "govt" -> "government").
 *
 * Whole words: a match may not have a letter or digit right before or after it, and may not
 * sit inside a dotted abbreviation (so "US" never matches inside "U.S.", and "U.S." never
 * inside "U.S.A."). `\b` cannot express this: "U.S." ends in a dot, after which `\b` would demand
 * a word character. An apostrophe or hyphen after the match is fine ("Kiev's", "U.S.-led").
 *
 * Case-aware:
 * - a `from` with a capital letter ("U.S.", "Kiev") matches exactly as written, or in all
 *   capitals in a shouting headline ("KIEV" -> "KYIV");
 * - an all-lowercase `from` ("govt") matches in any case, and `to` follows the case of what it
 *   replaced: "GOVT" -> "GOVERNMENT", "Govt" -> "Government", "govt" -> "government".
 *
 * Listed order, then again until a pass changes nothing (at most a few passes), so a chain
 * like [b -> c, a -> b] reaches the same text on a second restyle. An occurrence of `from`
 * that is part of an occurrence of `to` is left alone ("Gaza" -> "Gaza Strip" does not grow
 * "Gaza Strip Strip" when run again).
 */

export interface ReplaceStep {
  rule: Rule;
  before: string;
  after: string;
}

function isWordCharAt(text: string, index: number): boolean {
  return index >= 0 && index < text.length && WORD_CHAR.test(text[index]);
}

/** Is [start, end) a whole word in text? */
function isWholeWord(text: string, start: number, end: number): boolean {
  if (isWordCharAt(text, start - 1) && WORD_CHAR.test(text[start])) return false;
  if (isWordCharAt(text, end) && WORD_CHAR.test(text[end - 1])) return false;
  // Inside a dotted abbreviation: "S" in "U.S", "U" in "U.S", "U.S." in "U.S.A."
  if (text[start - 1] === '.' && isWordCharAt(text, start - 2)) return false;
  if (text[end] === '.' && isWordCharAt(text, end + 1)) return false;
  if (text[end - 1] === '.' && isWordCharAt(text, end)) return false;
  return true;
}

function matches(text: string, needle: string, caseInsensitive: boolean): Array<[number, number]> {
  const re = new RegExp(escapeRegExp(needle), caseInsensitive ? 'giu' : 'gu');
  const spans: Array<[number, number]> = [];
  for (const m of text.matchAll(re)) {
    const start = m.index;
    const end = start + m[0].length;
    if (isWholeWord(text, start, end)) spans.push([start, end]);
  }
  return spans;
}

function followCase(matched: string, to: string): string {
  if (casedLetters(matched).length >= 2 && !hasLower(matched)) return to.toUpperCase();
  const first = /\p{L}/u.exec(matched);
  if (first && hasUpper(first[0])) return capitalizeFirst(to);
  return to;
}

export function replaceWords(text: string, rule: Rule): string {
  const caseInsensitive = !hasUpper(rule.from);
  let found = matches(text, rule.from, caseInsensitive);
  // A shouting headline writes "KIEV": the all-capital form of a capitalised `from` matches
  // too, and is replaced in capitals ("KYIV"), which case rules then treat like any other word.
  const shouted = caseInsensitive ? '' : rule.from.toUpperCase();
  const shoutedSpans = shouted && shouted !== rule.from ? matches(text, shouted, false) : [];
  if (shoutedSpans.length) found = [...found, ...shoutedSpans].sort((a, b) => a[0] - b[0]);
  if (!found.length) return text;
  // Occurrences of `to` protect the `from` inside them (idempotence for "Gaza" -> "Gaza Strip").
  const containsFrom = caseInsensitive
    ? rule.to.toLowerCase().includes(rule.from.toLowerCase())
    : rule.to.includes(rule.from);
  // In any case: case rules may have recased an earlier replacement ("Gaza strip").
  const guarded = containsFrom && rule.to !== '' ? matches(text, rule.to, true) : [];
  let out = '';
  let last = 0;
  for (const [start, end] of found) {
    if (guarded.some(([gs, ge]) => start >= gs && end <= ge)) continue;
    const matched = text.slice(start, end);
    const to = caseInsensitive ? followCase(matched, rule.to) : matched === rule.from ? rule.to : rule.to.toUpperCase();
    out += text.slice(last, start) + to;
    last = end;
  }
  out += text.slice(last);
  // A replacement by "" leaves two spaces, or a space at an end; one that empties the
  // headline is not applied (as with strip).
  const folded = foldSpacesKeepNoBreak(out);
  return folded === '' ? text : folded;
}

const MAX_PASSES = 5;

export function applyReplace(text: string, rules: readonly Rule[]): { text: string; steps: ReplaceStep[] } {
  const steps: ReplaceStep[] = [];
  for (let pass = 0; pass < MAX_PASSES; pass++) {
    const start = text;
    for (const rule of rules) {
      const after = replaceWords(text, rule);
      if (after === text) continue;
      steps.push({ rule, before: text, after });
      text = after;
    }
    // A pass that ends where it began is a fixed point (this also stops a cycle a -> b, b -> a).
    if (text === start) break;
  }
  return { text, steps };
}
