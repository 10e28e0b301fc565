import { diffWords } from 'diff';

/** One run of text in a diff: kept, added in the newer version, or removed from the older. */
export interface DiffPart {
  kind: 'same' | 'added' | 'removed';
  text: string;
}

/** A word-level diff of two texts (jsdiff), for the item page's version comparison. */
export function textDiff(before: string, after: string): DiffPart[] {
  return diffWords(before, after).map((c) => ({
    kind: c.added ? 'added' : c.removed ? 'removed' : 'same',
    text: c.value,
  }));
}

/** True when the texts differ. */
export function changed(parts: DiffPart[]): boolean {
  return parts.some((p) => p.kind !== 'same');
}
