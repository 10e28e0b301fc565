import { describe, expect, it } from 'vitest';
import {
  NUM_HASHES,
  bandKeys,
  decodeSignature,
  encodeSignature,
  shingles,
  signature,
  similarity,
  textSignature,
  words,
} from '../../src/dedupe/minhash.js';
import { compare, normalizeUrl, SAME_STORY_THRESHOLD, type DedupeKey } from '../../src/dedupe/match.js';
import { LshIndex, bruteForce } from '../../src/dedupe/lsh-index.js';
import fixture from '../fixtures/dedupe/articles.json' with { type: 'json' };

const body = (id: string): string => fixture.articles.find((a) => a.id === id)!.paragraphs.join('\n\n');
const key = (text: string, extra: Partial<DedupeKey> = {}): DedupeKey => ({ ...textSignature(text), ...extra });

function exactJaccard(a: Set<number>, b: Set<number>): number {
  let inter = 0;
  for (const x of a) if (b.has(x)) inter++;
  return inter / (a.size + b.size - inter);
}

describe('shingles and MinHash', () => {
  it('normalises case, punctuation and Unicode forms; words in any script', () => {
    expect(words('Zürich, ZU\u0308RICH!  — «Αθήνα» 2024')).toEqual(['zürich', 'zürich', 'αθήνα', '2024']);
    expect(shingles('One two three four five six')).toEqual(shingles('ONE, two; three. Four five — six'));
  });

  it('estimates the Jaccard similarity of the shingle sets within a few points', () => {
    const a = body('quake-1');
    const paragraphs = fixture.articles[0].paragraphs;
    for (const cut of [1, 2, 3]) {
      const b = paragraphs.slice(0, paragraphs.length - cut).join('\n\n');
      const exact = exactJaccard(shingles(a), shingles(b));
      const est = similarity(signature(shingles(a)), signature(shingles(b)));
      expect(Math.abs(est - exact)).toBeLessThan(0.15);
    }
  });

  it('is deterministic and survives encoding for storage', () => {
    const s = textSignature(body('bank-1')).signature;
    expect(s).toHaveLength(NUM_HASHES);
    expect(textSignature(body('bank-1')).signature).toEqual(s);
    expect(decodeSignature(encodeSignature(s))).toEqual(s);
    expect(bandKeys(s)).toEqual(bandKeys(decodeSignature(encodeSignature(s))));
  });

  it('an empty text is similar to nothing, not even another empty text', () => {
    expect(similarity(textSignature('').signature, textSignature('  ').signature)).toBe(0);
  });
});

describe('same story or not', () => {
  it('groups the same report with boilerplate, credit line and a paragraph cut at the end', () => {
    const p = fixture.articles[2].paragraphs;
    const a = key(p.join('\n\n'), { headline: 'Central bank raises rate' });
    const b = key(['Advertisement', ...p.slice(0, -1), '(Reporting by staff; Editing by the desk)'].join('\n\n'), {
      headline: 'Rates up again | Ledger',
    });
    const c = compare(a, b);
    expect(c).toMatchObject({ same: true, reason: 'near-duplicate' });
    expect(c.similarity).toBeGreaterThanOrEqual(SAME_STORY_THRESHOLD);
  });

  it('does NOT group different reports on the same subject (each fixture subject has two)', () => {
    for (const [x, y] of [
      ['quake-1', 'quake-2'],
      ['bank-1', 'bank-2'],
      ['match-1', 'match-2'],
    ]) {
      const ax = fixture.articles.find((a) => a.id === x)!;
      const ay = fixture.articles.find((a) => a.id === y)!;
      const c = compare(key(body(x), { headline: ax.headline }), key(body(y), { headline: ay.headline }));
      expect(c.same, `${x} vs ${y}`).toBe(false);
      expect(c.similarity).toBeLessThan(0.1);
    }
  });

  it('does NOT group a different report that quotes one paragraph of the other and takes its headline', () => {
    const q1 = fixture.articles[0];
    const q2 = fixture.articles[1];
    const c = compare(
      key(body('quake-1'), { headline: q1.headline }),
      key([...q2.paragraphs.slice(0, 2), q1.paragraphs[2], ...q2.paragraphs.slice(2)].join('\n\n'), {
        headline: q1.headline,
      }),
    );
    expect(c.same).toBe(false);
  });

  it('same canonical URL (tracking parameters, fragment, www and trailing slash aside) is the same story', () => {
    expect(normalizeUrl('https://WWW.Example.com/a/story/?utm_source=x&id=3#top')).toBe('example.com/a/story?id=3');
    const c = compare(
      key('short', { canonicalUrl: 'https://example.com/a/story?id=3' }),
      key('other text', { canonicalUrl: 'https://www.example.com/a/story/?utm_medium=rss&id=3' }),
    );
    expect(c).toMatchObject({ same: true, reason: 'canonical-url' });
    expect(
      compare(key('x', { canonicalUrl: 'https://example.com/a' }), key('x', { canonicalUrl: 'https://example.com/b' }))
        .same,
    ).toBe(false);
  });

  it('same agency id is the same story, whatever the text', () => {
    expect(
      compare(key(body('bank-1'), { agencyId: 'ap:123' }), key(body('bank-2'), { agencyId: 'ap:123' })),
    ).toMatchObject({
      same: true,
      reason: 'agency-id',
    });
    expect(compare(key(body('bank-1'), { agencyId: 'ap:123' }), key(body('bank-2'), { agencyId: 'ap:124' })).same).toBe(
      false,
    );
  });

  it('a one-line body is not compared by text (too short to tell)', () => {
    const line = 'Breaking: the central bank has raised its main interest rate.';
    expect(compare(key(line), key(line)).same).toBe(false);
  });
});

describe('LSH index', () => {
  it('finds the near-duplicate among stored items, comparing only bucket candidates, like brute force', () => {
    const index = new LshIndex<string>();
    const stored = fixture.articles.map((a) => ({ id: a.id, key: key(a.paragraphs.join('\n\n')) }));
    for (const s of stored) index.add(s.id, s.key);
    const p = fixture.articles[4].paragraphs;
    const q = key([...p, 'Additional reporting by the sports desk.'].join('\n\n'));
    const r = index.lookup(q);
    expect(r.match?.id).toBe('match-1');
    expect(r.compared).toBeLessThan(stored.length);
    expect(bruteForce(stored, q).match?.id).toBe('match-1');
    expect(index.lookup(key(body('quake-2').split('\n\n').slice(1, 3).join(' '))).match?.id).not.toBe('quake-1');
  });

  it('finds by canonical URL and agency id', () => {
    const index = new LshIndex<string>();
    index.add('one', key(body('bank-1'), { canonicalUrl: 'https://example.com/x/', agencyId: 'dpa:9' }));
    expect(index.lookup(key('unrelated', { canonicalUrl: 'https://www.example.com/x' })).match?.reason).toBe(
      'canonical-url',
    );
    expect(index.lookup(key('unrelated', { agencyId: 'dpa:9' })).match?.reason).toBe('agency-id');
    expect(index.lookup(key(body('quake-1'))).match).toBeUndefined();
  });
});
