import { describe, expect, it } from 'vitest';
import { extractArticle } from '../../src/extract/index.js';
import { looksLikeArticleUrl } from '../../src/extract/verdict.js';
import { FOOTER, NAV, STORY, URL_BASE, storyHtml } from './pages.js';

const shell = (body: string) =>
  `<!doctype html><html><head><title>Storm hits coast</title><meta property="og:type" content="article"></head><body>${NAV}${body}${FOOTER}</body></html>`;

describe('a page where a reader sees the article is not refused', () => {
  it('reads sections whose class names sound like ads (a second, lenient reading)', () => {
    const sections = [STORY.slice(0, 2), STORY.slice(2, 4), STORY.slice(4)]
      .map(
        (ps, i) =>
          `<section class="TestReport__Section TestReport__Section--Ads" id="part-${i}">${storyHtml(ps)}</section>`,
      )
      .join('');
    const a = extractArticle(shell(`<main><article class="TestReport"><h1>Storm</h1>${sections}</article></main>`), {
      url: URL_BASE,
    });
    expect(a.paragraphs).toEqual(STORY);
  });

  it('reads a forum post the template calls a comment', () => {
    const html = shell(
      `<main id="content"><div class="forum-comment"><div class="comment-text">${storyHtml()}</div></div></main>`,
    );
    expect(extractArticle(html, { url: URL_BASE }).paragraphs).toEqual(STORY);
  });

  it('reads body content that the markup leaves inside <head>', () => {
    const html = `<!doctype html><html><head><title>Storm hits coast</title><meta property="og:type" content="article">
      <div class="container"><div id="article">${storyHtml()}</div></div></head><body></body></html>`;
    expect(extractArticle(html, { url: URL_BASE }).paragraphs).toEqual(STORY);
  });
});

describe('a cookie notice on an article page is boilerplate, not a verdict', () => {
  it('reads the review when the consent notice outweighs it', () => {
    const notice = `<div class="box"><h2>We value your privacy</h2>
      <p>We and our 842 partners use cookies and similar technologies to store and access information on your device, for personalised ads and content, ad and content measurement, audience research and services development, and to improve our products.</p>
      <p>With your permission we and our partners may use precise geolocation data and identification through device scanning. You may click to consent to our and our partners’ processing as described above, or access more detailed information and change your preferences before consenting.</p>
      <p>Some partners do not ask for your consent to process your data and rely on their legitimate interest instead. You can object to this, manage your choices, accept all or reject all at any time by clicking on Manage preferences at the bottom of every page.</p></div>`;
    const review = STORY.slice(0, 3);
    const html = shell(
      `<div class="wrap">${notice}<div class="box"><h1>Storm review</h1>${storyHtml(review)}</div></div>`,
    );
    expect(extractArticle(html, { url: URL_BASE }).paragraphs).toEqual(review);
  });
});

describe('a short piece that declares itself an article', () => {
  const brief =
    'The coastal road reopened on Tuesday morning after crews cleared the fallen trees and debris, the county said, and the school buses run on their usual routes again.';
  const html = (head: string) =>
    `<!doctype html><html><head><title>Coast road reopens</title>${head}</head><body>${NAV}<main><h1>Coast road reopens</h1><p>${brief}</p></main>${FOOTER}</body></html>`;

  it('is read when the page says it is an article (a news brief)', () => {
    expect(extractArticle(html('<meta property="og:type" content="article">'), { url: URL_BASE }).paragraphs).toEqual([
      brief,
    ]);
  });

  it('is refused when nothing says so', () => {
    expect(() => extractArticle(html(''), { url: URL_BASE })).toThrow(
      /only \d+ characters of article text found \(minimum 200\)/,
    );
  });
});

describe('a short blog post next to many story links', () => {
  const sidebar = `<div class="links">${Array.from({ length: 10 }, (_, i) => `<h3><a href="/2011/0${i}/other-story-${i}">Another story from this blog, number ${i}, with a long title</a></h3>`).join('')}</div>`;
  const post =
    'Manchmal überrascht einen ein Film, von dem man nichts erwartet hat: dieser hier war kein Meisterwerk, aber er hat mir den Abend gerettet, und das ist viel wert. Die Musik war gut, die Bilder auch, und am Ende saßen alle noch lange zusammen und redeten über den Film.';
  const html = `<!doctype html><html><head><title>Gefällt mir</title></head><body>${NAV}<div id="content"><div class="post"><h1>Gefällt mir</h1><div class="entry"><p>${post}</p></div></div></div>${sidebar}${FOOTER}</body></html>`;

  it('is read when its URL is one story’s (a dated path or a slug of several words)', () => {
    for (const url of [
      'http://blog.example.com/2011/09/11/gefallt-mir/',
      'https://www.example.de/faktor-mensch/schwierige-gespraeche-so-gehts-24376.aspx',
    ]) {
      expect(extractArticle(html, { url }).paragraphs).toEqual([post]);
    }
  });

  it('is refused as an index page at a section URL', () => {
    expect(() => extractArticle(html, { url: 'http://blog.example.com/filme/' })).toThrow(/index page/);
  });

  it('tells story URLs from section URLs', () => {
    expect(looksLikeArticleUrl('https://news.example.com/world/2024/03/04/storm')).toBe(true);
    expect(looksLikeArticleUrl('https://news.example.com/politics/senate-passes-the-budget-bill')).toBe(true);
    expect(looksLikeArticleUrl('https://news.example.com/politics/')).toBe(false);
    expect(looksLikeArticleUrl('https://news.example.com/')).toBe(false);
    expect(looksLikeArticleUrl('https://news.example.com/live-news')).toBe(false);
  });
});

describe('a refusal says what decided it', () => {
  it('names both readings when they refuse for different reasons (a consent wall with nothing behind it)', () => {
    const wall = `<!doctype html><html><head><title>Before you continue</title></head><body><div>
      <h1>We value your privacy</h1>
      <p>We and our 842 partners use cookies and similar technologies to store and access information on your device, for personalised ads and content, ad and content measurement, audience research and services development.</p>
      <p>With your permission we and our partners may use precise geolocation data. You can manage your choices at any time by clicking on Manage preferences, including your right to object where legitimate interest is used.</p>
      <p>Accept all &nbsp; Reject all &nbsp; Manage preferences</p></div></body></html>`;
    expect(() => extractArticle(wall, { url: URL_BASE })).toThrow(
      /consent wall, not the article; a second reading without class hints: no block of article text found/,
    );
  });
});
