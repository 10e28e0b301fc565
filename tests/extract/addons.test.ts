import { describe, expect, it } from 'vitest';
import { extractArticle } from '../../src/extract/index.js';
import { STORY, URL_BASE, page, storyHtml } from './pages.js';

function articleWith(html: string): string {
  return page(`<article><h1>Storm batters northern coast</h1><div class="body">${html}</div></article>`);
}

describe('add-ons around the story', () => {
  it('drops an appeal box after the story, with what the box holds', () => {
    const box =
      '<p>If you enjoyed reading this story, would you consider supporting our work? Just click here.</p><p>All the best, the editors</p>';
    expect(extractArticle(articleWith(storyHtml() + box), { url: URL_BASE }).paragraphs).toEqual(STORY);
  });

  it('drops prompts and small print wherever they sit, in several languages', () => {
    const lines = [
      'Photo: Jane Smith/Agency',
      'Quelle: Landesregierung',
      'Follow The Daily on Twitter and Instagram @daily',
      'Síguenos en Telegram, Instagram, Facebook y Twitter',
      'War der Artikel nützlich?',
      '— Jane Doe (@janedoe) March 4, 2024',
      '(Credit: Jane Smith / Agency)',
      'Rezept drucken',
      'Dieses Skript als PDF herunterladen',
      'This post contains references to products from one or more of our advertisers. We may receive compensation when you click on links to those products.',
      'For the latest stories download our app for iOS and Android.',
    ];
    const html = storyHtml(STORY.slice(0, 2)) + lines.map((l) => `<p>${l}</p>`).join('') + storyHtml(STORY.slice(2));
    expect(extractArticle(articleWith(html), { url: URL_BASE }).paragraphs).toEqual(STORY);
  });

  it('keeps story lines that only start like a prompt', () => {
    const kept = [
      'Follow the latest updates below:',
      'Sources said the bridge would reopen on Friday, once engineers had finished their inspection of the span.',
    ];
    const html = storyHtml(STORY.slice(0, 3)) + kept.map((l) => `<p>${l}</p>`).join('') + storyHtml(STORY.slice(3));
    expect(extractArticle(articleWith(html), { url: URL_BASE }).paragraphs).toEqual([
      ...STORY.slice(0, 3),
      ...kept,
      ...STORY.slice(3),
    ]);
  });

  it('drops datelines and bylines before the story in the corpus languages, and disclosure or next-story boxes by class', () => {
    const before = '<p>Pubblicato il 19 Febbraio 2020</p><p>von Anja Schmoll-Trautmann am 14. Mai 2014, 15:40 Uhr</p>';
    const boxes =
      '<section class="editorial-disclosure"><p>We may receive compensation from the products we review, which is how we fund the desk.</p></section>';
    const next =
      '<div class="next-post"><p>The good folks at the choir are still doing their thing, and now they have two new singers in the lineup.</p></div>';
    const html = articleWith(before + boxes + storyHtml() + next);
    expect(extractArticle(html, { url: URL_BASE }).paragraphs).toEqual(STORY);
  });

  it('ends the story at an interface string and the list a widget loaded after it', () => {
    const widget =
      '<p>Something went wrong with the connection!</p><ul><li>Markets slide as oil prices jump after supply talks collapse, and traders brace for a long week of losses.</li><li>Election officials prepare for record turnout in the spring primaries across the state.</li></ul>';
    expect(extractArticle(articleWith(storyHtml() + widget), { url: URL_BASE }).paragraphs).toEqual(STORY);
  });
});
