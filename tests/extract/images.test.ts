import { describe, expect, it } from 'vitest';
import { extractArticle } from '../../src/extract/index.js';
import { STORY, URL_BASE, page, storyHtml } from './pages.js';

const inBody = (html: string) => page(`<article><h1>Storm</h1><div class="body">${html}</div></article>`);

describe('images and captions in the html', () => {
  it('keeps an <amp-img> with its caption', () => {
    const fig =
      '<figure><amp-img src="/img/coast.jpg" alt="The flooded coast" width="800" height="500" layout="responsive"></amp-img><figcaption>Seawater in the streets on Monday.</figcaption></figure>';
    const a = extractArticle(inBody(storyHtml(STORY.slice(0, 2)) + fig + storyHtml(STORY.slice(2))), { url: URL_BASE });
    expect(a.html).toContain('<figure>\n<img src="https://news.example.com/img/coast.jpg" alt="The flooded coast" />');
    expect(a.html).toContain('<figcaption>Seawater in the streets on Monday.</figcaption>');
    expect(a.paragraphs).toEqual(STORY);
  });

  it('shows the same hero image once and a repeated caption once', () => {
    const hero =
      '<figure><img src="/img/hero.jpg" alt="Hero"><figcaption>The storm arrives.</figcaption><figcaption>The storm arrives.</figcaption></figure>';
    const a = extractArticle(
      inBody(hero + storyHtml(STORY.slice(0, 3)) + '<img src="/img/hero.jpg" alt="Hero">' + storyHtml(STORY.slice(3))),
      { url: URL_BASE },
    );
    expect(a.html.match(/hero\.jpg/g)).toHaveLength(1);
    expect(a.html.match(/The storm arrives\./g)).toHaveLength(1);
  });
});

describe("a magazine's issue promo", () => {
  it('drops the "Current Issue" heading with its cover image, wherever it sits, and reads on after it', () => {
    const promo = '<h3>Current Issue</h3><img src="/covers/march.jpg" alt="Cover of the March issue">';
    const html = page(
      `<article><h1>Storm</h1><div class="body">${promo}${storyHtml(STORY.slice(0, 4))}${promo}${storyHtml(STORY.slice(4))}</div></article>`,
    );
    const a = extractArticle(html, { url: URL_BASE });
    expect(a.paragraphs).toEqual(STORY);
    expect(a.html).not.toContain('Current Issue');
    expect(a.html).not.toContain('march.jpg');
  });
});
