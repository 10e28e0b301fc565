import { AGENCY_XML_ROOTS, agencyFragmentMessage, readAgencyJson, readAgencyXml } from './agency/index.js';
import { decodeHtml, decodeXml } from '../encoding/decode.js';
import { WireError } from '../errors.js';
import { readAtom } from './atom.js';
import { htmlTitle, localName, sniffDocument } from './detect.js';
import { finishFeed, type FeedDraft } from './entry.js';
import { readJsonFeed } from './jsonfeed.js';
import { rebalanceXml, repairXml, type RepairedXml } from './repair.js';
import { readRss } from './rss.js';
import type { ParsedFeed, ParseFeedOptions } from './types.js';
import { parseXml, type RawFeed } from './xml.js';

/** A feed as read, before the FeedItem rules; exported for measuring the readers on corpora. */
export interface ReadFeed {
  draft: FeedDraft;
  repairs: string[];
}

function rootAttribute(xml: string, root: string, name: string): string | null {
  const tag = new RegExp(`<${root.replace(/[.:-]/g, '\\$&')}\\b((?:[^>"']|"[^"]*"|'[^']*')*)>`).exec(xml);
  if (!tag) return null;
  const attr = new RegExp(`\\s${name.replace(/[.:-]/g, '\\$&')}\\s*=\\s*(?:"([^"]*)"|'([^']*)')`).exec(tag[1]);
  return attr ? (attr[1] ?? attr[2] ?? null) : null;
}

const FEED_ROOTS = new Set(['rss', 'feed', 'RDF']);

/**
 * Parses the repaired XML; when end tags do not match, tries once more with them rebalanced,
 * and if that fails too reports the first (truer) error.
 */
async function parseRepaired(repaired: RepairedXml, ctx: { url: string; root: string | null }): Promise<RawFeed> {
  const at = { ...ctx, lineOffset: repaired.lineOffset };
  try {
    return await parseXml(repaired.xml, at);
  } catch (first) {
    if (!(first instanceof WireError) || first.kind !== 'parse') throw first;
    const extra: string[] = [];
    const rebalanced = rebalanceXml(repaired.xml, extra);
    if (rebalanced === repaired.xml) throw first;
    try {
      const raw = await parseXml(rebalanced, at);
      repaired.repairs.push(...extra);
      return raw;
    } catch {
      throw first;
    }
  }
}

/** Bytes -> FeedDraft: decode, tell the format, repair, parse, read. Throws WireError. */
export async function readFeed(bytes: Uint8Array, opts: ParseFeedOptions): Promise<ReadFeed> {
  const { url } = opts;
  const contentType = opts.contentType ?? null;
  if (bytes.length === 0) throw new WireError('parse', 'the feed response body is empty', { url });

  const text = decodeXml(bytes, contentType);
  const sniffed = sniffDocument(text, contentType);
  switch (sniffed.kind) {
    case 'empty':
      throw new WireError('parse', 'the feed response body is empty (whitespace only)', { url });
    case 'json':
      return { draft: readAgencyJson(text, { url }) ?? readJsonFeed(text, { url }), repairs: [] };
    case 'html': {
      // Re-decoded as HTML: a page's charset comes from its <meta>, not an XML declaration.
      const title = htmlTitle(decodeHtml(bytes, contentType));
      throw new WireError(
        'not-a-feed',
        title
          ? `expected a feed but got an HTML page titled "${title}"`
          : 'expected a feed but got an HTML page (no title)',
        { url },
      );
    }
    case 'text':
      throw new WireError(
        'not-a-feed',
        `expected a feed but got text that is neither XML nor JSON (starting "${sniffed.start}")`,
        {
          url,
        },
      );
    case 'xml':
      break;
  }

  const { root } = sniffed;
  const kind = localName(root ?? '');
  if (AGENCY_XML_ROOTS.has(kind)) {
    const repaired = repairXml(text, root, { flattenText: false });
    return { draft: readAgencyXml(repaired.xml, { url, lineOffset: repaired.lineOffset }), repairs: repaired.repairs };
  }
  const fragment = agencyFragmentMessage(root ?? '');
  if (fragment) throw new WireError('not-a-feed', fragment, { url });
  if (!FEED_ROOTS.has(kind)) {
    throw new WireError(
      'not-a-feed',
      root
        ? `expected a feed but got an XML document whose root element is <${root}> (not RSS, RDF or Atom)`
        : 'expected a feed but got a document with no XML element',
      { url },
    );
  }
  const repaired = repairXml(text, root);
  if (kind !== 'feed' && !/<(?:[\w.-]+:)?channel[\s>/]/.test(repaired.xml)) {
    // rss-parser would fail with "Cannot read properties of undefined"; say what is actually wrong.
    throw new WireError('parse', `the ${kind === 'RDF' ? 'RDF' : 'RSS'} document has no <channel> element`, { url });
  }
  const raw = await parseRepaired(repaired, { url, root });
  let draft: FeedDraft;
  if (kind === 'feed') {
    draft = readAtom(raw, { url });
  } else {
    const format = kind === 'RDF' ? 'rdf' : 'rss';
    draft = readRss(raw, { format, url, rootBase: root ? rootAttribute(repaired.xml, root, 'xml:base') : null });
  }
  return { draft, repairs: repaired.repairs };
}

/**
 * Raw feed bytes (RSS 0.9x/2.0, RDF, Atom 0.3/1.0, JSON Feed 1.0/1.1) -> one normalised shape.
 *
 * Decodes the charset (see src/encoding), tells JSON from XML from an HTML page, repairs common
 * XML faults, never processes DTD entities, reads every entry in isolation, resolves links
 * against xml:base and `opts.url`, and returns plain-text titles and ISO 8601 dates. Entries
 * without a usable link are listed in `skipped` with the reason. Throws WireError: 'not-a-feed'
 * (an HTML page, JSON or XML that is no feed) or 'parse' (with the line, when XML is broken
 * beyond repair).
 */
export async function parseFeed(bytes: Uint8Array, opts: ParseFeedOptions): Promise<ParsedFeed> {
  const { draft, repairs } = await readFeed(bytes, opts);
  // Fail closed for callers that do not handle the agency lifecycle (see ParseFeedOptions.agencyLifecycle).
  return finishFeed(draft, repairs, opts.agencyLifecycle ? null : (opts.now?.() ?? Date.now()));
}
