/**
 * A small local "news agency": an RSS feed and article pages with the boilerplate real news sites carry
 * (navigation, share buttons, "Recent posts", related links, comments, footer). Used by `npm run demo`
 * and by the integration tests; it listens on 127.0.0.1 only.
 */
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface AgencyArticle {
  slug: string;
  /** As written in the feed's <title> (XML-escaped text). */
  headline: string;
  byline: string;
  published: string;
  paragraphs: string[];
}

export const AGENCY_ARTICLES: AgencyArticle[] = JSON.parse(
  readFileSync(new URL('./agency/articles.json', import.meta.url), 'utf8'),
);

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const xmlText = (escapedXml: string) => escapedXml.replace(/&amp;/g, '&');

export function articlePage(origin: string, a: AgencyArticle, all: AgencyArticle[]): string {
  const others = all.filter((o) => o.slug !== a.slug);
  const headline = esc(xmlText(a.headline));
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>${headline} | Demo Agency</title>
<link rel="canonical" href="${origin}/news/${a.slug}">
<meta property="og:url" content="${origin}/news/${a.slug}?utm_source=og">
<meta property="og:title" content="${headline}">
<meta property="og:site_name" content="Demo Agency">
<meta property="article:published_time" content="${a.published}">
<meta name="author" content="${esc(a.byline.replace(/^By /, ''))}">
</head>
<body>
<header class="site-header">
  <nav class="main-nav"><ul>
    <li><a href="/">Home</a></li><li><a href="/world">World</a></li><li><a href="/business">Business</a></li>
    <li><a href="/markets">Markets</a></li><li><a href="/sport">Sport</a></li><li><a href="/about">About us</a></li>
  </ul></nav>
  <form class="search"><input name="q" placeholder="Search"></form>
</header>
<main>
  <article class="story">
    <h1 class="story-title">${headline}</h1>
    <div class="byline">${esc(a.byline)} · <time datetime="${a.published}">${a.published.slice(0, 10)}</time></div>
    <div class="share-bar"><a href="https://twitter.com/share">Share on X</a> <a href="https://facebook.com/share">Share on Facebook</a> <a href="mailto:?">Email</a></div>
    <div class="story-body">
${a.paragraphs.map((p) => `      <p>${esc(p)}</p>`).join('\n')}
    </div>
    <div class="newsletter-signup"><p>Get the morning briefing in your inbox. Sign up for our newsletter today.</p><button>Subscribe</button></div>
    <section class="related-links"><h3>Related stories</h3><ul>
${others.map((o) => `      <li><a href="/news/${o.slug}">${esc(xmlText(o.headline))}</a></li>`).join('\n')}
    </ul></section>
  </article>
  <aside class="sidebar">
    <section class="recent-posts"><h3>Recent posts</h3><ul>
      <li><a href="/news/markets-close-higher">Markets close higher on tech rally</a></li>
      <li><a href="/news/election-results">Election results: what we know so far</a></li>
      <li><a href="/news/weather-weekend">Weekend weather: cold snap expected across the north</a></li>
    </ul></section>
    <div class="ad-slot">Advertisement</div>
  </aside>
  <section class="comments" id="comments"><h3>3 comments</h3>
    <div class="comment"><p>Reader one: This is exactly what I expected, and frankly it's about time somebody said it.</p></div>
    <div class="comment"><p>Reader two: I disagree with the previous commenter and think the article misses the point entirely.</p></div>
  </section>
</main>
<footer class="site-footer"><p>© 2026 Demo Agency. All rights reserved.</p><p><a href="/terms">Terms</a> · <a href="/privacy">Privacy</a> · <a href="/contact">Contact</a></p></footer>
</body>
</html>`;
}

export function rssFeed(origin: string, articles: AgencyArticle[], extra: string[] = []): string {
  const items = articles.map(
    (a) => `  <item>
    <title>${a.headline}</title>
    <link>${origin}/news/${a.slug}</link>
    <guid isPermaLink="false">demo-agency-${a.slug}</guid>
    <pubDate>${new Date(a.published).toUTCString()}</pubDate>
    <description>${esc(a.paragraphs[0])}</description>
  </item>`,
  );
  return `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0">
<channel>
  <title>Demo Agency: Top News</title>
  <link>${origin}/</link>
  <description>Top stories from the Demo Agency</description>
${[...items, ...extra].join('\n')}
</channel>
</rss>
`;
}

export interface Agency {
  origin: string;
  server: Server;
  /** Requests per path, for assertions. */
  hits: Map<string, number>;
  /** Feed items added after the sample articles (raw <item> XML). */
  extraItems: string[];
  articles: AgencyArticle[];
  close(): Promise<void>;
}

/**
 * Starts the agency on 127.0.0.1 (random port unless given). Besides the articles it serves
 * /news/missing-story (404) and /news/broken-story (500) for failure paths.
 */
export async function startAgency(opts: { port?: number; articles?: AgencyArticle[] } = {}): Promise<Agency> {
  const hits = new Map<string, number>();
  const agency = { hits, extraItems: [] as string[], articles: opts.articles ?? AGENCY_ARTICLES } as Agency;
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    hits.set(path, (hits.get(path) ?? 0) + 1);
    if (path === '/feed.xml') {
      res.writeHead(200, { 'content-type': 'application/rss+xml; charset=utf-8' });
      return res.end(rssFeed(agency.origin, agency.articles, agency.extraItems));
    }
    const slug = path.startsWith('/news/') ? path.slice('/news/'.length) : null;
    const article = agency.articles.find((a) => a.slug === slug);
    if (article) {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      return res.end(articlePage(agency.origin, article, agency.articles));
    }
    if (slug === 'broken-story') {
      res.writeHead(500, { 'content-type': 'text/plain' });
      return res.end('internal error');
    }
    res.writeHead(404, { 'content-type': 'text/html' });
    res.end('<html><body><h1>Page not found</h1></body></html>');
  });
  await new Promise<void>((r) => server.listen(opts.port ?? 0, '127.0.0.1', r));
  agency.server = server;
  agency.origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  agency.close = () => new Promise((r) => server.close(() => r()));
  return agency;
}

// `npx tsx demo/agency-server.ts [port]` serves the agency until stopped.
if (import.meta.url === `file://${process.argv[1]}`) {
  const a = await startAgency({ port: Number(process.argv[2] ?? 8088) });
  console.log(`demo agency: ${a.origin}/feed.xml`);
}
