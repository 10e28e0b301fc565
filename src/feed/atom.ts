import { firstDate } from './dates.js';
import { readEntries, type FeedDraft, type FeedEntry } from './entry.js';
import { categoryNames, contentHtml, elementBase, imageUrl, personName, rawHtml, textField } from './fields.js';
import { isWebUrl, resolveWebUrl, withBase } from './links.js';
import { attrOf, firstText, nodeList, textOf } from './nodes.js';
import type { RawFeed, RawFields } from './xml.js';

/** Atom 1.0 and 0.3 (RFC 4287; 0.3's issued/modified/created and mode="escaped" included). */

/**
 * The entry's page: a link with rel="alternate" or no rel, preferring an HTML type; each href
 * resolved against its own xml:base, the entry's, the feed's and the feed URL.
 */
function alternateLink(value: unknown, base: string | null): string | null {
  let fallback: string | null = null;
  for (const node of nodeList(value)) {
    const rel = attrOf(node, 'rel')?.trim();
    if (rel && rel !== 'alternate') continue;
    const href = attrOf(node, 'href') ?? textOf(node).trim();
    const url = resolveWebUrl(href, elementBase(base, node));
    if (!url) continue;
    const type = attrOf(node, 'type');
    if (!type || /html/i.test(type)) return url;
    fallback ??= url;
  }
  return fallback;
}

function readEntry(raw: RawFields, index: number, feedBase: string | null, feedAuthor: string | null): FeedEntry {
  const base = withBase(feedBase, raw['raw:attrs']?.['xml:base']);
  const guid = firstText(nodeList(raw['raw:id']));
  let link = alternateLink(raw['raw:wire:link'], base);
  // Atom ids are often the permalink itself; when no link is given, an http(s) id is the best there is.
  if (!link && isWebUrl(guid)) link = resolveWebUrl(guid, null);
  const content = contentHtml(raw['raw:content'], 'text');
  const published = firstDate(
    [raw['raw:wire:published'], raw['raw:issued'], raw['raw:created'], raw['raw:dc:date']].map((v) =>
      firstText(nodeList(v)),
    ),
  );
  const updated = firstDate([raw['raw:wire:updated'], raw['raw:modified']].map((v) => firstText(nodeList(v))));
  return {
    index,
    guid,
    link,
    title: textField(raw['raw:title'], 'text'),
    publishedAt: published ?? updated,
    updatedAt: updated,
    summary: textField(raw['raw:summary'], 'text'),
    content,
    author: personName(raw['raw:author']) ?? personName(raw['raw:dc:creator']) ?? feedAuthor,
    categories: categoryNames(raw['raw:category'], raw['raw:dc:subject']),
    image: imageUrl(
      {
        links: raw['raw:wire:link'],
        mediaContent: raw['raw:media:content'],
        mediaThumbnail: raw['raw:media:thumbnail'],
        mediaGroup: raw['raw:media:group'],
        html: [content, rawHtml(raw['raw:summary'])],
      },
      base,
    ),
  };
}

export function readAtom(feed: RawFeed, ctx: { url: string }): FeedDraft {
  // The feed element is the root, so its attributes carry the document's xml:base.
  const base = withBase(ctx.url, feed['raw:attrs']?.['xml:base']);
  const feedAuthor = personName(feed['raw:author']);
  const { entries, unreadable } = readEntries(
    feed.items ?? [],
    (entry, index) => readEntry(entry, index, base, feedAuthor),
    (entry) => ({ guid: firstText(nodeList(entry['raw:id'])), title: textField(entry['raw:title'], 'text') }),
  );
  return {
    format: 'atom',
    title: textField(feed['raw:title'], 'text'),
    link: alternateLink(feed['raw:wire:link'], base),
    ttlSeconds: null,
    entries,
    unreadable,
  };
}
