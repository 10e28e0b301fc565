import { describe, expect, it } from 'vitest';
import { extractArticle, verbatimCheck } from '../../src/extract/index.js';
import { STORY, URL_BASE, p, page, storyHtml } from './pages.js';

const opts = { url: URL_BASE };

/** The story with `junk` inserted after the third paragraph, inside the body container. */
function withInside(junk: string): string {
  return page(`<article><h1>Storm batters coast</h1><div class="article-body">
    ${storyHtml(STORY.slice(0, 3))}${junk}${storyHtml(STORY.slice(3))}</div></article>`);
}

function body(html: string): string[] {
  return extractArticle(html, opts).paragraphs;
}

describe('boilerplate inside the article container', () => {
  it('drops share bars', () => {
    const junk = `<div class="share-bar"><a href="https://twitter.com/intent/tweet">Share on X</a> <a href="https://facebook.com/sharer">Share on Facebook</a> <button>Copy link</button></div>`;
    expect(body(withInside(junk))).toEqual(STORY);
  });

  it('drops "related" and "read more" lists', () => {
    const related = `<div class="related-stories"><h3>Related</h3><ul>
      <li><a href="/1">Town votes to rebuild the sea wall after years of delay</a></li>
      <li><a href="/2">How climate change is making coastal storms stronger</a></li></ul></div>`;
    const readMore = `<p><strong>Read more:</strong> <a href="/3">Photos: the storm from above, in pictures from our drone team</a></p>`;
    expect(body(withInside(related + readMore))).toEqual(STORY);
  });

  it('drops "recent posts" widgets that carry no telling class', () => {
    const recent = `<div><h4>Recent posts</h4><ul><li><a href="/r1">Harbour festival returns after two years</a></li>
      <li><a href="/r2">New ferry timetable announced for the summer season</a></li>
      <li><a href="/r3">Local school wins national robotics prize</a></li></ul></div>`;
    expect(body(withInside(recent))).toEqual(STORY);
  });

  it('drops newsletter and subscription prompts', () => {
    const junk = `<div class="newsletter-signup"><p>Get the morning briefing: the news you need to start your day, delivered to your inbox every weekday.</p><form><input type="email"><button>Sign up</button></form></div>
      <p>Subscribe to Example News for unlimited access to our journalism.</p>`;
    expect(body(withInside(junk))).toEqual(STORY);
  });

  it('drops ads and their labels', () => {
    const junk = `<div class="ad ad-mpu" id="div-gpt-ad-123"><p>Advertisement</p></div><p>ADVERTISEMENT</p><p>Story continues below advertisement</p>`;
    expect(body(withInside(junk))).toEqual(STORY);
  });

  it('drops comment sections', () => {
    const junk = `<div id="comments" class="comments-area"><h3>3 comments</h3>
      <div class="comment"><p>This is the worst storm coverage I have read, you should have sent a reporter to the harbour instead of quoting the mayor.</p></div></div>`;
    const html = withInside('').replace('</article>', `${junk}</article>`);
    expect(body(html)).toEqual(STORY);
  });

  it('drops embedded social posts', () => {
    const junk = `<blockquote class="twitter-tweet"><p lang="en">Water up to the door handles on Main Street right now, stay safe everyone, this is unreal.</p>— Someone (@someone) March 4, 2024</blockquote>`;
    expect(body(withInside(junk))).toEqual(STORY);
  });

  it('keeps captions as captions: in the html figure, not in the running text; credits alone go', () => {
    const figure = `<figure><img src="/img/flood.jpg" alt="Flooded street"><figcaption>Seawater floods Main Street in Coastville on Monday. <span class="credit">Photo: J. Doe/Wire</span></figcaption></figure>
      <div class="image-credit">Getty Images</div>`;
    const a = extractArticle(withInside(figure), opts);
    expect(a.paragraphs).toEqual(STORY);
    expect(a.html).toMatch(
      /<figure>\s*<img src="https:\/\/news.example.com\/img\/flood.jpg" alt="Flooded street" \/>\s*<figcaption>/,
    );
    expect(a.html).toContain('<figcaption>Seawater floods Main Street in Coastville on Monday.</figcaption>');
    expect(a.html).not.toContain('Getty');
  });

  it('drops bylines, datelines bars and the headline from the body', () => {
    const html =
      page(`<article><h1>Storm batters coast</h1><div class="article-meta"><span>By Jane Reporter</span> <time datetime="2024-03-04T09:00:00Z">March 4, 2024</time></div>
      <p>Published March 4, 2024 9:00am EST | Updated March 4, 2024 11:30am EST</p>${storyHtml()}</article>`);
    expect(body(html)).toEqual(STORY);
  });

  it('drops trailing tags, share labels and copyright lines but keeps the sign-off', () => {
    const html = withInside('').replace(
      '</div></article>',
      `${p('Additional reporting by Sam Writer in Portland; editing by Kim Editor.')}
      <p>Copyright © 2024 Example News. Click here for reprint permission.</p>
      <div><a href="/tag/storms">Storms</a> <a href="/tag/maine">Maine</a></div><p>Share</p></div></article>`,
    );
    expect(body(html)).toEqual([...STORY, 'Additional reporting by Sam Writer in Portland; editing by Kim Editor.']);
  });

  it('drops separators made of punctuation only', () => {
    expect(body(withInside('<p>___</p><p>* * *</p>'))).toEqual(STORY);
  });

  it('removes operator-named blocks with `drop` and keeps what the heuristics keep', () => {
    const html = withInside(
      `<div class="editors-note"><p>This story has been updated with the number of people in shelters, which officials revised on Monday night.</p></div>`,
    );
    expect(body(html)).toContain(
      'This story has been updated with the number of people in shelters, which officials revised on Monday night.',
    );
    expect(extractArticle(html, { ...opts, drop: ['.editors-note'] }).paragraphs).toEqual(STORY);
  });
});

