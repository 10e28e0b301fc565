import { readEntries, type FeedDraft } from '../entry.js';
import { resolveWebUrl } from '../links.js';
import type { AgencyImage, AgencySubject } from '../types.js';
import { bodyFromString, bodyFromXml } from './body.js';
import {
  agencyEntry,
  clean,
  emptyImage,
  readDate,
  readEmbargo,
  readPubStatus,
  readUrgency,
  type AgencyParts,
} from './common.js';
import { readNitfBody } from './nitf.js';
import { attr, attrText, descendants, isEl, kid, kids, rawText, textOf, type XEl } from './xml.js';

/**
 * IPTC NewsML 1.x: NewsML > NewsItem(s) > NewsComponent (nested). Identity is
 * urn:newsml:ProviderId:DateId:NewsItemId (the PublicIdentifier without its revision), the
 * version is RevisionId; status and urgency from NewsManagement; an "Embargoed" status is lifted
 * at StatusWillChange/DateAndTime.
 */

function formal(el: XEl | null): string | null {
  return attrText(el, 'FormalName') ?? textOf(el);
}

function first(scope: XEl, local: string): XEl | null {
  return descendants(scope, local)[0] ?? null;
}

/** The first ContentItem with content that is not a picture, video or sound (Text, ComplexData) -> body. */
function readBody(item: XEl, base: string): { body: string | null; byline: string | null } {
  for (const ci of descendants(item, 'ContentItem')) {
    const media = (formal(kid(ci, 'MediaType')) ?? 'Text').toLowerCase();
    if (/photo|image|graphic|video|audio/.test(media)) continue;
    const data = kid(ci, 'DataContent');
    if (!data) continue;
    const mime = (formal(kid(ci, 'MimeType')) ?? '').toLowerCase();
    const root = data.children.find(isEl);
    if (root?.local === 'nitf') {
      const b = readNitfBody(root, base);
      if (b.body) return { body: b.body, byline: b.byline };
      continue;
    }
    if (root) {
      const html = bodyFromXml(root.local === 'html' ? (kid(root, 'body') ?? root).children : data.children);
      if (html) return { body: html, byline: null };
      continue;
    }
    const body = bodyFromString(rawText(data), mime);
    if (body) return { body, byline: null };
  }
  return { body: null, byline: null };
}

function readImages(item: XEl, base: string): AgencyImage[] {
  const out: AgencyImage[] = [];
  for (const comp of descendants(item, 'NewsComponent')) {
    const photos = kids(comp, 'ContentItem').filter((ci) =>
      /photo|image|graphic/i.test(formal(kid(ci, 'MediaType')) ?? ''),
    );
    if (!photos.length) continue;
    const lines = kid(comp, 'NewsLines');
    const href = photos.map((p) => resolveWebUrl(attr(p, 'Href'), base)).find(Boolean) ?? null;
    out.push({
      ...emptyImage(),
      href,
      id: href ? null : (attrText(photos[0], 'Href') ?? null),
      caption: textOf(kid(lines, 'HeadLine')) ?? textOf(descendants(comp, 'DataContent')[0] ?? null),
      credit: textOf(kid(lines, 'CreditLine')) ?? textOf(kid(lines, 'ByLine')),
      mimeType: formal(kid(photos[0], 'MimeType')),
    });
  }
  return out;
}

