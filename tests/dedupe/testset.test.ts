import { describe, expect, it } from 'vitest';
import { buildPairs } from '../../bench/lib/dedupe-pairs.js';
import { textSignature } from '../../src/dedupe/minhash.js';
import { compare } from '../../src/dedupe/match.js';
import fixture from '../fixtures/dedupe/articles.json' with { type: 'json' };

describe('duplicate test set (fixture articles; `npm run bench:dedupe` runs the same over the Fundus corpus)', () => {
  const pairs = buildPairs(fixture.articles);

  it('is deterministic and has both kinds, every variation of republishing among the same-story pairs', () => {
    expect(buildPairs(fixture.articles)).toEqual(pairs);
    const same = pairs.filter((p) => p.same);
    expect(same.length).toBe(12);
    expect(pairs.length - same.length).toBe(12);
    expect(new Set(same.map((p) => p.kind))).toEqual(
      new Set(['boilerplate', 'credit', 'added', 'cut', 'update', 'all']),
    );
    expect(new Set(pairs.filter((p) => !p.same).map((p) => p.kind))).toEqual(
      new Set(['nearest-subject', 'shared-quote+headline']),
    );
    // The nearest-subject negatives are the fixture's own same-subject pairs.
    const nearest = pairs.filter((p) => p.kind === 'nearest-subject').map((p) => `${p.a.id} ${p.b.id}`);
    expect(nearest).toEqual(
      expect.arrayContaining(['bank-1@a bank-2@b', 'match-1@a match-2@b', 'quake-1@a quake-2@b']),
    );
  });

  // The fixture reports are short (5 paragraphs, ~170 words, against ~1,100 in the corpus), so the "all
  // variations at once" pairs lose 40% of their text and fall under the threshold here (0.37 and 0.41); on the
  // corpus the same variation is grouped 25 times out of 26. Every other variation must be grouped.
  it('no false grouping; every single variation grouped; recall >= 0.8 on these short texts', () => {
    let tp = 0;
    let fp = 0;
    let fn = 0;
    const missed: string[] = [];
    for (const p of pairs) {
      const same = compare(
        { headline: p.a.headline, ...textSignature(p.a.body) },
        { headline: p.b.headline, ...textSignature(p.b.body) },
      ).same;
      if (same && p.same) tp++;
      else if (same) fp++;
      else if (p.same) {
        fn++;
        missed.push(p.kind);
      }
    }
    expect(fp).toBe(0);
    expect(missed.filter((k) => k !== 'all')).toEqual([]);
    expect(tp / (tp + fn)).toBeGreaterThanOrEqual(0.8);
  });
});
