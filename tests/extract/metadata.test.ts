import { describe, expect, it } from 'vitest';
import { extractArticle } from '../../src/extract/index.js';
import { URL_BASE, articlePage } from './pages.js';

function meta(head: string, url = URL_BASE) {
  return extractArticle(articlePage('', head), { url }).metadata;
}

describe('metadata', () => {
  it('reads Open Graph and article:* tags', () => {
    const m = meta(`
      <link rel="canonical" href="/world/2024/03/04/storm-hits-coast?utm_source=twitter&utm_medium=social&id=7">
      <meta property="og:title" content="Storm batters northern coast, cutting power to thousands">
      <meta property="og:site_name" content="Example News">
      <meta property="og:description" content="Tens of thousands are without power after the storm.">
      <meta property="og:image" content="https://cdn.example.com/lead.jpg">
      <meta property="article:published_time" content="2024-03-04T14:15:00Z">
      <meta property="article:modified_time" content="2024-03-04T16:20:00+01:00">
      <meta name="author" content="Jane Reporter">`);
    expect(m).toEqual({
      canonicalUrl: 'https://news.example.com/world/2024/03/04/storm-hits-coast?id=7',
      title: 'Storm batters northern coast, cutting power to thousands',
      byline: 'Jane Reporter',
      publishedAt: '2024-03-04T14:15:00+00:00',
      modifiedAt: '2024-03-04T16:20:00+01:00',
      language: 'en',
      image: 'https://cdn.example.com/lead.jpg',
      siteName: 'Example News',
      description: 'Tens of thousands are without power after the storm.',
    });
  });

  it('falls back from rel=canonical to og:url to the final URL, tracking parameters removed', () => {
    expect(
      meta('<meta property="og:url" content="https://news.example.com/s/1?fbclid=abc&page=2#top">').canonicalUrl,
    ).toBe('https://news.example.com/s/1?page=2');
    expect(meta('', 'https://news.example.com/s/2?utm_campaign=x&gclid=y').canonicalUrl).toBe(
      'https://news.example.com/s/2',
    );
  });

  it('takes the title from the page when there is no metadata, without the site-name tail', () => {
    const m = meta('');
    expect(m.title).toBe('Storm batters northern coast, cutting power to thousands');
  });

  it('normalises dates to ISO 8601 with an offset, whatever form the page uses', () => {
    expect(meta('<meta property="article:published_time" content="2024-03-04 09:15">').publishedAt).toBe(
      '2024-03-04T09:15:00+00:00',
    );
    expect(meta('<meta name="date" content="Mon, 04 Mar 2024 14:15:00 GMT">').publishedAt).toBe(
      '2024-03-04T14:15:00+00:00',
    );
    expect(meta('<meta property="article:published_time" content="2024-03-04T09:15:00.000+0530">').publishedAt).toBe(
      '2024-03-04T09:15:00+05:30',
    );
    expect(meta('<meta property="article:published_time" content="not a date">').publishedAt).toBeNull();
  });

  it('reads the language from <html lang>, meta, or og:locale', () => {
    const html = articlePage('', '<meta property="og:locale" content="pt_BR">').replace('<html lang="en">', '<html>');
    expect(extractArticle(html, { url: URL_BASE }).metadata.language).toBe('pt-BR');
  });

  it('finds a byline marked up with rel=author when nothing else names one', () => {
    const html = articlePage().replace(
      '<div class="byline">By Jane Reporter</div>',
      '<a rel="author" href="/by/jane">Jane Reporter</a>',
    );
    expect(extractArticle(html, { url: URL_BASE }).metadata.byline).toBe('Jane Reporter');
  });
});