function readItem(item: XEl, ctx: { url: string }): AgencyParts {
  const ident = kid(item, 'Identification', 'NewsIdentifier');
  const provider = textOf(kid(ident, 'ProviderId'));
  const dateId = textOf(kid(ident, 'DateId'));
  const itemId = textOf(kid(ident, 'NewsItemId'));
  const revision = kid(ident, 'RevisionId');
  const publicId = textOf(kid(ident, 'PublicIdentifier'));
  // TASS gives only the ProviderId: the top NewsComponent's Duid then stands for the NewsItemId.
  const localId = itemId ?? attrText(kid(item, 'NewsComponent'), 'Duid');
  const id = provider && localId ? `urn:newsml:${provider}:${dateId ?? ''}:${localId}` : publicId;

  const mgmt = kid(item, 'NewsManagement');
  const status = readPubStatus(formal(kid(mgmt, 'Status')));
  const will = kid(mgmt, 'StatusWillChange');
  const embargo = status.embargoed
    ? readEmbargo(will ? (textOf(kid(will, 'DateAndTime')) ?? '') : null, 'StatusWillChange/DateAndTime')
    : { embargo: null, embargoReading: null };
  if (status.embargoed && !embargo.embargo)
    throw new Error('status "Embargoed" without a time (StatusWillChange/DateAndTime)');

  // NewsLines may be split over nested NewsComponents (TASS): each line is the first of its kind.
  const line = (name: string) => textOf(descendants(item, name).find((e) => textOf(e)) ?? null);
  const lines = first(item, 'NewsLines');
  const rights = first(item, 'RightsMetadata');
  const holder = textOf(first(rights ?? item, 'CopyrightHolder'));
  const copyrightLine = line('CopyrightLine');
  const usage = rights
    ? descendants(rights, 'UsageRights')
        .map((u) => textOf(u))
        .filter(Boolean)
        .join(' ')
    : '';
  const descriptive = first(item, 'DescriptiveMetadata');
  const subjects: AgencySubject[] = [];
  for (const code of descendants(descriptive, 'SubjectCode')) {
    for (const s of kids(code)) {
      const c = attrText(s, 'FormalName');
      if (c && !subjects.some((x) => x.code === c)) subjects.push({ code: c, name: null });
    }
  }
  const body = readBody(item, ctx.url);
  const lang =
    attrText(kid(descriptive, 'Language'), 'FormalName') ??
    clean(attr(item, 'xml:lang')) ??
    clean(attr(lines ? kid(lines, 'HeadLine') : null, 'xml:lang'));
  const notes = descendants(mgmt, 'Instruction')
    .map((i) => formal(i))
    .filter((s): s is string => !!s && !/^lift(embargo)?$/i.test(s));
  const provParty = formal(first(first(item, 'Provider') ?? item, 'Party'));
  const update = attr(revision, 'Update');

  return {
    format: 'newsml',
    id,
    version: textOf(revision),
    status,
    embargo,
    expires: null,
    urgency: readUrgency(formal(kid(mgmt, 'Urgency'))),
    // RevisionId/@Update: N = a complete new item, U/A = an update to a previous revision.
    signals: update && update !== 'N' ? [`newsml:Update=${update}`, 'update'] : [],
    editorialNote: notes.length ? notes.join(' ') : null,
    headline: line('HeadLine') ?? line('SlugLine'),
    summary: line('SubHeadLine'),
    byline: line('ByLine') ?? body.byline,
    credit: line('CreditLine') ?? provParty ?? provider,
    copyright: copyrightLine ?? holder,
    usageTerms: clean(usage),
    subjects,
    language: lang,
    images: readImages(item, ctx.url),
    body: body.body,
    publishedAt: readDate(textOf(kid(mgmt, 'FirstCreated'))),
    updatedAt: readDate(textOf(kid(mgmt, 'ThisRevisionCreated'))),
    pageUrl: null,
  };
}

export function readNewsMl1(root: XEl, ctx: { url: string }): FeedDraft {
  const items = root.local === 'NewsItem' ? [root] : kids(root, 'NewsItem');
  const { entries, unreadable } = readEntries(
    items,
    (item, index) => agencyEntry(index, readItem(item, ctx), ctx.url),
    (item) => ({
      guid: textOf(descendants(item, 'PublicIdentifier')[0]),
      title: textOf(descendants(item, 'HeadLine')[0]),
    }),
  );
  return { format: 'newsml', title: null, link: null, ttlSeconds: null, entries, unreadable };
}
