import { describe, expect, it } from 'vitest';
import {
  EditorialRule,
  EditorialRules,
  compileTerm,
  evaluateRules,
  rulesFor,
  type RuleSubject,
} from '../../src/rules/index.js';

const subject = (over: Partial<RuleSubject> = {}): RuleSubject => ({
  headline: 'Markets rally as inflation eases',
  headlineOriginal: 'MARKETS RALLY AS INFLATION EASES',
  summary: 'Stocks rose on Tuesday.',
  body: 'Stocks rose on Tuesday after figures showed inflation easing for a third month.',
  categories: ['Business', 'Markets'],
  source: 'wire-one',
  language: 'en-GB',
  urgency: 3,
  byline: 'Jane Roe',
  ...over,
});

const rule = (r: Record<string, unknown>): EditorialRule => EditorialRule.parse({ name: 'r', action: 'drop', ...r });
const decide = (rules: EditorialRule[], s: RuleSubject = subject(), sourceRules: EditorialRule[] = []) =>
  evaluateRules(rulesFor(rules, sourceRules), s);
const matches = (r: Record<string, unknown>, s: RuleSubject = subject()) => decide([rule(r)], s).outcome === 'drop';

describe('terms', () => {
  it('words match case-insensitively at word boundaries only', () => {
    const t = compileTerm('rally');
    expect(t.test('Markets RALLY today')).toBe(true);
    expect(t.test('Markets rallying today')).toBe(false);
    expect(t.test('a rally.')).toBe(true);
    expect(compileTerm('sport').test('sports results')).toBe(false);
  });

  it('phrases match their words in order, across any whitespace', () => {
    const t = compileTerm('star sign');
    expect(t.test('Your Star\n  Sign today')).toBe(true);
    expect(t.test('sign star')).toBe(false);
    expect(t.test('superstar signs')).toBe(false);
  });

  it('German: umlauts are letters (no boundary inside a word), case folds, NFC and NFD both match', () => {
    const t = compileTerm('Zürich');
    expect(t.test('Neues aus ZÜRICH heute')).toBe(true);
    expect(t.test('Neues aus Zu\u0308rich heute')).toBe(true); // decomposed ü
    expect(t.test('Zürichsee bleibt ruhig')).toBe(false);
    expect(compileTerm('über').test('Bericht Über alles')).toBe(true);
    expect(compileTerm('bär').test('Bärenmarkt')).toBe(false);
    // ä is a letter: "r" must not match inside "für"
    expect(compileTerm('r').test('für')).toBe(false);
  });

  it('Arabic: whole words, not inside longer words; marks belong to the word', () => {
    const t = compileTerm('الرياضة'); // "sport"
    expect(t.test('أخبار الرياضة اليوم')).toBe(true);
    expect(t.test('أخبار الرياضةوالفن')).toBe(false);
    expect(compileTerm('كرة القدم').test('نتائج كرة   القدم الأوروبية')).toBe(true); // phrase "football"
    expect(compileTerm('كرة').test('الكرة')).toBe(false);
  });

  it('/regex/flags is a regular expression as written (flags included)', () => {
    expect(compileTerm('/horo(scope)?s?/i').test('Your HOROSCOPE')).toBe(true);
    expect(compileTerm('/Horo/').test('horoscope')).toBe(false);
    expect(compileTerm('/^Live:/g').test('Live: x')).toBe(true);
    expect(compileTerm('/^Live:/g').test('Live: x')).toBe(true); // a g flag keeps no state between items
  });

  it('the schema refuses a bad regular expression, an empty term and unknown keys', () => {
    expect(
      EditorialRule.safeParse({ name: 'x', action: 'drop', when: [{ field: 'body', any: ['/(/'] }] }).success,
    ).toBe(false);
    expect(EditorialRule.safeParse({ name: 'x', action: 'drop', when: [{ field: 'body', any: [' '] }] }).success).toBe(
      false,
    );
    expect(EditorialRule.safeParse({ name: 'x', action: 'drop', when: [{ field: 'body', anyy: ['a'] }] }).success).toBe(
      false,
    );
    expect(EditorialRule.safeParse({ name: 'x', action: 'drop', when: [{ field: 'bodyy', any: ['a'] }] }).success).toBe(
      false,
    );
    expect(EditorialRule.safeParse({ name: 'x', action: 'drop', when: [{ field: 'body' }] }).success).toBe(false);
  });
});

