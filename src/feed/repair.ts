import { decodeHTML } from 'entities';
import { closeTruncated, count, cutTrailingJunk, rebalanceTags } from './balance.js';
import { FEED_START } from './detect.js';

/**
 * Repairs for the ways real feeds break XML, applied before rss-parser sees the text
 * (its XML parser is strict and rejects the whole document on the first fault).
 *
 * Security: the DOCTYPE is removed whole, internal subset included, so entity declarations
 * (billion laughs, external SYSTEM entities) are never seen by any parser; references to the
 * entities it declared are left as literal text.
 */
export interface RepairedXml {
  xml: string;
  /** What was changed, in words for an operator. */
  repairs: string[];
  /** Lines removed from the top, so parser line numbers can be mapped back to the original. */
  lineOffset: number;
}

/** windows-1252 meanings of 0x80-0x9F; feeds write these bytes as C1 code points or &#146;-style refs. */
const CP1252_C1: Record<number, number> = {
  0x80: 0x20ac,
  0x82: 0x201a,
  0x83: 0x0192,
  0x84: 0x201e,
  0x85: 0x2026,
  0x86: 0x2020,
  0x87: 0x2021,
  0x88: 0x02c6,
  0x89: 0x2030,
  0x8a: 0x0160,
  0x8b: 0x2039,
  0x8c: 0x0152,
  0x8e: 0x017d,
  0x91: 0x2018,
  0x92: 0x2019,
  0x93: 0x201c,
  0x94: 0x201d,
  0x95: 0x2022,
  0x96: 0x2013,
  0x97: 0x2014,
  0x98: 0x02dc,
  0x99: 0x2122,
  0x9a: 0x0161,
  0x9b: 0x203a,
  0x9c: 0x0153,
  0x9e: 0x017e,
  0x9f: 0x0178,
};

const XML_ENTITIES = new Set(['amp', 'lt', 'gt', 'quot', 'apos']);

function isXmlChar(cp: number): boolean {
  return (
    cp === 0x9 ||
    cp === 0xa ||
    cp === 0xd ||
    (cp >= 0x20 && cp <= 0xd7ff) ||
    (cp >= 0xe000 && cp <= 0xfffd) ||
    (cp >= 0x10000 && cp <= 0x10ffff)
  );
}

/** Characters XML forbids anywhere (controls, lone surrogates, U+FFFE/FFFF), and C1 controls read as cp1252. */
function fixCharacters(text: string, repairs: string[]): string {
  let dropped = 0;
  let c1 = 0;
  const out = text.replace(
    /[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]|[\x80-\x9f]/g,
    (ch) => {
      const cp = ch.charCodeAt(0);
      if (cp >= 0x80 && cp <= 0x9f) {
        const mapped = CP1252_C1[cp];
        if (mapped) {
          c1++;
          return String.fromCharCode(mapped);
        }
      }
      dropped++;
      return '';
    },
  );
  if (dropped) repairs.push(`dropped ${count(dropped, 'character')} not allowed in XML`);
  if (c1) repairs.push(`read ${count(c1, 'C1 control character')} as windows-1252 punctuation`);
  return out;
}

/** Cuts anything before the XML declaration or root element (PHP notices, blank lines, stray bytes). */
function cutLeadingJunk(text: string, repairs: string[]): { text: string; lineOffset: number } {
  const m = FEED_START.exec(text);
  let start = m ? m.index : text.indexOf('<');
  if (start <= 0) return { text, lineOffset: 0 };
  const junk = text.slice(0, start);
  // Comments, processing instructions and a DOCTYPE before the root element are legal: keep them.
  const meaningful = junk
    .replace(/<!--[\s\S]*?-->|<\?[\s\S]*?\?>|<!DOCTYPE(?:[^[>]*\[[\s\S]*?\]\s*>|[^>]*>)/gi, '')
    .trim();
  if (!meaningful && !m?.[0].startsWith('<?xml')) start = junk.length - junk.trimStart().length;
  else if (meaningful) repairs.push(`removed ${count(meaningful.length, 'character')} of junk before the XML`);
  return { text: text.slice(start), lineOffset: (text.slice(0, start).match(/\n/g) ?? []).length };
}

/** Removes the DOCTYPE (and its internal subset), keeping its line breaks so line numbers stay true. */
function stripDoctype(text: string, repairs: string[]): string {
  const start = text.search(/<!DOCTYPE\b/i);
  if (start === -1) return text;
  let end: number;
  const close = text.indexOf('>', start);
  const bracket = text.indexOf('[', start);
  if (bracket !== -1 && (close === -1 || bracket < close)) {
    const subsetEnd = /\]\s*>/g;
    subsetEnd.lastIndex = bracket;
    const m = subsetEnd.exec(text);
    end = m ? m.index + m[0].length : text.length;
    repairs.push('removed a DOCTYPE with an internal subset (entity declarations are never processed)');
  } else {
    end = close === -1 ? text.length : close + 1;
  }
  const removed = text.slice(start, end);
  return text.slice(0, start) + '\n'.repeat((removed.match(/\n/g) ?? []).length) + text.slice(end);
}

