import { describe, expect, it } from 'vitest';
import { collectEvidence, mentionsAny } from '../../src/headline/evidence.js';
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
    const only = mentionsAny(['UN', 'Council']);
    expect(body.split('\n').map(only)).toEqual([true, false, true]);
    const ev = collectEvidence(body, only);
    expect(ev.words.get('council')).toBe('Council');
    expect(ev.words.has('kyiv')).toBe(false);
    expect(ev.words.get('un')).toBe('UN');
  });
});
