import { parseFeedDate } from '../dates.js';
import type { FeedEntry } from '../entry.js';
import { foldAsciiWhitespace } from '../text.js';
import type { AgencyFields, AgencyFormat, AgencyImage, AgencySubject, PubStatus } from '../types.js';

/** Folded text or null. */
export function clean(s: string | null | undefined): string | null {
  if (s == null) return null;
  const t = foldAsciiWhitespace(String(s));
  return t === '' ? null : t;
}

export interface StatusReading {
  status: PubStatus;
  reading: string | null;
  /** The status itself says "embargoed" (NewsML 1.x, NITF, AP): usable once the embargo time passes. */
  embargoed: boolean;
}

/**
 * An agency status (`stat:usable`, `Usable`, `USABLE`, `embargoed`, Belga `OPEN` ...) -> usable,
 * withheld or canceled. Fails closed: a status we cannot read throws, so the item is skipped
 * with the reason instead of being published as usable.
 */
export function readPubStatus(raw: string | null | undefined): StatusReading {
  const given = clean(raw);
  if (!given) return { status: 'usable', reading: 'no status given: read as usable', embargoed: false };
  const s = given.toLowerCase().replace(/^.*[:/]/, '');
  switch (s) {
    case 'usable':
      return { status: 'usable', reading: null, embargoed: false };
    case 'withheld':
      return { status: 'withheld', reading: null, embargoed: false };
    case 'canceled':
      return { status: 'canceled', reading: null, embargoed: false };
    case 'cancelled':
      return { status: 'canceled', reading: `"${given}" (misspelt) read as canceled`, embargoed: false };
    case 'embargoed':
      return { status: 'usable', reading: `"${given}": usable once the embargo ends`, embargoed: true };
    case 'open':
      return { status: 'usable', reading: `"${given}" read as usable`, embargoed: false };
    default:
      throw new Error(`unknown publication status "${given}"`);
  }
}

/** 1-9, or null when absent, empty or out of range. */
export function readUrgency(raw: unknown): number | null {
  const s = clean(raw == null ? null : String(raw));
  if (!s || !/^\d+$/.test(s)) return null;
  const n = Number(s);
  return n >= 1 && n <= 9 ? n : null;
}

const PLACEHOLDER = /^0{3}[01]-0?1-0?1(?:[T\s]0?0:00(?::00(?:\.0+)?)?)?(?:Z|[+-]00:?00)?$/i;
const HAS_ZONE = /(?:Z|[+-]\d{2}(?::?\d{2})?|\bUTC|\bGMT)$/i;

export interface EmbargoReading {
  embargo: string | null;
  embargoReading: string | null;
}

/**
 * An embargo time as agencies write it. Absent -> no embargo; empty (BusinessDesk) or the
 * placeholder 0001-01-01 (CP) -> no embargo, said so; a time without a zone is read as UTC,
 * said so. A value that is not a time throws (fail closed: the item is skipped, not published).
 */
export function readEmbargo(raw: string | null | undefined, field: string): EmbargoReading {
  if (raw === undefined || raw === null) return { embargo: null, embargoReading: null };
  const s = raw.trim();
  if (!s) return { embargo: null, embargoReading: `${field} is empty: no embargo` };
  if (PLACEHOLDER.test(s)) return { embargo: null, embargoReading: `${field} "${s}" is a placeholder: no embargo` };
  const iso = parseFeedDate(s);
  if (!iso) throw new Error(`unreadable embargo time in ${field}: "${s}"`);
  if (!HAS_ZONE.test(s)) return { embargo: iso, embargoReading: `${field} "${s}" has no time zone: read as UTC` };
  return { embargo: iso, embargoReading: `${field} "${s}"` };
}

/** A date (publication, version, expiry): ISO 8601 UTC or null; placeholders are null. */
export function readDate(raw: string | null | undefined): string | null {
  const s = raw?.trim();
  if (!s || PLACEHOLDER.test(s)) return null;
  return parseFeedDate(s);
}

const CORRECTION = /(?:^|[:/_\s-])(?:correction|corrective|corrected|clarification|correct)$|^edstat:c$/i;
const UPDATE = /(?:^|[:/_\s-])(?:update|writethru|lead|replace|add|append-[\w-]*|update-[\w-]*)$|^edstat:u$|^update:/i;

/** Editorial-note wording and headline prefixes agencies use where they send no signal code. */
const CORRECTION_NOTE = /\b(?:correct(?:s|ed|ion|ive)|clarif(?:ies|ication))\b/i;
const UPDATE_NOTE = /\b(?:updates?|writethru|write-thru|adds|recasts|new lede|refiles?)\b/i;
const CORRECTION_HEADLINE = /^(?:corrected|correction|corrects)\b/i;
const UPDATE_HEADLINE = /^(?:update \d+|refile)\b/i;