/** Elements whose value is text or HTML; markup written straight into them is kept as their HTML source. */
const TEXT_ELEMENT =
  /<((?:atom:)?(?:title|subtitle|summary|content|rights|tagline|description|info)|content:encoded)(\s(?:[^<>"']|"[^"]*"|'[^']*')*)?>/g;

const STRUCTURE = /<\/?(?:[\w.-]+:)?(?:item|entry|channel|feed|rss|RDF)[\s>/]/;

function withoutCdata(s: string): string {
  return s.replace(/<!\[CDATA\[[\s\S]*?\]\]>/g, '');
}

function asCdata(s: string): string {
  return `<![CDATA[${s.replace(/\]\]>/g, ']]]]><![CDATA[>')}]]>`;
}

/**
 * Markup written straight into a text element (Atom type="xhtml", or a sloppy RSS
 * `<title>Foo <b>bar</b></title>`) becomes that element's HTML source, in CDATA, marked
 * type="html". Otherwise the XML parser splits it into child elements: rss-parser then returns
 * an object or cut text for the title, and xhtml content keeps its wrapper div.
 */
function flattenMarkup(text: string, repairs: string[]): string {
  let out = '';
  let last = 0;
  let flattened = 0;
  TEXT_ELEMENT.lastIndex = 0;
  for (let m = TEXT_ELEMENT.exec(text); m; m = TEXT_ELEMENT.exec(text)) {
    const [startTag, name] = m;
    const attrs = m[2] ?? '';
    if (attrs.trimEnd().endsWith('/')) continue;
    const innerStart = m.index + startTag.length;
    const closeRe = new RegExp(`</${name}\\s*>`, 'g');
    closeRe.lastIndex = innerStart;
    const close = closeRe.exec(text);
    if (!close) continue;
    const inner = text.slice(innerStart, close.index);
    const isXhtml = /\btype\s*=\s*["'](?:xhtml|application\/xhtml\+xml)["']/i.test(attrs);
    const bare = withoutCdata(inner);
    if (!/<[A-Za-z_/]/.test(bare)) {
      TEXT_ELEMENT.lastIndex = close.index + close[0].length;
      continue;
    }
    // An element whose end tag is missing or misspelt would swallow what follows up to the next
    // one of its kind; feed structure inside means the "inner" text is not this element's.
    if (new RegExp(`<${name}[\\s>/]`).test(bare) || STRUCTURE.test(bare)) continue;
    let html = inner.replace(/<!\[CDATA\[([\s\S]*?)\]\]>/g, '$1');
    if (isXhtml) {
      // Atom: the xhtml div is a wrapper, not part of the content (RFC 4287 section 3.1.1.3).
      const wrapper = /^\s*<(?:[\w.-]+:)?div\b[^>]*>([\s\S]*)<\/(?:[\w.-]+:)?div>\s*$/.exec(html);
      if (wrapper) html = wrapper[1];
      html = html.replace(/<(\/?)xhtml:/g, '<$1').replace(/\s+xmlns(?::\w+)?\s*=\s*("[^"]*"|'[^']*')/g, '');
    }
    const newAttrs = `${attrs.replace(/\s+type\s*=\s*("[^"]*"|'[^']*')/i, '')} type="html"`;
    out += text.slice(last, m.index) + `<${name}${newAttrs}>${asCdata(html)}</${name}>`;
    last = close.index + close[0].length;
    TEXT_ELEMENT.lastIndex = last;
    flattened++;
  }
  if (!flattened) return text;
  repairs.push(`turned markup written inside ${count(flattened, 'text element')} into that element's HTML`);
  return out + text.slice(last);
}

/**
 * Outside CDATA, comments and processing instructions: escapes bare `&` and `<`, turns HTML
 * named entities (undefined in XML) into numeric references, reads &#128;-&#159; as
 * windows-1252 (what every browser does), and drops references to characters XML forbids.
 */
function fixEntities(text: string, repairs: string[]): string {
  let bareAmp = 0;
  let html = 0;
  let unknown = 0;
  let c1 = 0;
  let badRef = 0;
  let bareLt = 0;
  const fixGap = (gap: string) =>
    gap
      .replace(
        /&(?:#(\d+);|#[xX]([0-9a-fA-F]+);|([A-Za-z][A-Za-z0-9]*);)?/g,
        (ref, dec?: string, hex?: string, name?: string) => {
          if (dec !== undefined || hex !== undefined) {
            const cp = dec !== undefined ? Number.parseInt(dec, 10) : Number.parseInt(hex!, 16);
            if (cp >= 0x80 && cp <= 0x9f && CP1252_C1[cp]) {
              c1++;
              return `&#${CP1252_C1[cp]};`;
            }
            if (!isXmlChar(cp)) {
              badRef++;
              return '';
            }
            return ref;
          }
          if (name !== undefined) {
            if (XML_ENTITIES.has(name)) return ref;
            const decoded = decodeHTML(ref);
            if (decoded !== ref) {
              html++;
              return Array.from(decoded, (ch) => `&#${ch.codePointAt(0)};`).join('');
            }
            unknown++;
            return `&amp;${name};`;
          }
          bareAmp++;
          return '&amp;';
        },
      )
      .replace(/<(?![A-Za-z_:!?/])/g, () => {
        bareLt++;
        return '&lt;';
      });

  let out = '';
  let last = 0;
  const protectedRe = /<!\[CDATA\[[\s\S]*?\]\]>|<!--[\s\S]*?-->|<\?[\s\S]*?\?>/g;
  for (let m = protectedRe.exec(text); m; m = protectedRe.exec(text)) {
    out += fixGap(text.slice(last, m.index)) + m[0];
    last = m.index + m[0].length;
  }
  out += fixGap(text.slice(last));

  if (bareAmp) repairs.push(`escaped ${count(bareAmp, "bare '&' character")}`);
  if (bareLt) repairs.push(`escaped ${count(bareLt, "bare '<' character")}`);
  if (html) repairs.push(`converted ${count(html, 'HTML entity', 'HTML entities')} to numeric references`);
  if (unknown) repairs.push(`kept ${count(unknown, 'undefined entity', 'undefined entities')} as literal text`);
  if (c1) repairs.push(`read ${count(c1, 'numeric reference')} in &#128;-&#159; as windows-1252`);
  if (badRef) repairs.push(`dropped ${count(badRef, 'reference')} to characters not allowed in XML`);
  return out;
}

/**
 * The second attempt after the strict parse failed: end tags rebalanced, then markup in text
 * elements flattened again (an element whose end tag was misspelt could not be flattened before).
 */
export function rebalanceXml(xml: string, repairs: string[]): string {
  const balanced = rebalanceTags(xml, repairs);
  return balanced === xml ? xml : flattenMarkup(balanced, repairs);
}

/**
 * Runs every repair in order; `root` is the root element's name when known. `flattenText: false`
 * leaves markup inside title/description/summary/content elements as markup (agency formats,
 * whose elements of those names are not feed text fields).
 */
export function repairXml(input: string, root: string | null, opts: { flattenText?: boolean } = {}): RepairedXml {
  const repairs: string[] = [];
  let text = fixCharacters(input, repairs);
  const located = cutLeadingJunk(text, repairs);
  text = stripDoctype(located.text, repairs);
  if (opts.flattenText !== false) text = flattenMarkup(text, repairs);
  text = fixEntities(text, repairs);
  if (root) {
    text = cutTrailingJunk(text, root, repairs);
    text = closeTruncated(text, root, repairs);
  }
  return { xml: text, repairs, lineOffset: located.lineOffset };
}
