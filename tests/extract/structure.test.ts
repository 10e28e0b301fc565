import { describe, expect, it } from 'vitest';
import { extractArticle } from '../../src/extract/index.js';
import { STORY, URL_BASE, p, page } from './pages.js';

const opts = { url: URL_BASE };

describe('reading order and structure', () => {
  const html = page(`<article><h1>Storm batters coast</h1><div class="article-body">
    ${p(STORY[0])}
    <h2>What to <em>expect</em> next</h2>
    ${p(STORY[1])}
    <ul><li>Shelters are open in <a href="/shelters">four counties</a>.</li><li>Schools are closed on Tuesday.</li></ul>
    <blockquote><p>${STORY[2]}</p></blockquote>
    <figure><img data-src="/img/a.jpg" src="data:image/gif;base64,R0lGOD" alt="Flood"><figcaption>Main Street on Monday.</figcaption></figure>
    ${p(STORY[3])}
    <ol><li>Stay indoors.</li><li>Avoid flooded roads.</li></ol>
    ${p(STORY[4])}
  </div></article>`);

  it('keeps subheadings, list items and quotes in reading order, each block verbatim', () => {
    expect(extractArticle(html, opts).paragraphs).toEqual([
      STORY[0],
      'What to expect next',
      STORY[1],
      'Shelters are open in four counties.',
      'Schools are closed on Tuesday.',
      STORY[2],
      STORY[3],
      'Stay indoors.',
      'Avoid flooded roads.',
      STORY[4],
    ]);
  });

  it('renders the same blocks as allow-listed html, with structure and absolute URLs', () => {
    const out = extractArticle(html, opts).html;
    expect(out).toContain('<h2>What to <em>expect</em> next</h2>');
    expect(out).toMatch(
      /<ul>\s*<li>Shelters are open in <a href="https:\/\/news\.example\.com\/shelters">four counties<\/a>\.<\/li>\s*<li>Schools are closed on Tuesday\.<\/li>\s*<\/ul>/,
    );
    expect(out).toMatch(/<blockquote>\s*<p>“We have not seen water/);
    // Lazy-loaded image: the real source, not the placeholder.
    expect(out).toMatch(
      /<figure>\s*<img src="https:\/\/news\.example\.com\/img\/a\.jpg" alt="Flood" \/>\s*<figcaption>Main Street on Monday\.<\/figcaption>\s*<\/figure>/,
    );
    expect(out).toMatch(/<ol>\s*<li>Stay indoors\.<\/li>/);
  });

  it('never lets scripts, handlers, styles, classes or unsafe URLs through', () => {
    const dirty = page(`<article><h1>Storm</h1><div class="article-body">
      ${p(STORY[0])}
      <p class="x" style="color:red" onclick="steal()">Officials urged residents to <a href="javascript:alert(1)" onmouseover="x()">stay away</a> from the shore and to <a href="//cdn.example.com/map">check the map</a> before travelling anywhere.</p>
      <script>alert(1)</script><style>p{}</style>
      ${p(STORY[1])}</div></article>`);
    const out = extractArticle(dirty, opts).html;
    expect(out).not.toMatch(/script|onclick|onmouseover|style=|class=|javascript:/i);
    // Protocol-relative links are resolved against the page, so they stay (and are absolute).
    expect(out).toContain('<a href="https://cdn.example.com/map">check the map</a>');
    expect(out).toContain('stay away');
  });

  it('splits paragraphs only where the page breaks the line twice, and keeps single breaks as <br>', () => {
    const brs = page(`<article><h1>Storm</h1><div class="article-body">
      <p>${STORY[0]}<br><br>${STORY[1]}</p><p>${STORY[2]}<br>${STORY[3]}</p></div></article>`);
    const a = extractArticle(brs, opts);
    expect(a.paragraphs).toEqual([STORY[0], STORY[1], `${STORY[2]} ${STORY[3]}`]);
    expect(a.html).toContain(`${STORY[2]}<br />${STORY[3]}`);
  });

  it('decodes entities and folds whitespace, nothing else', () => {
    const text =
      'Prices rose 5&nbsp;% at Smith &amp; Sons, the &quot;biggest&quot;\n     jump since 1998 &mdash; or so the owners said, standing beside their shop on the harbour front.';
    const a = extractArticle(page(`<article><h1>Storm</h1><p>${text}</p>${p(STORY[0])}</article>`), opts);
    expect(a.paragraphs[0]).toBe(
      'Prices rose 5 % at Smith & Sons, the "biggest" jump since 1998 — or so the owners said, standing beside their shop on the harbour front.',
    );
  });

  it('reads layout tables through and keeps a short data table cell by cell (long ones: tables.test.ts)', () => {
    const tables =
      page(`<article><h1>Results</h1><table><tr><td>${p(STORY[0])}${p(STORY[1])}${p(STORY[2])}</td></tr></table>
      <table><tr><th>Team</th><th>Points</th></tr><tr><td>Harbour FC</td><td>12</td></tr></table>${p(STORY[3])}</article>`);
    expect(extractArticle(tables, opts).paragraphs).toEqual([
      ...STORY.slice(0, 3),
      'Team',
      'Points',
      'Harbour FC',
      '12',
      STORY[3],
    ]);
  });
});

describe('standfirst', () => {
  const head =
    '<meta property="og:title" content="Storm batters coast"><meta name="description" content="Tens of thousands without power as seawater floods low-lying streets">';

  it('puts the standfirst printed above the body first, found by the page description', () => {
    const html = page(
      `<article><header><h1>Storm batters coast</h1><div class="standfirst"><p>Tens of thousands without power as seawater floods low-lying streets</p></div>
      <div class="byline">By Jane Reporter</div></header><div class="article-body">${STORY.map(p).join('')}</div></article>`,
      head,
    );
    expect(extractArticle(html, opts).paragraphs).toEqual([
      'Tens of thousands without power as seawater floods low-lying streets',
      ...STORY,
    ]);
  });

  it('takes the subheading right under the headline as the dek', () => {
    const html = page(
      `<article><h1>Storm batters coast</h1><h2 class="sub-headline">Officials warn some homes could be without power until the weekend</h2>
      <div class="article-body">${STORY.map(p).join('')}</div></article>`,
      '<meta property="og:title" content="Storm batters coast">',
    );
    expect(extractArticle(html, opts).paragraphs[0]).toBe(
      'Officials warn some homes could be without power until the weekend',
    );
  });

  it('does not take a site tagline under a logo <h1> for a dek', () => {
    const html = `<html><head><meta property="og:title" content="Storm batters coast"></head><body><div class="page">
      <header><h1 class="logo">Example News</h1><p>Independent reporting from the northern coast since 1851</p></header>
      <article><h2>Storm batters coast</h2><div class="article-body">${STORY.map(p).join('')}</div></article></div></body></html>`;
    expect(extractArticle(html, opts).paragraphs).toEqual(STORY);
  });
});
