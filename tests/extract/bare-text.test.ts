import { describe, expect, it } from 'vitest';
import { extractArticle, verbatimCheck } from '../../src/extract/index.js';
import { FOOTER, NAV, STORY, URL_BASE } from './pages.js';

const shell = (body: string) =>
  `<!doctype html><html><head><title>Storm hits coast</title></head><body>${NAV}${body}${FOOTER}</body></html>`;

describe('a story that is bare text split by <br><br>', () => {
  it('reads each stretch between double line breaks as a paragraph, after images, with no <p> at all', () => {
    const html = shell(
      `<div class="main"><h1>Storm</h1><img src="/a.jpg"><br><br><img src="/b.jpg"><br><br>${STORY.join('<br><br>\n')}</div>`,
    );
    const a = extractArticle(html, { url: URL_BASE });
    expect(a.paragraphs).toEqual(STORY);
    expect(verbatimCheck(html, a.paragraphs).ok).toBe(true);
  });

  it('splits inside an inline wrapper (<font>, <span>) around the whole text', () => {
    const html = shell(
      `<div id="c"><div><a href="/x"><img src="/a.jpg"></a></div><br><br><font face="Arial">${STORY.join('<br><br>\n')}</font></div>`,
    );
    const a = extractArticle(html, { url: URL_BASE });
    expect(a.paragraphs).toEqual(STORY);
    expect(verbatimCheck(html, a.paragraphs).ok).toBe(true);
  });
});
