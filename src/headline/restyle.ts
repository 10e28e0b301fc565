import { applyCase } from './case.js';
import { NO_EVIDENCE, collectEvidence, relevantTo, type Evidence } from './evidence.js';
import { dropTrailingPeriod } from './period.js';
import { toPlainText } from './plain.js';
import { applyQuotes } from './quotes.js';
import { applyReplace } from './replace.js';
import { applyStrip } from './strip.js';
import type { HeadlineChange, HeadlineStyle, RestyleContext, RestyledHeadline } from './style.js';
import { hasUpper, isMostlyLatin, tokenize } from './text.js';

/**
 * The house-style engine. Rules run in one fixed order, whatever order the config lists them in:
 *
 *  1. plainText      markup removed, entities decoded, whitespace folded (always on)
 *  2. strip          agency furniture off the ends, before anything reads the words
 *  3. replace        the glossary, written against the agency's spelling
 *  4. case           sentence / title, sees the glossary's spelling (its capitals are kept)
 *  5. trailingPeriod finds a period inside closing quotes of either style ('...win.' / ‘...win.’)
 *  6. quotes         last: whether a mark opens or closes depends on its neighbours, so it
 *                    runs when no other rule will change them (Latin-script headlines only)
 *     maxLength      measured on the result; a flag, never a cut
 *
 * Every rule that changes the text appends {rule, before, after, detail}. The function is pure:
 * it reads `context.body` as evidence for proper nouns and never writes to anything.
 */

/** Rule names as recorded in the audit trail (the config key that caused the change). */
export type RuleName = 'plainText' | 'strip' | 'replace' | 'case' | 'trailingPeriod' | 'quotes';

/** A style made ready for one article: its body evidence read once, its name lists joined. */
export interface PreparedStyle {
  style: HeadlineStyle;
  evidence: Evidence;
  properNouns: string[];
}

/** `headline`, when given, limits the body scan to paragraphs that mention one of its words (or a glossary `to`). */
export function prepareStyle(
  style: HeadlineStyle,
  context: RestyleContext | undefined,
  headline?: string,
): PreparedStyle {
  // A glossary `to` with a capital ("Kyiv", "US") is the editor's spelling: case rules keep it,
  // even though the body (the agency's text) has the old spelling as evidence.
  const fromGlossary = (style.replace ?? []).map((r) => r.to).filter(hasUpper);
  return {
    style,
    // Only case rules read the body; skip the scan when they are off.
    evidence:
      style.case === 'sentence' || style.case === 'title'
        ? collectEvidence(
            context?.body,
            headline === undefined
              ? undefined
              : relevantTo(tokenize(`${headline} ${fromGlossary.join(' ')}`).map((t) => t.text)),
          )
        : NO_EVIDENCE,
    properNouns: [...(style.properNouns ?? []), ...fromGlossary],
  };
}

/** One pass of every rule, in order. Exported for tests: one pass must already be a fixed point. */
export function applyRules(text: string, prepared: PreparedStyle): { text: string; changes: HeadlineChange[] } {
  const { style } = prepared;
  const changes: HeadlineChange[] = [];
  const record = (rule: RuleName, before: string, after: string, detail?: string) => {
    if (before === after) return;
    changes.push(detail === undefined ? { rule, before, after } : { rule, before, after, detail });
  };

  const plain = toPlainText(text);
  record('plainText', text, plain.text, plain.what.join(', '));
  text = plain.text;

  if (style.strip?.length) {
    const stripped = applyStrip(text, style.strip);
    for (const step of stripped.steps) record('strip', step.before, step.after, step.pattern);
    text = stripped.text;
  }

  if (style.replace?.length) {
    const replaced = applyReplace(text, style.replace);
    for (const step of replaced.steps) {
      record(
        'replace',
        step.before,
        step.after,
        `${JSON.stringify(step.rule.from)} -> ${JSON.stringify(step.rule.to)}`,
      );
    }
    text = replaced.text;
  }

  if (style.case === 'sentence' || style.case === 'title') {
    const titleStyle = style.titleStyle ?? 'ap';
    const after = applyCase(text, {
      mode: style.case,
      titleStyle,
      properNouns: prepared.properNouns,
      evidence: prepared.evidence,
    });
    record('case', text, after, style.case === 'title' ? `title (${titleStyle})` : 'sentence');
    text = after;
  }

  if (style.trailingPeriod === 'drop') {
    const after = dropTrailingPeriod(text);
    record('trailingPeriod', text, after, 'drop');
    text = after;
  }

  // Headline quote style is an English convention: Chinese “”, Russian «» and Arabic quotes
  // in a mostly non-Latin headline are the script's own punctuation and stay as written.
  if ((style.quotes === 'single' || style.quotes === 'double') && isMostlyLatin(text)) {
    const after = applyQuotes(text, style.quotes, style.quoteStyle);
    record('quotes', text, after, style.quoteStyle ? `${style.quotes}, ${style.quoteStyle}` : style.quotes);
    text = after;
  }

  return { text, changes };
}

/** Grapheme clusters: what an editor counts as characters (an Arabic letter with its marks is one). */
const segmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' });
export function headlineLength(text: string): number {
  let n = 0;
  for (const _ of segmenter.segment(text)) n++;
  return n;
}

/**
 * A safety net for idempotence: the rules are built so that one pass is a fixed point (the tests
 * check that over the whole table), but a config could still chain rules into each other (a
 * case-sensitive strip pattern that title case creates). Running the pass again until nothing
 * changes makes restyle(restyle(x)) === restyle(x) hold for any config; the extra changes, if any,
 * are recorded like the others.
 */
const MAX_PASSES = 4;

export function restyleHeadline(headline: string, style: HeadlineStyle, context?: RestyleContext): RestyledHeadline {
  const original = toPlainText(headline).text;
  const prepared = prepareStyle(style, context, original);
  const applied: HeadlineChange[] = [];
  let text = headline;
  for (let pass = 0; pass < MAX_PASSES; pass++) {
    const result = applyRules(text, prepared);
    applied.push(...result.changes);
    if (result.text === text) break;
    text = result.text;
  }
  return {
    text,
    original,
    applied,
    tooLong: style.maxLength !== undefined && headlineLength(text) > style.maxLength,
  };
}
