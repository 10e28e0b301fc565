/**
 * Small text helpers shared by the headline rules: what counts as a word, how words are found,
 * and case mapping that never changes a string's length in surprising ways.
 */

/** A letter, combining mark or digit: the characters a word is made of, in any script. */
export const WORD_CHAR = /[\p{L}\p{M}\p{N}]/u;

/** Characters that join two word runs into one word: apostrophes, dots (U.S), hyphens. */
const WORD_RE = /[\p{L}\p{M}\p{N}]+(?:['’.\-\u2010\u2011][\p{L}\p{M}\p{N}]+)*/gu;

/** U.S, U.N, a.m — one letter per dot-separated segment (the final dot is added by the tokenizer). */
const DOTTED_CORE = /^(?:\p{L}\.)+\p{L}$/u;

export interface Token {
  /** The word as written, e.g. "Iran's", "U.S.", "pro-Russian". */
  text: string;
  start: number;
  end: number;
  /** The characters between the previous token (or the start) and this one. */
  gap: string;
}

/**
 * Words in reading order. A dotted initialism keeps its final dot ("U.S."), so that the dot is
 * not mistaken for the end of a sentence and so that "U.S." is one word for the glossary.
 */
export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let last = 0;
  for (const m of text.matchAll(WORD_RE)) {
    let word = m[0];
    const start = m.index;
    if (text[start + word.length] === '.' && word.includes('.') && DOTTED_CORE.test(word)) word += '.';
    tokens.push({ text: word, start, end: start + word.length, gap: text.slice(last, start) });
    last = start + word.length;
  }
  return tokens;
}

/** Abbreviations that label the number after them: No. 14, Nos. 3 and 4, Vol. 2, Art. 5, Ch. 7. */
const NUMBER_LABELS = new Set(['no', 'nos', 'vol', 'vols', 'art', 'ch', 'pt', 'fig', 'sec']);

/** Abbreviated titles and place prefixes, written before a name: Gov. Newsom, Sen. Warren, St. Louis, Mt. Everest. */
const NAME_PREFIXES = new Set([
  'mr',
  'mrs',
  'ms',
  'dr',
  'prof',
  'gen',
  'lt',
  'col',
  'maj',
  'capt',
  'sgt',
  'adm',
  'sen',
  'rep',
  'gov',
  'pres',
  'rev',
  'hon',
  'st',
  'mt',
  'ft',
]);

/** Abbreviated month names ("Oct. 7"). */
const MONTH_ABBREVIATIONS = ['jan', 'feb', 'mar', 'apr', 'jun', 'jul', 'aug', 'sep', 'sept', 'oct', 'nov', 'dec'];

/**
 * Abbreviations whose dot does not end a sentence ("Mr. Smith", "Gen. Qaani", "Oct. 7", "No. 14"): the
 * name prefixes, the months, four of the number labels, and a few more.
 */
const ABBREVIATIONS = new Set([
  ...NAME_PREFIXES,
  ...MONTH_ABBREVIATIONS,
  'no',
  'nos',
  'vol',
  'vols',
  'jr',
  'sr',
  'vs',
  'inc',
  'corp',
  'co',
  'ltd',
]);

/**
 * A capitalised abbreviation, written with its dot, that labels what follows it: a number ("No. 14",
 * "Vol. 3") or a name ("Gov. Newsom", "St. Louis"). It is written with a capital wherever it stands, so
 * sentence case keeps it, whatever the body says about the bare word ("no", "st"). "No." before a word is
 * not one ("Voters say no. Then ...").
 */
export function isLabelAbbreviation(token: Token, next: Token | undefined): boolean {
  if (!next || !/^\.\s/u.test(next.gap) || !/^\p{Lu}/u.test(token.text)) return false;
  const key = wordKey(token.text);
  if (NUMBER_LABELS.has(key)) return /^\p{N}/u.test(next.text);
  // The name after it may itself be lowered (no evidence for it): the prefix stays, so a second pass agrees.
  return NAME_PREFIXES.has(key) && /^\p{L}/u.test(next.text);
}

/** A word whose following dot is an abbreviation's, not a full stop: a title, a month, an initial (E. coli). */
export function isAbbreviation(word: string): boolean {
  return ABBREVIATIONS.has(wordKey(word)) || /^\p{L}$/u.test(word);
}

export function isDottedInitialism(word: string): boolean {
  return DOTTED_CORE.test(word.endsWith('.') ? word.slice(0, -1) : word);
}

/**
 * Runs of whitespace become one space and the ends are trimmed. A lone no-break space
 * (U+00A0, U+202F) is kept: French and Persian typography put it there on purpose
 * (before « : ? ! », between a number and its unit).
 */
export function foldSpacesKeepNoBreak(text: string): string {
  return text.replace(/\s+/gu, (run) => (run === '\u00a0' || run === '\u202f' ? run : ' ')).trim();
}

/**
 * Lowercase without the one surprise that matters in agency copy: JavaScript lowercases the
 * Turkish dotted capital İ to "i" plus a combining dot, which would look broken in "Istanbul".
 */
export function lower(text: string): string {
  return (text.includes('İ') ? text.replace(/İ/g, 'I') : text).toLowerCase();
}

/** Uppercase the first letter only (when that keeps the length: ß -> SS would not). */
export function capitalizeFirst(text: string): string {
  const m = /\p{L}/u.exec(text);
  if (!m) return text;
  const up = m[0].toUpperCase();
  if (up.length !== m[0].length) return text;
  return text.slice(0, m.index) + up + text.slice(m.index + m[0].length);
}

/** Letters that have case (Latin, Cyrillic, Greek ...); Arabic and Chinese have none. */
export function casedLetters(text: string): string[] {
  return [...text].filter((ch) => /\p{L}/u.test(ch) && ch.toLowerCase() !== ch.toUpperCase());
}

/**
 * How many cased letters `text` has, counting no further than `atLeast` (the same letters as
 * casedLetters). The body scan asks this of every word, so ASCII takes a fast path.
 */
export function casedCount(text: string, atLeast = Infinity): number {
  let n = 0;
  for (const ch of text) {
    const c = ch.charCodeAt(0);
    if (c < 128) {
      if ((c >= 65 && c <= 90) || (c >= 97 && c <= 122)) n++;
    } else if (/\p{L}/u.test(ch) && ch.toLowerCase() !== ch.toUpperCase()) n++;
    if (n >= atLeast) break;
  }
  return n;
}

/**
 * Is there a letter of the given case? The body scan asks this of every word, so ASCII letters are
 * checked by code point and only other characters go through the Unicode property test.
 */
function hasCase(text: string, from: number, to: number, property: RegExp): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 128) {
      if (c >= from && c <= to) return true;
    } else if (property.test(text.slice(i))) {
      return true;
    } else {
      return false;
    }
  }
  return false;
}

