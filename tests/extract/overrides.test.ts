import { describe, expect, it } from 'vitest';
import { WireError } from '../../src/errors.js';
import { extractArticle } from '../../src/extract/index.js';
import { STORY, URL_BASE, articlePage, p, page, storyHtml } from './pages.js';

const opts = { url: URL_BASE };

describe('operator overrides', () => {
  it('`selector` names the body: its blocks are taken even where scoring would choose otherwise', () => {
    const html = page(`<article><h1>Storm</h1><div class="lede">${storyHtml(STORY.slice(0, 2))}</div>
      <div class="rest">${storyHtml(STORY.slice(2))}</div></article>`);
    const a = extractArticle(html, { ...opts, selector: '.lede' });
    expect(a.method).toBe('selector');
    expect(a.paragraphs).toEqual(STORY.slice(0, 2));
  });

  it('`selector` may match several blocks; they are read in page order, nested matches once', () => {
    const html =
      page(`<article><h1>Storm</h1><div class="part">${storyHtml(STORY.slice(0, 3))}</div><div class="ad">Advert</div>
      <div class="part"><div class="part">${storyHtml(STORY.slice(3))}</div></div></article>`);
    expect(extractArticle(html, { ...opts, selector: '.part' }).paragraphs).toEqual(STORY);
  });

  it('`drop` removes blocks before anything else runs, with or without `selector`', () => {
    const html = articlePage(
      `<div class="promo-note"><p>Our journalism is funded by readers like you, and every contribution helps us keep reporting on storms like this one.</p></div>`,
    );
    expect(extractArticle(html, { ...opts, selector: '.article-body', drop: ['.promo-note'] }).paragraphs).toEqual(
      STORY,
    );
    expect(extractArticle(html, { ...opts, drop: ['.promo-note'] }).paragraphs).toEqual(STORY);
  });

  it('a selector that matches nothing is a clear no-article error naming the selector', () => {
    expect(() => extractArticle(articlePage(), { ...opts, selector: '.story-text' })).toThrowError(
      /selector ".story-text" matches nothing/,
    );
    try {
      extractArticle(articlePage(), { ...opts, selector: '.story-text' });
    } catch (err) {
      expect((err as WireError).kind).toBe('no-article');
    }
  });

  it('`preferFeed` takes the body from the feed item, and says so', () => {
    const feed = `<p>${STORY[0]}</p><p>${STORY[1]}</p><p>${STORY[2]}</p><img src="/x.jpg">`;
    const a = extractArticle(articlePage(), { ...opts, feedHtml: feed, preferFeed: true });
    expect(a.method).toBe('feed');
    expect(a.paragraphs).toEqual(STORY.slice(0, 3));
    expect(a.metadata.title).toBe('Storm batters northern coast, cutting power to thousands');
  });

  it('falls back to the feed content when the page yields no article', () => {
    const wall =
      '<html><head><title>Subscribe</title></head><body><h1>Subscribe to continue reading</h1></body></html>';
    const a = extractArticle(wall, { ...opts, feedHtml: storyHtml() });
    expect(a.method).toBe('feed');
    expect(a.paragraphs).toEqual(STORY);
    expect(() => extractArticle(wall, opts)).toThrowError(WireError);
  });

  it('falls back to the feed when the page shows clearly less than the feed holds', () => {
    const teaser = page(`<article><h1>Storm</h1>${storyHtml(STORY.slice(0, 2))}</article>`);
    expect(extractArticle(teaser, { ...opts, feedHtml: storyHtml() }).method).toBe('feed');
    // A feed summary shorter than the page does not replace the page.
    expect(extractArticle(articlePage(), { ...opts, feedHtml: p(STORY[0]) }).method).toBe('scoring');
  });
});

describe('operator selectors that do not parse', () => {
  it('are a config error naming the selector', () => {
    for (const o of [{ selector: 'div[' }, { drop: ['p:nope'] }]) {
      try {
        extractArticle(articlePage(), { ...opts, ...o });
        expect.unreachable();
      } catch (err) {
        expect((err as WireError).kind).toBe('config');
        expect((err as WireError).message).toMatch(/invalid CSS selector/);
      }
    }
  });
});
