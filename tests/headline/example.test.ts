import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { HeadlineStyle, mergeHeadlineStyles, restyleHeadline } from '../../src/headline/index.js';

/** The documented example must stay valid config, and its comments must stay true. */
const doc = readFileSync(new URL('../../config/headline.example.md', import.meta.url), 'utf8');
const blocks = [...doc.matchAll(/```yaml\n([\s\S]*?)```/g)].map((m) => parse(m[1]));
const site = HeadlineStyle.parse(blocks[0].headline);
const source = HeadlineStyle.parse(blocks[1].sources[0].headline);

describe('config/headline.example.md', () => {
  it('holds a valid site style and a valid per-source override', () => {
    expect(site.case).toBe('sentence');
    expect(mergeHeadlineStyles(site, source).quoteStyle).toBe('curly');
  });

  it.each([
    ['UPDATE 2-Oil prices rise - Reuters', 'Oil prices rise'],
    ['Protests Spread In TEHRAN', 'Protests spread in Tehran'],
    ['NATO SUMMIT OPENS', 'NATO summit opens'],
    ['GOVT FALLS', 'Government falls'],
    ['Macron says France "will not give in"', "Macron says France 'will not give in'"],
    ['Death toll in Gaza passes 50,000.', 'Death toll in Gaza passes 50,000'],
    ['Power cut hits Washington, D.C.', 'Power cut hits Washington, D.C.'],
  ])('%s -> %s', (headline, expected) => {
    expect(
      restyleHeadline(headline, site, { body: 'Power was cut in Washington and Gaza, officials in France said.' }).text,
    ).toBe(expected);
  });

  it('the Al Jazeera override strips the section and the name', () => {
    const style = mergeHeadlineStyles(site, source);
    expect(
      restyleHeadline(
        'Israel’s war on Gaza live: Strikes hit Khan Younis | Israel-Palestine conflict News | Al Jazeera',
        style,
        {
          body: 'Israeli strikes hit Khan Younis in southern Gaza.',
        },
      ).text,
    ).toBe('Israel’s war on Gaza live: Strikes hit Khan Younis');
  });
});
