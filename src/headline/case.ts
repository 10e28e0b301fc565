import type { Evidence } from './evidence.js';
import {
  capitalizeFirst,
  casedLetters,
  hasInnerCapital,
  hasLower,
  hasUpper,
  isAbbreviation,
  isAllCaps,
  isDottedInitialism,
  isLabelAbbreviation,
  isLatinWord,
  isMostlyLatin,
  isShouting,
  lower,
  splitPossessive,
  tokenize,
  wordKey,
  type Token,
} from './text.js';
import { AP_SMALL_WORDS, CHICAGO_SMALL_WORDS } from './title-words.js';

/**
 * `case`: sentence or title case for Latin-script headlines.
 *
 * Only words written in Latin letters are touched; a headline that is mostly Cyrillic, Arabic,
 * Persian or Chinese is left exactly as it is (those styles are the agency's own and case rules
 * written for English would damage them).
 *
 * Sentence case keeps a capital only where there is a reason, checked in this order:
 *  1. a configured proper noun (properNouns, or a glossary `to` with a capital) -> as written;
 *  2. a dotted initialism (U.S., U.N.), "I", a single capital letter (Plan B), a code with
 *     digits (G7, F-16, COVID-19), an abbreviation labelling a number or a name (No. 14, Vol. 3,
 *     Gov. Newsom, St. Louis);
 *  3. in a normal headline: inner capitals (iPhone, McDonald) and all-capital words (NATO, IRGC);
 *  4. body evidence (see evidence.ts), as the body writes the word or phrase;
 *  5. the headline's first word gets a capital; the first word after a colon or a sentence
 *     end keeps the first letter the agency gave it ("Explainer: What ...", "... killed: medics").
 * Everything else is lowercased. A word the agency wrote in lowercase is never raised except
 * as the first word: the engine only removes capitals it cannot justify.
 *
 * A shouting headline (mostly capitals, see isShouting) skips rule 3: there a capitalised word
 * is only an acronym if the body or the lists say so.
 *
 * Title case capitalises every word except the style's small words (title-words.ts), keeps
 * acronyms, inner capitals and configured proper nouns, and in a shouting headline lowers the
 * rest of each word (using body evidence for acronyms, as sentence case does).
 */

export interface CaseOptions {
  mode: 'sentence' | 'title';
  titleStyle: 'ap' | 'chicago';
  /** Always written as given: properNouns plus glossary replacements that carry a capital. */
  properNouns: readonly string[];
  evidence: Evidence;
}

interface Lexicon {
  /** Single words: key -> form; `acronym` entries only match words written in capitals. */
  words: Map<string, { form: string; acronym: boolean }>;
  /** Multi-word names: keys joined by spaces -> forms. */
  phrases: Map<string, string[]>;
}

function buildLexicon(properNouns: readonly string[]): Lexicon {
  const words: Lexicon['words'] = new Map();
  const phrases: Lexicon['phrases'] = new Map();
  for (const entry of properNouns) {
    const forms = entry.trim().split(/\s+/);
    if (!forms[0]) continue;
    const key = forms.map(wordKey).join(' ');
    if (forms.length > 1) {
      if (!phrases.has(key)) phrases.set(key, forms);
    } else if (!words.has(key)) {
      // "US", "UN", "IT": an entry in capitals must not turn "Us" or "us" into "US".
      words.set(key, { form: forms[0], acronym: isAllCaps(forms[0]) });
    }
  }
  return { words, phrases };
}

interface Context {
  lexicon: Lexicon;
  evidence: Evidence;
  shouting: boolean;
  /** Sentence case always reads the body; title case only needs it for a shouting headline. */
  useEvidence: boolean;
  small: ReadonlySet<string>;
}

function properNoun(word: string, ctx: Context): string | undefined {
  const entry = ctx.lexicon.words.get(wordKey(word));
  if (!entry) return undefined;
  return (entry.acronym ? !hasLower(word) : hasUpper(word)) ? sameApostrophes(entry.form, word) : undefined;
}

/**
 * The body's spelling of a word the headline capitalised. Evidence only ever removes capitals:
 * where the body's form would add one ("Nato" -> "NATO"), the agency's headline spelling is
 * kept as it is. (Adding capitals could also turn a normal headline into a shouting one on the
 * next restyle and change every other decision.)
 */
function bodyForm(word: string, ctx: Context): string | undefined {
  if (!ctx.useEvidence || !hasUpper(word)) return undefined;
  const form = ctx.evidence.words.get(wordKey(word));
  if (!form) return undefined;
  return addsCapital(word, form) ? word : sameApostrophes(form, word);
}

