import { describe, expect, it } from 'vitest';
import { ConfigError, formatProblem, loadConfig } from '../../src/config/load.js';
import { DEFAULT_DISCLAIMER } from '../../src/config/schema.js';
import { parseDuration } from '../../src/config/duration.js';
import { writeConfig } from '../helpers/config.js';
import { fileURLToPath } from 'node:url';

const WIRE = 'site: Example Daily\n';

describe('config loading', () => {
  it('applies defaults: section, disclaimer, network, poll interval', () => {
    const dir = writeConfig(
      WIRE,
      'defaults:\n  every: 2m\nsources:\n  - id: a\n    name: Agency A\n    feed: https://a.example/feed\n',
    );
    const c = loadConfig(dir);
    expect(c.wire.section).toBe('Media Wire');
    expect(c.wire.disclaimer).toBe(DEFAULT_DISCLAIMER);
    expect(c.wire.network.allowPrivate).toEqual([]);
    expect(c.sources).toEqual([
      { id: 'a', name: 'Agency A', feed: 'https://a.example/feed', everyMs: 120_000, enabled: true, extract: {} },
    ]);
    expect(c.problems).toEqual([]);
  });

  it('the default disclaimer says what the project promises', () => {
    const text = DEFAULT_DISCLAIMER.toLowerCase();
    for (const phrase of [
      'other news agency',
      'does not necessarily reflect',
      'headlines',
      'does not change the content',
      'source',
      'url',
      'bottom',
    ]) {
      expect(text).toContain(phrase);
    }
  });

  it('reports a bad source entry with file, path, line and reason, and keeps the others', () => {
    const dir = writeConfig(
      WIRE,
      [
        'sources:',
        '  - id: good-one',
        '    name: Good',
        '    feed: https://good.example/rss',
        '  - id: Bad_Id',
        '    name: Bad',
        '    feed: https://bad.example/rss',
        '  - id: no-url',
        '    name: No URL',
        '    feed: not a url',
        '  - id: extra-key',
        '    name: Extra',
        '    feed: https://x.example/rss',
        '    colour: blue',
        '  - id: good-one',
        '    name: Duplicate',
        '    feed: https://dup.example/rss',
        '  - id: slow',
        '    name: Slow',
        '    feed: https://slow.example/rss',
        '    every: sometimes',
        '',
      ].join('\n'),
    );
    const c = loadConfig(dir);
    expect(c.sources.map((s) => s.id)).toEqual(['good-one']);
    const byPath = Object.fromEntries(c.problems.map((p) => [p.path, p]));
    expect(byPath['sources[1].id'].message).toMatch(/lower-case/);
    expect(byPath['sources[1].id'].line).toBe(5);
    expect(byPath['sources[2].feed'].message).toMatch(/absolute http/);
    expect(byPath['sources[2].feed'].line).toBe(10);
    expect(byPath['sources[3].colour'].message).toBe('unknown key "colour"');
    expect(byPath['sources[3].colour'].line).toBe(14);
    expect(byPath['sources[4].id'].message).toMatch(/duplicate id "good-one" \(first used at sources\[0\]\)/);
    expect(byPath['sources[5].every'].message).toMatch(/not a duration/);
    expect(c.problems.every((p) => p.file.endsWith('sources.yaml'))).toBe(true);
  });

  it('rejects an invalid wire.yaml as a whole, naming file, path and line', () => {
    const dir = writeConfig(
      'site: X\nheadline:\n  case: shouting\n  strip: ["/(unclosed/"]\nnetwork:\n  userAgnet: typo\n',
      'sources: []\n',
    );
    let err: ConfigError | undefined;
    try {
      loadConfig(dir);
    } catch (e) {
      err = e as ConfigError;
    }
    expect(err).toBeInstanceOf(ConfigError);
    const paths = err!.problems.map((p) => `${p.path}@${p.line}`);
    expect(paths).toContain('headline.case@3');
    expect(paths).toContain('headline.strip[0]@4');
    expect(paths).toContain('network.userAgnet@6');
    expect(err!.message).toContain('wire.yaml:3: `headline.case`: Invalid option');
    // one line per problem
    expect(err!.message.split('\n')).toHaveLength(3);
  });

  it('says which required key is missing and what it is for, without pointing at another line', () => {
    const err = (() => {
      try {
        loadConfig(writeConfig('section: News\nheadline:\n  case: sentence\n', 'sources: []\n'));
      } catch (e) {
        return e as ConfigError;
      }
    })();
    expect(err).toBeInstanceOf(ConfigError);
    expect(err!.message).toMatch(/\/wire\.yaml: `site` is required \(the republishing site's name\)$/);
    expect(err!.message).not.toMatch(/Invalid input|received undefined/);
    expect(err!.problems[0].line).toBeNull();
    // The same for a source entry: the entry's own line, the field's purpose from the schema.
    const c = loadConfig(writeConfig(WIRE, 'sources:\n  - id: a-source\n    feed: https://agency.example/feed.xml\n'));
    expect(c.problems).toHaveLength(1);
    expect(formatProblem(c.problems[0])).toMatch(
      /sources\.yaml:2: `sources\[0\]\.name` is required \(the agency's name, shown in the attribution\)$/,
    );
  });

  it('says a section with nothing under it is empty', () => {
    expect(() => loadConfig(writeConfig('site: X\njobs:\nnetwork:\n  timeoutMs: 5\n', 'sources: []\n'))).toThrow(
      /wire\.yaml:2: `jobs` is empty: give it a value \(object\) or remove the line$/,
    );
  });

  it('shows only the first YAML syntax error, with its line and a caret under the spot', () => {
    const text = 'site: X\nheadline:\n  case: "sentence\nnetwork:\n  timeoutMs: 5\npoliteness: [1, 2\nfoo: bar\n';
    const err = (() => {
      try {
        loadConfig(writeConfig(text, 'sources: []\n'));
      } catch (e) {
        return e as ConfigError;
      }
    })();
    expect(err).toBeInstanceOf(ConfigError);
    expect(err!.problems).toHaveLength(1);
    const lines = err!.message.split('\n');
    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatch(/wire\.yaml:\d+: YAML syntax: .+ \(column \d+\)$/);
    expect(lines[0]).not.toMatch(/column \d+:$/);
    const line = Number(/wire\.yaml:(\d+):/.exec(lines[0])![1]);
    const column = Number(/\(column (\d+)\)$/.exec(lines[0])![1]);
    expect(lines[1]).toBe(`    ${text.split('\n')[line - 1]}`);
    expect(lines[2]).toBe(`    ${' '.repeat(column - 1)}^`);
  });

  it('reports YAML syntax errors and missing files clearly', () => {
    expect(() => loadConfig(writeConfig('site: [unclosed\n', 'sources: []\n'))).toThrow(/wire\.yaml:\d+/);
    expect(() => loadConfig('/nonexistent-dir')).toThrow(/wire\.yaml.*file not found/s);
    expect(() => loadConfig(writeConfig(WIRE, 'source: []\n'))).toThrow(/unknown key "source"/);
  });

  it('loads the example config shipped in the repo', () => {
    const c = loadConfig(fileURLToPath(new URL('../../config', import.meta.url)));
    expect(c.problems).toEqual([]);
    expect(c.sources.length).toBeGreaterThan(2);
    expect(c.sources.some((s) => !s.enabled)).toBe(true);
    expect(c.wire.headline.case).toBe('sentence');
  });
});

describe('durations', () => {
  it.each([
    ['30s', 30_000],
    ['5m', 300_000],
    ['1h30m', 5_400_000],
    ['2d', 172_800_000],
    ['5 minutes', null],
    ['0s', null],
    ['', null],
  ])('%s -> %s', (text, ms) => expect(parseDuration(text)).toBe(ms));
});
