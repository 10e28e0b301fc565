import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config/load.js';
import { writeConfig } from '../helpers/config.js';

const SOURCES = `sources:
  - id: agency-a
    name: Agency A
    feed: https://a.example/feed
  - id: site-b
    name: Site B
    feed: https://b.example/feed
`;

function refusal(wire: string): ConfigError {
  try {
    loadConfig(writeConfig(wire, SOURCES));
  } catch (e) {
    return e as ConfigError;
  }
  throw new Error('config was accepted');
}

describe('dedupe in wire.yaml', () => {
  it('absent: no grouping; `dedupe: {}`: a 48h window and policy mark', () => {
    expect(loadConfig(writeConfig('site: X\n', SOURCES)).wire.dedupe).toBeUndefined();
    expect(loadConfig(writeConfig('site: X\ndedupe: {}\n', SOURCES)).wire.dedupe).toEqual({
      windowMs: 48 * 3_600_000,
      policy: 'mark',
      prefer: [],
    });
    const c = loadConfig(
      writeConfig('site: X\ndedupe:\n  window: 12h\n  policy: prefer\n  prefer: [site-b, agency-a]\n', SOURCES),
    );
    expect(c.wire.dedupe).toEqual({ windowMs: 12 * 3_600_000, policy: 'prefer', prefer: ['site-b', 'agency-a'] });
    expect(c.problems).toEqual([]);
  });

  it('refuses a bad policy, prefer without its list or with another policy, and a short window, with file and line', () => {
    expect(refusal('site: X\ndedupe:\n  policy: newest\n').message).toMatch(/wire\.yaml:3: `dedupe\.policy`/);
    expect(refusal('site: X\ndedupe:\n  policy: prefer\n').message).toMatch(
      /wire\.yaml:\d+: `dedupe(\.prefer)?`: policy prefer needs a list of source ids/,
    );
    expect(refusal('site: X\ndedupe:\n  policy: first\n  prefer: [site-b]\n').message).toMatch(
      /wire\.yaml:4: `dedupe\.prefer` is only read with policy: prefer \(policy is first\)/,
    );
    expect(refusal('site: X\ndedupe:\n  window: 10s\n').message).toMatch(
      /wire\.yaml:3: `dedupe\.window` must be at least 1m/,
    );
    expect(refusal('site: X\ndedupe:\n  windw: 1h\n').message).toMatch(
      /wire\.yaml:\d+: `dedupe\.windw`: unknown key "windw"/,
    );
  });

  it('a prefer id that is not a configured source is a config problem, with its line', () => {
    const c = loadConfig(
      writeConfig('site: X\ndedupe:\n  policy: prefer\n  prefer:\n    - site-b\n    - agency-z\n', SOURCES),
    );
    expect(c.problems).toEqual([
      {
        file: expect.stringMatching(/wire\.yaml$/),
        path: 'dedupe.prefer[1]',
        line: 6,
        message: '"agency-z" is not a configured source; it ranks after every listed source',
      },
    ]);
    expect(c.sources.map((s) => s.id)).toEqual(['agency-a', 'site-b']);
  });
});
