/**
 * Deterministic duplicate test set (used by `npm run bench:dedupe` over the Fundus corpus, read in place, and by
 * tests/dedupe over tests/fixtures/dedupe). From articles (headline + paragraphs) it builds:
 * - same-story pairs: the article as site A carries it vs as site B republishes it, one variation per pair,
 *   rotating: boilerplate and headline changed, agency credit line added, a paragraph added at the end, the
 *   last paragraph(s) cut, an update (new first paragraph and one added), and all of them at once;
 * - different-story pairs: two different articles on the nearest subject (highest overlap of content words,
 *   i.e. the hardest negatives the corpus has), and the same with a paragraph quoted from the other and the
 *   other's headline (two reports quoting the same statement).
 * Nothing random: a seeded generator (mulberry32) picks the variations.
 */
import { words } from '../../src/dedupe/minhash.js';

export interface Article {
  id: string;
  headline: string;
  paragraphs: string[];
}

export interface Doc {
  id: string;
  headline: string;
  body: string;
}

export interface Pair {
  a: Doc;
  b: Doc;
  same: boolean;
  kind: string;
}

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const BOILERPLATE_A = [
  'Sign up for our morning newsletter and get the day’s top stories in your inbox.',
  '© 2024 Daily Courier Media Group. All rights reserved. This material may not be published, broadcast, rewritten or redistributed.',
];
const BOILERPLATE_B = [
  'Advertisement',
  'Read more: Our coverage of the week in politics, business and sport',
  'Copyright Evening Ledger Ltd. Follow us on social media for breaking news alerts and comment.',
];
const CREDITS = [
  '(Reporting by staff correspondents; Editing by the news desk)',
  '— The Associated Press contributed to this report.',
];
const ADDED = [
  'Officials said further details would be released later in the day, and a spokesperson declined to comment on the timing.',
  'The announcement came after several days of talks, according to two people familiar with the discussions who asked not to be named.',
];
const UPDATE_LEAD =
  'UPDATED with new figures and reaction. Authorities on Tuesday gave a revised account of events as more information emerged.';

type Variation = (p: string[], rnd: () => number) => { headline: (h: string) => string; paragraphs: string[] };

const VARIATIONS: Record<string, Variation> = {
  boilerplate: (p) => ({
    headline: (h) => `${h} | Evening Ledger`,
    paragraphs: [...BOILERPLATE_B.slice(0, 1), ...p, ...BOILERPLATE_B.slice(1)],
  }),
  credit: (p, rnd) => ({ headline: (h) => h, paragraphs: [...p, CREDITS[Math.floor(rnd() * CREDITS.length)]] }),
  added: (p, rnd) => ({ headline: (h) => h, paragraphs: [...p, ADDED[Math.floor(rnd() * ADDED.length)]] }),
  cut: (p) => ({
    headline: (h) => h,
    paragraphs: p.length > 4 ? p.slice(0, p.length - Math.max(1, Math.floor(p.length / 6))) : p.slice(0, -1),
  }),
  update: (p) => ({ headline: (h) => `UPDATE 1-${h}`, paragraphs: [UPDATE_LEAD, ...p.slice(1), ADDED[0]] }),
  all: (p, rnd) => ({
    headline: (h) => `${h.split(' ').slice(0, 6).join(' ')}: what we know`,
    paragraphs: [
      ...BOILERPLATE_B.slice(0, 1),
      UPDATE_LEAD,
      ...p.slice(1, p.length > 4 ? -1 : undefined),
      CREDITS[Math.floor(rnd() * CREDITS.length)],
      ...BOILERPLATE_B.slice(1),
    ],
  }),
};

function asCarriedBySiteA(a: Article): Doc {
  return { id: `${a.id}@a`, headline: a.headline, body: [...a.paragraphs, ...BOILERPLATE_A].join('\n\n') };
}

const STOP = new Set(
  words(
    'the a an and or of to in on for with at by from as is was were be been are that this it its he she they his her their said says not but have has had will would who which after over new more than about also one two',
  ),
);

function contentWords(a: Article): Set<string> {
  return new Set(words(a.paragraphs.join(' ')).filter((w) => w.length > 3 && !STOP.has(w)));
}

function jaccard(a: Set<string>, b: Set<string>): number {
  let inter = 0;
  for (const w of a) if (b.has(w)) inter++;
  return inter / (a.size + b.size - inter || 1);
}

/** Builds the pairs: `perArticle` same-story pairs per article, and as many different-story pairs in total. */
export function buildPairs(articles: Article[], seed = 15, perArticle = 2): Pair[] {
  const rnd = mulberry32(seed);
  const usable = articles.filter((a) => a.paragraphs.length >= 2);
  const names = Object.keys(VARIATIONS);
  const pairs: Pair[] = [];
  let v = 0;
  for (const art of usable) {
    for (let i = 0; i < perArticle; i++) {
      const kind = names[v++ % names.length];
      const out = VARIATIONS[kind](art.paragraphs, rnd);
      pairs.push({
        a: asCarriedBySiteA(art),
        b: { id: `${art.id}@b-${kind}`, headline: out.headline(art.headline), body: out.paragraphs.join('\n\n') },
        same: true,
        kind,
      });
    }
  }
  // Different stories on the nearest subjects: all article pairs ranked by content-word overlap.
  const cw = usable.map(contentWords);
  const ranked: { i: number; j: number; s: number }[] = [];
  for (let i = 0; i < usable.length; i++)
    for (let j = i + 1; j < usable.length; j++) ranked.push({ i, j, s: jaccard(cw[i], cw[j]) });
  ranked.sort((x, y) => y.s - x.s || x.i - y.i || x.j - y.j);
  const wanted = pairs.length;
  const nearest = ranked.slice(0, Math.ceil(wanted / 2));
  for (const { i, j } of nearest) {
    pairs.push({
      a: asCarriedBySiteA(usable[i]),
      b: { id: `${usable[j].id}@b`, headline: usable[j].headline, body: usable[j].paragraphs.join('\n\n') },
      same: false,
      kind: 'nearest-subject',
    });
  }
  for (const { i, j } of ranked.slice(0, wanted - nearest.length)) {
    const A = usable[i];
    const B = usable[j];
    const quoted = A.paragraphs[Math.floor(rnd() * A.paragraphs.length)];
    const at = Math.min(B.paragraphs.length, 1 + Math.floor(rnd() * B.paragraphs.length));
    const body = [...B.paragraphs.slice(0, at), quoted, ...B.paragraphs.slice(at)].join('\n\n');
    pairs.push({
      a: asCarriedBySiteA(A),
      b: { id: `${B.id}@b-quote`, headline: A.headline, body },
      same: false,
      kind: 'shared-quote+headline',
    });
  }
  return pairs;
}

/** Headline of a corpus article that has none: the words of its URL's last path segment. */
export function headlineFromUrl(url: string): string {
  const seg = new URL(url).pathname.split('/').filter(Boolean).pop() ?? '';
  return seg
    .replace(/\.[a-z]+$/i, '')
    .replace(/[-_]+/g, ' ')
    .replace(/\b[0-9a-f]{6,}\b|\b\d+\b/gi, '')
    .trim();
}
