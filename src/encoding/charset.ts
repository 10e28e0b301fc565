import iconv from 'iconv-lite';

/**
 * Charset labels as servers and documents write them -> a name iconv-lite decodes.
 *
 * Follows the WHATWG Encoding Standard where it widens a label to the superset browsers
 * actually use: the bytes on the wire are usually the superset (cp1252 smart quotes in
 * "iso-8859-1" feeds, GBK characters in "gb2312" feeds, NEC/IBM extensions in "shift_jis").
 */
const ALIASES: Record<string, string> = {
  // Latin-1 family: browsers decode all of these as windows-1252.
  'iso-8859-1': 'windows-1252',
  'iso8859-1': 'windows-1252',
  iso88591: 'windows-1252',
  'iso_8859-1': 'windows-1252',
  latin1: 'windows-1252',
  l1: 'windows-1252',
  'us-ascii': 'windows-1252',
  ascii: 'windows-1252',
  'ansi_x3.4-1968': 'windows-1252',
  cp1252: 'windows-1252',
  'x-cp1252': 'windows-1252',
  cp819: 'windows-1252',
  // Turkish and Thai: the windows code pages are supersets of the ISO ones.
  'iso-8859-9': 'windows-1254',
  'iso8859-9': 'windows-1254',
  latin5: 'windows-1254',
  'iso-8859-11': 'windows-874',
  'tis-620': 'windows-874',
  // Other windows code page spellings.
  cp1250: 'windows-1250',
  cp1251: 'windows-1251',
  'x-cp1251': 'windows-1251',
  cp1253: 'windows-1253',
  cp1254: 'windows-1254',
  cp1255: 'windows-1255',
  cp1256: 'windows-1256',
  cp1257: 'windows-1257',
  cp1258: 'windows-1258',
  // Chinese: GB18030 is a superset of GBK, which is a superset of GB2312.
  gb2312: 'gb18030',
  gbk: 'gb18030',
  'x-gbk': 'gb18030',
  cp936: 'gb18030',
  csgb2312: 'gb18030',
  chinese: 'gb18030',
  'iso-ir-58': 'gb18030',
  big5: 'big5hkscs',
  'big5-hkscs': 'big5hkscs',
  'x-x-big5': 'big5hkscs',
  'cn-big5': 'big5hkscs',
  // Japanese: WHATWG's Shift_JIS is Windows-31J (cp932).
  shift_jis: 'cp932',
  'shift-jis': 'cp932',
  sjis: 'cp932',
  'x-sjis': 'cp932',
  ms_kanji: 'cp932',
  'windows-31j': 'cp932',
  csshiftjis: 'cp932',
  'x-euc-jp': 'euc-jp',
  // Korean: WHATWG's EUC-KR is Windows-949 (UHC).
  'euc-kr': 'cp949',
  'ks_c_5601-1987': 'cp949',
  'ks_c_5601-1989': 'cp949',
  ksc5601: 'cp949',
  'windows-949': 'cp949',
  // Mac and misc.
  'x-mac-cyrillic': 'maccyrillic',
  'x-mac-roman': 'macintosh',
  mac: 'macintosh',
  'x-user-defined': 'windows-1252',
  'iso-8859-8-i': 'iso-8859-8',
  // Unicode spellings.
  utf8: 'utf-8',
  'unicode-1-1-utf-8': 'utf-8',
  'x-unicode20utf8': 'utf-8',
  unicode: 'utf-16le',
  'ucs-2': 'utf-16le',
  'iso-10646-ucs-2': 'utf-16le',
};

/**
 * Normalises a charset label to a name iconv-lite can decode, or null for an unknown or
 * empty label (callers then move on to the next source of truth instead of failing).
 */
export function normalizeCharset(label: string | null | undefined): string | null {
  if (!label) return null;
  const clean = label
    .trim()
    .replace(/^["']|["']$/g, '')
    .trim()
    .toLowerCase();
  if (!clean) return null;
  const name = ALIASES[clean] ?? clean;
  if (name === 'utf-8') return 'utf-8';
  return iconv.encodingExists(name) ? name : null;
}

/** The raw charset parameter of a Content-Type header, if any. */
export function charsetParam(contentType: string | null | undefined): string | null {
  if (!contentType) return null;
  const m = /;\s*charset\s*=\s*("?)([^";,\s]+)\1/i.exec(contentType);
  return m ? m[2] : null;
}

/** True for the UTF-16/UTF-32 families, which can only be right when the bytes show it (BOM or NULs). */
export function isWideCharset(name: string): boolean {
  return /^(utf-?16|utf-?32|ucs-?2|ucs-?4)/.test(name) || name === 'utf-16le' || name === 'utf-16be';
}
