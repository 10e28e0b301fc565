import Parser from 'rss-parser';
import { WireError } from '../errors.js';

/**
 * rss-parser, set up so it parses and dispatches (RSS 0.9x/2.0, RDF, Atom) while we read the
 * raw elements ourselves. What it gets wrong is kept away from it:
 * - Atom `<published>`/`<updated>` are renamed, because rss-parser calls
 *   `new Date(x).toISOString()` on them and one bad date throws away the whole feed;
 * - `<link>` is renamed, because its Atom link reader crashes on a `<link>` without attributes
 *   and ignores xml:base;
 * - every field we need comes back raw (`keepArray`), attributes included, so xml:base,
 *   Atom text types and RSS guid isPermaLink survive.
 */
const RENAMED: Record<string, string> = { link: 'wire:link', published: 'wire:published', updated: 'wire:updated' };

const ITEM_FIELDS = [
  'title',
  'wire:link',
  'guid',
  'description',
  'content:encoded',
  'pubDate',
  'dc:date',
  'dc:created',
  'dc:modified',
  'wire:published',
  'wire:updated',
  'issued',
  'modified',
  'created',
  'atom:published',
  'atom:updated',
  'atom:link',
  'atom:content',
  'atom:summary',
  'atom:author',
  'atom:category',
  'dc:creator',
  'author',
  'itunes:author',
  'category',
  'dc:subject',
  'enclosure',
  'media:content',
  'media:thumbnail',
  'media:group',
  'itunes:image',
  'dc:title',
  'dc:description',
  'itunes:summary',
  'id',
  'summary',
  'content',
] as const;

const FEED_FIELDS = [
  'title',
  'wire:link',
  'atom:link',
  'ttl',
  'sy:updatePeriod',
  'sy:updateFrequency',
  'dc:title',
  'author',
] as const;

/**
 * Raw elements by name, under a `raw:` prefix: rss-parser writes its own processed values
 * (guid, enclosure, title, summary ...) under the plain names after copying custom fields.
 */
export type RawFields = {
  [K in (typeof ITEM_FIELDS)[number] | (typeof FEED_FIELDS)[number] as `raw:${K}`]?: unknown;
} & {
  /** The element's own attributes (xml:base, rdf:about). */
  'raw:attrs'?: Record<string, string>;
};

export interface RawFeed extends RawFields {
  items: RawFields[];
}

function raw(name: string): [string, string, { keepArray: true }] {
  return [name, `raw:${name}`, { keepArray: true }];
}

/**
 * Element names as rss-parser expects them. rss-parser only knows `feed` and `rdf:RDF` as roots:
 * an Atom document written with a prefix (`<atom:feed>`) loses the prefix throughout, and an
 * RDF root under another prefix is called `rdf:RDF`.
 */
function nameProcessor(root: string | null): (name: string) => string {
  const colon = root?.indexOf(':') ?? -1;
  const prefix = root && colon > 0 ? root.slice(0, colon + 1) : null;
  const atomPrefix = prefix && root!.slice(colon + 1) === 'feed' ? prefix : null;
  return (name) => {
    let n = name;
    if (atomPrefix && n.startsWith(atomPrefix)) n = n.slice(atomPrefix.length);
    else if (n === root && n.endsWith(':RDF')) n = 'rdf:RDF';
    return RENAMED[n] ?? n;
  };
}

function makeParser(root: string | null): Parser<RawFeed, RawFields> {
  return new Parser<RawFeed, RawFields>({
    // <rss> without a version attribute is RSS 2.0 in practice.
    defaultRSS: 2,
    xml2js: { tagNameProcessors: [nameProcessor(root)] },
    customFields: {
      feed: [...FEED_FIELDS.map(raw), ['$', 'raw:attrs', { keepArray: true }]] as never,
      item: [...ITEM_FIELDS.map(raw), ['$', 'raw:attrs', { keepArray: true }]] as never,
    },
  });
}

/**
 * Parses repaired XML; malformed XML becomes WireError('parse') with the line and column
 * (mapped back to the original document), and a well-formed document that is not RSS, RDF or
 * Atom becomes WireError('not-a-feed').
 */
export async function parseXml(
  xml: string,
  ctx: { url: string; root: string | null; lineOffset: number },
): Promise<RawFeed> {
  try {
    return await makeParser(ctx.root).parseString(xml);
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    if (/not recognized as RSS/i.test(message)) {
      throw new WireError(
        'not-a-feed',
        `expected a feed but got an XML document whose root element is <${ctx.root ?? '?'}> (not RSS, RDF or Atom)`,
        { url: ctx.url, cause: err },
      );
    }
    const sax = /^([^\n]+)\nLine: (\d+)\nColumn: (\d+)/.exec(message);
    if (sax) {
      // sax counts lines from 0.
      const line = Number(sax[2]) + 1 + ctx.lineOffset;
      throw new WireError('parse', `feed XML is not well-formed at line ${line}, column ${sax[3]}: ${sax[1]}`, {
        url: ctx.url,
        cause: err,
      });
    }
    throw new WireError('parse', `feed could not be read: ${message}`, { url: ctx.url, cause: err });
  }
}
