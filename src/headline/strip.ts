import { parseRegexLiteral } from './style.js';
import { foldSpacesKeepNoBreak } from './text.js';

/**
 * `strip`: agency furniture removed from a headline (" - Reuters", "BREAKING:", "UPDATE 2-").
 *
 * - A plain string is removed where it literally (case and all) starts or ends the headline.
 * - `/source/flags` is a regular expression; what it matches is removed, wherever it matches
 *   (anchor it with ^ or $ to keep it to the start or end). Without the g flag only the first
 *   match goes, as with String.prototype.replace.
 * - The list is applied in order, then again until a whole pass removes nothing, so the
 *   order of the patterns does not matter for "UPDATE 2-EXCLUSIVE-..." and a second restyle
 *   finds nothing left to strip.
 * - A removal that would leave an empty headline is skipped: a headline that is only
 *   "BREAKING:" is better shown than lost.
 */

export interface StripStep {
  pattern: string;
  before: string;
  after: string;
}

/** Compiled once per pattern string; a fresh RegExp per use keeps g/y lastIndex state out of it. */
function compile(pattern: string): RegExp | null {
  const re = parseRegexLiteral(pattern);
  // The schema refuses invalid regexes at config load; a style built in code without the
  // schema gets the same treatment as a plain string rather than an exception mid-pipeline.
  if (re instanceof Error) return null;
  return re;
}

function stripOnce(text: string, pattern: string): string {
  const re = compile(pattern);
  let out: string;
  if (re) {
    out = text.replace(new RegExp(re.source, re.flags), '');
  } else if (text.startsWith(pattern)) {
    out = text.slice(pattern.length);
  } else if (text.endsWith(pattern)) {
    out = text.slice(0, text.length - pattern.length);
  } else {
    return text;
  }
  out = foldSpacesKeepNoBreak(out);
  return out === '' ? text : out;
}

export function applyStrip(text: string, patterns: readonly string[]): { text: string; steps: StripStep[] } {
  const steps: StripStep[] = [];
  // Every removal shortens the text, so this ends; the bound is only a guard.
  for (let pass = 0; pass < 50; pass++) {
    let changed = false;
    for (const pattern of patterns) {
      const after = stripOnce(text, pattern);
      if (after === text) continue;
      steps.push({ pattern, before: text, after });
      text = after;
      changed = true;
    }
    if (!changed) break;
  }
  return { text, steps };
}
