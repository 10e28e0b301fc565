import { decodeHTML, escapeUTF8 } from 'entities';

/**
 * How a feed value is to be read:
 * - 'text': plain text already (Atom type="text", after XML decoding): nothing to strip;
 * - 'html': HTML source (Atom type="html"/"xhtml", content:encoded, RSS description);
 * - 'auto': RSS and JSON Feed titles, which the specs call plain text but feeds fill with
 *   escaped markup and double-escaped entities; markup is stripped only when it is clearly
 *   markup, so a literal "<b>" or "AT&T" in a headline survives.
 */
export type TextKind = 'text' | 'html' | 'auto';

/**
 * Folds runs of ASCII whitespace into one space and trims them. Only ASCII whitespace: a
 * no-break space in a headline is the agency's choice (and what the synthetic corpus expects).
 */
export function foldAsciiWhitespace(s: string): string {
  return s.replace(/[ \t\n\r\f\v]+/g, ' ').replace(/^ | $/g, '');
}

const BLOCK =
  'address|article|aside|blockquote|br|dd|div|dl|dt|figcaption|figure|footer|h[1-6]|header|hr|li|main|nav|ol|p|pre|section|table|td|th|tr|ul';
/** Elements whose content is never visible text. */
const HIDDEN = /<(script|style|noscript|template|head)\b[\s\S]*?<\/\1\s*>/gi;
const COMMENT = /<!--[\s\S]*?(?:-->|$)/g;
const BLOCK_TAG = new RegExp(`<\\/?(?:${BLOCK})\\b(?:[^>"']|"[^"]*"|'[^']*')*>`, 'gi');
/** A start or end tag, quotes respected (so `>` inside an attribute value does not end it). */
const ANY_TAG = /<\/?[A-Za-z][^\s/>]*(?:[\s/](?:[^>"']|"[^"]*"|'[^']*')*)?>/g;

/**
 * Visible text of an HTML fragment: entities decoded, tags removed, block boundaries kept as
 * spaces. Regular expressions rather than a DOM: feeds carry whole articles in their
 * descriptions, and a DOM parse per item made reading a large feed ten times slower for the
 * same text. A `<` that does not start a tag ("a < b") stays text, as in a browser.
 */
export function htmlToText(html: string): string {
  if (!/[<&]/.test(html)) return foldAsciiWhitespace(html);
  const stripped = html.replace(COMMENT, '').replace(HIDDEN, ' ').replace(BLOCK_TAG, ' ').replace(ANY_TAG, '');
  return foldAsciiWhitespace(decodeHTML(stripped));
}

/**
 * Markup that cannot be a literal part of a headline: a closing tag, a tag with attributes, or
 * a void element. A bare "<b>" alone is not enough (headlines quote tag names).
 */
const CLEAR_MARKUP =
  /<\/[a-z][a-z0-9]*\s*>|<[a-z][a-z0-9]*(?:\s+[a-z_:][-a-z0-9_:.]*\s*=\s*(?:"[^"]*"|'[^']*'|[^\s>]+))+\s*\/?>|<(?:br|hr|img|wbr)\b[^>]*>/i;
const ENTITY_REF = /&(?:#\d+|#x[0-9a-f]+|[a-z][a-z0-9]+);/i;

/** Plain text from a feed value read as `kind`; null when nothing is left. */
export function plainText(value: string | null | undefined, kind: TextKind): string | null {
  if (value == null) return null;
  let text: string;
  if (kind === 'text') text = foldAsciiWhitespace(value);
  else if (kind === 'html' || CLEAR_MARKUP.test(value)) text = htmlToText(value);
  else if (ENTITY_REF.test(value)) text = foldAsciiWhitespace(decodeHTML(value));
  else text = foldAsciiWhitespace(value);
  return text === '' ? null : text;
}

/** Plain text as HTML (for content given as text: Atom type="text", JSON content_text). */
export function textToHtml(text: string): string {
  return escapeUTF8(text).replace(/\r?\n/g, '<br>');
}

/** src of the first <img> in an HTML fragment (gofeed and most readers fall back to it for an item image). */
export function firstImageSrc(html: string | null): string | null {
  if (!html) return null;
  const m = /<img\b(?:[^>"']|"[^"]*"|'[^']*')*?\ssrc\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))/i.exec(
    html.replace(COMMENT, ''),
  );
  const src = m ? decodeHTML(m[1] ?? m[2] ?? m[3] ?? '').trim() : '';
  return src || null;
}
