import { firstDate } from './dates.js';
import { readEntries, type FeedDraft, type FeedEntry } from './entry.js';
import { categoryNames, contentHtml, elementBase, imageUrl, kindOf, personName, rawHtml, textField } from './fields.js';
import { isWebUrl, resolveWebUrl, withBase } from './links.js';
import { attrOf, firstText, firstWithText, nodeList, textOf } from './nodes.js';
import type { RawFeed, RawFields } from './xml.js';

/** RSS 0.9x / 2.0 and RDF (RSS 1.0): rss-parser gives both the same shape (channel fields + items). */

function rssLink(raw: RawFields, base: string | null): string | null {
  for (const node of nodeList(raw['raw:wire:link'])) {
    // <link>url</link> is RSS; <link href="url"/> is an Atom link written without its prefix.
    const href = textOf(node).trim() || attrOf(node, 'href');
    const url = resolveWebUrl(href, elementBase(base, node));
    if (url) return url;
  }
  for (const node of nodeList(raw['raw:atom:link'])) {
    const rel = attrOf(node, 'rel');
    if (rel && rel !== 'alternate') continue;
    const url = resolveWebUrl(attrOf(node, 'href'), elementBase(base, node));
    if (url) return url;
  }
  return null;
}

const PERIOD_SECONDS: Record<string, number> = {
  hourly: 3600,
  daily: 86_400,
  weekly: 604_800,
  monthly: 2_592_000,
  yearly: 31_536_000,
};

/** RSS <ttl> (minutes), else the syndication module's updatePeriod / updateFrequency. */
function ttlSeconds(feed: RawFeed): number | null {
  const ttl = Number.parseInt(firstText(nodeList(feed['raw:ttl'])) ?? '', 10);
  if (Number.isFinite(ttl) && ttl > 0) return ttl * 60;
  const period = firstText(nodeList(feed['raw:sy:updatePeriod']))?.toLowerCase();
  if (period && PERIOD_SECONDS[period]) {
    const freq = Number.parseInt(firstText(nodeList(feed['raw:sy:updateFrequency'])) ?? '1', 10);
    return Math.round(PERIOD_SECONDS[period] / (Number.isFinite(freq) && freq > 0 ? freq : 1));
  }
  return null;
}

function readItem(raw: RawFields, index: number, feedBase: string | null): FeedEntry {
  const base = withBase(feedBase, raw['raw:attrs']?.['xml:base']);
  const guidNode = firstWithText(nodeList(raw['raw:guid']));
  const guid = guidNode === undefined ? null : textOf(guidNode).trim();

  let link = rssLink(raw, base);
  // A guid is a permalink unless it says otherwise (RSS 2.0 spec); RDF items name their URL in rdf:about.
  if (!link && guid && attrOf(guidNode, 'isPermaLink')?.trim().toLowerCase() !== 'false' && isWebUrl(guid)) link = guid;
  const about = raw['raw:attrs']?.['rdf:about'];
  if (!link && isWebUrl(about)) link = about;

  const descriptionValue = [
    raw['raw:description'],
    raw['raw:dc:description'],
    raw['raw:itunes:summary'],
    raw['raw:atom:summary'],
  ].find((v) => firstWithText(nodeList(v)) !== undefined);
  const content = contentHtml(raw['raw:content:encoded'], 'html') ?? contentHtml(raw['raw:atom:content'], 'text');
  const published = firstDate(
    [
      raw['raw:pubDate'],
      raw['raw:dc:date'],
      raw['raw:atom:published'],
      raw['raw:wire:published'],
      raw['raw:dc:created'],
      raw['raw:issued'],
    ].map((v) => firstText(nodeList(v))),
  );
  const updated = firstDate(
    [raw['raw:atom:updated'], raw['raw:wire:updated'], raw['raw:dc:modified'], raw['raw:modified']].map((v) =>
      firstText(nodeList(v)),
    ),
  );
  const descriptionNode = firstWithText(nodeList(descriptionValue));

  return {
    index,
    guid,
    link,
    title: textField(raw['raw:title'], 'auto') ?? textField(raw['raw:dc:title'], 'auto'),
    // No date of publication but a date of change: the change is the best "when" there is.
    publishedAt: published ?? updated,
    updatedAt: updated,
    summary: descriptionNode === undefined ? null : textField([descriptionNode], kindOf(descriptionNode, 'html')),
    content,
    author:
      personName(raw['raw:author']) ??
      personName(raw['raw:dc:creator']) ??
      personName(raw['raw:itunes:author']) ??
      personName(raw['raw:atom:author']),
    categories: categoryNames(raw['raw:category'], raw['raw:dc:subject'], raw['raw:atom:category']),
    image: imageUrl(
      {
        enclosures: raw['raw:enclosure'],
        mediaContent: raw['raw:media:content'],
        mediaThumbnail: raw['raw:media:thumbnail'],
        mediaGroup: raw['raw:media:group'],
        itunesImage: raw['raw:itunes:image'],
        html: [content, rawHtml(descriptionValue)],
      },
      base,
    ),
  };
}

export function readRss(
  feed: RawFeed,
  ctx: { format: 'rss' | 'rdf'; url: string; rootBase: string | null },
): FeedDraft {
  const base = withBase(ctx.url, ctx.rootBase, feed['raw:attrs']?.['xml:base']);
  const { entries, unreadable } = readEntries(
    feed.items ?? [],
    (item, index) => readItem(item, index, base),
    (item) => ({ guid: firstText(nodeList(item['raw:guid'])), title: textField(item['raw:title'], 'auto') }),
  );
  return {
    format: ctx.format,
    title: textField(feed['raw:title'], 'auto') ?? textField(feed['raw:dc:title'], 'auto'),
    link: rssLink(feed, base),
    ttlSeconds: ttlSeconds(feed),
    entries,
    unreadable,
  };
}
