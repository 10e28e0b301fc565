import { describe, expect, it } from 'vitest';
import { extractArticle } from '../../src/extract/index.js';
import { isDateAlone } from '../../src/extract/boundary.js';
import { STORY, URL_BASE, page, storyHtml } from './pages.js';

const TEASERS = [
  'Markets slide as oil prices jump after supply talks collapse in Vienna',
  'Election officials prepare for record turnout in the spring primaries',
  'The best new restaurants opening this spring, reviewed by our critics',
];

function articleWith(after: string, before = ''): string {
  return page(
    `<article><h1>Storm batters northern coast</h1><div class="body">${before}${storyHtml()}${after}</div></article>`,
  );
}

describe('where the story stops', () => {
  it('ends the body at a "more from" section heading, in the corpus languages', () => {
    for (const heading of [
      'More from World',
      'Ähnliche Beiträge',
      'Das könnte Sie auch interessieren',
      'À lire aussi',
      'Noticias relacionadas',
      'Veja também:',
      '相关文章',
      'Weitere Informationen',
      'Weitere aktuelle Themen aus der Arbeitswelt',
      'Vous aimerez aussi',
    ]) {
      const teasers = TEASERS.map(
        (t) => `<h3>${t}</h3><p>${t}, and a line of blurb under the headline that reads like text.</p>`,
      ).join('');
      const a = extractArticle(articleWith(`<h2>${heading}</h2>${teasers}`), { url: URL_BASE });
      expect(a.paragraphs, heading).toEqual(STORY);
    }
  });

  it('keeps a subheading that only starts like a section heading', () => {
    const html = page(
      `<article><h1>Storm</h1><div class="body">${storyHtml(STORY.slice(0, 4))}<h3>Empfehlungen von Dennis:</h3>${storyHtml(STORY.slice(4))}</div></article>`,
    );
    expect(extractArticle(html, { url: URL_BASE }).paragraphs).toEqual([
      ...STORY.slice(0, 4),
      'Empfehlungen von Dennis:',
      ...STORY.slice(4),
    ]);
  });

  it('drops an author box inside the article container', () => {
    const box =
      '<div class="post-author"><p>Jane Reporter is the co-founder of a local newsletter and has covered the northern coast for the paper since 2009.</p></div>';
    expect(extractArticle(articleWith(box), { url: URL_BASE }).paragraphs).toEqual(STORY);
  });

  it('keeps reading after an inline "Read more: <headline>" line and a heading floated near the top', () => {
    const inline = '<p>Read more: <a href="/x">Storm season starts early this year, scientists say</a></p>';
    const html = page(
      `<article><h1>Storm</h1><div class="body">${storyHtml(STORY.slice(0, 3))}${inline}${storyHtml(STORY.slice(3))}</div></article>`,
    );
    expect(extractArticle(html, { url: URL_BASE }).paragraphs).toEqual(STORY);
    const early = page(
      `<article><h1>Storm</h1><div class="body">${storyHtml(STORY.slice(0, 2))}<h3>Related</h3>${storyHtml(STORY.slice(2))}</div></article>`,
    );
    expect(extractArticle(early, { url: URL_BASE }).paragraphs).toEqual(STORY);
  });

  it('ends the body at a teaser list of headline, date, blurb', () => {
    const list = TEASERS.map(
      (t, i) =>
        `<h4>${t}</h4><p>0${i + 1}.12.2022</p><p>${t}: the first lines of that other story, long enough to read as a paragraph of text.</p>`,
    ).join('');
    const a = extractArticle(articleWith(list), { url: URL_BASE });
    expect(a.paragraphs).toEqual(STORY);
  });

  it('ends the body at a run of link lines', () => {
    const links = TEASERS.map((t) => `<p><a href="/${t.length}">${t}</a></p>`).join('');
    const a = extractArticle(articleWith(`${links}<p>${STORY[0].replace('powerful', 'different')}</p>`), {
      url: URL_BASE,
    });
    expect(a.paragraphs).toEqual(STORY);
  });

  it('drops a date alone as a paragraph, keeps a sentence with a date', () => {
    for (const d of [
      'February 29, 2024',
      '01.12.2022',
      'Jueves 21 abril, 2022',
      '3. März 2024, 10:15 Uhr',
      '2024-03-01',
    ])
      expect(isDateAlone(d), d).toBe(true);
    for (const t of ['On February 29, 2024 the storm came.', 'Chapter 3', 'Mai Thi Nguyen-Kim', '2024'])
      expect(isDateAlone(t), t).toBe(t === '2024');
    const html = page(
      `<article><h1>Storm</h1><div class="body">${storyHtml(STORY.slice(0, 3))}<p>February 29, 2024</p>${storyHtml(STORY.slice(3))}</div></article>`,
    );
    const a = extractArticle(html, { url: URL_BASE });
    expect(a.paragraphs).toEqual(STORY);
  });
});
