/**
 * Golden pages kept in the repo (tests/fixtures/pages/<case>/{page.html, expected.json}, as mozilla/readability
 * keeps its test pages), so the extraction cases that matter most run on a fresh clone without ../shared.
 * Each page is small and written for the case it pins; expected.json says what must hold:
 *   url            the page's URL
 *   noArticle      true: the extractor refuses the page (WireError 'no-article', permanent)
 *   paragraphs     paragraphs found verbatim, in this order (others may come between)
 *   textIncludes   strings the article text contains
 *   htmlIncludes   strings the article HTML contains
 *   absent         strings the article text never contains (navigation, footer, related links); a short data
 *                  table is kept, cell by cell in the text and as a <table> in the HTML (src/extract/README.md)
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { WireError } from '../../src/errors.js';
import { extractArticle } from '../../src/extract/index.js';

interface Expected {
  url: string;
  noArticle?: boolean;
  paragraphs?: string[];
  textIncludes?: string[];
  htmlIncludes?: string[];
  absent?: string[];
}

const PAGES = fileURLToPath(new URL('../fixtures/pages/', import.meta.url));
const cases = readdirSync(PAGES).sort();

describe('golden pages', () => {
  it('has the cases it is meant to cover', () => {
    expect(cases.length).toBeGreaterThanOrEqual(5);
  });

  for (const name of cases) {
    it(name, () => {
      const html = readFileSync(join(PAGES, name, 'page.html'), 'utf8');
      const expected = JSON.parse(readFileSync(join(PAGES, name, 'expected.json'), 'utf8')) as Expected;
      if (expected.noArticle) {
        const err = (() => {
          try {
            extractArticle(html, { url: expected.url });
          } catch (e) {
            return e;
          }
          return null;
        })();
        expect(err).toBeInstanceOf(WireError);
        expect(err).toMatchObject({ kind: 'no-article', retryable: false });
        return;
      }
      const article = extractArticle(html, { url: expected.url });
      let from = 0;
      for (const paragraph of expected.paragraphs ?? []) {
        const at = article.paragraphs.indexOf(paragraph, from);
        expect(at, `paragraph in order: ${paragraph.slice(0, 60)}`).toBeGreaterThanOrEqual(0);
        from = at + 1;
      }
      for (const s of expected.textIncludes ?? []) expect(article.text).toContain(s);
      for (const s of expected.htmlIncludes ?? []) expect(article.html).toContain(s);
      for (const s of expected.absent ?? []) expect(article.text).not.toContain(s);
    });
  }
});
