import { decodeHTMLStrict } from 'entities';
import { foldSpacesKeepNoBreak } from './text.js';

/**
 * Feed titles arrive with markup (`<b>`), entities (`&amp;`, `&#8217;`), sometimes escaped twice
 * (`&amp;#8217;`), and with stray line breaks. Every other rule is written against plain text,
 * so this step runs first and always.
 */

/** Tags whose removal must not glue two words together are replaced by a space; these are not. */
const INLINE_TAGS = new Set([
  'a',
  'abbr',
  'b',
  'bdi',
  'bdo',
  'cite',
  'code',
  'data',
  'dfn',
  'em',
  'font',
  'i',
  'kbd',
  'mark',
  'q',
  's',
  'samp',
  'small',
  'span',
  'strong',
  'sub',
  'sup',
  'time',
  'u',
  'var',
  'wbr',
]);

/** A tag needs a letter after `<`, so "inflation < 2%" or "a<b" stay as they are. */
const TAG = /<\/?([A-Za-z][A-Za-z0-9-]*)(?:\s[^<>]*)?\/?>/g;
const COMMENT = /<!--[\s\S]*?(?:-->|$)/g;
const CDATA = /<!\[CDATA\[([\s\S]*?)\]\]>/g;
/** C0/C1 control characters other than whitespace: invisible garbage from broken encoders. */
const CONTROL = /[\u0000-\u0008\u000e-\u001f\u007f-\u0084\u0086-\u009f]/g;

export interface PlainResult {
  text: string;
  /** What was changed, for the audit trail: "markup", "entities", "whitespace", "control characters". */
  what: string[];
}

function removeMarkup(text: string): string {
  return text
    .replace(CDATA, '$1')
    .replace(COMMENT, ' ')
    .replace(TAG, (_tag, name: string) => (INLINE_TAGS.has(name.toLowerCase()) ? '' : ' '));
}

export function toPlainText(raw: string): PlainResult {
  const what = new Set<string>();
  let text = raw;
  const noControls = text.replace(CONTROL, '').replace(/\u0085/g, ' ');
  if (noControls !== text) what.add('control characters');
  text = noControls;
  // Repeat until nothing changes: double-escaped titles (`&amp;lt;b&amp;gt;`) only reveal their
  // markup after one decoding, and restyling must be idempotent. Each round shortens the text,
  // the bound is only a guard.
  for (let round = 0; round < 8; round++) {
    const unmarked = removeMarkup(text);
    if (unmarked !== text) what.add('markup');
    // Strict mode: only entities closed by ";" are decoded, so "AT&T" or "S&P 500" stay as written.
    const decoded = decodeHTMLStrict(unmarked);
    if (decoded !== unmarked) what.add('entities');
    if (decoded === text) break;
    text = decoded;
  }
  const folded = foldSpacesKeepNoBreak(text);
  if (folded !== text) what.add('whitespace');
  return { text: folded, what: [...what] };
}
