import { describe, expect, it } from 'vitest';
import { extractArticle, foldWhitespace, pageTextSegments, verbatimCheck } from '../../src/extract/index.js';
import { STORY, URL_BASE, articlePage } from './pages.js';

describe('body untouched: verbatimCheck', () => {
  const html =
    '<html><body><p>One  &amp;\n two <a href="#">three</a>.</p><p>Four five.</p><span hidden>secret</span></body></html>';

  it('accepts runs of one block, whitespace folded and entities decoded', () => {
    expect(verbatimCheck(html, ['One & two three.', 'two three', 'Four five.']).ok).toBe(true);
  });

  it('rejects rewritten, reordered or merged text, and hidden text', () => {
    const report = verbatimCheck(html, ['One & two three!', 'Four five. One', 'One & two three. Four five.', 'secret']);
    expect(report.ok).toBe(false);
    expect(report.missing).toEqual(['One & two three!', 'Four five. One', 'One & two three. Four five.', 'secret']);
  });

  it('holds for what extractArticle returns', () => {
    const page = articlePage();
    const a = extractArticle(page, { url: URL_BASE });
    expect(a.paragraphs).toEqual(STORY);
    expect(verbatimCheck(page, a.paragraphs)).toEqual({ ok: true, missing: [] });
  });

  it('counts JSON-LD articleBody as page text (the publisher’s own copy of the body)', () => {
    const page =
      '<html><head><script type="application/ld+json">{"@type":"NewsArticle","articleBody":"Line one of the body.\\nLine two."}</script></head><body></body></html>';
    expect(pageTextSegments(page)).toEqual(['Line one of the body.', 'Line two.']);
  });

  it('folds every kind of whitespace to one space', () => {
    expect(foldWhitespace(' a\u00a0\u00a0b\n\tc\u2028 ')).toBe('a b c');
  });
});
