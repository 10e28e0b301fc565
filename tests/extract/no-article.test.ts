import { describe, expect, it } from 'vitest';
import { WireError } from '../../src/errors.js';
import { extractArticle } from '../../src/extract/index.js';
import { FOOTER, NAV, STORY, URL_BASE, page } from './pages.js';

const opts = { url: URL_BASE };

function failure(html: string): WireError {
  try {
    extractArticle(html, opts);
  } catch (err) {
    expect(err).toBeInstanceOf(WireError);
    return err as WireError;
  }
  throw new Error('expected extractArticle to throw');
}

function expectNoArticle(html: string, reason: RegExp): void {
  const err = failure(html);
  expect(err.kind).toBe('no-article');
  expect(err.retryable).toBe(false);
  expect(err.url).toBe(URL_BASE);
  expect(err.message).toMatch(reason);
}

describe('pages with no article', () => {
  it('an index page of story links and blurbs', () => {
    const card = (
      n: number,
    ) => `<div class="story-card"><h3><a href="/news/${n}">Headline of story number ${n}, which happened today</a></h3>
      <p>A two-line summary of story ${n}, written to make the reader click on it and read the whole thing on its own page.</p>
      <a href="/section/${n}">Section ${n}</a></div>`;
    const html = `<html><head><title>Example News - Home</title><meta property="og:type" content="website"></head><body>${NAV}
      <main><section class="top">${Array.from({ length: 12 }, (_, i) => card(i)).join('')}</section></main>${FOOTER}</body></html>`;
    expectNoArticle(html, /no article/);
  });

  it('a plain list of links', () => {
    const html = `<html><body>${NAV}<div>${Array.from({ length: 30 }, (_, i) => `<p><a href="/n/${i}">A story about the storm and what happened next, part ${i}</a></p>`).join('')}</div></body></html>`;
    expectNoArticle(html, /no article/);
  });

  it('a cookie consent wall', () => {
    const html = `<html><head><title>Before you continue</title></head><body><div>
      <h1>We value your privacy</h1>
      <p>We and our 842 partners use cookies and similar technologies to store and access information on your device, for personalised ads and content, ad and content measurement, audience research and services development.</p>
      <p>With your permission we and our partners may use precise geolocation data. You can manage your choices at any time by clicking on Manage preferences, including your right to object where legitimate interest is used.</p>
      <p>Accept all &nbsp; Reject all &nbsp; Manage preferences</p></div></body></html>`;
    expectNoArticle(html, /consent/);
  });

  it('a paywall stub: a teaser then a subscription prompt', () => {
    const html = page(
      `<article><h1>Storm batters coast</h1><p>${STORY[0]}</p>
      <div class="paywall-prompt"><h2>Subscribe to continue reading</h2><p>Already a subscriber? Log in.</p></div></article>`,
      '<script type="application/ld+json">{"@type":"NewsArticle","isAccessibleForFree":false}</script>',
    );
    expectNoArticle(html, /paywall/);
  });

  it('an error page', () => {
    const html = `<html><head><title>Page not found | Example News</title></head><body>${NAV}
      <main><h1>Sorry, we couldn't find that page</h1><p>The page you were looking for may have been moved or deleted. Try searching for it, or go back to our home page to see the latest news from around the world.</p></main>${FOOTER}</body></html>`;
    expectNoArticle(html, /error page|characters/);
  });

  it('an empty page', () => {
    expectNoArticle('<html><body></body></html>', /no block of article text/);
    expectNoArticle('', /no article/);
  });

  it('but a short complete story is an article', () => {
    const html = page(`<article><h1>Storm</h1><p>${STORY[0]}</p><p>${STORY[1]}</p></article>`);
    expect(extractArticle(html, opts).paragraphs).toEqual(STORY.slice(0, 2));
  });
});

describe('malformed pages', () => {
  it('a page nesting elements thousands deep fails alone with a parse error, not a crash', () => {
    const html = `<html><body>${'<div>'.repeat(20_000)}<p>${STORY[0]}</p></body></html>`;
    try {
      extractArticle(html, opts);
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(WireError);
      expect((err as WireError).kind).toBe('parse');
    }
  });

  it('unclosed paragraphs and list items are read as the browser would', () => {
    const html = `<html><body><article><h1>Storm</h1><p>${STORY[0]}<p>${STORY[1]}<ul><li>Shelters are open.<li>Schools are closed.</ul><p>${STORY[2]}</article></body></html>`;
    expect(extractArticle(html, opts).paragraphs).toEqual([
      STORY[0],
      STORY[1],
      'Shelters are open.',
      'Schools are closed.',
      STORY[2],
    ]);
  });
});
