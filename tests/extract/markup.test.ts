import { describe, expect, it } from 'vitest';
import { extractArticle, verbatimCheck } from '../../src/extract/index.js';
import { STORY, URL_BASE, page, storyHtml } from './pages.js';

const inBody = (html: string) => page(`<article><h1>Storm</h1><div class="body">${html}</div></article>`);

describe('no paragraph carries markup or an undecoded entity as text', () => {
  it('drops a tag the page printed as text (a mangled noscript pixel)', () => {
    const pixel =
      '<p>&lt;img height="1" width="1" style="display:none" src="https://tracker.example.com/px?id=1"&gt;</p>';
    expect(extractArticle(inBody(pixel + storyHtml()), { url: URL_BASE }).paragraphs).toEqual(STORY);
  });

  it('keeps markup a story quotes in code', () => {
    const quoted =
      '<p>The tag <code>&lt;img src="x.png"&gt;</code> shows an image, and every page on the web is built from tags like it.</p>';
    const a = extractArticle(inBody(storyHtml(STORY.slice(0, 3)) + quoted + storyHtml(STORY.slice(3))), {
      url: URL_BASE,
    });
    expect(a.paragraphs).toContain(
      'The tag <img src="x.png"> shows an image, and every page on the web is built from tags like it.',
    );
  });

  it('drops shortcode residue', () => {
    const residue = '<p>[/cta</p><p>[box_colored class="tablebox" title="LF 13"]Vernetzte Systeme[/box_colored]</p>';
    expect(
      extractArticle(inBody(storyHtml(STORY.slice(0, 3)) + residue + storyHtml(STORY.slice(3))), { url: URL_BASE })
        .paragraphs,
    ).toEqual(STORY);
  });

  it('decodes a JSON-LD body written with entities, or with its markup escaped', () => {
    const text = [
      'Uma das lideranças da organização foi presa na terça-feira, segundo a polícia, depois de meses de investigação.',
      'O grupo é antigo e atuava em três cidades da região, disseram os investigadores à imprensa local.',
      'A operação contou com a participação de dezenas de agentes e terminou sem feridos, informou a secretaria.',
    ];
    const encode = (t: string) =>
      t
        .replace(/ç/g, '&ccedil;')
        .replace(/ã/g, '&atilde;')
        .replace(/é/g, '&eacute;')
        .replace(/ê/g, '&ecirc;')
        .replace(/ç/g, '&ccedil;');
    for (const body of [
      text.map(encode).join('\n'),
      text.map((t) => `&lt;p class=&quot;texto&quot;&gt;${encode(t).replace(/&/g, '&amp;')}&lt;/p&gt;`).join(''),
    ]) {
      const ld = `<script type="application/ld+json">${JSON.stringify({ '@type': 'NewsArticle', headline: 'Storm', articleBody: body })}</script>`;
      const html = page('<main><h1>Storm</h1><div id="app"></div></main>', ld);
      const a = extractArticle(html, { url: URL_BASE });
      expect(a.paragraphs).toEqual(text);
      expect(verbatimCheck(html, a.paragraphs).ok).toBe(true);
    }
  });

  it('never reads text inside noscript, template, script, style, svg or comments', () => {
    const hidden = [
      '<noscript><p>Please enable JavaScript to read the rest of this story about the storm and the coast.</p></noscript>',
      '<template><p>Template text for a teaser card that the script fills in later with another story.</p></template>',
      '<script>var story = "Script text that looks like a long paragraph of the story about the coast";</script>',
      '<style>.story { content: "Style text that looks like a paragraph of the story about the coast"; }</style>',
      '<svg><text>SVG text that looks like a paragraph of the story about the storm and the coast.</text></svg>',
      '<!-- <p>A commented-out paragraph of the story about the storm and the flooded coast.</p> -->',
    ].join('');
    const a = extractArticle(inBody(storyHtml(STORY.slice(0, 3)) + hidden + storyHtml(STORY.slice(3))), {
      url: URL_BASE,
    });
    expect(a.paragraphs).toEqual(STORY);
    expect(a.html).not.toMatch(/JavaScript|Template text|Script text|Style text|SVG text|commented-out/);
  });
});
