import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config/load.js';
import { writeConfig } from '../helpers/config.js';

const SOURCES = `sources:
  - id: one
    name: One
    feed: https://one.example/feed
    rules:
      - name: one-sport
        action: tag
        categories: [Sport]
        when:
          - field: body
            any: [football]
  - id: two
    name: Two
    feed: https://two.example/feed
    rules:
      - name: bad-route
        action: route
        queues: [nowhere]
        when:
          - field: body
            any: [x]
  - id: three
    name: Three
    feed: https://three.example/feed
    rules:
      - name: bad-term
        action: drop
        when:
          - field: body
            any: ["/(/"]
`;

const WIRE = `site: X
publish:
  queues: [publish, cms-sport]
rules:
  - name: no-horoscopes
    action: drop
    reason: horoscopes are not news
    when:
      - field: [headline, summary]
        any: [horoscope, star sign, "/zodiac/i"]
  - name: sport-desk
    action: route
    queues: [cms-sport]
    section: Sport
    when:
      - field: categories
        any: [sport]
`;

function refusal(wire: string, sources = 'sources: []\n'): ConfigError {
  try {
    loadConfig(writeConfig(wire, sources));
  } catch (e) {
    return e as ConfigError;
  }
  throw new Error('config was accepted');
}

describe('rules in the config', () => {
  it("loads wire.yaml's rules and each source's own", () => {
    const c = loadConfig(writeConfig(WIRE, SOURCES));
    expect(c.wire.rules.map((r) => r.name)).toEqual(['no-horoscopes', 'sport-desk']);
    expect(c.wire.rules[0].when[0].not).toBe(false);
    expect(c.wire.rules[0].match).toBe('all');
    expect(c.sources.map((s) => s.id)).toEqual(['one']);
    expect(c.sources[0].rules?.map((r) => r.name)).toEqual(['one-sport']);
  });

  it('a bad source rule skips that source, with file, path and line', () => {
    const c = loadConfig(writeConfig(WIRE, SOURCES));
    const byPath = Object.fromEntries(c.problems.map((p) => [p.path, p]));
    expect(byPath['sources[1].rules[0].queues'].message).toBe(
      '"nowhere" is not in publish.queues (publish, cms-sport)',
    );
    expect(byPath['sources[1].rules[0].queues'].line).toBe(18);
    expect(byPath['sources[1].rules[0].queues'].sourceId).toBe('two');
    expect(byPath['sources[2].rules[0].when[0].any[0]'].message).toMatch(/invalid regular expression/);
    expect(byPath['sources[2].rules[0].when[0].any[0]'].line).toBe(30);
  });

  it('a bad rule in wire.yaml refuses the config, naming file, path and line', () => {
    const err = refusal(WIRE.replace('queues: [cms-sport]', 'queues: [cms-news]'));
    expect(err.message).toMatch(/wire\.yaml:13: `rules\[1\]\.queues`: "cms-news" is not in publish\.queues/);
    const err2 = refusal(
      'site: X\nrules:\n  - name: a\n    action: tag\n    when:\n      - field: body\n        any: [x]\n',
    );
    expect(err2.message).toMatch(/wire\.yaml:3: `rules\[0\]`: a tag rule needs categories/);
    const err3 = refusal(
      'site: X\nrules:\n  - name: a\n    action: drop\n    when:\n      - field: bodie\n        any: [x]\n',
    );
    expect(err3.message).toMatch(/wire\.yaml:6: `rules\[0\]\.when\[0\]\.field`/);
  });

  it('no rules: an empty list', () => {
    expect(loadConfig(writeConfig('site: X\n', 'sources: []\n')).wire.rules).toEqual([]);
  });
});
