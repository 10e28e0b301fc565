/**
 * Byte-level clues to a document's charset. Each function looks at one clue only;
 * decode.ts decides the order in which the clues are trusted.
 */
import { isUtf8 } from 'node:buffer';

export type BomCharset = 'utf-8' | 'utf-16le' | 'utf-16be';

export function bomCharset(bytes: Uint8Array): BomCharset | null {
  if (bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return 'utf-8';
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le';
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be';
  return null;
}

/**
 * UTF-16 without a byte order mark (XML 1.0 Appendix F): markup starts with ASCII, so the
 * first characters show up as `3C 00` (little endian) or `00 3C` (big endian). Checking two
 * characters, not one, keeps a stray NUL in an 8-bit file from passing as UTF-16.
 */
export function utf16WithoutBom(bytes: Uint8Array): 'utf-16le' | 'utf-16be' | null {
  if (bytes.length < 4) return null;
  const ascii = (b: number) => b > 0 && b < 0x80;
  if (ascii(bytes[0]) && bytes[1] === 0 && ascii(bytes[2]) && bytes[3] === 0) return 'utf-16le';
  if (bytes[0] === 0 && ascii(bytes[1]) && bytes[2] === 0 && ascii(bytes[3])) return 'utf-16be';
  return null;
}

export interface Utf8Stats {
  /** Well-formed sequences of two or more bytes. */
  multibyte: number;
  /** Bytes that cannot be part of well-formed UTF-8. */
  invalid: number;
}

/** Counts well-formed multi-byte sequences and invalid bytes (overlongs and surrogates count as invalid). */
export function utf8Stats(bytes: Uint8Array): Utf8Stats {
  let multibyte = 0;
  let invalid = 0;
  let i = 0;
  const n = bytes.length;
  while (i < n) {
    const b = bytes[i];
    if (b < 0x80) {
      i++;
      continue;
    }
    let need = 0;
    let min = 0;
    if (b >= 0xc2 && b <= 0xdf) {
      need = 1;
      min = 0x80;
    } else if (b >= 0xe0 && b <= 0xef) {
      need = 2;
      min = 0x800;
    } else if (b >= 0xf0 && b <= 0xf4) {
      need = 3;
      min = 0x10000;
    } else {
      invalid++;
      i++;
      continue;
    }
    let cp = b & (need === 1 ? 0x1f : need === 2 ? 0x0f : 0x07);
    let ok = i + need < n;
    for (let k = 1; ok && k <= need; k++) {
      const c = bytes[i + k];
      if ((c & 0xc0) !== 0x80) ok = false;
      else cp = (cp << 6) | (c & 0x3f);
    }
    if (ok && cp >= min && cp <= 0x10ffff && !(cp >= 0xd800 && cp <= 0xdfff)) {
      multibyte++;
      i += need + 1;
    } else {
      invalid++;
      i++;
    }
  }
  return { multibyte, invalid };
}

/**
 * True when the bytes are UTF-8, allowing a few stray bytes in a document that is otherwise
 * clearly UTF-8: one corrupt byte should cost one replacement character, not turn every
 * accented letter of the feed into mojibake. Legacy 8-bit text almost never forms many
 * well-formed multi-byte sequences by accident, so the ratio separates the two well.
 */
export function looksLikeUtf8(bytes: Uint8Array): boolean {
  // Node's native check settles the common case (valid UTF-8) in a fraction of the byte loop's time.
  if (isUtf8(bytes)) return true;
  const { multibyte, invalid } = utf8Stats(bytes);
  if (invalid === 0) return true;
  return multibyte >= 8 && invalid * 20 <= multibyte;
}

/** The ASCII-compatible view of the first bytes, for reading declarations and meta tags. */
function asciiHead(bytes: Uint8Array, limit: number): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.length, limit)).toString('latin1');
}

/** `encoding="..."` of the XML declaration, when the document starts with one (leading junk tolerated). */
export function xmlDeclarationCharset(bytes: Uint8Array): string | null {
  const head = asciiHead(bytes, 1024);
  const m = /<\?xml\s[^>]*?encoding\s*=\s*["']\s*([A-Za-z0-9._:-]+)\s*["']/i.exec(head);
  return m ? m[1] : null;
}

/**
 * `<meta charset>` or `<meta http-equiv="Content-Type" content="...; charset=...">` in the first
 * 4096 bytes. The HTML standard's pre-scan stops at 1024 bytes; real pages (and miniflux's test
 * files) put long comments or scripts first, so the window is wider. Comments are skipped so a
 * commented-out meta does not count.
 */
export function htmlMetaCharset(bytes: Uint8Array): string | null {
  const head = asciiHead(bytes, 4096).replace(/<!--[\s\S]*?(?:-->|$)/g, '');
  const metaRe = /<meta\b[^>]*>/gi;
  for (let m = metaRe.exec(head); m; m = metaRe.exec(head)) {
    const tag = m[0];
    const direct = /\bcharset\s*=\s*["']?\s*([A-Za-z0-9._:-]+)/i.exec(tag);
    if (direct) return direct[1];
  }
  return null;
}

/**
 * The last resort for undeclared 8-bit text: windows-1251 when the bytes look Cyrillic,
 * windows-1252 otherwise.
 *
 * In windows-1251 every Cyrillic letter is a byte >= 0xC0, so Russian text is runs of high
 * bytes; Western European text in windows-1252 has isolated accented letters between ASCII
 * ones ("Zürich", "São"). Counting how many high letters sit next to another high letter tells
 * the two apart; Cyrillic news feeds are the commonest undeclared non-Latin case we see.
 */
export function guessLegacyCharset(bytes: Uint8Array): 'windows-1251' | 'windows-1252' {
  const isHighLetter = (b: number | undefined) => b !== undefined && b >= 0xc0 && b !== 0xd7 && b !== 0xf7;
  let high = 0;
  let paired = 0;
  for (let i = 0; i < bytes.length; i++) {
    if (!isHighLetter(bytes[i])) continue;
    high++;
    if (isHighLetter(bytes[i - 1]) || isHighLetter(bytes[i + 1])) paired++;
  }
  return high >= 4 && paired / high > 0.6 ? 'windows-1251' : 'windows-1252';
}
