import { readEntries, type FeedDraft } from '../entry.js';
import { isWebUrl, resolveWebUrl } from '../links.js';
import { htmlToText } from '../text.js';
import type { AgencyFormat, AgencyImage, AgencySubject } from '../types.js';
import { bodyFromHtml, bodyFromString } from './body.js';
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

/**
 * ninjs 1.x (flat, lower-case, `body_*`), 2.x (arrays: headlines, bodies, subjects, by) and 3.x
 * (camelCase), a single item or a list. Field names are looked up in every spelling the versions
 * use, so one reader serves them all; the ninjs-like JSON of AP (apmedia.ts), Reuters Connect
 * GraphQL (`headLine`, `byLine`, `bodyXhtml`) and Fingerpost/PA (`status`, `usage`) goes through
 * it too.
 */

export type Obj = Record<string, unknown>;
export const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The first present value among the names. */
export function pick(o: Obj, ...names: string[]): unknown {
  for (const n of names) if (o[n] !== undefined && o[n] !== null) return o[n];
  return undefined;
}

export function str(v: unknown): string | null {
  if (typeof v === 'string') return clean(v);
  if (typeof v === 'number') return String(v);
  return null;
}

/** A string, or the `value` of the entry with the wanted role (else the first) in a 2.x/3.x array. */
function roleValue(v: unknown, roles: RegExp): string | null {
  if (typeof v === 'string') return v;
  if (!Array.isArray(v)) return null;
  const objs = v.filter(isObj);
  const hit = objs.find((o) => roles.test(String(o.role ?? ''))) ?? objs[0];
  return hit && typeof hit.value === 'string' ? hit.value : null;
}

/** ninjs 1.x wildcard properties (`headline_main`, `body_richtext`): the first with a value. */
function wildcard(o: Obj, prefix: string): string | null {
  for (const [k, v] of Object.entries(o)) if (k.startsWith(prefix) && typeof v === 'string' && v.trim()) return v;
  return null;
}

function nameOf(v: unknown): string | null {
  if (typeof v === 'string') return clean(v);
  if (isObj(v)) return str(pick(v, 'name', 'by', 'literal', 'value'));
  return null;
}

function names(v: unknown): string | null {
  const list = (Array.isArray(v) ? v : v === undefined ? [] : [v]).map(nameOf).filter((s): s is string => !!s);
  return list.length ? [...new Set(list)].join(', ') : null;
}

function readSubjects(o: Obj): AgencySubject[] {
  const raw = pick(o, 'subjects', 'subject');
  if (!Array.isArray(raw)) return [];
  return raw
    .filter(isObj)
    .map((s) => ({ code: str(pick(s, 'code', 'qcode', 'literal', 'uri')) ?? '', name: str(s.name) }))
    .filter((s) => s.code !== '');
}

function readBody(o: Obj): string | null {
  const bodies = o.bodies;
  if (Array.isArray(bodies)) {
    const objs = bodies.filter(isObj);
    const type = (b: Obj) => String(pick(b, 'contenttype', 'contentType') ?? '').toLowerCase();
    const rich = objs.find((b) => /html|xml|nitf/.test(type(b)) && typeof b.value === 'string');
    const chosen = rich ?? objs.find((b) => typeof b.value === 'string');
    return chosen ? bodyFromString(chosen.value as string, type(chosen)) : null;
  }
  const html = pick(o, 'body_html', 'body_html5', 'body_xhtml', 'bodyHtml', 'bodyXhtml', 'body_richtext');
  if (typeof html === 'string' && html.trim()) return bodyFromHtml(html);
  const text = pick(o, 'body_text', 'bodyText');
  if (typeof text === 'string' && text.trim()) return bodyFromString(text, null);
  const other = wildcard(o, 'body_');
  return other ? bodyFromString(other, null) : null;
}

/** Renditions (1.x/2.x object by name, 3.x array) -> the largest image. */
function bestRendition(r: unknown, base: string): Partial<AgencyImage> | null {
  const list = Array.isArray(r) ? r.filter(isObj) : isObj(r) ? Object.values(r).filter(isObj) : [];
  const images = list.filter((x) => {
    const t = String(pick(x, 'mimetype', 'contenttype', 'contentType', 'type') ?? '');
    return t === '' || /image|picture/i.test(t);
  });
  if (!images.length) return null;
  const area = (x: Obj) => (num(x.width) ?? 0) * (num(x.height) ?? 0);
  const best = images.reduce((a, b) => (area(b) > area(a) ? b : a));
  return {
    href: resolveWebUrl(str(best.href), base),
    width: num(best.width),
    height: num(best.height),
    mimeType: str(pick(best, 'mimetype', 'contenttype', 'contentType')),
  };
}

