/** Small hand-written pages for the extractor's unit tests. */

export const URL_BASE = 'https://news.example.com/world/2024/03/04/storm-hits-coast';

/** Six paragraphs of plausible wire copy, each long enough to read as article text. */
export const STORY = [
  'COASTVILLE, Maine (Wire) — A powerful storm battered the northern coast on Monday, knocking out power to tens of thousands of homes, flooding low-lying streets and forcing the closure of two bridges, officials said.',
  'The storm, which forecasters had tracked for days, arrived earlier than expected, bringing gusts of up to 80 miles per hour and a surge that pushed seawater several blocks inland.',
  '“We have not seen water like this in a generation,” said Mayor Ellen Porter, standing outside the flooded town hall. “People did the right thing and left early, and that saved lives.”',
  'Utility crews from three states were on their way, but officials warned that some neighborhoods could remain without electricity until the end of the week, as fallen trees blocked access roads.',
  'The state’s emergency management agency said shelters in four counties had taken in more than 1,200 people overnight, and that schools would stay closed on Tuesday while engineers inspected the bridges.',
  'Forecasters expect the storm to weaken as it moves out to sea on Tuesday afternoon, though heavy rain could still cause rivers to rise through Wednesday, the National Weather Service said.',
];

export function p(text: string): string {
  return `<p>${text}</p>`;
}

export function storyHtml(paragraphs: readonly string[] = STORY): string {
  return paragraphs.map(p).join('\n');
}

export const NAV = `<nav class="site-nav"><ul>
  <li><a href="/">Home</a></li><li><a href="/world">World</a></li><li><a href="/politics">Politics</a></li>
  <li><a href="/business">Business</a></li><li><a href="/sport">Sport</a></li><li><a href="/culture">Culture</a></li>
</ul></nav>`;

export const FOOTER = `<footer class="site-footer"><p>© 2024 Example News Ltd. All rights reserved. Example News is not responsible for the content of external sites. Read about our approach to external linking.</p>
<ul><li><a href="/about">About us</a></li><li><a href="/contact">Contact</a></li><li><a href="/privacy">Privacy policy</a></li></ul></footer>`;

export const SIDEBAR = `<aside class="sidebar"><h3>Most read</h3><ol>
  <li><a href="/a">Markets slide as oil prices jump after supply talks collapse</a></li>
  <li><a href="/b">Election officials prepare for record turnout in the spring primaries</a></li>
  <li><a href="/c">The best new restaurants opening this spring, reviewed by our critics</a></li>
</ol></aside>`;

export function page(body: string, head = '', lang = 'en'): string {
  return `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><title>Storm hits coast | Example News</title>${head}</head>
<body>${NAV}<div class="layout">${body}${SIDEBAR}</div>${FOOTER}</body></html>`;
}

/** A plain article page: headline, byline and the story in an <article>. */
export function articlePage(extraInBody = '', head = ''): string {
  return page(
    `<main><article><h1>Storm batters northern coast, cutting power to thousands</h1>
<div class="byline">By Jane Reporter</div>
<div class="article-body">${storyHtml()}${extraInBody}</div></article></main>`,
    head,
  );
}
