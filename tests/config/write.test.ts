import { existsSync, readdirSync, readFileSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load.js';
import { appendSources, setSourceEnabled } from '../../src/config/write.js';
import { writeConfig } from '../helpers/config.js';

const WIRE = 'site: Example Daily\n';
const NEW = [
  { id: 'agency-one', name: 'Agency One', feed: 'https://one.example/rss' },
  { id: 'agency-two', name: 'Agency "Two"', feed: 'https://two.example/rss', every: '5m', enabled: false },
];
const sourcesText = (dir: string) => readFileSync(join(dir, 'sources.yaml'), 'utf8');
const loaded = (dir: string) => loadConfig(dir).sources.map((s) => [s.id, s.name, s.feed, s.everyMs, s.enabled]);
const EXPECTED = [
  ['agency-one', 'Agency One', 'https://one.example/rss', 600_000, true],
  ['agency-two', 'Agency "Two"', 'https://two.example/rss', 300_000, false],
];

describe('writing sources.yaml', () => {
  it.each([
    ['an empty flow list', 'sources: []\n'],
    ['a bare sources:', 'sources:\n'],
    ['an empty file', ''],
    ['a file of comments only', '# nothing yet\n'],
    ['defaults and an empty list', 'defaults:\n  every: 10m\nsources: [] # none yet\n'],
  ])('adds entries to %s, and the result loads', (_, text) => {
    const dir = writeConfig(WIRE, text);
    appendSources(dir, NEW, 'imported from feeds.opml');
    expect(loaded(dir)).toEqual(EXPECTED);
    expect(sourcesText(dir)).toContain('# imported from feeds.opml');
    if (text.startsWith('#')) expect(sourcesText(dir)).toContain('# nothing yet');
  });

  it('creates a missing file', () => {
    const dir = writeConfig(WIRE, '');
    unlinkSync(join(dir, 'sources.yaml'));
    appendSources(dir, NEW);
    expect(loaded(dir)).toEqual(EXPECTED);
  });

  it('keeps a commented file byte for byte, the new entries below the last one', () => {
    const text = [
      '# Our agencies.',
      'defaults:',
      '  every: 10m   # house default',
      '',
      'sources:',
      '  - id: old',
      '    name: Old Agency',
      '    feed: https://old.example/rss',
      '    headline:',
      '      strip: ["/ \\\\| Old$/", " | Old"]   # aligned comment',
      '',
      '# the end',
      '',
    ].join('\n');
    const dir = writeConfig(WIRE, text);
    appendSources(dir, NEW, 'imported');
    const after = sourcesText(dir);
    const at = text.indexOf('\n# the end');
    expect(after.startsWith(text.slice(0, at))).toBe(true);
    expect(after.endsWith(text.slice(at))).toBe(true);
    expect(after.slice(at, after.length - (text.length - at))).toBe(
      '\n  # imported\n  - id: agency-one\n    name: Agency One\n    feed: https://one.example/rss\n' +
        '  - id: agency-two\n    name: Agency "Two"\n    feed: https://two.example/rss\n    every: 5m\n    enabled: false\n',
    );
    expect(loaded(dir).map((s) => s[0])).toEqual(['old', 'agency-one', 'agency-two']);
  });

  it('leaves the file untouched, and no temporary file, when the result would not load', () => {
    const text = 'sources:\n  - id: old\n    name: Old\n    feed: https://old.example/rss\n';
    const dir = writeConfig(WIRE, text);
    expect(() => appendSources(dir, [{ id: 'Bad Id', name: 'X', feed: 'https://x.example/' }])).toThrow(/id/);
    expect(() => appendSources(dir, [{ id: 'x', name: 'X', feed: 'not a url' }])).toThrow(/http/);
    expect(sourcesText(dir)).toBe(text);
    expect(readdirSync(dir).sort()).toEqual(['sources.yaml', 'wire.yaml']);
  });

  it('leaves a file it cannot parse untouched', () => {
    const text = 'sources:\n  - id: old\n   name: [unclosed\n';
    const dir = writeConfig(WIRE, text);
    expect(() => appendSources(dir, NEW)).toThrow();
    expect(sourcesText(dir)).toBe(text);
    writeFileSync(join(dir, 'sources.yaml'), 'sources: 3\n');
    expect(() => appendSources(dir, NEW)).toThrow(/must be a list/);
    expect(sourcesText(dir)).toBe('sources: 3\n');
    expect(existsSync(join(dir, 'sources.yaml'))).toBe(true);
  });

  describe('with a backup (the console and `sources import --write`)', () => {
    const TEXT = '# agencies\nsources:\n  - id: old   # keep me\n    name: Old\n    feed: https://old.example/rss\n';

    it('keeps the file as it was in sources.yaml.bak, and the new one keeps comments and layout', () => {
      const dir = writeConfig(WIRE, TEXT);
      const done = appendSources(dir, NEW, 'added', { backup: true });
      expect(done.backup).toBe(join(dir, 'sources.yaml.bak'));
      expect(readFileSync(done.backup!, 'utf8')).toBe(TEXT);
      expect(sourcesText(dir).startsWith(TEXT)).toBe(true);
      expect(loaded(dir).map((s) => s[0])).toEqual(['old', 'agency-one', 'agency-two']);
      // A second write backs up the first result, not the original.
      const first = sourcesText(dir);
      appendSources(dir, [{ id: 'three', name: 'Three', feed: 'https://three.example/rss' }], undefined, {
        backup: true,
      });
      expect(readFileSync(done.backup!, 'utf8')).toBe(first);
    });

    it('replaces the file atomically: a new inode put in place by rename, no temporary file left', () => {
      const dir = writeConfig(WIRE, TEXT);
      const before = statSync(join(dir, 'sources.yaml')).ino;
      appendSources(dir, NEW, undefined, { backup: true });
      expect(statSync(join(dir, 'sources.yaml')).ino).not.toBe(before);
      expect(readdirSync(dir).sort()).toEqual(['sources.yaml', 'sources.yaml.bak', 'wire.yaml']);
    });

    it('validates first: a refused entry writes neither the file nor the backup', () => {
      const dir = writeConfig(WIRE, TEXT);
      const ino = statSync(join(dir, 'sources.yaml')).ino;
      expect(() =>
        appendSources(dir, [{ id: 'x', name: 'X', feed: 'not a url' }], undefined, { backup: true }),
      ).toThrow(/http/);
      expect(sourcesText(dir)).toBe(TEXT);
      expect(statSync(join(dir, 'sources.yaml')).ino).toBe(ino);
      expect(readdirSync(dir).sort()).toEqual(['sources.yaml', 'wire.yaml']);
    });

    it('a new file has nothing to back up', () => {
      const dir = writeConfig(WIRE, '');
      unlinkSync(join(dir, 'sources.yaml'));
      expect(appendSources(dir, NEW, undefined, { backup: true }).backup).toBeNull();
      expect(existsSync(join(dir, 'sources.yaml.bak'))).toBe(false);
    });
  });
});

describe('setting a source enabled or not in sources.yaml', () => {
  const enabledOf = (dir: string) => Object.fromEntries(loadConfig(dir).sources.map((s) => [s.id, s.enabled]));

  it('a flow entry is written by the yaml package: the result loads, the other entries and comments kept', () => {
    const text =
      '# ours\nsources:\n  - { id: a, name: A, feed: "https://a.example/rss" }\n  - id: b # bee\n    name: B\n    feed: https://b.example/rss\n';
    const dir = writeConfig(WIRE, text);
    setSourceEnabled(dir, 'a', false);
    expect(enabledOf(dir)).toEqual({ a: false, b: true });
    expect(sourcesText(dir)).toContain('# ours');
    expect(sourcesText(dir)).toContain('# bee');
    setSourceEnabled(dir, 'a', true);
    expect(enabledOf(dir)).toEqual({ a: true, b: true });
  });

  it('an enabled: false first in its entry, or with a comment, becomes true, its line kept', () => {
    const text =
      'sources:\n  - enabled: false\n    id: a\n    name: A\n    feed: https://a.example/rss\n  - id: b\n    name: B\n    feed: https://b.example/rss\n    enabled: false # broken feed\n';
    const dir = writeConfig(WIRE, text);
    setSourceEnabled(dir, 'a', true);
    setSourceEnabled(dir, 'b', true);
    expect(sourcesText(dir)).toBe(
      text.replace('- enabled: false', '- enabled: true').replace('enabled: false #', 'enabled: true #'),
    );
    expect(enabledOf(dir)).toEqual({ a: true, b: true });
  });

  it('refuses an unknown source and a file that does not parse, leaving the file and no backup', () => {
    const text = 'sources:\n  - id: a\n    name: A\n    feed: https://a.example/rss\n';
    const dir = writeConfig(WIRE, text);
    expect(() => setSourceEnabled(dir, 'zzz', false, { backup: true })).toThrow(/no entry with id "zzz"/);
    writeFileSync(join(dir, 'sources.yaml'), `${text}  - id: [\n`);
    expect(() => setSourceEnabled(dir, 'a', false, { backup: true })).toThrow();
    expect(sourcesText(dir)).toBe(`${text}  - id: [\n`);
    expect(existsSync(join(dir, 'sources.yaml.bak'))).toBe(false);
  });
});