describe('conditions on each field', () => {
  it('headline: the restyled or the original wording', () => {
    expect(matches({ when: [{ field: 'headline', any: ['eases'] }] })).toBe(true);
    expect(matches({ when: [{ field: 'headline', any: ['/^MARKETS RALLY/'] }] })).toBe(true); // only the original
    expect(matches({ when: [{ field: 'headlineOriginal', any: ['/^Markets rally/'] }] })).toBe(false);
    expect(matches({ when: [{ field: 'headlineOriginal', any: ['/^MARKETS/'] }] })).toBe(true);
  });

  it('summary and body', () => {
    expect(matches({ when: [{ field: 'summary', any: ['tuesday'] }] })).toBe(true);
    expect(matches({ when: [{ field: 'summary', any: ['third month'] }] })).toBe(false);
    expect(matches({ when: [{ field: 'body', any: ['third month'] }] })).toBe(true);
    expect(matches({ when: [{ field: 'summary', any: ['tuesday'] }] }, subject({ summary: null }))).toBe(false);
  });

  it('categories: words in any category', () => {
    expect(matches({ when: [{ field: 'categories', any: ['markets'] }] })).toBe(true);
    expect(matches({ when: [{ field: 'categories', any: ['sport'] }] })).toBe(false);
    expect(
      matches({ when: [{ field: 'categories', any: ['sport'] }] }, subject({ categories: ['Sport results'] })),
    ).toBe(true);
  });

  it('source: the whole id, case-insensitive', () => {
    expect(matches({ when: [{ field: 'source', any: ['WIRE-ONE'] }] })).toBe(true);
    expect(matches({ when: [{ field: 'source', any: ['wire'] }] })).toBe(false);
  });

  it('language: a primary tag covers its regions', () => {
    expect(matches({ when: [{ field: 'language', any: ['en'] }] })).toBe(true);
    expect(matches({ when: [{ field: 'language', any: ['en-gb'] }] })).toBe(true);
    expect(matches({ when: [{ field: 'language', any: ['en-US'] }] })).toBe(false);
    expect(matches({ when: [{ field: 'language', any: ['de'] }] })).toBe(false);
    expect(matches({ when: [{ field: 'language', any: ['en'] }] }, subject({ language: null }))).toBe(false);
  });

  it('urgency: values and ranges, only when the item has one', () => {
    expect(matches({ when: [{ field: 'urgency', any: ['3'] }] })).toBe(true);
    expect(matches({ when: [{ field: 'urgency', max: 2 }] })).toBe(false);
    expect(matches({ when: [{ field: 'urgency', max: 2 }] }, subject({ urgency: 1 }))).toBe(true);
    expect(matches({ when: [{ field: 'urgency', min: 4 }] }, subject({ urgency: 5 }))).toBe(true);
    expect(matches({ when: [{ field: 'urgency', min: 1 }] }, subject({ urgency: null }))).toBe(false);
    expect(EditorialRule.safeParse({ name: 'x', action: 'drop', when: [{ field: 'body', max: 2 }] }).success).toBe(
      false,
    );
  });

  it('byline', () => {
    expect(matches({ when: [{ field: 'byline', any: ['roe'] }] })).toBe(true);
    expect(matches({ when: [{ field: 'byline', any: ['roe'] }] }, subject({ byline: null }))).toBe(false);
  });

  it('several fields: any of them may match', () => {
    expect(matches({ when: [{ field: ['summary', 'body'], any: ['third month'] }] })).toBe(true);
  });

  it('any: one term; all: every term; both: both', () => {
    expect(matches({ when: [{ field: 'body', any: ['nothing', 'inflation'] }] })).toBe(true);
    expect(matches({ when: [{ field: 'body', all: ['stocks', 'inflation'] }] })).toBe(true);
    expect(matches({ when: [{ field: 'body', all: ['stocks', 'bonds'] }] })).toBe(false);
    expect(matches({ when: [{ field: 'body', any: ['stocks'], all: ['bonds'] }] })).toBe(false);
  });

  it('not: negates the condition', () => {
    expect(matches({ when: [{ field: 'source', any: ['wire-one'], not: true }] })).toBe(false);
    expect(matches({ when: [{ field: 'source', any: ['wire-two'], not: true }] })).toBe(true);
    // negation of a field the item lacks holds
    expect(matches({ when: [{ field: 'byline', any: ['roe'], not: true }] }, subject({ byline: null }))).toBe(true);
  });

  it('match all (default) needs every condition; match any one', () => {
    const when = [
      { field: 'body', any: ['stocks'] },
      { field: 'source', any: ['wire-two'] },
    ];
    expect(matches({ when })).toBe(false);
    expect(matches({ when, match: 'any' })).toBe(true);
  });
});

