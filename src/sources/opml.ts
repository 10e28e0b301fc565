import { SaxesParser } from 'saxes';
import { formatDuration, parseDuration } from '../config/duration.js';
import type { Source } from '../config/schema.js';
import { slugId, uniqueId } from './ids.js';

export interface OpmlEntry {
  id: string;
  name: string;
  feed: string;
  /** Only when the outline says so (wireEvery): the poll interval in ms. */
  everyMs?: number;
  /** Only when the outline says so (wireEnabled="false"): a paused source stays paused. */
  enabled?: boolean;
}

export interface OpmlImport {
  entries: OpmlEntry[];
  /** Outlines not imported, with why (a feed already configured or listed twice, no xmlUrl). */
  skipped: { title: string; feed: string | null; reason: string }[];
}

const SLUG = /^[a-z0-9]+(-[a-z0-9]+)*$/;

/**
 * Reads the outlines of an OPML document with a strict XML parser (saxes): a file that is not well-formed,
 * e.g. cut off in the middle, is an error naming its line and column, never a partial list.
 */
function readOutlines(xml: string): { attrs: Record<string, string>; leaf: boolean }[] {
  const parser = new SaxesParser({ xmlns: false });
  const outlines: { attrs: Record<string, string>; leaf: boolean }[] = [];
  const open: { attrs: Record<string, string>; leaf: boolean }[] = [];
  let root: string | null = null;
  let error: Error | null = null;
  parser.on('error', (err) => {
    error ??= err; // the first error says where the document went wrong; the rest follow from it
  });
  parser.on('opentag', (tag) => {
    root ??= tag.name;
    if (tag.name !== 'outline') return;
    if (open.length) open[open.length - 1].leaf = false;
    const outline = { attrs: tag.attributes as Record<string, string>, leaf: true };
    outlines.push(outline);
    if (!tag.isSelfClosing) open.push(outline);
  });
  parser.on('closetag', (tag) => {
    if (tag.name === 'outline' && !tag.isSelfClosing) open.pop();
  });
  parser.write(xml).close();
  if (error) {
    const m = /^(?:[^:]*:)?(\d+):(\d+): (.*)$/s.exec((error as Error).message);
    throw new Error(
      m
        ? `not well-formed XML at line ${m[1]}, column ${m[2]}: ${m[3]}`
        : `not well-formed XML: ${(error as Error).message}`,
    );
  }
  if (root !== 'opml') throw new Error('not an OPML document (no <opml> element)');
  return outlines;
}

/**
 * OPML 2.0 (or 1.0) in: every outline with an xmlUrl, nested folders included. Ids come from wireId when an
 * export wrote one, else from the titles, and are made unique against the configured ones; a feed URL already
 * configured or repeated is reported. wireEvery and wireEnabled (written by `wire sources export`) come back
 * as the source's interval and paused state.
 */
export function importOpml(xml: string, existing: Source[]): OpmlImport {
  const takenIds = new Set(existing.map((s) => s.id));
  const knownFeeds = new Map(existing.map((s) => [s.feed, `already configured as ${s.id}`]));
  const result: OpmlImport = { entries: [], skipped: [] };
  for (const { attrs, leaf } of readOutlines(xml)) {
    const title = (attrs.title ?? attrs.text ?? '').trim();
    const feed = attrs.xmlUrl?.trim() || null;
    if (!feed) {
      if (leaf) result.skipped.push({ title, feed, reason: 'no xmlUrl' });
      continue;
    }
    const known = knownFeeds.get(feed);
    if (known) {
      result.skipped.push({ title, feed, reason: known });
      continue;
    }
    let url: URL;
    try {
      url = new URL(feed);
    } catch {
      result.skipped.push({ title, feed, reason: 'xmlUrl is not a valid URL' });
      continue;
    }
    const wireId = attrs.wireId?.trim();
    const name = title || url.hostname;
    const id = uniqueId(wireId && SLUG.test(wireId) ? wireId : slugId(name), takenIds);
    knownFeeds.set(feed, `listed twice (imported as ${id})`);
    const entry: OpmlEntry = { id, name, feed };
    const every = attrs.wireEvery ? parseDuration(attrs.wireEvery) : null;
    if (every !== null) entry.everyMs = every;
    if (attrs.wireEnabled?.trim() === 'false') entry.enabled = false;
    result.entries.push(entry);
  }
  return result;
}

const xmlAttr = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/"/g, '&quot;');

/**
 * OPML 2.0 out: one outline per configured source, with wireId, wireEvery and wireEnabled so that an import
 * gives back the same sources in the same state (per-source extract, headline and politeness settings are
 * not carried).
 */
export function exportOpml(sources: Source[], title: string, now = new Date()): string {
  const outlines = sources.map(
    (s) =>
      `    <outline type="rss" text="${xmlAttr(s.name)}" title="${xmlAttr(s.name)}" xmlUrl="${xmlAttr(s.feed)}"` +
      ` wireId="${xmlAttr(s.id)}" wireEvery="${formatDuration(s.everyMs)}" wireEnabled="${s.enabled}"/>`,
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

/**
 * An entry as sources.yaml holds it: `every` only when it differs from the file's default, `enabled` only
 * when the source is paused.
 */
export function yamlEntry(e: OpmlEntry, defaultEveryMs?: number): Record<string, unknown> {
  const out: Record<string, unknown> = { id: e.id, name: e.name, feed: e.feed };
  if (e.everyMs !== undefined && e.everyMs !== defaultEveryMs) out.every = formatDuration(e.everyMs);
  if (e.enabled === false) out.enabled = false;
  return out;
}

/** sources.yaml entries, ready to paste. */
export function yamlEntries(entries: OpmlEntry[], defaultEveryMs?: number): string {
  const q = (s: string) => JSON.stringify(s);
  return entries
    .map((e) => {
      const y = yamlEntry(e, defaultEveryMs);
      return (
        `  - id: ${e.id}\n    name: ${q(e.name)}\n    feed: ${q(e.feed)}\n` +
        (y.every ? `    every: ${y.every}\n` : '') +
        (y.enabled === false ? '    enabled: false\n' : '')
      );
    })
    .join('');
}
