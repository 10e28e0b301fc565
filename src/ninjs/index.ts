import { createHash } from 'node:crypto';
import type { WireItem } from '../item/schema.js';

/**
 * IPTC ninjs 2.1 (https://www.iptc.org/std/ninjs/): the form a newsroom system can take without glue.
 * Only the properties we fill are typed here; names and shapes follow the official schema
 * (tests/fixtures/ninjs/ninjs-schema_2.1.json, which a test validates every mapping against).
 */
/** `uri` of an item: a URN, because ninjs says uri identifies the object and must not be a link to fetch. */
export const ITEM_URN_PREFIX = 'urn:media-wire:item:';
const IMAGE_URN_PREFIX = 'urn:media-wire:image:';

/**
 * Roles we put on headlines, bodies and altids. ninjs leaves role values to the provider; these are ours,
 * listed once so receivers (and our README) can rely on them.
 */
export const NINJS_ROLE = {
  /** headline in house style; body as published */
  main: 'main',
  /** the agency's own headline */
  original: 'original',
  /** the disclaimer and the source footer, which must be shown with the body */
  attribution: 'attribution',
  /** altid: canonical URL of the agency's report */
  sourceUrl: 'source-url',
  /** altid: the feed entry's id */
  guid: 'guid',
} as const;

/** IPTC Content Production Party Role "originating party of content": the agency wrote the report. */
const ORIGINATOR_ROLE = 'http://cv.iptc.org/newscodes/contentprodpartyrole/origcont';

export interface NinjsText {
  role?: string;
  contenttype?: string;
  value: string;
}

export interface NinjsInfoSource {
  name?: string;
  role?: string;
  uri?: string;
  literal?: string;
}

export interface NinjsRendition {
  name: string;
  href?: string;
  contenttype?: string;
}

export interface NinjsAssociation {
  /** Required by ninjs for associations: the association's name, e.g. featureimage. */
  name: string;
  uri: string;
  type?: 'picture';
  renditions?: NinjsRendition[];
}

export interface NinjsDocument {
  uri: string;
  type: 'text';
  /** ninjs versions are strings. */
  version: string;
  pubstatus: 'usable' | 'withheld' | 'canceled';
  /** Why the status changed (a kill's or hold's note), for the receiving newsroom. */
  ednote?: string;
  representationtype: 'full' | 'partial';
  contentcreated?: string;
  firstcreated?: string;
  versioncreated: string;
  language?: string;
  headlines: NinjsText[];
  bodies: NinjsText[];
  by?: string;
  infosources: NinjsInfoSource[];
  usageterms: string;
  copyrightnotice?: string;
  altids: { role: string; value: string }[];
  associations?: NinjsAssociation[];
  subjects?: { name: string }[];
}

export function itemUrn(itemId: string): string {
  return `${ITEM_URN_PREFIX}${itemId}`;
}

/** `{ uri: <scheme>://<host>/ }`, or nothing for a URL without an origin (only http(s) have one). */
function agencySite(url: string): { uri?: string } {
  const origin = new URL(url).origin;
  return origin === 'null' ? {} : { uri: `${origin}/` };
}

/** Same image URL, same uri, so a receiver can tell a re-sent image from a new one. */
function imageUrn(url: string): string {
  return `${IMAGE_URN_PREFIX}${createHash('sha256').update(url, 'utf8').digest('hex').slice(0, 32)}`;
}

/**
 * Maps a WireItem onto ninjs 2.1. Pure; nothing of ours goes inside the object (the ninjs root allows no
 * unknown properties), and a property whose value we do not know is left out rather than sent empty.
 *
 * - representationtype is `partial` when the body came from the feed: feeds often carry a teaser, so a
 *   receiver should not assume it holds the whole report.
 * - firstcreated is only given for version 1: the item carries the ingest time of this version alone, and a
 *   later version's fetch time would claim the story first appeared then.
 */
export function toNinjs(item: WireItem): NinjsDocument {
  const doc: NinjsDocument = {
    uri: itemUrn(item.id),
    type: 'text',
    version: String(item.version),
    pubstatus: item.pubStatus ?? 'usable',
    ...(item.pubStatus !== 'usable' && item.lifecycle?.note ? { ednote: item.lifecycle.note } : {}),
    representationtype: item.body.origin === 'feed' ? 'partial' : 'full',
    ...(item.publishedAt ? { contentcreated: item.publishedAt } : {}),
    ...(item.version === 1 ? { firstcreated: item.ingest.fetchedAt } : {}),
    versioncreated: item.ingest.fetchedAt,
    ...(item.language ? { language: item.language } : {}),
    headlines: [
      { role: NINJS_ROLE.main, contenttype: 'text/plain', value: item.headline },
      { role: NINJS_ROLE.original, contenttype: 'text/plain', value: item.headlineOriginal },
    ],
    bodies: [
      // html may be empty when the agency's blocks had no markup worth keeping; text never is.
      ...(item.body.html ? [{ role: NINJS_ROLE.main, contenttype: 'text/html', value: item.body.html }] : []),
      { role: NINJS_ROLE.main, contenttype: 'text/plain', value: item.body.text },
      {
        role: NINJS_ROLE.attribution,
        contenttype: 'text/plain',
        value: `${item.attribution.disclaimer}\n\n${item.attribution.footer}`,
      },
    ],
    ...(item.byline ? { by: item.byline } : {}),
    infosources: [
      {
        name: item.source.name,
        role: ORIGINATOR_ROLE,
        // The agency's site: the report's own URL is an altid, not the identity of the party.
        ...agencySite(item.source.url),
        literal: item.source.id,
      },
    ],
    usageterms: item.lifecycle?.usageTerms
      ? `${item.lifecycle.usageTerms}\n\n${item.attribution.disclaimer}`
      : item.attribution.disclaimer,
    ...(item.lifecycle?.copyright ? { copyrightnotice: item.lifecycle.copyright } : {}),
    altids: [
      { role: NINJS_ROLE.sourceUrl, value: item.source.url },
      { role: NINJS_ROLE.guid, value: item.source.guid },
    ],
    ...(item.image
      ? {
          associations: [
            {
              name: 'featureimage',
              uri: imageUrn(item.image),
              type: 'picture' as const,
              renditions: [{ name: 'original', href: item.image }],
            },
          ],
        }
      : {}),
    ...(item.categories.length ? { subjects: [...new Set(item.categories)].map((name) => ({ name })) } : {}),
  };
  return doc;
}