/**
 * Signal codes -> correction / update flags (IPTC sig:, Reuters edStat:, STT update:, TT replace,
 * AP editorial types). Without a code, the wording agencies use is read too: an editorial note
 * "Eds: UPDATES ...", "corrects ...", "Adds ..." (AP, NITF ed-msg) and a headline starting
 * "CORRECTED-" or "UPDATE 2-" (Reuters). `codes` stays the codes as written.
 */
export function readSignals(
  codes: string[],
  hints: { note?: string | null; headline?: string | null } = {},
): AgencyFields['signals'] {
  const list = codes.map((c) => c.trim()).filter((c) => c !== '');
  const note = hints.note ?? '';
  const headline = hints.headline ?? '';
  return {
    correction:
      list.some((c) => CORRECTION.test(c)) || CORRECTION_NOTE.test(note) || CORRECTION_HEADLINE.test(headline),
    update: list.some((c) => UPDATE.test(c)) || UPDATE_NOTE.test(note) || UPDATE_HEADLINE.test(headline),
    codes: list,
  };
}

/**
 * The entry's link. Agency items are identified by their id, not a page: when the document
 * gives no web page for the story, the link is the source URL with the id as its fragment, so
 * it is absolute, stable per story and never the address of another story. The source URL's
 * query and user info are dropped: agency URLs carry API keys and cursors, and a link travels
 * downstream.
 */
export function agencyLink(pageUrl: string | null, sourceUrl: string, id: string): string {
  if (pageUrl) return pageUrl;
  const u = new URL(sourceUrl);
  u.search = '';
  u.username = '';
  u.password = '';
  u.hash = encodeURIComponent(id);
  return u.href;
}

export interface AgencyParts {
  format: AgencyFormat;
  id: string | null;
  version: string | null;
  status: StatusReading;
  embargo: EmbargoReading;
  expires: string | null;
  urgency: number | null;
  signals: string[];
  editorialNote: string | null;
  headline: string | null;
  summary: string | null;
  byline: string | null;
  credit: string | null;
  copyright: string | null;
  usageTerms: string | null;
  subjects: AgencySubject[];
  language: string | null;
  images: AgencyImage[];
  body: string | null;
  bodyUrl?: string | null;
  refersTo?: string | null;
  publishedAt: string | null;
  updatedAt: string | null;
  /** A web page for the story, when the document gives one. */
  pageUrl: string | null;
}

/** An agency item as a feed entry: FeedItem fields for existing consumers, lifecycle under `agency`. */
export function agencyEntry(index: number, p: AgencyParts, sourceUrl: string): FeedEntry {
  if (!p.id) throw new Error(`no ${p.format} identifier`);
  const signals = readSignals(p.signals, { note: p.editorialNote, headline: p.headline });
  const uniq = (xs: string[]) => [...new Set(xs)];
  return {
    index,
    guid: p.id,
    link: agencyLink(p.pageUrl, sourceUrl, p.id),
    title: p.headline,
    publishedAt: p.publishedAt ?? p.updatedAt,
    updatedAt: p.updatedAt,
    summary: p.summary,
    content: p.body,
    author: p.byline,
    categories: uniq(p.subjects.map((s) => s.name ?? s.code)),
    image: p.images.find((i) => i.href)?.href ?? null,
    language: p.language,
    agency: {
      format: p.format,
      id: p.id,
      version: p.version,
      pubStatus: p.status.status,
      pubStatusReading: p.status.reading,
      embargo: p.embargo.embargo,
      embargoReading: p.embargo.embargoReading,
      expires: p.expires,
      urgency: p.urgency,
      signals,
      editorialNote: p.editorialNote,
      byline: p.byline,
      credit: p.credit,
      copyright: p.copyright,
      usageTerms: p.usageTerms,
      subjects: p.subjects,
      images: p.images,
      body: p.body,
      bodyUrl: p.bodyUrl ?? null,
      refersTo: p.refersTo && p.refersTo !== p.id ? p.refersTo : null,
    },
  };
}

export function emptyImage(): AgencyImage {
  return { href: null, id: null, caption: null, credit: null, width: null, height: null, mimeType: null };
}

export function num(v: unknown): number | null {
  const n = typeof v === 'number' ? v : typeof v === 'string' && /^\d+$/.test(v.trim()) ? Number(v) : NaN;
  return Number.isFinite(n) ? n : null;
}
