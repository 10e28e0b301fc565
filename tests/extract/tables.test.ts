import { describe, expect, it } from 'vitest';
import { extractArticle, verbatimCheck } from '../../src/extract/index.js';
import { STORY, URL_BASE, page, storyHtml } from './pages.js';

const table = (rows: number) =>
  `<table><tr><th>Model</th><th>Price</th></tr>${Array.from({ length: rows }, (_, i) => `<tr><td>Model ${i + 1}</td><td>${100 + i} EUR</td></tr>`).join('')}</table>`;

describe('data tables', () => {
  it('keeps a short table, cell by cell in the text and as a table in the html', () => {
    const html = page(
      `<article><h1>Storm</h1><div class="body">${storyHtml(STORY.slice(0, 3))}${table(3)}${storyHtml(STORY.slice(3))}</div></article>`,
    );
    const a = extractArticle(html, { url: URL_BASE });
    expect(a.paragraphs).toEqual([
      ...STORY.slice(0, 3),
      'Model',
      'Price',
      'Model 1',
      '100 EUR',
      'Model 2',
      '101 EUR',
      'Model 3',
      '102 EUR',
      ...STORY.slice(3),
    ]);
    expect(a.html).toContain('<table><tbody>\n<tr>\n<td>Model</td>\n<td>Price</td>\n</tr>\n<tr>\n<td>Model 1</td>');
    expect(verbatimCheck(html, a.paragraphs).ok).toBe(true);
  });

  it('leaves out a long listing table', () => {
    const html = page(`<article><h1>Storm</h1><div class="body">${storyHtml()}${table(60)}</div></article>`);
    expect(extractArticle(html, { url: URL_BASE }).paragraphs).toEqual(STORY);
  });
});