/** A description's role that names the credit, not the picture's content. */
const CREDIT_ROLE = /credit/i;

/** `descriptions` (2.x/3.x) entries: the one whose role matches `role`, as text. */
function describedAs(a: Obj, role: RegExp, exclude: RegExp | null = null): string | null {
  const list = Array.isArray(a.descriptions) ? a.descriptions.filter(isObj) : [];
  const objs = list.filter((d) => typeof d.value === 'string' && !(exclude && exclude.test(String(d.role ?? ''))));
  const hit = objs.find((d) => role.test(String(d.role ?? '')));
  return hit ? clean(htmlToText(hit.value as string)) : null;
}

/**
 * A picture's caption, in the field names of each ninjs version: 2.x/3.x `descriptions` (role caption, else
 * summary/text, else any but a credit line), 1.x `description_text` / `description_caption` /
 * `description_<anything>` (not the credit line or usage), `body_text` (1.x pictures carry the caption there),
 * else its headline.
 */
function captionOf(a: Obj): string | null {
  const text = (v: unknown) => (typeof v === 'string' ? clean(htmlToText(v)) : null);
  const described =
    describedAs(a, /caption/i) ??
    describedAs(a, /summary|text|description|abstract/i, CREDIT_ROLE) ??
    describedAs(a, /.*/, CREDIT_ROLE);
  if (described) return described;
  for (const name of ['description_caption', 'description_text', 'description_html', 'description_richtext']) {
    const t = text(a[name]);
    if (t) return t;
  }
  for (const [k, v] of Object.entries(a)) {
    if (k.startsWith('description_') && !/credit|usage/i.test(k)) {
      const t = text(v);
      if (t) return t;
    }
  }
  return (
    text(pick(a, 'body_text', 'bodyText')) ??
    str(a.headline) ??
    clean(roleValue(a.headlines, /main/)) ??
    clean(wildcard(a, 'headline_'))
  );
}

/**
 * A picture's credit: the credit line (2.x/3.x `descriptions` role creditline, 1.x `description_creditline`,
 * `creditline`), else the photographer (`byline` 1.x, `by` 2.x/3.x), else the source (`infosource(s)`), else the
 * copyright holder (`copyrightholder` / 3.x `copyrightHolder`, also in `rightsinfo`).
 */
function creditOf(a: Obj): string | null {
  const rights = isObj(pick(a, 'rightsinfo', 'rightsInfo')) ? (pick(a, 'rightsinfo', 'rightsInfo') as Obj) : {};
  return (
    describedAs(a, CREDIT_ROLE) ??
    str(pick(a, 'description_creditline', 'creditline', 'creditLine')) ??
    names(pick(a, 'byline', 'by', 'bylines', 'byLine')) ??
    names(pick(a, 'infosource', 'infosources', 'infoSources')) ??
    str(pick(a, 'copyrightholder', 'copyrightHolder')) ??
    str(pick(rights, 'copyrightholder', 'copyrightHolder'))
  );
}

function imageOf(a: Obj, base: string): AgencyImage {
  const r = bestRendition(a.renditions, base) ?? {};
  const altids = isObj(pick(a, 'altids', 'altIds')) ? (pick(a, 'altids', 'altIds') as Obj) : {};
  return {
    ...emptyImage(),
    ...r,
    id: str(pick(a, 'uri', 'guid')) ?? str(altids.itemid),
    caption: captionOf(a),
    credit: creditOf(a),
  };
}

function readImages(o: Obj, base: string): AgencyImage[] {
  const assoc = o.associations;
  const list = Array.isArray(assoc) ? assoc.filter(isObj) : isObj(assoc) ? Object.values(assoc).filter(isObj) : [];
  const out = list
    .filter((a) => /picture|image|graphic|photo/i.test(String(a.type ?? '')))
    .map((a) => imageOf(a, base));
  if (/picture|image|graphic|photo/i.test(String(o.type ?? '')) && o.renditions) out.unshift(imageOf(o, base));
  return out;
}

