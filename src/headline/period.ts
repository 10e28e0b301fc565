import { isDottedInitialism } from './text.js';

/**
 * `trailingPeriod: drop`: headlines carry no full stop. A final "." goes, also when it sits
 * inside closing quotes ('We will win.' -> 'We will win'). It stays when it belongs to an
 * abbreviation (U.S., Inc., Jr., an initial) or is part of an ellipsis ("..."), and non-ASCII
 * full stops (。, ۔) are the script's own punctuation and are never touched.
 */

const ABBREVIATIONS = new Set(['inc', 'ltd', 'co', 'corp', 'jr', 'sr', 'st', 'bros', 'etc', 'no']);

export function dropTrailingPeriod(text: string): string {
  // "Talks end. ." has two: drop until none is left, so a second restyle finds nothing to do.
  for (let i = 0; i < 8; i++) {
    const next = dropOne(text);
    if (next === text) break;
    text = next;
  }
  return text;
}

function dropOne(text: string): string {
  const m = /^(.*?)(\S*)\.(\s*['’"”)\]]*)$/su.exec(text);
  if (!m) return text;
  const [, head, lastWord, closers] = m;
  if (lastWord.endsWith('.')) return text; // an ellipsis written with dots
  if (lastWord === '' && !head.endsWith(' ')) return text;
  const word = lastWord.replace(/^['’"“‘([]+/u, '');
  if (isDottedInitialism(word + '.') || /^\p{L}$/u.test(word) || ABBREVIATIONS.has(word.toLowerCase())) return text;
  return (head + lastWord).trimEnd() + closers.trim();
}
