import { describe, expect, it } from 'vitest';
import { extractArticle } from '../../src/extract/index.js';
import { FOOTER, NAV, SIDEBAR, STORY, URL_BASE, articlePage, p, page, storyHtml } from './pages.js';

const opts = { url: URL_BASE };

describe('main-content scoring', () => {
  it('finds the story in a plain article page, without menus, sidebar or footer', () => {
    const a = extractArticle(articlePage(), opts);
    expect(a.paragraphs).toEqual(STORY);
    expect(a.text).toBe(STORY.join('\n\n'));
    expect(a.method).toBe('scoring');
  });

  it('works on markup with no helpful class names at all (text and link density alone)', () => {
    const html = `<html><body><div><div>${NAV.replace(/class="[^"]*"/g, '')}</div>
      <div><div><div>${storyHtml()}</div></div>
      <div><ul>${'<li><a href="/x">Another story headline that links away from here</a></li>'.repeat(8)}</ul></div></div>
      <div>${FOOTER.replace(/<\/?footer[^>]*>/g, '')}</div></div></body></html>`;
    const a = extractArticle(html, opts);
    expect(a.paragraphs).toEqual(STORY);
  });

  it('chooses the tight container among nested ones', () => {
    const html = page(`<div id="wrapper"><div class="main"><div class="col">
      <div class="story">${storyHtml()}</div>
      <div class="tools"><a href="/share">Share</a> <a href="/print">Print</a></div>
    </div></div></div>`);
    expect(extractArticle(html, opts).paragraphs).toEqual(STORY);
  });

  it('joins an article split over sibling blocks with an ad slot between them', () => {
    const html = page(`<article><h1>Storm batters coast</h1>
      <div class="body-part">${storyHtml(STORY.slice(0, 3))}</div>
      <div class="ad-slot"><span>Advertisement</span><iframe src="https://ads.example.com/x"></iframe></div>
      <div class="body-part">${storyHtml(STORY.slice(3))}</div></article>`);
    expect(extractArticle(html, opts).paragraphs).toEqual(STORY);
  });

  it('prefers the marked article body (itemprop=articleBody) and says so', () => {
    const html = page(`<div itemscope itemtype="https://schema.org/NewsArticle"><h1 itemprop="headline">Storm</h1>
      <div itemprop="articleBody">${storyHtml()}</div></div>`);
    const a = extractArticle(html, opts);
    expect(a.paragraphs).toEqual(STORY);
    expect(a.method).toBe('itemprop');
  });

  it('is not pulled towards a long comment thread next to the article', () => {
    const comment = (n: number) =>
      `<li class="comment"><div class="comment-author">reader${n}</div><p>I have lived on this coast for forty years, and I can tell you that the town has never once prepared properly for a storm like this, whatever the mayor says now, and the bridges were a disaster waiting to happen.</p></li>`;
    const html = articlePage('', '').replace(
      '</main>',
      `</main><section id="comments"><h2>Comments</h2><ol>${[1, 2, 3, 4, 5, 6, 7, 8, 9].map(comment).join('')}</ol></section>`,
    );
    const a = extractArticle(html, opts);
    expect(a.paragraphs).toEqual(STORY);
  });

  it('leaves out teaser cards of other stories that sit inside the article element', () => {
    const card = (
      n: number,
    ) => `<div class="card"><h3><a href="/story-${n}">Headline of another story number ${n}</a></h3>
      <p>A short blurb about another story, written to tempt the reader into clicking through to it.</p></div>`;
    const html = page(`<article><h1>Storm</h1><div class="text">${storyHtml()}</div>
      <section><h2>More from Example News</h2>${[1, 2, 3, 4].map(card).join('')}</section></article>`);
    const a = extractArticle(html, opts);
    expect(a.paragraphs).toEqual(STORY);
  });

  it('keeps short lines that belong to the story (a list of results) between paragraphs', () => {
    const html = page(`<article><h1>Awards</h1><div class="article-body">
      ${p(STORY[0])}<h2>Best album</h2>${p('The Harbour Band')}${p('Northern Lights – WINNER')}${p('Mara Lee')}
      ${p(STORY[1])}</div></article>`);
    expect(extractArticle(html, opts).paragraphs).toEqual([
      STORY[0],
      'Best album',
      'The Harbour Band',
      'Northern Lights – WINNER',
      'Mara Lee',
      STORY[1],
    ]);
  });

  it('uses only text, never publisher names: the same page under another host gives the same body', () => {
    const a = extractArticle(articlePage(), { url: 'https://www.other-paper.test/a/1' });
    expect(a.paragraphs).toEqual(STORY);
  });

  it('ignores sidebars even when they hold prose', () => {
    const html = page(`<main><article><h1>Storm</h1>${storyHtml()}</article></main>`).replace(
      SIDEBAR,
      `<aside class="sidebar"><p>Sign up to our morning briefing and get the day's most important stories, explained, in your inbox before breakfast every weekday.</p></aside>`,
    );
    expect(extractArticle(html, opts).paragraphs).toEqual(STORY);
  });
});

