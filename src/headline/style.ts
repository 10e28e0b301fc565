import { z } from 'zod';

/**
 * A `strip` pattern: a plain string matches literally at the start or end of the headline;
 * a string written as `/source/flags` is a regular expression (checked at config load).
 */
export const StripPattern = z
  .string()
  .min(1)
  .superRefine((value, ctx) => {
    const re = parseRegexLiteral(value);
    if (re instanceof Error) ctx.addIssue({ code: 'custom', message: re.message });
  });

/** `/source/flags` -> RegExp; plain strings -> null; bad regex -> Error (for config errors). */
export function parseRegexLiteral(value: string): RegExp | null | Error {
  const m = /^\/(.*)\/([a-z]*)$/s.exec(value);
  if (!m) return null;
  try {
    return new RegExp(m[1], m[2]);
  } catch (err) {
    return new Error(`invalid regular expression ${value}: ${(err as Error).message}`);
  }
}

export const Replacement = z.strictObject({ from: z.string().min(1), to: z.string() });

/** The `headline:` section of wire.yaml (and per-source overrides in sources.yaml). */
export const HeadlineStyle = z.strictObject({
  case: z.enum(['sentence', 'title', 'keep']).optional(),
  /** Title-case convention for small words (only used when case is title). */
  titleStyle: z.enum(['ap', 'chicago']).optional(),
  properNouns: z.array(z.string().min(1)).optional(),
  strip: z.array(StripPattern).optional(),
  replace: z.array(Replacement).optional(),
  quotes: z.enum(['single', 'double', 'keep']).optional(),
  /** Curly (‘ ’ “ ”) or straight (' ") quotes when `quotes` converts. */
  quoteStyle: z.enum(['straight', 'curly']).optional(),
  trailingPeriod: z.enum(['drop', 'keep']).optional(),
  maxLength: z.number().int().positive().optional(),
});
export type HeadlineStyle = z.infer<typeof HeadlineStyle>;

/** One recorded change: which rule, and the headline before and after it. */
export interface HeadlineChange {
  /** The config key that made the change: plainText, strip, replace, case, quotes, trailingPeriod. */
  rule: string;
  before: string;
  after: string;
  /**
   * Which entry of that rule, so an editor can find it in the config: the strip pattern,
   * the replacement ("U.S." -> "US"), the case mode, what plain-text normalisation did.
   */
  detail?: string;
}

export interface RestyledHeadline {
  /** The restyled headline. */
  text: string;
  /** The headline as the agency wrote it (plain text). */
  original: string;
  /** Every change, in the order applied; empty when nothing changed. */
  applied: HeadlineChange[];
  /** Set when the result is longer than style.maxLength (never truncated). */
  tooLong: boolean;
}

export interface RestyleContext {
  /** The article body text: evidence of which words are proper nouns. */
  body?: string;
}

/**
 * Site rules with a source's overrides laid over them: scalar keys replace,
 * list keys (properNouns, strip, replace) are concatenated, site's first.
 */
export function mergeHeadlineStyles(site: HeadlineStyle, source: HeadlineStyle | undefined): HeadlineStyle {
  if (!source) return site;
  const merged: HeadlineStyle = { ...site, ...source };
  for (const key of ['properNouns', 'strip', 'replace'] as const) {
    const both = [...(site[key] ?? []), ...(source[key] ?? [])];
    if (both.length) (merged as Record<string, unknown>)[key] = both;
  }
  return merged;
}
