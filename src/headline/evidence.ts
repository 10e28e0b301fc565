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
  if (gap === ' ') return false; // the common case: none of the tests below can match one space
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
 * Which parts of the body can hold evidence about a headline's words. The body is often a hundred
 * times longer than the headline, and reading all of it cost more than extracting the article, so:
 * - `paragraph`: true for every paragraph that contains one of the words (ignoring case and dots); only
 *   those are read. One-letter pieces are left out of this test (they would match every paragraph, and
 *   case rules never need evidence for them);
 * - `word`: true for a body word that shares a piece ("russian" in "pro-Russian", "us" in "U.S.") with a
 *   headline word; only those are counted and only runs of them kept as phrases, since the case rules
 *   look up nothing else. Either test may say yes too often, never too rarely.
 */
export interface Relevance {
  paragraph(paragraph: string): boolean;
  word(word: string): boolean;
}

/** A word's letter-and-digit pieces, dots dropped: "U.S." -> ["us"], "pro-Russian" -> ["pro", "russian"]. */
function pieces(word: string): string[] {
  return wordKey(word).replace(/\./g, '').split(NOT_WORD);
}

const NOT_WORD = /[^\p{L}\p{N}]+/u;

/** Lowercase ASCII letters and digits only (so `pieces` would return the key itself). */
function isPlainAscii(key: string): boolean {
  for (let i = 0; i < key.length; i++) {
    const c = key.charCodeAt(i);
    if (!((c >= 97 && c <= 122) || (c >= 48 && c <= 57))) return false;
  }
  return true;
}

export function relevantTo(words: string[]): Relevance {
  const all = new Set(words.flatMap(pieces).filter((k) => k.length > 0));
  const keys = [...all].filter((k) => k.length > 1);
  const re = keys.length ? new RegExp(keys.map((k) => k.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|'), 'u') : null;
  return {
    paragraph: (paragraph) => re !== null && re.test(wordKey(paragraph).replace(/\./g, '')),
    word: (word) => {
      const key = wordKey(word);
      // Most body words are one plain piece: one lookup, no split.
      return all.has(key) || (!isPlainAscii(key) && pieces(word).some((k) => all.has(k)));
    },
  };
}

export function collectEvidence(body: string | undefined, relevant?: Relevance): Evidence {
  if (!body) return NO_EVIDENCE;
  const stats = new Map<string, WordStats>();
  const phrases = new Map<string, string[]>();

  const count = (word: string) => {
    if (relevant && !relevant.word(word)) return;
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
    if (relevant && !relevant.paragraph(paragraph)) continue;
    const tokens = tokenize(paragraph);
    // A paragraph in capitals (an editor's note, a shouted quote) proves nothing about acronyms;
    // one in title case (the headline repeated, a caption, a related-story link) proves nothing
    // about any capital. Worked out when a word first needs it: most paragraphs hold no headline word.
    let kind: { shouting: boolean; titled: boolean } | undefined;
    const paragraphKind = () => {
      if (kind) return kind;
      const words = tokens.map((t) => t.text);
      const shouting = isShouting(words);
      return (kind = { shouting, titled: !shouting && isTitleCased(words) });
    };
    // The dateline ("GAZA CITY, Oct 3", "TEHRAN (IRNA) -") is written in capitals by convention.
    let inDateline = true;
    tokens.forEach((token, i) => {
      if (inDateline && !hasLower(token.text)) return flush();
      inDateline = false;
      // Whatever else it is, a word that shares no piece with the headline only ends a run.
      if (relevant && !relevant.word(token.text)) return flush();
      if (i === 0 || startsSentence(token, tokens[i - 1])) {
        flush();
        // A capital here proves nothing (sentences and quoted speech start with one), but a word written
        // in lowercase is lowercase wherever it stands: a quoted "enemy" counts like any other.
        const { base } = splitPossessive(token.text);
        if (/\p{L}/u.test(base) && !hasUpper(base)) countWord(base);
        return;
      }
      const { base, suffix } = splitPossessive(token.text);
      if (!/\p{L}/u.test(base)) return flush();
      if (!hasLower(base) && paragraphKind().shouting) return flush();
      if (hasUpper(base) && paragraphKind().titled) return flush();
      if (!hasUpper(base)) {
        flush();
        return countWord(base);
      }
      if (run.length && token.gap !== ' ') flush();
      if (relevant && !relevant.word(base)) {
        // Only its possessive ending matched ("Russia's" beside "Iran's"): no phrase of the headline holds it.
        flush();
        return countWord(base);
      }
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
