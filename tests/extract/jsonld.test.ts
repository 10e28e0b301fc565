import { describe, expect, it } from 'vitest';
import { extractArticle, verbatimCheck } from '../../src/extract/index.js';
import { STORY, URL_BASE, articlePage, page } from './pages.js';

const opts = { url: URL_BASE };

function ld(obj: unknown): string {
  return `<script type="application/ld+json">${JSON.stringify(obj)}</script>`;
}

describe('JSON-LD', () => {
  it('takes the body from articleBody when the page renders it with script (JSON-LD only page)', () => {
    const head = ld({
      '@context': 'https://schema.org',
      '@type': 'NewsArticle',
      headline: 'Storm batters coast',
      articleBody: STORY.join('\n'),
    });
    const html = page('<div id="app"><h1>Storm batters coast</h1><div class="loading">Loading…</div></div>', head);
    const a = extractArticle(html, opts);
    expect(a.method).toBe('json-ld');
    expect(a.paragraphs).toEqual(STORY);
  });

  it('prefers articleBody over template text when the markup holds none of the body', () => {
    const about =
      '<div class="about"><p>Example News has covered the northern coast since 1851, with reporters in every county, and is owned by a charitable trust that guarantees its independence from any political party or business interest.</p></div>';
    const head = ld({ '@type': 'NewsArticle', articleBody: STORY.join('\n') });
    const a = extractArticle(page(`<div id="app"><h1>Storm</h1></div>${about}`, head), opts);
    expect(a.method).toBe('json-ld');
    expect(a.paragraphs).toEqual(STORY);
  });

  it('reads an articleBody written in HTML as HTML', () => {
    const head = ld({
      '@type': 'NewsArticle',
      articleBody: STORY.map((t) => `<p>${t.replace('&', '&amp;')}</p>`).join(''),
    });
    const html = page('<div id="app"></div>', head);
    const a = extractArticle(html, opts);
    expect(a.paragraphs).toEqual(STORY);
    expect(verbatimCheck(html, a.paragraphs).ok).toBe(true);
  });

  it('uses articleBody to choose among look-alike blocks, and says so', () => {
    const teaser =
      '<div class="promo-box"><p>Elsewhere today: the city council agreed a new budget that raises spending on roads, schools and parks, after a long night of debate that ran well past midnight.</p></div>';
    const head = ld({ '@type': 'NewsArticle', articleBody: STORY.join('\n\n') });
    const a = extractArticle(articlePage().replace('</main>', `${teaser}</main>`), opts);
    expect(a.paragraphs).toEqual(STORY);
    const b = extractArticle(articlePage('', head), opts);
    expect(b.method).toBe('json-ld');
    expect(b.paragraphs).toEqual(STORY);
  });

  it('reads @graph, type arrays, author lists and image objects', () => {
    const head = ld({
      '@context': 'https://schema.org',
      '@graph': [
        { '@type': 'WebSite', name: 'Example News', url: 'https://news.example.com/' },
        {
          '@type': ['NewsArticle', 'ReportageNewsArticle'],
          headline: 'Storm batters northern coast',
          datePublished: '2024-03-04T09:15:00-05:00',
          dateModified: '2024-03-04T11:02:30-05:00',
          author: [
            { '@type': 'Person', name: 'Jane Reporter' },
            { '@type': 'Person', name: 'Sam Writer' },
          ],
          image: [{ '@type': 'ImageObject', url: '/img/lead.jpg', width: 1200 }],
          publisher: { '@type': 'Organization', name: 'Example News' },
          inLanguage: 'en-US',
        },
      ],
    });
    const m = extractArticle(articlePage('', head), opts).metadata;
    expect(m.title).toBe('Storm batters northern coast');
    expect(m.byline).toBe('Jane Reporter, Sam Writer');
    expect(m.publishedAt).toBe('2024-03-04T09:15:00-05:00');
    expect(m.modifiedAt).toBe('2024-03-04T11:02:30-05:00');
    expect(m.image).toBe('https://news.example.com/img/lead.jpg');
  });

  it('survives broken JSON-LD (raw newlines in strings, syntax errors)', () => {
    const head = `<script type="application/ld+json">{"@type":"NewsArticle","headline":"Storm\nbatters coast"}</script><script type="application/ld+json">{not json</script>`;
    const a = extractArticle(articlePage('', head), opts);
    expect(a.metadata.title).toBe('Storm batters coast');
    expect(a.paragraphs).toEqual(STORY);
  });
});
