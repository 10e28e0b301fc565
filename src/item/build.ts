import { createHash } from 'node:crypto';
import type { FeedItem } from '../feed/types.js';
import type { ArticleMetadata, ExtractionMethod } from '../extract/types.js';
import type { RestyledHeadline } from '../headline/style.js';
import { WIRE_ITEM_SCHEMA, WireItem } from './schema.js';

/** Bumped when extraction changes in a way downstream may care about; recorded in every item. */
export const EXTRACTOR_VERSION = 'media-wire-extract@1';

export function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/** Same source + same canonical URL -> same id, on every machine and every run. */
export function storyId(sourceId: string, canonicalUrl: string): string {
  return sha256Hex(`${sourceId}\n${canonicalUrl}`).slice(0, 32);
}

/**
 * An agency story is identified by the agency's own id (G2 guid, ninjs uri, ...), not a URL: its versions
 * share it whatever link they carry. Prefixed so it can never equal a URL-based id.
 */
export function agencyStoryId(sourceId: string, agencyId: string): string {
  return sha256Hex(`${sourceId}\nagency:${agencyId}`).slice(0, 32);
}

export interface SiteIdentity {
  site: string;
  section: string;
  /** Disclaimer template; {site} is replaced by the site's name. */
  disclaimer: string;
}

export interface BuildInput {
  site: SiteIdentity;
  source: { id: string; name: string; feedUrl: string };
  feedItem: FeedItem;
  body: { paragraphs: string[]; html: string; text: string; origin: 'page' | 'feed'; method: ExtractionMethod };
  metadata: ArticleMetadata;
  headline: RestyledHeadline;
  fetchedAt: Date;
  version?: number;
}

export function renderDisclaimer(template: string, site: string): string {
  return template.replaceAll('{site}', site);
}

/** `Source: <name> — <url>`, then the agency's credit (when it is not just the name) and copyright line. */
export function renderFooter(
  sourceName: string,
  sourceUrl: string,
  agency: { credit?: string | null; copyright?: string | null } = {},
): string {
  const extra = [agency.credit && agency.credit !== sourceName ? agency.credit : null, agency.copyright ?? null].filter(
    Boolean,
  );
  return [`Source: ${sourceName} — ${sourceUrl}`, ...extra].join(' · ');
}

/** The item's lifecycle and agency attribution, from the feed entry (all null / empty for a feed). */
function agencyLifecycle(feedItem: FeedItem): WireItem['lifecycle'] {
  const a = feedItem.agency;
  return {
    agencyId: a?.id ?? null,
    agencyVersion: a?.version ?? null,
    // For a correction or an update, the agency's note says what changed (for the newsroom, not readers).
    note: a && (a.signals.correction || a.signals.update) ? a.editorialNote : null,
    withdrawnBy: null,
    urgency: a?.urgency ?? null,
    correction: a?.signals.correction ?? false,
    update: a?.signals.update ?? false,
    credit: a?.credit ?? null,
    copyright: a?.copyright ?? null,
    usageTerms: a?.usageTerms ?? null,
    images: (a?.images ?? []).flatMap((i) =>
      i.href && URL.canParse(i.href) ? [{ href: i.href, caption: i.caption, credit: i.credit }] : [],
    ),
  };
}

/**
 * Assembles the publish-ready item. Pure: everything comes in as arguments. The result is validated
 * against the schema, so an item without source name, source URL or disclaimer cannot leave here.
 */
export function buildWireItem(input: BuildInput): WireItem {
  const { site, source, feedItem, body, metadata, headline } = input;
  const url = metadata.canonicalUrl;
  const item: WireItem = {
    schema: WIRE_ITEM_SCHEMA,
    id: feedItem.agency ? agencyStoryId(source.id, feedItem.agency.id) : storyId(source.id, url),
    version: input.version ?? 1,
    section: site.section,
    headline: headline.text,
    headlineOriginal: headline.original,
    headlineRules: headline.applied,
    headlineTooLong: headline.tooLong,
    summary: feedItem.summary ?? metadata.description,
    body: { ...body, sha256: sha256Hex(body.text) },
    source: { id: source.id, name: source.name, url, feedUrl: source.feedUrl, guid: feedItem.guid },
    publishedAt: feedItem.publishedAt ?? metadata.publishedAt,
    updatedAt: feedItem.updatedAt ?? metadata.modifiedAt,
    byline: metadata.byline ?? feedItem.author,
    language: metadata.language,
    image: metadata.image ?? feedItem.image,
    categories: feedItem.categories,
    attribution: {
      disclaimer: renderDisclaimer(site.disclaimer, site.site),
      footer: renderFooter(source.name, url, feedItem.agency ?? {}),
    },
    ingest: { fetchedAt: input.fetchedAt.toISOString(), extractor: EXTRACTOR_VERSION },
    pubStatus: 'usable',
    lifecycle: agencyLifecycle(feedItem),
  };
  const checked = WireItem.safeParse(item);
  if (!checked.success) {
    const first = checked.error.issues[0];
    throw new Error(`item for ${url} is invalid at ${first.path.join('.') || '(root)'}: ${first.message}`);
  }
  return checked.data;
}
