import { describe, expect, it } from 'vitest';
import { extractArticle } from '../../src/extract/index.js';
import { FOOTER, NAV, STORY, URL_BASE, storyHtml } from './pages.js';

const shell = (body: string) =>
  `<!doctype html><html><head><title>Storm hits coast</title><meta property="og:type" content="article"></head><body>${NAV}${body}${FOOTER}</body></html>`;

describe('a page where a reader sees the article is not refused', () => {
  it('reads sections whose class names sound like ads (a second, lenient reading)', () => {
    const sections = [STORY.slice(0, 2), STORY.slice(2, 4), STORY.slice(4)]
      .map((ps, i) => `<section class="TestReport__Section TestReport__Section--Ads" id="part-${i}">${storyHtml(ps)}</section>`)
      .join('');
    const a = extractArticle(shell(`<main><article class="TestReport"><h1>Storm</h1>${sections}</article></main>`), { url: URL_BASE });
    expect(a.paragraphs).toEqual(STORY);
  });

  it('reads a forum post the template calls a comment', () => {
    const html = shell(`<main id="content"><div class="forum-comment"><div class="comment-text">${storyHtml()}</div></div></main>`);
    expect(extractArticle(html, { url: URL_BASE }).paragraphs).toEqual(STORY);
  });

  it('reads body content that the markup leaves inside <head>', () => {
    const html = `<!doctype html><html><head><title>Storm hits coast</title><meta property="og:type" content="article">
      <div class="container"><div id="article">${storyHtml()}</div></div></head><body></body></html>`;
    expect(extractArticle(html, { url: URL_BASE }).paragraphs).toEqual(STORY);
  });
});
