/**
 * Repairs at the level of tags: documents cut off before their end, and end tags that do not
 * match their start tags. A light tag scanner (CDATA, comments, PIs and DOCTYPE skipped), not a
 * parser: it runs only on text the strict parser has rejected or that visibly lacks its end.
 */

/** "1 character", "3 characters": for repair notes. */
export function count(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

export function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Drops text after the root element's end tag (debug output, a second document, HTML footers). */
export function cutTrailingJunk(text: string, root: string, repairs: string[]): string {
  const re = new RegExp(`</${escapeRegExp(root)}\\s*>`, 'g');
  let end = -1;
  for (let m = re.exec(text); m; m = re.exec(text)) end = m.index + m[0].length;
  if (end === -1) return text;
  const tail = text.slice(end);
  if (!tail.replace(/<!--[\s\S]*?-->|<\?[\s\S]*?\?>/g, '').trim()) return text;
  repairs.push(`removed ${count(tail.trim().length, 'character')} of junk after the end of the document`);
  return text.slice(0, end);
}

/** Names of the elements still open at the end of `text`, outermost first. */
function openElements(text: string): string[] {
  const stack: string[] = [];
  const re =
    /<!\[CDATA\[[\s\S]*?(?:\]\]>|$)|<!--[\s\S]*?(?:-->|$)|<\?[\s\S]*?(?:\?>|$)|<!DOCTYPE[^>]*>|<(\/?)([A-Za-z_][\w.:-]*)((?:[^>"']|"[^"]*"|'[^']*')*)>/g;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const [, slash, name, attrs] = m;
    if (!name) continue;
    if (slash) {
      const at = stack.lastIndexOf(name);
      if (at !== -1) stack.length = at;
    } else if (!attrs.trimEnd().endsWith('/')) {
      stack.push(name);
    }
  }
  return stack;
}

/**
 * A document that stops before its root element's end tag: cut after the last complete item
 * or entry (a half-received item would carry half its content), or, with none, at the last
 * complete tag; then close what is still open.
 */
export function closeTruncated(text: string, root: string, repairs: string[]): string {
  if (new RegExp(`</${escapeRegExp(root)}\\s*>`).test(text)) return text;
  let cut = text;
  let how: string;
  const itemEnd = /<\/(?:[\w.-]+:)?(?:item|entry)\s*>/g;
  let lastItemEnd = -1;
  for (let m = itemEnd.exec(text); m; m = itemEnd.exec(text)) lastItemEnd = m.index + m[0].length;
  if (lastItemEnd !== -1) {
    cut = text.slice(0, lastItemEnd);
    how = 'cut after the last complete item';
  } else {
    const openCdata = cut.lastIndexOf('<![CDATA[');
    if (openCdata !== -1 && cut.indexOf(']]>', openCdata) === -1) cut += ']]>';
    const openComment = cut.lastIndexOf('<!--');
    if (openComment !== -1 && cut.indexOf('-->', openComment) === -1) cut += '-->';
    const lt = cut.lastIndexOf('<');
    if (lt > cut.lastIndexOf('>')) cut = cut.slice(0, lt);
    const amp = cut.lastIndexOf('&');
    if (amp !== -1 && cut.indexOf(';', amp) === -1) cut = cut.slice(0, amp);
    how = 'kept up to the last complete tag';
  }
  const open = openElements(cut);
  repairs.push(`document was truncated: ${how} and closed ${count(open.length, 'open element')}`);
  return (
    cut +
    open
      .reverse()
      .map((n) => `</${n}>`)
      .join('')
  );
}

const MAX_TAG_FIXES = 100;

/** True when `name`'s end tag follows `from` before another `name` element starts. */
function closedLater(xml: string, from: number, name: string): boolean {
  const re = new RegExp(`<(/?)${escapeRegExp(name)}[\\s>/]`, 'g');
  re.lastIndex = from;
  const next = re.exec(xml);
  return next !== null && next[1] === '/';
}

/**
 * Second attempt for documents whose end tags do not match their start tags (`<language>en</langauge>`,
 * `<logo>..</link>`): an end tag for an element further up closes the ones in between; one for an
 * element that is not open closes the current element when that element's own end tag does not
 * come before the next element of its kind (a misspelling), and is dropped otherwise (a stray duplicate). Only used after the strict parse failed, because
 * on well-formed input it has nothing to do and on a bad one it guesses.
 */
export function rebalanceTags(xml: string, repairs: string[]): string {
  const stack: string[] = [];
  let fixed = 0;
  let out = '';
  let last = 0;
  const re =
    /<!\[CDATA\[[\s\S]*?(?:\]\]>|$)|<!--[\s\S]*?(?:-->|$)|<\?[\s\S]*?(?:\?>|$)|<!DOCTYPE[^>]*>|<(\/?)([A-Za-z_][\w.:-]*)((?:[^>"']|"[^"]*"|'[^']*')*)>/g;
  for (let m = re.exec(xml); m; m = re.exec(xml)) {
    const [token, slash, name, attrs] = m;
    if (!name) continue;
    if (!slash) {
      if (!attrs.trimEnd().endsWith('/')) stack.push(name);
      continue;
    }
    const at = stack.lastIndexOf(name);
    if (at === stack.length - 1) {
      stack.pop();
      continue;
    }
    // A document this broken is not a feed with typos; stop guessing (and keep the work linear).
    if (++fixed > MAX_TAG_FIXES) return xml;
    out += xml.slice(last, m.index);
    const end = m.index + token.length;
    if (at !== -1) {
      out +=
        stack
          .splice(at + 1)
          .reverse()
          .map((n) => `</${n}>`)
          .join('') + token;
      stack.pop();
    } else if (stack.length && !closedLater(xml, end, stack[stack.length - 1])) {
      // A misspelt end tag (`</langauge>` for <language>): the open element is not closed later, so this closes it.
      out += `</${stack.pop()}>`;
    }
    // Otherwise a stray end tag (a duplicate `</item>`): dropped.
    last = end;
  }
  if (!fixed) return xml;
  repairs.push(`fixed ${count(fixed, 'mismatched end tag')}`);
  return out + xml.slice(last);
}
