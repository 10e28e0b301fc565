import { readEntries, type FeedDraft, type FeedEntry } from '../entry.js';
import { resolveWebUrl } from '../links.js';
import type { AgencyImage, AgencySubject } from '../types.js';
import { bodyFromString, bodyFromXml } from './body.js';
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
import { readNitfBody } from './nitf.js';
import { attr, attrText, descendants, isEl, kid, kids, rawText, textOf, type XEl } from './xml.js';

/**
 * IPTC NewsML-G2: a newsMessage (header + itemSet of newsItem/packageItem) or a bare
 * newsItem/packageItem root, any namespace prefix. What is read is listed in
 * src/feed/agency/README.md; the rules the corpus README gives are followed (absent pubStatus is
 * usable; empty embargoed is no embargo; urgency may be empty; several headlines).
 */

const ITEMS = ['newsItem', 'packageItem'];

/** The text of the element in the wanted language, else the first with text. */
function inLanguage(els: XEl[], lang: string | null): string | null {
  const withText = els.filter((e) => textOf(e));
  const want = lang?.toLowerCase().slice(0, 2);
  const match = want ? withText.find((e) => attr(e, 'xml:lang')?.toLowerCase().startsWith(want)) : undefined;
  return textOf(match ?? withText[0]);
}

/** A concept's display form: name (in the item's language), else @literal, else @qcode. */
function conceptName(el: XEl | null, lang: string | null): string | null {
  if (!el) return null;
  return inLanguage(kids(el, 'name'), lang) ?? attrText(el, 'literal') ?? textOf(el);
}

function codeOf(el: XEl): string | null {
  return attrText(el, 'qcode') ?? attrText(el, 'uri') ?? attrText(el, 'literal');
}

/** The largest rendition of a picture item (by width x height, else the last listed). */
function pictureFrom(contentSet: XEl | null, base: string): AgencyImage | null {
  const remotes = kids(contentSet, 'remoteContent').filter((r) => {
    const type = attr(r, 'contenttype') ?? '';
    return type === '' || type.startsWith('image/');
  });
  if (!remotes.length) return null;
  const area = (r: XEl) => (num(attr(r, 'width')) ?? 0) * (num(attr(r, 'height')) ?? 0);
  const best = remotes.reduce((a, b) => (area(b) >= area(a) ? b : a));
  return {
    ...emptyImage(),
    href: resolveWebUrl(attr(best, 'href'), base),
    width: num(attr(best, 'width')),
    height: num(attr(best, 'height')),
    mimeType: attrText(best, 'contenttype'),
  };
}

/** The general expiry (no @pubconstraint) when given, else the earliest of the constrained ones. */
function readExpires(els: XEl[]): string | null {
  const general = els.find((e) => !attr(e, 'pubconstraint'));
  if (general) return readDate(rawText(general));
  const times = els
    .map((e) => readDate(rawText(e)))
    .filter((t): t is string => !!t)
    .sort();
  return times[0] ?? null;
}

interface G2Body {
  body: string | null;
  byline: string | null;
  headline: string | null;
  images: AgencyImage[];
}

/** contentSet -> body: inlineXML (NITF, XHTML and their variants), else inlineData (text or HTML). */
function readContentSet(contentSet: XEl | null, base: string): G2Body {
  const out: G2Body = { body: null, byline: null, headline: null, images: [] };
  for (const inline of kids(contentSet, 'inlineXML')) {
    const root = inline.children.find(isEl);
    if (!root) continue;
    if (root.local === 'nitf') {
      const b = readNitfBody(root, base);
      if (!b.body) continue;
      return { body: b.body, byline: b.byline, headline: b.headline, images: b.images };
    }
    const body = root.local === 'html' ? (kid(root, 'body') ?? root) : root;
    const html = bodyFromXml(root.local === 'html' ? body.children : inline.children);
    if (html) return { ...out, body: html };
  }
  for (const data of kids(contentSet, 'inlineData')) {
    const body = bodyFromString(rawText(data), attr(data, 'contenttype'));
    if (body) return { ...out, body };
  }
  return out;
}