export function stringsOf(v: unknown): string[] {
  if (typeof v === 'string') return [v];
  if (!Array.isArray(v)) return [];
  return v
    .map((x) => (typeof x === 'string' ? x : isObj(x) ? str(pick(x, 'code', 'qcode', 'name')) : null))
    .filter((s): s is string => !!s);
}

/** One ninjs object -> the parts of an agency entry. */
export function readNinjsItem(o: Obj, format: AgencyFormat, base: string): AgencyParts {
  const signals = [...stringsOf(o.signals), ...stringsOf(o.signal)];
  const status = readPubStatus(str(pick(o, 'pubstatus', 'pubStatus', 'status')));
  const embargoRaw = pick(o, 'embargoed', 'embargoedUntil', 'embargoedutil');
  const embargo = readEmbargo(
    typeof embargoRaw === 'string' ? embargoRaw : embargoRaw == null ? null : String(embargoRaw),
    'embargoed',
  );
  if (status.embargoed && !embargo.embargo) throw new Error('status "embargoed" without an embargo time');

  const headline = roleValue(pick(o, 'headline', 'headlines', 'headLine'), /^main$/) ?? wildcard(o, 'headline_');
  const summary =
    roleValue(pick(o, 'description_text', 'descriptions', 'abstract'), /summary|text|abstract/) ??
    str(o.description_html);
  const rights = isObj(pick(o, 'rightsinfo', 'rightsInfo')) ? (pick(o, 'rightsinfo', 'rightsInfo') as Obj) : {};
  const usage = pick(o, 'usageterms', 'usageTerms', 'usage') ?? pick(rights, 'usageterms', 'usageTerms');
  const page = str(pick(o, 'link', 'url', 'web_url'));
  const holder =
    str(pick(o, 'copyrightholder', 'copyrightHolder')) ?? str(pick(rights, 'copyrightholder', 'copyrightHolder'));
  const infosource = names(pick(o, 'infosource', 'infosources', 'infoSources'));

  return {
    format,
    id: str(o.uri) ?? str(o.guid),
    version: str(o.version),
    status,
    embargo,
    expires: readDate(str(o.expires)),
    urgency: readUrgency(o.urgency),
    signals,
    editorialNote: str(pick(o, 'ednote', 'edNote')),
    headline: clean(headline ? htmlToText(headline) : null) ?? str(o.title) ?? str(pick(o, 'slugline', 'slug')),
    summary: clean(summary ? htmlToText(summary) : null),
    byline: names(pick(o, 'byline', 'by', 'bylines', 'byLine', 'authors')),
    credit: str(o.description_creditline) ?? infosource ?? str(o.source) ?? holder,
    copyright:
      str(pick(o, 'copyrightnotice', 'copyrightNotice')) ??
      str(pick(rights, 'copyrightnotice', 'copyrightNotice')) ??
      holder,
    usageTerms: Array.isArray(usage) ? clean(usage.filter((u) => typeof u === 'string').join(' ')) : str(usage),
    subjects: readSubjects(o),
    language: str(o.language),
    images: readImages(o, base),
    body: readBody(o),
    publishedAt: readDate(str(pick(o, 'firstcreated', 'firstCreated', 'firstpublished'))),
    updatedAt: readDate(str(pick(o, 'versioncreated', 'versionCreated'))),
    // ninjs `uri` is an identifier (often an http URI of the agency's API), not a page to fetch.
    pageUrl: page && isWebUrl(page) ? page : null,
  };
}

/** A list of ninjs(-like) objects -> FeedDraft, each read in isolation by `read`. */
export function ninjsDraft(
  format: AgencyFormat,
  items: unknown[],
  base: string,
  read: (o: Obj, base: string) => AgencyParts = (o, b) => readNinjsItem(o, format, b),
  extra: Partial<FeedDraft> = {},
): FeedDraft {
  const { entries, unreadable } = readEntries(
    items,
    (item, index) => {
      if (!isObj(item)) throw new Error('item is not an object');
      return agencyEntry(index, read(item, base), base);
    },
    (item) => ({
      guid: isObj(item) ? str(pick(item, 'uri', 'guid')) : null,
      title: isObj(item) ? str(item.headline) : null,
    }),
  );
  return { format, title: null, link: null, ttlSeconds: null, entries, unreadable, ...extra };
}
