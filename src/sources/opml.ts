import { load } from 'cheerio';
import type { Source } from '../config/schema.js';
import { slugId, uniqueId } from './ids.js';

export interface OpmlEntry {
  id: string;
  name: string;
  feed: string;
}

export interface OpmlImport {
  entries: OpmlEntry[];
  /** Outlines not imported, with why (a feed already configured or listed twice, no xmlUrl). */
  skipped: { title: string; feed: string | null; reason: string }[];
}

/**
 * OPML 2.0 (or 1.0) in: every outline with an xmlUrl, nested folders included. Ids come from the titles and
 * are made unique against the configured ones; a feed URL already configured or repeated is reported.
 */
export function importOpml(xml: string, existing: Source[]): OpmlImport {
  const $ = load(xml, { xml: true });
  if ($('opml').length === 0) throw new Error('not an OPML document (no <opml> element)');
  const takenIds = new Set(existing.map((s) => s.id));
  const knownFeeds = new Map(existing.map((s) => [s.feed, `already configured as ${s.id}`]));
  const result: OpmlImport = { entries: [], skipped: [] };
  $('outline').each((_, el) => {
    const o = $(el);
    const title = (o.attr('title') ?? o.attr('text') ?? '').trim();
    const feed = o.attr('xmlUrl')?.trim() ?? null;
    if (!feed) {
      if (o.children('outline').length === 0) result.skipped.push({ title, feed, reason: 'no xmlUrl' });
      return;
    }
    const known = knownFeeds.get(feed);
    if (known) return void result.skipped.push({ title, feed, reason: known });
    let url: URL;
    try {
      url = new URL(feed);
    } catch {
      return void result.skipped.push({ title, feed, reason: 'xmlUrl is not a valid URL' });
    }
    const name = title || url.hostname;
    const id = uniqueId(slugId(name), takenIds);
    knownFeeds.set(feed, `listed twice (imported as ${id})`);
    result.entries.push({ id, name, feed });
  });
  return result;
}

const xmlAttr = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/"/g, '&quot;');

/** OPML 2.0 out: one outline per configured source (disabled ones too, marked). */
export function exportOpml(sources: Source[], title: string, now = new Date()): string {
  const outlines = sources.map(
    (s) => `    <outline type="rss" text="${xmlAttr(s.name)}" title="${xmlAttr(s.name)}" xmlUrl="${xmlAttr(s.feed)}" wireId="${xmlAttr(s.id)}"${s.enabled ? '' : ' wireEnabled="false"'}/>`,
  );
  return `<?xml version="1.0" encoding="UTF-8"?>
<opml version="2.0">
  <head>
    <title>${xmlAttr(title)}</title>
    <dateCreated>${now.toUTCString()}</dateCreated>
  </head>
  <body>
${outlines.join('\n')}
  </body>
</opml>
`;
}

/** sources.yaml entries, ready to paste. */
export function yamlEntries(entries: OpmlEntry[]): string {
  const q = (s: string) => JSON.stringify(s);
  return entries.map((e) => `  - id: ${e.id}\n    name: ${q(e.name)}\n    feed: ${q(e.feed)}\n`).join('');
}