function readItem(item: XEl, ctx: { url: string }): AgencyParts {
  const itemMeta = kid(item, 'itemMeta');
  const contentMeta = kid(item, 'contentMeta');
  // contentMeta/language is the language of the content; @xml:lang (TT writes "swe") is the fallback.
  const lang = attrText(kid(contentMeta, 'language'), 'tag') ?? clean(attr(item, 'xml:lang'));
  const rights = kids(item, 'rightsInfo');
  const holder = rights.map((r) => conceptName(kid(r, 'copyrightHolder'), lang)).find(Boolean) ?? null;
  const notice = inLanguage(
    rights.flatMap((r) => kids(r, 'copyrightNotice')),
    lang,
  );
  const usage = inLanguage(
    rights.flatMap((r) => kids(r, 'usageTerms')),
    lang,
  );

  const embargoEl = kid(itemMeta, 'embargoed');
  const signals = kids(itemMeta, 'signal')
    .map((s) => codeOf(s))
    .filter((s): s is string => !!s);
  const edNotes = kids(itemMeta, 'edNote')
    .map((e) => textOf(e))
    .filter((s): s is string => !!s);

  const headlines = kids(contentMeta, 'headline');
  const main = headlines.find((h) => !/sub/i.test(attr(h, 'role') ?? '')) ?? headlines[0];
  const sub = headlines.find((h) => h !== main);
  const descriptions = kids(contentMeta, 'description');
  const summary =
    textOf(descriptions.find((d) => /summary|abstract/i.test(attr(d, 'role') ?? ''))) ?? textOf(sub) ?? null;
  const caption = textOf(descriptions.find((d) => /caption/i.test(attr(d, 'role') ?? ''))) ?? textOf(descriptions[0]);

  const subjects: AgencySubject[] = kids(contentMeta, 'subject')
    .map((s) => ({ code: codeOf(s) ?? '', name: inLanguage(kids(s, 'name'), lang) }))
    .filter((s) => s.code !== '');

  const contentSet = kid(item, 'contentSet');
  const content = readContentSet(contentSet, ctx.url);
  const by = kids(contentMeta, 'by')
    .map((b) => textOf(b))
    .filter(Boolean)
    .join(', ');
  const creators = kids(contentMeta, 'creator')
    .map((c) => conceptName(c, lang))
    .filter(Boolean)
    .join(', ');
  const byline = clean(by) ?? content.byline ?? clean(creators);
  const creditline = textOf(kid(contentMeta, 'creditline'));
  const provider = conceptName(kid(itemMeta, 'provider'), lang);
  const credit = creditline ?? provider;

  const itemClass = attr(kid(itemMeta, 'itemClass'), 'qcode') ?? '';
  const images = [...content.images];
  const picture = pictureFrom(contentSet, ctx.url);
  if (picture)
    images.unshift({ ...picture, id: attr(item, 'guid'), caption, credit: creditline ?? clean(by) ?? provider });
  const isPicture = /picture|graphic/.test(itemClass);

  return {
    format: 'newsml-g2',
    id: clean(attr(item, 'guid')),
    version: clean(attr(item, 'version')),
    status: readPubStatus(attr(kid(itemMeta, 'pubStatus'), 'qcode')),
    embargo: readEmbargo(embargoEl ? rawText(embargoEl) : null, 'embargoed'),
    expires: readExpires(kids(itemMeta, 'expires')),
    urgency: readUrgency(textOf(kid(contentMeta, 'urgency'))),
    signals,
    editorialNote: edNotes.length ? edNotes.join(' ') : null,
    headline:
      textOf(main) ?? content.headline ?? textOf(kid(itemMeta, 'title')) ?? textOf(kid(contentMeta, 'slugline')),
    summary: summary ?? (isPicture ? caption : null),
    byline,
    credit,
    copyright: notice ?? holder,
    usageTerms: usage,
    subjects,
    language: lang,
    images,
    body: content.body,
    publishedAt:
      readDate(textOf(kid(itemMeta, 'firstCreated'))) ?? readDate(textOf(kid(contentMeta, 'contentCreated'))),
    updatedAt: readDate(textOf(kid(itemMeta, 'versionCreated'))),
    pageUrl: null,
  };
}

/**
 * A packageItem delivered with its members (TT, Reuters): the pictures it groups with a story
 * become that story's images, with their own caption and credit. The members stay entries of
 * their own (a picture service publishes pictures; a kill may name any of them).
 */
function attachPackagedPictures(items: XEl[], entries: FeedEntry[]): void {
  const byGuid = new Map(entries.map((e) => [e.guid, e]));
  for (const pkg of items.filter((i) => i.local === 'packageItem')) {
    const members = descendants(pkg, 'itemRef')
      .map((r) => byGuid.get(attr(r, 'residref')))
      .filter((e): e is FeedEntry => !!e?.agency);
    const pictures = members.filter((m) => !m.agency!.body && m.agency!.images.length).map((m) => m.agency!.images[0]);
    for (const story of members.filter((m) => m.agency!.body)) {
      const a = story.agency!;
      for (const pic of pictures) if (!a.images.some((i) => i.href === pic.href && i.id === pic.id)) a.images.push(pic);
      story.image ??= a.images.find((i) => i.href)?.href ?? null;
    }
  }
}

/** Items of a newsMessage or a bare item root; other item kinds (conceptItem, planningItem) are skipped with the reason. */
export function readNewsMlG2(root: XEl, ctx: { url: string }): FeedDraft {
  const items = root.local === 'newsMessage' ? kids(root, 'itemSet').flatMap((s) => kids(s)) : [root];
  const { entries, unreadable } = readEntries(
    items,
    (item, index) => {
      if (!ITEMS.includes(item.local)) throw new Error(`<${item.name}> is not a news or package item`);
      return agencyEntry(index, readItem(item, ctx), ctx.url);
    },
    (item) => ({ guid: attr(item, 'guid'), title: textOf(kid(item, 'contentMeta', 'headline')) }),
  );
  attachPackagedPictures(items, entries);
  const header = kid(root, 'header');
  return {
    format: 'newsml-g2',
    title: textOf(kid(header, 'sender')),
    link: null,
    ttlSeconds: null,
    entries,
    unreadable,
  };
}
