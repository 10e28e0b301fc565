import { describe, expect, it } from 'vitest';
import { extractArticle } from '../../src/extract/index.js';
import { STORY, URL_BASE, page, storyHtml } from './pages.js';

function articleWith(html: string): string {
  return page(`<article><h1>Storm batters northern coast</h1><div class="body">${html}</div></article>`);
}

describe('add-ons around the story', () => {
  it('drops an appeal box after the story, with what the box holds', () => {
    const box = '<p>If you enjoyed reading this story, would you consider supporting our work? Just click here.</p><p>All the best, the editors</p>';
    expect(extractArticle(articleWith(storyHtml() + box), { url: URL_BASE }).paragraphs).toEqual(STORY);
  });

  it('drops prompts and small print wherever they sit, in several languages', () => {
    const lines = [
      'Photo: Jane Smith/Agency', 'Quelle: Landesregierung', 'Follow The Daily on Twitter and Instagram @daily',
      'Síguenos en Telegram, Instagram, Facebook y Twitter', 'War der Artikel nützlich?', '— Jane Doe (@janedoe) March 4, 2024', 'For the latest stories download our app for iOS and Android.',
    ];
    const html = storyHtml(STORY.slice(0, 2)) + lines.map((l) => `<p>${l}</p>`).join('') + storyHtml(STORY.slice(2));
    expect(extractArticle(articleWith(html), { url: URL_BASE }).paragraphs).toEqual(STORY);
  });

  it('keeps story lines that only start like a prompt', () => {
    const kept = ['Follow the latest updates below:', 'Sources said the bridge would reopen on Friday, once engineers had finished their inspection of the span.'];
    const html = storyHtml(STORY.slice(0, 3)) + kept.map((l) => `<p>${l}</p>`).join('') + storyHtml(STORY.slice(3));
    expect(extractArticle(articleWith(html), { url: URL_BASE }).paragraphs).toEqual([...STORY.slice(0, 3), ...kept, ...STORY.slice(3)]);
  });
});
