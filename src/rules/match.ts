import { parseRegexLiteral } from '../headline/style.js';
import type { RuleCondition, RuleField } from './schema.js';

/** What the rules look at: one item, its fields as plain values. */
export interface RuleSubject {
  /** The restyled headline. */
  headline: string;
  /** The headline as the agency wrote it. */
  headlineOriginal: string;
  summary: string | null;
  body: string;
  categories: readonly string[];
  source: string;
  language: string | null;
  /** The agency's urgency (1 most urgent), when the format gives one. */
  urgency: number | null;
  byline: string | null;
}

/** A compiled term: a test on one text, and how to name it in a record. */
export interface TermMatcher {
  term: string;
  test(text: string): boolean;
}

// Letters, marks and digits of any script: a word boundary is where one of them meets anything else.
const WORD_CHAR = '[\\p{L}\\p{M}\\p{N}]';

function escapeRegex(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * A word or phrase: case-insensitive, whole words only, in any script (Unicode letters and marks, so
 * "Zürich" is one word and "للصحفيين" does not match inside a longer word); the words of a phrase may be
 * separated by any whitespace. Text and term are compared in Unicode NFC, so a decomposed "ü" matches.
 * `/source/flags` is a regular expression, used as written.
 */
export function compileTerm(term: string): TermMatcher {
  const literal = parseRegexLiteral(term);
  if (literal instanceof Error) throw literal;
  if (literal) {
    const re = literal;
    return { term, test: (text) => ((re.lastIndex = 0), re.test(text)) };
  }
  const words = term.normalize('NFC').trim().split(/\s+/).map(escapeRegex);
  const re = new RegExp(`(?<!${WORD_CHAR})${words.join('\\s+')}(?!${WORD_CHAR})`, 'iu');
  return { term, test: (text) => re.test(text.normalize('NFC')) };
}

/** Exact values (source id): whole value, case-insensitive. */
function exact(term: string): TermMatcher {
  const literal = parseRegexLiteral(term);
  if (literal instanceof Error) throw literal;
  if (literal) return compileTerm(term);
  const want = term.toLowerCase();
  return { term, test: (text) => text.toLowerCase() === want };
}

/** Language tags: "en" matches en, en-GB, en_US; "en-GB" only en-GB. Case-insensitive. */
function language(term: string): TermMatcher {
  const literal = parseRegexLiteral(term);
  if (literal instanceof Error) throw literal;
  if (literal) return compileTerm(term);
  const want = term.toLowerCase().replace(/_/g, '-');
  return {
    term,
    test: (text) => {
      const tag = text.toLowerCase().replace(/_/g, '-');
      return tag === want || tag.startsWith(`${want}-`);
    },
  };
}

/** The values of a field: texts to search in (none when the item does not have it). */
function valuesOf(subject: RuleSubject, field: RuleField): string[] {
  switch (field) {
    case 'headline':
      // The restyled headline or the agency's: a rule written against either wording matches.
      return subject.headline === subject.headlineOriginal
        ? [subject.headline]
        : [subject.headline, subject.headlineOriginal];
    case 'categories':
      return [...subject.categories];
    case 'urgency':
      return subject.urgency === null ? [] : [String(subject.urgency)];
    default: {
      const v = subject[field];
      return v === null || v === '' ? [] : [v];
    }
  }
}

function matcherFor(field: RuleField, term: string): TermMatcher {
  if (field === 'source' || field === 'urgency') return exact(term);
  if (field === 'language') return language(term);
  return compileTerm(term);
}

/** A compiled condition: does it hold for a subject, and if so, what matched (for the record). */
export interface ConditionMatcher {
  /** null when the condition does not hold; otherwise a short note such as `headline: "horoscope"`. */
  evaluate(subject: RuleSubject): string | null;
}

export function compileCondition(c: RuleCondition): ConditionMatcher {
  const fields: RuleField[] = Array.isArray(c.field) ? c.field : [c.field];
  const perField = fields.map((field) => ({
    field,
    any: (c.any ?? []).map((t) => matcherFor(field, t)),
    all: (c.all ?? []).map((t) => matcherFor(field, t)),
  }));
  const positive = (subject: RuleSubject): string | null => {
    for (const { field, any, all } of perField) {
      const values = valuesOf(subject, field);
      if (!values.length) continue;
      const found = (m: TermMatcher) => values.some((v) => m.test(v));
      const notes: string[] = [];
      if (any.length) {
        const hit = any.find(found);
        if (!hit) continue;
        notes.push(JSON.stringify(hit.term));
      }
      if (all.length) {
        if (!all.every(found)) continue;
        notes.push(...all.map((m) => JSON.stringify(m.term)));
      }
      if (c.min !== undefined || c.max !== undefined) {
        const u = subject.urgency;
        if (field !== 'urgency' || u === null) continue;
        if (c.min !== undefined && u < c.min) continue;
        if (c.max !== undefined && u > c.max) continue;
        notes.push(`${u}`);
      }
      return `${field}: ${notes.join(' ')}`;
    }
    return null;
  };
  return {
    evaluate(subject) {
      const note = positive(subject);
      if (!c.not) return note;
      return note === null
        ? `not ${fields.join('|')}: ${[...(c.any ?? []), ...(c.all ?? [])].map((t) => JSON.stringify(t)).join(' ') || 'in range'}`
        : null;
    },
  };
}