/** Apostrophes are the quotes rule's business: a name from the body or the list keeps the headline's (’ or '). */
function sameApostrophes(form: string, word: string): string {
  if (form.length !== word.length) return form;
  let out = '';
  for (let i = 0; i < form.length; i++) out += /['’]/.test(form[i]) && /['’]/.test(word[i]) ? word[i] : form[i];
  return out;
}

function addsCapital(word: string, form: string): boolean {
  if (form.length !== word.length) return false;
  for (let i = 0; i < form.length; i++) {
    if (hasUpper(form[i]) && !hasUpper(word[i])) return true;
  }
  return false;
}

/**
 * Where a word stands: `first` is the headline's first word (always capitalised); `soft` is the
 * first word after a colon or a sentence end, which keeps the first letter the agency gave it
 * ("Explainer: What ..." keeps What, "... dozens killed: medics" keeps medics).
 */
type Start = 'first' | 'soft' | null;

function firstLetter(text: string): string | undefined {
  return /\p{L}/u.exec(text)?.[0];
}

/** Capitalise `form` using the agency's own capital where it has one (keeps Turkish İ). */
function capitalizeLike(form: string, original: string): string {
  const had = firstLetter(original);
  const now = firstLetter(form);
  if (!now || hasUpper(now)) return form;
  if (had && hasUpper(had) && lower(had) === now) return form.replace(now, had);
  return capitalizeFirst(form);
}

/** A lowercase name at a start gets its capital ("al-Qaeda" -> "Al-Qaeda"); a brand does not ("iPhone"). */
function atStart(form: string, original: string, start: Start): string {
  if (!start || hasInnerCapital(form.split(/[-\u2010\u2011]/)[0])) return form;
  const had = firstLetter(original);
  if (start === 'soft' && !(had && hasUpper(had))) return form;
  return capitalizeLike(form, original);
}

