import iconv from 'iconv-lite';
import { charsetParam, isWideCharset, normalizeCharset } from './charset.js';
import {
  bomCharset,
  guessLegacyCharset,
  htmlMetaCharset,
  looksLikeUtf8,
  utf16WithoutBom,
  xmlDeclarationCharset,
} from './sniff.js';

/** Which clue decided the charset; kept so tests and diagnostics can say why. */
export type CharsetSource = 'bom' | 'utf16-sniff' | 'utf8' | 'http' | 'declaration' | 'meta' | 'guess';

export interface CharsetDecision {
  charset: string;
  source: CharsetSource;
}

/**
 * Server defaults rather than statements about the document: Apache and friends add
 * `charset=ISO-8859-1` to text/* responses they know nothing about. When the document's own
 * declaration names another 8-bit charset, the declaration is the better witness.
 */
const WEAK_HTTP_LABELS = new Set(['iso-8859-1', 'iso8859-1', 'latin1', 'us-ascii', 'ascii']);

/**
 * A label is only usable when it can be right for these bytes: by the time labels are read,
 * the bytes are known not to be UTF-8 and not to be UTF-16, so labels naming those are lies
 * (a header saying utf-8 over windows-1251 bytes, a declaration left at "UTF-16" after the
 * file was transcoded) and the next clue is tried instead.
 */
function usableLabel(label: string | null, utf8: boolean): string | null {
  const name = normalizeCharset(label);
  if (!name) return null;
  if (name === 'utf-8' && !utf8) return null;
  if (isWideCharset(name)) return null;
  return name;
}

/**
 * The charset of an XML (or JSON) document, in this order:
 *
 * 1. byte order mark;
 * 2. UTF-16 without BOM (`3C 00 3F 00` / `00 3C 00 3F`), before any 8-bit rule, because
 *    UTF-16 ASCII is also "valid UTF-8";
 * 3. the bytes are (almost entirely) valid UTF-8 -> UTF-8. This beats the labels because a
 *    label that says otherwise over valid UTF-8 is nearly always a stale header or declaration,
 *    and legacy 8-bit text is practically never valid UTF-8;
 * 4. the HTTP charset (RFC 7303: it overrides the declaration), unless it is a server default
 *    such as ISO-8859-1 and the declaration names something else;
 * 5. the XML declaration;
 * 6. a guess: windows-1251 for Cyrillic-looking bytes, otherwise windows-1252.
 *
 * Labels naming UTF-8 or UTF-16 are skipped at steps 4-5 (the bytes already proved them wrong).
 */
export function detectXmlCharset(bytes: Uint8Array, contentType?: string | null): CharsetDecision {
  const bom = bomCharset(bytes);
  if (bom) return { charset: bom, source: 'bom' };
  const wide = utf16WithoutBom(bytes);
  if (wide) return { charset: wide, source: 'utf16-sniff' };
  if (looksLikeUtf8(bytes)) return { charset: 'utf-8', source: 'utf8' };

  const httpLabel = charsetParam(contentType);
  const http = usableLabel(httpLabel, false);
  const declared = usableLabel(xmlDeclarationCharset(bytes), false);
  if (http && !(declared && declared !== http && WEAK_HTTP_LABELS.has(httpLabel!.toLowerCase()))) {
    return { charset: http, source: 'http' };
  }
  if (declared) return { charset: declared, source: 'declaration' };
  return { charset: guessLegacyCharset(bytes), source: 'guess' };
}

/**
 * The charset of an HTML page, in the HTML standard's order: byte order mark, HTTP charset,
 * `<meta>` pre-scan, then (where the standard uses the locale's default) UTF-8 when the bytes
 * are valid UTF-8, else the windows-1251/1252 guess. A label claiming UTF-8 over bytes that are
 * not UTF-8 is skipped, as for XML.
 */
export function detectHtmlCharset(bytes: Uint8Array, contentType?: string | null): CharsetDecision {
  const bom = bomCharset(bytes);
  if (bom) return { charset: bom, source: 'bom' };
  const utf8 = looksLikeUtf8(bytes);
  const http = usableLabel(charsetParam(contentType), utf8);
  if (http) return { charset: http, source: 'http' };
  const metaLabel = htmlMetaCharset(bytes);
  // The HTML standard reads a meta "utf-16" as UTF-8: a page that can be pre-scanned as ASCII is not UTF-16.
  const meta = /^utf-?16/i.test(metaLabel ?? '') ? usableLabel('utf-8', utf8) : usableLabel(metaLabel, utf8);
  if (meta) return { charset: meta, source: 'meta' };
  if (utf8) return { charset: 'utf-8', source: 'utf8' };
  return { charset: guessLegacyCharset(bytes), source: 'guess' };
}

/** Decodes with a known charset, dropping a byte order mark. */
export function decodeWith(bytes: Uint8Array, charset: string): string {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  // iconv-lite rather than TextDecoder: Node's TextDecoder maps windows-1252 0x80-0x9F to C1 controls.
  const text = charset === 'utf-8' ? buf.toString('utf8') : iconv.decode(buf, charset);
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** Raw feed bytes -> text, choosing the charset as `detectXmlCharset` describes. */
export function decodeXml(bytes: Uint8Array, contentType?: string | null): string {
  return decodeWith(bytes, detectXmlCharset(bytes, contentType).charset);
}

/** Raw page bytes -> text, choosing the charset as `detectHtmlCharset` describes. */
export function decodeHtml(bytes: Uint8Array, contentType?: string | null): string {
  return decodeWith(bytes, detectHtmlCharset(bytes, contentType).charset);
}
