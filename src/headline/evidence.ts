import {
  hasLower,
  hasUpper,
  isAbbreviation,
  isDottedInitialism,
  isShouting,
  isTitleCased,
  splitPossessive,
  tokenize,
  wordKey,
  type Token,
} from './text.js';

/**
 * What the article body says about capitalisation. Sentence case lowers every headline word it
 * has no reason to keep; the body is the reason. A word the agency capitalises in the body where
 * it does not start a sentence is a proper noun ("Hamas", "Israeli", "iPhone", "NATO"), with two
 * refinements:
 * - a word the body uses in lowercase at least as often as capitalised is not one ("state"
 *   beside "Islamic State");
 * - runs of capitalised words are also kept as names ("Islamic State", "Security Council"),
 *   so a name survives where one of its words is otherwise a common noun.
 *
 * The body is only read here; nothing in the headline engine writes to it.
 */
export interface Evidence {
  /** wordKey -> the form the body writes mid-sentence ("hamas" -> "Hamas", "nato" -> "NATO"). */
  words: Map<string, string>;
  /** Two to eight consecutive capitalised words, keys joined by spaces -> their forms. */
  phrases: Map<string, string[]>;
}

export const NO_EVIDENCE: Evidence = { words: new Map(), phrases: new Map() };

const MAX_PHRASE = 8;

/**
 * Does the token start a sentence (so its capital proves nothing)? Errs towards "yes": a
 * missed proper noun is lowered, which an editor fixes with properNouns; a common word wrongly
 * kept capitalised would be worse, because it looks like a decision.
 */
function startsSentence(token: Token, previous: Token | undefined): boolean {
  if (!previous) return true;
  let gap = token.gap;
  if (/\n/.test(gap)) return true;
  if (gap.includes(':')) return true;
  // An opening quote: quoted speech starts with a capital.
  if (/[“"‘«„]/.test(gap) || /(^|\s)['’]$/.test(gap)) return true;
  // A spaced dash, as after a dateline: "GAZA, Oct 3 (Reuters) - Israeli ..."
  if (/(^|\s)[-–—]+(\s|$)/.test(gap)) return true;
  if (gap.startsWith('.') && isAbbreviation(previous.text)) gap = gap.slice(1);
  return /[.!?…]/.test(gap);
}

interface WordStats {
  forms: Map<string, number>;
  capital: number;
  lowercase: number;
}

/**
 * A test that is true for every paragraph that could hold evidence about one of `words` (it contains one
 * of them, ignoring case and dots). Only such paragraphs are read: the body is often a hundred times longer
 * than the headline, and tokenising all of it cost more than extracting the article. One-letter words are
 * left out of the test (they would match every paragraph, and case rules never need evidence for them).
 */
export function mentionsAny(words: string[]): (paragraph: string) => boolean {
  const keys = [...new Set(words.flatMap((w) => wordKey(w).replace(/\./g, '').split(/[^\p{L}\p{N}]+/u)))].filter((k) => k.length > 1);
  if (keys.length === 0) return () => false;
  const re = new RegExp(keys.map((k) => k.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|'), 'u');
  return (paragraph) => re.test(wordKey(paragraph).replace(/\./g, ''));
}

export function collectEvidence(body: string | undefined, relevant?: (paragraph: string) => boolean): Evidence {
  if (!body) return NO_EVIDENCE;
  const stats = new Map<string, WordStats>();
  const phrases = new Map<string, string[]>();

  const count = (word: string) => {
    const key = wordKey(word);
    let s = stats.get(key);
    if (!s) stats.set(key, (s = { forms: new Map(), capital: 0, lowercase: 0 }));
    if (hasUpper(word)) {
      s.capital++;
      s.forms.set(word, (s.forms.get(word) ?? 0) + 1);
    } else {
      s.lowercase++;
    }
  };

  /** One mid-sentence word (and the parts of a hyphenated one, "pro-Russian"). */
  const countWord = (word: string) => {
    count(word);
    // "U.N." in the body proves that "UN" in a shouting headline is an acronym.
    if (isDottedInitialism(word) && hasUpper(word)) count(word.replace(/\./g, '').toUpperCase());
    const parts = word.split(/[-\u2010\u2011]/);
    if (parts.length > 1) parts.filter((p) => /\p{L}/u.test(p)).forEach(count);
  };

  // Consecutive capitalised words: a name ("Security Council", "Xi Jinping"). Each word counts
  // on its own, and the run is kept as a phrase so that the name survives where one of its
  // words is a common noun the body also uses in lowercase ("Islamic State" beside "state").
  let run: string[] = [];
  const flush = () => {
    for (let i = 0; i < run.length; i++) {
      countWord(run[i]);
      for (let len = 2; len <= MAX_PHRASE && i + len <= run.length; len++) {
        const forms = run.slice(i, i + len);
        const key = forms.map(wordKey).join(' ');
        if (!phrases.has(key)) phrases.set(key, forms);
      }
    }
    run = [];
  };

  for (const paragraph of body.split(/\r?\n/)) {
    if (relevant && !relevant(paragraph)) continue;
    const tokens = tokenize(paragraph);
    const words = tokens.map((t) => t.text);
    // A paragraph in capitals (an editor's note, a shouted quote) proves nothing about acronyms;
    // one in title case (the headline repeated, a caption, a related-story link) proves nothing
    // about any capital.
    const shouting = isShouting(words);
    const titled = !shouting && isTitleCased(words);
    // The dateline ("GAZA CITY, Oct 3", "TEHRAN (IRNA) -") is written in capitals by convention.
    let inDateline = true;
    tokens.forEach((token, i) => {
      if (inDateline && !hasLower(token.text)) return flush();
      inDateline = false;
      if (i === 0 || startsSentence(token, tokens[i - 1])) return flush();
      const { base, suffix } = splitPossessive(token.text);
      if (!/\p{L}/u.test(base)) return flush();
      if (shouting && !hasLower(base)) return flush();
      if (titled && hasUpper(base)) return flush();
      if (!hasUpper(base)) {
        flush();
        return countWord(base);
      }
      if (run.length && token.gap !== ' ') flush();
      run.push(base);
      // "Iran's Foreign Ministry": the possessive ends the name.
      if (suffix) flush();
    });
    flush();
  }

  const words = new Map<string, string>();
  for (const [key, s] of stats) {
    // Used lowercase at least as often as capitalised: a common word that was part of a name
    // ("state" beside "Islamic State"); the name itself is kept by phrase evidence.
    if (s.capital <= s.lowercase) continue;
    let best = '';
    let bestCount = 0;
    for (const [form, n] of s.forms) {
      if (n > bestCount) [best, bestCount] = [form, n];
    }
    words.set(key, best);
  }
  return { words, phrases };
}
