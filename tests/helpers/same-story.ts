import type { FeedItem } from '../../src/feed/types.js';
import fixture from '../fixtures/dedupe/articles.json' with { type: 'json' };

/**
 * Copies of our own fixture reports (tests/fixtures/dedupe/articles.json) as three different sites would carry
 * them: site `a` as written; site `b` with a dateline and agency credit in front, its own headline and its own
 * boilerplate at the end; site `c` with another headline, the last paragraph cut and a credit line added.
 */
export type Site = 'a' | 'b' | 'c';

export const ARTICLE_IDS = fixture.articles.map((a) => a.id);

function article(id: string) {
  const a = fixture.articles.find((x) => x.id === id);
  if (!a) throw new Error(`no fixture article ${id}`);
  return a;
}

export function copyOf(id: string, site: Site): { title: string; paragraphs: string[] } {
  const a = article(id);
  const [first, ...rest] = a.paragraphs;
  if (site === 'a') return { title: a.headline, paragraphs: a.paragraphs };
  if (site === 'b') {
    return {
      title: `${a.headline.split(/[,:]/)[0]} | Site B News`,
      paragraphs: [
        `CAPITAL (Wire Agency) — ${first}`,
        ...rest,
        'Sign up for the Site B morning briefing to get the day’s top stories in your inbox every weekday.',
        'Copyright 2026 Site B Media. All rights reserved. This material may not be redistributed.',
      ],
    };
  }
  return {
    title: `What we know: ${a.headline.toLowerCase()}`,
    paragraphs: [first, ...rest.slice(0, -1), 'Reporting by Wire Agency staff; editing by the Site C news desk.'],
  };
}

/** A feed entry of the copy, its body in the feed content (sources use `extract.useFeedContent`). */
export function entryOf(id: string, site: Site, origin: string, extra: Partial<FeedItem> = {}): FeedItem {
  const c = copyOf(id, site);
  return {
    guid: `${site}-${id}`,
    link: `${origin}/${site}/news/${id}`,
    title: c.title,
    publishedAt: '2026-12-07T08:00:00.000Z',
    updatedAt: null,
    summary: null,
    content: c.paragraphs.map((p) => `<p>${p}</p>`).join(''),
    author: null,
    categories: [],
    image: null,
    ...extra,
  };
}