describe('short stories next to long teaser lists', () => {
  it('keeps a two-paragraph story even when an unmarked list of teasers with blurbs follows it', () => {
    const teaser = (n: number) => `<li><a href="/story-${n}">Another headline from today that leads to story ${n}</a>
      <p>The blurb under the headline sums up story ${n} in a sentence or two, long enough to look like a paragraph.</p></li>`;
    const html = page(`<div class="wrap"><h1>Storm batters coast</h1><div>${storyHtml(STORY.slice(0, 2))}</div>
      <div><ul>${Array.from({ length: 10 }, (_, i) => teaser(i)).join('')}</ul></div></div>`);
    expect(extractArticle(html, opts).paragraphs).toEqual(STORY.slice(0, 2));
  });
});

describe('inline "read more" links inside the story', () => {
  it('do not make the story look like a list of teasers', () => {
    const readMore = (n: number) =>
      `<p><strong>READ MORE:</strong> <a href="/r/${n}">Residents count the cost as floodwaters recede along the coast (${n})</a></p>`;
    const html = page(`<article><h1>Storm</h1><div class="article-body">
      ${p(STORY[0])}${readMore(1)}${p(STORY[1])}${p(STORY[2])}${readMore(2)}${p(STORY[3])}${readMore(3)}${p(STORY[4])}${readMore(4)}${p(STORY[5])}
    </div></article>`);
    expect(extractArticle(html, opts).paragraphs).toEqual(STORY);
  });
});

describe('paragraph markup variants', () => {
  it('reads paragraphs written as <div>s', () => {
    const html = page(
      `<article><h1>Storm</h1><div class="article-body">${STORY.map((t) => `<div class="para">${t}</div>`).join('')}</div></article>`,
    );
    expect(extractArticle(html, opts).paragraphs).toEqual(STORY);
  });

  it('reads paragraphs separated by <br><br> in one block', () => {
    const html = page(`<div id="story"><h1>Storm</h1><div class="txt">${STORY.join('<br>\n<br>\n')}</div></div>`);
    expect(extractArticle(html, opts).paragraphs).toEqual(STORY);
  });

  it('drops a byline line and a lead-image caption before the first paragraph', () => {
    const html = page(`<article><h1>Storm</h1><div class="article-body"><p>By Jane Reporter and Sam Writer</p>
      <figure><img src="/lead.jpg" alt=""><figcaption>Waves over the harbour wall on Monday.</figcaption></figure>${storyHtml()}</div></article>`);
    const a = extractArticle(html, opts);
    expect(a.paragraphs).toEqual(STORY);
    expect(a.html).toContain('<figcaption>Waves over the harbour wall on Monday.</figcaption>');
  });
});
