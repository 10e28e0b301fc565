import { WORD_CHAR } from './text.js';

/**
 * `quotes`: headline style uses single quotes for quoted speech ('We will not surrender').
 *
 * - `single`: quotation marks become single; a quote nested inside becomes double
 *   ("He said 'no'" -> 'He said "no"'), so the nesting stays readable and a second run changes
 *   nothing.
 * - `double`: the same the other way round.
 * - `quoteStyle`: `straight` (' ") or `curly` (‘ ’ “ ”) for every quotation mark, and for
 *   apostrophes too (Iran's / Iran’s), so one headline never mixes the two. Without quoteStyle
 *   each converted mark keeps its own style and apostrophes are left alone.
 *
 * Only English quotation marks are touched: guillemets « » ‹ ›, low quotes „ ‚ and primes are
 * left as written. Apostrophes (Iran's, don't, '90s, Jesus') are told from quotation marks by
 * their neighbours and by pairing; a double mark without a partner (an inch sign, a quotation
 * the agency cut off) is left alone.
 */

type Kind = 'single' | 'double';
type Role = 'open' | 'close' | 'apostrophe' | 'unknown';

interface Mark {
  index: number;
  char: string;
  kind: Kind;
  role: Role;
  /** How many paired quotations enclose this one (0 = top level). */
  level: number;
  paired: boolean;
}

const isWord = (ch: string | undefined) => ch !== undefined && WORD_CHAR.test(ch);
const isSpace = (ch: string | undefined) => ch === undefined || /\s/u.test(ch);
/** Where an opening mark can stand: the start, after a space, a bracket, a dash or another opening mark. */
const opensAfter = (ch: string | undefined) => ch === undefined || /[\s([{\u2014\u2013\-/“‘«]/u.test(ch);
/** Where a closing mark can stand: before the end, a space or punctuation. */
const closesBefore = (ch: string | undefined) => ch === undefined || /[\s)\]}.,;:!?\u2014\u2013\-/…”’"'»]/u.test(ch);

function classify(text: string): Mark[] {
  const marks: Mark[] = [];
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if (!`'"‘’“”`.includes(char)) continue;
    const prev = i > 0 ? text[i - 1] : undefined;
    const next = i + 1 < text.length ? text[i + 1] : undefined;
    // Straight after straight ("'Hi'" inside "..."): the earlier mark says which side we are on.
    const before = marks.length && marks[marks.length - 1].index === i - 1 ? marks[marks.length - 1] : undefined;
    const opens = (ch: string | undefined) =>
      before && (ch === '"' || ch === "'") ? before.role === 'open' : opensAfter(ch);
    const kind: Kind = char === '"' || char === '“' || char === '”' ? 'double' : 'single';
    let role: Role;
    switch (char) {
      case "'":
      case '‘':
      case '’':
        if (isWord(prev) && isWord(next)) role = 'apostrophe';
        else if (char === '’' && opens(prev) && isWord(next))
          role = 'apostrophe'; // ’90s
        else if (char !== '’' && opens(prev) && !isSpace(next)) role = 'open';
        else if (char !== '‘' && !opens(prev) && closesBefore(next)) role = 'close';
        else role = char === '‘' ? 'unknown' : 'apostrophe';
        break;
      case '“':
        role = 'open';
        break;
      case '”':
        role = 'close';
        break;
      default: // '"'
        if (opens(prev) && !isSpace(next)) role = 'open';
        else if (!isSpace(prev) && closesBefore(next)) role = 'close';
        else role = 'unknown';
    }
    marks.push({ index: i, char, kind, role, level: 0, paired: false });
  }
  pair(marks);
  return marks;
}

/** Match opening and closing marks of the same kind; unmatched single marks are apostrophes. */
function pair(marks: Mark[]): void {
  const stack: Mark[] = [];
  for (const mark of marks) {
    if (mark.role === 'open') {
      stack.push(mark);
    } else if (mark.role === 'close') {
      const at = stack.map((m) => m.kind).lastIndexOf(mark.kind);
      if (at < 0) continue;
      const open = stack[at];
      stack.length = at; // marks opened inside and never closed stay unpaired
      open.paired = mark.paired = true;
    }
  }
  let depth = 0;
  for (const mark of marks) {
    if (mark.paired && mark.role === 'open') mark.level = depth++;
    else if (mark.paired && mark.role === 'close') mark.level = --depth;
    else mark.level = depth;
    // "Jesus' followers", "'90s": a single mark with no partner is an apostrophe.
    if (!mark.paired && mark.kind === 'single' && (mark.role === 'open' || mark.role === 'close')) {
      mark.role = 'apostrophe';
    }
  }
}

const GLYPHS = {
  straight: { single: { open: "'", close: "'" }, double: { open: '"', close: '"' } },
  curly: { single: { open: '‘', close: '’' }, double: { open: '“', close: '”' } },
} as const;

export function applyQuotes(
  text: string,
  target: 'single' | 'double',
  quoteStyle: 'straight' | 'curly' | undefined,
): string {
  const marks = classify(text);
  if (!marks.length) return text;
  const chars = text.split('');
  for (const mark of marks) {
    if (mark.role === 'apostrophe') {
      // ‘ is never rewritten as an apostrophe: it may be an opening quote whose partner is lost.
      if (quoteStyle && mark.char !== '‘') chars[mark.index] = quoteStyle === 'curly' ? '’' : "'";
      continue;
    }
    // An unpaired double mark may be an inch sign (55" screen) or a quotation cut off by the
    // agency; either way there is nothing safe to convert it to.
    if (!mark.paired || mark.role === 'unknown') continue;
    const other: Kind = target === 'single' ? 'double' : 'single';
    const kind: Kind = mark.level % 2 === 0 ? target : other;
    const style = quoteStyle ?? (mark.char === "'" || mark.char === '"' ? 'straight' : 'curly');
    chars[mark.index] = GLYPHS[style][kind][mark.role];
  }
  return chars.join('');
}
