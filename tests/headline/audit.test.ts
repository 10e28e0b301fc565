import { describe, expect, it } from 'vitest';
import { restyleHeadline, type HeadlineStyle } from '../../src/headline/index.js';
import { SITE, styleFor } from './fixtures.js';

describe('the issue example', () => {
  it('Hamas: sentence case keeps the names the body capitalises', () => {
    const body =
      'GAZA, Oct 3 (Reuters) - The Palestinian group Hamas said on Tuesday that resistance would last until the cessation of Israeli aggression.';
    const result = restyleHeadline(
      'Hamas Says Resistance To Last Until Cessation Of Israeli Aggression',
      { case: 'sentence' },
      { body },
    );
    expect(result).toEqual({
      text: 'Hamas says resistance to last until cessation of Israeli aggression',
      original: 'Hamas Says Resistance To Last Until Cessation Of Israeli Aggression',
      applied: [
        {
          rule: 'case',
          before: 'Hamas Says Resistance To Last Until Cessation Of Israeli Aggression',
          after: 'Hamas says resistance to last until cessation of Israeli aggression',
          detail: 'sentence',
        },
      ],
      tooLong: false,
    });
  });
});

describe('audit trail', () => {
  it('records every change in rule order, with the entry that made it', () => {
    const style = styleFor('reuters');
    const headline = 'UPDATE 2-U.S. Imposes New Sanctions On Iran&#8217;s IRGC Over "Drone Transfers". - Reuters';
    const body =
      "WASHINGTON, June 3 (Reuters) - The United States on Tuesday imposed sanctions on Iran's Islamic Revolutionary Guard Corps (IRGC) over drone transfers to Russia.";
    const result = restyleHeadline(headline, style, { body });
    expect(result.text).toBe("US imposes new sanctions on Iran's IRGC over 'drone transfers'");
    expect(result.original).toBe(
      'UPDATE 2-U.S. Imposes New Sanctions On Iran’s IRGC Over "Drone Transfers". - Reuters',
    );
    expect(result.applied).toEqual([
      {
        rule: 'plainText',
        before: headline,
        after: 'UPDATE 2-U.S. Imposes New Sanctions On Iran’s IRGC Over "Drone Transfers". - Reuters',
        detail: 'entities',
      },
      {
        rule: 'strip',
        before: 'UPDATE 2-U.S. Imposes New Sanctions On Iran’s IRGC Over "Drone Transfers". - Reuters',
        after: 'U.S. Imposes New Sanctions On Iran’s IRGC Over "Drone Transfers". - Reuters',
        detail: '/^(?:UPDATE \\d+|WRAPUP \\d+|EXCLUSIVE|RPT|REFILE|CORRECTED)-/',
      },
      {
        rule: 'strip',
        before: 'U.S. Imposes New Sanctions On Iran’s IRGC Over "Drone Transfers". - Reuters',
        after: 'U.S. Imposes New Sanctions On Iran’s IRGC Over "Drone Transfers".',
        detail: ' - Reuters',
      },
      {
        rule: 'replace',
        before: 'U.S. Imposes New Sanctions On Iran’s IRGC Over "Drone Transfers".',
        after: 'US Imposes New Sanctions On Iran’s IRGC Over "Drone Transfers".',
        detail: '"U.S." -> "US"',
      },
      {
        rule: 'case',
        before: 'US Imposes New Sanctions On Iran’s IRGC Over "Drone Transfers".',
        after: 'US imposes new sanctions on Iran’s IRGC over "drone transfers".',
        detail: 'sentence',
      },
      {
        rule: 'trailingPeriod',
        before: 'US imposes new sanctions on Iran’s IRGC over "drone transfers".',
        after: 'US imposes new sanctions on Iran’s IRGC over "drone transfers"',
        detail: 'drop',
      },
      {
        rule: 'quotes',
        before: 'US imposes new sanctions on Iran’s IRGC over "drone transfers"',
        after: "US imposes new sanctions on Iran's IRGC over 'drone transfers'",
        detail: 'single, straight',
      },
    ]);
  });

  it('is empty when nothing changes, and for an already restyled headline', () => {
    const style = styleFor('reuters');
    expect(restyleHeadline('Oil prices rise as US crude stocks fall', style).applied).toEqual([]);
    const first = restyleHeadline('Oil Prices Rise - Reuters', style, { body: 'Oil prices rose.' });
    expect(first.applied.map((c) => c.rule)).toEqual(['strip', 'case']);
    expect(restyleHeadline(first.text, style, { body: 'Oil prices rose.' }).applied).toEqual([]);
  });

  it('records plain-text normalisation only when it changed something, and says what it did', () => {
    expect(restyleHeadline('Oil rises', {}).applied).toEqual([]);
    expect(restyleHeadline(' <i>Oil</i>  rises &amp; falls ', {}).applied).toEqual([
      {
        rule: 'plainText',
        before: ' <i>Oil</i>  rises &amp; falls ',
        after: 'Oil rises & falls',
        detail: 'markup, entities, whitespace',
      },
    ]);
  });

  it('keeps the original (plain text) beside the restyled headline', () => {
    const result = restyleHeadline('BREAKING: Quake Hits Japan&nbsp;&nbsp;', SITE);
    expect(result.original).toBe('BREAKING: Quake Hits Japan');
    expect(result.text).toBe('Quake hits japan');
  });

  it('records a maxLength overrun as a flag, not as a change', () => {
    const result = restyleHeadline('Oil rises' + ' and oil rises'.repeat(10), SITE);
    expect(result.tooLong).toBe(true);
    expect(result.applied).toEqual([]);
  });
});

describe('purity', () => {
  it('never writes to the body or any other field (a body the rules would match stays byte-identical)', () => {
    const body =
      'BREAKING: U.S. Officials Say "Talks" Continue - Reuters\nWASHINGTON (Reuters) - U.S. officials said the govt talks would continue.';
    const item = Object.freeze({
      headline: 'BREAKING: U.S. Officials Say "Talks" Continue - Reuters',
      body,
      summary: 'U.S. officials say "talks" continue - Reuters.',
      tags: Object.freeze(['U.S.', 'Kiev']),
    });
    const before = JSON.stringify(item);
    const context = Object.freeze({ body: item.body });
    const style = Object.freeze(styleFor('reuters')) as HeadlineStyle;
    const styleBefore = JSON.stringify(style);

    const result = restyleHeadline(item.headline, style, context);

    expect(result.text).toBe("US officials say 'talks' continue");
    expect(JSON.stringify(item)).toBe(before);
    expect(context.body).toBe(body);
    expect(Buffer.from(item.body, 'utf8').equals(Buffer.from(body, 'utf8'))).toBe(true);
    expect(JSON.stringify(style)).toBe(styleBefore);
  });

  it('is deterministic: same input, same output, no state carried between calls', () => {
    const style = styleFor('irna');
    const a = restyleHeadline('Iran, Saudi Arabia Stress Ties', style, { body: 'Iran and Saudi Arabia spoke.' });
    // A call with other evidence in between must not leak into the next one.
    restyleHeadline('Stress Test For Ties', style, { body: 'The Stress Test Ties were announced by Ties.' });
    const b = restyleHeadline('Iran, Saudi Arabia Stress Ties', style, { body: 'Iran and Saudi Arabia spoke.' });
    expect(b).toEqual(a);
  });
});
