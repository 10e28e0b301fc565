import { describe, expect, it } from 'vitest';
import { collectEvidence, relevantTo } from '../../src/headline/evidence.js';
import { applyRules, prepareStyle } from '../../src/headline/restyle.js';
import { toPlainText } from '../../src/headline/plain.js';
import { styleFor } from './fixtures.js';
import { TABLE } from './table.js';

// restyleHeadline reads only the body paragraphs that mention a headline word; that must never change
// what the rules decide compared with reading the whole body.
describe('body evidence read from the paragraphs that mention the headline', () => {
  it('decides exactly as reading the whole body, over the whole table', () => {
    for (const row of TABLE) {
      const style = styleFor(row.agency, row.style);
      const headline = toPlainText(row.headline).text;
      const filtered = applyRules(row.headline, prepareStyle(style, { body: row.body }, headline));
      const full = applyRules(row.headline, prepareStyle(style, { body: row.body }));
      expect(filtered, row.headline).toEqual(full);
    }
  });

  it('skips paragraphs that mention none of the words, and keeps the ones that do', () => {
    const body = 'The Security Council met on Monday.\nOfficials in Kyiv said nothing.\nStaff of the U.N. left.';
    const only = relevantTo(['UN', 'Council']);
    expect(body.split('\n').map(only.paragraph)).toEqual([true, false, true]);
    const ev = collectEvidence(body, only);
    expect(ev.words.get('council')).toBe('Council');
    expect(ev.words.has('kyiv')).toBe(false);
    expect(ev.words.get('un')).toBe('UN');
    // Read paragraphs still count only words that share a piece with the headline.
    expect(ev.words.has('security')).toBe(false);
    expect(ev.words.has('staff')).toBe(false);
  });

  it('counts a headline word inside a longer body word, and keeps only phrases made of headline words', () => {
    const only = relevantTo(['Russian', 'Islamic', 'State', "Iran's"]);
    expect(['pro-Russian', 'U.S.', 'Iran’s', 'Moscow'].map(only.word)).toEqual([true, false, true, false]);
    const body =
      'He met pro-Russian officials and the Islamic State Group leader.\nThe Islamic State said Iran rejected it.';
    const ev = collectEvidence(body, only);
    expect(ev.words.get('russian')).toBe('Russian');
    expect(ev.words.get('iran')).toBe('Iran');
    expect(ev.phrases.get('islamic state')).toEqual(['Islamic', 'State']);
    expect(ev.phrases.has('islamic state group')).toBe(false);
    expect(ev.words.has('group')).toBe(false);
  });
});