/** Rule 2: words whose case is never in doubt. Returns undefined when the word needs deciding. */
function fixedForm(p: string, base: string, suffix: string): string | undefined {
  if (/\p{N}/u.test(p)) return p;
  if (/^I(?:['’](?:m|ll|d|ve))?$/iu.test(p) && p[0] === 'I') return 'I' + lower(p.slice(1));
  if (isDottedInitialism(base)) return p;
  if (casedLetters(base).length === 1 && [...base].length === 1) {
    // The article "a" is an ordinary word; any other single capital is a label (Plan B, Group C).
    if (lower(base) === 'a') return 'a' + suffix;
    return p;
  }
  return undefined;
}

function sentencePart(p: string, start: Start, ctx: Context): string {
  if (!casedLetters(p).length) return p;
  const { base, suffix } = splitPossessive(p);
  return atStart(sentenceForm(p, base, suffix, ctx), p, start);
}

function sentenceForm(p: string, base: string, suffix: string, ctx: Context): string {
  const named = properNoun(base, ctx);
  if (named) return named + lower(suffix);
  const fixed = fixedForm(p, base, suffix);
  if (fixed !== undefined) return fixed;
  if (!ctx.shouting && (hasInnerCapital(base) || isAllCaps(base))) return base + lower(suffix);
  const evidence = bodyForm(base, ctx);
  if (evidence) return evidence + lower(suffix);
  if (ctx.shouting && hasInnerCapital(base)) return base + lower(suffix);
  return lower(base) + lower(suffix);
}

function titlePart(p: string, exempt: boolean, ctx: Context): string {
  if (!casedLetters(p).length) return p;
  const { base, suffix } = splitPossessive(p);
  const named = properNoun(base, ctx);
  if (named) return named + lower(suffix);
  const fixed = fixedForm(p, base, suffix);
  // Only a word that starts with a letter gets a capital ("A", not "5g" -> "5G").
  if (fixed !== undefined) return exempt && /^\p{L}/u.test(fixed) ? capitalizeLike(fixed, p) : fixed;
  const small = !suffix && !exempt && ctx.small.has(wordKey(base));
  if (!ctx.shouting) {
    if (hasInnerCapital(base) || isAllCaps(base)) return p;
    if (small) return lower(p);
    return capitalizeFirst(p);
  }
  // Small words first: the title style decides them, whatever the body capitalises.
  if (small) return lower(p);
  const evidence = bodyForm(base, ctx);
  if (evidence) return capitalizeLike(evidence, p) + lower(suffix);
  if (hasInnerCapital(base)) return p;
  return capitalizeLike(lower(base), base) + lower(suffix);
}

/** Whole hyphenated words first ("al-Qaeda", "Israel-Hamas"), then each part on its own. */
function decideWord(
  token: string,
  ctx: Context,
  part: (p: string, index: number, count: number) => string,
  whole: (form: string, configured: boolean) => string,
): string {
  const pieces = token.split(/([-\u2010\u2011])/);
  if (pieces.length > 1) {
    const { base, suffix } = splitPossessive(token);
    const named = properNoun(base, ctx);
    if (named) return whole(named, true) + lower(suffix);
    const evidence = bodyForm(base, ctx);
    if (evidence) return whole(evidence, false) + lower(suffix);
  }
  const count = Math.ceil(pieces.length / 2);
  return pieces.map((piece, i) => (i % 2 ? piece : part(piece, i / 2, count))).join('');
}

function startsSentence(gap: string, previous: Token): boolean {
  if (gap.includes(':')) return true;
  // "Gen. Qaani", "E. coli": the dot belongs to the abbreviation.
  if (gap.startsWith('.') && isAbbreviation(previous.text)) gap = gap.slice(1);
  return /[.!?…]\s/.test(gap);
}

/** Multi-word names from the lists or the body, matched over consecutive capitalised words. */
function matchPhrases(tokens: Token[], ctx: Context): Map<number, string> {
  const forced = new Map<number, string>();
  const longest = 8;
  for (let i = 0; i < tokens.length; i++) {
    for (let len = Math.min(longest, tokens.length - i); len >= 2; len--) {
      const run = tokens.slice(i, i + len);
      if (run.some((t, k) => (k > 0 && t.gap !== ' ') || !hasUpper(t.text))) continue;
      const last = splitPossessive(run[len - 1].text);
      const keys = run.map((t, k) => wordKey(k === len - 1 ? last.base : t.text));
      const key = keys.join(' ');
      const configured = ctx.lexicon.phrases.get(key);
      const evidence = ctx.useEvidence ? ctx.evidence.phrases.get(key) : undefined;
      const forms = configured ?? evidence;
      if (!forms) continue;
      // As for single words: a word in capitals ("UN") only matches a word in capitals, and
      // body evidence only removes capitals ("Says US" is not turned into "SAYS US").
      if (forms.some((form, k) => isAllCaps(form) && hasLower(run[k].text))) continue;
      if (!configured && forms.some((form, k) => addsCapital(k === len - 1 ? last.base : run[k].text, form))) continue;
      forms.forEach((form, k) => {
        const own = sameApostrophes(form, k === len - 1 ? last.base : run[k].text);
        forced.set(i + k, k === len - 1 ? own + lower(last.suffix) : own);
      });
      i += len - 1;
      break;
    }
  }
  return forced;
}

export function applyCase(text: string, options: CaseOptions): string {
  if (!isMostlyLatin(text)) return text;
  const tokens = tokenize(text);
  if (!tokens.length) return text;
  const shouting = isShouting(tokens.filter((t) => isLatinWord(t.text)).map((t) => t.text));
  const ctx: Context = {
    lexicon: buildLexicon(options.properNouns),
    evidence: options.evidence,
    shouting,
    useEvidence: options.mode === 'sentence' || shouting,
    small: options.titleStyle === 'chicago' ? CHICAGO_SMALL_WORDS : AP_SMALL_WORDS,
  };
  const forced = matchPhrases(tokens, ctx);
  const lastWord = tokens.length - 1;
  // Sentence starts inside a headline: after a colon ("Explainer: What ...") or ". ", "? ", "! ".
  const startOf = (i: number): Start =>
    i === 0 ? 'first' : startsSentence(tokens[i].gap, tokens[i - 1]) ? 'soft' : null;

  let out = '';
  let end = 0;
  tokens.forEach((token, i) => {
    const start = startOf(i);
    let word: string;
    if (!isLatinWord(token.text)) {
      word = token.text;
    } else if (forced.has(i)) {
      const form = forced.get(i)!;
      word = options.mode === 'sentence' ? atStart(form, token.text, start) : form;
    } else if (options.mode === 'sentence' && isLabelAbbreviation(token, tokens[i + 1])) {
      word = token.text; // "No. 14", "Gov. Newsom": the abbreviation keeps the capital it is written with
    } else if (options.mode === 'sentence') {
      // The first word will carry a capital anyway, so it is looked up as capitalised: "us"
      // finds the body's "US" now rather than on the next restyle (idempotence).
      const lookup = start === 'first' && !hasUpper(token.text) ? capitalizeFirst(token.text) : token.text;
      word = decideWord(
        lookup,
        ctx,
        (p, k) => sentencePart(p, k === 0 ? start : null, ctx),
        (f) => atStart(f, token.text, start),
      );
    } else {
      word = decideWord(
        token.text,
        ctx,
        (p, k, n) => titlePart(p, (start !== null && k === 0) || (i === lastWord && k === n - 1), ctx),
        // A configured name stays as written ("al-Sudani"); body evidence is title-cased.
        (f, configured) => (configured ? f : capitalizeLike(f, token.text)),
      );
    }
    out += text.slice(end, token.start) + word;
    end = token.end;
  });
  return out + text.slice(end);
}