describe('hidden text', () => {
  it('leaves out what a reader never sees, keeps what utility CSS shows at some widths', () => {
    const html =
      withInside(`<p style="display:none">Hidden by style: this sentence is long enough to be a paragraph if it were shown.</p>
      <p class="sr-only">For screen readers only: this sentence is long enough to be a paragraph as well.</p>
      <div hidden><p>Hidden attribute: this sentence is long enough to be a paragraph on its own too.</p></div>
      <p class="hidden md:block">Shown on wide screens: officials said the bridges would reopen by Friday at the latest.</p>`);
    const a = extractArticle(html, opts);
    expect(a.paragraphs.join(' ')).not.toMatch(/Hidden by style|screen readers|Hidden attribute/);
    expect(a.paragraphs).toContain(
      'Shown on wide screens: officials said the bridges would reopen by Friday at the latest.',
    );
  });
});

describe('a removed region leaves a block boundary', () => {
  it('keeps the text before and after a removed box as two paragraphs, each verbatim', () => {
    const html = page(
      `<article><h1>Storm</h1><div class="article-body">${STORY[0]}<div class="newsletter-signup"><a href="/nl">Get our newsletter</a></div>${STORY[1]}${storyHtml(STORY.slice(2))}</div></article>`,
    );
    const a = extractArticle(html, { url: URL_BASE });
    expect(a.paragraphs).toEqual(STORY);
    expect(verbatimCheck(html, a.paragraphs).ok).toBe(true);
  });

  it('splits at an inline ad slot that holds a block, as the page does, each part verbatim', () => {
    const first =
      'The state agency said shelters in four counties had taken in more than 1,200 people overnight and that the';
    const second = 'schools would stay closed on Tuesday while engineers inspected the bridges and roads.';
    const html = page(
      `<article><h1>Storm</h1><div class="article-body">${storyHtml(STORY.slice(0, 3))}<p>${first}<span class="ad-slot"><div>Advertisement: buy now</div></span> ${second}</p>${storyHtml(STORY.slice(3))}</div></article>`,
    );
    const a = extractArticle(html, { url: URL_BASE });
    expect(a.paragraphs).toEqual([...STORY.slice(0, 3), first, second, ...STORY.slice(3)]);
    expect(verbatimCheck(html, a.paragraphs).ok).toBe(true);
  });
});