const UPPER = /\p{Lu}/u;
const LOWER = /\p{Ll}/u;

export function hasUpper(text: string): boolean {
  return hasCase(text, 65, 90, UPPER);
}

export function hasLower(text: string): boolean {
  return hasCase(text, 97, 122, LOWER);
}

/** Two or more cased letters, none of them lowercase: NATO, IRGC, HAMAS (when shouting). */
export function isAllCaps(word: string): boolean {
  return casedCount(word, 2) >= 2 && !hasLower(word);
}

/** A lowercase letter followed by a capital, maybe across an apostrophe: iPhone, McDonald, d'Ivoire. */
export function hasInnerCapital(word: string): boolean {
  return /\p{Ll}['’]?\p{Lu}/u.test(word);
}

/** Every letter of the word is Latin script (digits and marks do not count). */
export function isLatinWord(word: string): boolean {
  const letters = [...word].filter((ch) => /\p{L}/u.test(ch));
  return letters.length > 0 && letters.every((ch) => /\p{Script=Latin}/u.test(ch));
}

/** True when at least half the letters are Latin: case rules are only meant for those headlines. */
export function isMostlyLatin(text: string): boolean {
  let latin = 0;
  let other = 0;
  for (const ch of text) {
    if (!/\p{L}/u.test(ch)) continue;
    if (/\p{Script=Latin}/u.test(ch)) latin++;
    else other++;
  }
  return latin > 0 && latin >= other;
}

/** The key words are compared by: lowercase, with the curly apostrophe made straight. */
export function wordKey(word: string): string {
  const key = lower(word);
  return key.includes('’') ? key.replace(/’/g, "'") : key;
}

/**
 * Split a trailing possessive ("Iran's", "HAMAS'S", "Jesus'") from the word, so the word can
 * be looked up on its own and the suffix written in lowercase.
 */
export function splitPossessive(word: string): { base: string; suffix: string } {
  const m = /^(.+?)(['’][sS]?)$/u.exec(word);
  if (!m || !WORD_CHAR.test(m[1].slice(-1))) return { base: word, suffix: '' };
  return { base: m[1], suffix: m[2] };
}

/**
 * Text written in mostly-capital words: "UN SECURITY COUNCIL MEETS ON GAZA". Then a word in
 * capitals says nothing about whether it is an acronym. Counted over words with two or more
 * cased letters: at least two in capitals, and at least three quarters of them.
 */
export function isShouting(words: string[]): boolean {
  let caps = 0;
  let total = 0;
  for (const word of words) {
    if (casedCount(word, 2) < 2) continue;
    total++;
    if (!hasLower(word)) caps++;
  }
  return caps >= 2 && caps / total >= 0.75;
}

/**
 * Text in title case: "U.S. Officials Say Talks Continue". Counted over words of two or more
 * cased letters, leaving out the short words title case keeps lowercase: at least three, all
 * capitalised. (Prose dense with names still has its verbs in lowercase: "Xi met Lam in Hanoi".)
 */
export function isTitleCased(words: string[]): boolean {
  let capitalised = 0;
  let total = 0;
  for (const word of words) {
    if (casedCount(word, 2) < 2 || /^(?:a|an|the|and|but|for|nor|or|as|at|by|in|of|on|per|to|via|vs)$/i.test(word))
      continue;
    total++;
    if (/^\P{L}*\p{Lu}/u.test(word)) capitalised++;
  }
  return total >= 3 && capitalised === total;
}

export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}
