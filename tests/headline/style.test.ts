import { describe, expect, it } from 'vitest';
import { HeadlineStyle, mergeHeadlineStyles } from '../../src/headline/index.js';

/** Config errors are zod issues; the config loader turns their path into "file: headline.strip[1]". */
function firstIssue(input: unknown) {
  const parsed = HeadlineStyle.safeParse(input);
  expect(parsed.success).toBe(false);
  return parsed.error!.issues[0];
}

describe('HeadlineStyle schema (bad rules are configuration errors)', () => {
  it('accepts the issue example', () => {
    const style = {
      case: 'sentence',
      properNouns: ['Tehran', 'Hezbollah'],
      strip: [' - Reuters', '/^BREAKING:\\s*/i'],
      replace: [{ from: 'U.S.', to: 'US' }],
      quotes: 'single',
      trailingPeriod: 'drop',
      maxLength: 110,
    };
    expect(HeadlineStyle.parse(style)).toEqual(style);
  });

  it('reports an invalid regex with its path', () => {
    const issue = firstIssue({ strip: [' - Reuters', '/^(BREAKING:\\s*/i'] });
    expect(issue.path).toEqual(['strip', 1]);
    expect(issue.message).toMatch(/invalid regular expression \/\^\(BREAKING/);
  });

  it('reports an unknown case mode with its path', () => {
    const issue = firstIssue({ case: 'upper' });
    expect(issue.path).toEqual(['case']);
  });

  it('reports bad replacements, quote modes and lengths with their paths', () => {
    expect(
      firstIssue({
        replace: [
          { from: 'U.S.', to: 'US' },
          { from: '', to: 'x' },
        ],
      }).path,
    ).toEqual(['replace', 1, 'from']);
    expect(firstIssue({ replace: [{ from: 'a', to: 'b', ifMatches: 'x' }] }).path).toEqual(['replace', 0]);
    expect(firstIssue({ quotes: 'curly' }).path).toEqual(['quotes']);
    expect(firstIssue({ titleStyle: 'mla' }).path).toEqual(['titleStyle']);
    expect(firstIssue({ maxLength: 0 }).path).toEqual(['maxLength']);
  });

  it('refuses unknown keys (a typo must not be silently ignored)', () => {
    const issue = firstIssue({ trailingPeriods: 'drop' });
    expect(issue.code).toBe('unrecognized_keys');
  });
});

describe('mergeHeadlineStyles', () => {
  it('lays source scalars over the site and appends source lists after the site lists', () => {
    const site: HeadlineStyle = { case: 'sentence', strip: [' - Reuters'], properNouns: ['Tehran'], quotes: 'single' };
    const source: HeadlineStyle = { case: 'title', strip: ['PressTV-'], properNouns: ['Ansarullah'] };
    expect(mergeHeadlineStyles(site, source)).toEqual({
      case: 'title',
      strip: [' - Reuters', 'PressTV-'],
      properNouns: ['Tehran', 'Ansarullah'],
      quotes: 'single',
    });
    expect(mergeHeadlineStyles(site, undefined)).toBe(site);
  });
});
