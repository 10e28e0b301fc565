import { resolveWebUrl } from '../links.js';
import type { AgencyImage, AgencySubject } from '../types.js';
import { bodyFromXml } from './body.js';
import {
  agencyEntry,
  clean,
  emptyImage,
  num,
  readDate,
  readEmbargo,
  readPubStatus,
  readUrgency,
  type AgencyParts,
} from './common.js';
import { attr, attrText, descendants, kid, kids, spacedText, textOf, type XEl } from './xml.js';

/**
 * NITF 3.x (standalone, or inside NewsML-G2 inlineXML / NewsML 1.x DataContent).
 * Identity: doc-id/@id-string, else du-key/@key; version: du-key/@version. Status:
 * docdata/@management-status; embargo: date.release/@norm when the status is "embargoed" or the
 * release is later than the issue date; urgency: urgency/@ed-urg; note: ed-msg/@info.
 */

/** The parts of an NITF body other formats embed: text, byline, headline, images. */
export interface NitfBody {
  headline: string | null;
  subheadline: string | null;
  byline: string | null;
  abstract: string | null;
  body: string | null;
  images: AgencyImage[];
}

function bylineOf(el: XEl | null): string | null {
  if (!el) return null;
  // <byline>By <person>Jane Doe</person><byttl>AP Writer</byttl></byline>: the whole line, parts spaced.
  return spacedText(el);
}

export function nitfImages(scope: XEl | null, base: string | null): AgencyImage[] {
  return descendants(scope, 'media')
    .filter((m) => (attr(m, 'media-type') ?? 'image').toLowerCase() === 'image')
    .map((m) => {
      const ref = kid(m, 'media-reference');
      const src = attr(ref, 'source') ?? attr(ref, 'data-location');
      return {
        ...emptyImage(),
        href: resolveWebUrl(src, base),
        id: src && !resolveWebUrl(src, base) ? src : null,
        caption: textOf(kid(m, 'media-caption')),
        credit: textOf(kid(m, 'media-producer')),
        width: num(attr(ref, 'width')),
        height: num(attr(ref, 'height')),
        mimeType: attrText(ref, 'mime-type'),
      };
    });
}

export function readNitfBody(nitf: XEl, base: string | null): NitfBody {
  const body = kid(nitf, 'body');
  const head = kid(body, 'body.head');
  const hedline = kid(head, 'hedline');
  const content = kids(body, 'body.content');
  return {
    headline: textOf(kid(hedline, 'hl1')),
    subheadline: textOf(kid(hedline, 'hl2')),
    byline: bylineOf(kids(head, 'byline')[0] ?? null),
    abstract: textOf(kid(head, 'abstract')),
    body: content.length ? bodyFromXml(content.flatMap((c) => c.children)) : null,
    images: nitfImages(body, base),
  };
}

export function readNitf(nitf: XEl, ctx: { url: string }): AgencyParts {
  const head = kid(nitf, 'head');
  const docdata = kid(head, 'docdata');
  const duKey = kid(docdata, 'du-key');
  // Without doc-id/@id-string or du-key (AP's NITF renditions: <doc-id regsrc="AP"/>) the
  // document is identified by its URL, which is per story for a rendition.
  // doc-id first: it is what management-doc-idref points at when a document replaces or cancels
  // another. A du-key can name a whole series (the IPTC sample's "ongoing-winter-tide-updates").
  const id = attrText(kid(docdata, 'doc-id'), 'id-string') ?? attrText(duKey, 'key') ?? ctx.url;
  const status = readPubStatus(attr(docdata, 'management-status'));
  const release = attr(kid(docdata, 'date.release'), 'norm');
  const issued = readDate(attr(kid(docdata, 'date.issue'), 'norm'));
  let embargo = readEmbargo(release, 'date.release');
  // A release time no later than the issue time is the publication time, not an embargo; a
  // later one, or one with no issue time to compare, is an embargo (fail closed).
  if (!status.embargoed && embargo.embargo && issued && embargo.embargo <= issued) {
    embargo = {
      embargo: null,
      embargoReading: `date.release "${release?.trim()}" is not after date.issue: no embargo`,
    };
  }
  if (status.embargoed && !embargo.embargo) throw new Error('status "embargoed" without a release time (date.release)');
  const copyright = kid(docdata, 'doc.copyright');
  const holder = attrText(copyright, 'holder');
  const year = attrText(copyright, 'year');
  const subjects: AgencySubject[] = descendants(head, 'tobject.subject').map((s) => ({
    code: attr(s, 'tobject.subject.refnum') ?? '',
    name: clean(
      attr(s, 'tobject.subject.detail') ?? attr(s, 'tobject.subject.matter') ?? attr(s, 'tobject.subject.type'),
    ),
  }));
  for (const c of descendants(head, 'classifier')) {
    const code = attrText(c, 'value') ?? attrText(c, 'id');
    if (code) subjects.push({ code, name: null });
  }
  const b = readNitfBody(nitf, ctx.url);
  const edMsg = kids(docdata, 'ed-msg')
    .map((e) => clean(attr(e, 'info')))
    .filter((s): s is string => !!s);
  const distributor = textOf(kid(kid(nitf, 'body'), 'body.head', 'distributor'));
  return {
    format: 'nitf',
    id,
    version: attrText(duKey, 'version'),
    status,
    embargo,
    expires: readDate(attr(kid(docdata, 'date.expire'), 'norm')),
    urgency: readUrgency(attr(kid(docdata, 'urgency'), 'ed-urg')),
    signals: [],
    editorialNote: edMsg.length ? edMsg.join(' ') : null,
    headline: b.headline ?? textOf(kid(head, 'title')),
    summary: b.abstract,
    byline: b.byline,
    credit: distributor ?? holder,
    copyright: holder ? `${year ? `© ${year} ` : ''}${holder}` : null,
    usageTerms: textOf(kid(docdata, 'doc.rights')) ?? clean(attr(kid(docdata, 'doc.rights'), 'usage-terms')),
    subjects: subjects.filter((s) => s.code !== ''),
    language: clean(attr(nitf, 'xml:lang') ?? attr(head, 'xml:lang') ?? metaContent(head, 'language')),
    images: b.images,
    body: b.body,
    refersTo: attrText(docdata, 'management-doc-idref'),
    publishedAt: issued,
    updatedAt: issued,
    pageUrl: null,
  };
}

function metaContent(head: XEl | null, name: string): string | null {
  const m = kids(head, 'meta').find((x) => attr(x, 'name')?.toLowerCase() === name);
  return m ? attr(m, 'content') : null;
}

export function nitfEntry(nitf: XEl, ctx: { url: string }) {
  return agencyEntry(0, readNitf(nitf, ctx), ctx.url);
}