describe('actions and order', () => {
  const drop = rule({ name: 'no-markets', when: [{ field: 'body', any: ['stocks'] }], reason: 'not our beat' });
  const hold = rule({ name: 'check-inflation', action: 'hold', when: [{ field: 'body', any: ['inflation'] }] });
  const tag = rule({
    name: 'tag-economy',
    action: 'tag',
    categories: ['Economy', 'Markets'],
    when: [{ field: 'body', any: ['inflation'] }],
  });
  const route = rule({
    name: 'to-business',
    action: 'route',
    section: 'Business',
    queues: ['cms-business'],
    when: [{ field: 'categories', any: ['business'] }],
  });
  const route2 = rule({
    name: 'to-web',
    action: 'route',
    section: 'Other',
    queues: ['cms-web'],
    when: [{ field: 'body', any: ['stocks'] }],
  });

  it('no rule matches: published untouched', () => {
    const d = decide([rule({ when: [{ field: 'body', any: ['volcano'] }] })]);
    expect(d).toEqual({
      outcome: 'publish',
      decidedBy: null,
      reason: null,
      hits: [],
      queues: null,
      section: null,
      categories: [],
    });
  });

  it('drop records the rule, its reason and what matched', () => {
    const d = decide([drop]);
    expect(d.outcome).toBe('drop');
    expect(d.reason).toBe('not our beat');
    expect(d.decidedBy).toEqual({ rule: 'no-markets', scope: 'global', action: 'drop', matched: 'body: "stocks"' });
  });

  it('hold: the reason defaults to the rule name', () => {
    const d = decide([hold]);
    expect(d.outcome).toBe('hold');
    expect(d.reason).toBe('check-inflation');
  });

  it('tag adds categories the item does not have yet, once', () => {
    const d = decide([
      tag,
      rule({ name: 'tag2', action: 'tag', categories: ['Economy'], when: [{ field: 'body', any: ['stocks'] }] }),
    ]);
    expect(d.outcome).toBe('publish');
    expect(d.categories).toEqual(['Economy']);
    expect(d.hits.map((h) => h.rule)).toEqual(['tag-economy', 'tag2']);
  });

  it('route: queues of every matching route rule, section of the first', () => {
    const d = decide([route, route2]);
    expect(d.queues).toEqual(['cms-business', 'cms-web']);
    expect(d.section).toBe('Business');
  });

  it('the first matching drop or hold wins and stops evaluation', () => {
    expect(decide([hold, drop]).decidedBy?.rule).toBe('check-inflation');
    const d = decide([tag, drop, hold, route]);
    expect(d.outcome).toBe('drop');
    expect(d.hits.map((h) => h.rule)).toEqual(['tag-economy', 'no-markets']);
    expect(d.queues).toBeNull();
  });

  it("wire.yaml's rules run before the source's", () => {
    const d = decide([hold], subject(), [drop]);
    expect(d.decidedBy).toMatchObject({ rule: 'check-inflation', scope: 'global' });
    const d2 = decide([tag], subject(), [drop]);
    expect(d2.decidedBy).toMatchObject({ rule: 'no-markets', scope: 'source' });
  });

  it('a rule list refuses a name used twice and actions with the wrong fields', () => {
    expect(
      EditorialRules.safeParse([
        { name: 'a', action: 'drop', when: [{ field: 'body', any: ['x'] }] },
        { name: 'a', action: 'hold', when: [{ field: 'body', any: ['x'] }] },
      ]).success,
    ).toBe(false);
    expect(EditorialRule.safeParse({ name: 'a', action: 'route', when: [{ field: 'body', any: ['x'] }] }).success).toBe(
      false,
    );
    expect(EditorialRule.safeParse({ name: 'a', action: 'tag', when: [{ field: 'body', any: ['x'] }] }).success).toBe(
      false,
    );
    expect(
      EditorialRule.safeParse({ name: 'a', action: 'drop', section: 'X', when: [{ field: 'body', any: ['x'] }] })
        .success,
    ).toBe(false);
    expect(
      EditorialRule.safeParse({
        name: 'a',
        action: 'tag',
        reason: 'x',
        categories: ['y'],
        when: [{ field: 'body', any: ['x'] }],
      }).success,
    ).toBe(false);
  });
});
